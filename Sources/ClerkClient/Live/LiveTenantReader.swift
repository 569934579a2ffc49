import ClerkModel
import Foundation

/// Reads a tenant from the live Backend API: every requested collection concurrently, every page to the
/// end (no page cap), with `limit=500`, each page handed on as soon as it is decoded. Users page by cursor, which inserts cannot shift; the rest page by
/// offset, fetching the pages `total_count` announces in parallel. Whatever cannot be read to the end is
/// either an error or, with `allowPartial`, an incomplete collection reported in the snapshot.
public struct LiveTenantReader: TenantReader {
    public let configuration: ClerkClientConfiguration
    public let statistics: ReadStatistics
    let client: ClerkHTTPClient
    let recorder: PageRecorder?
    let allowPartial: Bool
    /// Which collections a refusal (402, 403, 404) leaves out instead of failing the read.
    let refusal: CollectionRefusal

    public var apiURL: String { configuration.apiURL.absoluteString }
    public var instance: String { configuration.secretKey.fingerprint }

    public init(
        configuration: ClerkClientConfiguration, transport: (any HTTPTransport)? = nil,
        statistics: ReadStatistics = ReadStatistics(), recorder: PageRecorder? = nil, allowPartial: Bool = false,
        refusal: CollectionRefusal = CollectionRefusal(), log: (@Sendable (RequestLogEntry) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.refusal = refusal
        self.statistics = statistics
        self.recorder = recorder
        self.allowPartial = allowPartial
        client = ClerkHTTPClient(
            configuration: configuration,
            transport: transport
                ?? URLSessionTransport(
                    maximumConnections: configuration.concurrency, maximumResponseBytes: configuration.maximumResponseBytes),
            statistics: statistics, log: log)
    }

    public func read(_ collections: Set<ClerkCollection>, into sink: any TenantPageSink) async throws(ClerkReadError)
        -> TenantReadReport
    {
        try await APIURLPolicy.checkBeforeFirstRequest(configuration.apiURL)
        // The membership fallback needs the organization list even when organizations are not exported.
        let organizations = SharedOrganizationList(reader: self, sink: collections.contains(.organizations) ? sink : nil)
        let results = await withTaskGroup(of: CollectionRead.self) { group in
            for collection in collections {
                group.addTask { await self.read(collection, into: sink, organizations: organizations) }
            }
            var results: [CollectionRead] = []
            for await result in group { results.append(result) }
            return results
        }
        var report = TenantReadReport(requested: collections)
        var failures: [ClerkReadError] = []
        for result in results.sorted(by: { $0.collection < $1.collection }) {
            report.diagnostics += result.diagnostics
            if let reason = result.refusedReason {
                report.refused[result.collection] = reason
                report.diagnostics.append(CollectionRefusal.diagnostic(result.collection, reason: reason))
            } else if let error = result.error {
                failures.append(error)
                report.incomplete[result.collection] = error.description
                report.diagnostics.append(
                    Diagnostic(
                        code: .incompleteCollection, severity: .error,
                        message: "\(result.collection.rawValue) could not be read to the end: \(error)",
                        subject: result.collection.diagnosticSubject))
            }
        }
        // Refusals are final whatever --allow-partial says: a snapshot read with a rejected key is no snapshot.
        if let refusal = failures.first(where: { !$0.isFault }) {
            throw refusal
        }
        if let first = failures.first, !allowPartial { throw first }
        return report
    }

    // MARK: - Per collection

    struct CollectionRead: Sendable {
        var collection: ClerkCollection
        var diagnostics: [Diagnostic] = []
        var error: ClerkReadError?
        /// Set when Clerk refused a collection the export may leave out: then `error` is not a failure.
        var refusedReason: String?
    }

    private func read(
        _ collection: ClerkCollection, into sink: any TenantPageSink, organizations: SharedOrganizationList
    ) async -> CollectionRead {
        var result = CollectionRead(collection: collection)
        do {
            switch collection {
            case .users:
                try await readUsers(into: &result, sink: sink)
            case .organizations:
                result.diagnostics = try await organizations.get().diagnostics
            case .roles, .permissions, .roleSets, .invitations, .enterpriseConnections, .machines:
                result.diagnostics = try await readOffsetPages(
                    collection, path: collection.apiPath, recordPrefix: "", sink: sink
                ).diagnostics
            case .domains:
                try await readOrganizationSettings(into: sink)
                result.diagnostics = try await readOffsetPages(
                    collection, path: collection.apiPath, recordPrefix: "", sink: sink
                ).diagnostics
            case .memberships:
                try await readMemberships(into: &result, sink: sink, organizations: organizations)
            case .sessions:
                // Read by `readSessions(of:into:)`, once the users it needs are known.
                return result
            }
            sink.finished(collection)
        } catch {
            result.error = error
            result.refusedReason = refusal.refusalReason(collection, after: error)
        }
        statistics.update(collection) { $0.done = true }
        return result
    }

    /// `count` lists read by `read(index)` in a sliding window of tasks, their outcomes in index order: the
    /// limiter bounds requests, the window bounds memory however many lists there are (one per
    /// organization, or per user in a session scope).
    private func listsInWindow(
        count: Int, read: @escaping @Sendable (Int) async throws(ClerkReadError) -> OffsetList
    ) async -> [Result<OffsetList, ClerkReadError>] {
        await withTaskGroup(of: (Int, Result<OffsetList, ClerkReadError>).self) { group in
            var next = 0
            var collected: [(Int, Result<OffsetList, ClerkReadError>)] = []
            let window = max(2, configuration.concurrency * 2)
            func addTask(_ index: Int) {
                group.addTask { (index, await Result.catching { () async throws(ClerkReadError) in try await read(index) }) }
            }
            while next < min(window, count) {
                addTask(next)
                next += 1
            }
            for await item in group {
                collected.append(item)
                if next < count {
                    addTask(next)
                    next += 1
                }
            }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    // MARK: - Sessions

    /// `GET /v1/sessions?user_id=<id>&status=active` for each user, `limit=500` and further pages by offset
    /// while a page is full (the list is a bare array, so there is no count to check), users in a sliding
    /// window under the same limiter, retries and rate budget as every list. A refusal (403/404) fails the
    /// read: sessions are only read when asked for. Recorded as `sessions/<user id>/page-NNNN.json`.
    public func readSessions(of userIDs: [String], into sink: any TenantPageSink) async throws(ClerkReadError)
        -> TenantReadReport
    {
        try await APIURLPolicy.checkBeforeFirstRequest(configuration.apiURL)
        let outcomes = await listsInWindow(count: userIDs.count) { (index) async throws(ClerkReadError) in
            try await self.readOffsetPages(
                .sessions, path: ClerkCollection.sessions.apiPath, recordPrefix: "",
                recordFolder: PageRecorder.sessionFolder(userID: userIDs[index], index: index, hiding: configuration.secretKey),
                query: [("user_id", userIDs[index])], list: index + 1, sink: sink)
        }
        var report = TenantReadReport(requested: [.sessions])
        var failure: ClerkReadError?
        for outcome in outcomes {
            switch outcome {
            case .success(let list): report.diagnostics += list.diagnostics
            case .failure(let error):
                // A refusal is final whatever --allow-partial says, and the first refusal wins over faults.
                if !error.isFault { throw error }
                failure = failure ?? error
            }
        }
        statistics.update(.sessions) { $0.done = true }
        if let failure {
            if !allowPartial { throw failure }
            report.incomplete[.sessions] = failure.description
            report.diagnostics.append(
                Diagnostic(
                    code: .incompleteCollection, severity: .error,
                    message: "sessions could not be read to the end: \(failure)", subject: ClerkCollection.sessions.diagnosticSubject))
        } else {
            sink.finished(.sessions)
        }
        return report
    }

    /// Read once with the domains (`ClerkCollection` names only list endpoints).
    package static let organizationSettingsPath = "/v1/instance/organization_settings"

    /// `GET /v1/instance/organization_settings`, one request with the domains: the role a domain enrollment
    /// grants is an instance setting, not a field of the domain. Counted and recorded with the domains.
    private func readOrganizationSettings(into sink: any TenantPageSink) async throws(ClerkReadError) {
        let (page, body) = try await client.get(
            Self.organizationSettingsPath, query: [], bucket: .domains, page: "settings",
            decode: ClerkPage.decodeOrganizationSettings)
        recorder?.recordOrganizationSettings(body, hiding: configuration.secretKey)
        // A list of its own (1), so it never shares a position with a domains page.
        sink.receive(page, at: PagePosition(list: 1, offset: 0))
    }

    /// Cursor paging over users (`starting_after` = last id of the previous page), cross-checked against
    /// `GET /users/count`. A server that ignores the cursor answers page 2 with page 1 again; then paging
    /// switches to offsets and the builder drops the repeats. A full page (by cursor or offset) that brings
    /// no user not already read ends the read with `pagingStalled` rather than loop.
    private func readUsers(into result: inout CollectionRead, sink: any TenantPageSink) async throws(ClerkReadError) {
        let bucket = ClerkCollection.users
        let countRead = Task { [client] in
            await Result.catching { () async throws(ClerkReadError) in
                try await client.get(
                    "/v1/users/count", query: [], bucket: bucket, page: "count", decode: ClerkPage.decodeTotalCount)
            }
        }
        // Never cancelled, even when paging fails: cancelling an in-flight FoundationNetworking request from
        // another task has been seen to deadlock on Linux; one small request is allowed to finish instead.
        var cursor: String?
        var offset = 0
        var usingOffsets = false
        var firstPageIDs: [String] = []
        var pageIndex = 0
        var uniqueIDs = Set<String>()
        while true {
            pageIndex += 1
            var query = [("limit", String(ClerkClientConfiguration.pageSize))]
            if usingOffsets {
                query.append(("offset", String(offset)))
            } else if let cursor {
                query.append(("starting_after", cursor))
            }
            // The cursor is an id the server sent, so it is shown only as ServerText shows it.
            let label =
                usingOffsets
                ? "offset \(offset)"
                : (cursor.map { "after " + ServerText.shown($0, hiding: configuration.secretKey) } ?? "first page")
            let (page, body) = try await client.get(
                ClerkCollection.users.apiPath, query: query, bucket: bucket, page: label,
                decode: { (data) throws(ClerkPageError) in try ClerkPage.decode(data, as: .users) })
            let ids = page.ids
            if pageIndex == 1 {
                firstPageIDs = ids
            } else if pageIndex == 2, !usingOffsets, !ids.isEmpty, ids.first == firstPageIDs.first {
                usingOffsets = true
                offset = firstPageIDs.count
                result.diagnostics.append(
                    Diagnostic(
                        code: .cursorIgnored, severity: .warning,
                        message: "the server ignored the starting_after cursor for users; paged by offset instead, keeping repeated users once",
                        subject: ClerkCollection.users.diagnosticSubject))
                continue
            }
            let known = uniqueIDs.count
            uniqueIDs.formUnion(ids)
            if page.count == ClerkClientConfiguration.pageSize, uniqueIDs.count == known {
                throw .pagingStalled(endpoint: ClerkCollection.users.apiPath, page: label)
            }
            recorder?.record(body, collection: .users, name: PageRecorder.pageName(pageIndex), hiding: configuration.secretKey)
            sink.receive(page, at: PagePosition(offset: offset))
            offset += page.count
            statistics.update(bucket) { $0.objects += page.count }
            if page.count < ClerkClientConfiguration.pageSize { break }
            cursor = ids.last
        }
        let (count, countBody) = try await countRead.value.get()
        recorder?.recordCount(countBody, hiding: configuration.secretKey)
        if count != Int64(uniqueIDs.count) {
            result.diagnostics.append(CountCheck.mismatch(.users, expected: count, read: uniqueIDs.count))
        }
    }

    /// Instance-wide memberships in ~1 request per 500; per-organization listing when that endpoint is refused.
    private func readMemberships(
        into result: inout CollectionRead, sink: any TenantPageSink, organizations: SharedOrganizationList
    ) async throws(ClerkReadError) {
        do {
            result.diagnostics = try await readOffsetPages(
                .memberships, path: ClerkCollection.memberships.apiPath, recordPrefix: "",
                sink: sink
            ).diagnostics
            return
        } catch {
            // 403 and 404 say this instance does not offer the instance-wide list to this key; fall back.
            guard error.isRefusal, let status = error.status, status == 403 || status == 404 else { throw error }
        }
        result.diagnostics.append(
            Diagnostic(
                code: .membershipsPerOrganization, severity: .info,
                message: "the instance-wide membership list was refused; memberships were listed organization by organization",
                subject: ClerkCollection.memberships.diagnosticSubject))
        let organizationIDs = try await organizations.get().ids
        let perOrganization = await listsInWindow(count: organizationIDs.count) { (index) async throws(ClerkReadError) in
            let id = organizationIDs[index]
            return try await self.readOffsetPages(
                .memberships, path: "/v1/organizations/\(PercentEncoding.pathSegment(id))/memberships",
                recordPrefix: PageRecorder.listPrefix(organizationID: id, index: index, hiding: configuration.secretKey),
                list: index + 1, sink: sink)
        }
        for outcome in perOrganization {
            result.diagnostics += try outcome.get().diagnostics
        }
    }

    // MARK: - Offset paging

    /// What an offset listing leaves behind once its pages went to the sink.
    struct OffsetList: Sendable {
        /// The ids in list order, only when asked for (the organization list, for the membership fallback).
        var ids: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Reads page 1, then the further pages `total_count` announces in parallel, at most `concurrency * 2`
    /// requests in flight, then keeps going while the last page is full, so a list that grew is read to its
    /// end and a list of exactly 500·n costs one empty page, never more. The announced count only decides
    /// how far ahead to look: nothing is allocated from it, and once a short page has come back no page past
    /// it is asked for, so a server announcing a billion costs at most one window of requests past its real
    /// end. A full page that brings no object not seen before ends the read with `pagingStalled` (a server
    /// repeating a page forever). Pages are accounted for as they arrive, so one slow page does not hold up
    /// the others.
    func readOffsetPages(
        _ collection: ClerkCollection, path: String, recordPrefix: String, recordFolder: String? = nil,
        query extraQuery: [(String, String)] = [], list: Int = 0, sink: (any TenantPageSink)?, keepingIDs: Bool = false
    ) async throws(ClerkReadError) -> OffsetList {
        let pageSize = ClerkClientConfiguration.pageSize
        let query = extraQuery + Self.filter(of: collection)
        // A page's objects go to the sink here, in the task that decoded it; only its size, the hashes of its
        // ids (to tell whether it brought anything new) and, when asked, its ids are kept.
        let fetch: @Sendable (Int) async throws(ClerkReadError) -> PageSummary = {
            [client, recorder, statistics, key = configuration.secretKey] (offset) async throws(ClerkReadError) -> PageSummary in
            let (page, body) = try await client.get(
                path, query: [("limit", String(pageSize)), ("offset", String(offset))] + query, bucket: collection,
                page: "offset \(offset)", decode: { (data) throws(ClerkPageError) in try ClerkPage.decode(data, as: collection) })
            recorder?.record(
                body, collection: collection, folder: recordFolder, name: recordPrefix + PageRecorder.pageName(offset / pageSize + 1),
                hiding: key)
            statistics.update(collection) { $0.objects += page.count }
            sink?.receive(page, at: PagePosition(list: list, offset: offset))
            let ids = page.ids
            return PageSummary(
                count: page.count, totalCount: page.totalCount, ids: keepingIDs ? ids : [], idHashes: ids.map(\.hashValue))
        }
        var progress = OffsetProgress(pageSize: pageSize)
        guard progress.account(try await fetch(0), at: 0) else {
            throw .pagingStalled(endpoint: path, page: "offset 0")
        }
        if progress.shortPage == nil {
            // Offsets past 2^40 cannot be told apart in a PagePosition; no real list comes near.
            let announced = Int(min(max(progress.lastTotalCount ?? 0, 0), 1 << 40))
            let window = max(2, configuration.concurrency * 2)
            let failure = await withTaskGroup(of: (Int, Result<PageSummary, ClerkReadError>).self) { group in
                var nextOffset = pageSize
                var inFlight = 0
                var failure: ClerkReadError?
                // Pages that repeat are seen in arrival order; the one named is the first in list order among
                // those that came back, so the message does not depend on which answer won a race.
                var stalledAt: Int?
                func launch() {
                    while failure == nil, stalledAt == nil, inFlight < window,
                        nextOffset < progress.launchLimit(announced: announced)
                    {
                        let offset = nextOffset
                        group.addTask {
                            (offset, await Result.catching { () async throws(ClerkReadError) in try await fetch(offset) })
                        }
                        inFlight += 1
                        nextOffset += pageSize
                    }
                }
                launch()
                while let (offset, result) = await group.next() {
                    inFlight -= 1
                    switch result {
                    case .success(let summary):
                        if !progress.account(summary, at: offset) { stalledAt = min(stalledAt ?? offset, offset) }
                    case .failure(let error):
                        failure = failure ?? error
                    }
                    if failure != nil || stalledAt != nil { group.cancelAll() }
                    launch()
                }
                return stalledAt.map { .pagingStalled(endpoint: path, page: "offset \($0)") } ?? failure
            }
            if let failure { throw failure }
        }
        var list = OffsetList(ids: keepingIDs ? progress.idsInListOrder : [])
        if let total = progress.lastTotalCount, total != Int64(progress.read) {
            list.diagnostics.append(CountCheck.mismatch(collection, expected: total, read: progress.read))
        }
        return list
    }

    /// Query parameters a collection's list is always asked with besides `limit` and `offset`.
    static func filter(of collection: ClerkCollection) -> [(String, String)] {
        switch collection {
        case .organizations: return [("include_members_count", "true")]
        // Accepted, revoked and expired invitations give no access: only pending ones are access paths.
        case .invitations: return [("status", "pending")]
        // Ended, revoked, expired and other sessions give no access now.
        case .sessions: return [("status", "active")]
        default: return []
        }
    }

    struct PageSummary: Sendable {
        var count: Int
        var totalCount: Int64?
        var ids: [String]
        var idHashes: [Int]
    }

    /// The pages of one offset listing accounted for so far, in whatever order they arrived.
    struct OffsetProgress {
        let pageSize: Int
        /// Every page below this offset has been accounted for.
        private(set) var contiguousEnd = 0
        /// Whether the page just below `contiguousEnd` was full, so the list may go on past it.
        private var contiguousEndsFull = true
        /// Pages accounted for above `contiguousEnd`, and whether each was full.
        private var arrivedAhead: [Int: Bool] = [:]
        /// The offset of the first short page seen: the end of the list; nothing past it is asked for.
        private(set) var shortPage: Int?
        private(set) var read = 0
        /// `total_count` of the page furthest down the list.
        private(set) var lastTotalCount: Int64?
        private var lastTotalCountOffset = -1
        private var idsByOffset: [Int: [String]] = [:]
        /// Hashes of every id read, to see whether a page brought anything new: a repeat is a fault only when
        /// a whole full page is one, so the rare hash collision cannot matter.
        private var seen = Set<Int>()

        init(pageSize: Int) {
            self.pageSize = pageSize
        }

        /// Pages at offsets below this may be asked for: those `total_count` announces, then the next page
        /// while every page so far was full; never anything past a short page.
        func launchLimit(announced: Int) -> Int {
            let known = max(announced, contiguousEndsFull ? contiguousEnd + 1 : contiguousEnd)
            return min(known, shortPage.map { $0 + 1 } ?? Int.max)
        }

        /// Accounts for the page at `offset`; false when it was a full page that brought nothing new.
        mutating func account(_ page: PageSummary, at offset: Int) -> Bool {
            read += page.count
            if offset > lastTotalCountOffset, let total = page.totalCount {
                lastTotalCount = total
                lastTotalCountOffset = offset
            }
            if !page.ids.isEmpty { idsByOffset[offset] = page.ids }
            var broughtNew = false
            for hash in page.idHashes where seen.insert(hash).inserted { broughtNew = true }
            let full = page.count >= pageSize
            if !full { shortPage = min(shortPage ?? offset, offset) }
            arrivedAhead[offset] = full
            while let isFull = arrivedAhead.removeValue(forKey: contiguousEnd) {
                contiguousEndsFull = isFull
                contiguousEnd += pageSize
            }
            return broughtNew || !full
        }

        var idsInListOrder: [String] {
            idsByOffset.keys.sorted().flatMap { idsByOffset[$0]! }
        }
    }
}

/// The organization list, read once and shared: the organizations collection and the per-organization
/// membership fallback both need it, and must not pay for it twice.
actor SharedOrganizationList {
    private let reader: LiveTenantReader
    /// Where the pages go: nowhere when organizations are read only for the membership fallback.
    private let sink: (any TenantPageSink)?
    private var task: Task<Result<LiveTenantReader.OffsetList, ClerkReadError>, Never>?

    init(reader: LiveTenantReader, sink: (any TenantPageSink)?) {
        self.reader = reader
        self.sink = sink
    }

    func get() async throws(ClerkReadError) -> LiveTenantReader.OffsetList {
        if task == nil {
            let reader = self.reader
            let sink = self.sink
            task = Task {
                await Result.catching { () async throws(ClerkReadError) in
                    try await reader.readOffsetPages(
                        .organizations, path: ClerkCollection.organizations.apiPath,
                        recordPrefix: "", sink: sink, keepingIDs: true)
                }
            }
        }
        return try await task!.value.get()
    }
}
