@testable import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Synchronization
import Testing

/// The read-side commands' progress line, driven by a clock the test moves: nothing on a non-terminal,
/// nothing before a second has passed, then the phase, cleared at the end.
@Suite struct PhaseProgressTests {
    /// A clock that stands still until moved.
    final class TestClock: Sendable {
        private let seconds = Mutex<TimeInterval>(1_795_132_800)
        var now: @Sendable () -> Date { { Date(timeIntervalSince1970: self.seconds.withLock { $0 }) } }
        func advance(_ interval: TimeInterval) { seconds.withLock { $0 += interval } }
    }

    static func context(terminal: Bool, clock: TestClock, stderr: CapturedText, stdoutTerminal: Bool = false) -> CommandContext {
        CommandContext(
            environment: [:], now: clock.now, standardOutput: CapturedText().sink, standardError: stderr.sink,
            standardErrorIsTerminal: terminal, standardOutputIsTerminal: stdoutTerminal)
    }

    @Test func nothingIsDrawnWhenStderrIsNoTerminal() {
        let clock = TestClock()
        let stderr = CapturedText()
        let progress = PhaseProgress.start("review", phase: "reading", context: Self.context(terminal: false, clock: clock, stderr: stderr))
        #expect(progress == nil)
    }

    @Test func theLineAppearsAfterASecondWithThePhaseAndIsClearedAtTheEnd() {
        let clock = TestClock()
        let stderr = CapturedText()
        let context = Self.context(terminal: true, clock: clock, stderr: stderr)
        let progress = PhaseProgress.start("review", phase: "reading", context: context, redrawing: false)!
        clock.advance(0.5)
        progress.tick()
        progress.phase("indexing")
        progress.tick()
        #expect(stderr.text.isEmpty)
        clock.advance(0.5)
        progress.tick()
        #expect(stderr.text == "\r\u{1B}[Kreview: indexing (1s)")
        progress.phase("writing 2/5000 organizations")
        clock.advance(2.25)
        progress.tick()
        #expect(stderr.text.hasSuffix("\r\u{1B}[Kreview: writing 2/5000 organizations (3s)"))
        progress.finish()
        progress.tick()
        progress.finish()
        #expect(stderr.text == "\r\u{1B}[Kreview: indexing (1s)\r\u{1B}[Kreview: writing 2/5000 organizations (3s)\r\u{1B}[K")
    }

    @Test func aQuickCommandLeavesNothingBehind() {
        let clock = TestClock()
        let stderr = CapturedText()
        let progress = PhaseProgress.start("convert", phase: "reading", context: Self.context(terminal: true, clock: clock, stderr: stderr), redrawing: false)!
        clock.advance(0.9)
        progress.tick()
        progress.finish()
        #expect(stderr.text.isEmpty)
    }

    @Test func outputToTheSameTerminalStopsTheLineFirst() {
        let clock = TestClock()
        let stderr = CapturedText()
        let context = Self.context(terminal: true, clock: clock, stderr: stderr, stdoutTerminal: true)
        let progress = PhaseProgress.start("review", phase: "reading", context: context, redrawing: false)!
        clock.advance(1)
        progress.tick()
        progress.output("writing", toStandardOutput: true)
        clock.advance(1)
        progress.tick()
        #expect(stderr.text == "\r\u{1B}[Kreview: reading (1s)\r\u{1B}[K")
        // To a file, the line goes on with the writing phase.
        let toFile = PhaseProgress.start("review", phase: "reading", context: context, redrawing: false)!
        toFile.output("writing", toStandardOutput: false)
        clock.advance(1)
        toFile.tick()
        #expect(stderr.text.hasSuffix("review: writing (1s)"))
    }

    /// The commands run in tests (no terminal) write nothing to stderr: the goldens never see a progress line.
    @Test func commandsOnANonTerminalWriteNoProgress() async {
        let outcome = await CommandHarness().run(["review", DemoSnapshotFiles.demo.path, "--format", "json"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
    }
}
