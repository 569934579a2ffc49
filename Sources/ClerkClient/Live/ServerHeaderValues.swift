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

    /// The IMF-fixdate form HTTP requires senders to use (`Sun, 06 Nov 1994 08:49:37 GMT`), read byte by
    /// byte: exactly 29 ASCII bytes, a real calendar date in years 1970-9999. Not `DateFormatter`, which
    /// traps on some non-ASCII input (found by FuzzHeaders; `ServerValueTests.httpDatesAreReadExactly` keeps it).
    package static func httpDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func word(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard days.contains(word(0..<3)), word(3..<5) == ", ", bytes[7] == 0x20, bytes[11] == 0x20, bytes[16] == 0x20,
            bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"), word(25..<29) == " GMT",
            let day = number(5..<7), let monthIndex = months.firstIndex(of: word(8..<11)), let year = number(12..<16),
            let hour = number(17..<19), let minute = number(20..<22), let second = number(23..<25),
            (1970...9999).contains(year), hour < 24, minute < 60, second < 61
        else { return nil }
        let month = monthIndex + 1
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[monthIndex]).contains(day) else { return nil }
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil, for the proleptic Gregorian calendar).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
        let seconds = daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
