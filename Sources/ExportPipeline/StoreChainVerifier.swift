import Foundation
import LocalFiles
import SnapshotFormat

/// `store verify`: walks a store's snapshots in run order, recomputes each file's SHA-256 and its content
/// `digest`, and checks each chain link (`SnapshotChainLink`), naming every file that was edited, removed
/// or inserted, first break first.
///
/// What the chain can and cannot see: a link covers the exact bytes of the file before it, so editing a
/// stored file (re-sealed or not), removing one from the middle, or putting one in shows at the next link.
/// Nobody links to the **newest** file: an edit to it that recomputes the digest is caught only by its
/// signature (`--sign-key-file`), and removing it leaves a shorter chain that holds (the next run links to
/// the file newest then): only its digest, kept outside the store, tells. Files of version 1.0 and 1.1
/// have no link: they may only open the chain (a store kept before 1.2), the first 1.2 file links to the
/// last of them, and among them a removal shows only as a gap in the sequence numbers and an edit only by
/// their own digest.
public enum StoreChainVerifier {
    /// A stored snapshot as the store lists it, in run order.
    public struct StoredFile: Sendable, Equatable {
        public var name: String
        public var url: URL
        /// nil for a name of the earlier, unsequenced scheme.
        public var sequence: Int?

        public init(name: String, url: URL, sequence: Int?) {
            self.name = name
            self.url = url
            self.sequence = sequence
        }
    }

    /// One finding that breaks the chain.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        /// What happened to the file: changed, taken out of the store, put in, or (with a key) not signed.
        public enum Kind: String, Sendable {
            case edited, removed, inserted, unsigned
        }

        public var kind: Kind
        /// The file edited, inserted or unsigned, or the name (or sequence) of the one removed.
        public var file: String
        public var reason: String

        public var description: String { "\(file) was \(kind.rawValue): \(reason)" }
    }

    /// How a file stands in the chain, when nothing is wrong with it.
    public enum Standing: Sendable, Equatable {
        /// A 1.2 file linked to the file before it.
        case linked(to: String)
        /// The first snapshot of the store (`"previous_file": null`).
        case starts
        /// The oldest file, whose predecessor is not in the store: pruned by `--keep` or removed.
        case startsAfterMissing(String)
        /// A 1.0/1.1 file: no link, so only its digest and the sequence speak for it.
        case unlinked
        /// Left out of the chain: see the breaks.
        case outside
    }

    /// One stored file as the walk found it.
    public struct FileReport: Sendable, Equatable {
        public var name: String
        public var schemaVersion: String?
        public var standing: Standing
        /// The SHA-256 of its bytes (`sha256:<hex>`), nil when it could not be read.
        public var fileDigest: String?
        /// With a key: what its signature check found (nil for a file of an earlier version).
        public var signature: SnapshotSeal.Verdict?
    }

    /// Every stored file in run order, every break, and what could not be read.
    public struct Report: Sendable {
        public var files: [FileReport]
        public var breaks: [Break]
        /// Files that could not be read at all (not a break of the chain: trouble, exit 2).
        public var unreadable: [(name: String, reason: String)]
        /// The instance the store holds: the one most of its files state.
        public var instance: String?

        public var isIntact: Bool { breaks.isEmpty && unreadable.isEmpty }
        /// The last file of the chain, which no later file links to.
        public var newest: String? { files.last { $0.standing != .outside }?.name }
    }

    /// The largest file read (as every snapshot reader).
    public static let sizeLimit: Int64 = 4 << 30

    /// Verifies `files` (in run order). With `signingKey`, every 1.2 file must carry that key's signature.
    public static func verify(_ files: [StoredFile], signingKey: [UInt8]? = nil) -> Report {
        var read: [(file: StoredFile, contents: Contents?)] = []
        var unreadable: [(name: String, reason: String)] = []
        // One file in memory at a time: what the walk needs of each is kept, the bytes are not.
        for file in files {
            switch Contents.read(file.url, signingKey: signingKey) {
            case .success(let contents): read.append((file, contents))
            case .failure(let refusal):
                unreadable.append((file.name, refusal.reason))
                read.append((file, nil))
            }
        }
        var tally: [String: Int] = [:]
        for case let contents? in read.map(\.contents) { if let instance = contents.instance { tally[instance, default: 0] += 1 } }
        let instance = tally.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        var walk = Walk(names: Set(files.map(\.name)), instance: instance)
        for (file, contents) in read {
            walk.visit(file, contents, keyed: signingKey != nil)
        }
        return Report(files: walk.files, breaks: walk.breaks, unreadable: unreadable, instance: instance)
    }

    /// What the walk keeps of one file.
    struct Contents {
        var fileDigest: String
        var schemaVersion: String?
        var layout: SnapshotLayout.Version?
        var instance: String?
        var chain: SnapshotChainLink?
        /// Why its records or structure are not what it states, if they are not.
        var problem: String?
        var signature: SnapshotSeal.Verdict?

        static func read(_ url: URL, signingKey: [UInt8]?) -> Result<Contents, InputFile.Refusal> {
            let data: Data
            do {
                data = try InputFile.read(url, limit: sizeLimit, limitDescription: "4 GiB for a snapshot").bytes
            } catch {
                return .failure(error)
            }
            var contents = Contents(fileDigest: SnapshotSeal.fileDigest(data))
            if let indexed = IndexedSnapshot(data) {
                contents.take(indexed.header)
            } else {
                let report = SnapshotValidator.validate(data)
                if let snapshot = report.snapshot { contents.take(snapshot.header) }
                if let first = report.problems.first {
                    contents.problem = report.problems.contains { $0.kind == .digest }
                        ? "its records no longer hash to the digest it states (\(report.problems.first { $0.kind == .digest }!.message))"
                        : "not a valid snapshot: \(first)"
                }
            }
            if let signingKey, contents.layout?.hasEvidence == true {
                contents.signature = SnapshotSeal.verify(data, key: signingKey)
            }
            return .success(contents)
        }

        init(fileDigest: String) { self.fileDigest = fileDigest }

        mutating func take(_ header: SnapshotHeader) {
            schemaVersion = header.schemaVersion
            layout = header.layout
            instance = header.source.instance
            chain = header.chain
        }
    }

    /// The walk in run order: `tip` is the last file accepted into the chain.
    struct Walk {
        let names: Set<String>
        let instance: String?
        var files: [FileReport] = []
        var breaks: [Break] = []
        var tip: (file: StoredFile, digest: String, edited: Bool)?
        /// The file the tip was accepted after, and where the tip's report is: when the next file links past
        /// the tip to this one, the tip is what was slipped in.
        var beforeTip: (file: StoredFile, digest: String, edited: Bool)?
        var tipReport: Int?
        var chained = false

        init(names: Set<String>, instance: String?) {
            self.names = names
            self.instance = instance
        }

        mutating func visit(_ file: StoredFile, _ contents: Contents?, keyed: Bool) {
            guard let contents else {
                files.append(FileReport(name: file.name, schemaVersion: nil, standing: .outside, fileDigest: nil, signature: nil))
                return
            }
            var report = FileReport(
                name: file.name, schemaVersion: contents.schemaVersion, standing: .outside, fileDigest: contents.fileDigest,
                signature: contents.signature)
            defer { files.append(report) }
            if let other = contents.instance, let instance, other != instance {
                breaks.append(Break(kind: .inserted, file: file.name, reason: "it is a snapshot of another instance (\(other), the store holds \(instance))"))
                return
            }
            let edited = contents.problem != nil
            if let problem = contents.problem { breaks.append(Break(kind: .edited, file: file.name, reason: problem)) }
            switch contents.signature {
            case .mismatch?, .noSignatureLine?:
                breaks.append(Break(kind: .edited, file: file.name, reason: contents.signature!.explanation))
            case .unsigned?:
                breaks.append(Break(kind: .unsigned, file: file.name, reason: "a key was given, and this 1.2 file has no signature (\"signature\": null)"))
            case .valid?, nil: break
            }
            guard let layout = contents.layout else {
                // Not readable as a snapshot at all: it holds the chain's place, so the next link is checked against it.
                accept(file, contents, edited: true)
                return
            }
            guard layout.hasEvidence else {
                if chained {
                    breaks.append(Break(kind: .inserted, file: file.name, reason: "a \(contents.schemaVersion ?? "1.x") file, which has no chain link, after linked ones"))
                    return
                }
                if let tip, let before = tip.file.sequence, let after = file.sequence, after > before + 1 {
                    breaks.append(Break(kind: .removed, file: Self.missing(before + 1, after - 1), reason: "the sequence jumps from \(tip.file.name) to \(file.name)"))
                }
                report.standing = .unlinked
                accept(file, contents, edited: edited)
                return
            }
            guard let link = contents.chain else {
                breaks.append(Break(kind: .inserted, file: file.name, reason: "its chain is null: it was not written by export --store"))
                return
            }
            guard let previous = link.previousFile, let recorded = link.previousFileDigest else {
                if let tip {
                    breaks.append(Break(kind: .inserted, file: file.name, reason: "it starts a new chain (\"previous_file\": null) but follows \(tip.file.name)"))
                    return
                }
                report.standing = .starts
                accept(file, contents, edited: edited)
                return
            }
            if let tip, previous == tip.file.name {
                if recorded != tip.digest, !tip.edited {
                    breaks.append(Break(kind: .edited, file: tip.file.name, reason: "its bytes changed after \(file.name) linked to them: recorded \(recorded), now \(tip.digest)"))
                }
                report.standing = .linked(to: previous)
                accept(file, contents, edited: edited)
                return
            }
            if let tip, let beforeTip, let tipReport, previous == beforeTip.file.name, files[tipReport].standing == .linked(to: previous) {
                // Two files link to the same one: the later run skipped the earlier file, which was put in.
                breaks.append(Break(kind: .inserted, file: tip.file.name, reason: "it links to \(previous), and so does \(file.name), a later run, which skips it"))
                files[tipReport].standing = .outside
                if recorded != beforeTip.digest, !beforeTip.edited {
                    breaks.append(Break(kind: .edited, file: previous, reason: "its bytes changed after \(file.name) linked to them: recorded \(recorded), now \(beforeTip.digest)"))
                }
                self.tip = beforeTip
                report.standing = .linked(to: previous)
                accept(file, contents, edited: edited)
                return
            }
            if names.contains(previous) {
                breaks.append(Break(kind: .inserted, file: file.name, reason: "it links to \(previous), not to the file before it (\(tip?.file.name ?? "none"))"))
                return
            }
            guard let tip else {
                report.standing = .startsAfterMissing(previous)
                accept(file, contents, edited: edited)
                return
            }
            let missingSequence = StoredSnapshotName.parse(previous).flatMap { $0 }
            if let missingSequence, let before = tip.file.sequence, let after = file.sequence, !(before < missingSequence && missingSequence < after) {
                breaks.append(Break(kind: .inserted, file: file.name, reason: "it links to \(previous), which is not in the store and does not fall between \(tip.file.name) and it"))
                return
            }
            breaks.append(Break(kind: .removed, file: previous, reason: "\(file.name) links to it (\(recorded)) and it is not in the store"))
            report.standing = .linked(to: previous)
            accept(file, contents, edited: edited)
        }

        private mutating func accept(_ file: StoredFile, _ contents: Contents, edited: Bool) {
            beforeTip = tip
            tipReport = files.count
            tip = (file, contents.fileDigest, edited)
            if contents.layout?.hasEvidence == true { chained = true }
        }

        static func missing(_ first: Int, _ last: Int) -> String {
            first == last ? "sequence \(first)" : "sequences \(first)-\(last)"
        }
    }
}
