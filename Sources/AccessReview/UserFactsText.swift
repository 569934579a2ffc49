import Foundation
import SnapshotFormat

/// A snapshot file's bytes, shared by the `UserFacts` that keep their text as spans of it.
package final class UserFactsFile: Sendable {
    let bytes: Data

    package init(_ bytes: Data) { self.bytes = bytes }

    func string(_ span: ByteSpan) -> String {
        bytes.withUnsafeBytes { String(decoding: $0.bindMemory(to: UInt8.self)[span], as: UTF8.self) }
    }
}

/// The five strings of a `UserFacts`: as Strings, or, for a user read from a snapshot file whose strings
/// have no escapes, as spans of that file, made into Strings when read. A hundred thousand users then
/// hold no String of their own.
enum UserFactsText: Sendable {
    struct Strings: Sendable {
        var id: String
        var displayName: String
        var primaryEmail: String?
        var lastActiveAt: String?
        var activeSessionsLastActiveAt: String?
    }

    /// The spans; `ByteSpan.absent` for a value that is nil.
    struct Spans: Sendable {
        var id: ByteSpan
        var displayName: ByteSpan
        var primaryEmail: ByteSpan
        var lastActiveAt: ByteSpan
        var activeSessionsLastActiveAt: ByteSpan
    }

    /// One string as the record reader found it.
    enum Field {
        case span(ByteSpan)
        case text(String)
    }

    /// Boxed: the Strings take more room than the spans, and most users have spans.
    final class Box: Sendable {
        let strings: Strings

        init(_ strings: Strings) { self.strings = strings }
    }

    case decoded(Box)
    case inFile(UserFactsFile, Spans)

    static func decoded(_ strings: Strings) -> UserFactsText { .decoded(Box(strings)) }

    /// Spans when every field is one and there is a file; Strings otherwise.
    init(file: UserFactsFile?, id: Field, displayName: Field, primaryEmail: Field?, lastActiveAt: Field?, activeSessionsLastActiveAt: Field?) {
        if let file, case .span(let idSpan) = id, case .span(let nameSpan) = displayName,
            let email = Self.span(primaryEmail), let active = Self.span(lastActiveAt), let sessions = Self.span(activeSessionsLastActiveAt)
        {
            self = .inFile(file, Spans(id: idSpan, displayName: nameSpan, primaryEmail: email, lastActiveAt: active, activeSessionsLastActiveAt: sessions))
            return
        }
        func text(_ field: Field) -> String {
            switch field {
            case .span(let span): return file!.string(span)
            case .text(let string): return string
            }
        }
        self = .decoded(
            Strings(
                id: text(id), displayName: text(displayName), primaryEmail: primaryEmail.map(text), lastActiveAt: lastActiveAt.map(text),
                activeSessionsLastActiveAt: activeSessionsLastActiveAt.map(text)))
    }

    /// A nil field as `absent`, a span as itself; nil (no span) for a decoded string.
    private static func span(_ field: Field?) -> ByteSpan? {
        switch field {
        case nil: return .absent
        case .span(let span)?: return span
        case .text?: return nil
        }
    }

    var strings: Strings {
        switch self {
        case .decoded(let box): return box.strings
        case .inFile(let file, let spans):
            func optional(_ span: ByteSpan) -> String? { span.present.map(file.string) }
            return Strings(
                id: file.string(spans.id), displayName: file.string(spans.displayName), primaryEmail: optional(spans.primaryEmail),
                lastActiveAt: optional(spans.lastActiveAt), activeSessionsLastActiveAt: optional(spans.activeSessionsLastActiveAt))
        }
    }

    func string(_ decoded: (Strings) -> String, _ span: (Spans) -> ByteSpan) -> String {
        switch self {
        case .decoded(let box): return decoded(box.strings)
        case .inFile(let file, let spans): return file.string(span(spans))
        }
    }

    func optional(_ decoded: (Strings) -> String?, _ span: (Spans) -> ByteSpan) -> String? {
        switch self {
        case .decoded(let box): return decoded(box.strings)
        case .inFile(let file, let spans): return span(spans).present.map(file.string)
        }
    }

    /// Changing a value keeps them all as Strings from then on (`--redact-pii` replaces names this way).
    mutating func update(_ change: (inout Strings) -> Void) {
        var strings = strings
        change(&strings)
        self = .decoded(strings)
    }
}
