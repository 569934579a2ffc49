import OutputEscaping

/// `trend --format html`: one self-contained page (no scripts, no external assets, as the review) with
/// line charts over the stored snapshots (users and memberships; admins; findings by severity; access
/// paths for 1.1 snapshots), then the same table as the Markdown trend.
public enum TrendHTML {
    /// File names break only after their hyphens (sequence, time, digest) and digests not at all, so the
    /// table still fits a printed page.
    static let style = "td.file code,td.digest code{overflow-wrap:normal}"

    public static func write(_ report: TrendReport, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        let h = HTMLText.escape
        func code(_ text: String) -> String { "<code>\(h(text))</code>" }
        let points = report.entries.map(\.point)
        let labels = report.entries.enumerated().map { TrendReport.label($0.offset, $0.element.point) }
        out.line(HTMLPage.opening(title: "Trend: " + report.instance, style: "\(HTMLReport.style)\n\(ReviewOverviewHTML.style)\n\(style)"))
        out.line("<h1>Trend: \(h(report.instance))</h1>")
        out.line("<ul class=\"meta\">")
        out.line("<li>\(Plural.count(report.entries.count, "stored snapshot")) in run order, oldest first\(report.skipped.isEmpty ? "" : "; <span class=\"bad\">\(Plural.count(report.skipped.count, "file")) left out</span> (see the end)")</li>")
        out.line("<li>\(h(report.policyNote))</li>")
        out.line("</ul>")

        out.line("<h2 id=\"charts\">Over time</h2>")
        out.line("<div class=\"figures\">")
        func figure(_ caption: String, _ chart: LineChart, id: String) {
            out.line("<figure class=\"chart\">\n<figcaption>\(h(caption))</figcaption>\n\(chart.svg(id: id))\n</figure>")
        }
        let category = "snapshot (run number and UTC day)"
        figure(
            "Users and memberships",
            LineChart(
                title: "Users and memberships per snapshot", categories: labels,
                series: [
                    .init(name: "users", values: points.map(\.users), style: ChartLine.series[0]),
                    .init(name: "memberships", values: points.map(\.memberships), style: ChartLine.series[1]),
                ], valueAxisTitle: "count", categoryAxisTitle: category), id: "trend-size")
        figure(
            "Admins",
            LineChart(
                title: "Admin memberships per snapshot", categories: labels,
                series: [.init(name: "admin memberships", values: points.map(\.admins), style: ChartLine.series[3])],
                valueAxisTitle: "admins", categoryAxisTitle: category), id: "trend-admins")
        figure(
            "Findings by severity",
            LineChart(
                title: "Findings by severity per snapshot", categories: labels,
                series: FindingSeverity.allCases.map { severity in
                    .init(name: severity.rawValue, values: points.map { $0.findings(severity) }, style: ChartLine.severity(severity))
                }, valueAxisTitle: "findings", categoryAxisTitle: category), id: "trend-findings")
        if report.hasAccessPaths {
            figure(
                "Access paths",
                LineChart(
                    title: "Access paths per snapshot (0 for a 1.0 snapshot, which holds none)", categories: labels,
                    series: [.init(name: "access paths", values: points.map { $0.accessPaths ?? 0 }, style: ChartLine.series[2])],
                    valueAxisTitle: "access paths", categoryAxisTitle: category), id: "trend-paths")
        }
        out.line("</div>")

        out.line("<h2 id=\"snapshots\">Snapshots</h2>")
        let paths = report.hasAccessPaths
        out.line("<table><thead><tr><th class=\"num\">#</th><th>Generated</th><th>Digest</th><th class=\"num\">Users</th><th class=\"num\">Organizations</th><th class=\"num\">Memberships</th><th class=\"num\">Admins</th><th class=\"num\">High</th><th class=\"num\">Medium</th><th class=\"num\">Low</th><th class=\"num\">Findings</th>\(paths ? "<th class=\"num\">Access paths</th>" : "")<th>File</th></tr></thead><tbody>")
        for (position, entry) in report.entries.enumerated() {
            let point = entry.point
            let severities = FindingSeverity.allCases.map { "<td class=\"num\">\(point.findings($0))</td>" }.joined()
            let accessPaths = paths ? "<td class=\"num\">\(point.accessPaths.map(String.init) ?? "n/a")</td>" : ""
            let complete = point.complete ? "" : " <span class=\"bad\">incomplete</span>"
            out.line("<tr><td class=\"num\">\(position + 1)</td><td>\(h(point.generatedAt))\(complete)</td><td class=\"digest\">\(code(TrendReport.shortDigest(point.digest)))</td><td class=\"num\">\(point.users)</td><td class=\"num\">\(point.organizations)</td><td class=\"num\">\(point.memberships)</td><td class=\"num\">\(point.admins)</td>\(severities)<td class=\"num\">\(point.totalFindings)</td>\(accessPaths)<td class=\"file\">\(code(entry.file))</td></tr>")
        }
        out.line("</tbody></table>")
        if !report.skipped.isEmpty {
            out.line("<h2 id=\"left-out\">Left out</h2>")
            out.line("<ul>")
            for skipped in report.skipped { out.line("<li>\(code(skipped.file)): \(h(skipped.reason))</li>") }
            out.line("</ul>")
        }
        out.line("</body>")
        out.line("</html>")
        out.finish()
    }
}
