import ClerkModel

/// Which collections an export may leave out when the key is not allowed to read them, and how that is
/// said. Snapshot 1.1 reads five more collections by default; a key or plan without access to one of them
/// (HTTP 402, 403 or 404) must not cost the grants the export could read. A collection named in
/// `--resources`, or one of the five grant collections, is never refusable: its refusal fails the export.
public struct CollectionRefusal: Sendable, Equatable {
    /// The collections `--resources` named; nil when it was not given (every collection read by default).
    public var explicitlyRequested: Set<ClerkCollection>?

    /// `explicitlyRequested` nil: `--resources` was not given, so every non-grant collection is refusable.
    public init(explicitlyRequested: Set<ClerkCollection>? = nil) {
        self.explicitlyRequested = explicitlyRequested
    }

    /// The statuses that mean "this key or plan may not read this list": payment required (a plan
    /// without the feature), forbidden, and not found (an instance or API version without the endpoint).
    public static let refusingStatuses: Set<Int> = [402, 403, 404]

    /// Whether `collection` may be left out rather than fail the export.
    public func isRefusable(_ collection: ClerkCollection) -> Bool {
        // An opt-in collection (sessions) is asked for explicitly whenever it is read.
        !collection.isOptIn && !ClerkCollection.grantCollections.contains(collection)
            && !(explicitlyRequested?.contains(collection) ?? false)
    }

    /// The reason `collection` is left out, when `error` is Clerk refusing it and it is refusable; nil when
    /// the error must fail the read (a fault, or a collection the export cannot do without).
    public func refusalReason(_ collection: ClerkCollection, after error: ClerkReadError) -> String? {
        guard isRefusable(collection), error.isRefusal, let status = error.status, Self.refusingStatuses.contains(status)
        else { return nil }
        return "HTTP \(status)"
    }

    /// The info diagnostic of a left-out collection: `reason` names the status (or the missing recording).
    public static func diagnostic(_ collection: ClerkCollection, reason: String) -> Diagnostic {
        Diagnostic(
            code: .collectionNotReadable, severity: .info,
            message:
                "\(collection.rawValue) could not be read (\(reason)); the collection is left out of the snapshot (name it in --resources to make this an error)",
            subject: collection.diagnosticSubject)
    }
}
