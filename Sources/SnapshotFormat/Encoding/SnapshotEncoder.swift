import CanonicalJSON
import ClerkModel

/// Writes a snapshot as canonical JSON laid out one record per line: keys sorted, arrays sorted by id,
/// so two exports of an unchanged tenant differ only in `generated_at` and a text diff shows record changes.
/// Output is produced in chunks, so a snapshot of a million records never sits in memory twice.
public enum SnapshotEncoder {
    static let chunkSize = 1 << 20

    public static func encode(_ snapshot: Snapshot) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(snapshot) { bytes += $0 }
        return bytes
    }

    /// Hands the encoded snapshot to `emit` in chunks of about a megabyte, in order.
    public static func encode(_ snapshot: Snapshot, emit: ([UInt8]) -> Void) {
        encode(snapshot.header, body: snapshot.graph, digest: snapshot.digest, emit: emit)
    }

    /// A snapshot whose digest is already known. With `signingKey` (a 1.2 or later header), the file is
    /// signed (`SnapshotSeal`): the bytes are hashed as they go out, all but the signature's line, which is
    /// written last but two (only `source` and `tool` follow it, and they are held back until it is known),
    /// so the signed file is written in one pass, to a file or a stream alike.
    public static func encode(
        _ header: SnapshotHeader, body: some SnapshotBody, digest: String, signingKey: [UInt8]? = nil, emit: ([UInt8]) -> Void
    ) {
        _ = write(header, body, digest: digest, signingKey: signingKey, emit: emit)
    }

    /// Writes a snapshot and returns its digest: the records go out in canonical form, so hashing them as
    /// they are written gives the digest without a second pass over a million records. The digest's place
    /// is written as a same-length placeholder and `patch(offset, bytes)` fills it in at the end.
    public static func encode(
        _ header: SnapshotHeader, body: some SnapshotBody, emit: ([UInt8]) -> Void,
        patch: (_ offset: Int, _ bytes: [UInt8]) -> Void
    ) -> String {
        let (digest, offset) = write(header, body, digest: nil, emit: emit)
        patch(offset, Array(digest.utf8))
        return digest
    }

    /// The whole sealed document in memory, with its digest: for small snapshots (tests, fuzzing).
    public static func encode(_ header: SnapshotHeader, body: some SnapshotBody) -> (bytes: [UInt8], digest: String) {
        var bytes: [UInt8] = []
        let digest = encode(header, body: body, emit: { bytes += $0 }, patch: { offset, patch in
            bytes.replaceSubrange(offset..<offset + patch.count, with: patch)
        })
        return (bytes, digest)
    }

    /// Writes the document; with no `digest`, hashes the digest sections as they go out and writes a
    /// placeholder where the digest belongs. Returns the digest and the placeholder's offset.
    private static func write(
        _ header: SnapshotHeader, _ body: some SnapshotBody, digest knownDigest: String?, signingKey: [UInt8]? = nil,
        emit unsealed: ([UInt8]) -> Void
    ) -> (digest: String, offset: Int) {
        let hashing = knownDigest == nil
        guard let version = SnapshotLayout.Version(reading: header.schemaVersion) else {
            preconditionFailure("a snapshot header states schema version \(header.schemaVersion), which this tool does not write")
        }
        precondition(signingKey == nil || (version.hasEvidence && !hashing), "only a 1.2 snapshot whose digest is known can be signed")
        // Signing hashes every byte but the signature's line as it goes out (`SnapshotSeal`).
        var seal: SHA256? = signingKey == nil ? nil : SHA256()
        var signatureDeferred = false
        func emit(_ chunk: [UInt8]) {
            seal?.update(chunk)
            unsealed(chunk)
        }
        let allCounts = body.counts
        let counts = SnapshotLayout.counts(allCounts, of: version)
        // The records a later version introduced are counted there: an older file has no place for them.
        let stated = Set(counts.map(\.key))
        precondition(
            allCounts.allSatisfy { stated.contains($0.key) || $0.value == 0 },
            "a snapshot of version \(version.rawValue) cannot hold records its version does not know")
        var writer = CanonicalJSONWriter(reservingCapacity: chunkSize + 65_536)
        var emitted = 0
        var hasher = DigestHasher()
        func flushIfFull() {
            if writer.bytes.count >= chunkSize {
                emit(writer.bytes)
                emitted += writer.bytes.count
                writer.removeAll()
            }
        }
        func member(_ key: String, _ value: JSONValue, last: Bool = false) {
            writer.writeRaw("  ")
            writer.writeString(key)
            writer.writeRaw(": ")
            writer.write(value)
            writer.writeRaw(last ? "\n" : ",\n")
        }
        // Diagnostics: few, outside the digest, written one by one.
        func diagnostics(_ list: [Diagnostic]) {
            writer.writeRaw("  ")
            writer.writeString("diagnostics")
            writer.writeRaw(list.isEmpty ? ": [],\n" : ": [\n")
            for (index, diagnostic) in list.enumerated() {
                writer.writeRaw("    ")
                writer.writeRecord(diagnostic)
                writer.writeRaw(index + 1 < list.count ? ",\n" : "\n")
                flushIfFull()
            }
            if !list.isEmpty { writer.writeRaw("  ],\n") }
        }
        // The record sections are most of the file: their records are encoded in blocks on every core, then
        // hashed and emitted in order here. They are the version's digest sections in file order, so hashing
        // them as they are written frames them as `SnapshotDigest` does.
        func section(_ section: SnapshotSection) {
            let count = body.recordCount(section)
            if hashing { hasher.beginSection(section) }
            writer.writeRaw("  ")
            writer.writeString(section.rawValue)
            writer.writeRaw(count == 0 ? ": [],\n" : ": [\n")
            var first = 0
            while first < count {
                let wave = RecordBlock.encodeWave(of: section, in: body, from: first, count: count)
                for block in wave {
                    if writer.bytes.count > 0 {
                        emit(writer.bytes)
                        emitted += writer.bytes.count
                        writer.removeAll()
                    }
                    if hashing { hasher.records(block.canonical, count: block.count) }
                    first += block.count
                    // Every line ends ",\n" but the section's last, which ends "\n".
                    let bytes = first < count ? block.bytes : Array(block.bytes.dropLast(2)) + [UInt8(ascii: "\n")]
                    emit(bytes)
                    emitted += bytes.count
                }
            }
            writer.writeRaw(count == 0 ? "" : "  ],\n")
            if hashing { hasher.endSection() }
        }
        let placeholder = "sha256:" + String(repeating: "0", count: 64)
        writer.writeRaw("{\n")
        var digestOffset = 0
        let members = version.members
        for field in members {
            let last = field == members.last
            switch field {
            case .complete: member(field.key, .bool(header.complete), last: last)
            case .counts: member(field.key, .object(JSONObject(counts.map { (key: $0.key, value: .int(Int64($0.value))) })), last: last)
            case .diagnostics: diagnostics(body.diagnostics)
            case .digest:
                // The placeholder's first byte, after `  "digest": "`.
                digestOffset = emitted + writer.bytes.count + "  \"\(field.key)\": \"".utf8.count
                member(field.key, .string(knownDigest ?? placeholder), last: last)
            case .accessPaths, .entitlements, .grants, .resources: section(field.section!)
            case .generatedAt: member(field.key, .string(header.generatedAt), last: last)
            case .schema: member(field.key, .string(Snapshot.schemaName), last: last)
            case .schemaVersion: member(field.key, .string(header.schemaVersion), last: last)
            case .source: member(field.key, header.source.json, last: last)
            case .tool: member(field.key, ["name": .string(header.tool.name), "version": .string(header.tool.version)], last: last)
            case .provenance: member(field.key, header.provenance.json, last: last)
            case .chain: member(field.key, header.chain?.json ?? .null, last: last)
            case .signature:
                guard signingKey != nil else {
                    writer.writeRaw(String(decoding: SnapshotSeal.line(nil), as: UTF8.self))
                    break
                }
                // Everything before the line goes out now; what follows waits in the writer for the signature.
                emit(writer.bytes)
                emitted += writer.bytes.count
                writer.removeAll()
                signatureDeferred = true
            }
        }
        writer.writeRaw("}\n")
        if let signingKey, signatureDeferred {
            seal!.update(writer.bytes)
            let line = SnapshotSeal.line(SnapshotSeal.signature(key: signingKey, sealedDigest: seal!.finalize()))
            unsealed(line + writer.bytes)
        } else {
            emit(writer.bytes)
        }
        guard hashing else { return (knownDigest!, digestOffset) }
        return (hasher.finish(), digestOffset)
    }
}

extension Snapshot.Source {
    var json: JSONValue {
        [
            "system": .string(system), "api_url": .string(apiURL), "instance": .string(instance),
            "collections": .array(collections.map { .string($0.rawValue) }),
        ]
    }
}

extension Diagnostic {
    public var json: JSONValue {
        [
            "code": .string(code.rawValue), "severity": .string(severity.rawValue), "message": .string(message),
            "subject": .string(subject),
        ]
    }
}
