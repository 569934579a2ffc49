/// An error answer with a Clerk error body. The codes are Clerk's where known; a client should branch on
/// the HTTP status and keep the code only for its message.
struct ClerkErrorReply: Error, Equatable {
    var status: Int
    var code: String
    var message: String
    var longMessage: String

    static func notFound(_ path: String) -> ClerkErrorReply {
        ClerkErrorReply(
            status: 404, code: "resource_not_found", message: "not found",
            longMessage: "The requested resource \(path) could not be found.")
    }

    static let missingAuthorization = ClerkErrorReply(
        status: 401, code: "authorization_header_format_invalid", message: "Invalid Authorization header format",
        longMessage: "Invalid Authorization header format. Must be \"Bearer <YOUR_API_KEY>\"")

    static let invalidSecretKey = ClerkErrorReply(
        status: 401, code: "clerk_key_invalid", message: "Secret Key invalid",
        longMessage: "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.")

    static let tooManyRequests = ClerkErrorReply(
        status: 429, code: "too_many_requests", message: "Too Many Requests",
        longMessage: "You have exceeded the rate limit for this instance. Retry after the Retry-After delay.")

    static func invalidParameter(_ name: String, _ value: String) -> ClerkErrorReply {
        ClerkErrorReply(
            status: 400, code: "form_param_format_invalid", message: "is invalid",
            longMessage: "\(name)=\(value) is not a valid value for \(name).")
    }

    /// `GET /v1/sessions` without `user_id` (or `client_id`): refused since 2024-01-01.
    static let sessionsWithoutUser = ClerkErrorReply(
        status: 400, code: "form_param_missing", message: "missing query parameter",
        longMessage: "At least one of client_id or user_id must be provided to list sessions.")

    static let cursorWithOffset = ClerkErrorReply(
        status: 422, code: "form_param_value_invalid", message: "is invalid",
        longMessage: "starting_after cannot be combined with a non-zero offset.")

    static func unknownCursor(_ userID: String) -> ClerkErrorReply {
        ClerkErrorReply(
            status: 422, code: "form_param_value_invalid", message: "is invalid",
            longMessage: "starting_after=\(userID) does not match any user.")
    }

    static func refusedInstanceMemberships(status: Int) -> ClerkErrorReply {
        switch status {
        case 403:
            ClerkErrorReply(
                status: 403, code: "authorization_invalid", message: "Unauthorized request",
                longMessage: "You are not authorized to list the organization memberships of this instance.")
        case 404: notFound("/v1/organization_memberships")
        default:
            ClerkErrorReply(
                status: status, code: "request_refused", message: "Request refused",
                longMessage: "The fake server was told to refuse this endpoint.")
        }
    }

    /// What `FakeServerBehavior.refusedPaths` answers: the key may not read this list.
    static func refusedPath(_ path: String) -> ClerkErrorReply {
        ClerkErrorReply(
            status: 403, code: "authorization_invalid", message: "Unauthorized request",
            longMessage: "You are not authorized to access \(path).")
    }

    /// What a hostile server answers to leak a key into a log and take over a terminal: the key it was sent,
    /// an ANSI clear-screen, a C1 CSI, an OSC title change ended by BEL, and a right-to-left override.
    static func echoing(_ authorization: String, status: Int) -> ClerkErrorReply {
        ClerkErrorReply(
            status: status, code: "hostile\u{1B}[2J\u{9B}31m",
            message: "rejected \(authorization)",
            longMessage: "rejected \(authorization) \u{1B}]0;owned\u{07} \u{202E}gnp.exe")
    }

    static func serverError(status: Int) -> ClerkErrorReply {
        status == 503
            ? ClerkErrorReply(
                status: 503, code: "service_unavailable", message: "Service unavailable",
                longMessage: "The service is temporarily unavailable. Please retry.")
            : ClerkErrorReply(
                status: status, code: "internal_clerk_error", message: "Oops, an unexpected error occurred",
                longMessage: "There was an internal error on our servers. We've been notified and are working on it.")
    }
}
