import Foundation

/// Removes temporary files a killed run left behind: only names this tool gives its own temporary files
/// (the caller's `isOurs`), only regular files owned by the user running it, and only once they are older
/// than `minimumAge`, so a run still writing next to this one is never disturbed.
package enum StaleTemporaryFiles {
    /// One hour: far longer than any write takes (a 300 MB snapshot is written in about a second).
    package static let minimumAge: TimeInterval = 3600

    /// Returns the names removed. Failures are ignored: cleaning up is a courtesy, never a reason to fail.
    @discardableResult
    package static func remove(in directory: URL, where isOurs: (String) -> Bool, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names where isOurs(name) {
            let path = directory.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { continue }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            guard now.timeIntervalSince1970 - modified > minimumAge else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Whether `text` is a UUID as `UUID().uuidString` writes it (36 characters, hex and dashes).
    package static func isUUID(_ text: Substring) -> Bool {
        text.utf8.count == 36 && UUID(uuidString: String(text)) != nil
    }
}
