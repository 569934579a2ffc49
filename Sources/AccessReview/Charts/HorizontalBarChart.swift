/// Labelled horizontal bars, one per row, optionally stacked (one segment per series), with the total
/// written at the end of each bar, a value axis underneath and a legend when there is more than one
/// series. Long labels are shortened (the whole label stays in the bar's tooltip).
package struct HorizontalBarChart {
    package struct Bar {
        package var label: String
        /// One value per series, in the order of `series`.
        package var values: [Int]
        /// Written after the total (`3 admins`); nil for the total alone.
        package var note: String?

        package init(label: String, values: [Int], note: String? = nil) {
            self.label = label
            self.values = values
            self.note = note
        }

        package var total: Int { values.reduce(0, +) }
    }

    package var title: String
    package var series: [(name: String, fill: ChartFill)]
    package var bars: [Bar]
    /// Under the value axis (`findings`).
    package var valueAxisTitle: String

    package init(title: String, series: [(name: String, fill: ChartFill)], bars: [Bar], valueAxisTitle: String) {
        self.title = title
        self.series = series
        self.bars = bars
        self.valueAxisTitle = valueAxisTitle
    }

    package static let width = 720
    static let rowHeight = 24.0
    static let barHeight = 16.0
    /// The widest label column; longer labels are shortened to fit.
    static let labelColumn = 260.0

    package func svg(id: String) -> String {
        let width = Double(Self.width)
        let labels = bars.map { ChartText.shortened($0.label, maximumWidth: Self.labelColumn) }
        let labelWidth = max(60, (labels.map { ChartText.width($0) }.max() ?? 0) + 12)
        let valueTexts = bars.map { bar in ChartNumber.count(bar.total) + (bar.note.map { " (\($0))" } ?? "") }
        let valueWidth = (valueTexts.map { ChartText.width($0, size: 11) }.max() ?? 0) + 10
        let left = labelWidth
        let plotWidth = max(120, width - left - valueWidth - 12)
        let top = 8.0
        let plotHeight = Double(max(bars.count, 1)) * Self.rowHeight
        let axisBottom = top + plotHeight
        let legendNames = series.count > 1 ? series.map(\.name) : []
        let legendTop = axisBottom + 44
        let height = legendTop + (legendNames.isEmpty ? 0 : ChartLegend.height(legendNames, width: width - left) + 4)
        var document = SVGDocument(width: Self.width, height: Int(height.rounded(.up)), idPrefix: id, title: title)
        let paints = series.enumerated().map { $0.element.fill.paint(in: &document, name: "fill-\($0.offset)") }
        let scale = ChartScale(largest: bars.map(\.total).max() ?? 0)

        for tick in scale.ticks {
            let x = left + scale.position(tick, length: plotWidth)
            document.line(x1: x, y1: top, x2: x, y2: axisBottom, stroke: ChartFill.grid)
            document.text(ChartNumber.count(tick), x: x, y: axisBottom + 16, anchor: .middle, size: 11, fill: ChartFill.muted)
        }
        document.text(valueAxisTitle, x: left + plotWidth / 2, y: axisBottom + 34, anchor: .middle, size: 12, fill: ChartFill.muted)
        if bars.isEmpty {
            document.text("none", x: left + 8, y: top + Self.rowHeight / 2 + 4, size: 12, fill: ChartFill.muted)
        }
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
            document.text(labels[row], x: left - 8, y: y + Self.barHeight - 4, anchor: .end, size: 12)
            var x = left
            for (position, value) in bar.values.enumerated() where value > 0 {
                let length = scale.position(value, length: plotWidth)
                let name = position < series.count ? series[position].name : ""
                document.rectangle(
                    x: x, y: y, width: length, height: Self.barHeight, fill: paints[position % max(paints.count, 1)],
                    stroke: ChartFill.ink, tooltip: "\(bar.label): \(ChartNumber.count(value)) \(name)")
                x += length
            }
            document.text(valueTexts[row], x: x + 6, y: y + Self.barHeight - 4, size: 11)
        }
        document.line(x1: left, y1: top, x2: left, y2: axisBottom, stroke: ChartFill.ink)
        if !legendNames.isEmpty {
            ChartLegend.draw(
                zip(legendNames, paints).map { ($0, .fill($1)) }, in: &document, x: left, y: legendTop, width: width - left)
        }
        return document.rendered()
    }
}
