/// "1 admin", "4 admins": reports are read by people, and "1 admins" reads like a bug.
enum Plural {
    static func count(_ number: Int, _ noun: String) -> String { number == 1 ? "1 \(noun)" : "\(number) \(noun)s" }
}
