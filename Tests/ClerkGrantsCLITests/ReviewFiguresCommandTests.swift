import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

/// `review --activity-days`: the window of the daily-active-users figure, in every format, from the
/// review's "now" (never the wall clock); 1 to 90 days.
@Suite struct ReviewFiguresCommandTests {
    static let snapshot = DemoSnapshotFiles.demo.path

    @Test func activityDaysSetTheWindowInTheFindingsDocument() async throws {
        let outcome = await CommandHarness().run([
            "review", Self.snapshot, "--format", "json", "--activity-days", "7", "--as-of", "2026-11-21T00:00:00Z",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let activity = try JSONParser.parse(outcome.stdoutBytes).objectValue?["figures"]?.objectValue?["activity"]?.objectValue
        #expect(activity?["days"] == .int(7))
        let days = activity?["daily_active_users"]?.arrayValue?.compactMap { $0.objectValue?["day"]?.stringValue }
        #expect(days == ["2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"])
        let users = activity?["daily_active_users"]?.arrayValue?.compactMap { $0.objectValue?["users"]?.int64Value }
        #expect(users == [1, 1, 1, 1, 2, 0, 0])
    }

    @Test func everyFormatCarriesTheWindow() async {
        let harness = CommandHarness()
        let markdown = await harness.run(["review", Self.snapshot, "--activity-days", "3"])
        #expect(markdown.stdout.contains("### Daily active users, last 3 days\n"))
        #expect(markdown.stdout.contains("| 2026-11-18 | 1 |\n| 2026-11-19 | 2 |\n| 2026-11-20 | 0 |\n"))
        let html = await harness.run(["review", Self.snapshot, "--format", "html", "--activity-days", "90"])
        #expect(html.stdout.contains("<figcaption>Daily active users, last 90 days</figcaption>"))
        #expect(!html.stdout.contains("<script"))
    }

    @Test func theWindowIsOneToNinetyDays() async {
        for value in ["0", "91"] {
            let outcome = await CommandHarness().run(["review", Self.snapshot, "--activity-days", value])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.hasPrefix("clerk-grants: error: --activity-days must be a whole number from 1 to 90, not '\(value)'"))
        }
        #expect(await CommandHarness().run(["review", Self.snapshot, "--activity-days", "1"]).status == 0)
    }
}
