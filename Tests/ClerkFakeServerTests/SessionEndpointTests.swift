import Foundation
import Testing

@testable import ClerkFakeServer

/// `GET /v1/sessions`: the spec's `Session.List` (a bare array of `Session`, whose schema admits no other
/// member), one user's sessions only, filtered by `status`, refused without `user_id` as Clerk does since
/// 2024-01-01; generated from a stream of their own, so a seed's other objects are unchanged.
@Suite struct SessionEndpointTests {
    static let required: Set<String> = [
        "object", "id", "user_id", "client_id", "status", "last_active_at", "expire_at", "abandon_at", "updated_at", "created_at",
    ]
    static let allowed = required.union(["actor", "last_active_organization_id", "latest_activity", "tasks"])

    @Test func oneUsersSessionsInTheSpecsShapeFilteredByStatus() async throws {
        let tenant = TestTenants.small
        let user = try #require(tenant.users.first { id in tenant.sessions.contains { $0.userID == id.id && $0.status == "active" } })
        try await withFakeServer(tenant) { _, client in
            let every = try await client.get("/v1/sessions?user_id=\(user.id)&limit=500")
            #expect(every.status == 200)
            let all = try #require(try every.json() as? [[String: Any]])
            #expect(all.count == tenant.sessions.filter { $0.userID == user.id }.count)
            for session in all {
                #expect(Set(session.keys).isSuperset(of: Self.required) && Set(session.keys).isSubset(of: Self.allowed))
                #expect(session["object"] as? String == "session" && session["user_id"] as? String == user.id)
            }
            let active = try #require(try await client.get("/v1/sessions?user_id=\(user.id)&status=active&limit=500").json() as? [[String: Any]])
            #expect(active.count == tenant.activeSessionTruth[user.id]?.activeSessions)
            #expect(active.allSatisfy { $0["status"] as? String == "active" })
        }
    }

    @Test func withoutAUserTheListIsRefusedWithAClerkErrorBody() async throws {
        try await withFakeServer(TestTenants.small) { _, client in
            let answer = try await client.get("/v1/sessions?status=active&limit=500")
            #expect(answer.status == 400)
            let body = try #require(try answer.json() as? [String: Any])
            let errors = try #require(body["errors"] as? [[String: Any]])
            #expect(errors.first?["code"] as? String == "form_param_missing")
        }
    }

    @Test func sessionsLeaveTheRestOfASeedUnchangedAndSomeBlockedUsersActive() {
        let tenant = TestTenants.medium
        var without = tenant
        without.sessions = []
        let regenerated = FakeTenant.generate(
            FakeTenantSpec(users: 1_234, organizations: 40, memberships: 3_000, customRoles: 4, customPermissions: 9, seed: 11))
        #expect(regenerated == tenant)
        #expect(!tenant.sessions.isEmpty && without.users == tenant.users && without.memberships == tenant.memberships)
        let truth = tenant.activeSessionTruth
        #expect(tenant.users.contains { ($0.banned || $0.locked) && truth[$0.id]!.activeSessions > 0 })
    }
}
