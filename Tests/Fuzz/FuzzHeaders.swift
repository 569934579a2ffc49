// libFuzzer harness: the header values the live client reads from a server. Built and run by run.sh
// (compiled together with Sources/ClerkClient/Live/ServerHeaderValues.swift), never by SwiftPM.
import Foundation

/// Every parser of `ServerHeaderValues` on the same text, against the promises the client relies on: no
/// trap, every delay in `0...cap`, a remaining count in `0...1_000_000_000`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeaders(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    for cap in [Duration.seconds(60), .milliseconds(1), .zero] {
        if let delay = ServerHeaderValues.retryAfter(text, now: now, cap: cap) {
            precondition(delay >= .zero && delay <= cap, "Retry-After \(delay) outside 0...\(cap)")
        }
        if let delay = ServerHeaderValues.rateLimitReset(text, now: now, cap: cap) {
            precondition(delay >= .zero && delay <= cap, "X-RateLimit-Reset \(delay) outside 0...\(cap)")
        }
    }
    if let remaining = ServerHeaderValues.rateLimitRemaining(text) {
        precondition((0...1_000_000_000).contains(remaining), "X-RateLimit-Remaining \(remaining) out of range")
    }
    return 0
}
