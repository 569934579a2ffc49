import CanonicalJSON
import Foundation
@testable import ClerkModel
import Testing

/// A page is parsed keeping only the keys its objects read (`ClerkCollection.pageKeys`). If a model type
/// starts reading a key its `jsonKeys` does not list, the selective parse drops it and these pages decode
/// differently from the full tree.
@Suite struct PageKeysTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")

    @Test(arguments: ["demo", "demo-next"])
    func everyFixturePageDecodesAsFromTheFullTree(tenant: String) throws {
        var pages = 0
        for collection in ClerkCollection.allCases where !collection.isOptIn {
            let folder = Self.fixtures.appendingPathComponent(tenant).appendingPathComponent(collection.fixtureFolder)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("page-") {
                let body = try Data(contentsOf: folder.appendingPathComponent(name))
                let selective = try ClerkPage.decode(body, as: collection)
                let full = try ClerkPage.decode(try JSONParser.parse(body), as: collection)
                #expect(Self.same(selective, full), "\(tenant)/\(collection.fixtureFolder)/\(name)")
                pages += 1
            }
        }
        // 7 pages of the five grant collections, one of each snapshot 1.1 collection.
        #expect(pages == 12)
        let settings = try Data(
            contentsOf: Self.fixtures.appendingPathComponent(tenant).appendingPathComponent("organization_domains")
                .appendingPathComponent("organization_settings.json"))
        let selective = try ClerkPage.decodeOrganizationSettings(settings)
        guard case .organizationSettings(let decoded) = selective.items else {
            Issue.record("organization_settings.json did not decode as organization settings")
            return
        }
        #expect(
            decoded
                == ClerkOrganizationSettings(
                    domainsDefaultRole: "org:member", creatorRole: "org:admin", initialRoleSetKey: "role_set:default",
                    domainsEnabled: true))
    }

    static func same(_ left: ClerkPage, _ right: ClerkPage) -> Bool {
        guard left.totalCount == right.totalCount else { return false }
        switch (left.items, right.items) {
        case (.users(let a), .users(let b)): return a == b
        case (.organizations(let a), .organizations(let b)): return a == b
        case (.roles(let a), .roles(let b)): return a == b
        case (.permissions(let a), .permissions(let b)): return a == b
        case (.memberships(let a), .memberships(let b)): return a == b
        case (.roleSets(let a), .roleSets(let b)): return a == b
        case (.invitations(let a), .invitations(let b)): return a == b
        case (.domains(let a), .domains(let b)): return a == b
        case (.enterpriseConnections(let a), .enterpriseConnections(let b)): return a == b
        case (.machines(let a), .machines(let b)): return a == b
        case (.organizationSettings(let a), .organizationSettings(let b)): return a == b
        default: return false
        }
    }
}
