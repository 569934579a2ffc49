import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GrantDiff
import SnapshotFormat
import Testing

/// The demo tenant with names, an email, a slug and a role replaced by values that attack each
/// output format, exported through the real fixture reader.
enum HostileTenant {
    static let organizationName = "Umbrella\u{1B}[2J|`x`<b>&amp;\r\nR\u{2028}"
    static let slug = "-umbrella\u{202E}|<i>"
    static let firstName = "+Oscar\u{1B}]8;;http://evil\u{7}"
    static let lastName = "Ortiz``|"
    static let email = "=cmd|' /C calc'!A0"
    static let roleName = "@Auditor<script>alert(1)</script>"
    static let roleKey = "org:aud\u{202E}itor|`"
    // Ids stay as they are: an id outside Clerk's alphabet is a malformed page (HostileIDTests), so no
    // export can carry one into an output. The key rule allows bidi controls, so the role key carries one.
    static let userID = "user_2NxOscarOrtiz00000000000000"
    static let membershipID = "orgmem_2MxUmbrellaOscar00000000000"

    /// Each replacement as (fixture text, hostile value); fixture text is matched with its JSON quotes.
    static let replacements: [(String, String)] = [
        ("\"Umbrella Research\"", organizationName),
        ("\"slug\": \"umbrella-research\"", slug),
        ("\"Oscar\"", firstName),
        ("\"Ortiz\"", lastName),
        ("\"oscar.ortiz@example.com\"", email),
        ("\"Auditor\"", roleName),
        ("\"org:auditor\"", roleKey),
    ]

    /// Writes the hostile fixture folder into `directory` and returns its path.
    static func writeFixtures(into directory: URL) throws -> URL {
        let source = CommandHarness.demoFixtures
        let target = directory.appendingPathComponent("hostile-fixtures")
        try FileManager.default.copyItem(at: source, to: target)
        let files = FileManager.default.enumerator(at: target, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        for file in files where file.pathExtension == "json" {
            var text = try String(contentsOf: file, encoding: .utf8)
            for (plain, hostile) in replacements {
                let encoded = String(decoding: CanonicalJSONWriter.encode(.string(hostile)), as: UTF8.self)
                let replacement = plain.hasPrefix("\"slug\"") ? "\"slug\": \(encoded)" : encoded
                text = text.replacingOccurrences(of: plain, with: replacement)
            }
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return target
    }
}

/// Hostile tenant values through every output format, asserting the exact escaped form: terminal text
/// shows controls as `\u{1B}`, Markdown cannot leave its cell or code span, HTML cannot open a tag, CSV
/// cells cannot be formulas, NDJSON records stay one a line, JSON stays valid and exact.
@Suite("Injection")
struct InjectionTests {
    /// A temporary folder holding `demo.json` (the demo export) and `hostile.json` (the hostile export).
    static func exportBoth() async throws -> CommandHarness {
        let directory = try CommandHarness.temporaryDirectory()
        let fixtures = try HostileTenant.writeFixtures(into: directory)
        let harness = CommandHarness(directory: directory)
        let hostile = await harness.run(["export", "--fixtures", fixtures.path, "--output", "hostile.json", "--quiet"])
        try #require(hostile.status == 0, "\(hostile.stderr)")
        let demo = await harness.run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--output", "demo.json", "--quiet"])
        try #require(demo.status == 0, "\(demo.stderr)")
        return harness
    }

    /// Scalars a terminal, a Markdown table or a line-splitting reader acts on, other than the line feeds
    /// that end our own lines.
    func rawControls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && UnsafeScalarCheck.isUnsafe($0) }
    }

    /// Every string anywhere in a JSON document.
    func strings(in value: JSONValue) -> Set<String> {
        switch value {
        case .string(let text): return [text]
        case .array(let values): return values.reduce(into: []) { $0.formUnion(strings(in: $1)) }
        case .object(let object): return object.members.reduce(into: []) { $0.formUnion(strings(in: $1.value)) }
        default: return []
        }
    }

    @Test func diffTextShowsTenantControlsEscaped() async throws {
        let outcome = try await Self.exportBoth().run(["diff", "demo.json", "hostile.json"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let text = outcome.stdout
        #expect(rawControls(text).isEmpty)
        #expect(text.contains(#"\#n  Umbrella\u{1B}[2J|`x`<b>&amp;\u{D}\u{A}R\u{2028} (organization:org_2QxUmbrellaResearch00000000)\#n"#))
        #expect(text.contains(#"\#n      ~ +Oscar\u{1B}]8;;http://evil\u{7} Ortiz``| <=cmd|' /C calc'!A0> (user:user_2NxOscarOrtiz00000000000000) role grant, membership orgmem_2MxUmbrellaOscar00000000000: source.role_key: "org:auditor" -> "org:aud\u{202E}itor|`"\#n"#))
        #expect(text.contains(#"\#n    org:aud\u{202E}itor|`\#n"#))
        // Changed fields are compact JSON: JSON's own escapes, and \u{..} for what JSON leaves raw.
        #expect(text.contains(#"\#n      slug: "umbrella-research" -> "-umbrella\u{202E}|<i>"\#n"#))
        #expect(text.contains(#"\#n      name: "Umbrella Research" -> "Umbrella\u001b[2J|`x`<b>&amp;\r\nR\u{2028}"\#n"#))
    }

    @Test func diffTextKeepsItsOwnColoursOnly() async throws {
        let harness = try await Self.exportBoth()
        let old = try SnapshotDecoder.decode(try Data(contentsOf: harness.directory.appendingPathComponent("demo.json")))
        let new = try SnapshotDecoder.decode(try Data(contentsOf: harness.directory.appendingPathComponent("hostile.json")))
        let text = DiffTextRenderer(color: true).render(SnapshotDiffer.diff(old: old, new: new))
        #expect(text.contains(#"\#u{1B}[1mUmbrella\u{1B}[2J|`x`<b>&amp;\u{D}\u{A}R\u{2028}\#u{1B}[0m (organization:org_2QxUmbrellaResearch00000000)"#))
        var withoutOwnStyles = text
        for code in ["1", "32", "31", "33", "1;31", "2", "0"] {
            withoutOwnStyles = withoutOwnStyles.replacingOccurrences(of: "\u{1B}[\(code)m", with: "")
        }
        #expect(withoutOwnStyles.unicodeScalars.count(where: { $0 == "\u{1B}" }) == 0)
        #expect(rawControls(withoutOwnStyles).isEmpty)
    }

    @Test func diffMarkdownKeepsTenantTextInsideItsSpans() async throws {
        let outcome = try await Self.exportBoth().run(["diff", "--format", "markdown", "demo.json", "hostile.json"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let text = outcome.stdout
        #expect(rawControls(text).isEmpty)
        #expect(text.contains(#"\#n#### Umbrella\u{1B}\[2J\|\`x\`\<b\>\&amp;\u{D}\u{A}R\u{2028} `organization:org_2QxUmbrellaResearch00000000`\#n"#))
        #expect(text.contains(#"\#n- changed: **+Oscar\u{1B}\]8;;http://evil\u{7} Ortiz\`\`\|** \<=cmd\|' /C calc'\!A0\> `user:user_2NxOscarOrtiz00000000000000` (role grant), membership `orgmem_2MxUmbrellaOscar00000000000`: `source.role_key` ``"org:auditor" -> "org:aud\u{202E}itor|`"``\#n"#))
        #expect(text.contains(#"\#n- changed role `` org:aud\u{202E}itor|` `` **@Auditor\<script\>alert(1)\</script\>** `role:role_2RxAuditor00000000000000000`\#n"#))
        #expect(text.contains(#"\#n  - `key`: ``"org:auditor" -> "org:aud\u{202E}itor|`"``\#n"#))
    }

    @Test func jsonOutputsStayValidAndExact() async throws {
        let harness = try await Self.exportBoth()
        let runs = [
            ["diff", "--format", "json", "demo.json", "hostile.json"],
            ["review", "hostile.json", "--format", "json"],
            ["who-can", "hostile.json", "org:reports:read", "--format", "json"],
            ["access", "hostile.json", HostileTenant.userID, "--format", "json"],
        ]
        for arguments in runs {
            let outcome = await harness.run(arguments)
            #expect(outcome.status == (arguments[0] == "diff" ? 1 : 0), "\(outcome.stderr)")
            // JSON escapes every C0 control; what it may carry raw (DEL, C1, bidi, U+2028) is valid JSON.
            #expect(!outcome.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            let values = strings(in: try JSONParser.parse(outcome.stdoutBytes))
            #expect(values.contains(HostileTenant.organizationName) || arguments[0] == "access", "\(arguments[0])")
            #expect(values.contains("user:" + HostileTenant.userID) || arguments[0] == "review", "\(arguments[0])")
        }
        let whoCan = await harness.run(["who-can", "hostile.json", "org:reports:read", "--format", "json"])
        #expect(whoCan.stdout.contains(#"\#n          "user_name": "+Oscar\u001b]8;;http://evil\u0007 Ortiz``|",\#n"#))
        #expect(whoCan.stdout.contains(#"\#n      "organization_name": "Umbrella\u001b[2J|`x`<b>&amp;\r\nR\#u{2028}"\#n"#))
    }

    @Test func reviewMarkdownAndHTMLEscapeEveryTenantValue() async throws {
        let harness = try await Self.exportBoth()
        let markdown = await harness.run(["review", "hostile.json"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(rawControls(markdown.stdout).isEmpty)
        #expect(markdown.stdout.contains(#"\#n### Umbrella\u{1B}\[2J\|\`x\`\<b\>\&amp;\u{D}\u{A}R\u{2028}\#n"#))
        #expect(markdown.stdout.contains(#"\#n`org_2QxUmbrellaResearch00000000`, slug `-umbrella\u{202E}|<i>`: 4 members, 0 admins\#n"#))
        #expect(markdown.stdout.contains(#"\#n| +Oscar\u{1B}\]8;;http://evil\u{7} Ortiz\`\`\| (`user_2NxOscarOrtiz00000000000000`) | =cmd\|' /C calc'\!A0 | `` org:aud\u{202E}itor\|` `` @Auditor\<script\>alert(1)\</script\> |  | **off** | 2026-11-14 | `org:reports:read` `org:sys_memberships:read` | `orgmem_2MxUmbrellaOscar00000000000` | 2026-09-15 |\#n"#))

        let html = await harness.run(["review", "hostile.json", "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(rawControls(html.stdout).isEmpty)
        #expect(!html.stdout.contains("<script"))
        #expect(html.stdout.contains(#"\#n<h3>Umbrella\u{1B}[2J|`x`&lt;b&gt;&amp;amp;\u{D}\u{A}R\u{2028}</h3>\#n"#))
        #expect(html.stdout.contains(#"\#n<p><code>org_2QxUmbrellaResearch00000000</code>, slug <code>-umbrella\u{202E}|&lt;i&gt;</code>: 4 members, 0 admins</p>\#n"#))
        #expect(html.stdout.contains(#"\#n<tr><td>+Oscar\u{1B}]8;;http://evil\u{7} Ortiz``|<br><code>user_2NxOscarOrtiz00000000000000</code></td><td>=cmd|&#39; /C calc&#39;!A0</td><td><code>org:aud\u{202E}itor|`</code> @Auditor&lt;script&gt;alert(1)&lt;/script&gt;</td>"#))
    }

    @Test func csvCellsCannotBeFormulasUnlessRawCellsIsGiven() async throws {
        let harness = try await Self.exportBoth()
        let row = [
            "user_2NxOscarOrtiz00000000000000", "'=cmd|' /C calc'!A0", "'+Oscar\u{1B}]8;;http://evil\u{7} Ortiz``|",
            "org_2QxUmbrellaResearch00000000", "\"Umbrella\u{1B}[2J|`x`<b>&amp;\r\nR\u{2028}\"", "'-umbrella\u{202E}|<i>",
            "org:aud\u{202E}itor|`", "'@Auditor<script>alert(1)</script>", "true", "orgmem_2MxUmbrellaOscar00000000000", "2026-09-15T09:00:00.000Z",
        ].joined(separator: ",") + "\r\n"
        let csv = await harness.run(["convert", "hostile.json", "--to", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("\r\n" + row))

        let raw = await harness.run(["convert", "hostile.json", "--to", "csv", "--raw-cells"])
        #expect(raw.status == 0, "\(raw.stderr)")
        let rawRow = row.replacingOccurrences(of: ",'", with: ",")
        #expect(rawRow.hasPrefix("user_2NxOscarOrtiz00000000000000,=cmd|' /C calc'!A0,+Oscar"))
        #expect(raw.stdout.contains("\r\n" + rawRow))

        let misuse = await harness.run(["convert", "hostile.json", "--to", "ndjson", "--raw-cells"])
        #expect(misuse.status == 1)
        #expect(misuse.stderr == "clerk-grants: error: --raw-cells only applies to --to csv or access-file\nRun 'clerk-grants help' for usage.\n")
    }

    @Test func ndjsonKeepsOneRecordALine() async throws {
        let harness = try await Self.exportBoth()
        let outcome = await harness.run(["convert", "hostile.json", "--to", "ndjson"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stdout.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" || $0 == "\r" })
        let lines = outcome.stdoutBytes.split(separator: 0x0A)
        let snapshot = try SnapshotDecoder.decode(try Data(contentsOf: harness.directory.appendingPathComponent("hostile.json")))
        let graph = snapshot.graph
        #expect(lines.count == 1 + graph.resources.count + graph.entitlements.count + graph.grants.count + graph.diagnostics.count
                + graph.accessPaths.count)
        var values: Set<String> = []
        for line in lines { values.formUnion(strings(in: try JSONParser.parse(Array(line)))) }
        #expect(values.contains(HostileTenant.membershipID))
        #expect(values.contains(HostileTenant.organizationName))
        #expect(outcome.stdout.contains("\"membership_id\":\"orgmem_2MxUmbrellaOscar00000000000\",\"role_key\":\"org:aud\u{202E}itor|`\""))
    }

    @Test func whoCanAndAccessTextShowControlsEscaped() async throws {
        let harness = try await Self.exportBoth()
        let whoCan = await harness.run(["who-can", "hostile.json", "org:reports:read"])
        #expect(whoCan.status == 0, "\(whoCan.stderr)")
        #expect(rawControls(whoCan.stdout).isEmpty)
        #expect(whoCan.stdout.contains(#"\#nUmbrella\u{1B}[2J|`x`<b>&amp;\u{D}\u{A}R\u{2028} (org_2QxUmbrellaResearch00000000, -umbrella\u{202E}|<i>)\#n"#))
        #expect(whoCan.stdout.contains(#"\#n  +Oscar\u{1B}]8;;http://evil\u{7} Ortiz``| <=cmd|' /C calc'!A0> user_2NxOscarOrtiz00000000000000 via org:aud\u{202E}itor|` (role_2RxAuditor00000000000000000), membership orgmem_2MxUmbrellaOscar00000000000\#n"#))

        let access = await harness.run(["access", "hostile.json", HostileTenant.userID])
        #expect(access.status == 0, "\(access.stderr)")
        #expect(rawControls(access.stdout).isEmpty)
        #expect(access.stdout.hasPrefix(#"Access of +Oscar\u{1B}]8;;http://evil\u{7} Ortiz``| <=cmd|' /C calc'!A0> user_2NxOscarOrtiz00000000000000: 1 membership(s)\#n"#))
        #expect(access.stdout.contains(#"\#n  role org:aud\u{202E}itor|` (@Auditor<script>alert(1)</script>); membership orgmem_2MxUmbrellaOscar00000000000, granted 2026-09-15T09:00:00.000Z\#n"#))
    }

    @Test func errorMessagesShowControlsEscaped() async throws {
        let harness = try await Self.exportBoth()
        let outcome = await harness.run(["access", "hostile.json", "nobody\u{1B}[31m\u{202E}\r"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == #"clerk-grants: error: no user 'nobody\u{1B}[31m\u{202E}\u{D}' in hostile.json (give a user id or primary email)\#nRun 'clerk-grants help' for usage.\#n"#)
        let diff = await harness.run(["diff", "demo.json", "missing\u{1B}]0;title\u{7}.json"])
        #expect(diff.status == 2)
        #expect(rawControls(diff.stderr).isEmpty)
        #expect(diff.stderr.contains(#"missing\u{1B}]0;title\u{7}.json"#))
    }
}

/// The scalar class of `OutputEscaping.UnsafeScalars`, restated here so the tests check the outputs
/// against the specification rather than against the code under test.
enum UnsafeScalarCheck {
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x61C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
