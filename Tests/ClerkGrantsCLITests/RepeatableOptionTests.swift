@testable import ClerkGrantsCLI
import Testing

/// A repeatable option (`review --org A --org B`): every value is checked and kept in order, while any
/// other option given twice stays an error.
@Suite struct RepeatableOptionTests {
    static let tag = OptionDeclaration("--tag", "TAG", kind: .text, repeatable: true, help: "repeatable")
    static let level = OptionDeclaration("--level", "N", kind: .wholeNumber(1...3), help: "once")
    static let declaration = CommandDeclaration(
        "try", abstract: "A command for tests.", positionals: [.init("FILE")], options: [tag, level], exitCodes: "0 ok")

    @Test func everyValueIsKeptInCommandLineOrder() throws {
        let arguments = try ParsedArguments(["f", "--tag", "b", "--tag=a", "--level", "2", "--tag", "b"], declaration: Self.declaration)
        #expect(arguments.texts(Self.tag) == ["b", "a", "b"])
        #expect(arguments.isGiven(Self.tag))
        #expect(arguments.integer(Self.level) == 2)
    }

    @Test func absentMeansNoValues() throws {
        let arguments = try ParsedArguments(["f"], declaration: Self.declaration)
        #expect(arguments.texts(Self.tag).isEmpty)
        #expect(!arguments.isGiven(Self.tag))
    }

    @Test func eachValueIsCheckedAndOtherOptionsStillRefuseRepeats() {
        #expect(throws: CLIError.self) { try ParsedArguments(["f", "--tag", "a", "--tag", "x\u{0}y"], declaration: Self.declaration) }
        #expect(throws: CLIError.self) { try ParsedArguments(["f", "--tag"], declaration: Self.declaration) }
        do {
            _ = try ParsedArguments(["f", "--level", "1", "--level", "2"], declaration: Self.declaration)
            Issue.record("a repeated --level was accepted")
        } catch {
            #expect("\(error)".contains("--level was given more than once"))
        }
    }

    @Test func helpSaysTheOptionIsRepeatable() {
        #expect(HelpFormatter.description(of: Self.tag) == "repeatable (repeatable)")
        #expect(HelpFormatter.description(of: ReviewCommand.organization).contains("repeatable; default every organization"))
    }
}
