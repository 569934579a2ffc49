@testable import AccessReview
import Testing

/// The SVG chart primitives against golden images, with hostile labels: every text escaped, every number
/// written by our own code, the same bytes on every run.
@Suite("SVG chart golden outputs")
struct ChartGoldenTests {
    static let hostile = "<script>alert(1)</script> & \"Ünïcødé\" 'q' \u{202E}rtl"

    @Test func stackedHorizontalBars() throws {
        let chart = HorizontalBarChart(
            title: "Largest \(Self.hostile)", series: [("admins", ChartFill.series[1]), ("other <members>", ChartFill.series[0])],
            bars: [
                .init(label: Self.hostile, values: [3, 9], note: "3 admins"),
                .init(label: "An organization with a name far longer than the label column allows", values: [0, 4]),
                .init(label: "Empty", values: [0, 0]),
            ], valueAxisTitle: "members")
        let svg = chart.svg(id: "bars")
        try ReviewGolden.check(svg + "\n", file: "chart-bars.svg")
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\u{202E}"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ünïcødé&quot; &#39;q&#39; \\u{202E}rtl"))
    }

    @Test func columns() throws {
        let columns = (1...31).map { ColumnChart.Column(label: "10-\($0 < 10 ? "0" : "")\($0)", value: ($0 * 7) % 11) }
        let svg = ColumnChart(
            title: "Daily active users", columns: columns, fill: ChartFill.series[4], valueAxisTitle: "users",
            categoryAxisTitle: "UTC day"
        ).svg(id: "columns")
        try ReviewGolden.check(svg + "\n", file: "chart-columns.svg")
        // 31 columns 20.8px apart: thinned to every other label, counted back from the last.
        #expect(svg.contains(">10-31</text>"))
        #expect(!svg.contains(">10-30</text>"))
        #expect(svg.contains(">10-29</text>"))
    }

    @Test func lines() throws {
        let svg = LineChart(
            title: "Findings by severity", categories: ["#1 2026-11-20", "#2 2026-11-27", "#3 2026-12-04"],
            series: FindingSeverity.allCases.enumerated().map { offset, severity in
                LineChart.Series(name: severity.rawValue, values: [offset * 4, 12 - offset, 7], style: ChartLine.severity(severity))
            }, valueAxisTitle: "findings", categoryAxisTitle: "snapshot"
        ).svg(id: "lines")
        try ReviewGolden.check(svg + "\n", file: "chart-lines.svg")
        #expect(svg.contains("<polyline"))
        #expect(svg.contains("stroke-dasharray=\"7 4\""))
    }

    @Test func scalesAreRoundAndNumbersLocaleFree() {
        #expect(ChartScale(largest: 0).ticks == [0, 1])
        #expect(ChartScale(largest: 17).ticks == [0, 5, 10, 15, 20])
        #expect(ChartScale(largest: 100_000).ticks == [0, 20_000, 40_000, 60_000, 80_000, 100_000])
        #expect(ChartScale(largest: 3).ticks == [0, 1, 2, 3])
        #expect(ChartNumber.coordinate(12.04) == "12")
        #expect(ChartNumber.coordinate(-3.25) == "-3.3" || ChartNumber.coordinate(-3.25) == "-3.2")
        #expect(ChartNumber.coordinate(0.55) == "0.6" || ChartNumber.coordinate(0.55) == "0.5")
        #expect(ChartNumber.coordinate(1234.5) == "1234.5")
    }
}
