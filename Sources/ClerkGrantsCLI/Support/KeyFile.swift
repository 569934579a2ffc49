import Foundation
import LocalFiles

/// A file holding a secret: the Clerk secret key (`--secret-key-file`), the redaction key
/// (`--redact-key-file`) or the signing key (`--sign-key-file`). It must be a small regular file; one readable by its group or by others gets a
/// warning on stderr, as ssh gives for a private key. The key itself is never echoed.
enum KeyFile {
    /// A Clerk secret key is about 50 bytes; a file far larger is not a key file.
    static let secretKeyLimit: Int64 = 4096
    /// HMAC keys (redaction, signing) are free-form, but 64 KiB is already far beyond any useful one.
    static let hmacKeyLimit: Int64 = 64 << 10

    static func read(
        _ path: String, flag: String, limit: Int64, context: CommandContext
    ) throws(InputFile.Refusal) -> Data {
        let contents = try InputFile.read(
            context.url(forPath: path), limit: limit, limitDescription: "\(limit >> 10) KiB for a key file")
        if contents.permissions & 0o077 != 0 {
            let mode = String(contents.permissions, radix: 8)
            let padded = String(repeating: "0", count: max(0, 4 - mode.count)) + mode
            context.standardError.line(
                "clerk-grants: warning: permissions \(padded) for '\(path)' are too open: the key file given with \(flag) is readable by its group or by others; restrict it with chmod 600 '\(path)'")
        }
        return contents.bytes
    }

    /// An HMAC key file named by `option` (`--redact-key-file`, `--sign-key-file`), its bytes as they stand;
    /// a refusal says which key file it was, for `purpose` ("redaction", "signing").
    static func hmacKey(_ path: String, option: OptionDeclaration, purpose: String, context: CommandContext) throws(CLIError) -> [UInt8] {
        do {
            return Array(try read(path, flag: option.name, limit: hmacKeyLimit, context: context))
        } catch {
            throw .inputUnreadable(path: path, reason: "the \(purpose) key file (given with \(option.name)): \(error.reason)")
        }
    }
}
