import OutputEscaping
import SnapshotFormat

/// The Markdown report's "Overview": the same `ReviewFigures` as the HTML report's charts, as tables.
public enum ReviewOverviewMarkdown {
    /// What the daily-active-users figure is, said the same way under the chart and the table.
    static let dailyActiveNote = "Users whose last_active_at falls on each UTC day (what rawdash's daily_active_users computes from the same field). Clerk keeps only the latest activity, so each user counts on one day at most: a day's figure is the users last seen that day, not everyone active on it."

    /// The section's lines, from its heading to the blank line after its last table.
    public static func lines(_ figures: ReviewFigures) -> [String] {
        let e = MarkdownText.escape
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        var lines = ["## Overview", ""]
        func table(_ heading: String, _ header: String, _ alignment: String, _ rows: [String], note: String? = nil) {
            lines += ["### \(heading)", ""]
            if let note { lines += [note, ""] }
            if rows.isEmpty {
                lines += ["None.", ""]
                return
            }
            lines += [header, alignment] + rows + [""]
        }
        table(
            "Findings by severity", "| Severity | Findings |", "|---|---:|",
            figures.findingsBySeverity.map { "| \($0.severity.rawValue) | \($0.count) |" })
        table(
            "Findings by rule", "| Rule | Severity | Findings |", "|---|---|---:|",
            figures.findingsByRule.map { "| \(cellCode($0.rule.rawValue)) | \($0.rule.severity.rawValue) | \($0.count) |" })
        table(
            "Organizations by size", "| Members | Organizations |", "|---|---:|",
            figures.organizationSizes.map { "| \($0.label) | \($0.count) |" })
        table(
            "Organizations by number of admins", "| Admins | Organizations |", "|---|---:|",
            figures.adminsPerOrganization.map { "| \($0.label) | \($0.count) |" })
        func outliers(_ list: [ReviewFigures.OrganizationFigure]) -> [String] {
            list.enumerated().map { "| \($0.offset + 1) | \(e($0.element.name)) (\(cellCode(Resource.clerkID(of: $0.element.id)))) | \($0.element.members) | \($0.element.admins) |" }
        }
        table(
            "Largest organizations", "| # | Organization | Members | Admins |", "|---:|---|---:|---:|",
            outliers(figures.largestOrganizations), note: "The \(ReviewFigures.outlierCount) organizations with most members.")
        table(
            "Organizations with most admins", "| # | Organization | Members | Admins |", "|---:|---|---:|---:|",
            outliers(figures.mostAdmins), note: "The \(ReviewFigures.outlierCount) organizations with most admins, among those with any.")
        table(
            "Daily active users, last \(Plural.count(figures.activityDays, "day"))", "| Day (UTC) | Users |", "|---|---:|",
            figures.dailyActiveUsers.map { "| \($0.day) | \($0.users) |" }, note: e(dailyActiveNote))
        table(
            "Users by days since last activity", "| Last active | Users |", "|---|---:|",
            figures.usersByInactivity.map { "| \($0.bucket.rawValue) | \($0.users) |" },
            note: e("Whole days from last_active_at to \(figures.asOf), as the stale rule counts them; never: last_active_at is null or the user is known only through a membership."))
        return lines
    }
}
