/// The endpoints the fake serves. Only GET is routed; any other method is a 404, like an unknown path.
enum APIRoute: Equatable {
    case users
    case userCount
    case organizations
    case roles
    case permissions
    case instanceMemberships
    case organizationMemberships(organizationID: String)
    case roleSets
    case invitations
    case domains
    case enterpriseConnections
    case machines
    case organizationSettings
    case sessions
    case unknown(path: String)

    init(method: String, path: String) {
        guard method == "GET" else {
            self = .unknown(path: path)
            return
        }
        switch path {
        case "/v1/users": self = .users
        case "/v1/users/count": self = .userCount
        case "/v1/organizations": self = .organizations
        case "/v1/organization_roles": self = .roles
        case "/v1/organization_permissions": self = .permissions
        case "/v1/organization_memberships": self = .instanceMemberships
        case "/v1/role_sets": self = .roleSets
        case "/v1/organization_invitations": self = .invitations
        case "/v1/organization_domains": self = .domains
        case "/v1/enterprise_connections": self = .enterpriseConnections
        case "/v1/machines": self = .machines
        case "/v1/instance/organization_settings": self = .organizationSettings
        case "/v1/sessions": self = .sessions
        default:
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 5, parts[0].isEmpty, parts[1] == "v1", parts[2] == "organizations", !parts[3].isEmpty,
                parts[4] == "memberships"
            {
                self = .organizationMemberships(organizationID: HTTPRequestHead.percentDecoded(parts[3], plusIsSpace: false))
            } else {
                self = .unknown(path: path)
            }
        }
    }

    /// The key of `FakeServerStats.requestsByPath`.
    var statsKey: String {
        switch self {
        case .users: "/v1/users"
        case .userCount: "/v1/users/count"
        case .organizations: "/v1/organizations"
        case .roles: "/v1/organization_roles"
        case .permissions: "/v1/organization_permissions"
        case .instanceMemberships: "/v1/organization_memberships"
        case .organizationMemberships: "/v1/organizations/{organization_id}/memberships"
        case .roleSets: "/v1/role_sets"
        case .invitations: "/v1/organization_invitations"
        case .domains: "/v1/organization_domains"
        case .enterpriseConnections: "/v1/enterprise_connections"
        case .machines: "/v1/machines"
        case .organizationSettings: "/v1/instance/organization_settings"
        case .sessions: "/v1/sessions"
        case .unknown(let path): path
        }
    }
}
