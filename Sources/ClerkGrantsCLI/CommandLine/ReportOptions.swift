/// Options shared by the commands that write a report or a file (export, review, convert, who-can,
/// access, diff): declared once here, so `--output` means and reads the same everywhere.
enum ReportOptions {
    static let output = OptionDeclaration(
        "--output", "FILE", kind: .text, defaultNote: "stdout",
        help: "write atomically to FILE, mode 0600; a symbolic link is written through, a device or FIFO in place")

    /// `--format` with the words of `Format`, the first being the default.
    static func format<Format: CaseIterable & RawRepresentable<String>>(
        _ type: Format.Type, aliases: [String: String] = [:], help: String
    ) -> OptionDeclaration {
        let words = Format.allCases.map(\.rawValue)
        return OptionDeclaration("--format", "FORMAT", kind: .choice(words, aliases: aliases), default: words.first, help: help)
    }

    /// The exit codes of a command that reads a snapshot and writes a report.
    static let exitCodes = "0 ok, 1 usage or bad input, 5 output not written"
}
