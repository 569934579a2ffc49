import ClerkModel

/// The cross-check of objects read against the count Clerk reports (`total_count`, `GET /users/count`).
enum CountCheck {
    static func mismatch(_ collection: ClerkCollection, expected: Int64, read: Int) -> Diagnostic {
        Diagnostic(
            code: .countMismatch, severity: .warning,
            message:
                "Clerk reported \(expected) \(collection.rawValue) but \(read) were read (the list may have changed while it was read)",
            subject: collection.diagnosticSubject)
    }
}
