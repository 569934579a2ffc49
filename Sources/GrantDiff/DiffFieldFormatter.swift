import CanonicalJSON

/// How a changed field reads in text and markdown: `old -> new` in compact JSON, or, for two lists of
/// strings (a role's permission keys), the entries added and removed.
public enum DiffFieldFormatter {
    public static func describe(_ change: SnapshotDiff.FieldChange) -> String {
        if let old = change.old?.arrayValue, let new = change.new?.arrayValue,
            let oldStrings = strings(old), let newStrings = strings(new)
        {
            let before = Set(oldStrings)
            let after = Set(newStrings)
            let added = newStrings.filter { !before.contains($0) }.map { "+\($0)" }
            let removed = oldStrings.filter { !after.contains($0) }.map { "-\($0)" }
            let parts = added + removed
            if !parts.isEmpty { return parts.joined(separator: " ") }
        }
        return "\(value(change.old)) -> \(value(change.new))"
    }

    public static func value(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        return String(decoding: CanonicalJSONWriter.encode(value), as: UTF8.self)
    }

    private static func strings(_ values: [JSONValue]) -> [String]? {
        var result: [String] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let text = value.stringValue else { return nil }
            result.append(text)
        }
        return result
    }
}
