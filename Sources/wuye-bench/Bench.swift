import Foundation
import WuyeCore
import WuyeStore

enum Bench {
    static func run(only: String?) {
        do {
            let scratch = ProcessInfo.processInfo.environment["WUYE_BENCH_DIR"] ?? (NSTemporaryDirectory() + "wuye-bench-\(getpid())")
            let keep = ProcessInfo.processInfo.environment["WUYE_BENCH_DIR"] != nil
            defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
            if only == nil || only == "all" || only == "store" { try storeFigures(scratch) }
            if only == nil || only == "all" || only == "console" { try MainActor.assumeIsolated { try ConsoleBench.run(scratch) } }
            if only == nil || only == "all" || only == "integrity" { try integrityFigures(scratch) }
            if only == nil || only == "all" || only == "peers" { try peerFigures(scratch) }
            if only == nil || only == "all" || only == "scale" { try ScaleBench.run(scratch) }
            if only == nil || only == "all" || only == "reports" { try ReportBench.run(scratch) }
            if only == nil || only == "all" || only == "alerts" { try AlertBench.run(scratch) }
            if only == "shared" { try MainActor.assumeIsolated { try SharedBench.run(scratch) } }
        } catch {
            FileHandle.standardError.write(Data("wuye-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func report(_ name: String, _ size: String, _ value: Double, _ unit: String) {
        let v = value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
        print(
            "\(name.padding(toLength: max(44, name.count), withPad: " ", startingAt: 0)) \(size.padding(toLength: 22, withPad: " ", startingAt: 0)) \(v.leftPadded(9)) \(unit)"
        )
        fflush(nil)
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
    }

    static func ms(_ body: () throws -> Void) rethrows -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }

    /// A store with the demo's sites and staff and `open` open complaints plus `closed`
    /// closed ones, built in large transactions.
    static func dataset(_ home: String, open: Int, closed: Int, months: Int = 1) throws {
        try Demo.create(home: home, now: realNow() - 86400 * Int64(max(4, 30 * months)))
        let store = try Store.open(home: home)
        let now = realNow()
        let units = try store.site("jinxiu").units
        var made = 0
        while made < closed {
            let n = min(5000, closed - made)
            try store.batch { (b: inout Store.Batch) throws(WuyeError) in
                for i in 0..<n {
                    // Spread over the months asked for (the last three days of each by default).
                    let month = Int64((made + i) % max(1, months))
                    let t = now - 86400 * 3 - month * 86400 * 30 + Int64(i % 3600)
                    let o = ItemOpened(
                        kind: .complaint, site: "jinxiu", unit: units[(made + i) % units.count], channel: .hotline,
                        category: "噪音", text: "历史投诉 \(made + i)", limits: ClockLimits())
                    let it = try b.perform([.open(o)], on: nil, site: "jinxiu", actor: "desk-li", at: t, now: t)
                    try b.perform([.respond(note: nil), .resolve(note: "已处理")], on: it.id, actor: "desk-li", at: t + 600, now: t + 600)
                    try b.perform(
                        [.callback(rating: 5, note: nil), .close(note: nil)], on: it.id, actor: "desk-li", at: t + 7200, now: t + 7200)
                }
            }
            made += n
        }
        made = 0
        while made < open {
            let n = min(5000, open - made)
            try store.batch { (b: inout Store.Batch) throws(WuyeError) in
                for i in 0..<n {
                    let t = now - Int64((made + i) % 1700)
                    let o = ItemOpened(
                        kind: .complaint, site: "jinxiu", unit: units[(made + i) % units.count], channel: .wechat,
                        category: "漏水", text: "待处理投诉 \(made + i) 楼上漏水到客厅", limits: ClockLimits())
                    try b.perform([.open(o)], on: nil, site: "jinxiu", actor: "desk-li", at: t, now: t)
                }
            }
            made += n
        }
        try store.close()
    }

    static func storeFigures(_ scratch: String) throws {
        let wuye = siblingBinary("wuye")
        // One commit's latency: a complaint opened, synchronous=FULL, WAL.
        let small = scratch + "/small"
        try Demo.create(home: small, now: realNow())
        do {
            let store = try Store.open(home: small)
            var times: [Double] = []
            for i in 0..<200 {
                let o = ItemOpened(
                    kind: .complaint, site: "jinxiu", unit: "3-1802", channel: .hotline, category: "c", text: "commit \(i)",
                    limits: ClockLimits())
                times.append(try ms { try store.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow()) })
            }
            report("commit (open a complaint)", "demo store", median(times), "ms")
            var responds: [Double] = []
            for i in 0..<100 {
                let id = "C-\(20 + i)"
                responds.append(try ms { try store.perform(.respond(note: nil), on: id, actor: "desk-li", at: nil, now: realNow()) })
            }
            report("commit (respond)", "demo store", median(responds), "ms")
        }

        // Start-up: store open and open items in memory, with a long history.
        let big = scratch + "/big"
        let closed = Int(ProcessInfo.processInfo.environment["WUYE_BENCH_CLOSED"] ?? "") ?? 100_000
        let tBuild = try ms { try dataset(big, open: 2000, closed: closed) }
        report("build data set", "100000 closed+2000 open", tBuild / 1000, "s")
        var starts: [Double] = []
        for _ in 0..<7 {
            starts.append(
                try ms {
                    let s = try Store.open(home: big)
                    let items = try s.items(kind: nil, filter: .open)
                    precondition(items.count >= 2000)
                })
        }
        report("start-up (open + open items)", "100000 closed+2000 open", median(starts), "ms")
        if let wuye {
            let (t, rss) = try timeProcess(wuye, ["complaint", "list", "--open", "--json"], home: big, runs: 7)
            report("process: complaint list --open --json", "100000 closed+2000 open", t, "ms")
            report("peak memory of that process", "100000 closed+2000 open", rss, "MB")
        }
        do {
            // Finding any item: a word of three characters or more uses the trigram index; a
            // two-character Chinese word found almost nowhere reads every entry.
            let s = try Store.open(home: big)
            for (label, text) in [
                ("item search, 5 characters", "历史投诉 9"), ("item search, 2 rare characters", "车库"), ("item search, an id", "c-50000"),
            ] {
                var times: [Double] = []
                for _ in 0..<9 { times.append(try ms { _ = try s.search(text) }) }
                report(label, "\(closed) closed+2000 open", median(times), "ms")
            }
        }
        if let wuye {
            let (t, _) = try timeProcess(wuye, ["item", "search", "车库", "--json"], home: big, runs: 7)
            report("process: item search 车库 --json", "\(closed) closed+2000 open", t, "ms")
        }
        let memAfterBig = peakRSS()

        // 10 000 open items: list and respond as whole processes.
        let ten = scratch + "/ten"
        try dataset(ten, open: 10_000, closed: 0)
        do {
            let s = try Store.open(home: ten)
            var items: [Item] = []
            let tRead = try ms { items = try s.items(kind: .complaint, filter: .open) }
            report("read open items (in process)", "10000 open", tRead, "ms")
            let now = realNow()
            let zone = try s.site("jinxiu").zone
            let tJSON = ms {
                var w = JSONWriter()
                w.beginArray()
                for it in items { ItemJSON.write(it, zone: zone, now: now, into: &w) }
                w.endArray()
                precondition(!w.output.isEmpty)
            }
            report("write their JSON (in process)", "10000 open", tJSON, "ms")
        }
        if let wuye {
            let (tl, rss) = try timeProcess(wuye, ["complaint", "list", "--open", "--json"], home: ten, runs: 9)
            report("process: complaint list --open --json", "10000 open", tl, "ms")
            report("peak memory of that process", "10000 open", rss, "MB")
            var n = 100
            let (tr, _) = try timeProcess(wuye, [], home: ten, runs: 9) { () -> [String] in
                n += 1
                return ["complaint", "respond", "C-\(n)", "--as", "desk-li"]
            }
            report("process: complaint respond ID", "10000 open", tr, "ms")
        } else {
            print("(wuye is not built beside wuye-bench: run swift build -c release first; process figures skipped)")
        }
        report("peak memory of wuye-bench itself", "after 100000+2000", memAfterBig, "MB")
    }

    /// What the store's self-checks cost: per commit, per verification after another
    /// program changed the files, and for `wuye check`, on a journal of about 100 000 events.
    static func integrityFigures(_ scratch: String) throws {
        let home = scratch + "/integrity"
        try dataset(home, open: 2000, closed: 20_000)
        let store = try Store.open(home: home)
        let events = try store.lastSeq()
        let size = "\(events / 1000)k events"
        var open = try store.items(kind: .complaint, filter: .open).filter { $0.status == .received }.map(\.id)[...]
        var commits: [Double] = []
        for _ in 0..<200 {
            let id = open.popFirst()!
            commits.append(try ms { try store.perform(.respond(note: nil), on: id, actor: "desk-li", at: nil, now: realNow()) })
        }
        report("commit with its checks (respond)", size, median(commits), "ms")
        // A snapshot: what the first write after midnight (or after 5 000 events) adds.
        var snaps: [Double] = []
        for _ in 0..<20 {
            let id = open.popFirst()!
            try store.perform(.respond(note: nil), on: id, actor: "desk-li", at: nil, now: realNow())
            snaps.append(try ms { try store.takeSnapshot(now: realNow()) })
        }
        report("a snapshot (a write's pause)", size, median(snaps), "ms")
        report("a snapshot, longest", size, snaps.max() ?? .nan, "ms")
        var verify: [Double] = []
        for _ in 0..<5 {
            verify.append(
                try ms {
                    let problem = try store.verifyWhole()
                    precondition(problem == nil)
                })
        }
        report("verify whole (integrity + chain)", size, median(verify), "ms")
        // The first write after another program touched the files pays that verification.
        var first: [Double] = []
        for _ in 0..<5 {
            unlink(store.path + "-verified")
            let id = open.popFirst()!
            first.append(try ms { try store.perform(.respond(note: nil), on: id, actor: "desk-li", at: nil, now: realNow()) })
        }
        report("first commit after a foreign change", size, median(first), "ms")
        let tCheck = try ms {
            let report = try store.check()
            precondition(report.differences.isEmpty)
        }
        report("wuye check (replay + compare)", size, tCheck / 1000, "s")
        let file = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0
        report("store file", size, Double(file) / 1_048_576, "MB")
    }

    static func peerFigures(_ scratch: String) throws {
        guard let task = which("task") else {
            print("(taskwarrior not installed: apt-get install -y taskwarrior for the side-by-side figures)")
            return
        }
        // A store of its own: `task N done` changes it.
        let rc = try ScaleBench.taskStore(scratch + "/task", task, pending: 10_000)
        let (tl, _) = try timeProcess(task, ["list"], home: nil, runs: 5, env: ["TASKRC": rc])
        report("peer: taskwarrior task list", "10000 pending", tl, "ms")
        var n = 0
        let (td, _) = try timeProcess(task, [], home: nil, runs: 5, env: ["TASKRC": rc]) { () -> [String] in
            n += 1
            return [String(n), "done"]
        }
        report("peer: taskwarrior task N done", "10000 pending", td, "ms")
    }

    // MARK: processes

    static func siblingBinary(_ name: String) -> String? {
        let dir = (CommandLine.arguments[0] as NSString).deletingLastPathComponent
        let p = (dir as NSString).appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }

    static func which(_ name: String) -> String? {
        for d in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(d)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs a process to the end; returns wall milliseconds and its peak memory (MB).
    /// The memory comes from GNU time where it is installed: a spawned child's
    /// `ru_maxrss` counts the parent's image from before `exec`.
    static func runProcess(_ path: String, _ args: [String], env: [String: String] = [:], memory: Bool = false) throws -> (Double, Double) {
        let (t, rss) = try spawn(path, args, env: env)
        let gnuTime = "/usr/bin/time"
        guard memory, FileManager.default.isExecutableFile(atPath: gnuTime) else { return (t, rss) }
        let out = NSTemporaryDirectory() + "wuye-bench-rss-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try spawn(gnuTime, ["-f", "%M", "-o", out, path] + args, env: env)
        let kb =
            Double((try? String(contentsOfFile: out, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? rss * 1024
        return (t, kb / 1024)
    }

    static func spawn(_ path: String, _ args: [String], env: [String: String], sampleAnonymous: Bool = false) throws -> (Double, Double) {
        var pid: pid_t = 0
        var fa: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&fa) }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &fa, nil, argv, envp) == 0 else { throw WuyeError.badInput("cannot run \(path)") }
        var status: Int32 = 0
        var usage = rusage()
        var anonymousKB = 0
        if sampleAnonymous {
            // The process's own memory (heap and stacks, not the store's memory-mapped pages,
            // which its peak RSS counts), read from /proc every 0.2 ms until it ends.
            while wait4(pid, &status, WNOHANG, &usage) == 0 {
                anonymousKB = max(anonymousKB, rssAnonymousKB(pid))
                usleep(200)
            }
        } else {
            _ = wait4(pid, &status, 0, &usage)
        }
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        if status != 0 { throw WuyeError.badInput("\(path) \(args.joined(separator: " ")) failed with status \(status)") }
        return (t, sampleAnonymous ? Double(anonymousKB) / 1024 : Double(usage.ru_maxrss) / 1024)
    }

    /// The peak of a process's anonymous memory (MB), sampled while it runs.
    static func peakAnonymous(_ path: String, _ args: [String], env: [String: String] = [:]) throws -> Double {
        try spawn(path, args, env: env, sampleAnonymous: true).1
    }

    /// `RssAnon` of a running process, in KB (0 once it has gone).
    static func rssAnonymousKB(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("RssAnon:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    static func timeProcess(
        _ path: String, _ args: [String], home: String?, runs: Int, env: [String: String] = [:],
        args make: (() -> [String])? = nil
    ) throws -> (Double, Double) {
        var e = env
        if let home { e["WUYE_HOME"] = home }
        _ = try runProcess(path, make?() ?? args, env: e)  // warm-up
        var times: [Double] = []
        var peak = 0.0
        for _ in 0..<runs {
            let (t, rss) = try runProcess(path, make?() ?? args, env: e, memory: make == nil)
            times.append(t)
            peak = max(peak, rss)
        }
        return (median(times), peak)
    }

    static func peakRSS() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) / 1024
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
