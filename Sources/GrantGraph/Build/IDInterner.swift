/// Numbers distinct strings 0, 1, 2, ... in order of first appearance. A membership refers to its user,
/// organization and role key by these numbers (4 bytes) instead of holding three more strings.
struct IDInterner {
    private var numbers: [String: Int32] = [:]
    private(set) var strings: [String] = []

    subscript(number: Int32) -> String { strings[Int(number)] }

    /// The string's number if it was numbered, without numbering it.
    func existingNumber(_ string: String) -> Int32? { numbers[string] }

    mutating func number(_ string: String) -> Int32 {
        if let number = numbers[string] { return number }
        let number = Int32(strings.count)
        numbers[string] = number
        strings.append(string)
        return number
    }
}
