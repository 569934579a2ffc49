import OutputEscaping

/// One inline SVG image, written element by element. Every text it places goes through `HTMLText` (SVG
/// inside HTML is parsed as HTML text), every number through `ChartNumber`, and ids carry the chart's
/// prefix so two charts on one page never share a pattern. Fixed `width`/`height` and a `viewBox`, no
/// scripts, no links, no external references: it renders the same offline, in print and in a mail client.
package struct SVGDocument {
    package let width: Int
    package let height: Int
    /// Prefixes every id in the image (`chart-3`), so patterns stay unique on a page.
    package let idPrefix: String
    private var definitions: [String] = []
    private var elements: [String] = []
    private let title: String

    package init(width: Int, height: Int, idPrefix: String, title: String) {
        self.width = width
        self.height = height
        self.idPrefix = idPrefix
        self.title = title
    }

    private static func n(_ value: Double) -> String { ChartNumber.coordinate(value) }

    /// The id `name` gets in this image.
    package func id(_ name: String) -> String { "\(idPrefix)-\(name)" }

    /// A `<pattern>` or other definition, written by `ChartFill`; `markup` holds no tenant text.
    mutating func define(_ markup: String) { definitions.append(markup) }

    package mutating func rectangle(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil
    ) {
        let strokeAttributes = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
        let open = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"\(fill)\"\(strokeAttributes)"
        if let tooltip {
            elements.append("\(open)><title>\(HTMLText.escape(tooltip))</title></rect>")
        } else {
            elements.append("\(open)/>")
        }
    }

    package mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        elements.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dashAttribute)/>")
    }

    package mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let list = points.map { "\(Self.n($0.x)),\(Self.n($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"\(dashAttribute)/>")
    }

    /// A closed shape (a marker); `points` relative to nothing, already placed.
    package mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String, tooltip: String? = nil) {
        let list = points.map { "\(Self.n($0.x)),\(Self.n($0.y))" }.joined(separator: " ")
        let open = "<polygon points=\"\(list)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\""
        elements.append(tooltip.map { "\(open)><title>\(HTMLText.escape($0))</title></polygon>" } ?? "\(open)/>")
    }

    package mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String, tooltip: String? = nil) {
        let open = "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\""
        elements.append(tooltip.map { "\(open)><title>\(HTMLText.escape($0))</title></circle>" } ?? "\(open)/>")
    }

    package enum Anchor: String { case start, middle, end }

    /// Text at (x, y) (the baseline), escaped; `rotate` turns it about that point (axis labels).
    package mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, bold: Bool = false,
        fill: String = ChartFill.ink, rotate: Double? = nil
    ) {
        let weight = bold ? " font-weight=\"600\"" : ""
        let rotation = rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? ""
        elements.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\"\(weight)\(rotation)>\(HTMLText.escape(text))</text>")
    }

    /// The image as markup, one element per line.
    package func rendered() -> String {
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id("title"))\" font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif\">",
            "<title id=\"\(id("title"))\">\(HTMLText.escape(title))</title>",
        ]
        if !definitions.isEmpty { lines.append("<defs>" + definitions.joined() + "</defs>") }
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }
}
