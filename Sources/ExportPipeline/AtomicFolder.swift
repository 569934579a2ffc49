import Foundation

/// Writes a folder of files so that readers see the previous folder or the complete new one, never a
/// folder half written: the files are written into a temporary sibling folder `.NAME.<UUID>.tmp` (mode
/// 0700; each file 0600, by `AtomicFile.writeNew`), the files and the folder are flushed to disk, then it
/// is renamed into place. The files hold personal data, so nobody but the owner may list or read them.
///
/// What may be replaced is narrow, since a wrong guess deletes someone's files: nothing yet, an empty
/// folder, or a folder this type wrote before, known by its marker file (`markerName`) and holding
/// nothing but regular files. A folder of this type's is swapped with the new one in one step
/// (`renameat2` with `RENAME_EXCHANGE`; where that is missing, it steps aside just before the new one is
/// renamed in), then its files are removed. Anything else (a file, a symbolic
/// link, a folder with other content) is refused and left as it is.
package enum AtomicFolder {
    /// The file that marks a folder as written by `AtomicFolder`: its presence lets a later run replace it.
    package static let markerName = ".clerk-grants-folder"

    /// Collects the files of the folder being built.
    package struct Builder: ~Copyable {
        let folder: URL
        let mode: mode_t
        private(set) var names: Set<String> = []

        /// Writes one file; `name` is a plain file name (no `/`, not `.` or `..`, not the marker's).
        package mutating func write(_ name: String, produce: (_ emit: ([UInt8]) -> Void) -> Void) throws(AtomicWriteError) {
            precondition(
                !name.isEmpty && !name.contains("/") && name != "." && name != ".." && name != markerName && !names.contains(name),
                "AtomicFolder file name \(name) is not a plain, new file name")
            names.insert(name)
            let url = folder.appendingPathComponent(name)
            try withoutActuallyEscaping(produce) { (produce) throws(AtomicWriteError) in
                try AtomicFile.writeNew(at: url, mode: mode, flush: false) { emit, _ in produce(emit) }
            }
        }
    }

    /// Whether the folder at `url` may be replaced; nil when it may, else why not.
    package static func refusal(toReplace url: URL) -> String? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            return errno == ENOENT ? nil : AtomicFile.systemError(errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: return "it is a symbolic link; name the folder itself"
        default: return "it is not a folder"
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            return "its contents cannot be listed"
        }
        if names.isEmpty { return nil }
        guard names.contains(markerName) else {
            return "it is a folder that holds other files (only an empty folder or an earlier folder of this kind, marked by \(markerName), is replaced)"
        }
        for name in names {
            var entry = stat()
            guard lstat(url.appendingPathComponent(name).path, &entry) == 0, entry.st_mode & S_IFMT == S_IFREG else {
                return "it holds \(name), which is not a regular file, so it is not left as this tool wrote it"
            }
        }
        return nil
    }

    /// Builds the folder with `build`, then puts it at `url` (see the type's description). `marker` is
    /// the marker file's content. On any failure the temporary folder is removed and `url` is untouched.
    package static func write(
        to url: URL, marker: String, folderMode: mode_t = 0o700, fileMode: mode_t = 0o600,
        build: (inout Builder) throws(AtomicWriteError) -> Void
    ) throws(AtomicWriteError) {
        // `.`, `..` or `/` name no folder a sibling can be built beside and renamed over.
        guard ![".", "..", "/", ""].contains(url.lastPathComponent) else {
            throw AtomicWriteError(reason: "name the folder itself, not '.', '..' or '/'")
        }
        if let refusal = refusal(toReplace: url) { throw AtomicWriteError(reason: refusal) }
        let parent = url.deletingLastPathComponent()
        removeStaleTemporaryFolders(beside: url)
        let temporary = parent.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard mkdir(temporary.path, folderMode) == 0 else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
        do throws(AtomicWriteError) {
            // The umask may have narrowed the mode at creation; set it exactly.
            guard chmod(temporary.path, folderMode) == 0 else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
            var builder = Builder(folder: temporary, mode: fileMode)
            try AtomicFile.writeNew(at: temporary.appendingPathComponent(markerName), mode: fileMode) { emit, _ in
                emit(Array(marker.utf8))
            }
            try build(&builder)
            try flushFiles(in: temporary, names: [markerName] + builder.names.sorted())
            try AtomicFile.flushFolder(temporary)
            try place(temporary, at: url)
            try? AtomicFile.flushFolder(parent)
        } catch {
            removeOurFolder(temporary)
            throw error
        }
    }

    /// Renames the built folder to `url`: over nothing or an empty folder with `rename`, else by
    /// exchanging the two folders and removing the old one's files.
    private static func place(_ temporary: URL, at url: URL) throws(AtomicWriteError) {
        if rename(temporary.path, url.path) == 0 { return }
        guard errno == ENOTEMPTY || errno == EEXIST else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
        // The folder changed since it was checked: check again before it is replaced.
        if let refusal = refusal(toReplace: url) { throw AtomicWriteError(reason: refusal) }
        if exchange(temporary, url) {
            // `temporary` now names the previous folder, already out of sight.
            removeOurFolder(temporary)
            return
        }
        // No exchange on this system: the previous folder steps aside first, so for a moment there is no
        // folder at `url`, but never a half-written one; it is put back if the new one cannot take its place.
        let aside = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).old")
        guard rename(url.path, aside.path) == 0 else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
        guard rename(temporary.path, url.path) == 0 else {
            let failure = AtomicFile.systemError(errno)
            rename(aside.path, url.path)
            throw AtomicWriteError(reason: failure)
        }
        removeOurFolder(aside)
    }

    /// `renameat2(RENAME_EXCHANGE)`: swaps two paths in one step (Linux 3.15, glibc 2.28). Glibc's module
    /// map does not export it to Swift, so it is looked up by name; false when missing or refused.
    private static func exchange(_ first: URL, _ second: URL) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, renameExchange) == 0
    }

    /// Flushes the folder's files: with one `syncfs` of their file system where there is one, since an
    /// fsync per file costs a journal commit each (11 s for 5,000 files on this machine, against 4 s),
    /// else file by file.
    private static func flushFiles(in folder: URL, names: [String]) throws(AtomicWriteError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
        defer { close(descriptor) }
        typealias SyncFS = @convention(c) (Int32) -> Int32
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "syncfs"),
            unsafeBitCast(symbol, to: SyncFS.self)(descriptor) == 0
        {
            return
        }
        for name in names {
            let file = open(folder.appendingPathComponent(name).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard file >= 0 else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
            defer { close(file) }
            guard fsync(file) == 0 else { throw AtomicWriteError(reason: AtomicFile.systemError(errno)) }
        }
    }

    /// `.NAME.<UUID>.tmp` (being built) or `.NAME.<UUID>.old` (stepping aside): the folders `write` makes
    /// beside a target named NAME, and nothing else.
    package static func isTemporaryName(_ candidate: String, for name: String) -> Bool {
        let prefix = ".\(name)."
        guard candidate.hasPrefix(prefix), candidate.hasSuffix(".tmp") || candidate.hasSuffix(".old") else { return false }
        return StaleTemporaryFiles.isUUID(candidate.dropFirst(prefix.count).dropLast(4))
    }

    /// Removes the temporary folders a killed run left beside `url`: only names of `isTemporaryName`'s
    /// form, only folders owned by the user running it that hold our marker and nothing but regular files,
    /// and only once they are older than `StaleTemporaryFiles.minimumAge`, so a run still writing is never
    /// disturbed. Failures are ignored.
    package static func removeStaleTemporaryFolders(beside url: URL, now: Date = Date()) {
        let parent = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where isTemporaryName(name, for: url.lastPathComponent) {
            let folder = parent.appendingPathComponent(name)
            var info = stat()
            guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            guard now.timeIntervalSince1970 - modified > StaleTemporaryFiles.minimumAge else { continue }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            // A folder killed before its marker was written is empty; anything else must be marked ours.
            guard contents.isEmpty || refusal(toReplace: folder) == nil else { continue }
            removeOurFolder(folder)
        }
    }

    /// Removes a folder this type made: its regular files, then the folder (nothing else is touched).
    private static func removeOurFolder(_ folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            var entry = stat()
            let path = folder.appendingPathComponent(name).path
            if lstat(path, &entry) == 0, entry.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
        rmdir(folder.path)
    }
}
