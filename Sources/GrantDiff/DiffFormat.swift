import OCSF

/// The renderings of a diff (`diff --format`). A closed set: each case has its renderer.
public enum DiffFormat: String, Sendable, CaseIterable {
    case text
    case json
    case markdown
    case ocsf

    /// The diff in this format; `color` applies to `text` only, `product` (the tool and its version, as
    /// `metadata.product`) to `ocsf` only.
    public func render(_ diff: SnapshotDiff, color: Bool, product: OCSFProduct) -> [UInt8] {
        switch self {
        case .text: return Array(DiffTextRenderer(color: color).render(diff).utf8)
        case .json: return DiffJSONRenderer.render(diff)
        case .markdown: return Array(DiffMarkdownRenderer.render(diff).utf8)
        case .ocsf: return DiffOCSFRenderer.render(diff, product: product)
        }
    }
}
