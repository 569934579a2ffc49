import ClerkModel
import Foundation

/// Reads a tenant from the live Backend API: every requested collection concurrently, every page to the
/// end (no page cap), with `limit=500`. Users page by cursor, which inserts cannot shift; the rest page by
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
            transport: transport ?? URLSessionTransport(maximumConnections: configuration.concurrency),
            statistics: statistics, log: log)
    }

    public func read(_ collections: Set<ClerkCollection>) async throws(ClerkReadError) -> ClerkTenant {
        let organizations = SharedOrganizationList(reader: self)
        let results = await withTaskGroup(of: CollectionRead.self) { group in
            for collection in collections {
                group.addTask { await self.read(collection, organizations: organizations) }
            }
            var results: [CollectionRead] = []
            for await result in group { results.append(result) }
            return results
        }
        var tenant = ClerkTenant(requested: collections)
        var failures: [ClerkReadError] = []
        for result in results.sorted(by: { $0.collection < $1.collection }) {
            for page in result.pages { tenant.append(page) }
            tenant.readDiagnostics += result.diagnostics
            if let error = result.error {
                failures.append(error)
                tenant.incomplete[result.collection] = error.description
                tenant.readDiagnostics.append(
                    Diagnostic(
                        code: "incomplete_collection", severity: .error,
                        message: "\(result.collection.rawValue) could not be read to the end: \(error)",
                        subject: "collection:\(result.collection.rawValue)"))
            }
        }
        // Refusals are final whatever --allow-partial says: a snapshot read with a rejected key is no snapshot.
        if let refusal = failures.first(where: { if case .retriesExhausted = $0 { return false } else { return true } }) {
            throw refusal
        }
        if let first = failures.first, !allowPartial { throw first }
        return tenant
    }

    // MARK: - Per collection

    struct CollectionRead: Sendable {
        var collection: ClerkCollection
        var pages: [ClerkPage] = []
        var diagnostics: [Diagnostic] = []
        var error: ClerkReadError?
    }

    private func read(_ collection: ClerkCollection, organizations: SharedOrganizationList) async -> CollectionRead {
        var result = CollectionRead(collection: collection)
        do {
            switch collection {
            case .users:
                try await readUsers(into: &result)
            case .organizations:
                let list = try await organizations.get()
                result.pages = list.pages
                result.diagnostics = list.diagnostics
            case .roles, .permissions:
                let list = try await readOffsetPages(collection, path: collection.apiPath, bucket: collection.rawValue, recordPrefix: "")
                result.pages = list.pages
                result.diagnostics = list.diagnostics
            case .memberships:
                try await readMemberships(into: &result, organizations: organizations)
            }
        } catch {
            result.error = error
        }
        statistics.update(collection.rawValue) { $0.done = true }
        return result
    }

    /// Cursor paging over users (`starting_after` = last id of the previous page), cross-checked against
    /// `GET /users/count`. A server that ignores the cursor answers page 2 with page 1 again; then paging
    /// switches to offsets and the builder drops the repeats.
    private func readUsers(into result: inout CollectionRead) async throws(ClerkReadError) {
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
        var read = 0
        while true {
            pageIndex += 1
            var query = [("limit", String(ClerkClientConfiguration.pageSize))]
            if usingOffsets {
                query.append(("offset", String(offset)))
            } else if let cursor {
                query.append(("starting_after", cursor))
            }
            let label = usingOffsets ? "offset \(offset)" : (cursor.map { "after \($0)" } ?? "first page")
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
            recorder?.record(body, collection: .users, name: PageRecorder.pageName(pageIndex))
            result.pages.append(page)
            read += page.count
            offset += page.count
            statistics.update(bucket) { $0.objects += page.count }
            if page.count < ClerkClientConfiguration.pageSize { break }
            cursor = ids.last
        }
        let (count, countBody) = try await countRead.value.get()
        recorder?.recordCount(countBody)
        let unique = Set(result.pages.flatMap(\.ids)).count
        if count != Int64(unique) {
            result.diagnostics.append(CountCheck.mismatch(.users, expected: count, read: unique))
        }
    }

    /// Instance-wide memberships in ~1 request per 500; per-organization listing when that endpoint is refused.
    private func readMemberships(
        into result: inout CollectionRead, organizations: SharedOrganizationList
    ) async throws(ClerkReadError) {
        do {
            let list = try await readOffsetPages(
                .memberships, path: ClerkCollection.memberships.apiPath, bucket: "memberships", recordPrefix: "")
            result.pages = list.pages
            result.diagnostics = list.diagnostics
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
        let organizationList = try await organizations.get()
        let organizationIDs = organizationList.pages.flatMap(\.ids)
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
                            .memberships, path: "/v1/organizations/\(id)/memberships", bucket: "memberships",
                            recordPrefix: "\(id)-")
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
            let list = try outcome.get()
            result.pages += list.pages
            result.diagnostics += list.diagnostics
        }
    }

    // MARK: - Offset paging

    struct OffsetList: Sendable {
        var pages: [ClerkPage] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Reads page 1, then every further page `total_count` announces in parallel (bounded by the
    /// concurrency limit), then keeps going while the last page is full, so a list that grew is read to
    /// its end and a list of exactly 500·n costs one empty page, never more.
    func readOffsetPages(
        _ collection: ClerkCollection, path: String, bucket: String, recordPrefix: String,
        extraQuery: [(String, String)] = []
    ) async throws(ClerkReadError) -> OffsetList {
        let pageSize = ClerkClientConfiguration.pageSize
        let query = extraQuery + (collection == .organizations ? [("include_members_count", "true")] : [])
        let fetch: @Sendable (Int) async throws(ClerkReadError) -> ClerkPage = {
            [client, recorder, statistics] (offset) async throws(ClerkReadError) -> ClerkPage in
            let (page, body) = try await client.get(
                path, query: [("limit", String(pageSize)), ("offset", String(offset))] + query, bucket: bucket,
                page: "offset \(offset)", decode: { (data) throws(ClerkPageError) in try ClerkPage.decode(data, as: collection) })
            recorder?.record(body, collection: collection, name: recordPrefix + PageRecorder.pageName(offset / pageSize + 1))
            statistics.update(bucket) { $0.objects += page.count }
            return page
        }
        let first = try await fetch(0)
        var pages = [first]
        let announced = Int(first.totalCount ?? 0)
        if first.count == pageSize, announced > pageSize {
            let offsets = Array(stride(from: pageSize, to: announced, by: pageSize))
            let fetched = await withTaskGroup(of: (Int, Result<ClerkPage, ClerkReadError>).self) { group in
                for offset in offsets {
                    group.addTask {
                        (offset, await Result.catching { () async throws(ClerkReadError) in try await fetch(offset) })
                    }
                }
                var results: [(Int, Result<ClerkPage, ClerkReadError>)] = []
                for await item in group { results.append(item) }
                return results.sorted { $0.0 < $1.0 }
            }
            for (_, outcome) in fetched { pages.append(try outcome.get()) }
        }
        var nextOffset = pages.count * pageSize
        while pages.last!.count == pageSize {
            pages.append(try await fetch(nextOffset))
            nextOffset += pageSize
        }
        var list = OffsetList(pages: pages)
        let read = pages.reduce(0) { $0 + $1.count }
        if let total = pages.last?.totalCount ?? first.totalCount, total != Int64(read) {
            list.diagnostics.append(CountCheck.mismatch(collection, expected: total, read: read))
        }
        return list
    }
}

/// The organization list, read once and shared: the organizations collection and the per-organization
/// membership fallback both need it, and must not pay for it twice.
actor SharedOrganizationList {
    private let reader: LiveTenantReader
    private var task: Task<Result<LiveTenantReader.OffsetList, ClerkReadError>, Never>?

    init(reader: LiveTenantReader) {
        self.reader = reader
    }

    func get() async throws(ClerkReadError) -> LiveTenantReader.OffsetList {
        if task == nil {
            let reader = self.reader
            task = Task {
                await Result.catching { () async throws(ClerkReadError) in
                    try await reader.readOffsetPages(
                        .organizations, path: ClerkCollection.organizations.apiPath, bucket: "organizations",
                        recordPrefix: "")
                }
            }
        }
        return try await task!.value.get()
    }
}
