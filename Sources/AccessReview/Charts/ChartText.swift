/// Text measured and shortened without a font engine: widths of DejaVu Sans (the widest of the sans-serif
/// faces the charts name, and the one Linux falls back to), so a label column or axis spacing sized from
/// them is wide enough whichever face the reader's browser picks.
package enum ChartText {
    /// Advance widths in thousandths of an em for printable ASCII, from the space (0x20) to `~` (0x7E).
    private static let asciiWidths: [Int] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ]

    /// About how wide `text` is at `size` px: ASCII by the table, other letters as a wide Latin letter,
    /// ideographs and other wide scripts as a full em.
    static func width(_ text: String, size: Double = 12) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x20, value < 0x7F {
                thousandths += asciiWidths[Int(value - 0x20)]
            } else if value >= 0x1100 {
                thousandths += 1000
            } else {
                thousandths += 700
            }
        }
        return Double(thousandths) * size / 1000
    }

    /// `text`, cut so that it fits `maximumWidth` at `size` px, ending in an ellipsis when cut; the chart
    /// keeps the whole text in a tooltip.
    static func shortened(_ text: String, maximumWidth: Double, size: Double = 12) -> String {
        guard width(text, size: size) > maximumWidth else { return text }
        var kept = ""
        let budget = maximumWidth - width("\u{2026}", size: size)
        for character in text {
            if width(kept + String(character), size: size) > budget { break }
            kept.append(character)
        }
        return kept + "\u{2026}"
    }

    /// Which of `count` evenly spaced labels to print, `slot` apart, so none overlaps: every k-th,
    /// counted back from the last (the newest day or snapshot is always labelled).
    static func labelled(count: Int, slot: Double, widest: Double) -> Set<Int> {
        guard count > 0 else { return [] }
        let every = max(1, Int(((widest + 6) / max(slot, 1)).rounded(.up)))
        return Set(stride(from: count - 1, through: 0, by: -every))
    }
}
