import CanonicalJSON
import OCSF
import SnapshotFormat

/// `convert --to ocsf`: the snapshot as OCSF User Inventory Info (5003, activity Collect) records, one per
/// user in id order, as NDJSON. Each carries the user (`uid` the Clerk id, `name` the username,
/// `email_addr`, `full_name`, `has_mfa`, `created_time`, `last_login_time`) and, as `user.groups`, each
/// organization the user belongs to with the membership's role key as the group's privilege. `time` is the
/// snapshot's `generated_at`; `banned` and `locked`, which the user object of this OCSF release has no
/// attribute for, are under `unmapped`. A redacting index (`--redact-pii`) gives tokens for emails, names and usernames.
public enum OCSFInventoryFeed {
    public static func write(
        _ index: AccessIndex, product: OCSFProduct, chunkSize: Int = ChunkedOutput.defaultChunkSize,
        emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        var writer = CanonicalJSONWriter(reservingCapacity: 4096)
        // One record at a time: a hundred thousand users never stand in memory as events together.
        let time = Timestamp.milliseconds(rfc3339: index.snapshot.generatedAt) ?? 0
        for facts in index.users { out.write(event(facts, index: index, time: time, product: product).line(using: &writer)) }
        out.finish()
    }

    /// The records `write` writes, in its order.
    public static func events(_ index: AccessIndex, product: OCSFProduct) -> [OCSFEvent] {
        let time = Timestamp.milliseconds(rfc3339: index.snapshot.generatedAt) ?? 0
        return index.users.map { event($0, index: index, time: time, product: product) }
    }

    static func event(_ facts: UserFacts, index: AccessIndex, time: Int64, product: OCSFProduct) -> OCSFEvent {
        let resource = index.resource(facts.id)
        // A redacting index (`--redact-pii`) hands out the user with tokens for names and addresses.
        func personal(_ attribute: String) -> JSONValue? { resource?.string(attribute).map(JSONValue.string) }
        func millis(_ attribute: String) -> JSONValue? {
            resource?.string(attribute).flatMap { Timestamp.milliseconds(rfc3339: $0) }.map(JSONValue.int)
        }
        var user = OCSFObject.user(clerkID: Resource.clerkID(of: facts.id))
        user["name"] = personal("username")
        user["email_addr"] = personal("primary_email")
        let fullName = [resource?.string("first_name"), resource?.string("last_name")].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " ")
        if !fullName.isEmpty { user["full_name"] = .string(fullName) }
        user["has_mfa"] = facts.twoFactorEnabled.map(JSONValue.bool)
        user["created_time"] = millis("created_at")
        user["last_login_time"] = millis("last_sign_in_at")
        let groups: [JSONValue] = index.memberships(ofUser: facts.id).map { membership in
            var group = OCSFObject.organization(
                clerkID: Resource.clerkID(of: membership.organization), name: index.organizationName(of: membership))
            if let key = membership.roleKey { group["privileges"] = [.string(key)] }
            return .object(group)
        }
        if !groups.isEmpty { user["groups"] = .array(groups) }
        var unmapped = JSONObject()
        unmapped["banned"] = facts.banned.map(JSONValue.bool)
        unmapped["locked"] = facts.locked.map(JSONValue.bool)
        var attributes = JSONObject([("user", .object(user))])
        if unmapped.count > 0 { attributes["unmapped"] = .object(unmapped) }
        return OCSFEvent(
            .userInventoryInfo, activity: .discoveryCollect, time: time, product: product,
            message: "user \(Resource.clerkID(of: facts.id)) in \(groups.count) organization\(groups.count == 1 ? "" : "s")", attributes: attributes)
    }
}
