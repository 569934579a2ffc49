/// The object keys a selective parse keeps (`JSONParser.parse(_:keeping:)`), matched against a key's raw
/// bytes so that the keys of skipped members never become `String`s.
public struct JSONKeyFilter: Sendable {
    /// Keys by length: a lookup compares only keys as long as the candidate.
    private let keysByLength: [Int: [[UInt8]]]

    public init(_ keys: Set<String>) {
        keysByLength = Dictionary(grouping: keys.map { Array($0.utf8) }, by: \.count)
    }

    public func contains(_ key: String) -> Bool {
        keysByLength[key.utf8.count]?.contains(Array(key.utf8)) ?? false
    }

    func contains(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let candidates = keysByLength[raw.count] else { return false }
        return candidates.contains { $0.elementsEqual(raw) }
    }
}
