/// The printed table: two columns, sections in between.
struct Report {
    private(set) var text = ""

    mutating func section(_ title: String) { text += "\n\(title)\n" }
    mutating func line(_ label: String, _ value: String) {
        text += label.padding(toLength: max(label.count, 34), withPad: " ", startingAt: 0) + " " + value + "\n"
    }
}
