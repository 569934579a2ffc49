import CanonicalJSON
import Foundation

/// One decoded list response. `totalCount` is absent for `GET /users`, which answers a bare array.
public struct ClerkPage: Sendable {
    public var items: Items
    public var totalCount: Int64?

    public enum Items: Sendable {
        case users([ClerkUser])
        case organizations([ClerkOrganization])
        case roles([ClerkRole])
        case permissions([ClerkPermission])
        case memberships([ClerkMembership])
        case roleSets([ClerkRoleSet])
        case invitations([ClerkInvitation])
        case domains([ClerkOrganizationDomain])
        case enterpriseConnections([ClerkEnterpriseConnection])
        case machines([ClerkMachine])
        /// One user's active sessions (`GET /v1/sessions?user_id=...&status=active`).
        case sessions([ClerkSession])
        /// `GET /v1/instance/organization_settings`, read with the domains: one object, not a list.
        case organizationSettings(ClerkOrganizationSettings)
    }

    public init(items: Items, totalCount: Int64? = nil) {
        self.items = items
        self.totalCount = totalCount
    }

    public var count: Int {
        switch items {
        case .users(let list): return list.count
        case .organizations(let list): return list.count
        case .roles(let list): return list.count
        case .permissions(let list): return list.count
        case .memberships(let list): return list.count
        case .roleSets(let list): return list.count
        case .invitations(let list): return list.count
        case .domains(let list): return list.count
        case .enterpriseConnections(let list): return list.count
        case .machines(let list): return list.count
        case .sessions(let list): return list.count
        case .organizationSettings: return 1
        }
    }

    /// The ids on the page in order: the cursor for the next users page is the last of them.
    public var ids: [String] {
        switch items {
        case .users(let list): return list.map(\.id)
        case .organizations(let list): return list.map(\.id)
        case .roles(let list): return list.map(\.id)
        case .permissions(let list): return list.map(\.id)
        case .memberships(let list): return list.map(\.id)
        case .roleSets(let list): return list.map(\.id)
        case .invitations(let list): return list.map(\.id)
        case .domains(let list): return list.map(\.id)
        case .enterpriseConnections(let list): return list.map(\.id)
        case .machines(let list): return list.map(\.id)
        case .sessions(let list): return list.map(\.id)
        case .organizationSettings: return []
        }
    }

    /// Decodes a list response body for `collection`, checking the documented shape.
    public static func decode(_ body: Data, as collection: ClerkCollection) throws(ClerkPageError) -> ClerkPage {
        // Memberships and users, most of the pages, in one pass over the bytes; any other page, and any page
        // that pass gives up on, the tree decoder reads (and explains, when it is malformed).
        if let reader = onePassReader(collection), let page = body.withUnsafeBytes({ reader($0.bindMemory(to: UInt8.self)) }) {
            return page
        }
        return try decodeTree(body, as: collection)
    }

    /// The one-pass reader of a collection's pages, where there is one.
    package static func onePassReader(_ collection: ClerkCollection) -> ((UnsafeBufferPointer<UInt8>) -> ClerkPage?)? {
        switch collection {
        case .memberships: return MembershipPageReader.read
        case .users: return UserPageReader.read
        default: return nil
        }
    }

    /// The tree decoder: every collection, every shape, and the reasons a page is malformed.
    package static func decodeTree(_ body: Data, as collection: ClerkCollection) throws(ClerkPageError) -> ClerkPage {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body, keeping: collection.pageKeys)
        } catch {
            throw .invalidJSON(reason: error)
        }
        do {
            return try decode(document, as: collection)
        } catch {
            throw .unexpectedShape(problem: error)
        }
    }

    static func decode(_ document: JSONValue, as collection: ClerkCollection) throws(JSONFieldError) -> ClerkPage {
        let elements: [JSONValue]
        let totalCount: Int64?
        let prefix: String
        if collection.isBareArray {
            guard let array = document.arrayValue else {
                throw JSONFieldError(path: "", problem: "expected a JSON array of \(collection.rawValue), found \(document.typeName)")
            }
            elements = array
            totalCount = nil
            prefix = ""
        } else {
            guard let object = document.objectValue else {
                throw JSONFieldError(path: "", problem: "expected an object {data, total_count}, found \(document.typeName)")
            }
            elements = try object.requiredArray("data")
            totalCount = try object.requiredCount("total_count")
            prefix = "data"
        }
        func each<T>(_ decode: (JSONObject) throws(JSONFieldError) -> T) throws(JSONFieldError) -> [T] {
            var result: [T] = []
            result.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                let path = "\(prefix)[\(index)]"
                guard let object = element.objectValue else {
                    throw JSONFieldError(path: path, problem: "expected object, found \(element.typeName)")
                }
                do {
                    result.append(try decode(object))
                } catch {
                    throw error.nested(under: path)
                }
            }
            return result
        }
        switch collection {
        case .users: return ClerkPage(items: .users(try each(ClerkUser.init(json:))), totalCount: totalCount)
        case .organizations:
            return ClerkPage(items: .organizations(try each(ClerkOrganization.init(json:))), totalCount: totalCount)
        case .roles: return ClerkPage(items: .roles(try each(ClerkRole.init(json:))), totalCount: totalCount)
        case .permissions:
            return ClerkPage(items: .permissions(try each(ClerkPermission.init(json:))), totalCount: totalCount)
        case .memberships:
            return ClerkPage(items: .memberships(try each(ClerkMembership.init(json:))), totalCount: totalCount)
        case .roleSets: return ClerkPage(items: .roleSets(try each(ClerkRoleSet.init(json:))), totalCount: totalCount)
        case .invitations: return ClerkPage(items: .invitations(try each(ClerkInvitation.init(json:))), totalCount: totalCount)
        case .domains: return ClerkPage(items: .domains(try each(ClerkOrganizationDomain.init(json:))), totalCount: totalCount)
        case .enterpriseConnections:
            return ClerkPage(items: .enterpriseConnections(try each(ClerkEnterpriseConnection.init(json:))), totalCount: totalCount)
        case .machines: return ClerkPage(items: .machines(try each(ClerkMachine.init(json:))), totalCount: totalCount)
        case .sessions: return ClerkPage(items: .sessions(try each(ClerkSession.init(json:))), totalCount: totalCount)
        }
    }

    /// Decodes `GET /instance/organization_settings` into a one-object page.
    public static func decodeOrganizationSettings(_ body: Data) throws(ClerkPageError) -> ClerkPage {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body, keeping: JSONKeyFilter(ClerkOrganizationSettings.jsonKeys))
        } catch {
            throw .invalidJSON(reason: error)
        }
        guard let object = document.objectValue else {
            throw .unexpectedShape(problem: JSONFieldError(path: "", problem: "expected an object, found \(document.typeName)"))
        }
        do {
            return ClerkPage(items: .organizationSettings(try ClerkOrganizationSettings(json: object)))
        } catch {
            throw .unexpectedShape(problem: error)
        }
    }

    /// Decodes `GET /users/count`: `{"object":"total_count","total_count":N}`.
    public static func decodeTotalCount(_ body: Data) throws(ClerkPageError) -> Int64 {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw .invalidJSON(reason: error)
        }
        guard let object = document.objectValue else {
            throw .unexpectedShape(problem: JSONFieldError(path: "", problem: "expected an object, found \(document.typeName)"))
        }
        do {
            return try object.requiredCount("total_count")
        } catch {
            throw .unexpectedShape(problem: error)
        }
    }
}

/// Why a response body could not be used as a page.
public enum ClerkPageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not JSON (or repeats a key); `reason` says what and at which byte.
    case invalidJSON(reason: JSONParseError)
    /// The body is JSON but not the documented shape; `problem` names the field's path.
    case unexpectedShape(problem: JSONFieldError)

    /// The field that broke the documented shape, when the body was JSON.
    public var fieldProblem: JSONFieldError? {
        if case .unexpectedShape(let problem) = self { return problem }
        return nil
    }

    /// Why the body is not JSON, when it is not.
    public var parseProblem: JSONParseError? {
        if case .invalidJSON(let reason) = self { return reason }
        return nil
    }

    public var description: String {
        switch self {
        case .invalidJSON(let error): return "the body is not valid JSON (\(error))"
        case .unexpectedShape(let error): return "the body is not the documented shape (\(error))"
        }
    }
}
