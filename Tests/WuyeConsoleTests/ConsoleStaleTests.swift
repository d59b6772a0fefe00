import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeStore

/// A console whose store stops being usable under it says so at once and stops counting
/// down clocks that are no longer live.
@Suite("The console when its store goes away", .serialized)
@MainActor
struct ConsoleStaleTests {
    let now = ScreenTests.now

    func headerAndMessage(_ a: ConsoleApp, at t: Instant) -> (String, String) {
        var g = CellGrid(width: 120, height: 30)
        a.view(now: a.shown(t)).render(into: &g)
        return (g.line(0), g.lines.joined(separator: "\n"))
    }

    @Test func aReplacedStoreFreezesTheScreenAndSaysSo() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        a.second(now: now + 1)
        #expect(a.storeProblem == nil)
        #expect(!headerAndMessage(a, at: now + 1).0.contains("NOT LIVE"))
        // Another file is put in place of the store (a restore, a copy).
        let other = home + "/other.sqlite"
        try FileManager.default.copyItem(atPath: store.path, toPath: other)
        #expect(rename(other, store.path) == 0)
        a.second(now: now + 2)
        #expect(a.storeProblem?.message.contains("has been replaced") == true)
        // The clocks stop where they were; the header and the message line say why.
        #expect(a.shown(now + 600) == now + 2)
        let (header, screen) = headerAndMessage(a, at: now + 600)
        #expect(header.contains("NOT LIVE"))
        #expect(screen.contains("has been replaced"))
        // Ticking a duty is refused with the same reason.
        a.ui.focus = .checklist
        _ = a.handle(.char(" "), now: now + 3)
        #expect(a.ui.message?.contains("has been replaced") == true)
    }

    @Test func aRemovedStoreIsNotLiveEither() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        try FileManager.default.removeItem(atPath: store.path)
        a.second(now: now + 1)
        #expect(a.storeProblem?.message.contains("has been removed") == true)
    }
}
