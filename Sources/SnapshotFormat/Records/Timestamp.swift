/// RFC 3339 UTC formatting of Clerk's Unix-millisecond timestamps. Written out by hand because it runs
/// for every user and membership, and a formatter's locale or time-zone settings must never change a byte.
public enum Timestamp {
    /// `2026-11-20T09:30:00.123Z`: milliseconds are always written, so the width never varies.
    public static func rfc3339(milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendRFC3339(milliseconds: milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2026-11-20T09:30:00Z`, for `generated_at`.
    public static func rfc3339(seconds: Int64) -> String {
        var bytes: [UInt8] = []
        appendDateTime(seconds: seconds, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same as `rfc3339(milliseconds:)`, appended to `bytes`: a snapshot writes one per grant.
    /// Years 0000 to 9999 (every timestamp a tenant really has) are written in one append of 24 bytes;
    /// appending them digit by digit, for each of 600,000 grants, was about a tenth of writing a snapshot.
    public static func appendRFC3339(milliseconds: Int64, to bytes: inout [UInt8]) {
        let millis = ((milliseconds % 1000) + 1000) % 1000
        let seconds = (milliseconds - millis) / 1000
        guard fourDigitYears.contains(milliseconds) else {
            appendRFC3339Digitwise(seconds: seconds, millis: millis, to: &bytes)
            return
        }
        let (year, month, day, secondOfDay) = parts(seconds: seconds)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { text in
            func put(_ value: Int64, width: Int, at offset: Int, then separator: Unicode.Scalar) {
                var rest = value
                for index in (offset..<offset + width).reversed() {
                    text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                text[offset + width] = UInt8(ascii: separator)
            }
            put(year, width: 4, at: 0, then: "-")
            put(Int64(month), width: 2, at: 5, then: "-")
            put(Int64(day), width: 2, at: 8, then: "T")
            put(secondOfDay / 3600, width: 2, at: 11, then: ":")
            put(secondOfDay % 3600 / 60, width: 2, at: 14, then: ":")
            put(secondOfDay % 60, width: 2, at: 17, then: ".")
            put(millis, width: 3, at: 20, then: "Z")
            bytes.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    /// 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, in milliseconds.
    static let fourDigitYears: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// Any year, digit by digit (wider years and a negative year's sign written in full).
    static func appendRFC3339Digitwise(seconds: Int64, millis: Int64, to bytes: inout [UInt8]) {
        appendDateTime(seconds: seconds, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(millis, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// A time's civil date and its second of the day.
    private static func parts(seconds: Int64) -> (year: Int64, month: Int, day: Int, secondOfDay: Int64) {
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        return (year, month, day, secondOfDay)
    }

    private static func appendDateTime(seconds: Int64, to bytes: inout [UInt8]) {
        let (year, month, day, secondOfDay) = parts(seconds: seconds)
        appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(Int64(month), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(Int64(day), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 3600 / 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &bytes)
    }

    /// Zero-padded to `width`; wider numbers (and a negative year's sign) are written in full.
    private static func appendDigits(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(0 - value, width: width, to: &bytes)
            return
        }
        var length = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            length += 1
        }
        var index = bytes.count + max(width, length)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(width, length)))
        var rest = value
        while rest > 0 {
            index -= 1
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Parses an RFC 3339 UTC timestamp as the snapshot schema describes it (`2026-11-20T09:30:00Z`, with
    /// 1-9 fractional digits or none; years 1970-9999, every field in its calendar range) to Unix
    /// milliseconds, fractions beyond milliseconds dropped. Anything else is nil.
    public static func milliseconds(rfc3339 text: String) -> Int64? {
        var text = text
        return text.withUTF8 { milliseconds(rfc3339: $0) }
    }

    /// The same over the bytes of a snapshot field, where the indexer checks it without making a `String`.
    public static func milliseconds(rfc3339 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 20, bytes.count <= 30, bytes[bytes.count - 1] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1970...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var millis: Int64 = 0
        if bytes.count > 20 {
            // `.` and 1-9 digits before the `Z`.
            let digits = 20..<(bytes.count - 1)
            guard bytes[19] == UInt8(ascii: "."), !digits.isEmpty, digits.count <= 9, let fraction = number(digits) else { return nil }
            var scaled = fraction
            // Scaled to three digits: `.5` is 500 ms, `.123456789` is 123 ms.
            for _ in digits.count..<max(digits.count, 3) { scaled *= 10 }
            for _ in 3..<max(digits.count, 3) { scaled /= 10 }
            millis = scaled
        }
        let days = self.days(fromCivil: year, Int(month), Int(day))
        return ((days * 86_400) + hour * 3600 + minute * 60 + second) * 1000 + millis
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-from-days algorithm (proleptic Gregorian calendar).
    static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func days(fromCivil year: Int64, _ month: Int, _ day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
