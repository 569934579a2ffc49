import ClerkFakeServer
import Foundation

/// `clerk-grants-bench [--scale F] [--max-rps R] [--concurrency N] [--clerk-grants PATH] [--keep DIR]`
struct BenchmarkOptions {
    var scale = 1.0
    var maxRPS: Double?
    var concurrency = 4
    var executable: String?
    var keepDirectory: String?
    var skipDiff = false
    var trendRuns = 30
    var phases = false
    var serveSeconds: Double?
    /// Internal: this process is the benchmark's server (`ServedTenant`), and serves the changed tenant.
    var servesChild = false
    var servesChangedTenant = false
    /// Internal: this process measures the raw-fetch floor (`RawFetch`) of a server's URL and request list.
    var rawFetch: (url: String, targets: String)?

    static let usage = """
        usage: clerk-grants-bench [--scale F] [--max-rps R] [--concurrency N] [--clerk-grants PATH] [--keep DIR] [--skip-diff] [--trend N] [--phases] [--serve SECONDS]
          --scale F          tenant size as a multiple of 100,000 users / 5,000 orgs / 300,000 memberships (default 1)
          --max-rps R        also run a rate-budgeted export at R requests/s and compare with requests / R
          --concurrency N    requests in flight (default 4)
          --clerk-grants P   the executable to measure (default: clerk-grants beside this benchmark)
          --keep DIR         keep the snapshots in DIR instead of a temporary folder
          --skip-diff        skip the diff/validate and read-side measurements
          --trend N          time trend over a store of N nightly copies of the snapshot (default 30, 0 skips)
          --phases           only time the export's stages in-process, with peak memory after each
          --serve SECONDS    only serve the generated tenant on 127.0.0.1 for SECONDS and print its URL and key,
                             to try clerk-grants against by hand (e.g. to watch its progress display)
        """

    init(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchmarkError.usage("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--scale":
                guard let scale = Double(try value()), scale > 0, scale <= 20 else { throw BenchmarkError.usage("--scale takes a number in (0, 20]") }
                self.scale = scale
            case "--max-rps":
                guard let rate = Double(try value()), rate > 0 else { throw BenchmarkError.usage("--max-rps takes a positive number") }
                maxRPS = rate
            case "--concurrency":
                guard let count = Int(try value()), (1...64).contains(count) else { throw BenchmarkError.usage("--concurrency takes 1-64") }
                concurrency = count
            case "--clerk-grants": executable = try value()
            case "--keep": keepDirectory = try value()
            case "--skip-diff": skipDiff = true
            case "--trend":
                guard let runs = Int(try value()), (0...400).contains(runs) else { throw BenchmarkError.usage("--trend takes 0-400") }
                trendRuns = runs
            case "--phases": phases = true
            case "--serve":
                guard let seconds = Double(try value()), seconds > 0, seconds <= 3600 else { throw BenchmarkError.usage("--serve takes seconds (0-3600]") }
                serveSeconds = seconds
            case "--serve-child": servesChild = true
            case "--changed": servesChangedTenant = true
            case "--raw-fetch": rawFetch = (try value(), try value())
            case "--help", "-h": throw BenchmarkError.usage(BenchmarkOptions.usage)
            default: throw BenchmarkError.usage("unknown option \(arguments[index])\n\(BenchmarkOptions.usage)")
            }
            index += 1
        }
    }

    var spec: FakeTenantSpec {
        let base = FakeTenantSpec.benchmark
        return FakeTenantSpec(
            users: max(1, Int(Double(base.users) * scale)), organizations: max(1, Int(Double(base.organizations) * scale)),
            memberships: max(1, Int(Double(base.memberships) * scale)), customRoles: 10, customPermissions: 30,
            seed: base.seed,
            // The measured exports do not read sessions; `--serve` offers them to try by hand.
            generatesSessions: serveSeconds != nil)
    }

    /// The options that decide the tenant, for the server process to generate the same one.
    var tenantArguments: [String] { ["--scale", String(scale)] }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let text), .failed(let text): return text
        }
    }
}
