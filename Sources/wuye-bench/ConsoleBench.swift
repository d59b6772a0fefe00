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
        let home = scratch + "/console"
        try Bench.dataset(home, open: 2000, closed: 0)
        // One tick in process: catch-up check, alerts, and drawing the whole 200×50 grid.
        let store = try Store.open(home: home)
        let now = realNow()
        let board = try Board.load(store: store, actor: "desk-li", now: now)
        let app = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        var grid = CellGrid(width: 200, height: 50)
        var ticks: [Double] = []
        for i in 0..<200 {
            let t = now + Int64(i)
            ticks.append(
                Bench.ms {
                    app.second(now: t)
                    app.view(now: t).render(into: &grid)
                })
        }
        Bench.report("console tick (catch-up check + draw)", "2000 open, 200x50", Bench.median(ticks), "ms")

        guard let wuye = Bench.siblingBinary("wuye"), FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            print("(tmux missing, or wuye not built: run swift build -c release first; terminal figures skipped)")
            return
        }
        // First full frame: from starting the process to the figures strip on screen.
        var firsts: [Double] = []
        for i in 0..<5 {
            let name = "wuye-bench-\(getpid())-\(i)"
            let t0 = DispatchTime.now().uptimeNanoseconds
            tmux([
                "new-session", "-d", "-s", name, "-x", "200", "-y", "50",
                "env LANG=C.UTF-8 WUYE_HOME=\(home) WUYE_AS=desk-li \(wuye); sleep 30",
            ])
            while !capture(name).contains("This month") {
                usleep(2000)
                if Double(DispatchTime.now().uptimeNanoseconds - t0) > 10e9 { break }
            }
            firsts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            tmux(["kill-session", "-t", name])
        }
        Bench.report("console first full frame (process)", "2000 open, 200x50", Bench.median(firsts), "ms")

        // Idle: bytes written to the terminal and CPU over 10 s once settled.
        let name = "wuye-bench-\(getpid())-idle"
        tmux([
            "new-session", "-d", "-s", name, "-x", "200", "-y", "50",
            "env LANG=C.UTF-8 WUYE_HOME=\(home) WUYE_AS=desk-li \(wuye); sleep 60",
        ])
        while !capture(name).contains("This month") { usleep(10_000) }
        sleep(2)
        let log = scratch + "/idle.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let pid = wuyePid()
        let cpu0 = cpuSeconds(pid)
        tmux(["pipe-pane", "-o", "-t", name, "cat >> \(log)"])
        let window = 10.0
        usleep(UInt32(window * 1e6))
        tmux(["pipe-pane", "-t", name])
        let cpu1 = cpuSeconds(pid)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        Bench.report("console idle output", "2000 open, 200x50", Double(bytes) / window, "B/s")
        Bench.report("console idle CPU", "2000 open, 200x50", (cpu1 - cpu0) / window * 100, "%")

        // A commit on the command line, until it is on screen.
        var lags: [Double] = []
        for i in 0..<5 {
            let text = "bench-change-\(i)"
            let at = ISOFormat.utc(realNow() - 1790)  // nearly due: it sorts to the top
            _ = try Bench.runProcess(
                wuye,
                [
                    "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "x", "--text", text,
                    "--at", at,
                ],
                env: ["WUYE_HOME": home, "WUYE_AS": "desk-li"])
            let t0 = DispatchTime.now().uptimeNanoseconds
            while !capture(name).contains(text) {
                usleep(5000)
                if Double(DispatchTime.now().uptimeNanoseconds - t0) > 5e9 { break }
            }
            lags.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            usleep(300_000)
        }
        Bench.report("commit elsewhere → on screen", "2000 open, 200x50", Bench.median(lags), "ms")
        tmux(["kill-session", "-t", name])
    }

    // tmux is run through posix_spawn (WuyeTestSupport's Child): Foundation's Process
    // has been seen to hang in waitUntilExit when children are spawned in quick turns.
    // Output is not captured: a server that `new-session` starts would hold the pipe open.
    static func tmux(_ args: [String]) { _ = try? Child("/usr/bin/tmux", args, capture: false).wait() }

    static func capture(_ name: String) -> String {
        (try? Child.run("/usr/bin/tmux", ["capture-pane", "-p", "-t", name]))?.1 ?? ""
    }

    static func wuyePid() -> Int32 {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for i in items {
            guard let pid = Int32(i) else { continue }
            if (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                == "wuye"
            {
                return pid
            }
        }
        return 0
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
