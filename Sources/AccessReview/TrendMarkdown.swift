import OutputEscaping

/// `trend --format markdown`: one table row per stored snapshot, oldest first, then the files left out.
public enum TrendMarkdown {
    public static func write(_ report: TrendReport, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        let e = MarkdownText.escape
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line("# Trend: \(e(report.instance))")
        out.line()
        out.line("- \(Plural.count(report.entries.count, "stored snapshot")) in run order, oldest first\(report.skipped.isEmpty ? "" : "; \(Plural.count(report.skipped.count, "file")) left out (see the end)")")
        out.line("- \(e(report.policyNote))")
        out.line()
        let paths = report.hasAccessPaths
        out.line("| # | Generated | Digest | Users | Organizations | Memberships | Admins | High | Medium | Low | Findings |\(paths ? " Access paths |" : "") File |")
        out.line("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\(paths ? "---:|" : "")---|")
        for (position, entry) in report.entries.enumerated() {
            let point = entry.point
            let severities = FindingSeverity.allCases.map { String(point.findings($0)) }.joined(separator: " | ")
            let accessPaths = paths ? " \(point.accessPaths.map(String.init) ?? "n/a") |" : ""
            let complete = point.complete ? "" : " (**incomplete**)"
            out.line("| \(position + 1) | \(e(point.generatedAt))\(complete) | \(cellCode(TrendReport.shortDigest(point.digest))) | \(point.users) | \(point.organizations) | \(point.memberships) | \(point.admins) | \(severities) | \(point.totalFindings) |\(accessPaths) \(cellCode(entry.file)) |")
        }
        if !report.skipped.isEmpty {
            out.line()
            out.line("## Left out")
            out.line()
            for skipped in report.skipped {
                out.line("- \(MarkdownText.code(skipped.file)): \(e(skipped.reason))")
            }
        }
        out.finish()
    }
}
