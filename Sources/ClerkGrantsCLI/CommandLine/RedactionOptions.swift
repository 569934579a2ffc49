import Foundation
import SnapshotFormat

/// `--redact-pii` and its key, shared by every command that prints people (convert, review, who-can,
/// access, diff): declared once here, so the flag, its key rules and its refusal read the same everywhere.
/// It refuses to run without a key, since an unkeyed hash of an email is reversible by hashing guesses.
enum RedactionOptions {
    static let redactPII = OptionDeclaration.flag(
        "--redact-pii", help: "replace emails, names, usernames and display names with keyed HMAC-SHA256 hashes")
    static let redactKeyFile = OptionDeclaration(
        "--redact-key-file", "PATH", kind: .text, environment: .contents("CLERK_GRANTS_REDACT_KEY"),
        help: "with --redact-pii: the file holding the hashing key, at least \(minimumKeyLength) bytes; the file or the variable must give one")
    /// Both options, in the order commands list them.
    static let options = [redactPII, redactKeyFile]
    static let rules: [OptionRule] = [.requires(redactKeyFile, redactPII)]
    static var keyEnvironmentVariable: String { redactKeyFile.environment!.name }
    /// Short keys can be brute-forced together with the guessed values; 16 bytes is the floor.
    static let minimumKeyLength = 16

    /// The redactor `--redact-pii` asks for, nil without it.
    static func redactor(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> PIIRedactor? {
        let keyFile = arguments.text(redactKeyFile)
        guard arguments.flag(redactPII) else { return nil }
        var key: [UInt8]
        if let keyFile {
            key = try KeyFile.hmacKey(keyFile, option: redactKeyFile, purpose: "redaction", context: context)
        } else if let value = context.environment[keyEnvironmentVariable] {
            key = Array(value.utf8)
        } else {
            throw .usage(
                "--redact-pii needs a key: pass --redact-key-file PATH or set \(keyEnvironmentVariable); an unkeyed hash of an email can be reversed by hashing guesses")
        }
        // A key file usually ends with a newline an editor added; it is not part of the key.
        while let last = key.last, last == 0x0A || last == 0x0D { key.removeLast() }
        guard key.count >= minimumKeyLength, let redactor = PIIRedactor(key: key) else {
            throw .usage("the redaction key must be at least \(minimumKeyLength) bytes")
        }
        return redactor
    }
}
