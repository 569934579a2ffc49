import CanonicalJSON
import ClerkModel

/// Canonical bytes of each record written directly, keys in code-point order by construction: a snapshot
/// holds about a million records and building a `JSONValue` tree for each would dominate the export's
/// CPU and memory. `SnapshotValidator` recomputes digests through the generic `JSONValue` path, so any
/// drift between the two is caught by validating what was written.
extension CanonicalJSONWriter {
    package mutating func writeRecord(_ resource: Resource) {
        writeResourceRecord(type: resource.type, clerkID: resource.clerkID, displayName: resource.displayName) {
            $0.write(.object(resource.attributes))
        }
    }

    /// A resource record whose attributes object `writeAttributes` writes: for records written straight
    /// from what was read, without a `Resource` value (each listed user of an export).
    package mutating func writeResourceRecord(
        type: Resource.Kind, clerkID: String, displayName: String, writeAttributes: (inout CanonicalJSONWriter) -> Void
    ) {
        writeRaw("{\"attributes\":")
        writeAttributes(&self)
        writeRaw(",\"clerk_id\":")
        writeString(clerkID)
        writeRaw(",\"display_name\":")
        writeString(displayName)
        writeRaw(",\"id\":")
        // `Resource.id(type, clerkID)`, written from its two parts without joining them.
        var (typeName, id) = (type.rawValue, clerkID)
        typeName.withUTF8 { typeName in id.withUTF8 { writeString(utf8: typeName, separator: UInt8(ascii: ":"), utf8: $0) } }
        writeRaw(",\"type\":")
        writeString(type.rawValue)
        writeRaw("}")
    }

    package mutating func writeRecord(_ entitlement: Entitlement) {
        writeRaw("{\"display_name\":")
        writeString(entitlement.displayName)
        writeRaw(",\"grantable_to\":[")
        for (index, type) in entitlement.grantableTo.enumerated() {
            if index > 0 { writeRaw(",") }
            writeString(type.rawValue)
        }
        writeRaw("],\"id\":")
        writeString(entitlement.id)
        writeRaw(",\"kind\":")
        writeString(entitlement.kind.rawValue)
        writeRaw(",\"purpose\":")
        writeString(entitlement.purpose.rawValue)
        writeRaw(",\"resource\":")
        writeString(entitlement.resource)
        if let role = entitlement.role {
            writeRaw(",\"role\":")
            writeString(role)
        }
        if let roleKey = entitlement.roleKey {
            writeRaw(",\"role_key\":")
            writeString(roleKey)
        }
        writeRaw(",\"slug\":")
        writeString(entitlement.slug)
        writeRaw("}")
    }

    package mutating func writeRecord(_ grant: Grant) {
        writeRaw("{\"entitlement\":")
        writeString(grant.entitlement)
        writeRaw(",\"id\":")
        writeString(grant.id)
        writeRaw(",\"principal\":")
        writeString(grant.principal)
        writeRaw(",\"source\":{")
        var separator = ""
        if let grantedAt = grant.source.grantedAt {
            writeRaw("\"granted_at\":")
            writeString(grantedAt)
            separator = ","
        }
        if let membershipID = grant.source.membershipID {
            writeRaw(separator + "\"membership_id\":")
            writeString(membershipID)
            separator = ","
        }
        if let roleKey = grant.source.roleKey {
            writeRaw(separator + "\"role_key\":")
            writeString(roleKey)
        }
        writeRaw("}}")
    }

    package mutating func writeRecord(_ path: AccessPath) {
        writeRaw("{\"entitlement\":")
        writeString(path.entitlement)
        writeRaw(",\"id\":")
        writeString(path.id)
        writeRaw(",\"kind\":")
        writeString(path.kind.rawValue)
        if let matchingUser = path.matchingUser {
            writeRaw(",\"matching_user\":")
            writeString(matchingUser)
        }
        writeRaw(",\"organization\":")
        writeString(path.organization)
        writeRaw(",\"principal\":")
        writeString(path.principal)
        writeRaw(",\"source\":")
        write(.object(path.source))
        writeRaw(",\"status\":")
        writeString(path.status)
        writeRaw("}")
    }

    package mutating func writeRecord(_ diagnostic: Diagnostic) {
        writeRaw("{\"code\":")
        writeString(diagnostic.code.rawValue)
        writeRaw(",\"message\":")
        writeString(diagnostic.message)
        writeRaw(",\"severity\":")
        writeString(diagnostic.severity.rawValue)
        writeRaw(",\"subject\":")
        writeString(diagnostic.subject)
        writeRaw("}")
    }
}
