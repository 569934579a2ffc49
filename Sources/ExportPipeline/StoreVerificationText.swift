import SnapshotFormat

/// `store verify`'s report as text: one line per stored file in run order, then each break, then the
/// verdict, with what the chain cannot see said plainly.
extension StoreChainVerifier.Report {
    /// The lines to print (without escaping: callers escape for the terminal).
    public var lines: [String] {
        var lines: [String] = []
        lines.append("\(files.count) stored snapshot\(files.count == 1 ? "" : "s") in run order\(instance.map { ", instance \($0)" } ?? ""):")
        for file in files {
            var parts = ["  \(file.name)", file.schemaVersion.map { "v\($0)" } ?? "v?", file.fileDigest ?? "unreadable"]
            switch file.standing {
            case .linked(let previous): parts.append("linked to \(previous)")
            case .starts: parts.append("starts the chain")
            case .startsAfterMissing(let previous): parts.append("starts the chain here: it links to \(previous), which is not in the store (pruned by --keep, or removed)")
            case .unlinked: parts.append("no chain link (a file of an earlier version)")
            case .outside: parts.append("outside the chain")
            }
            if let signature = file.signature { parts.append(signature == .valid ? "signature valid" : "signature NOT valid") }
            lines.append(parts.joined(separator: "  "))
        }
        for (name, reason) in unreadable {
            lines.append("cannot read \(name): \(reason)")
        }
        if !breaks.isEmpty {
            lines.append("BROKEN: \(breaks.count) break\(breaks.count == 1 ? "" : "s") in the chain, first break first:")
            for item in breaks { lines.append("  - \(item)") }
        } else if unreadable.isEmpty {
            lines.append("intact: every link and every digest holds")
        }
        if let newest, let digest = files.last(where: { $0.name == newest })?.fileDigest {
            lines.append(
                "note: the newest file, \(newest) (\(digest)), is linked by no later file: an edit to it that recomputes its digest shows only through its signature (--sign-key-file), and removing it leaves a shorter chain that holds; keep this digest outside the store to catch that")
        }
        if files.contains(where: { $0.standing == .unlinked }) {
            lines.append(
                "note: files of version 1.0 and 1.1 carry no link: each is vouched for by its own digest, a removal among them by the sequence numbers only")
        }
        return lines
    }
}
