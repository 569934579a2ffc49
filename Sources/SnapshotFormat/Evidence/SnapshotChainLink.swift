import CanonicalJSON

/// A stored snapshot's link to the one stored before it (1.2 `chain`): that file's name and the SHA-256 of
/// its exact bytes. Written by `export --store` only; `previousFile` is nil for the first snapshot of a
/// store. A snapshot written anywhere else has no link (`"chain": null`). Outside the digest.
public struct SnapshotChainLink: Sendable, Equatable {
    /// The previous stored file's name, e.g. `000041-20261113T000000Z-0123456789ab.json`.
    public var previousFile: String?
    /// `sha256:<64 hex>` of that file's bytes.
    public var previousFileDigest: String?

    public init(previousFile: String?, previousFileDigest: String?) {
        precondition((previousFile == nil) == (previousFileDigest == nil), "a chain link names a file and its digest, or neither")
        self.previousFile = previousFile
        self.previousFileDigest = previousFileDigest
    }

    /// The link of a store's first snapshot.
    public static let start = SnapshotChainLink(previousFile: nil, previousFileDigest: nil)

    /// Longest file name a link may hold.
    public static let nameLimit = 255

    public var json: JSONValue {
        [
            "previous_file": previousFile.map(JSONValue.string) ?? .null,
            "previous_file_sha256": previousFileDigest.map(JSONValue.string) ?? .null,
        ]
    }

    /// A file's `chain` object, checked: a plain file name (no folder, not hidden) and a `sha256:` digest,
    /// both present or both null.
    public init(json: JSONObject) throws(JSONFieldError) {
        if let unknown = json.keys.first(where: { $0 != "previous_file" && $0 != "previous_file_sha256" }) {
            throw JSONFieldError(path: JSONFieldError.shown(unknown), problem: "unknown field")
        }
        for key in ["previous_file", "previous_file_sha256"] where json[key] == nil {
            throw JSONFieldError(path: key, problem: "required field is missing")
        }
        let name = try json.optionalString("previous_file")
        let digest = try json.optionalString("previous_file_sha256")
        if let name, !Self.isPlainFileName(name) {
            throw JSONFieldError(path: "previous_file", problem: "\(JSONFieldError.quoted(name)) is not a file name: expected 1-\(Self.nameLimit) characters of A-Z a-z 0-9 . _ -, not starting with a dot")
        }
        if let digest, !SnapshotSeal.isDigest(digest) {
            throw JSONFieldError(path: "previous_file_sha256", problem: "\(JSONFieldError.quoted(digest)) is not sha256: and 64 lowercase hex digits")
        }
        guard (name == nil) == (digest == nil) else {
            throw JSONFieldError(path: name == nil ? "previous_file" : "previous_file_sha256", problem: "null while the other link field is not")
        }
        self.init(previousFile: name, previousFileDigest: digest)
    }

    /// A name that can only mean a file in the same folder.
    static func isPlainFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...nameLimit).contains(bytes.count), bytes[0] != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
    }
}
