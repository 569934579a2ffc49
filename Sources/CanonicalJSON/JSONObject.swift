/// A JSON object's members in document order. Look-up is linear: Clerk objects have a few dozen keys and
/// the graph reads a handful of them once, which is cheaper than hashing every key of every object.
public struct JSONObject: Sendable, Equatable {
    public var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key: key, value: newValue))
            }
        }
    }

    public var keys: [String] { members.map(\.key) }
    public var count: Int { members.count }

    /// Members sorted by key in code-point order, the order canonical JSON writes them in.
    public var sortedMembers: [(key: String, value: JSONValue)] {
        // Objects built by this tool are usually in order already; checking is cheaper than sorting.
        var ordered = true
        for index in members.indices.dropFirst() where !codePointPrecedes(members[index - 1].key, members[index].key) {
            ordered = false
            break
        }
        return ordered ? members : members.sorted { codePointPrecedes($0.key, $1.key) }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        let left = lhs.sortedMembers
        let right = rhs.sortedMembers
        for (l, r) in zip(left, right) where l.key != r.key || l.value != r.value { return false }
        return true
    }
}
