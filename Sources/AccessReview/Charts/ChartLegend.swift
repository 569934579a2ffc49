/// A legend row under a chart: a swatch (a patterned square, or a line sample with its marker) and the
/// series name, items laid left to right and wrapped onto more rows when the width runs out.
package enum ChartLegend {
    package enum Swatch {
        case fill(String)
        case line(ChartLine)
    }

    static let rowHeight = 20.0

    /// The height `draw` needs for these names in `width`.
    static func height(_ names: [String], width: Double) -> Double {
        Double(rows(names, width: width).count) * rowHeight
    }

    /// Draws the items from (x, y) (the top of the first row).
    static func draw(_ items: [(name: String, swatch: Swatch)], in document: inout SVGDocument, x: Double, y: Double, width: Double) {
        for (row, positions) in rows(items.map(\.name), width: width).enumerated() {
            let top = y + Double(row) * rowHeight
            for (item, left) in positions {
                let (name, swatch) = items[item]
                switch swatch {
                case .fill(let paint):
                    document.rectangle(x: x + left, y: top + 3, width: 14, height: 12, fill: paint, stroke: ChartFill.ink)
                case .line(let style):
                    document.line(x1: x + left - 2, y1: top + 9, x2: x + left + 18, y2: top + 9, stroke: style.color, width: 2, dash: style.dash)
                    style.drawMarker(in: &document, x: x + left + 8, y: top + 9, tooltip: nil)
                }
                document.text(name, x: x + left + 22, y: top + 14, size: 12)
            }
        }
    }

    /// Each row's items as (item index, left offset).
    private static func rows(_ names: [String], width: Double) -> [[(Int, Double)]] {
        var rows: [[(Int, Double)]] = []
        var current: [(Int, Double)] = []
        var left = 0.0
        for (item, name) in names.enumerated() {
            let itemWidth = 22 + ChartText.width(name) + 18
            if !current.isEmpty, left + itemWidth > width {
                rows.append(current)
                current = []
                left = 0
            }
            current.append((item, left))
            left += itemWidth
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }
}
