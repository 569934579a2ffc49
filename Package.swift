// swift-tools-version:6.0
// clerk-grants has no package dependencies by design: it holds a credential that can read every user,
// so its supply chain is the Swift toolchain and nothing else. The one C target, CSHA256Acceleration,
// is our own code, built by the toolchain's clang.

import PackageDescription

let package = Package(
    name: "clerk-grants",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "clerk-grants", targets: ["clerk-grants"]),
        .executable(name: "clerk-grants-bench", targets: ["clerk-grants-bench"]),
        .library(name: "SnapshotFormat", targets: ["SnapshotFormat"]),
        .library(name: "GrantGraph", targets: ["GrantGraph"]),
        .library(name: "GrantDiff", targets: ["GrantDiff"]),
        .library(name: "ClerkClient", targets: ["ClerkClient"]),
        .library(name: "ExportPipeline", targets: ["ExportPipeline"]),
    ],
    targets: [
        // A byte-level JSON reader and a canonical JSON writer: the one place that replaces a JSON library.
        .target(name: "CanonicalJSON", dependencies: ["CSHA256Acceleration"]),
        // SHA-256 block compression with the x86 SHA extensions, used by CanonicalJSON's SHA256 when the CPU has them.
        .target(name: "CSHA256Acceleration"),
        // Clerk Backend API objects as the graph needs them, decoded from page JSON. No I/O.
        .target(name: "ClerkModel", dependencies: ["CanonicalJSON"]),
        // Escapers for every output format tenant text reaches: terminal, Markdown, HTML, CSV, NDJSON.
        .target(name: "OutputEscaping"),
        // OCSF events: classes, activities, the classification and metadata every event carries, and the check of an
        // event against a class definition (schemas/ocsf). Below GrantDiff and AccessReview, which both write OCSF.
        .target(name: "OCSF", dependencies: ["CanonicalJSON", "OutputEscaping"]),
        // The snapshot file format: its records (resources, entitlements, grants), sections, counts and digest;
        // encoding, decoding, the byte-level index and validation. No I/O beyond reading the bytes given.
        .target(name: "SnapshotFormat", dependencies: ["CanonicalJSON", "ClerkModel"]),
        // What an export computes: the grant graph built from a tenant's pages, in the snapshot's record form.
        .target(name: "GrantGraph", dependencies: ["SnapshotFormat", "CanonicalJSON", "ClerkModel"]),
        // Comparing two snapshots record by record, and the text, Markdown and JSON renderings of the result.
        .target(name: "GrantDiff", dependencies: ["SnapshotFormat", "CanonicalJSON", "ClerkModel", "OutputEscaping", "OCSF"]),
        // Access reviews and flat feeds computed from a snapshot: effective permissions, findings, NDJSON/CSV/HTML.
        .target(name: "AccessReview", dependencies: ["SnapshotFormat", "CanonicalJSON", "ClerkModel", "OutputEscaping", "OCSF"]),
        // Reading a tenant: the live HTTP client (paging, rate budget, retries) and offline fixture pages.
        .target(name: "ClerkClient", dependencies: ["CanonicalJSON", "ClerkModel", "OutputEscaping", "LocalFiles"]),
        // Reading files a user or a recording named: typed and sized before a byte is read.
        .target(name: "LocalFiles"),
        // The export without its front end: a tenant reader into the graph builder, then the snapshot written
        // atomically and sealed; typed errors of its own. The CLI and the benchmark both run exports through it.
        .target(name: "ExportPipeline", dependencies: ["GrantGraph", "SnapshotFormat", "ClerkClient", "ClerkModel", "CanonicalJSON", "LocalFiles"]),
        // The commands behind the executable, as a library so tests can drive them in-process.
        .target(name: "ClerkGrantsCLI", dependencies: ["ExportPipeline", "SnapshotFormat", "GrantGraph", "GrantDiff", "AccessReview", "ClerkClient", "ClerkModel", "CanonicalJSON", "OutputEscaping", "LocalFiles", "OCSF"]),
        .executableTarget(name: "clerk-grants", dependencies: ["ClerkGrantsCLI"]),
        // A loopback fake Clerk Backend API serving a generated tenant, with fault injection.
        .target(name: "ClerkFakeServer"),
        .executableTarget(
            name: "clerk-grants-bench",
            dependencies: ["ClerkFakeServer", "ExportPipeline", "SnapshotFormat", "GrantGraph", "ClerkClient", "ClerkModel", "CanonicalJSON"]
        ),
        // Shared by the test targets: golden-file comparison and a seeded random generator.
        .target(name: "GoldenFiles"),
        .testTarget(name: "GoldenFilesTests", dependencies: ["GoldenFiles"]),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON", "GoldenFiles"]),
        .testTarget(name: "OutputEscapingTests", dependencies: ["OutputEscaping", "CanonicalJSON", "GoldenFiles"]),
        .testTarget(name: "ClerkFakeServerTests", dependencies: ["ClerkFakeServer"]),
        .testTarget(name: "AccessReviewTests", dependencies: ["AccessReview", "SnapshotFormat", "CanonicalJSON", "GoldenFiles", "OCSF"]),
        .testTarget(name: "GrantGraphTests", dependencies: ["SnapshotFormat", "GrantGraph", "GrantDiff", "ClerkModel", "CanonicalJSON", "GoldenFiles", "OCSF"]),
        .testTarget(
            name: "ExportPipelineTests",
            dependencies: ["ExportPipeline", "SnapshotFormat", "GrantGraph", "ClerkClient", "ClerkModel"]
        ),
        .testTarget(
            name: "ClerkClientTests",
            dependencies: ["ClerkClient", "ClerkModel", "ClerkFakeServer", "CanonicalJSON", "GoldenFiles"]
        ),
        .testTarget(
            name: "ClerkGrantsCLITests",
            dependencies: ["ClerkGrantsCLI", "ExportPipeline", "SnapshotFormat", "GrantGraph", "GrantDiff", "ClerkClient", "ClerkFakeServer", "CanonicalJSON", "GoldenFiles", "OCSF", "AccessReview"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
