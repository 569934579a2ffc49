import CanonicalJSON

/// `trend`: one `TrendPoint` per stored snapshot, oldest run first, and the stored files that could not be
/// read as snapshots (named, with the reason), so a gap in the history is visible rather than silent.
public struct TrendReport: Sendable {
    public static let schemaName = "clerk-grants.trend"
    public static let schemaVersion = "1.0"

    public struct Entry: Sendable, Equatable {
        /// The stored file's name (`000001-20261120T000000Z-ee4c9e2cf68d.json`).
        public var file: String
        public var point: TrendPoint

        public init(file: String, point: TrendPoint) {
            self.file = file
            self.point = point
        }
    }

    public struct Skipped: Sendable, Equatable {
        public var file: String
        public var reason: String

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    public var entries: [Entry]
    public var skipped: [Skipped]
    /// The thresholds every point's findings were counted with.
    public var policy: ReviewPolicy

    public init(entries: [Entry], skipped: [Skipped], policy: ReviewPolicy) {
        self.entries = entries
        self.skipped = skipped
        self.policy = policy
    }

    /// The store's instance, as its newest readable snapshot names it.
    public var instance: String { entries.last?.point.instance ?? "" }

    /// What the findings were counted with, in words, as the Markdown and HTML trends say it.
    var policyNote: String {
        "Findings as review counts them with its default thresholds (inactive more than \(policy.staleDays) days, at most \(policy.maxAdmins) admins per organization, invitations stale after \(policy.staleInvitationDays) days, at most \(policy.maxMachineScopes) machine scopes), each snapshot reviewed as of its own generated_at; admins are admin memberships"
    }

    /// Whether any snapshot is 1.1 or later: only then is there an access paths column and chart.
    var hasAccessPaths: Bool { entries.contains { $0.point.accessPaths != nil } }

    /// `#3 2026-11-20`: a run's position in the trend and its day, as charts and tables label it.
    static func label(_ position: Int, _ point: TrendPoint) -> String { "#\(position + 1) \(point.day)" }

    /// The first 12 hex digits, as in the stored file's name.
    static func shortDigest(_ digest: String) -> String {
        String((digest.hasPrefix("sha256:") ? digest.dropFirst("sha256:".count) : Substring(digest)).prefix(12))
    }

    public var json: JSONValue {
        [
            "schema": .string(Self.schemaName), "schema_version": .string(Self.schemaVersion),
            "instance": .string(instance),
            "policy": [
                "stale_days": .int(Int64(policy.staleDays)), "max_admins": .int(Int64(policy.maxAdmins)),
                "stale_invitation_days": .int(Int64(policy.staleInvitationDays)),
                "max_machine_scopes": .int(Int64(policy.maxMachineScopes)),
            ],
            "snapshots": .array(entries.map { entry in
                var object = entry.point.json.objectValue ?? JSONObject([])
                object["file"] = .string(entry.file)
                return .object(object)
            }),
            "skipped": .array(skipped.map { ["file": .string($0.file), "reason": .string($0.reason)] }),
        ]
    }
}
