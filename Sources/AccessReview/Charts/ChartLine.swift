/// How a line chart draws one series: a colour, a dash pattern and a marker shape, so each line can be
/// told apart without colour (printed in black and white, or by a reader who does not see the colours).
package struct ChartLine: Sendable, Equatable {
    package enum Marker: String, Sendable { case circle, square, triangle, diamond, cross }

    package let color: String
    /// An SVG `stroke-dasharray`, nil for a solid line.
    package let dash: String?
    package let marker: Marker

    /// The styles of a chart's series, in order: a chart with more series reuses them from the start.
    package static let series: [ChartLine] = [
        ChartLine(color: "#0969da", dash: nil, marker: .circle),
        ChartLine(color: "#bf3989", dash: "7 4", marker: .square),
        ChartLine(color: "#1a7f37", dash: "2 3", marker: .triangle),
        ChartLine(color: "#bf8700", dash: "10 3 2 3", marker: .diamond),
        ChartLine(color: "#57606a", dash: "4 4", marker: .cross),
    ]

    /// The severity colours, each with its own dash and marker.
    package static func severity(_ severity: FindingSeverity) -> ChartLine {
        switch severity {
        case .high: return ChartLine(color: "#cf222e", dash: nil, marker: .circle)
        case .medium: return ChartLine(color: "#bf8700", dash: "7 4", marker: .square)
        case .low: return ChartLine(color: "#57606a", dash: "2 3", marker: .triangle)
        }
    }

    /// Draws this series' marker centred on (x, y).
    package func drawMarker(in document: inout SVGDocument, x: Double, y: Double, tooltip: String?) {
        let r = 4.0
        switch marker {
        case .circle:
            document.circle(x: x, y: y, radius: r, fill: "#ffffff", stroke: color, tooltip: tooltip)
        case .square:
            document.polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)], fill: color, stroke: color, tooltip: tooltip)
        case .triangle:
            document.polygon([(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)], fill: "#ffffff", stroke: color, tooltip: tooltip)
        case .diamond:
            document.polygon([(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)], fill: color, stroke: color, tooltip: tooltip)
        case .cross:
            let a = r * 0.45
            document.polygon(
                [(x - a, y - r), (x + a, y - r), (x + a, y - a), (x + r, y - a), (x + r, y + a), (x + a, y + a),
                 (x + a, y + r), (x - a, y + r), (x - a, y + a), (x - r, y + a), (x - r, y - a), (x - a, y - a)],
                fill: color, stroke: color, tooltip: tooltip)
        }
    }
}
