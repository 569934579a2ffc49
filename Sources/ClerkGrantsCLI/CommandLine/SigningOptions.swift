import Foundation
import SnapshotFormat

/// `--sign-key-file`, shared by `export` (signs), `validate` and `store verify` (check): declared once here.
enum SigningOptions {
    /// An HMAC key is free-form; 64 KiB is far beyond any useful one.
    static let keyLimit: Int64 = 64 << 10

    static let keyFile = OptionDeclaration(
        "--sign-key-file", "PATH", kind: .text,
        help: "HMAC-SHA256 key (the file's bytes, \(SnapshotSeal.minimumKeyLength) bytes to \(keyLimit >> 10) KiB, held by the auditor) the snapshot's signature is made or checked with")

    /// The key named by `--sign-key-file`, if given: read as every key file is (`KeyFile`), never printed.
    static func key(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> [UInt8]? {
        guard let path = arguments.text(keyFile) else { return nil }
        let bytes: Data
        do {
            bytes = try KeyFile.read(path, flag: keyFile.name, limit: keyLimit, context: context)
        } catch {
            throw .inputUnreadable(path: path, reason: "the signing key file (given with \(keyFile.name)): \(error.reason)")
        }
        guard bytes.count >= SnapshotSeal.minimumKeyLength else {
            throw .usage("the signing key file \(path) (given with \(keyFile.name)) holds \(bytes.count) bytes; an HMAC key needs at least \(SnapshotSeal.minimumKeyLength)")
        }
        return Array(bytes)
    }
}
