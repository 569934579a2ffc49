import CanonicalJSON
import Foundation

/// The collections of a Clerk instance that make up an access snapshot, in the order they are named on the
/// command line (`--resources users,organizations,roles,permissions,memberships`).
public enum ClerkCollection: String, Sendable, CaseIterable, Comparable, Codable {
    case users
    case organizations
    case roles
    case permissions
    case memberships

    /// The Backend API path that lists the collection.
    public var apiPath: String {
        switch self {
        case .users: return "/v1/users"
        case .organizations: return "/v1/organizations"
        case .roles: return "/v1/organization_roles"
        case .permissions: return "/v1/organization_permissions"
        case .memberships: return "/v1/organization_memberships"
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
        }
    }

    private static let envelope: Set<String> = ["data", "total_count"]
    private static let userPageKeys = JSONKeyFilter(ClerkUser.jsonKeys)
    private static let organizationPageKeys = JSONKeyFilter(ClerkOrganization.jsonKeys.union(envelope))
    private static let rolePageKeys = JSONKeyFilter(ClerkRole.jsonKeys.union(envelope))
    private static let permissionPageKeys = JSONKeyFilter(ClerkPermission.jsonKeys.union(envelope))
    private static let membershipPageKeys = JSONKeyFilter(ClerkMembership.jsonKeys.union(envelope))

    /// What a diagnostic about the whole collection names as its subject (`collection:users`).
    public var diagnosticSubject: String { "collection:\(rawValue)" }

    /// `GET /users` answers a bare array; every other list answers `{data, total_count}`.
    public var isBareArray: Bool { self == .users }

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
