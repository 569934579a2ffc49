import CanonicalJSON
import ClerkClient
import Foundation
import GoldenFiles
import Testing

/// `diff --format ocsf`, `convert --to ocsf` and `convert --to access-file` as the commands print them: the
/// library golden files (GrantGraphTests' `diff-demo.ocsf.ndjson`, AccessReviewTests' `inventory.ocsf.ndjson`
/// and `access-file.csv`), with the tool's own version as `metadata.product.version` where the library
/// goldens hold `0.0.0-test`.
@Suite struct OCSFFeedCommandTests {
    let directory: URL
    let runner: DiffRunner

    init() async throws {
        runner = try await DiffRunner.demoPair()
        directory = runner.directory
    }

    static let reviewGolden = GoldenFolder(CommandHarness.repositoryRoot.appendingPathComponent("Tests/AccessReviewTests/Golden"))

    /// The output with this build's version replaced by the library goldens' `0.0.0-test`; fails when the
    /// output does not name this build's version at all.
    static func withTestVersion(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let product = #"{"name":"clerk-grants","vendor_name":"clerk-grants","version":"\#(ClerkClientConfiguration.toolVersion)"}"#
        #expect(text.isEmpty || text.contains(product), sourceLocation: sourceLocation)
        return Array(text.replacingOccurrences(of: product, with: #"{"name":"clerk-grants","vendor_name":"clerk-grants","version":"0.0.0-test"}"#).utf8)
    }

    @Test func diffFormatOCSFPrintsOneEventPerChangeAndExitsOne() async throws {
        let outcome = await runner.run(["diff", "--format", "ocsf", "old.json", "new.json"])
        #expect(outcome.status == 1 && outcome.stderr == "")
        try DiffRunner.assertGolden(Self.withTestVersion(outcome.stdoutBytes), "diff-demo.ocsf.ndjson")
    }

    @Test func anUnchangedTenantHasNoEvents() async throws {
        let outcome = await runner.run(["diff", "--format", "ocsf", "new.json", "new.json"])
        #expect(outcome.status == 0 && outcome.stdout == "" && outcome.stderr == "")
    }

    @Test func convertToOCSFPrintsTheInventory() async throws {
        let outcome = await runner.run(["convert", "old.json", "--to", "ocsf"])
        #expect(outcome.status == 0 && outcome.stderr == "")
        try Self.reviewGolden.assertMatches(Self.withTestVersion(outcome.stdoutBytes), file: "inventory.ocsf.ndjson")
    }

    @Test func convertToAccessFilePrintsTheAccessFile() async throws {
        let outcome = await runner.run(["convert", "old.json", "--to", "access-file"])
        #expect(outcome.status == 0 && outcome.stderr == "")
        try Self.reviewGolden.assertMatches(outcome.stdoutBytes, file: "access-file.csv")
        let raw = await runner.run(["convert", "old.json", "--to", "access-file", "--raw-cells"])
        #expect(raw.status == 0 && raw.stdout == outcome.stdout, "the demo has no formula cell")
    }

    @Test(arguments: [
        (["--to", "ocsf", "--expand"], "--expand only applies to --to ndjson or csv"),
        (["--to", "access-file", "--expand"], "--expand only applies to --to ndjson or csv"),
        (["--to", "ocsf", "--raw-cells"], "--raw-cells only applies to --to csv or access-file"),
    ])
    func optionsOfOtherFeedsAreRefused(arguments: [String], message: String) async throws {
        let outcome = await runner.run(["convert", "old.json"] + arguments)
        #expect(outcome.status == 1 && outcome.stdout == "")
        #expect(outcome.stderr == "clerk-grants: error: \(message)\nRun 'clerk-grants help' for usage.\n")
    }

    /// The hostile tenant (`HostileTenant`): formula cells neutralised in the access file, line separators
    /// escaped in the OCSF records, every value there as the tenant wrote it.
    @Test func hostileValuesStayInTheirCellAndRecord() async throws {
        let harness = try await InjectionTests.exportBoth()
        let access = await harness.run(["convert", "hostile.json", "--to", "access-file"])
        #expect(access.status == 0, "\(access.stderr)")
        let organization = "\"" + HostileTenant.organizationName + "\""
        #expect(access.stdout.contains("\r\n'=cmd|' /C calc'!A0,'=cmd|' /C calc'!A0,\(HostileTenant.roleKey),"))
        #expect(access.stdout.contains(",'+Oscar\u{1B}]8;;http://evil\u{7} Ortiz``|,\(organization),org_2QxUmbrellaResearch00000000,\(HostileTenant.userID)\r\n"))

        let ocsf = await harness.run(["convert", "hostile.json", "--to", "ocsf"])
        #expect(ocsf.status == 0, "\(ocsf.stderr)")
        #expect(!ocsf.stdout.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" || $0 == "\r" })
        let records = try ocsf.stdoutBytes.split(separator: 0x0A).map { try #require(try JSONParser.parse(Array($0)).objectValue) }
        let oscar = try #require(records.first { $0["user"]?.objectValue?["uid"] == .string(HostileTenant.userID) }?["user"]?.objectValue)
        #expect(oscar["email_addr"] == .string(HostileTenant.email))
        #expect(oscar["groups"]?.arrayValue?.first?.objectValue?["name"] == .string(HostileTenant.organizationName))
        #expect(oscar["groups"]?.arrayValue?.first?.objectValue?["privileges"] == [.string(HostileTenant.roleKey)])
    }
}
