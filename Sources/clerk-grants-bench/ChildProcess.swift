import Foundation

/// Runs a command and reports its own CPU time (from wait4's rusage) and peak resident memory, so the
/// figures are the measured program's, not the benchmark's or the fake server's.
///
/// The peak is the child's own `VmHWM`, read from `/proc/PID/status` while it runs: wait4's `ru_maxrss`
/// also counts the memory of the process that spawned it, which Linux carries across the child's exec
/// (about 80 MB of this benchmark's, on top of every figure).
struct ChildProcess {
    struct Result {
        var status: Int32
        var wall: Double
        var userCPU: Double
        var systemCPU: Double
        var peakResidentBytes: Int
        var standardError: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorFile) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchmarkError.failed("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        var ownPeak = 0
        // Polled every 5 ms for the exit (so wall times are off by at most that) and every 20 ms for the peak.
        var polls = 0
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            guard waited == 0 || errno == EINTR else { throw BenchmarkError.failed("wait4 failed") }
            if polls % 4 == 0 { ownPeak = max(ownPeak, ResidentMemory.highWaterMark(process: String(pid)) ?? 0) }
            polls += 1
            usleep(5_000)
        }
        let wall = Date().timeIntervalSince(started)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            status: exitStatus, wall: wall, userCPU: seconds(usage.ru_utime), systemCPU: seconds(usage.ru_stime),
            peakResidentBytes: ownPeak > 0 ? ownPeak : Int(usage.ru_maxrss) * 1024,
            standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }
}
