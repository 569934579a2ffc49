import Foundation
import SnapshotFormat

/// A snapshot file as `diff` reads it, validated: indexed over its bytes when the lean reader vouches for
/// it (every file this tool writes), decoded whole when it is valid but outside what that reader handles.
public enum DiffInput: Sendable {
    case indexed(IndexedSnapshot)
    case decoded(Snapshot)

    /// Throws every problem `SnapshotValidator` finds, as `SnapshotDecoder` does.
    public init(_ data: Data) throws(SnapshotReadError) {
        try self.init(data, placement: .standard)
    }

    /// As `init(_:)`, for one of two files read at once: each is indexed on one core
    /// (`SectionTailReader.Placement.oneCore`).
    package init(readAlongsideAnother data: Data) throws(SnapshotReadError) {
        try self.init(data, placement: .oneCore)
    }

    private init(_ data: Data, placement: SectionTailReader.Placement) throws(SnapshotReadError) {
        if let indexed = IndexedSnapshot(data, placement: placement) {
            self = .indexed(indexed)
        } else {
            self = .decoded(try SnapshotDecoder.decode(data))
        }
    }

    public var digest: String {
        switch self {
        case .indexed(let snapshot): return snapshot.digest
        case .decoded(let snapshot): return snapshot.digest
        }
    }

    public var instance: String {
        switch self {
        case .indexed(let snapshot): return snapshot.source.instance
        case .decoded(let snapshot): return snapshot.source.instance
        }
    }

    var snapshot: Snapshot {
        switch self {
        case .indexed(let snapshot): return snapshot.decoded()
        case .decoded(let snapshot): return snapshot
        }
    }
}
