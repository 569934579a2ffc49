import CanonicalJSON
import SnapshotFormat

/// The numbers behind the review's pictures, computed once from the index and the findings: findings by
/// rule and severity, organization sizes and admins (distribution and the outliers by name), and activity
/// (users active per day over the last `policy.activityDays` days, users by days since last activity).
/// Every format renders these same figures: the HTML report as SVG charts (`ReviewOverviewHTML`), the
/// Markdown report as tables (`ReviewOverviewMarkdown`), the findings document as data (`json`).
public struct ReviewFigures: Sendable {
    /// How many organizations each outlier list names.
    public static let outlierCount = 10
    static let millisecondsPerDay: Int64 = 86_400_000

    /// A range of whole numbers: `min...max`, or `min` and above when `max` is nil.
    public struct Bucket: Sendable, Equatable {
        public var min: Int
        public var max: Int?
        public var count: Int

        /// `0`, `2-5`, `1001+`.
        public var label: String {
            guard let max else { return "\(min)+" }
            return min == max ? "\(min)" : "\(min)-\(max)"
        }

        var json: JSONValue { ["min": .int(Int64(min)), "max": max.map { .int(Int64($0)) } ?? .null, "count": .int(Int64(count))] }
    }

    public struct OrganizationFigure: Sendable, Equatable {
        public var id: String
        public var name: String
        public var members: Int
        public var admins: Int

        var json: JSONValue {
            ["organization": .string(id), "name": .string(name), "members": .int(Int64(members)), "admins": .int(Int64(admins))]
        }
    }

    public struct DayCount: Sendable, Equatable {
        /// `2026-11-19`, a UTC day.
        public var day: String
        public var users: Int
    }

    /// Days since a user's `last_active_at`, counted as the stale rule counts them (whole days before "now");
    /// activity after "now" (an `--as-of` earlier than the snapshot) counts as 0-7 days.
    public enum Inactivity: String, Sendable, CaseIterable {
        case week = "0-7 days"
        case month = "8-30 days"
        case quarter = "31-90 days"
        case older = "over 90 days"
        case never = "never"

        /// The JSON member name.
        var key: String {
            switch self {
            case .week: return "within_7_days"
            case .month: return "within_30_days"
            case .quarter: return "within_90_days"
            case .older: return "over_90_days"
            case .never: return "never"
            }
        }

        static func of(days: Int64?) -> Inactivity {
            guard let days else { return .never }
            if days <= 7 { return .week }
            if days <= 30 { return .month }
            if days <= 90 { return .quarter }
            return .older
        }
    }

    /// Upper bounds of the organization-size buckets (members); the last bucket is open.
    static let sizeBounds = [0, 1, 5, 10, 25, 50, 100, 250, 500, 1000]
    /// Upper bounds of the admins-per-organization buckets; `--max-admins` defaults to 3, so 0-3 are apart.
    static let adminBounds = [0, 1, 2, 3, 5, 10, 25]

    /// "Now": the snapshot's `generated_at` or `--as-of`.
    public var asOf: String
    public var activityDays: Int
    /// Rules a report of this snapshot counts (1.1 rules only for a 1.1 snapshot), in `FindingRule` order.
    public var findingsByRule: [(rule: FindingRule, count: Int)]
    public var findingsBySeverity: [(severity: FindingSeverity, count: Int)]
    public var organizationSizes: [Bucket]
    public var adminsPerOrganization: [Bucket]
    /// The `outlierCount` organizations with most members (then name order).
    public var largestOrganizations: [OrganizationFigure]
    /// The `outlierCount` organizations with most admins, among those with any (then name order).
    public var mostAdmins: [OrganizationFigure]
    /// One entry per UTC day, oldest first, ending on the as-of day.
    public var dailyActiveUsers: [DayCount]
    public var usersByInactivity: [(bucket: Inactivity, users: Int)]
    public var users: Int

    /// The one place the figures read the index (the users' `last_active_at`, the organizations and their
    /// memberships) and the findings. A scope of some organizations pictures those organizations and the
    /// users who are members of them; the whole review, every organization and user.
    public init(_ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything) {
        asOf = policy.referenceTime(for: index.snapshot)
        // At least one day: the CLI allows 1 to 90, a library caller is not trusted to.
        activityDays = max(1, policy.activityDays)
        let oneOne = index.snapshot.layout.hasAccessPaths
        let counts = FindingCounts(findings)
        findingsByRule = FindingRule.allCases.filter { oneOne || !FindingRule.accessPathRules.contains($0) }
            .map { ($0, counts.byRule[$0] ?? 0) }
        findingsBySeverity = FindingSeverity.allCases.map { ($0, counts.bySeverity[$0] ?? 0) }

        var organizations: [OrganizationFigure] = []
        // A review of some organizations (`--org`, each file of `--split`) pictures those and their members.
        let covered = scope.organizations(in: index)
        organizations.reserveCapacity(covered.count)
        var people = scope.organizationIDs == nil ? index.users : []
        var seen: Set<String> = []
        for organization in covered {
            let memberships = index.memberships(of: organization.id)
            organizations.append(
                OrganizationFigure(id: organization.id, name: organization.displayName, members: memberships.count, admins: memberships.adminCount))
            guard scope.organizationIDs != nil else { continue }
            for membership in memberships where seen.insert(membership.user).inserted {
                if let user = index.user(of: membership) { people.append(user) }
            }
        }
        organizationSizes = Self.buckets(organizations.map(\.members), bounds: Self.sizeBounds)
        adminsPerOrganization = Self.buckets(organizations.map(\.admins), bounds: Self.adminBounds)
        // Stable sorts over name order: ties keep the order the reports list organizations in.
        largestOrganizations = Array(organizations.enumerated().sorted { ($0.element.members, $1.offset) > ($1.element.members, $0.offset) }.map(\.element).prefix(Self.outlierCount))
        mostAdmins = Array(organizations.enumerated().filter { $0.element.admins > 0 }.sorted { ($0.element.admins, $1.offset) > ($1.element.admins, $0.offset) }.map(\.element).prefix(Self.outlierCount))

        let asOfMilliseconds = Timestamp.milliseconds(rfc3339: asOf) ?? 0
        let lastDay = Self.day(asOfMilliseconds)
        let firstDay = lastDay - Int64(activityDays) + 1
        var perDay = [Int](repeating: 0, count: activityDays)
        var inactivity: [Inactivity: Int] = [:]
        for user in people {
            let lastActive = user.lastActiveMilliseconds
            inactivity[Inactivity.of(days: lastActive.map { (asOfMilliseconds - $0) / Self.millisecondsPerDay }), default: 0] += 1
            if let lastActive {
                let day = Self.day(lastActive)
                if day >= firstDay, day <= lastDay { perDay[Int(day - firstDay)] += 1 }
            }
        }
        dailyActiveUsers = perDay.enumerated().map { offset, users in
            DayCount(day: String(Timestamp.rfc3339(milliseconds: (firstDay + Int64(offset)) * Self.millisecondsPerDay).prefix(10)), users: users)
        }
        usersByInactivity = Inactivity.allCases.map { ($0, inactivity[$0] ?? 0) }
        users = people.count
    }

    /// The UTC day number of a Unix time in milliseconds (rounding down, also before 1970).
    static func day(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / millisecondsPerDay : -((-milliseconds + millisecondsPerDay - 1) / millisecondsPerDay)
    }

    static func buckets(_ values: [Int], bounds: [Int]) -> [Bucket] {
        var buckets: [Bucket] = []
        var lower = 0
        for upper in bounds {
            buckets.append(Bucket(min: lower, max: upper, count: 0))
            lower = upper + 1
        }
        buckets.append(Bucket(min: lower, max: nil, count: 0))
        for value in values {
            let position = bounds.firstIndex { value <= $0 } ?? bounds.count
            buckets[position].count += 1
        }
        return buckets
    }

    /// The findings document's `figures` member.
    public var json: JSONValue {
        [
            "as_of": .string(asOf),
            "findings": [
                "by_rule": .object(JSONObject(findingsByRule.map { (key: $0.rule.rawValue, value: .int(Int64($0.count))) })),
                "by_severity": .object(JSONObject(findingsBySeverity.map { (key: $0.severity.rawValue, value: .int(Int64($0.count))) })),
            ],
            "organizations": [
                "outlier_count": .int(Int64(Self.outlierCount)),
                "sizes": .array(organizationSizes.map(\.json)),
                "admins": .array(adminsPerOrganization.map(\.json)),
                "largest": .array(largestOrganizations.map(\.json)),
                "most_admins": .array(mostAdmins.map(\.json)),
            ],
            "activity": [
                "days": .int(Int64(activityDays)),
                "daily_active_users": .array(dailyActiveUsers.map { ["day": .string($0.day), "users": .int(Int64($0.users))] }),
                "users": .int(Int64(users)),
                "users_by_days_since_active": .object(JSONObject(usersByInactivity.map { (key: $0.bucket.key, value: .int(Int64($0.users))) })),
            ],
        ]
    }
}
