import ClerkModel
import Foundation

/// The line `export --sessions` prints on stderr before its first session request: the scope, how many
/// users are in it, the requests that costs (one per user: more only for a user with over 500 active
/// sessions) and how long that takes at the rate budget.
/// `sessions (admins): 1234 users in scope, 1234 requests, about 50 s at 25 requests/s`
enum SessionPlan {
    static func line(scope: SessionScope, users: Int, requestsPerSecond: Double?, offline: Bool) -> String {
        let head = "sessions (\(scope.rawValue)): \(users) \(users == 1 ? "user" : "users") in scope"
        if offline { return head + ", read from the recorded pages" }
        let requests = "\(users) \(users == 1 ? "request" : "requests")"
        guard let rate = requestsPerSecond else { return "\(head), \(requests), unpaced" }
        let seconds = Int((Double(users) / rate).rounded(.up))
        return "\(head), \(requests), about \(duration(seconds)) at \(OptionDeclaration.ValueKind.decimal(rate)) requests/s"
    }

    /// `49 s`, `3 min 20 s`, `1 h 7 min`.
    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 {
            let rest = seconds % 60
            return "\(seconds / 60) min" + (rest == 0 ? "" : " \(rest) s")
        }
        let minutes = (seconds % 3600) / 60
        return "\(seconds / 3600) h" + (minutes == 0 ? "" : " \(minutes) min")
    }
}
