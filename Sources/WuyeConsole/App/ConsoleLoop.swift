import Dispatch
import Foundation
import Synchronization
import WuyeCore
import WuyeStore

/// Signals arrive on a dispatch queue and are turned into a byte on a pipe that the loop
/// polls, so the loop wakes at once and ends cleanly with the terminal restored.
final class SignalPipe: @unchecked Sendable {
    let readFD: Int32
    let writeFD: Int32
    private var sources: [any DispatchSourceSignal] = []
    private let flag = Atomic<Int32>(0)

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        readFD = fds[0]
        writeFD = fds[1]
        _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { @Sendable [self] in
                flag.store(1, ordering: .relaxed)
                var b: UInt8 = 1
                _ = write(writeFD, &b, 1)
            }
            src.resume()
            sources.append(src)
        }
    }

    var signalled: Bool { flag.load(ordering: .relaxed) != 0 }

    func drain() {
        var buf = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buf, 64) > 0 {}
    }
}

/// The console's one thread: it owns the terminal, waits on `poll` over the keyboard and
/// the signal pipe with a timeout landing on the next whole second, and draws.
@MainActor
public enum ConsoleLoop {
    /// "Now" for the console: from `start` (real time, or `$WUYE_NOW`), running on.
    public struct Clock {
        let start: Instant
        let startedAt = DispatchTime.now().uptimeNanoseconds
        /// A picture of the past (`--as-of`) keeps its instant.
        let frozen: Bool

        public init(start: Instant, frozen: Bool = false) {
            self.start = start
            self.frozen = frozen
        }

        public var nowNanos: UInt64 { DispatchTime.now().uptimeNanoseconds - startedAt }
        public var now: Instant { frozen ? start : start + Int64(nowNanos / 1_000_000_000) }
        /// Milliseconds until the next whole second of this clock.
        public var msToNextSecond: Int32 { Int32(1000 - (nowNanos / 1_000_000) % 1000) }
    }

    public static func run(app: ConsoleApp, clock: Clock) throws(WuyeError) {
        let signals = SignalPipe()
        // The runtime's threads start with most signals blocked, and the main thread can
        // inherit that mask; ncurses needs SIGWINCH (resize) and job control delivered here.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let terminal = Terminal()
        try terminal.start()
        defer {
            terminal.stop()
            app.finish()
        }
        var grid = CellGrid(width: terminal.width, height: terminal.height)
        var lastSecond = clock.now
        func draw() {
            if grid.width != terminal.width || grid.height != terminal.height {
                grid = CellGrid(width: terminal.width, height: terminal.height)
            }
            app.view(now: app.shown(clock.now)).render(into: &grid)
            terminal.draw(&grid)
        }
        draw()
        app.refreshFigures(now: clock.now)
        if app.worker == nil { draw() }
        // Another process's commit wakes the loop through inotify; the commit may still be
        // landing then, so the loop looks again a few times shortly after.
        let watch = app.worker == nil ? nil : StoreWatch(storeFile: app.store?.path ?? "")
        app.commitsWatched = watch != nil
        var lookAgain = 0
        while true {
            let readable = Int16(POLLIN)
            let workerFD: Int32 = app.worker?.readFD ?? -1
            let watchFD: Int32 = watch?.fd ?? -1
            var fds: [pollfd] = [
                pollfd(fd: 0, events: readable, revents: 0), pollfd(fd: signals.readFD, events: readable, revents: 0),
                pollfd(fd: workerFD, events: readable, revents: 0), pollfd(fd: watchFD, events: readable, revents: 0),
            ]
            var timeout: Int32 = clock.msToNextSecond
            if lookAgain > 0 && timeout > 25 { timeout = 25 }
            let r = poll(&fds, 4, timeout)
            if signals.signalled { return }
            if r < 0 && errno != EINTR { return }
            // The terminal is gone (the window closed, the session killed): end, do not spin.
            // A hung-up terminal may report itself readable too; what it holds is for nobody.
            if r > 0 && fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return }
            signals.drain()
            var changed = false
            // The one place a key's or a second's effects are carried out.
            func carryOut(_ e: ConsoleApp.Effects) -> Bool {
                if e.contains(.repaint) { terminal.invalidate() }
                if e.contains(.bell) { terminal.bell() }
                return !e.contains(.quit)
            }
            for key in terminal.readKeys() {
                changed = true
                if key == .resize { terminal.invalidate() }
                if !carryOut(app.handle(key, now: clock.now)) { return }
            }
            if fds[3].revents & readable != 0 {
                watch?.drain()
                lookAgain = 4
            }
            if lookAgain > 0 {
                lookAgain = app.storeChanged(now: clock.now) ? 0 : lookAgain - 1
            }
            if fds[2].revents & readable != 0 {
                _ = carryOut(app.received(now: clock.now))
                changed = true
            }
            let now = clock.now
            if now != lastSecond {
                lastSecond = now
                _ = carryOut(app.second(now: now))
                changed = true
            }
            if changed { draw() }
            if app.worker != nil {
                app.refreshFigures(now: clock.now)
            } else if app.board.needsCounting {
                // Figures after the change is on screen: a commit elsewhere shows at once.
                app.refreshFigures(now: clock.now)
                draw()
            }
        }
    }
}
