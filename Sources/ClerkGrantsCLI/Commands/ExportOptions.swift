import ClerkClient
import ClerkModel
import Foundation

/// `export`'s settings, resolved the way Clerk's SDKs do: an explicit flag beats an environment variable
/// beats a default.
struct ExportOptions {
    static let options: [ArgumentList.Option] = [
        .init(name: "--fixtures", takesValue: true), .init(name: "--secret-key-file", takesValue: true),
        .init(name: "--api-url", takesValue: true), .init(name: "--api-version", takesValue: true),
        .init(name: "--resources", takesValue: true), .init(name: "--output", takesValue: true),
        .init(name: "--record", takesValue: true), .init(name: "--allow-partial", takesValue: false),
        .init(name: "--concurrency", takesValue: true), .init(name: "--max-rps", takesValue: true),
        .init(name: "--timeout", takesValue: true), .init(name: "--quiet", takesValue: false),
        .init(name: "--verbose", takesValue: false), .init(name: "--store", takesValue: true),
        .init(name: "--keep", takesValue: true),
    ]

    var collections: Set<ClerkCollection>
    var fixtures: URL?
    var output: URL?
    var record: URL?
    var store: URL?
    var keep: Int?
    var allowPartial: Bool
    var quiet: Bool
    var verbose: Bool
    var live: Live?

    /// Settings that only a live export has.
    struct Live {
        var configuration: ClerkClientConfiguration
    }

    init(_ arguments: ArgumentList, context: CommandContext) throws(CLIError) {
        try arguments.requirePositionals(0...0, usage: "clerk-grants export [options]")
        let environment = context.environment
        switch ClerkCollection.parseList(arguments.value("--resources") ?? "users,organizations,roles,permissions,memberships") {
        case .success(let set): collections = set
        case .failure(let unknown): throw .unknownCollections(names: unknown.names)
        }
        fixtures = arguments.value("--fixtures").map(context.url(forPath:))
        output = arguments.value("--output").map(context.url(forPath:))
        record = arguments.value("--record").map(context.url(forPath:))
        store = arguments.value("--store").map(context.url(forPath:))
        keep = try arguments.integer("--keep", in: 1...100_000)
        if keep != nil, store == nil { throw .usage("--keep goes with --store DIR") }
        if output != nil, store != nil { throw .usage("--output and --store cannot be combined") }
        allowPartial = arguments.flag("--allow-partial")
        quiet = arguments.flag("--quiet")
        verbose = arguments.flag("--verbose") || environment["CLERK_LOGGING"]?.lowercased() == "true"
        if quiet, arguments.flag("--verbose") { throw .usage("--quiet and --verbose cannot be combined") }

        let concurrency = try arguments.integer("--concurrency", in: 1...64) ?? 4
        let timeout = try arguments.number("--timeout", in: 1...600) ?? 30
        // Below 0.1 requests per second an export of any real tenant would never end: refused, not accepted.
        let maxRPS = try arguments.number("--max-rps", in: 0.1...100_000, allowingZero: true)

        if fixtures != nil {
            for flag in ["--secret-key-file", "--api-url", "--record", "--api-version"] where arguments.value(flag) != nil {
                throw .usage("\(flag) has no meaning with --fixtures (an offline export reads no API)")
            }
            live = nil
            return
        }

        let (key, keySource) = try Self.secretKey(arguments, environment: environment, context: context)
        let apiURLText = arguments.value("--api-url") ?? environment["CLERK_API_URL"] ?? ClerkClientConfiguration.defaultAPIURL
        let apiURL: URL
        do {
            apiURL = try APIURLPolicy.validate(apiURLText)
        } catch {
            throw .read(error)
        }
        let apiVersion = arguments.value("--api-version") ?? environment["CLERK_API_VERSION"] ?? ClerkClientConfiguration.defaultAPIVersion
        // --max-rps 0 turns client-side pacing off; without it, a quarter of the instance's documented budget.
        let rate: Double? = maxRPS.map { $0 == 0 ? nil : $0 } ?? key.environment.defaultRequestsPerSecond
        live = Live(
            configuration: ClerkClientConfiguration(
                apiURL: apiURL, secretKey: key, keySource: keySource, apiVersion: apiVersion, requestTimeout: timeout,
                concurrency: concurrency, requestsPerSecond: rate))
    }

    private static func secretKey(
        _ arguments: ArgumentList, environment: [String: String], context: CommandContext
    ) throws(CLIError) -> (SecretKey, String) {
        if let path = arguments.value("--secret-key-file") {
            let bytes: Data
            do {
                bytes = try KeyFile.read(path, flag: "--secret-key-file", limit: KeyFile.secretKeyLimit, context: context)
            } catch {
                throw .secretKeyFileUnreadable(path: path, reason: error.reason)
            }
            guard let text = String(data: bytes, encoding: .utf8) else {
                throw .usage("the secret key file \(path) (given with --secret-key-file) does not hold a key")
            }
            guard let key = SecretKey(text) else {
                throw .usage("the secret key file \(path) (given with --secret-key-file) does not hold a key")
            }
            return (key, "the key file given with --secret-key-file \(path)")
        }
        if let text = environment["CLERK_SECRET_KEY"], !text.isEmpty {
            guard let key = SecretKey(text) else { throw .usage("CLERK_SECRET_KEY is set but does not hold a key") }
            return (key, "CLERK_SECRET_KEY")
        }
        throw .missingSecretKey
    }
}
