import CanonicalJSON

/// One membership a finding concerns: the place where a reviewer removes or changes the access. A finding
/// about a user lists every membership its rule applies to, so a stale user with three memberships is one
/// finding with three grants, not three findings.
public struct FindingGrant: Sendable, Equatable {
    /// `organization:<id>` and its display name.
    public var organization: String
    public var organizationName: String
    /// Clerk's `orgmem_...` id (or the member grant id when the snapshot carries none).
    public var membershipID: String
    /// The role key as Clerk reported it; nil when the membership states none.
    public var roleKey: String?
    /// The membership's role makes the user an organization admin.
    public var isAdmin: Bool

    public init(organization: String, organizationName: String, membershipID: String, roleKey: String?, isAdmin: Bool) {
        self.organization = organization
        self.organizationName = organizationName
        self.membershipID = membershipID
        self.roleKey = roleKey
        self.isAdmin = isAdmin
    }

    /// `Acme Corp as org:admin (admin), membership orgmem_1`: for text that is escaped as a whole.
    public var summary: String {
        "\(organizationName) as \(roleKey ?? "no role")\(isAdmin ? " (admin)" : ""), membership \(membershipID)"
    }

    /// `json` as `CanonicalJSONWriter.writePretty(_:indent:)` writes it, without building the tree.
    func writePrettyJSON(to writer: inout CanonicalJSONWriter, indent: Int) {
        writer.writeRaw("{\n")
        writer.writePrettyKey("admin", indent: indent)
        writer.writeRaw(isAdmin ? "true,\n" : "false,\n")
        writer.writePrettyMember("membership_id", membershipID, indent: indent)
        writer.writePrettyMember("organization", organization, indent: indent)
        writer.writePrettyMember("organization_name", organizationName, indent: indent)
        writer.writePrettyMember("role_key", roleKey, indent: indent, last: true)
        writer.writeIndent(indent)
        writer.writeRaw("}")
    }

    /// Members in key order, as canonical JSON writes them.
    public var json: JSONValue {
        [
            "admin": .bool(isAdmin), "membership_id": .string(membershipID), "organization": .string(organization),
            "organization_name": .string(organizationName), "role_key": .optional(roleKey),
        ]
    }
}
