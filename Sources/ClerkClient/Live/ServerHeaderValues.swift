import Foundation

/// Reads the numbers a server puts in headers (`Retry-After`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`)
/// without trusting them: only plain non-negative decimals are numbers (no `inf`, `nan`, exponents, signs
/// or hex), long digit strings saturate instead of overflowing, and every delay lands in `0...cap`. A value
/// that is not one of these is treated as absent, never as a crash or an endless sleep.
package enum ServerHeaderValues {
    /// Longer values are junk: no honest delay or date needs more characters.
    package static let maximumLength = 64
    /// Where parsed seconds saturate: far beyond any cap, small enough that every later conversion is exact.
    static let saturationSeconds = 1e12

    /// `Retry-After`: delay-seconds (a fraction is accepted) or an HTTP date, as a delay in `0...cap`.
    package static func retryAfter(_ header: String?, now: Date, cap: Duration) -> Duration? {
        guard let text = trimmed(header) else { return nil }
        if let seconds = decimalSeconds(text) { return delay(seconds: seconds, cap: cap) }
        guard let date = httpDate(text) else { return nil }
        return delay(seconds: date.timeIntervalSince(now), cap: cap)
    }

    /// `X-RateLimit-Reset`: seconds from now, or a Unix time when it is that large, as a delay in `0...cap`.
    package static func rateLimitReset(_ header: String?, now: Date, cap: Duration) -> Duration? {
        guard let text = trimmed(header), let value = decimalSeconds(text) else { return nil }
        let seconds = value > 1_000_000_000 ? value - now.timeIntervalSince1970 : value
        return delay(seconds: seconds, cap: cap)
    }

    /// `X-RateLimit-Remaining`: a non-negative integer, saturating at a billion.
    package static func rateLimitRemaining(_ header: String?) -> Int? {
        guard let text = trimmed(header), !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        let digits = text.drop { $0 == "0" }
        guard digits.count <= 9 else { return 1_000_000_000 }
        return Int(digits) ?? 0
    }

    /// A plain decimal (`12`, `1.5`, `.5`), saturated at `saturationSeconds`; nil for anything else.
    static func decimalSeconds(_ text: String) -> Double? {
        var sawDigit = false
        var sawPoint = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39: sawDigit = true
            case UInt8(ascii: ".") where !sawPoint: sawPoint = true
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        let integerDigits = text.prefix { $0 != "." }.drop { $0 == "0" }
        if integerDigits.count > 12 { return saturationSeconds }
        guard let value = Double(text), value.isFinite else { return nil }
        return min(value, saturationSeconds)
    }

    /// `seconds` (any finite or infinite value, NaN included) as a duration in `0...cap`.
    static func delay(seconds: Double, cap: Duration) -> Duration {
        guard seconds > 0 else { return .zero }
        let capSeconds = Double(cap.components.seconds) + Double(cap.components.attoseconds) / 1e18
        guard seconds < capSeconds, seconds < saturationSeconds else { return max(cap, .zero) }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    private static func trimmed(_ header: String?) -> String? {
        guard let header, header.utf8.count <= maximumLength * 4 else { return nil }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return nil }
        return text
    }

    /// The IMF-fixdate form HTTP requires senders to use (`Sun, 06 Nov 1994 08:49:37 GMT`).
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
