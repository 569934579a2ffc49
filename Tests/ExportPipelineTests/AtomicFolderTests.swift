import ExportPipeline
import Foundation
import Testing

/// `AtomicFolder`: a folder appears whole or not at all, with exact modes (0700 folder, 0600 files), and
/// only a new, empty or earlier folder of its own is ever replaced.
@Suite struct AtomicFolderTests {
    struct Failure: Error {}

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mode(_ url: URL) -> mode_t {
        var info = stat()
        precondition(lstat(url.path, &info) == 0)
        return info.st_mode & 0o7777
    }

    static func names(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    static func write(_ url: URL, _ files: [String: String]) throws {
        try AtomicFolder.write(to: url, marker: "test marker\n") { (builder) throws(AtomicWriteError) in
            for name in files.keys.sorted() {
                try builder.write(name) { emit in emit(Array(files[name]!.utf8)) }
            }
        }
    }

    /// (The umask is left alone: it is the process's, shared with every test running beside this one.
    /// The modes are set with chmod after creation, whatever the umask narrowed.)
    @Test func aNewFolderHasExactModes() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("split")
        try Self.write(folder, ["index.md": "index\n", "org_a.md": "a\n"])
        #expect(Self.mode(folder) == 0o700)
        #expect(Self.names(folder) == [AtomicFolder.markerName, "index.md", "org_a.md"])
        for name in Self.names(folder) { #expect(Self.mode(folder.appendingPathComponent(name)) == 0o600, "\(name)") }
        #expect(try String(contentsOf: folder.appendingPathComponent("org_a.md"), encoding: .utf8) == "a\n")
        #expect(Self.names(parent) == ["split"])
    }

    @Test func anEarlierFolderOfOursIsReplacedWhole() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("split")
        try Self.write(folder, ["index.md": "one\n", "org_gone.md": "gone\n"])
        try Self.write(folder, ["index.html": "two\n"])
        #expect(Self.names(folder) == [AtomicFolder.markerName, "index.html"])
        #expect(Self.names(parent) == ["split"])
    }

    @Test func anEmptyFolderIsFilled() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("split")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Self.write(folder, ["index.md": "x\n"])
        #expect(Self.names(folder) == [AtomicFolder.markerName, "index.md"])
        #expect(Self.mode(folder) == 0o700)
    }

    @Test func otherFoldersFilesAndLinksAreRefusedAndLeftAlone() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let foreign = parent.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: foreign.appendingPathComponent("index.md"))
        #expect(throws: AtomicWriteError.self) { try Self.write(foreign, ["index.md": "x\n"]) }
        #expect(Self.names(foreign) == ["index.md"])

        // A marker alone does not make a folder ours when it also holds a subfolder.
        let marked = parent.appendingPathComponent("marked")
        try Self.write(marked, ["index.md": "x\n"])
        try FileManager.default.createDirectory(at: marked.appendingPathComponent("sub"), withIntermediateDirectories: false)
        #expect(AtomicFolder.refusal(toReplace: marked) != nil)

        let file = parent.appendingPathComponent("file")
        try Data("keep".utf8).write(to: file)
        #expect(AtomicFolder.refusal(toReplace: file) == "it is not a folder")
        let link = parent.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: foreign)
        #expect(AtomicFolder.refusal(toReplace: link) == "it is a symbolic link; name the folder itself")
        #expect(Self.names(parent) == ["file", "link", "marked", "photos"])
        // An empty folder named `.`: refused by name, nothing is built inside or beside it.
        let empty = parent.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        for name in [".", ".."] {
            #expect(throws: AtomicWriteError.self) { try Self.write(empty.appendingPathComponent(name), ["index.md": "x\n"]) }
        }
        #expect(Self.names(empty).isEmpty)
        #expect(Self.names(parent) == ["empty", "file", "link", "marked", "photos"])
    }

    @Test func aFailureMidwayLeavesNoHalfFolderAndTheOldOneIntact() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("split")
        try Self.write(folder, ["index.md": "old\n"])
        #expect(throws: AtomicWriteError.self) {
            try AtomicFolder.write(to: folder, marker: "m\n") { (builder) throws(AtomicWriteError) in
                try builder.write("index.md") { emit in emit(Array("new\n".utf8)) }
                throw AtomicWriteError(reason: "disk full")
            }
        }
        #expect(Self.names(parent) == ["split"])
        #expect(try String(contentsOf: folder.appendingPathComponent("index.md"), encoding: .utf8) == "old\n")

        let fresh = parent.appendingPathComponent("fresh")
        #expect(throws: AtomicWriteError.self) {
            try AtomicFolder.write(to: fresh, marker: "m\n") { (_) throws(AtomicWriteError) in throw AtomicWriteError(reason: "stop") }
        }
        #expect(Self.names(parent) == ["split"])
    }
}

/// Temporary folders a killed run left beside the target: removed by the next write once an hour old,
/// only when they are ours.
@Suite struct AtomicFolderLeftoverTests {
    @Test func onlyOurOldTemporaryFoldersAreRemoved() throws {
        let parent = try AtomicFolderTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("split")
        let uuid = UUID().uuidString
        let names = [
            ".split.\(uuid).tmp",  // ours, old: removed
            ".split.\(UUID().uuidString).old",  // ours, old, empty: removed
            ".split.\(UUID().uuidString).tmp",  // ours but recent: kept
            ".split.not-a-uuid.tmp",  // not our name: kept
            ".other.\(UUID().uuidString).tmp",  // another target's: kept
            ".split.\(UUID().uuidString).tmp-foreign",  // not our name: kept
        ]
        for name in names { try FileManager.default.createDirectory(at: parent.appendingPathComponent(name), withIntermediateDirectories: false) }
        try Data("m".utf8).write(to: parent.appendingPathComponent(names[0]).appendingPathComponent(AtomicFolder.markerName))
        try Data("x".utf8).write(to: parent.appendingPathComponent(names[0]).appendingPathComponent("index.md"))
        // Ours by name and old, but holding no marker and someone's file: kept.
        let unmarked = ".split.\(UUID().uuidString).tmp"
        try FileManager.default.createDirectory(at: parent.appendingPathComponent(unmarked), withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: parent.appendingPathComponent(unmarked).appendingPathComponent("notes.txt"))
        let old = Date().addingTimeInterval(-2 * 3600)
        for name in names + [unmarked] where name != names[2] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: parent.appendingPathComponent(name).path)
        }
        try AtomicFolderTests.write(target, ["index.md": "x\n"])
        #expect(AtomicFolderTests.names(parent) == ([names[2], names[3], names[4], names[5], unmarked, "split"]).sorted())
    }
}
