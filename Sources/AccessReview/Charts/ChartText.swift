/// Text measured and shortened without a font engine: an estimate of the width of 12px sans-serif text
/// (wide enough for digits and most Latin letters), used to size label columns and thin axis labels.
package enum ChartText {
    static let characterWidth = 6.5

    /// About how wide `text` is at 12px.
    static func width(_ text: String, size: Double = 12) -> Double {
        Double(text.count) * characterWidth * size / 12
    }

    /// `text`, cut to `limit` characters with an ellipsis; the chart keeps the whole text in a tooltip.
    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "\u{2026}"
    }

    /// Which of `count` evenly spaced labels to print, `slot` apart, so none overlaps: every k-th,
    /// counted back from the last (the newest day or snapshot is always labelled).
    static func labelled(count: Int, slot: Double, widest: Double) -> Set<Int> {
        guard count > 0 else { return [] }
        let every = max(1, Int(((widest + 6) / max(slot, 1)).rounded(.up)))
        return Set(stride(from: count - 1, through: 0, by: -every))
    }
}
