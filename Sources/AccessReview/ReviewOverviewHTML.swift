import OutputEscaping

/// The HTML report's "Overview": `ReviewFigures` as inline SVG charts, each in a `<figure>` with a
/// caption and a line saying what it counts. No scripts or external assets; each chart keeps together
/// on a printed page and is told apart by patterns, markers and labels as well as colour.
public enum ReviewOverviewHTML {
    /// Added to the report's style sheet.
    static let style = """
        .figures{display:flex;flex-wrap:wrap;gap:0 2rem}
        figure.chart{margin:1rem 0;max-width:720px;break-inside:avoid;page-break-inside:avoid}
        figure.chart figcaption{font-weight:600;margin-bottom:.3rem}figure.chart p{margin:.2rem 0 0;color:#444;font-size:.85rem}
        svg.chart{display:block;max-width:100%;height:auto}
        @media print{h2,h3,figcaption{break-after:avoid}.figures{display:block}svg.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """

    /// The section, from its heading to its last figure.
    public static func section(_ figures: ReviewFigures) -> String {
        let h = HTMLText.escape
        var parts: [String] = []
        func figure(_ caption: String, _ svg: String, _ note: String) {
            parts.append("<figure class=\"chart\">\n<figcaption>\(h(caption))</figcaption>\n\(svg)\n<p>\(h(note))</p>\n</figure>")
        }
        let severityFills = FindingSeverity.allCases.map { (name: $0.rawValue, fill: ChartFill.severity($0)) }
        let total = figures.findingsBySeverity.reduce(0) { $0 + $1.count }
        figure(
            "Findings by severity",
            HorizontalBarChart(
                title: "Findings by severity", series: severityFills,
                bars: figures.findingsBySeverity.map { entry in
                    HorizontalBarChart.Bar(label: entry.severity.rawValue, values: FindingSeverity.allCases.map { $0 == entry.severity ? entry.count : 0 })
                }, valueAxisTitle: "findings"
            ).svg(id: "chart-severity"),
            "\(Plural.count(total, "finding")) in all; each rule has one severity (see the rules below).")
        figure(
            "Findings by rule",
            HorizontalBarChart(
                title: "Findings by rule", series: severityFills,
                bars: figures.findingsByRule.map { entry in
                    HorizontalBarChart.Bar(label: entry.rule.rawValue, values: FindingSeverity.allCases.map { $0 == entry.rule.severity ? entry.count : 0 })
                }, valueAxisTitle: "findings"
            ).svg(id: "chart-rules"),
            "Every rule this snapshot is checked for, with its count; the pattern and colour give the rule's severity.")
        figure(
            "Organizations by size",
            ColumnChart(
                title: "Organizations by number of members", columns: figures.organizationSizes.map { .init(label: $0.label, value: $0.count) },
                fill: ChartFill.series[0], valueAxisTitle: "organizations", categoryAxisTitle: "members"
            ).svg(id: "chart-sizes"),
            "How many organizations have how many members.")
        figure(
            "Organizations by number of admins",
            ColumnChart(
                title: "Organizations by number of admins", columns: figures.adminsPerOrganization.map { .init(label: $0.label, value: $0.count) },
                fill: ChartFill.series[1], valueAxisTitle: "organizations", categoryAxisTitle: "admins"
            ).svg(id: "chart-admin-counts"),
            "How many organizations have how many admins; 0 is an organization nobody can manage.")
        figure(
            "Largest organizations",
            HorizontalBarChart(
                title: "Largest organizations: admins and other members",
                series: [("admins", ChartFill.series[1]), ("other members", ChartFill.series[0])],
                bars: figures.largestOrganizations.map {
                    HorizontalBarChart.Bar(label: $0.name, values: [$0.admins, $0.members - $0.admins], note: Plural.count($0.admins, "admin"))
                }, valueAxisTitle: "members"
            ).svg(id: "chart-largest"),
            "The \(ReviewFigures.outlierCount) organizations with most members (fewer when there are fewer), admins first in each bar.")
        figure(
            "Organizations with most admins",
            HorizontalBarChart(
                title: "Organizations with most admins", series: [("admins", ChartFill.series[1])],
                bars: figures.mostAdmins.map {
                    HorizontalBarChart.Bar(label: $0.name, values: [$0.admins], note: "of \(Plural.count($0.members, "member"))")
                }, valueAxisTitle: "admins"
            ).svg(id: "chart-most-admins"),
            "The \(ReviewFigures.outlierCount) organizations with most admins, among those with any.")
        figure(
            "Daily active users, last \(Plural.count(figures.activityDays, "day"))",
            ColumnChart(
                title: "Daily active users, last \(Plural.count(figures.activityDays, "day")) to \(String(figures.asOf.prefix(10)))",
                columns: figures.dailyActiveUsers.map { .init(label: String($0.day.dropFirst(5)), value: $0.users) },
                fill: ChartFill.series[4], valueAxisTitle: "users", categoryAxisTitle: "UTC day (month-day)"
            ).svg(id: "chart-daily-active"),
            ReviewOverviewMarkdown.dailyActiveNote)
        figure(
            "Users by days since last activity",
            ColumnChart(
                title: "Users by days since last activity", columns: figures.usersByInactivity.map { .init(label: $0.bucket.rawValue, value: $0.users) },
                fill: ChartFill.series[2], valueAxisTitle: "users", categoryAxisTitle: "days since last_active_at"
            ).svg(id: "chart-inactivity"),
            "Whole days from last_active_at to \(figures.asOf) (as the stale rule counts them), for all \(Plural.count(figures.users, "user")); never: last_active_at is null or the user is known only through a membership.")
        return "<h2 id=\"overview\">Overview</h2>\n<div class=\"figures\">\n" + parts.joined(separator: "\n") + "\n</div>"
    }
}
