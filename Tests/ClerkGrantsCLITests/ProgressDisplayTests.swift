import ClerkClient
import ClerkModel
@testable import ClerkGrantsCLI
import Testing

@Suite struct ProgressDisplayTests {
    @Test func statusLineNamesEachCollectionWithItsCounters() {
        var users = ReadStatistics.Counters()
        users.objects = 1500
        users.requests = 4
        users.retries = 1
        users.rateWait = .seconds(3)
        var roles = ReadStatistics.Counters()
        roles.objects = 12
        roles.requests = 1
        roles.done = true
        #expect(ProgressDisplay.render([.users: users, .roles: roles]) == "roles 12 done (1 req) | users 1500 (4 req, 1 retries, 3s waiting)")
    }
}
