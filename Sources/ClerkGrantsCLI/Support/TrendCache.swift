import AccessReview
import CanonicalJSON
import ExportPipeline
import Foundation
import LocalFiles

/// What `trend` worked out for each stored snapshot, kept in the store as `.trend-cache.json` so the next
/// run reads only the snapshots stored since: a nightly trend over a year of 300 MB snapshots then reads
/// one snapshot, not 365.
///
/// A point is reused only for the same file unchanged: same name, size, inode, modification time and
/// change time (which no user can set back), and only by the same tool version (rules and figures may
/// change between versions). The cache is an input like any other: read under a size cap, checked member
/// by member, and dropped whole when anything in it is off, so the worst a damaged cache does is cost a
/// full run. It says nothing about the files' integrity: that is `store verify`'s.
struct TrendCache {
    static let fileName = ".trend-cache.json"
    static let schemaName = "clerk-grants.trend-cache"
    static let schemaVersion = "1"
    /// A few hundred bytes a stored snapshot: 64 MiB holds far more history than a store keeps.
    static let sizeLimit: Int64 = 64 << 20

    /// The file facts a point is reused for, as one string: `size:inode:mtime:ctime` (nanoseconds).
    struct Stamp: Equatable {
        var text: String

        /// The stamp of the file at `url` now; nil when it cannot be read or is not a regular file.
        init?(_ url: URL) {
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            func nanoseconds(_ time: timespec) -> String { "\(time.tv_sec).\(time.tv_nsec)" }
            text = "\(info.st_size):\(info.st_ino):\(nanoseconds(info.st_mtim)):\(nanoseconds(info.st_ctim))"
        }

        init(text: String) { self.text = text }
    }

    private let toolVersion: String
    private var points: [String: (stamp: Stamp, point: TrendPoint)] = [:]
    /// Whether anything was kept or dropped since it was loaded: only then is it written back.
    private(set) var isChanged = false

    /// An empty cache for this tool version.
    init(toolVersion: String) { self.toolVersion = toolVersion }

    /// The cache kept in `directory`; empty when there is none, or it is of another version or damaged.
    static func load(from directory: URL, toolVersion: String) -> TrendCache {
        var cache = TrendCache(toolVersion: toolVersion)
        let url = directory.appendingPathComponent(fileName)
        guard let contents = try? InputFile.read(url, limit: sizeLimit, limitDescription: "64 MiB for the trend cache"),
            let document = try? JSONParser.parse(contents.bytes), let root = document.objectValue,
            root["schema"]?.stringValue == schemaName, root["schema_version"]?.stringValue == schemaVersion,
            root["tool_version"]?.stringValue == toolVersion, case .array(let entries)? = root["entries"]
        else { return cache }
        for entry in entries {
            guard let object = entry.objectValue, object.count == 3, let file = object["file"]?.stringValue,
                StoredSnapshotName.parse(file) != nil, let stamp = object["stamp"]?.stringValue,
                let point = object["point"].flatMap(TrendPoint.init(cacheJSON:)), cache.points[file] == nil
            else { return TrendCache(toolVersion: toolVersion) }
            cache.points[file] = (Stamp(text: stamp), point)
        }
        return cache
    }

    /// The point kept for `file` if the file is as it was when the point was worked out.
    func point(for file: String, stamp: Stamp?) -> TrendPoint? {
        guard let stamp, let kept = points[file], kept.stamp == stamp else { return nil }
        return kept.point
    }

    /// Keeps `point` for `file` as stamped before it was read.
    mutating func keep(_ point: TrendPoint, for file: String, stamp: Stamp?) {
        guard let stamp else { return }
        points[file] = (stamp, point)
        isChanged = true
    }

    /// Only the files still stored are kept: a pruned snapshot's point goes with it.
    mutating func keepOnly(_ files: Set<String>) {
        let kept = points.filter { files.contains($0.key) }
        if kept.count != points.count { isChanged = true }
        points = kept
    }

    /// Writes the cache into `directory` atomically, mode 0600; never through a link or over anything but
    /// a regular file of that name (then nothing is written).
    func save(to directory: URL) throws(AtomicWriteError) {
        var info = stat()
        let url = directory.appendingPathComponent(Self.fileName)
        if lstat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw AtomicWriteError(reason: "\(Self.fileName) is not a regular file; it is left as it is")
        }
        let entries: [JSONValue] = points.keys.sorted().map { file in
            let kept = points[file]!
            return ["file": .string(file), "stamp": .string(kept.stamp.text), "point": kept.point.cacheJSON]
        }
        let document: JSONValue = [
            "schema": .string(Self.schemaName), "schema_version": .string(Self.schemaVersion),
            "tool_version": .string(toolVersion), "entries": .array(entries),
        ]
        try AtomicFile.write(CanonicalJSONWriter.encodePretty(document), to: url)
    }
}
