/// The documented exit codes of `clerk-grants` (see README, "Exit codes").
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// A wrong flag, a missing key, unreadable local input, or (for `validate`) an invalid snapshot.
    case usageOrInput = 1
    /// Clerk refused the request: the key (401/403) or the request itself (400/422).
    case clerkRejected = 2
    /// Network faults, 5xx, 429s or malformed pages outlasted the retry budget.
    case retriesExhausted = 3
    /// Some collection could not be read to the end and `--allow-partial` was not given.
    case incompleteExport = 4
    /// The snapshot could not be written.
    case outputFailed = 5
}
