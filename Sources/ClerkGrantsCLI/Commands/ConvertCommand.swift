import AccessReview
import Foundation
import OCSF

/// `clerk-grants convert SNAPSHOT --to ndjson|csv|access-file|ocsf`: flat feeds for SIEMs, data warehouses,
/// spreadsheets and compliance platforms. `--redact-pii` swaps emails and names for keyed hashes
/// (`RedactionOptions`).
struct ConvertCommand {
    static let to = OptionDeclaration(
        "--to", "FORMAT", kind: .choice(FeedFormat.allCases.map(\.rawValue)), required: true,
        help: "ndjson gives one canonical JSON record per line, csv one row per membership, access-file one row per user per organization (compliance platforms' access file), ocsf OCSF User Inventory Info records")
    static let expand = OptionDeclaration.flag("--expand", help: "ndjson, csv: one record or row per effective permission")
    static let rawCells = OptionDeclaration.flag(
        "--raw-cells", help: "csv, access-file: no leading ' before cells a spreadsheet would run as formulas (for readers that are no spreadsheet)")
    static let declaration = CommandDeclaration(
        "convert", abstract: "Writes a snapshot as a flat feed: NDJSON records, CSV rows, an access file or OCSF records.",
        positionals: [.init("SNAPSHOT")], options: [to, expand, rawCells] + RedactionOptions.options + [ReportOptions.output],
        rules: [
            .requiresOneOf(rawCells, to, values: [FeedFormat.csv.rawValue, FeedFormat.accessFile.rawValue]),
            .requiresOneOf(expand, to, values: [FeedFormat.ndjson.rawValue, FeedFormat.csv.rawValue]),
        ] + RedactionOptions.rules,
        exitCodes: ReportOptions.exitCodes)

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        // Declared required, so parsing has refused a command line without it.
        guard let feed = arguments.choice(Self.to, as: FeedFormat.self) else { preconditionFailure("--to is required") }
        // CSV cells that a spreadsheet would run as formulas get a leading ' unless --raw-cells says the
        // reader is no spreadsheet.
        let rawCells = arguments.flag(Self.rawCells)
        let redactor = try RedactionOptions.redactor(arguments, context: context)
        let progress = PhaseProgress.start("convert", phase: "reading", context: context)
        defer { progress?.finish() }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        progress?.phase("indexing")
        let index = AccessIndex(snapshot, redactor: redactor)
        let expand = arguments.flag(Self.expand)
        progress?.output("writing", toStandardOutput: arguments.text(ReportOptions.output) == nil)
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            feed.write(index, expand: expand, rawCells: rawCells, product: OCSFProduct(version: ClerkGrantsVersion.current), emit: emit)
        }
        return .success
    }
}
