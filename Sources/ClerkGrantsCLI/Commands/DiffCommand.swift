import Foundation
import GrantDiff
import OCSF
import SnapshotFormat

/// `clerk-grants diff OLD NEW` / `diff --store DIR`: what changed between two snapshots. Exit codes follow
/// diff(1), not the other commands (`AnswerStatus`): 0 no differences, 1 differences, 2 trouble.
struct DiffCommand {
    let context: CommandContext

    static let format = ReportOptions.format(
        DiffFormat.self,
        help: "text is colored on a terminal, json follows schemas/diff.v1.schema.json, markdown suits a ticket, ocsf gives one OCSF event per change (NDJSON)")
    static let noColor = OptionDeclaration.flag(
        "--no-color", environment: .presenceTurnsOn("NO_COLOR"), help: "plain text even on a terminal")
    static let allowDifferentSource = OptionDeclaration.flag(
        "--allow-different-source", help: "compare snapshots of two different instances (source.instance)")
    static let store = OptionDeclaration(
        "--store", "DIR", kind: .text, replacesPositionals: true,
        help: "compare the two newest snapshots in DIR, in the order the runs happened")
    static let declaration = CommandDeclaration(
        "diff", abstract: "Shows what changed between two snapshots, headline counts first; privilege increases are marked.",
        positionals: [.init("OLD"), .init("NEW")], options: [format, noColor, allowDifferentSource, store] + RedactionOptions.options,
        rules: RedactionOptions.rules,
        exitCodes: "like diff(1): 0 no differences, 1 differences, 2 trouble (including output not written)")

    /// Why a diff could not be made.
    enum Trouble: Error, CustomStringConvertible {
        case cli(CLIError)
        case differentSource(old: String, new: String)
        case storeTooSmall(path: String, count: Int)

        var description: String {
            switch self {
            case .cli(let error): return error.description
            case .differentSource(let old, let new):
                return "the snapshots come from different instances ('\(old)' and '\(new)'); pass --allow-different-source to compare them anyway"
            case .storeTooSmall(let path, let count):
                return "\(path) holds \(count) stored snapshot\(count == 1 ? "" : "s"); diff --store needs two"
            }
        }
    }

    /// Yes when the snapshots do not differ; help and errors are `AnswerStatus.run`'s.
    func answer(_ rawArguments: [String]) async throws(Trouble) -> AnswerStatus {
        let arguments: ParsedArguments
        let paths: (old: String, new: String)
        let format: DiffFormat
        let redactor: PIIRedactor?
        do {
            arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
            format = arguments.choice(Self.format, as: DiffFormat.self) ?? .text
            redactor = try RedactionOptions.redactor(arguments, context: context)
            if let store = arguments.text(Self.store) {
                let entries = try SnapshotStore(directory: context.url(forPath: store)).entries()
                guard entries.count >= 2 else { throw Trouble.storeTooSmall(path: store, count: entries.count) }
                paths = (entries[entries.count - 2].url.path, entries[entries.count - 1].url.path)
            } else {
                paths = (arguments.positionals[0], arguments.positionals[1])
            }
        } catch let error as CLIError {
            throw .cli(error)
        } catch let error as Trouble {
            throw error
        } catch {
            throw .cli(.usage("\(error)"))
        }

        // Both files are read and validated in parallel, each on one core (`DiffInput(readAlongsideAnother:)`):
        // for large snapshots that is most of the time.
        let context = self.context
        let progress = PhaseProgress.start("diff", phase: "reading both snapshots", context: context)
        defer { progress?.finish() }
        async let oldResult = Self.load(paths.old, context: context)
        async let newResult = Self.load(paths.new, context: context)
        let old: DiffInput
        let new: DiffInput
        switch (await oldResult, await newResult) {
        case (.success(let a), .success(let b)): (old, new) = (a, b)
        case (.failure(let error), _), (_, .failure(let error)): throw .cli(error)
        }
        if old.instance != new.instance, !arguments.flag(Self.allowDifferentSource) {
            throw .differentSource(old: old.instance, new: new.instance)
        }

        progress?.phase("comparing")
        var diff = SnapshotDiffer.diff(old: old, new: new)
        if let redactor { diff = diff.redacted(by: redactor) }
        progress?.finish()
        let color = context.standardOutputIsTerminal && !arguments.flag(Self.noColor, environment: context.environment)
        context.standardOutput.write(format.render(diff, color: color, product: OCSFProduct(version: ClerkGrantsVersion.current)))
        return diff.isEmpty ? .yes : .no
    }

    private static func load(_ path: String, context: CommandContext) async -> Result<DiffInput, CLIError> {
        Result { () throws(CLIError) in
            let data = try SnapshotFile.read(path, context: context)
            do throws(SnapshotReadError) {
                return try DiffInput(readAlongsideAnother: data)
            } catch {
                throw .invalidSnapshot(path: path, problem: error)
            }
        }
    }
}
