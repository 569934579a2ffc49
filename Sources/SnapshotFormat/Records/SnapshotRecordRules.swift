import CanonicalJSON
import ClerkModel

/// The schema's rules on record values beyond their JSON types (`schemas/snapshot.v1.schema.json`): Clerk
/// ids in `ClerkID`'s alphabet, keys by `ClerkKey`'s rule, timestamps within years 1970-9999 (the
/// attributes that hold one, or a count, are `RecordKind`'s: checked whatever the resource type, since no
/// other type has attributes of these names), and each
/// entitlement kind's fixed purpose, grantee, slug form and role fields. `SnapshotValidator` checks decoded
/// records with them; `SnapshotIndexer` restates them over a record's bytes. The model types' decoders do
/// not, so that a graph built from hand-made Clerk objects (tests) still reads back.
enum SnapshotRecordRules {
    static func check(_ resource: Resource) throws(JSONFieldError) {
        guard ClerkID.isValid(resource.clerkID) else { throw notAnID(resource.clerkID, at: "clerk_id") }
        for key in RecordKind.millisecondTimestampAttributes {
            guard let value = resource.attributes[key], !value.isNull else { continue }
            guard let text = value.stringValue, isMillisecondTimestamp(text) else {
                throw JSONFieldError(
                    path: "attributes.\(key)",
                    problem: "\(value.stringValue.map { JSONFieldError.quoted($0) } ?? value.typeName) is not an RFC 3339 UTC timestamp with milliseconds within years 1970-9999")
            }
        }
        for key in RecordKind.countAttributes {
            guard let count = resource.attributes[key], !count.isNull else { continue }
            guard case .int(let number) = count, number >= 0 else {
                throw JSONFieldError(path: "attributes.\(key)", problem: "expected null or a whole number from 0")
            }
        }
        if resource.type == .roleSet { try checkRoleSet(resource) }
    }

    /// `2026-11-20T09:30:00.123Z`: the schema's `timestampMillis`, always with three fractional digits.
    static func isMillisecondTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 24 && Timestamp.milliseconds(rfc3339: bytes) != nil
    }

    static func isMillisecondTimestamp(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isMillisecondTimestamp($0) }
    }

    static func check(_ entitlement: Entitlement) throws(JSONFieldError) {
        let kind = entitlement.kind
        guard entitlement.purpose == kind.purpose else {
            throw JSONFieldError(
                path: "purpose", problem: "a \(kind.rawValue) entitlement has purpose '\(kind.purpose.rawValue)', not '\(entitlement.purpose.rawValue)'")
        }
        guard entitlement.grantableTo == [kind.grantee] else {
            throw JSONFieldError(path: "grantable_to", problem: "a \(kind.rawValue) entitlement is grantable to [\(kind.grantee.rawValue)] only")
        }
        var slug = entitlement.slug
        guard slug.withUTF8({ isValidSlug($0, kind: kind) }) else {
            throw JSONFieldError(path: "slug", problem: "\(JSONFieldError.quoted(entitlement.slug)) is not the slug of a \(kind.rawValue) entitlement")
        }
        switch (kind, entitlement.role, entitlement.roleKey) {
        case (.role, let role?, let roleKey?):
            guard role == entitlement.slug else {
                throw JSONFieldError(path: "role", problem: "\(JSONFieldError.quoted(role)) is not the role its slug names")
            }
            guard ClerkKey.isValid(roleKey) else { throw notAKey(roleKey, at: "role_key") }
        case (.role, let role, _):
            throw JSONFieldError(path: role == nil ? "role" : "role_key", problem: "required for a role entitlement")
        case (_, nil, nil): break
        case (_, let role, _):
            throw JSONFieldError(path: role != nil ? "role" : "role_key", problem: "only a role entitlement carries it")
        }
    }

    static func check(_ grant: Grant) throws(JSONFieldError) {
        let source = grant.source
        if let membershipID = source.membershipID, !ClerkID.isValid(membershipID) {
            throw notAnID(membershipID, at: "source.membership_id")
        }
        if let roleKey = source.roleKey, !ClerkKey.isValid(roleKey) { throw notAKey(roleKey, at: "source.role_key") }
        if let grantedAt = source.grantedAt, Timestamp.milliseconds(rfc3339: grantedAt) == nil {
            throw JSONFieldError(
                path: "source.granted_at", problem: "\(JSONFieldError.quoted(grantedAt)) is not an RFC 3339 UTC timestamp within years 1970-9999")
        }
    }

    /// `member`, `granted`, `access`, or for a role entitlement `role:<clerk id>`.
    static func isValidSlug(_ slug: UnsafeBufferPointer<UInt8>, kind: Entitlement.Kind) -> Bool {
        switch kind {
        case .member: return slug.elementsEqual("member".utf8)
        case .permission: return slug.elementsEqual("granted".utf8)
        case .access: return slug.elementsEqual("access".utf8)
        case .role:
            let prefix = "role:".utf8
            return slug.starts(with: prefix) && ClerkID.isValid(bytes: UnsafeBufferPointer(rebasing: slug[prefix.count...]))
        }
    }

    private static func notAnID(_ value: String, at path: String) -> JSONFieldError {
        JSONFieldError(path: path, problem: "\(JSONFieldError.quoted(value)) is not a Clerk id: expected \(ClerkID.ruleDescription)")
    }

    private static func notAKey(_ value: String, at path: String) -> JSONFieldError {
        JSONFieldError(path: path, problem: "\(JSONFieldError.quoted(value)) is not a valid key: expected \(ClerkKey.ruleDescription)")
    }
}
