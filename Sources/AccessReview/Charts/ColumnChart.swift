/// Vertical columns over labelled categories (a histogram, or a count per day), with a value axis of
/// round ticks, the value above each column when there is room for it, and category labels thinned so
/// none overlaps (the last is always printed).
package struct ColumnChart {
    package struct Column {
        package var label: String
        package var value: Int

        package init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    package var title: String
    package var columns: [Column]
    package var fill: ChartFill
    package var valueAxisTitle: String
    package var categoryAxisTitle: String

    package init(title: String, columns: [Column], fill: ChartFill, valueAxisTitle: String, categoryAxisTitle: String) {
        self.title = title
        self.columns = columns
        self.fill = fill
        self.valueAxisTitle = valueAxisTitle
        self.categoryAxisTitle = categoryAxisTitle
    }

    package static let width = 720
    package static let height = 280
    /// Narrower columns than this carry no value label (90 days of activity); the tooltip still has it.
    static let valueLabelSlot = 22.0

    package func svg(id: String) -> String {
        let left = 60.0
        let right = 16.0
        let top = 18.0
        let bottom = 50.0
        let plotWidth = Double(Self.width) - left - right
        let plotHeight = Double(Self.height) - top - bottom
        let axisY = top + plotHeight
        var document = SVGDocument(width: Self.width, height: Self.height, idPrefix: id, title: title)
        let paint = fill.paint(in: &document, name: "fill")
        let scale = ChartScale(largest: columns.map(\.value).max() ?? 0)
        for tick in scale.ticks {
            let y = axisY - scale.position(tick, length: plotHeight)
            document.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: ChartFill.grid)
            document.text(ChartNumber.count(tick), x: left - 6, y: y + 4, anchor: .end, size: 11, fill: ChartFill.muted)
        }
        document.text(valueAxisTitle, x: 14, y: top + plotHeight / 2, anchor: .middle, size: 12, fill: ChartFill.muted, rotate: -90)
        document.text(categoryAxisTitle, x: left + plotWidth / 2, y: Double(Self.height) - 6, anchor: .middle, size: 12, fill: ChartFill.muted)
        let slot = plotWidth / Double(max(columns.count, 1))
        let labelled = ChartText.labelled(
            count: columns.count, slot: slot, widest: columns.map { ChartText.width($0.label, size: 11) }.max() ?? 0)
        for (position, column) in columns.enumerated() {
            let center = left + slot * (Double(position) + 0.5)
            let barWidth = max(1, slot * 0.7)
            let height = scale.position(column.value, length: plotHeight)
            if column.value > 0 {
                document.rectangle(
                    x: center - barWidth / 2, y: axisY - height, width: barWidth, height: height, fill: paint,
                    stroke: ChartFill.ink, tooltip: "\(column.label): \(ChartNumber.count(column.value))")
            }
            if slot >= Self.valueLabelSlot {
                document.text(ChartNumber.count(column.value), x: center, y: axisY - height - 4, anchor: .middle, size: 11)
            }
            if labelled.contains(position) {
                document.line(x1: center, y1: axisY, x2: center, y2: axisY + 4, stroke: ChartFill.ink)
                document.text(column.label, x: center, y: axisY + 17, anchor: .middle, size: 11, fill: ChartFill.ink)
            }
        }
        document.line(x1: left, y1: axisY, x2: left + plotWidth, y2: axisY, stroke: ChartFill.ink)
        document.line(x1: left, y1: top, x2: left, y2: axisY, stroke: ChartFill.ink)
        return document.rendered()
    }
}
