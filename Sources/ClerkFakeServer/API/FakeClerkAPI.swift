import Synchronization

/// Turns one request into one answer: authentication, rate limit, fault injection, routing, rendering.
/// Mutable state (users, counters, the log) sits behind one `Mutex` and is held only to decide; rendering,
/// which is where the time goes, reads the immutable `TenantCatalog` or a copied page of users.
final class FakeClerkAPI: Sendable {
    enum Reply {
        case respond(HTTPResponse)
        case dropConnection
    }

    let behavior: FakeServerBehavior
    private let catalog: TenantCatalog
    private let sources: AccessSourceCatalog
    private let dice: FaultDice
    private let state: Mutex<State>

    private struct State {
        var users: UserDirectory
        var rateLimiter: FixedWindowRateLimiter?
        var stats = FakeServerStats()
        var log: [FakeRequestRecord] = []
        var attemptsByTarget: [String: Int] = [:]
        var userPagesAnswered = 0
        var sequence = 0
    }

    private struct Decision {
        var sequence: Int
        var plan: ResponsePlan?
        var headers: [(name: String, value: String)]
        var fault: FakeFault?
        /// Fraction of the body to keep; the kept byte count is known only once the body is rendered.
        var truncation: Double?
        var delivery = HTTPResponse.Delivery.whole
    }

    init(tenant: FakeTenant, behavior: FakeServerBehavior) {
        self.behavior = behavior
        catalog = TenantCatalog(tenant)
        sources = AccessSourceCatalog(tenant)
        dice = FaultDice(seed: behavior.faultSeed)
        state = Mutex(
            State(
                users: UserDirectory(tenant.users),
                rateLimiter: behavior.rateLimit.map {
                    FixedWindowRateLimiter(limit: $0.requests, window: .seconds($0.windowSeconds))
                }))
    }

    var stats: FakeServerStats { state.withLock { $0.stats } }

    var requestLog: [FakeRequestRecord] { state.withLock { $0.log } }

    var currentTenant: FakeTenant {
        let users = state.withLock { $0.users.newestFirst }
        return FakeTenant(
            users: users, organizations: catalog.organizations, roles: catalog.roles,
            permissions: catalog.permissions, memberships: catalog.memberships, roleSets: sources.roleSets,
            invitations: sources.invitations, domains: sources.domains, enterpriseConnections: sources.enterpriseConnections,
            machines: sources.machines, organizationSettings: sources.organizationSettings, sessions: sources.sessions)
    }

    func reply(to request: HTTPRequestHead) -> Reply {
        let now = ContinuousClock.now
        let decision = state.withLock { decide(request, now: now, state: &$0) }
        var response: HTTPResponse?
        if let plan = decision.plan {
            var (contentType, body) = render(plan, sequence: decision.sequence)
            var fault = decision.fault
            if case .announcedTotalCount(let total) = behavior.hostile, plan.status == 200 {
                body = Self.replacingTotalCount(in: body, with: total)
            }
            if let truncation = decision.truncation {
                let kept = max(1, min(body.count - 1, Int(Double(body.count) * truncation)))
                body.removeLast(body.count - kept)
                fault = .truncatedBody(keptBytes: kept)
            } else if fault == .malformedBody {
                body = Array(#"{"unexpected":true}"#.utf8)
            }
            response = HTTPResponse(
                status: plan.status, headers: [("Content-Type", contentType)] + decision.headers, body: body,
                delivery: decision.delivery)
            record(request, decision: decision, status: plan.status, fault: fault)
        } else {
            record(request, decision: decision, status: nil, fault: decision.fault)
        }
        return response.map(Reply.respond) ?? .dropConnection
    }

    func recordBytesSent(_ count: Int) {
        state.withLock { $0.stats.bytesSent += count }
    }

    private func record(_ request: HTTPRequestHead, decision: Decision, status: Int?, fault: FakeFault?) {
        let record = FakeRequestRecord(
            sequence: decision.sequence, method: request.method, path: request.path, query: request.query,
            status: status, fault: fault, headers: request.headers)
        state.withLock { $0.log.append(record) }
    }

    private func decide(_ request: HTTPRequestHead, now: ContinuousClock.Instant, state: inout State) -> Decision {
        state.sequence += 1
        let route = APIRoute(method: request.method, path: request.path)
        state.stats.totalRequests += 1
        state.stats.requestsByPath[route.statsKey, default: 0] += 1
        var decision = Decision(sequence: state.sequence, plan: nil, headers: [], fault: nil, truncation: nil)
        switch behavior.hostile {
        case .redirect(let status, let location)?:
            decision.plan = .redirect(status: status, location: location)
            decision.headers = [("Location", location)]
            return decision
        case .rateLimitHeaders(let remaining, let reset)?:
            decision.headers = [("X-RateLimit-Remaining", remaining), ("X-RateLimit-Reset", reset)]
        default: break
        }

        if var limiter = state.rateLimiter {
            let verdict = limiter.admit(at: now)
            state.rateLimiter = limiter
            let remaining: Int
            let resetSeconds: Int
            switch verdict {
            case .admitted(let left, let reset): (remaining, resetSeconds) = (left, reset)
            case .refused(let reset): (remaining, resetSeconds) = (0, reset)
            }
            if behavior.sendsRateLimitHeaders {
                decision.headers += [
                    ("X-RateLimit-Limit", "\(limiter.limit)"), ("X-RateLimit-Remaining", "\(remaining)"),
                    ("X-RateLimit-Reset", "\(resetSeconds)"),
                ]
            }
            if case .refused = verdict {
                decision.headers.append(("Retry-After", "\(resetSeconds)"))
                state.stats.rateLimited += 1
                decision.plan = .error(.tooManyRequests)
                return decision
            }
        }
        if let refusal = authenticationFailure(request) {
            state.stats.unauthorized += 1
            decision.plan = .error(refusal)
            return decision
        }

        let target = request.method + " " + request.target
        let attempt = state.attemptsByTarget[target, default: 0] + 1
        state.attemptsByTarget[target] = attempt
        switch behavior.hostile {
        case .rateLimited(let retryAfter, let times)? where attempt <= times:
            decision.headers.append(("Retry-After", retryAfter))
            state.stats.rateLimited += 1
            decision.plan = .error(.tooManyRequests)
            return decision
        case .errorEchoingAuthorization(let status)?:
            decision.plan = .error(.echoing(request.header("authorization") ?? "", status: status))
            return decision
        case .oversizedBody(let bytes, let announced, let secondsPerChunk)?:
            decision.plan = .oversized(bytes: bytes, announced: announced)
            decision.delivery = .streamed(bytes: bytes, announced: announced, secondsPerChunk: secondsPerChunk)
            return decision
        case .drippedBody(let firstAttempts, let secondsPerByte)? where attempt <= firstAttempts:
            decision.delivery = .dripped(secondsPerByte: secondsPerByte)
        default: break
        }
        if dice.roll(.drop, target: target, attempt: attempt) < behavior.dropConnectionRate {
            state.stats.droppedConnections += 1
            decision.fault = .droppedConnection
            return decision
        }
        if dice.roll(.failure, target: target, attempt: attempt) < behavior.failureRate {
            let statuses = [500, 502, 503]
            let status = statuses[Int(dice.roll(.failureStatus, target: target, attempt: attempt) * 3)]
            state.stats.serverErrorsInjected += 1
            decision.fault = .serverError(status: status)
            decision.plan = status == 502 ? .badGateway : .error(.serverError(status: status))
            return decision
        }

        let plan = self.plan(route, request, state: &state)
        decision.plan = plan
        guard plan.status == 200 else { return decision }
        if dice.roll(.truncate, target: target, attempt: attempt) < behavior.truncateRate {
            state.stats.truncatedBodies += 1
            decision.truncation = 0.1 + 0.8 * dice.roll(.truncationPoint, target: target, attempt: attempt)
        } else if dice.roll(.malformed, target: target, attempt: attempt) < behavior.malformedRate {
            state.stats.malformedBodies += 1
            decision.fault = .malformedBody
        }
        return decision
    }

    private func authenticationFailure(_ request: HTTPRequestHead) -> ClerkErrorReply? {
        guard let key = behavior.acceptedSecretKey else { return nil }
        guard let authorization = request.header("authorization"), authorization.hasPrefix("Bearer ") else {
            return .missingAuthorization
        }
        return authorization == "Bearer " + key ? nil : .invalidSecretKey
    }

    private func plan(_ route: APIRoute, _ request: HTTPRequestHead, state: inout State) -> ResponsePlan {
        if case .unknown(let path) = route { return .error(.notFound(path)) }
        if behavior.refusedPaths.contains(route.statsKey) { return .error(.refusedPath(route.statsKey)) }
        if case .userCount = route { return .userCount(state.users.count) }
        if case .organizationSettings = route { return .organizationSettings }
        var window: ListWindow
        switch ListWindow.parse(request) {
        case .success(let parsed): window = parsed
        case .failure(let reply): return .error(reply)
        }
        if behavior.hostile == .repeatFirstPage { window.offset = 0 }
        switch route {
        case .users:
            return usersPlan(request, window, state: &state)
        case .organizations:
            return .organizations(
                window.range(in: catalog.organizations.count),
                includeMembersCount: request.queryValue("include_members_count") == "true")
        case .roles:
            return .roles(window.range(in: catalog.roles.count))
        case .permissions:
            return .permissions(window.range(in: catalog.permissions.count))
        case .instanceMemberships:
            if let status = behavior.refuseInstanceMemberships {
                return .error(.refusedInstanceMemberships(status: status))
            }
            return .instanceMemberships(window.range(in: catalog.memberships.count))
        case .organizationMemberships(let organizationID):
            guard let index = catalog.organizationIndex(id: organizationID) else {
                return .error(.notFound(request.path))
            }
            return .organizationMemberships(
                organizationIndex: index, window.range(in: catalog.membershipCount(organizationIndex: index)))
        case .roleSets:
            return .roleSets(window.range(in: sources.roleSets.count))
        case .invitations:
            let indices = sources.invitationIndices(statuses: Set(request.queryValues("status")))
            return .invitations(indices, window.range(in: indices.count))
        case .domains:
            return .domains(window.range(in: sources.domains.count))
        case .enterpriseConnections:
            return .enterpriseConnections(window.range(in: sources.enterpriseConnections.count))
        case .machines:
            return .machines(window.range(in: sources.machines.count))
        case .sessions:
            // Since 2024-01-01 Clerk refuses an instance-wide session list; the fake knows no clients.
            guard let userID = request.queryValue("user_id"), !userID.isEmpty else { return .error(.sessionsWithoutUser) }
            var sessions = sources.sessionsByUser[userID] ?? []
            if let status = request.queryValue("status") {
                guard SessionGenerator.statuses.contains(status) || status == "pending" else {
                    return .error(.invalidParameter("status", status))
                }
                sessions = sessions.filter { $0.status == status }
            }
            return .sessions(sessions, window.range(in: sessions.count))
        case .userCount, .organizationSettings, .unknown:
            preconditionFailure("answered above")
        }
    }

    private func usersPlan(_ request: HTTPRequestHead, _ window: ListWindow, state: inout State) -> ResponsePlan {
        let users: [FakeUser]
        if let cursor = request.queryValue("starting_after"), !behavior.ignoreUserCursor,
            behavior.hostile != .repeatFirstPage
        {
            guard window.offset == 0 else { return .error(.cursorWithOffset) }
            guard let page = state.users.page(after: cursor, limit: window.limit) else {
                return .error(.unknownCursor(cursor))
            }
            users = page
        } else {
            users = state.users.page(window)
        }
        state.userPagesAnswered += 1
        if let insertion = behavior.insertUsersDuringPaging, state.userPagesAnswered == insertion.afterUserRequests {
            let inserted = TenantGenerator.insertedUsers(
                count: insertion.count, after: state.users.newestFirst, seed: behavior.faultSeed)
            state.users.insertNewest(inserted)
            state.stats.usersInserted += inserted.count
        }
        return .users(users)
    }

    private func render(_ plan: ResponsePlan, sequence: Int) -> (contentType: String, body: [UInt8]) {
        let json = "application/json"
        switch plan {
        case .users(let users): return (json, TenantCatalog.usersPage(users))
        case .userCount(let count): return (json, TenantCatalog.totalCount(count))
        case .organizations(let range, let includeMembersCount):
            return (json, catalog.organizationsPage(range, includeMembersCount: includeMembersCount))
        case .roles(let range): return (json, catalog.rolesPage(range))
        case .permissions(let range): return (json, catalog.permissionsPage(range))
        case .instanceMemberships(let range): return (json, catalog.instanceMembershipsPage(range))
        case .organizationMemberships(let index, let range):
            return (json, catalog.organizationMembershipsPage(organizationIndex: index, range))
        case .roleSets(let range): return (json, sources.roleSetsPage(range))
        case .invitations(let indices, let range): return (json, sources.invitationsPage(indices, range))
        case .domains(let range): return (json, sources.domainsPage(range))
        case .enterpriseConnections(let range): return (json, sources.enterpriseConnectionsPage(range))
        case .machines(let range): return (json, sources.machinesPage(range))
        case .organizationSettings: return (json, sources.organizationSettingsBody)
        case .sessions(let sessions, let range): return (json, sources.sessionsPage(sessions, range))
        case .error(let reply):
            return (
                json,
                ClerkObjectRenderer.errors(
                    message: reply.message, longMessage: reply.longMessage, code: reply.code,
                    traceID: traceID(sequence))
            )
        case .redirect, .oversized:
            return ("text/plain", [])
        case .badGateway:
            return (
                "text/html",
                Array("<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>".utf8)
            )
        }
    }

    /// `body` with the number after its last `"total_count":` replaced: every envelope ends with it.
    static func replacingTotalCount(in body: [UInt8], with total: Int64) -> [UInt8] {
        let key = Array("\"total_count\":".utf8)
        guard body.count > key.count,
            let start = (0...(body.count - key.count)).reversed().first(where: { body[$0..<($0 + key.count)].elementsEqual(key) })
        else { return body }
        let digitsStart = start + key.count
        var digitsEnd = digitsStart
        while digitsEnd < body.count, body[digitsEnd] >= 0x30 && body[digitsEnd] <= 0x39 { digitsEnd += 1 }
        return Array(body[..<digitsStart]) + Array(String(total).utf8) + Array(body[digitsEnd...])
    }

    /// Derived from the request's sequence number, so error bodies are the same on every run.
    private func traceID(_ sequence: Int) -> String {
        let hash = SeededRandom.mix(behavior.faultSeed ^ UInt64(sequence))
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
