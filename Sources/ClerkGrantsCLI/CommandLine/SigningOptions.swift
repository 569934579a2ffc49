import Foundation
import SnapshotFormat

/// `--sign-key-file`, shared by `export` (signs), `validate` and `store verify` (check): declared once here.
enum SigningOptions {
    static let keyFile = OptionDeclaration(
        "--sign-key-file", "PATH", kind: .text,
        help: "HMAC-SHA256 key (the file's bytes, \(SnapshotSeal.minimumKeyLength) bytes to \(KeyFile.hmacKeyLimit >> 10) KiB, held by the auditor) the snapshot's signature is made or checked with")

    /// The key named by `--sign-key-file`, if given: read as every key file is (`KeyFile`), never printed.
    static func key(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> [UInt8]? {
        guard let path = arguments.text(keyFile) else { return nil }
        let bytes = try KeyFile.hmacKey(path, option: keyFile, purpose: "signing", context: context)
        guard bytes.count >= SnapshotSeal.minimumKeyLength else {
            throw .usage("the signing key file \(path) (given with \(keyFile.name)) holds \(bytes.count) bytes; an HMAC key needs at least \(SnapshotSeal.minimumKeyLength)")
        }
        return bytes
    }
}
