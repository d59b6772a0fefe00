import Foundation
import WuyeConsole
import WuyeCore
import WuyeStore
import WuyeTestSupport

/// The console's figures with 2 000 open items at 200×50: first full frame, one tick,
/// idle output and CPU, and how long a commit elsewhere takes to show.
@MainActor
enum ConsoleBench {
    static func run(_ scratch: String) throws {
        // A fresh data set each run: the run before left its commits in it.
        let home = scratch + "/console"
        try? FileManager.default.removeItem(atPath: home)
        try Bench.dataset(home, open: 2000, closed: 0)
        // One tick in process: catch-up check, alerts, and drawing the whole 200×50 grid.
        let store = try Store.open(home: home)
        let now = realNow()
        var grid = CellGrid(width: 200, height: 50)
        // 200 seconds of one role's screen, each second looked at and drawn.
        func ticks(_ actor: String) throws -> Double {
            let board = try Board.load(store: store, actor: actor, now: now)
            let app = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
            app.openRoleScreen()
            app.refreshFigures(now: now)
            var ticks: [Double] = []
            for i in 0..<200 {
                let t = now + Int64(i)
                ticks.append(
                    Bench.ms {
                        app.second(now: t)
                        app.view(now: t).render(into: &grid)
                    })
            }
            return Bench.median(ticks)
        }
        Bench.report("console tick (catch-up check + draw)", "2000 open, 200x50", try ticks("desk-li"), "ms")
        // The supervisor's breach board: every open item on it, clocks crossing as the
        // seconds pass (its rows and their effect on the month moved at each crossing).
        Bench.report("console tick, breach board", "2000 open, 200x50", try ticks("sup-huang"), "ms")
        try keyPath(scratch)

        guard let wuye = Bench.siblingBinary("wuye"), FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            print("(tmux missing, or wuye not built: run swift build -c release first; terminal figures skipped)")
            return
        }
        // A session that outlives the measured ones: killing the last session ends a tmux
        // server, and a session started while it ends is lost (the run then waited forever).
        tmux(["new-session", "-d", "-s", "keeper", "sleep 86400"])
        // First full frame: from starting the process to the figures filled in (the period
        // shown beside "This month"), on this store and on the large one when it was built.
        // 1 000 open too, the size calcurse's first screen is measured at beside it.
        let thousand = scratch + "/open-1000"
        if !FileManager.default.fileExists(atPath: thousand + "/wuye.sqlite") { try Bench.dataset(thousand, open: 1000, closed: 0) }
        var stores = [(thousand, "1000 open, 200x50"), (home, "2000 open, 200x50")]
        if FileManager.default.fileExists(atPath: scratch + "/big/wuye.sqlite") {
            stores.append((scratch + "/big", "big data set, 200x50"))
        }
        for (h, size) in stores {
            var firsts: [Double] = []
            for i in 0..<5 {
                let name = "first-\(i)"
                let t0 = DispatchTime.now().uptimeNanoseconds
                start(name, home: h, wuye: wuye)
                while !capture(name).contains("This month 20") {
                    usleep(2000)
                    if Double(DispatchTime.now().uptimeNanoseconds - t0) > 20e9 { break }
                }
                firsts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                tmux(["kill-session", "-t", name])
            }
            Bench.report("console first frame with figures", size, Bench.median(firsts), "ms")
        }
        try calcurseFirstScreens(scratch)

        // Idle: bytes written to the terminal and CPU over 60 s once settled. The kernel
        // counts a process's CPU (its threads', the ended ones' too) in 10 ms ticks: over
        // 60 s a tick is 0.017 %, over 30 s 0.033 %, a fifth of the figure.
        // Each role's screen: the desk's board, the guard's patrol, the supervisor's breach
        // board (2 000 open items breached: every row of it).
        for (role, screen) in [("desk-li", "desk"), ("guard-wang", "guard"), ("sup-huang", "supervisor")] {
            let name = "idle-" + screen
            start(name, home: home, wuye: wuye, as: role)
            guard waitFor(name, role == "desk-li" ? "This month 20" : "Wuye") else {
                print("(the \(screen)'s console did not show its screen within 20 s: its idle figures skipped)")
                tmux(["kill-session", "-t", name])
                continue
            }
            sleep(role == "desk-li" ? 2 : 5)
            let log = scratch + "/idle.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let pid = panePid(name)
            let cpu0 = cpuSeconds(pid)
            let run0 = threadRunTimes(pid)
            tmux(["pipe-pane", "-o", "-t", name, "cat >> \(log)"])
            let window = 60.0
            usleep(UInt32(window * 1e6))
            tmux(["pipe-pane", "-t", name])
            let cpu1 = cpuSeconds(pid)
            let run1 = threadRunTimes(pid)
            // The scheduler's own count, to the nanosecond, of the threads alive at the end.
            let ran = run1.reduce(0.0) { $0 + ($1.value - (run0[$1.key] ?? 0)) }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
            let size = "2000 open, \(screen)"
            Bench.report("console idle output", size, Double(bytes) / window, "B/s")
            Bench.report("console idle CPU (60 s)", size, (cpu1 - cpu0) / window * 100, "%")
            Bench.report("console idle CPU (60 s, scheduler's ns)", size, ran / window * 100, "%")
            tmux(["kill-session", "-t", name])
        }

        // Commits on the command line 0.2–1.2 s apart, each until it is on the desk's screen.
        let name = "lag"
        start(name, home: home, wuye: wuye)
        guard waitFor(name, "This month 20") else {
            print("(the desk's console did not show its screen within 20 s: the commit figures skipped)")
            tmux(["kill-server"])
            return
        }
        sleep(1)
        var lags: [Double] = []
        var rng = UInt64(getpid())
        for i in 0..<20 {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1
            usleep(UInt32(200_000 + (rng >> 33) % 1_000_000))
            let text = "bench-change-\(i)"
            // Longer overdue than every item before it: it sorts to the top, so it is on
            // screen once caught up.
            let at = ISOFormat.utc(realNow() - 2 * 86400 - Int64(i) * 600)
            _ = try Bench.runProcess(
                wuye,
                [
                    "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "x", "--text", text,
                    "--at", at,
                ],
                env: ["WUYE_HOME": home, "WUYE_AS": "desk-li"])
            let t0 = DispatchTime.now().uptimeNanoseconds
            while !capture(name).contains(text) {
                usleep(2000)
                if Double(DispatchTime.now().uptimeNanoseconds - t0) > 5e9 { break }
            }
            lags.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        Bench.report("commit elsewhere → on screen, median", "2000 open, 200x50", Bench.median(lags), "ms")
        Bench.report("commit elsewhere → on screen, max", "2000 open, 200x50", lags.max() ?? .nan, "ms")
        tmux(["kill-session", "-t", name])
        tmux(["kill-server"])
    }

    /// The key thread's work right after another process commits (what delays the next
    /// key): looking for the commit and handing it to the worker, a key, and drawing; and
    /// the worker's own time catching up and recounting the figures, on the large store.
    static func keyPath(_ scratch: String) throws {
        let home = FileManager.default.fileExists(atPath: scratch + "/big/wuye.sqlite") ? scratch + "/big" : scratch + "/console"
        let size = home.hasSuffix("/big") ? "big data set, 200x50" : "2000 open, 200x50"
        let store = try Store.open(home: home)
        let other = try Store.open(home: home)
        var now = realNow()
        let board = try Board.load(store: store, actor: "desk-li", now: now)
        let app = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        app.worker = try BoardWorker(storeFile: store.path)
        var grid = CellGrid(width: 200, height: 50)
        app.refreshFigures(now: now)
        _ = wait(app, now: now)
        var keys: [Double] = []
        var work: [Double] = []
        for i in 0..<20 {
            let o = ItemOpened(
                kind: .complaint, site: "jinxiu", unit: "3-1802", channel: .hotline, category: "x", text: "key path \(i)",
                limits: ClockLimits())
            try other.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow())
            now = realNow()
            keys.append(
                Bench.ms {
                    _ = app.storeChanged(now: now)
                    _ = app.handle(.down, now: now)
                    app.view(now: now).render(into: &grid)
                })
            if let ms = wait(app, now: now) { work.append(ms) }
        }
        Bench.report("key thread after an outside commit", size, Bench.median(keys), "ms")
        Bench.report("key thread after an outside commit, max", size, keys.max() ?? .nan, "ms")
        Bench.report("worker: catch-up + figures per commit", size, Bench.median(work), "ms")
    }

    /// Waits for the worker's board and swaps it in; its preparation time.
    static func wait(_ app: ConsoleApp, now: Instant) -> Double? {
        guard let w = app.worker else { return nil }
        var p = pollfd(fd: w.readFD, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 60_000) == 1 else { return nil }
        _ = app.received(now: now)
        return app.lastPreparation
    }

    /// calcurse's first screen beside Wuye's, in the same run, the same way: started in
    /// tmux at 200×50 and watched every 2 ms until its last panel shows its first item;
    /// 1 000 and 2 000 items, half appointments around today and half to-dos.
    static func calcurseFirstScreens(_ scratch: String) throws {
        guard let calcurse = Bench.which("calcurse") else {
            print("(calcurse not installed: apt-get install -y calcurse for the first screen side by side)")
            return
        }
        for n in [1000, 2000] {
            let dir = scratch + "/calcurse-\(n)"
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone.current
            var apts = ""
            for i in 0..<(n / 2) {
                let day = calendar.date(byAdding: .day, value: i % 60 - 30, to: Date())!
                let c = calendar.dateComponents([.year, .month, .day], from: day)
                let date = String(format: "%02d/%02d/%04d", c.month!, c.day!, c.year!)
                let hour = String(format: "%02d", 8 + i % 10)
                apts += "\(date) @ \(hour):00 -> \(date) @ \(hour):30 |complaint \(i) 楼上噪音\n"
            }
            try apts.write(toFile: dir + "/apts", atomically: true, encoding: .utf8)
            try (0..<(n / 2)).map { "[\($0 % 9 + 1)] repair \($0) 水管漏水\n" }.joined().write(
                toFile: dir + "/todo", atomically: true, encoding: .utf8)
            var firsts: [Double] = []
            for i in 0..<5 {
                let name = "calcurse-\(i)"
                let t0 = DispatchTime.now().uptimeNanoseconds
                tmux([
                    "new-session", "-d", "-s", name, "-x", "200", "-y", "50",
                    "exec env LANG=C.UTF-8 \(calcurse) -D \(dir) -C \(dir)",
                ])
                while !capture(name).contains("repair 0 ") {
                    usleep(2000)
                    if Double(DispatchTime.now().uptimeNanoseconds - t0) > 20e9 { break }
                }
                firsts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                tmux(["kill-session", "-t", name])
            }
            Bench.report("peer: calcurse first screen", "\(n) items, 200x50", Bench.median(firsts), "ms")
        }
    }

    /// A console in a tmux session on the benchmark's own server, as the pane's process
    /// itself (so that the pane's pid is the console's).
    static func start(_ name: String, home: String, wuye: String, as role: String = "desk-li") {
        tmux([
            "new-session", "-d", "-s", name, "-x", "200", "-y", "50",
            "exec env LANG=C.UTF-8 WUYE_HOME=\(home) WUYE_AS=\(role) \(wuye)",
        ])
    }

    static func panePid(_ name: String) -> Int32 {
        Int32(
            ((try? Child.run("/usr/bin/tmux", ["-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]))?.1 ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The benchmark's own tmux server: nobody else's sessions are touched or measured.
    static let socket = "wuye-bench-\(getpid())"

    // tmux is run through posix_spawn (WuyeTestSupport's Child): Foundation's Process
    // has been seen to hang in waitUntilExit when children are spawned in quick turns.
    // Output is not captured: a server that `new-session` starts would hold the pipe open.
    static func tmux(_ args: [String]) { _ = try? Child("/usr/bin/tmux", ["-L", socket] + args, capture: false).wait() }

    /// Waits until the session's screen shows `text`; false after `seconds`.
    static func waitFor(_ name: String, _ text: String, seconds: Double = 20) -> Bool {
        let t0 = DispatchTime.now().uptimeNanoseconds
        while !capture(name).contains(text) {
            if Double(DispatchTime.now().uptimeNanoseconds - t0) > seconds * 1e9 { return false }
            usleep(10_000)
        }
        return true
    }

    static func capture(_ name: String) -> String {
        (try? Child.run("/usr/bin/tmux", ["-L", socket, "capture-pane", "-p", "-t", name]))?.1 ?? ""
    }

    /// Each thread's time on a CPU, in seconds, from `/proc/PID/task/TID/schedstat`
    /// (nanoseconds, where `stat` counts 10 ms ticks: over a minute a tick is 0.017 %,
    /// a tenth of the idle figure). A thread that ended in between is not counted.
    static func threadRunTimes(_ pid: Int32) -> [String: Double] {
        var out: [String: Double] = [:]
        for tid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? [] {
            guard let s = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/schedstat", encoding: .utf8),
                let ns = s.split(separator: " ").first.flatMap({ Double($0) })
            else { continue }
            out[tid] = ns / 1e9
        }
        return out
    }

    /// utime + stime of a process, in seconds.
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return 0
        }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, so utime (14) and stime (15) are at 11 and 12.
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ((Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)) / ticks
    }
}
