import SnapshotFormat

/// The thresholds a review applies. "Now" is the snapshot's `generated_at` unless `--as-of` says
/// otherwise, never the wall clock: the same snapshot must give the same report tomorrow.
public struct ReviewPolicy: Sendable, Equatable {
    public static let defaultStaleDays = 90
    /// Three: enough for cover across time zones and absences, few enough that each admin is a known person.
    public static let defaultMaxAdmins = 3

    public var staleDays: Int
    public var maxAdmins: Int
    /// RFC 3339; nil means the snapshot's `generated_at`.
    public var asOf: String?

    public init(staleDays: Int = ReviewPolicy.defaultStaleDays, maxAdmins: Int = ReviewPolicy.defaultMaxAdmins, asOf: String? = nil) {
        self.staleDays = staleDays
        self.maxAdmins = maxAdmins
        self.asOf = asOf
    }

    public func referenceTime(for snapshot: Snapshot) -> String { asOf ?? snapshot.generatedAt }
}
