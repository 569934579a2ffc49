import SnapshotFormat

/// The thresholds a review applies. "Now" is the snapshot's `generated_at` unless `--as-of` says
/// otherwise, never the wall clock: the same snapshot must give the same report tomorrow.
public struct ReviewPolicy: Sendable, Equatable {
    public static let defaultStaleDays = 90
    /// Three: enough for cover across time zones and absences, few enough that each admin is a known person.
    public static let defaultMaxAdmins = 3
    /// Clerk invitations do not expire unless asked to; a month unanswered is a forgotten invitation.
    public static let defaultStaleInvitationDays = 30
    /// Ten: beyond this a machine's credentials open too much of the instance to be a narrow integration.
    public static let defaultMaxMachineScopes = 10
    /// A month of daily activity: enough to see the weekly rhythm and a recent drop.
    public static let defaultActivityDays = 30
    /// The longest activity window, so the chart's columns stay readable.
    public static let maximumActivityDays = 90

    /// What every report says beside an incomplete snapshot, so a reviewer never reads absence as "no access".
    public static let incompleteExplanation = "(some collections were not read to the end; absent access may be missing)"

    public var staleDays: Int
    public var maxAdmins: Int
    /// An invitation created more than this many days before the snapshot's `generated_at` is stale.
    public var staleInvitationDays: Int
    /// A machine that can call more machines than this is a finding.
    public var maxMachineScopes: Int
    /// RFC 3339; nil means the snapshot's `generated_at`.
    public var asOf: String?
    /// How many days, ending on the as-of day, the daily-active-users figure covers (1 to `maximumActivityDays`).
    public var activityDays: Int = ReviewPolicy.defaultActivityDays

    public init(
        staleDays: Int = ReviewPolicy.defaultStaleDays, maxAdmins: Int = ReviewPolicy.defaultMaxAdmins,
        staleInvitationDays: Int = ReviewPolicy.defaultStaleInvitationDays,
        maxMachineScopes: Int = ReviewPolicy.defaultMaxMachineScopes, asOf: String? = nil
    ) {
        self.staleDays = staleDays
        self.maxAdmins = maxAdmins
        self.staleInvitationDays = staleInvitationDays
        self.maxMachineScopes = maxMachineScopes
        self.asOf = asOf
    }

    public func referenceTime(for snapshot: IndexedSnapshot) -> String { asOf ?? snapshot.generatedAt }
}
