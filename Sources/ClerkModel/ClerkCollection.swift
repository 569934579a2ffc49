import CanonicalJSON
import Foundation

/// The collections of a Clerk instance that make up an access snapshot, in the order they are named on the
/// command line (`--resources users,organizations,roles,permissions,memberships,role_sets,invitations,domains,
/// enterprise_connections,machines`). The first five make the grants; the rest (snapshot 1.1) say which roles an
/// organization offers and every other way access can be gained.
public enum ClerkCollection: String, Sendable, CaseIterable, Comparable, Codable {
    case users
    case organizations
    case roles
    case permissions
    case memberships
    case roleSets = "role_sets"
    /// Pending organization invitations, instance-wide.
    case invitations
    /// Organization domains, with the instance's organization settings (the role a domain enrollment grants).
    case domains
    case enterpriseConnections = "enterprise_connections"
    case machines
    /// Active sessions of the users in a `--sessions` scope: one request per user, so opt-in, never part of
    /// the default set or of `--resources` (`defaultSet`, `isOptIn`).
    case sessions

    /// The Backend API path that lists the collection.
    public var apiPath: String {
        switch self {
        case .users: return "/v1/users"
        case .organizations: return "/v1/organizations"
        case .roles: return "/v1/organization_roles"
        case .permissions: return "/v1/organization_permissions"
        case .memberships: return "/v1/organization_memberships"
        case .roleSets: return "/v1/role_sets"
        case .invitations: return "/v1/organization_invitations"
        case .domains: return "/v1/organization_domains"
        case .enterpriseConnections: return "/v1/enterprise_connections"
        case .machines: return "/v1/machines"
        case .sessions: return "/v1/sessions"
        }
    }

    /// The folder a recording or fixture keeps this collection's pages in (named after the API path).
    public var fixtureFolder: String {
        switch self {
        case .users: return "users"
        case .organizations: return "organizations"
        case .roles: return "organization_roles"
        case .permissions: return "organization_permissions"
        case .memberships: return "organization_memberships"
        case .roleSets: return "role_sets"
        case .invitations: return "organization_invitations"
        case .domains: return "organization_domains"
        case .enterpriseConnections: return "enterprise_connections"
        case .machines: return "machines"
        case .sessions: return "sessions"
        }
    }

    /// The keys a page of this collection is parsed keeping: what the objects' `init(json:)` read, and the
    /// list envelope's.
    public var pageKeys: JSONKeyFilter {
        switch self {
        case .users: return Self.userPageKeys
        case .organizations: return Self.organizationPageKeys
        case .roles: return Self.rolePageKeys
        case .permissions: return Self.permissionPageKeys
        case .memberships: return Self.membershipPageKeys
        case .roleSets: return Self.roleSetPageKeys
        case .invitations: return Self.invitationPageKeys
        case .domains: return Self.domainPageKeys
        case .enterpriseConnections: return Self.enterpriseConnectionPageKeys
        case .machines: return Self.machinePageKeys
        case .sessions: return Self.sessionPageKeys
        }
    }

    private static let envelope: Set<String> = ["data", "total_count"]
    private static let userPageKeys = JSONKeyFilter(ClerkUser.jsonKeys)
    private static let organizationPageKeys = JSONKeyFilter(ClerkOrganization.jsonKeys.union(envelope))
    private static let rolePageKeys = JSONKeyFilter(ClerkRole.jsonKeys.union(envelope))
    private static let permissionPageKeys = JSONKeyFilter(ClerkPermission.jsonKeys.union(envelope))
    private static let membershipPageKeys = JSONKeyFilter(ClerkMembership.jsonKeys.union(envelope))
    private static let roleSetPageKeys = JSONKeyFilter(ClerkRoleSet.jsonKeys.union(envelope))
    private static let invitationPageKeys = JSONKeyFilter(ClerkInvitation.jsonKeys.union(envelope))
    private static let domainPageKeys = JSONKeyFilter(ClerkOrganizationDomain.jsonKeys.union(envelope))
    private static let enterpriseConnectionPageKeys = JSONKeyFilter(ClerkEnterpriseConnection.jsonKeys.union(envelope))
    private static let machinePageKeys = JSONKeyFilter(ClerkMachine.jsonKeys.union(envelope))
    private static let sessionPageKeys = JSONKeyFilter(ClerkSession.jsonKeys)

    /// Read only when asked for with its own flag (`--sessions`), after the others: not in `defaultSet`,
    /// and `--resources` does not take it.
    public var isOptIn: Bool { self == .sessions }

    /// What an export reads when `--resources` is not given: every collection but the opt-in ones.
    public static let defaultSet: Set<ClerkCollection> = Set(allCases.filter { !$0.isOptIn })

    /// The collections a snapshot 1.0 had: they make the grants. A key refused on one of them fails the
    /// export; the others are read by default and a refusal of one not named in `--resources` is a diagnostic.
    public static let grantCollections: Set<ClerkCollection> = [.users, .organizations, .roles, .permissions, .memberships]

    /// Collections whose objects are access paths rather than grants (snapshot 1.1).
    public var isAccessPathSource: Bool { self == .invitations || self == .domains || self == .enterpriseConnections }

    /// What a diagnostic about the whole collection names as its subject (`collection:users`).
    public var diagnosticSubject: String { "collection:\(rawValue)" }

    /// `GET /users` and `GET /sessions` answer a bare array; every other list answers `{data, total_count}`.
    public var isBareArray: Bool { self == .users || self == .sessions }

    public static func < (lhs: ClerkCollection, rhs: ClerkCollection) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a `--resources` list; unknown names are reported all at once so one run fixes them all.
    public static func parseList(_ text: String) -> Result<Set<ClerkCollection>, UnknownCollectionNames> {
        var found = Set<ClerkCollection>()
        var unknown: [String] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if let collection = ClerkCollection(rawValue: name) {
                found.insert(collection)
            } else {
                unknown.append(name)
            }
        }
        if !unknown.isEmpty || found.isEmpty { return .failure(UnknownCollectionNames(names: unknown)) }
        return .success(found)
    }
}

public struct UnknownCollectionNames: Error, Sendable, Equatable {
    public var names: [String]
}
