import AccessReview
import Foundation

/// `clerk-grants convert SNAPSHOT --to ndjson|csv`: flat feeds for SIEMs, data warehouses and
/// spreadsheets. `--redact-pii` swaps emails and names for keyed hashes; it refuses to run without a key,
/// since an unkeyed hash of an email is reversible by hashing candidate addresses.
struct ConvertCommand {
    static let usage = "clerk-grants convert SNAPSHOT --to ndjson|csv [--expand] [--raw-cells] [--redact-pii [--redact-key-file PATH]] [--output FILE]"
    static let keyEnvironmentVariable = "CLERK_GRANTS_REDACT_KEY"
    /// Short keys can be brute-forced together with the guessed values; 16 bytes is the floor.
    static let minimumKeyLength = 16

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ArgumentList(
            rawArguments,
            options: [
                .init(name: "--to", takesValue: true), .init(name: "--expand", takesValue: false),
                .init(name: "--redact-pii", takesValue: false), .init(name: "--redact-key-file", takesValue: true),
                .init(name: "--output", takesValue: true), .init(name: "--raw-cells", takesValue: false),
            ])
        try arguments.requirePositionals(1...1, usage: Self.usage)
        guard let target = arguments.value("--to") else { throw .usage("--to ndjson|csv is required; usage: \(Self.usage)") }
        guard target == "ndjson" || target == "csv" else { throw .usage("--to must be ndjson or csv, not '\(target)'") }
        // CSV cells that a spreadsheet would run as formulas get a leading ' unless --raw-cells says the
        // reader is no spreadsheet.
        let rawCells = arguments.flag("--raw-cells")
        if rawCells, target != "csv" { throw .usage("--raw-cells only applies to --to csv") }
        let redactor = try makeRedactor(arguments)
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        let index = AccessIndex(snapshot)
        let expand = arguments.flag("--expand")
        try ReviewCommand.deliver(to: arguments.value("--output"), context: context) { emit in
            if target == "csv" {
                CSVFeed.write(index, expand: expand, redactor: redactor, rawCells: rawCells, emit: emit)
            } else {
                NDJSONFeed.write(index, expand: expand, redactor: redactor, emit: emit)
            }
        }
        return .success
    }

    private func makeRedactor(_ arguments: ArgumentList) throws(CLIError) -> PIIRedactor? {
        let keyFile = arguments.value("--redact-key-file")
        guard arguments.flag("--redact-pii") else {
            if keyFile != nil { throw .usage("--redact-key-file is only used with --redact-pii") }
            return nil
        }
        var key: [UInt8]
        if let keyFile {
            do {
                key = Array(try KeyFile.read(keyFile, flag: "--redact-key-file", limit: KeyFile.redactionKeyLimit, context: context))
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
