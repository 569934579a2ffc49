import ClerkClient

/// The tool's version, as `clerk-grants version` and the overview show it (the snapshot's `tool.version`).
enum ClerkGrantsVersion {
    static let current = ClerkClientConfiguration.toolVersion
}
