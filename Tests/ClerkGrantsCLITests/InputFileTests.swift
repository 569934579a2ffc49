import ClerkGrantsCLI
import Foundation
import Testing

/// Inputs are sized and typed before they are read: a FIFO, device or folder is refused with a message
/// that says so, and a huge file is refused from its size or its first and last bytes.
@Suite struct InputFileTests {
    static let snapshot = OutputSafetyTests.snapshot

    /// Each command that reads a snapshot, with `FILE` where the snapshot goes, and its bad-input status.
    static let readers: [([String], Int32)] = [
        (["validate", "FILE"], 1),
        (["diff", "FILE", snapshot], 2),
        (["diff", snapshot, "FILE"], 2),
        (["review", "FILE"], 1),
        (["convert", "FILE", "--to", "csv"], 1),
        (["who-can", "FILE", "org:sys_memberships:manage"], 1),
        (["access", "FILE", "niaj.nguyen@example.com"], 1),
    ]

    func expectRefused(_ path: String, _ reason: String, in directory: URL) async {
        for (template, status) in Self.readers {
            let arguments = template.map { $0 == "FILE" ? path : $0 }
            let outcome = await CommandHarness(directory: directory).run(arguments)
            #expect(outcome.status == status, "\(arguments)")
            #expect(outcome.stdout == "", "\(arguments)")
            #expect(outcome.stderr.hasPrefix("clerk-grants: error: cannot read \(path): \(reason)"), "\(arguments): \(outcome.stderr)")
        }
    }

    @Test func nonRegularFilesAreRefusedWithoutBlocking() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #require(mkfifo(directory.appendingPathComponent("fifo").path, 0o600) == 0)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder"), withIntermediateDirectories: true)
        await expectRefused("fifo", "it is a FIFO (named pipe), not a regular file", in: directory)
        await expectRefused("/dev/zero", "it is a character device, not a regular file", in: directory)
        await expectRefused("folder", "it is a folder, not a regular file", in: directory)
    }

    /// A recorded folder is input too: a FIFO where a page, the users count or `instance.txt` should be is
    /// refused without blocking, and a page over the live client's 64 MiB body limit is refused from its size.
    @Test func fixtureFilesAreTypedAndSizedBeforeTheyAreRead() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (file, expected) in [
            ("instance.txt", "instance.txt: it is a FIFO (named pipe), not a regular file"),
            ("users/count.json", "users/count.json: it is a FIFO (named pipe), not a regular file"),
            ("organizations/page-0001.json", "organizations/page-0001.json: it is a FIFO (named pipe), not a regular file"),
            ("organization_roles/page-0001.json", "organization_roles/page-0001.json: it is 67108865 bytes, over the limit of 64 MiB for a page (67108864 bytes); it was not read"),
        ] {
            let fixtures = directory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.copyItem(at: CommandHarness.demoFixtures, to: fixtures)
            let target = fixtures.appendingPathComponent(file)
            try FileManager.default.removeItem(at: target)
            if expected.contains("FIFO") {
                try #require(mkfifo(target.path, 0o600) == 0)
            } else {
                let descriptor = open(target.path, O_WRONLY | O_CREAT, 0o600)
                try #require(descriptor >= 0)
                #expect(ftruncate(descriptor, (64 << 20) + 1) == 0)
                close(descriptor)
            }
            let outcome = await CommandHarness(directory: directory).run(["export", "--fixtures", fixtures.path, "--output", "out.json", "--quiet"])
            #expect(outcome.status == 1, "\(file)")
            #expect(outcome.stderr.contains(fixtures.path + "/" + expected), "\(file): \(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path))
        }
    }

    @Test func aFileOverTheCapIsRefusedFromItsSize() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Sparse: 5 GiB by its size, no disk space used.
        let descriptor = open(directory.appendingPathComponent("huge.json").path, O_WRONLY | O_CREAT, 0o600)
        try #require(descriptor >= 0)
        #expect(ftruncate(descriptor, 5 << 30) == 0)
        close(descriptor)
        await expectRefused("huge.json", "it is 5368709120 bytes, over the limit of 4 GiB for a snapshot (4294967296 bytes); it was not read", in: directory)
    }

    @Test func aLargeFileThatIsNotASnapshotIsRefusedFromItsEnds() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(repeating: UInt8(ascii: "x"), count: 2 << 20).write(to: directory.appendingPathComponent("junk.json"))
        await expectRefused("junk.json", "it is 2097152 bytes and does not look like a clerk-grants snapshot", in: directory)
        // A large file that is a snapshot is still read: the demo export padded with trailing spaces.
        var padded = try Data(contentsOf: OutputSafetyTests.golden)
        padded.insert(contentsOf: Data(repeating: 0x20, count: 2 << 20), at: 1)
        try padded.write(to: directory.appendingPathComponent("padded.json"))
        let validated = await CommandHarness(directory: directory).run(["validate", "padded.json"])
        #expect(validated.status == 0, "\(validated.stdout) \(validated.stderr)")
    }

    static let key = "sk_test_FAKE-keyFileTestKey0000000000000000"

    /// Runs an export that reads the key file and then stops at a refused API URL, before any request.
    func exportWithKeyFile(_ name: String, in directory: URL) async -> CommandHarness.Outcome {
        await CommandHarness(environment: [:], directory: directory).run(
            ["export", "--secret-key-file", name, "--api-url", "http://api.example.com"])
    }

    @Test func aKeyFileOthersCanReadGetsAWarning() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("clerk.key")
        try Data((Self.key + "\n").utf8).write(to: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        let open = await exportWithKeyFile("clerk.key", in: directory)
        #expect(open.status == 1)
        #expect(open.stderr.hasPrefix(
            "clerk-grants: warning: permissions 0644 for 'clerk.key' are too open: the key file given with --secret-key-file is readable by its group or by others; restrict it with chmod 600 'clerk.key'\n"))
        #expect(open.stderr.contains("refusing to send the secret key to http://api.example.com"))
        #expect(!open.stderr.contains("keyFileTestKey"))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        let closed = await exportWithKeyFile("clerk.key", in: directory)
        #expect(closed.status == 1)
        #expect(!closed.stderr.contains("warning"))

        let redactKey = directory.appendingPathComponent("redact.key")
        try Data("a-redaction-key-of-enough-bytes".utf8).write(to: redactKey)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: redactKey.path)
        let convert = await CommandHarness(directory: directory).run(
            ["convert", Self.snapshot, "--to", "csv", "--redact-pii", "--redact-key-file", "redact.key"])
        #expect(convert.status == 0)
        #expect(convert.stderr.hasPrefix("clerk-grants: warning: permissions 0640 for 'redact.key' are too open"))
    }

    @Test func aKeyFileMustBeASmallRegularFile() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #require(mkfifo(directory.appendingPathComponent("fifo.key").path, 0o600) == 0)
        let fifo = await exportWithKeyFile("fifo.key", in: directory)
        #expect(fifo.status == 1)
        #expect(fifo.stderr == "clerk-grants: error: cannot read the secret key file fifo.key (given with --secret-key-file): it is a FIFO (named pipe), not a regular file\n")

        var large = Data((Self.key + "\n").utf8)
        large.append(Data(repeating: 0x0A, count: 5000))
        try large.write(to: directory.appendingPathComponent("large.key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.appendingPathComponent("large.key").path)
        let refused = await exportWithKeyFile("large.key", in: directory)
        #expect(refused.status == 1)
        #expect(refused.stderr == "clerk-grants: error: cannot read the secret key file large.key (given with --secret-key-file): it is 5044 bytes, over the limit of 4 KiB for a key file (4096 bytes); it was not read\n")
        #expect(!refused.stderr.contains("keyFileTestKey"))

        let device = await exportWithKeyFile("/dev/zero", in: directory)
        #expect(device.status == 1)
        #expect(device.stderr.hasSuffix("it is a character device, not a regular file\n"))
    }
}
