import Foundation
import Synchronization

/// A status line on an interactive stderr for the read-side commands (review, convert, who-can, access,
/// diff, validate): the phase they are in (`reading`, `indexing`, `writing 120/5000 organizations`) and
/// the seconds so far. Nothing is drawn before `delay` has passed, so a command that takes less never
/// flickers, and nothing at all when stderr is not a terminal (pipes, files, tests, goldens).
///
/// Time comes from the context's clock and a line is drawn by `tick()`: the background task calls it every
/// `interval`, and tests call it with a clock they move themselves.
final class PhaseProgress: Sendable {
    /// How long a command runs before its progress is shown.
    static let defaultDelay: TimeInterval = 1
    static let interval: Duration = .milliseconds(250)

    private struct State {
        var phase: String
        var drawn = false
        var finished = false
    }

    private let command: String
    private let sink: TextSink
    private let now: @Sendable () -> Date
    private let started: Date
    private let delay: TimeInterval
    private let standardOutputIsTerminal: Bool
    private let state: Mutex<State>
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    private init(command: String, phase: String, context: CommandContext, delay: TimeInterval) {
        self.command = command
        sink = context.standardError
        now = context.now
        started = context.now()
        self.delay = delay
        standardOutputIsTerminal = context.standardOutputIsTerminal
        state = Mutex(State(phase: phase))
    }

    /// The progress of `command`, or nil when stderr is no terminal (then nothing is ever drawn).
    /// `redrawing` starts the background redraw; tests leave it off and call `tick()`.
    static func start(
        _ command: String, phase: String, context: CommandContext, delay: TimeInterval = defaultDelay, redrawing: Bool = true
    ) -> PhaseProgress? {
        guard context.standardErrorIsTerminal else { return nil }
        let progress = PhaseProgress(command: command, phase: phase, context: context, delay: delay)
        if redrawing {
            progress.task.withLock {
                $0 = Task { [weak progress] in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: PhaseProgress.interval)
                        progress?.tick()
                    }
                }
            }
        }
        return progress
    }

    /// Moves to the next phase, shown at the next redraw (not at once: a phase per organization of a
    /// split would otherwise redraw the line thousands of times a second).
    func phase(_ text: String) {
        state.withLock { $0.phase = text }
    }

    /// The output phase: `phase` when the output goes to a file or a pipe; when it goes to stdout and
    /// stdout is the same terminal, the line is cleared and stopped instead, so it never cuts into the output.
    func output(_ phase: String, toStandardOutput: Bool) {
        if toStandardOutput && standardOutputIsTerminal {
            finish()
        } else {
            self.phase(phase)
        }
    }

    /// Draws the line when `delay` has passed since the start.
    func tick() {
        let elapsed = now().timeIntervalSince(started)
        guard elapsed >= delay else { return }
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.drawn = true
            return Self.render(command: command, phase: state.phase, elapsed: elapsed)
        }
        if let line { sink.write("\r\u{1B}[K" + line) }
    }

    /// Stops redrawing and clears the line, if one was drawn, so the command's own messages start clean.
    func finish() {
        task.withLock {
            $0?.cancel()
            $0 = nil
        }
        let drawn = state.withLock { state in
            defer { state.finished = true }
            return state.drawn && !state.finished
        }
        if drawn { sink.write("\r\u{1B}[K") }
    }

    /// `review: indexing (3s)`. The phase is our own text, never tenant data, so it needs no escaping.
    static func render(command: String, phase: String, elapsed: TimeInterval) -> String {
        "\(command): \(phase) (\(Int(elapsed))s)"
    }
}
