import CanonicalJSON
import Foundation
import GoldenFiles
@testable import SnapshotFormat
import Testing

/// The grants and resources read on a second core (`SectionTailReader`) change nothing: wherever their
/// starts are guessed, the index is the one a single reader makes, and a file a single reader refuses is
/// refused.
@Suite struct SectionTailReaderTests {
    /// One core: no second reader is ever started.
    static let oneCore = SectionTailReader.Placement(minimumFileSize: .max, grantsShare: 0, resourcesShare: 0)

    /// Both guesses at every two-hundredth of the file, each guess once before and once after the other.
    static func placements() -> [SectionTailReader.Placement] {
        (0...200).flatMap { step in
            let share = Double(step) / 200
            return [
                SectionTailReader.Placement(minimumFileSize: 0, grantsShare: share, resourcesShare: share),
                SectionTailReader.Placement(minimumFileSize: 0, grantsShare: share, resourcesShare: 1 - share),
            ]
        }
    }

    static func expectSameIndex(_ split: IndexedSnapshot, _ single: IndexedSnapshot) {
        #expect(split.resources == single.resources && split.entitlements == single.entitlements && split.grants == single.grants)
        #expect(split.digest == single.digest && split.recordsAreCanonical == single.recordsAreCanonical)
        #expect(split.header == single.header && split.accessPaths == single.accessPaths && split.diagnostics == single.diagnostics)
        #expect(split.counts.map(\.key) == single.counts.map(\.key) && split.counts.map(\.value) == single.counts.map(\.value))
    }

    @Test(arguments: ["demo.snapshot.json", "demo-next.snapshot.json"])
    func everyStartGivesTheSameIndex(name: String) throws {
        let data = try IndexedSnapshotTests.golden(name)
        let single = try #require(IndexedSnapshot(data, placement: Self.oneCore))
        #expect(single.recordsReadOnSecondCore == 0)
        var usedSecondCore = 0
        for placement in Self.placements() {
            let split = try #require(IndexedSnapshot(data, placement: placement))
            Self.expectSameIndex(split, single)
            if split.recordsReadOnSecondCore > 0 { usedSecondCore += 1 }
        }
        // The grants and resources are about half the demo file: the starts that land on their lines are used.
        #expect(usedSecondCore > 150)
    }

    /// A reformatted file (every member on its own line) has no grant record at a line start: the guess is
    /// never used, and the file still reads through the canonical-digest fallback.
    @Test func reformattedFilesReadOnOneCore() throws {
        let data = try IndexedSnapshotTests.pretty(try IndexedSnapshotTests.golden("demo.snapshot.json"))
        let single = try #require(IndexedSnapshot(data, placement: Self.oneCore))
        for placement in Self.placements() {
            let split = try #require(IndexedSnapshot(data, placement: placement))
            Self.expectSameIndex(split, single)
        }
    }

    /// Damage to the grants or resources in the part the second reader reads, or across its start, is
    /// refused as a single reader refuses it, from every start.
    @Test func damageInEitherPartIsRefused() throws {
        let text = String(decoding: try IndexedSnapshotTests.golden("demo.snapshot.json"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("  \"grants\": [") }) + 1
        let end = try #require(lines[first...].firstIndex { $0.hasPrefix("  ]") })
        #expect(end - first > 40)
        var damaged: [(String, String)] = []
        func variant(_ label: String, _ change: (inout [String]) -> Void) {
            var copy = lines
            change(&copy)
            damaged.append((label, copy.joined(separator: "\n")))
        }
        let late = first + (end - first) * 3 / 4
        let middle = first + (end - first) / 2
        variant("two grants swapped late") { $0.swapAt(late, late + 1) }
        variant("two grants swapped in the middle") { $0.swapAt(middle, middle + 1) }
        variant("a grant repeated late") { $0.insert($0[late], at: late + 1) }
        let userGrant = try #require(lines[middle..<end].lastIndex { $0.contains("\"principal\":\"user:user_") })
        variant("a principal no resource has") { $0[userGrant] = $0[userGrant].replacingOccurrences(of: "user:user_", with: "user:user_x") }
        variant("a member key misspelt") { $0[late] = $0[late].replacingOccurrences(of: "\"principal\"", with: "\"principals\"") }
        variant("the last grant cut short") { $0[end - 1] = String($0[end - 1].dropLast(3)) }
        variant("a stray byte after the last grant") { $0[end - 1] += "x" }
        variant("the section left open") { $0[end] = "  ," }
        let firstResource = try #require(lines.firstIndex { $0.hasPrefix("  \"resources\": [") }) + 1
        let resourcesEnd = try #require(lines[firstResource...].firstIndex { $0.hasPrefix("  ]") })
        let lateResource = firstResource + (resourcesEnd - firstResource) * 3 / 4
        variant("two resources swapped late") { $0.swapAt(lateResource, lateResource + 1) }
        variant("a resource repeated late") { $0.insert($0[lateResource], at: lateResource + 1) }
        variant("a user's clerk id broken") {
            $0[resourcesEnd - 1] = $0[resourcesEnd - 1].replacingOccurrences(of: "\"clerk_id\":\"user_", with: "\"clerk_id\":\"usr_")
        }
        variant("a stray byte after the last resource") { $0[resourcesEnd - 1] += "x" }
        for (label, text) in damaged {
            // Resealed, so only the record, order and reference checks can refuse it.
            let data = Data(IndexedSnapshotTests.resealed(text).utf8)
            #expect(text != lines.joined(separator: "\n"), "\(label)")
            let acceptedOnOneCore = IndexedSnapshot(data, placement: Self.oneCore) != nil
            #expect(!acceptedOnOneCore, "\(label)")
            #expect(!SnapshotValidator.validate(data).isValid, "\(label)")
            let acceptedFrom = Self.placements().filter { IndexedSnapshot(data, placement: $0) != nil }.map { "\($0.grantsShare)/\($0.resourcesShare)" }
            #expect(acceptedFrom.isEmpty, "\(label): accepted with the second reader starting at \(acceptedFrom)")
        }
    }
}
