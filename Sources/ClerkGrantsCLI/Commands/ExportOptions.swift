import ClerkClient
import ClerkModel
import Foundation

/// `export`'s settings, resolved the way Clerk's SDKs do: an explicit flag beats an environment variable
/// beats a default. Export's options are declared here, once; `declaration` is export's entry in
/// `CommandCatalog`, from which its parsing, help and README table follow.
struct ExportOptions {
    static let fixtures = OptionDeclaration(
        "--fixtures", "DIR", kind: .text, help: "read recorded API pages from DIR instead of the live API (offline, no key)")
    static let secretKeyFile = OptionDeclaration(
        "--secret-key-file", "PATH", kind: .text, environment: .contents("CLERK_SECRET_KEY"),
        help: "file holding the secret key (the file wins over the variable): a regular file of at most \(KeyFile.secretKeyLimit) bytes, warned about when its group or others may read it")
    static let apiURL = OptionDeclaration(
        "--api-url", "URL", kind: .text, default: ClerkClientConfiguration.defaultAPIURL, environment: .value("CLERK_API_URL"),
        help: "Backend API base URL: https, or plain http to a loopback address")
    static let apiVersion = OptionDeclaration(
        "--api-version", "DATE", kind: .text, default: ClerkClientConfiguration.defaultAPIVersion,
        environment: .value("CLERK_API_VERSION"), help: "sent as the Clerk-API-Version header")
    static let resources = OptionDeclaration(
        "--resources", "LIST", kind: .text, defaultNote: "all",
        help:
            "comma list of \(ClerkCollection.allCases.filter(ClerkCollection.grantCollections.contains).map(\.rawValue).joined(separator: ",")) (the grants) and \(ClerkCollection.allCases.filter { !ClerkCollection.grantCollections.contains($0) && !$0.isOptIn }.map(\.rawValue).joined(separator: ",")); by default one of the latter the key may not read (HTTP 402, 403 or 404) is left out with a diagnostic, while a named one fails the export")
    static let sessions = OptionDeclaration(
        "--sessions", "SCOPE", kind: .choice(SessionScope.allCases.map(\.rawValue)), defaultNote: "off",
        help:
            "also read the active sessions of admins (users with an admin role), flagged users (banned, locked, or admin without two-factor) or all users, after the rest: one request per user in scope, planned on stderr first")
    static let record = OptionDeclaration(
        "--record", "DIR", kind: .text, help: "also save every raw page under DIR (which must hold no recording yet), replayable with --fixtures")
    static let allowPartial = OptionDeclaration.flag(
        "--allow-partial", help: "write an incomplete snapshot (\"complete\": false) instead of failing when a collection cannot be read to the end")
    static let concurrency = OptionDeclaration(
        "--concurrency", "N", kind: .wholeNumber(1...64), default: "4", help: "requests in flight at most, across all collections")
    /// Below 0.1 requests per second an export of any real tenant would never end: refused, not accepted.
    static let maxRPS = OptionDeclaration(
        "--max-rps", "R", kind: .number(0.1...100_000, zeroTurnsOff: true),
        defaultNote: "\(OptionDeclaration.ValueKind.decimal(SecretKey.Environment.production.defaultRequestsPerSecond)) for sk_live_ keys, \(OptionDeclaration.ValueKind.decimal(SecretKey.Environment.development.defaultRequestsPerSecond)) otherwise",
        help: "client-side request budget per second; 0 turns pacing off")
    static let timeout = OptionDeclaration(
        "--timeout", "SECONDS", kind: .number(1...600), default: "30", help: "bound on each whole response, headers and body")
    static let store = OptionDeclaration(
        "--store", "DIR", kind: .text, help: "keep a history of snapshots in DIR: a new file only when something changed")
    static let keep = OptionDeclaration(
        "--keep", "N", kind: .wholeNumber(1...100_000), defaultNote: "all", help: "with --store: keep the newest N stored snapshots")
    static let quiet = OptionDeclaration.flag("--quiet", help: "no progress and no summary line")
    static let verbose = OptionDeclaration.flag(
        "--verbose", environment: .trueTurnsOn("CLERK_LOGGING"),
        help: "log every request: method, path and query, status and latency, never headers or the key")

    static let declaration = CommandDeclaration(
        "export", abstract: "Reads a Clerk instance (or recorded pages) and writes a snapshot.",
        options: [
            fixtures, secretKeyFile, apiURL, apiVersion, resources, sessions, ReportOptions.output, record, allowPartial, concurrency,
            maxRPS, timeout, store, keep, SigningOptions.keyFile, quiet, verbose,
        ],
        rules: [
            .exclusive(ReportOptions.output, store), .requires(keep, store), .exclusive(quiet, verbose),
            .exclusive(fixtures, secretKeyFile, reason: offline), .exclusive(fixtures, apiURL, reason: offline),
            .exclusive(fixtures, record, reason: offline), .exclusive(fixtures, apiVersion, reason: offline),
        ],
        exitCodes: "0 ok, 1 usage or bad input, 2 Clerk rejected the request, 3 retries exhausted, 4 incomplete export refused, 5 output not written")
    private static let offline = "an offline export reads no API"

    var collections: Set<ClerkCollection>
    /// `--sessions`: whose active sessions are read after the rest; nil when off.
    var sessions: SessionScope?
    /// Which collections may be left out when the key is refused them: none of those `--resources` named.
    var refusal: CollectionRefusal
    var fixtures: URL?
    var output: URL?
    var record: URL?
    var store: URL?
    var keep: Int?
    /// `--sign-key-file`: the HMAC key the snapshot is signed with.
    var signingKey: [UInt8]?
    var allowPartial: Bool
    var quiet: Bool
    var verbose: Bool
    var live: Live?

    /// Settings that only a live export has.
    struct Live {
        var configuration: ClerkClientConfiguration
    }

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let environment = context.environment
        let named = arguments.text(Self.resources)
        switch ClerkCollection.parseList(named ?? ClerkCollection.defaultSet.map(\.rawValue).joined(separator: ",")) {
        case .success(let set): collections = set
        case .failure(let unknown): throw .unknownCollections(names: unknown.names)
        }
        if let optIn = collections.first(where: \.isOptIn) {
            throw .usage(
                "\(optIn.rawValue) cannot be named in \(Self.resources.name): they cost one request per user, so they are read only with \(Self.sessions.name) \(SessionScope.allCases.map(\.rawValue).joined(separator: "|"))")
        }
        sessions = arguments.choice(Self.sessions, as: SessionScope.self)
        refusal = CollectionRefusal(explicitlyRequested: named == nil ? nil : collections)
        fixtures = arguments.text(Self.fixtures).map(context.url(forPath:))
        output = arguments.text(ReportOptions.output).map(context.url(forPath:))
        record = arguments.text(Self.record).map(context.url(forPath:))
        store = arguments.text(Self.store).map(context.url(forPath:))
        keep = arguments.integer(Self.keep)
        signingKey = try SigningOptions.key(arguments, context: context)
        allowPartial = arguments.flag(Self.allowPartial)
        quiet = arguments.flag(Self.quiet)
        verbose = arguments.flag(Self.verbose, environment: environment)
        guard fixtures == nil else {
            live = nil
            return
        }

        let (key, keySource) = try Self.secretKey(arguments, environment: environment, context: context)
        // Each of these is declared with a default, so none is nil.
        guard let apiURLText = arguments.text(Self.apiURL, environment: environment),
            let apiVersion = arguments.text(Self.apiVersion, environment: environment),
            let concurrency = arguments.integer(Self.concurrency), let timeout = arguments.number(Self.timeout)
        else { preconditionFailure("export's live settings are declared with defaults") }
        let apiURL: URL
        do {
            apiURL = try APIURLPolicy.validate(apiURLText)
        } catch {
            throw .read(error)
        }
        // --max-rps 0 turns client-side pacing off; without it, a quarter of the instance's documented budget.
        let rate: Double? = arguments.number(Self.maxRPS).map { $0 == 0 ? nil : $0 } ?? key.environment.defaultRequestsPerSecond
        live = Live(
            configuration: ClerkClientConfiguration(
                apiURL: apiURL, secretKey: key, keySource: keySource, apiVersion: apiVersion, requestTimeout: timeout,
                concurrency: concurrency, requestsPerSecond: rate))
    }

    private static func secretKey(
        _ arguments: ParsedArguments, environment: [String: String], context: CommandContext
    ) throws(CLIError) -> (SecretKey, String) {
        if let path = arguments.text(Self.secretKeyFile) {
            let bytes: Data
            do {
                bytes = try KeyFile.read(path, flag: Self.secretKeyFile.name, limit: KeyFile.secretKeyLimit, context: context)
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
        let variable = Self.secretKeyFile.environment!.name
        if let text = environment[variable], !text.isEmpty {
            guard let key = SecretKey(text) else { throw .usage("\(variable) is set but does not hold a key") }
            return (key, variable)
        }
        throw .missingSecretKey
    }
}
