import CanonicalJSON

/// The renderings of a question about a snapshot (`who-can` and `access --format`): text for a person,
/// JSON for a program.
public enum AnswerFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// The bytes of an answer in this format, from its text and its JSON value.
    public func render(text: () -> String, json: () -> JSONValue) -> [UInt8] {
        switch self {
        case .text: return Array(text().utf8)
        case .json: return CanonicalJSONWriter.encodePretty(json())
        }
    }

    /// `render`'s bytes handed to `emit`, the text in the chunks `text` writes it in (a large answer is
    /// never held whole).
    public func write(
        text: (_ emit: @escaping ([UInt8]) -> Void) -> Void, json: () -> JSONValue, emit: @escaping ([UInt8]) -> Void
    ) {
        switch self {
        case .text: text(emit)
        case .json: emit(CanonicalJSONWriter.encodePretty(json()))
        }
    }
}
