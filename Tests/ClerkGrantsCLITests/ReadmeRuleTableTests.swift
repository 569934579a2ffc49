import AccessReview
import Foundation
import Testing

/// README.md's table of review rules must name every rule once, with the severity and the controls the
/// rule declares (`FindingRule.severity`, `FindingRule.controls`): the code is the one home, the README
/// its faithful copy.
@Suite struct ReadmeRuleTableTests {
    @Test func everyRuleIsDocumentedWithItsSeverityAndControls() throws {
        let text = try String(contentsOf: ReadmeFlagTableTests.readme, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(of: "| rule | severity | fires when | controls |") else {
            Issue.record("README has no rule table with a controls column")
            return
        }
        var documented: [String: (severity: String, controls: String)] = [:]
        for line in lines[(header + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count == 4, "README rule row: \(line)")
            guard cells.count == 4 else { continue }
            let rule = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            #expect(documented[rule] == nil, "README lists \(rule) twice")
            documented[rule] = (cells[1], cells[3])
        }
        #expect(Set(documented.keys) == Set(FindingRule.allCases.map(\.rawValue)))
        for rule in FindingRule.allCases {
            #expect(documented[rule.rawValue]?.severity == rule.severity.rawValue, "\(rule.rawValue)")
            #expect(documented[rule.rawValue]?.controls == ComplianceControl.label(rule.controls), "\(rule.rawValue)")
        }
    }

    /// Every rule supports at least one control of each framework, so no finding goes unfiled.
    @Test func everyRuleNamesControlsOfBothFrameworks() {
        for rule in FindingRule.allCases {
            let frameworks = Set(rule.controls.map(\.framework))
            #expect(frameworks == Set(ComplianceControl.Framework.allCases), "\(rule.rawValue): \(rule.controls)")
            #expect(rule.controls == rule.controls.sorted() && Set(rule.controls).count == rule.controls.count)
        }
    }
}
