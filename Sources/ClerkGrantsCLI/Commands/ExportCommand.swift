import ClerkClient
import ClerkModel
import ExportPipeline
import Foundation
import GrantGraph

/// `clerk-grants export`: Clerk tenant (live or recorded) -> snapshot file.
struct ExportCommand {
    let context: CommandContext

    func run(_ rawArguments: [String]) async throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: ExportOptions.declaration)
        let options = try ExportOptions(arguments, context: context)
        let clock = ContinuousClock()
        let started = clock.now

        let reader: any TenantReader
        let statistics = ReadStatistics()
        var progress: ProgressDisplay?
        if let fixtures = options.fixtures {
            do {
                reader = try FixtureReader(folder: fixtures, refusal: options.refusal)
            } catch {
                throw .read(error)
            }
        } else {
            let configuration = options.live!.configuration
            var recorder: PageRecorder?
            if let record = options.record {
                do {
                    recorder = try PageRecorder(folder: record, instance: configuration.secretKey.fingerprint)
                } catch {
                    throw .read(error)
                }
            }
            let standardError = context.standardError
            var log: (@Sendable (RequestLogEntry) -> Void)?
            if options.verbose {
                log = { @Sendable entry in standardError.line(RequestLogLine.format(entry)) }
            }
            reader = LiveTenantReader(
                configuration: configuration, statistics: statistics, recorder: recorder,
                allowPartial: options.allowPartial, refusal: options.refusal, log: log)
            if !options.quiet, !options.verbose, context.standardErrorIsTerminal {
                progress = ProgressDisplay(statistics: statistics, sink: context.standardError)
                progress?.start()
            }
        }

        // The session plan goes to stderr before the first session request, also when progress is shown.
        var planSessions: (@Sendable (SessionScope, Int) -> Void)?
        if !options.quiet {
            let standardError = context.standardError
            let rate = options.live.map { $0.configuration.requestsPerSecond } ?? nil
            let (offline, clearProgress) = (options.fixtures != nil, progress != nil)
            planSessions = { scope, users in
                // Over the progress line, which is redrawn below it.
                standardError.write(clearProgress ? "\r\u{1B}[K" : "")
                standardError.line(SessionPlan.line(scope: scope, users: users, requestsPerSecond: rate, offline: offline))
            }
        }
        let draft: SnapshotDraft
        do {
            draft = try await Exporter.draft(
                from: reader, collections: options.collections, sessions: options.sessions, allowPartial: options.allowPartial,
                now: context.now(),
                run: ExportRun(
                    apiVersion: options.live?.configuration.apiVersion, host: context.hostName(),
                    statistics: options.fixtures == nil ? statistics : nil, clock: context.now),
                planSessions: planSessions)
            progress?.stop()
        } catch {
            progress?.stop()
            throw .export(error)
        }

        let read = clock.now - started
        let figures = ExportSummary.Figures(draft)
        let written = try SnapshotDelivery(context: context).deliver(consume draft, options: options)
        if !options.quiet {
            context.standardError.line(
                ExportSummary.line(
                    figures, statistics: statistics, wall: clock.now - started, writing: clock.now - started - read,
                    destination: written))
        }
        return .success
    }
}
