/// How a bar or column is painted: a colour and a pattern, so series stay apart when the page is printed
/// in black and white (solid, hatched, dotted, cross-hatched, striped), and a legend swatch matches.
package struct ChartFill: Sendable, Equatable {
    package enum Pattern: String, Sendable {
        case solid, hatch, dots, crossHatch = "cross", stripes
    }

    package let color: String
    package let pattern: Pattern

    package init(color: String, pattern: Pattern) {
        self.color = color
        self.pattern = pattern
    }

    /// Text, axes and outlines.
    package static let ink = "#1b1f24"
    /// Grid lines and the plot's frame.
    package static let grid = "#d0d7de"
    /// Secondary text (axis titles, tick labels).
    package static let muted = "#57606a"

    /// The fills of a chart's series, in order: a chart with more series reuses them from the start.
    package static let series: [ChartFill] = [
        ChartFill(color: "#0969da", pattern: .solid), ChartFill(color: "#bf8700", pattern: .hatch),
        ChartFill(color: "#6e7781", pattern: .dots), ChartFill(color: "#8250df", pattern: .crossHatch),
        ChartFill(color: "#1a7f37", pattern: .stripes),
    ]

    /// The report's severity colours (as the `.sev-*` badges) with a pattern each: high solid, medium
    /// hatched, low dotted, so red and grey remain different in print.
    package static func severity(_ severity: FindingSeverity) -> ChartFill {
        switch severity {
        case .high: return ChartFill(color: "#cf222e", pattern: .solid)
        case .medium: return ChartFill(color: "#bf8700", pattern: .hatch)
        case .low: return ChartFill(color: "#57606a", pattern: .dots)
        }
    }

    /// The `fill` attribute value for this fill in `document`, defining its pattern there as `name`
    /// (call once per name and document).
    package func paint(in document: inout SVGDocument, name: String) -> String {
        guard pattern != .solid else { return color }
        let id = document.id(name)
        let tile: String
        switch pattern {
        case .solid: tile = ""
        case .hatch:
            tile = "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2.5\"/>"
        case .dots:
            tile = "<circle cx=\"3\" cy=\"3\" r=\"1.4\" fill=\"#ffffff\"/>"
        case .crossHatch:
            tile = "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><line x1=\"0\" y1=\"0\" x2=\"6\" y2=\"0\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
        case .stripes:
            tile = "<line x1=\"0\" y1=\"3\" x2=\"6\" y2=\"3\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
        }
        let rotation = pattern == .hatch || pattern == .crossHatch ? " patternTransform=\"rotate(45)\"" : ""
        document.define("<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"\(rotation)><rect width=\"6\" height=\"6\" fill=\"\(color)\"/>\(tile)</pattern>")
        return "url(#\(id))"
    }
}
