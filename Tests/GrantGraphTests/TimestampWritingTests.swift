import GoldenFiles
import Testing

@testable import SnapshotFormat

/// A timestamp is written in one 24-byte append for years 0000 to 9999 and digit by digit otherwise: the
/// two must agree wherever both apply, and the fast one must read back through the parser.
@Suite struct TimestampWritingTests {
    private static func written(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        Timestamp.appendRFC3339(milliseconds: milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func digitwise(_ milliseconds: Int64) -> String {
        let millis = ((milliseconds % 1000) + 1000) % 1000
        var bytes: [UInt8] = []
        Timestamp.appendRFC3339Digitwise(seconds: (milliseconds - millis) / 1000, millis: millis, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theOneAppendEqualsTheDigitwiseWritingAcrossFourDigitYears() {
        let span = Timestamp.fourDigitYears
        var generator = SplitMix64(seed: 0x7157)
        var values: [Int64] = [span.lowerBound, span.lowerBound + 1, -1, 0, 1, 999, 1000, 951_782_400_000, span.upperBound - 1, span.upperBound]
        for _ in 0..<50_000 { values.append(Int64.random(in: span, using: &generator)) }
        for value in values {
            let text = Self.written(value)
            #expect(text == Self.digitwise(value), "\(value)")
            #expect(text.utf8.count == 24, "\(value)")
        }
        #expect(Self.written(span.lowerBound) == "0000-01-01T00:00:00.000Z")
        #expect(Self.written(span.upperBound) == "9999-12-31T23:59:59.999Z")
        #expect(Self.written(951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(Self.written(-1) == "1969-12-31T23:59:59.999Z")
    }

    @Test func fourDigitYearsReadBackThroughTheParser() {
        var generator = SplitMix64(seed: 0x7158)
        // The parser accepts 1970 to 9999.
        for _ in 0..<20_000 {
            let value = Int64.random(in: 0...Timestamp.fourDigitYears.upperBound, using: &generator)
            #expect(Timestamp.milliseconds(rfc3339: Self.written(value)) == value, "\(value)")
        }
    }

    @Test func yearsOutsideFourDigitsAreWrittenInFull() {
        let span = Timestamp.fourDigitYears
        #expect(Self.written(span.upperBound + 1) == "10000-01-01T00:00:00.000Z")
        #expect(Self.written(span.lowerBound - 1) == "-0001-12-31T23:59:59.999Z")
        #expect(Self.written(span.upperBound + 1) == Self.digitwise(span.upperBound + 1))
        #expect(Self.written(span.lowerBound - 86_400_000 * 366 * 50) == Self.digitwise(span.lowerBound - 86_400_000 * 366 * 50))
    }
}
