/// Numbers as charts print them, written by our own code: no locale, no Foundation formatter, so the same
/// figure gives the same bytes on every machine.
package enum ChartNumber {
    /// An SVG coordinate or length to one decimal place, without a trailing `.0`: `12`, `12.5`, `-3.2`.
    package static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        let whole = magnitude / 10
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// A count with a thin space between groups of three digits is hard to type and to search for;
    /// reviewers copy these numbers, so they are plain digits: `100000`.
    package static func count(_ value: Int) -> String { String(value) }
}
