import CanonicalJSON

/// One stored snapshot's line in `trend`: its size (users, organizations, memberships, admin memberships),
/// its findings by severity under a review policy, and (snapshot 1.1) its access paths.
public struct TrendPoint: Sendable, Equatable {
    public var generatedAt: String
    public var digest: String
    public var instance: String
    public var complete: Bool
    public var users: Int
    public var organizations: Int
    public var memberships: Int
    /// Memberships whose role makes the member an organization admin (a user admin of two counts twice).
    public var admins: Int
    /// Findings per severity, in `FindingSeverity.allCases` order.
    public var findings: [Int]
    /// nil for a 1.0 snapshot, which cannot hold access paths.
    public var accessPaths: Int?

    /// The one place `trend` reads a snapshot's index and runs the findings engine. "Now" is each snapshot's
    /// own `generated_at` unless the policy says otherwise.
    package init(
        generatedAt: String, digest: String, instance: String, complete: Bool, users: Int, organizations: Int,
        memberships: Int, admins: Int, findings: [Int], accessPaths: Int?
    ) {
        self.generatedAt = generatedAt
        self.digest = digest
        self.instance = instance
        self.complete = complete
        self.users = users
        self.organizations = organizations
        self.memberships = memberships
        self.admins = admins
        self.findings = findings
        self.accessPaths = accessPaths
    }

    public init(_ index: AccessIndex, policy: ReviewPolicy) {
        let snapshot = index.snapshot
        generatedAt = snapshot.generatedAt
        digest = snapshot.digest
        instance = snapshot.source.instance
        complete = snapshot.complete
        users = index.users.count
        organizations = index.organizations.count
        memberships = index.memberships.count
        admins = index.memberships.adminCount
        let counts = FindingCounts(FindingsEngine.findings(index, policy: policy))
        findings = FindingSeverity.allCases.map { counts.bySeverity[$0] ?? 0 }
        accessPaths = index.hasAccessPaths ? index.accessPaths.count : nil
    }

    public func findings(_ severity: FindingSeverity) -> Int {
        findings[FindingSeverity.allCases.firstIndex(of: severity)!]
    }

    public var totalFindings: Int { findings.reduce(0, +) }

    /// `2026-11-20`: the UTC day of `generated_at`.
    var day: String { String(generatedAt.prefix(10)) }

    var json: JSONValue {
        [
            "generated_at": .string(generatedAt), "digest": .string(digest), "complete": .bool(complete),
            "users": .int(Int64(users)), "organizations": .int(Int64(organizations)),
            "memberships": .int(Int64(memberships)), "admins": .int(Int64(admins)),
            "findings": .object(JSONObject(
                FindingSeverity.allCases.map { (key: $0.rawValue, value: .int(Int64(findings($0)))) }
                    + [(key: "total", value: .int(Int64(totalFindings)))])),
            "access_paths": accessPaths.map { .int(Int64($0)) } ?? .null,
        ]
    }
}
