@testable import ClerkGrantsCLI
import Foundation
import Testing

/// README.md documents each command's flags in a table under the command's `### clerk-grants NAME`
/// heading, and its synopsis as an indented line. Both must say exactly what the declarations say: the
/// same flags in the same order, with the same value names, environment variables and defaults.
@Suite struct ReadmeFlagTableTests {
    /// One row of a README flag table: `| `--flag VALUE` | environment | default | meaning |`.
    struct Row: Equatable, CustomStringConvertible {
        var flag: String
        var environment: String
        var defaultValue: String

        var description: String { "\(flag) | \(environment) | \(defaultValue)" }
    }

    static let readme = CommandHarness.repositoryRoot.appendingPathComponent("README.md")

    /// The README's flag tables by command: a table whose header starts with `| flag |` belongs to the
    /// command of the nearest `### `clerk-grants NAME` heading above it.
    static func flagTables() throws -> [String: [[Row]]] {
        let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var tables: [String: [[Row]]] = [:]
        var command: String?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("#") {
                command = line.hasPrefix("### `clerk-grants ") ? line.dropFirst("### `clerk-grants ".count).split(whereSeparator: { $0 == " " || $0 == "`" }).first.map(String.init) : nil
                continue
            }
            guard line.hasPrefix("| flag |") else { continue }
            let header = cells(line)
            #expect(header == ["flag", "environment", "default", "meaning"], "README table under \(command ?? "no command"): \(line)")
            index += 1  // the | --- | line
            var rows: [Row] = []
            while index < lines.count, lines[index].hasPrefix("|") {
                let row = cells(lines[index])
                index += 1
                guard row.count == 4 else {
                    Issue.record("README flag row without four cells: \(row)")
                    continue
                }
                rows.append(Row(flag: unquoted(row[0]), environment: unquoted(row[1]), defaultValue: unquoted(row[2])))
            }
            tables[command ?? "(none)", default: []].append(rows)
        }
        return tables
    }

    /// `| a | b \| c |` -> ["a", "b | c"].
    static func cells(_ line: Substring) -> [String] {
        let escaped = line.replacingOccurrences(of: "\\|", with: "\u{1}")
        return escaped.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|") }
    }

    /// The cell's text without code-span backticks.
    static func unquoted(_ cell: String) -> String { cell.replacingOccurrences(of: "`", with: "") }

    static func declaredRows(_ command: CommandDeclaration) -> [Row] {
        command.options.map { Row(flag: $0.label, environment: $0.environment?.shown ?? "", defaultValue: $0.defaultShown ?? "") }
    }

    @Test(arguments: CommandCatalog.all.map(\.name))
    func readmeFlagTableListsExactlyTheDeclaredFlags(name: String) throws {
        let command = try #require(CommandCatalog.command(named: name))
        let tables = try Self.flagTables()[command.name] ?? []
        if command.options.isEmpty {
            #expect(tables.isEmpty, "\(command.name) has no options, but README has a flag table for it")
            return
        }
        #expect(tables.count == 1, "README should have one flag table for \(command.name), has \(tables.count)")
        #expect(tables.first == Self.declaredRows(command))
    }

    @Test func everyTableBelongsToACommand() throws {
        let names = Set(CommandCatalog.all.map(\.name))
        #expect(Set(try Self.flagTables().keys).subtracting(names) == [])
    }

    @Test(arguments: CommandCatalog.all.map(\.name))
    func readmeShowsTheDeclaredSynopsis(name: String) throws {
        let command = try #require(CommandCatalog.command(named: name))
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        #expect(text.contains("\n    \(command.synopsis)\n"), "README lacks the synopsis line '    \(command.synopsis)'")
    }
}
