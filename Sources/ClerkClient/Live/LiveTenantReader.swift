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

    public var apiURL: String { configuration.apiURL.absoluteString }
    public var instance: String { configuration.secretKey.fingerprint }

    public init(
        configuration: ClerkClientConfiguration, transport: (any HTTPTransport)? = nil,
        statistics: ReadStatistics = ReadStatistics(), recorder: PageRecorder? = nil, allowPartial: Bool = false,
        log: (@Sendable (RequestLogEntry) -> Void)? = nil
    ) {
        self.configuration = configuration
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
            if let error = result.error {
                failures.append(error)
                report.incomplete[result.collection] = error.description
                report.diagnostics.append(
                    Diagnostic(
                        code: "incomplete_collection", severity: .error,
                        message: "\(result.collection.rawValue) could not be read to the end: \(error)",
                        subject: "collection:\(result.collection.rawValue)"))
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
            case .roles, .permissions:
                result.diagnostics = try await readOffsetPages(
                    collection, path: collection.apiPath, bucket: collection.rawValue, recordPrefix: "", sink: sink
                ).diagnostics
            case .memberships:
                try await readMemberships(into: &result, sink: sink, organizations: organizations)
            }
            sink.finished(collection)
        } catch {
            result.error = error
        }
        statistics.update(collection.rawValue) { $0.done = true }
        return result
    }

    /// Cursor paging over users (`starting_after` = last id of the previous page), cross-checked against
    /// `GET /users/count`. A server that ignores the cursor answers page 2 with page 1 again; then paging
    /// switches to offsets and the builder drops the repeats.
    private func readUsers(into result: inout CollectionRead, sink: any TenantPageSink) async throws(ClerkReadError) {
        let bucket = ClerkCollection.users.rawValue
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
                        code: "cursor_ignored", severity: .warning,
                        message: "the server ignored the starting_after cursor for users; paged by offset instead, keeping repeated users once",
                        subject: "collection:users"))
                continue
            }
            let known = uniqueIDs.count
            uniqueIDs.formUnion(ids)
            if page.count == ClerkClientConfiguration.pageSize, uniqueIDs.count == known {
                throw .pagingStalled(endpoint: ClerkCollection.users.apiPath, page: label)
            }
            recorder?.record(body, collection: .users, name: PageRecorder.pageName(pageIndex))
            sink.receive(page, at: PagePosition(offset: offset))
            offset += page.count
            statistics.update(bucket) { $0.objects += page.count }
            if page.count < ClerkClientConfiguration.pageSize { break }
            cursor = ids.last
        }
        let (count, countBody) = try await countRead.value.get()
        recorder?.recordCount(countBody)
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
                .memberships, path: ClerkCollection.memberships.apiPath, bucket: "memberships", recordPrefix: "",
                sink: sink
            ).diagnostics
            return
        } catch {
            switch error {
            case .requestRejected(let status, _, _, _) where status == 404 || status == 403: break
            case .keyRejected(let status, _, _) where status == 403: break
            default: throw error
            }
        }
        result.diagnostics.append(
            Diagnostic(
                code: "memberships_per_organization", severity: .info,
                message: "the instance-wide membership list was refused; memberships were listed organization by organization",
                subject: "collection:memberships"))
        let organizationIDs = try await organizations.get().ids
        let perOrganization = await withTaskGroup(of: (Int, Result<OffsetList, ClerkReadError>).self) { group in
            var next = 0
            var collected: [(Int, Result<OffsetList, ClerkReadError>)] = []
            // A sliding window of tasks: the limiter bounds requests, this bounds memory for many organizations.
            let window = max(2, configuration.concurrency * 2)
            func addTask(_ index: Int) {
                let id = organizationIDs[index]
                group.addTask {
                    let outcome = await Result.catching { () async throws(ClerkReadError) in
                        try await self.readOffsetPages(
                            .memberships, path: "/v1/organizations/\(PercentEncoding.pathSegment(id))/memberships",
                            bucket: "memberships", recordPrefix: PageRecorder.listPrefix(organizationID: id, index: index),
                            list: index + 1, sink: sink)
                    }
                    return (index, outcome)
                }
            }
            while next < min(window, organizationIDs.count) {
                addTask(next)
                next += 1
            }
            for await item in group {
                collected.append(item)
                if next < organizationIDs.count {
                    addTask(next)
                    next += 1
                }
            }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
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
    /// pages ahead of the first page not yet accounted for, then keeps going while the last page is full, so
    /// a list that grew is read to its end and a list of exactly 500·n costs one empty page, never more.
    /// The announced count only decides how far ahead to look: nothing is allocated from it, and a server
    /// announcing a billion costs at most one window of requests past its real end. A full page that brings
    /// no object not seen before ends the read with `pagingStalled` (a server repeating a page forever).
    func readOffsetPages(
        _ collection: ClerkCollection, path: String, bucket: String, recordPrefix: String, list: Int = 0,
        sink: (any TenantPageSink)?, keepingIDs: Bool = false
    ) async throws(ClerkReadError) -> OffsetList {
        let pageSize = ClerkClientConfiguration.pageSize
        let query = collection == .organizations ? [("include_members_count", "true")] : []
        // A page's objects go to the sink here, in the task that decoded it; only its size, the hashes of its
        // ids (to tell whether it brought anything new) and, when asked, its ids are kept.
        let fetch: @Sendable (Int) async throws(ClerkReadError) -> PageSummary = {
            [client, recorder, statistics] (offset) async throws(ClerkReadError) -> PageSummary in
            let (page, body) = try await client.get(
                path, query: [("limit", String(pageSize)), ("offset", String(offset))] + query, bucket: bucket,
                page: "offset \(offset)", decode: { (data) throws(ClerkPageError) in try ClerkPage.decode(data, as: collection) })
            recorder?.record(body, collection: collection, name: recordPrefix + PageRecorder.pageName(offset / pageSize + 1))
            statistics.update(bucket) { $0.objects += page.count }
            sink?.receive(page, at: PagePosition(list: list, offset: offset))
            let ids = page.ids
            return PageSummary(
                count: page.count, totalCount: page.totalCount, ids: keepingIDs ? ids : [], idHashes: ids.map(\.hashValue))
        }
        let first = try await fetch(0)
        var progress = OffsetProgress(first: first)
        if first.count == pageSize {
            // Offsets past 2^40 cannot be told apart in a PagePosition; no real list comes near.
            let announced = Int(min(max(first.totalCount ?? 0, 0), 1 << 40))
            let window = max(2, configuration.concurrency * 2)
            let outcome = await withTaskGroup(of: (Int, Result<PageSummary, ClerkReadError>).self) { group in
                var nextOffset = pageSize
                var inFlight = 0
                var waiting: [Int: PageSummary] = [:]
                var failure: ClerkReadError?
                func launch() {
                    // Pages below the announced count are fetched ahead; past it, only the next page in order.
                    while failure == nil, !progress.ended, inFlight + waiting.count < window,
                        nextOffset < max(announced, progress.nextOffset + 1)
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
                    case .success(let summary): waiting[offset] = summary
                    case .failure(let error): failure = failure ?? error
                    }
                    while failure == nil, let summary = waiting.removeValue(forKey: progress.nextOffset) {
                        if !progress.account(summary, pageSize: pageSize) {
                            failure = .pagingStalled(endpoint: path, page: "offset \(progress.nextOffset - pageSize)")
                        }
                    }
                    if failure != nil { group.cancelAll() }
                    launch()
                }
                return failure
            }
            if let outcome { throw outcome }
        }
        var list = OffsetList(ids: progress.ids)
        if let total = progress.lastTotalCount, total != Int64(progress.read) {
            list.diagnostics.append(CountCheck.mismatch(collection, expected: total, read: progress.read))
        }
        return list
    }

    struct PageSummary: Sendable {
        var count: Int
        var totalCount: Int64?
        var ids: [String]
        var idHashes: [Int]
    }

    /// The pages of one offset listing accounted for so far, in offset order.
    struct OffsetProgress {
        /// The offset of the next page to account for.
        var nextOffset: Int
        /// A short page was seen: pages already asked for are still counted, no more are asked for.
        var ended: Bool
        var read: Int
        var lastTotalCount: Int64?
        var ids: [String]
        /// Hashes of every id read, to see whether a page brought anything new: a repeat is a fault only when
        /// a whole full page is one, so the rare hash collision cannot matter.
        var seen: Set<Int>

        init(first: PageSummary) {
            nextOffset = ClerkClientConfiguration.pageSize
            ended = first.count < ClerkClientConfiguration.pageSize
            read = first.count
            lastTotalCount = first.totalCount
            ids = first.ids
            seen = Set(first.idHashes)
        }

        /// Accounts for the page at `nextOffset`; false when it was a full page that brought nothing new.
        mutating func account(_ page: PageSummary, pageSize: Int) -> Bool {
            nextOffset += pageSize
            read += page.count
            lastTotalCount = page.totalCount ?? lastTotalCount
            ids += page.ids
            var broughtNew = false
            for hash in page.idHashes where seen.insert(hash).inserted { broughtNew = true }
            if ended { return true }
            if page.count < pageSize {
                ended = true
                return true
            }
            return broughtNew
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
                        .organizations, path: ClerkCollection.organizations.apiPath, bucket: "organizations",
                        recordPrefix: "", sink: sink, keepingIDs: true)
                }
            }
        }
        return try await task!.value.get()
    }
}
