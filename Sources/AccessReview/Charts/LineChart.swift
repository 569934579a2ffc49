/// Several series over the same evenly spaced categories (snapshots in run order), each line with its own
/// colour, dash and marker, round value ticks, thinned category labels and a legend underneath. Points
/// get markers (with their value as tooltip) while there are few enough to tell apart.
package struct LineChart {
    package struct Series {
        package var name: String
        package var values: [Int]
        package var style: ChartLine

        package init(name: String, values: [Int], style: ChartLine) {
            self.name = name
            self.values = values
            self.style = style
        }
    }

    package var title: String
    package var categories: [String]
    package var series: [Series]
    package var valueAxisTitle: String
    package var categoryAxisTitle: String

    package init(title: String, categories: [String], series: [Series], valueAxisTitle: String, categoryAxisTitle: String) {
        self.title = title
        self.categories = categories
        self.series = series
        self.valueAxisTitle = valueAxisTitle
        self.categoryAxisTitle = categoryAxisTitle
    }

    package static let width = 720
    static let plotHeight = 200.0
    /// More points than this draw as lines only: markers would merge into a band.
    static let markerLimit = 60

    package func svg(id: String) -> String {
        let widest = categories.map { ChartText.width($0, size: 11) }.max() ?? 0
        // The first and last labels are centred on the plot's ends: the margins make room for half of one.
        let left = max(60.0, widest / 2 + 4)
        let right = max(24.0, widest / 2 + 4)
        let top = 14.0
        let plotWidth = Double(Self.width) - left - right
        let axisY = top + Self.plotHeight
        let legendTop = axisY + 48
        let height = legendTop + ChartLegend.height(series.map(\.name), width: plotWidth) + 4
        var document = SVGDocument(width: Self.width, height: Int(height.rounded(.up)), idPrefix: id, title: title)
        let scale = ChartScale(largest: series.flatMap(\.values).max() ?? 0)
        for tick in scale.ticks {
            let y = axisY - scale.position(tick, length: Self.plotHeight)
            document.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: ChartFill.grid)
            document.text(ChartNumber.count(tick), x: left - 6, y: y + 4, anchor: .end, size: 11, fill: ChartFill.muted)
        }
        document.text(valueAxisTitle, x: 14, y: top + Self.plotHeight / 2, anchor: .middle, size: 12, fill: ChartFill.muted, rotate: -90)
        document.text(categoryAxisTitle, x: left + plotWidth / 2, y: axisY + 36, anchor: .middle, size: 12, fill: ChartFill.muted)

        let count = categories.count
        func x(_ position: Int) -> Double {
            count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(position) / Double(count - 1)
        }
        let slot = count <= 1 ? plotWidth : plotWidth / Double(count - 1)
        let labelled = ChartText.labelled(count: count, slot: slot, widest: widest)
        for position in 0..<count where labelled.contains(position) {
            document.line(x1: x(position), y1: axisY, x2: x(position), y2: axisY + 4, stroke: ChartFill.ink)
            document.text(categories[position], x: x(position), y: axisY + 17, anchor: .middle, size: 11)
        }
        for line in series {
            let points = line.values.prefix(count).enumerated().map { (x: x($0.offset), y: axisY - scale.position($0.element, length: Self.plotHeight)) }
            if points.count > 1 { document.polyline(points, stroke: line.style.color, width: 2, dash: line.style.dash) }
            if points.count <= Self.markerLimit {
                for (position, point) in points.enumerated() {
                    line.style.drawMarker(
                        in: &document, x: point.x, y: point.y,
                        tooltip: "\(line.name), \(categories[position]): \(ChartNumber.count(line.values[position]))")
                }
            }
        }
        document.line(x1: left, y1: axisY, x2: left + plotWidth, y2: axisY, stroke: ChartFill.ink)
        document.line(x1: left, y1: top, x2: left, y2: axisY, stroke: ChartFill.ink)
        ChartLegend.draw(series.map { ($0.name, .line($0.style)) }, in: &document, x: left, y: legendTop, width: plotWidth)
        return document.rendered()
    }
}
