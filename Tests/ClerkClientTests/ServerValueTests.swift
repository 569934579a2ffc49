import ClerkClient
import Foundation
import GoldenFiles
import Testing

/// The parsers of numbers and text a server sends: junk never traps, and every result lands in its range.
@Suite struct ServerValueTests {
    static let cap = Duration.seconds(60)
    static let now = Date(timeIntervalSince1970: 1_795_132_800)  // Fri, 20 Nov 2026 00:00:00 GMT

    @Test(arguments: [
        ("inf", nil), ("nan", nil), ("-nan", nil), ("1e17", nil), ("-5", nil), ("+5", nil), ("0x10", nil), ("", nil),
        ("   ", nil), ("1.2.3", nil), (".", nil), ("soon", nil), ("Fri, 99 Foo 2026 00:00:00 GMT", nil),
        ("99999999999999999999", 60_000), ("999999999999999999999999999999999999999999", 60_000), ("61", 60_000),
        ("0", 0), (" 7 ", 7_000), ("1.5", 1_500), (".25", 250), ("007", 7_000),
        ("Fri, 20 Nov 2026 00:00:10 GMT", 10_000), ("Thu, 19 Nov 2026 00:00:00 GMT", 0),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 60_000),
    ] as [(String, Int?)])
    func retryAfterIsAbsentForJunkAndCappedOtherwise(header: String, milliseconds: Int?) {
        let parsed = RetryPolicy().retryAfter(header, now: Self.now)
        #expect(parsed == milliseconds.map { Duration.milliseconds($0) })
    }

    @Test func rateLimitHeadersAreReadStrictly() {
        #expect(ServerHeaderValues.rateLimitRemaining("0") == 0)
        #expect(ServerHeaderValues.rateLimitRemaining(" 42 ") == 42)
        #expect(ServerHeaderValues.rateLimitRemaining("99999999999999999999") == 1_000_000_000)
        #expect(ServerHeaderValues.rateLimitRemaining("-1") == nil)
        #expect(ServerHeaderValues.rateLimitRemaining("1e3") == nil)
        #expect(ServerHeaderValues.rateLimitRemaining(nil) == nil)
        #expect(ServerHeaderValues.rateLimitReset("3", now: Self.now, cap: Self.cap) == .seconds(3))
        #expect(ServerHeaderValues.rateLimitReset("1795132805", now: Self.now, cap: Self.cap) == .seconds(5))
        #expect(ServerHeaderValues.rateLimitReset("1795132000", now: Self.now, cap: Self.cap) == .zero)
        #expect(ServerHeaderValues.rateLimitReset("99999999999999999999", now: Self.now, cap: Self.cap) == Self.cap)
        for junk in ["nan", "inf", "-5", "1e17", "5s", ""] {
            #expect(ServerHeaderValues.rateLimitReset(junk, now: Self.now, cap: Self.cap) == nil, "\(junk)")
        }
    }

    /// HTTP dates are read byte by byte: the exact IMF-fixdate form, real calendar dates only. The first
    /// input is the one FuzzHeaders found, on which `DateFormatter` trapped ("Incorrect range CFRange").
    @Test(arguments: [
        (Data([0x57, 0x65, 0x64, 0x2C, 0x20, 0x32, 0x31, 0xDE, 0xB0, 0x9C, 0x8B, 0x20, 0x32, 0x30, 0x39, 0x39,
               0x20, 0x30, 0x37, 0x3A, 0x32, 0x38, 0x3A, 0x30, 0x30, 0x20, 0x47, 0x4D, 0x54]), nil),
        (Data("Sun, 06 Nov 1994 08:49:37 GMT".utf8), 784_111_777),
        (Data("Thu, 01 Jan 1970 00:00:00 GMT".utf8), 0),
        (Data("Tue, 29 Feb 2028 12:00:00 GMT".utf8), 1_835_438_400),
        (Data("Fri, 31 Dec 9999 23:59:59 GMT".utf8), 253_402_300_799),
        (Data("Mon, 29 Feb 2027 12:00:00 GMT".utf8), nil),
        (Data("Mon, 31 Apr 2027 12:00:00 GMT".utf8), nil),
        (Data("Mon, 01 Jan 1969 12:00:00 GMT".utf8), nil),
        (Data("Mon, 01 Jan 2027 24:00:00 GMT".utf8), nil),
        (Data("Mon, 01 Jan 2027 12:00:00 UTC".utf8), nil),
        (Data("Mon, 01 jan 2027 12:00:00 GMT".utf8), nil),
        (Data("Mon,  1 Jan 2027 12:00:00 GMT".utf8), nil),
        (Data("Mon, 01 Jan 2027 12:00:00 GMT ".utf8), nil),
    ] as [(Data, Int?)])
    func httpDatesAreReadExactly(bytes: Data, unixSeconds: Int?) {
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(ServerHeaderValues.httpDate(text).map { Int($0.timeIntervalSince1970) } == unixSeconds)
    }

    /// Random strings built from the pieces that break naive parsers never trap and stay in range.
    @Test func randomJunkNeverTrapsAndStaysInRange() {
        let pieces = [
            "0", "1", "9", "99999999999", ".", "-", "+", "e", "E", "inf", "nan", "infinity", " ", "\t", "x", "0x", "GMT",
            "Fri, ", "31 Dec ", "9999 ", "23:59:59 ", "\u{0}", "\u{1B}", "٣", "１", "\u{202E}", ",", "1e308", "NaN",
        ]
        var random = SplitMix64(seed: 11)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<random.next(below: 12) { text += pieces[random.next(below: pieces.count)] }
            let retryAfter = RetryPolicy().retryAfter(text, now: Self.now)
            #expect(retryAfter.map { $0 >= .zero && $0 <= Self.cap } ?? true, "Retry-After \(text.debugDescription)")
            let reset = ServerHeaderValues.rateLimitReset(text, now: Self.now, cap: Self.cap)
            #expect(reset.map { $0 >= .zero && $0 <= Self.cap } ?? true, "X-RateLimit-Reset \(text.debugDescription)")
            let remaining = ServerHeaderValues.rateLimitRemaining(text)
            #expect(remaining.map { (0...1_000_000_000).contains($0) } ?? true, "X-RateLimit-Remaining \(text.debugDescription)")
        }
    }

    @Test func configurationPullsHostileValuesIntoRange() async {
        let key = SecretKey("sk_test_FAKE-configurationClampKey000000000")!
        let url = URL(string: "https://api.clerk.test")!
        let slow = ClerkClientConfiguration(
            apiURL: url, secretKey: key, keySource: "test", requestTimeout: .nan, concurrency: 0, requestsPerSecond: 1e-10)
        #expect(slow.requestsPerSecond == 0.01)
        #expect(slow.requestTimeout == 30)
        #expect(slow.concurrency == 1)
        let fast = ClerkClientConfiguration(
            apiURL: url, secretKey: key, keySource: "test", requestTimeout: .infinity, concurrency: 1_000,
            requestsPerSecond: .infinity)
        #expect(fast.requestsPerSecond == 100_000)
        #expect(fast.requestTimeout == 3600)
        #expect(fast.concurrency == 64)
        #expect(ClerkClientConfiguration(apiURL: url, secretKey: key, keySource: "test", requestsPerSecond: .nan).requestsPerSecond == 0.01)
        var changed = fast
        changed.requestsPerSecond = 1e-10
        changed.requestTimeout = -1
        changed.concurrency = .max
        changed.maximumResponseBytes = -5
        #expect(changed.requestsPerSecond == 0.01)
        #expect(changed.requestTimeout == 0.001)
        #expect(changed.concurrency == 64)
        #expect(changed.maximumResponseBytes == 1)
        changed.requestsPerSecond = nil
        #expect(changed.requestsPerSecond == nil)
        #expect(RateLimiter.interval(atRequestsPerSecond: 1e-10) == .seconds(100))
        #expect(RateLimiter.interval(atRequestsPerSecond: -3) == .seconds(100))
        #expect(RateLimiter.interval(atRequestsPerSecond: 4) == .milliseconds(250))
        let limiter = RateLimiter(requestsPerSecond: 1e-300)
        #expect(await limiter.reserve() == .zero)
        #expect(await limiter.reserve() > .seconds(99))
        #expect(await limiter.requestsPerSecond == 0.01)
    }

    @Test func serverTextHidesTheKeyAndEscapesControls() {
        let key = SecretKey("sk_test_FAKE-serverTextKey0000000000000000")!
        let shown = ServerText.shown(
            "bad key Bearer sk_test_FAKE-serverTextKey0000000000000000\u{1B}[2J\u{9B}31m\u{7}\u{202E}gnp\u{2066}\n", hiding: key)
        #expect(shown == #"bad key Bearer [redacted]\u{1B}[2J\u{9B}31m\u{7}\u{202E}gnp\u{2066}\u{A}"#)
        let long = ServerText.shown(String(repeating: "a", count: 1_000), hiding: nil)
        #expect(long == String(repeating: "a", count: ServerText.maximumLength) + "…")
        #expect(ServerText.shown("plain text: ünïcode ok", hiding: key) == "plain text: ünïcode ok")
    }

    @Test func idsAreOneOpaquePathSegment() {
        #expect(PercentEncoding.pathSegment("org_2abcDEF-9~") == "org_2abcDEF-9~")
        #expect(PercentEncoding.pathSegment("..") == "%2E%2E")
        #expect(PercentEncoding.pathSegment("org_a/../b?c#d e%") == "org_a%2F%2E%2E%2Fb%3Fc%23d%20e%25")
        let key = SecretKey("sk_test_FAKE-pathSegmentKey00000000000000")!
        #expect(PageRecorder.listPrefix(organizationID: "org_2abc", index: 0, hiding: key) == "org_2abc-")
        #expect(PageRecorder.listPrefix(organizationID: "../../etc", index: 6, hiding: key) == "organization-0007-")
        #expect(PageRecorder.listPrefix(organizationID: String(repeating: "a", count: 65), index: 0, hiding: key) == "organization-0001-")
        #expect(PageRecorder.listPrefix(organizationID: "sk_test_FAKE-pathSegmentKey00000000000000", index: 2, hiding: key) == "organization-0003-")
        let body = Data(#"[{"id":"sk_test_FAKE-pathSegmentKey00000000000000","x":"ask_test_FAKE-pathSegmentKey00000000000000b"}]"#.utf8)
        #expect(String(decoding: key.redacting(in: body), as: UTF8.self) == #"[{"id":"[redacted]","x":"a[redacted]b"}]"#)
    }
}
