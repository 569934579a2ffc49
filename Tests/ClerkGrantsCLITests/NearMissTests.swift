@testable import ClerkGrantsCLI
import Testing

/// "Did you mean": edit distance with neighbour swaps, and which word is suggested.
@Suite struct NearMissTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("export", "export", 0), ("expor", "export", 1), ("exprot", "export", 1),
        ("--outptu", "--output", 1), ("kitten", "sitting", 3), ("ab", "ba", 1), ("abc", "ca", 3),
    ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(NearMiss.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) == distance)
        #expect(NearMiss.editDistance(Array(b.unicodeScalars), Array(a.unicodeScalars)) == distance)
    }

    static let commands = CommandCatalog.all.map(\.name)

    @Test(arguments: [
        ("expor", "export"), ("exprot", "export"), ("valdiate", "validate"), ("dif", "diff"), ("reveiw", "review"),
        ("whocan", "who-can"), ("acess", "access"), ("versoin", "version"),
    ])
    func nearMissCommandsAreSuggested(typed: String, suggestion: String) {
        #expect(NearMiss.suggestion(for: typed, among: Self.commands) == suggestion)
    }

    @Test(arguments: ["nosuch", "", "x", "ex", "v", String(repeating: "export", count: 11), "EXPORT"])
    func farWordsGetNoSuggestion(typed: String) {
        #expect(NearMiss.suggestion(for: typed, among: Self.commands) == nil)
    }

    @Test(arguments: [
        ("--outptu", "--output"), ("--fixture", "--fixtures"), ("--max-rsp", "--max-rps"), ("--concurency", "--concurrency"),
        ("--keeep", "--keep"), ("--quite", "--quiet"), ("--allow", "--allow-partial"), ("--secret", "--secret-key-file"),
        ("--max", "--max-rps"), ("--res", "--resources"),
    ])
    func nearMissExportFlagsAreSuggested(typed: String, suggestion: String) {
        #expect(NearMiss.suggestion(for: typed, among: ExportOptions.declaration.options.map(\.name)) == suggestion)
    }

    /// Too short a beginning, or one two flags share, suggests nothing.
    @Test(arguments: ["--re", "--s", "--x", "--", "-"])
    func farExportFlagsGetNoSuggestion(typed: String) {
        #expect(NearMiss.suggestion(for: typed, among: ExportOptions.declaration.options.map(\.name)) == nil)
    }
}
