import Foundation

/// The one copy of the demo tenant's snapshots that every test target reads and compares with:
/// `fixtures/snapshots/demo.snapshot.json` is `clerk-grants export --fixtures fixtures/demo` at
/// 2026-11-20T00:00:00Z, and `demo-next.snapshot.json` the same for `fixtures/demo-next`. The CLI tests keep
/// both equal to fresh exports; re-record them with `CLERK_GRANTS_RECORD_GOLDEN=1`.
public enum DemoSnapshotFiles {
    /// The folder holding both snapshots, as a golden folder.
    public static var folder: GoldenFolder {
        GoldenFolder(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("fixtures/snapshots"))
    }

    public static let demoName = "demo.snapshot.json"
    public static let demoNextName = "demo-next.snapshot.json"

    /// `fixtures/snapshots/demo.snapshot.json`.
    public static var demo: URL { folder.file(demoName) }
    /// `fixtures/snapshots/demo-next.snapshot.json`.
    public static var demoNext: URL { folder.file(demoNextName) }

    /// `schemas/examples/demo-1.0.snapshot.json`: the demo tenant as the last 1.0 export wrote it, frozen.
    public static var demoOneZero: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schemas/examples/demo-1.0.snapshot.json")
    }

    /// The `digest` the demo golden states (`sha256:<hex>`), so tests that name stored files by digest
    /// follow the golden when it is re-recorded instead of restating it.
    public static var demoDigest: String { statedDigest(demo) }
    /// The `digest` the demo-next golden states.
    public static var demoNextDigest: String { statedDigest(demoNext) }

    /// The value of the file's top-level `"digest": "sha256:<hex>"` line; empty when there is none.
    static func statedDigest(_ url: URL) -> String {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("  \"digest\": \"sha256:") }) else { return "" }
        return String(line.dropFirst("  \"digest\": \"".count).prefix { $0 != "\"" })
    }
}
