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
        .library(name: "GrantGraph", targets: ["GrantGraph"]),
        .library(name: "ClerkClient", targets: ["ClerkClient"]),
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
        // Resources, entitlements, grants: builder, snapshot codec, validation, diff. No networking.
        .target(name: "GrantGraph", dependencies: ["CanonicalJSON", "ClerkModel", "OutputEscaping"]),
        // Access reviews and flat feeds computed from a snapshot: effective permissions, findings, NDJSON/CSV/HTML.
        .target(name: "AccessReview", dependencies: ["GrantGraph", "CanonicalJSON", "OutputEscaping"]),
        // Reading a tenant: the live HTTP client (paging, rate budget, retries) and offline fixture pages.
        .target(name: "ClerkClient", dependencies: ["CanonicalJSON", "ClerkModel", "OutputEscaping", "LocalFiles"]),
        // Reading files a user or a recording named: typed and sized before a byte is read.
        .target(name: "LocalFiles"),
        // The commands behind the executable, as a library so tests can drive them in-process.
        .target(name: "ClerkGrantsCLI", dependencies: ["GrantGraph", "AccessReview", "ClerkClient", "ClerkModel", "CanonicalJSON", "OutputEscaping", "LocalFiles"]),
        .executableTarget(name: "clerk-grants", dependencies: ["ClerkGrantsCLI"]),
        // A loopback fake Clerk Backend API serving a generated tenant, with fault injection.
        .target(name: "ClerkFakeServer"),
        .executableTarget(
            name: "clerk-grants-bench",
            dependencies: ["ClerkFakeServer", "ClerkGrantsCLI", "GrantGraph", "ClerkClient", "ClerkModel", "CanonicalJSON"]
        ),
        // Shared by the test targets: golden-file comparison and a seeded random generator.
        .target(name: "GoldenFiles"),
        .testTarget(name: "GoldenFilesTests", dependencies: ["GoldenFiles"]),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON", "GoldenFiles"]),
        .testTarget(name: "OutputEscapingTests", dependencies: ["OutputEscaping", "CanonicalJSON", "GoldenFiles"]),
        .testTarget(name: "ClerkFakeServerTests", dependencies: ["ClerkFakeServer"]),
        .testTarget(name: "AccessReviewTests", dependencies: ["AccessReview", "GrantGraph", "CanonicalJSON", "GoldenFiles"]),
        .testTarget(name: "GrantGraphTests", dependencies: ["GrantGraph", "ClerkModel", "CanonicalJSON", "GoldenFiles"]),
        .testTarget(
            name: "ClerkClientTests",
            dependencies: ["ClerkClient", "ClerkModel", "ClerkFakeServer", "CanonicalJSON", "GoldenFiles"]
        ),
        .testTarget(
            name: "ClerkGrantsCLITests",
            dependencies: ["ClerkGrantsCLI", "GrantGraph", "ClerkClient", "ClerkFakeServer", "CanonicalJSON", "GoldenFiles"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
