import AccessReview
import Foundation
import OCSF

/// `clerk-grants convert SNAPSHOT --to ndjson|csv|access-file|ocsf`: flat feeds for SIEMs, data warehouses,
/// spreadsheets and compliance platforms. `--redact-pii` swaps emails and names for keyed hashes; it refuses
/// to run without a key, since an unkeyed hash of an email is reversible by hashing candidate addresses.
struct ConvertCommand {
    static let to = OptionDeclaration(
        "--to", "FORMAT", kind: .choice(FeedFormat.allCases.map(\.rawValue)), required: true,
        help: "ndjson gives one canonical JSON record per line, csv one row per membership, access-file one row per user per organization (compliance platforms' access file), ocsf OCSF User Inventory Info records")
    static let expand = OptionDeclaration.flag("--expand", help: "ndjson, csv: one record or row per effective permission")
    static let rawCells = OptionDeclaration.flag(
        "--raw-cells", help: "csv, access-file: no leading ' before cells a spreadsheet would run as formulas (for readers that are no spreadsheet)")
    static let redactPII = OptionDeclaration.flag(
        "--redact-pii", help: "replace emails, names, usernames and display names with keyed HMAC-SHA256 hashes")
    static let redactKeyFile = OptionDeclaration(
        "--redact-key-file", "PATH", kind: .text, environment: .contents("CLERK_GRANTS_REDACT_KEY"),
        help: "with --redact-pii: the file holding the hashing key, at least \(minimumKeyLength) bytes; the file or the variable must give one")
    static let declaration = CommandDeclaration(
        "convert", abstract: "Writes a snapshot as a flat feed: NDJSON records, CSV rows, an access file or OCSF records.",
        positionals: [.init("SNAPSHOT")], options: [to, expand, rawCells, redactPII, redactKeyFile, ReportOptions.output],
        rules: [
            .requiresOneOf(rawCells, to, values: [FeedFormat.csv.rawValue, FeedFormat.accessFile.rawValue]),
            .requiresOneOf(expand, to, values: [FeedFormat.ndjson.rawValue, FeedFormat.csv.rawValue]), .requires(redactKeyFile, redactPII),
        ],
        exitCodes: ReportOptions.exitCodes)
    static var keyEnvironmentVariable: String { redactKeyFile.environment!.name }
    /// Short keys can be brute-forced together with the guessed values; 16 bytes is the floor.
    static let minimumKeyLength = 16

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        // Declared required, so parsing has refused a command line without it.
        guard let feed = arguments.choice(Self.to, as: FeedFormat.self) else { preconditionFailure("--to is required") }
        // CSV cells that a spreadsheet would run as formulas get a leading ' unless --raw-cells says the
        // reader is no spreadsheet.
        let rawCells = arguments.flag(Self.rawCells)
        let redactor = try makeRedactor(arguments)
        let progress = PhaseProgress.start("convert", phase: "reading", context: context)
        defer { progress?.finish() }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        progress?.phase("indexing")
        let index = AccessIndex(snapshot)
        let expand = arguments.flag(Self.expand)
        progress?.output("writing", toStandardOutput: arguments.text(ReportOptions.output) == nil)
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            feed.write(
                index, expand: expand, redactor: redactor, rawCells: rawCells, product: OCSFProduct(version: ClerkGrantsVersion.current), emit: emit)
        }
        return .success
    }

    private func makeRedactor(_ arguments: ParsedArguments) throws(CLIError) -> PIIRedactor? {
        let keyFile = arguments.text(Self.redactKeyFile)
        guard arguments.flag(Self.redactPII) else { return nil }
        var key: [UInt8]
        if let keyFile {
            do {
                key = Array(try KeyFile.read(keyFile, flag: Self.redactKeyFile.name, limit: KeyFile.redactionKeyLimit, context: context))
            } catch {
                throw .inputUnreadable(path: keyFile, reason: "the redaction key file (given with --redact-key-file): \(error.reason)")
            }
        } else if let value = context.environment[Self.keyEnvironmentVariable] {
            key = Array(value.utf8)
        } else {
            throw .usage(
                "--redact-pii needs a key: pass --redact-key-file PATH or set \(Self.keyEnvironmentVariable); an unkeyed hash of an email can be reversed by hashing guesses")
        }
        // A key file usually ends with a newline an editor added; it is not part of the key.
        while let last = key.last, last == 0x0A || last == 0x0D { key.removeLast() }
        guard key.count >= Self.minimumKeyLength, let redactor = PIIRedactor(key: key) else {
            throw .usage("the redaction key must be at least \(Self.minimumKeyLength) bytes")
        }
        return redactor
    }
}
