import Dispatch
import Synchronization

/// The file-order digest of a snapshot's sections up to its grants, hashed on another thread while
/// `SnapshotIndexer` reads the resources that follow; the indexer hashes the rest once it has them.
final class EarlyDigest: Sendable {
    /// The sections up to the grants, with the lists their records' spans are read from.
    struct Input {
        var sections: [SnapshotSection]
        var accessPathRecords: [ByteSpan]
        var entitlements: [IndexedSnapshot.EntitlementEntry]
        var grants: [IndexedSnapshot.GrantEntry]
    }

    private let done = DispatchGroup()
    /// The input, then the hasher with those sections hashed. Behind a lock for the hand-over only: the
    /// job holds it while it hashes, and `result()` waits for the job first.
    private let state: Mutex<(input: Input?, hasher: RecordSpanDigest?)>

    /// Starts hashing `input`'s sections, which must be in the digest's order, over `bytes` (which must
    /// outlive the job: `result()` waits for it).
    init(_ input: sending Input, bytes: UnsafeBufferPointer<UInt8>) {
        state = Mutex((input, nil))
        nonisolated(unsafe) let bytes = bytes
        // A Dispatch thread, not the cooperative pool: CPU work that `result()` waits for.
        DispatchQueue.global().async(group: done) { [self] in
            state.withLock { state in
                guard let input = state.input.take() else { return }
                var hasher = RecordSpanDigest(bytes: bytes)
                for section in input.sections {
                    switch section {
                    case .accessPaths: hasher.section(section, count: input.accessPathRecords.count) { input.accessPathRecords[$0] }
                    case .entitlements: hasher.section(section, count: input.entitlements.count) { input.entitlements[$0].record }
                    case .grants: hasher.section(section, count: input.grants.count) { input.grants[$0].record }
                    case .resources: preconditionFailure("the early digest ends with the grants")
                    }
                }
                state.hasher = hasher
            }
        }
    }

    /// Waits for the job.
    func wait() { done.wait() }

    /// Waits for the job; the hasher with the sections hashed. The lists are let go of, so that the
    /// indexer's are its own again.
    func result() -> RecordSpanDigest {
        done.wait()
        return state.withLock { $0.hasher.take()! }
    }
}
