/// The `limit` and `offset` of a list request, read the way Clerk reads them.
struct ListWindow: Equatable {
    static let defaultLimit = 10
    static let maximumLimit = 500

    var limit: Int
    var offset: Int

    /// A `limit` outside 1...500 yields a default page of 10 rather than an error, as Clerk has been seen
    /// to answer; a limit or offset that is not an integer, or a negative offset, is a 400.
    static func parse(_ request: HTTPRequestHead) -> Result<ListWindow, ClerkErrorReply> {
        var limit = defaultLimit
        if let text = request.queryValue("limit") {
            guard let value = Int(text) else { return .failure(.invalidParameter("limit", text)) }
            if (1...maximumLimit).contains(value) { limit = value }
        }
        var offset = 0
        if let text = request.queryValue("offset") {
            guard let value = Int(text), value >= 0 else { return .failure(.invalidParameter("offset", text)) }
            offset = value
        }
        return .success(ListWindow(limit: limit, offset: offset))
    }

    /// The positions of this page in a list of `count` items; empty past the end.
    func range(in count: Int) -> Range<Int> {
        let start = min(offset, count)
        return start..<min(count, start + limit)
    }
}
