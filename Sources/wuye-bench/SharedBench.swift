import Foundation
import WuyeCore
import WuyeStore
import WuyeTestSupport

#if PostgreSQL
    import WuyePostgres
#endif

/// The shared store on PostgreSQL beside the store file, in the same run: one commit, a
/// `complaint respond` as a whole process, the 10 000-item list, and a commit on another
/// machine until it is on a console's screen. `WUYE_BENCH_POSTGRES` names a server
/// (`postgres://USER@HOST:PORT/postgres`) where the benchmark makes databases of its own.
@MainActor
enum SharedBench {
    static func run(_ scratch: String) throws {
        #if PostgreSQL
            guard let server = ProcessInfo.processInfo.environment["WUYE_BENCH_POSTGRES"], !server.isEmpty else {
                FileHandle.standardError.write(Data("shared: set WUYE_BENCH_POSTGRES to a server's postgres:// address\n".utf8))
                return
            }
            guard let wuye = Bench.siblingBinary("wuye") else { return }
            let name = "wuye_bench_\(getpid())"
            let url = try PostgresAdmin.createDatabase(name, like: server)
            defer { PostgresAdmin.dropDatabase(name, like: server) }
            let root = scratch + "/shared"
            try? FileManager.default.removeItem(atPath: root)
            let file = root + "/file"
            try Demo.create(home: file, now: realNow() - 86400)
            _ = try Store.open(home: file).copy(to: try PostgresJournal(url: url))

            // One commit, in one process.
            let stores: [(String, Store)] = [
                ("SQLite file", try Store.open(home: file)),
                ("PostgreSQL, loopback", try Store.open(journal: try PostgresJournal(url: url), home: root + "/machine-a")),
            ]
            for (label, store) in stores {
                var times: [Double] = []
                for i in 0..<60 {
                    let o = ItemOpened(
                        kind: .complaint, site: "jinxiu", unit: "3-1802", channel: .hotline, category: "bench", text: "commit \(i)",
                        limits: ClockLimits())
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    _ = try store.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow())
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                }
                Bench.report("one commit (open a complaint)", label, Bench.median(times), "ms")
            }

            // `complaint respond` as a whole process, on each store's own items.
            for (label, env) in [
                ("SQLite file", ["WUYE_HOME": file]), ("PostgreSQL, loopback", ["WUYE_HOME": root + "/machine-b", "WUYE_STORE": url]),
            ] {
                var times: [Double] = []
                for n in 1...15 {
                    times.append(try Bench.runProcess(wuye, ["complaint", "respond", "C-\(n + 8)", "--as", "desk-li"], env: env).0)
                }
                Bench.report("process: complaint respond", label, Bench.median(times), "ms")
            }

            // The list of 10 000 open items.
            let big = root + "/big"
            try Bench.dataset(big, open: 10_000, closed: 0)
            let bigName = name + "_big"
            let bigURL = try PostgresAdmin.createDatabase(bigName, like: server)
            defer { PostgresAdmin.dropDatabase(bigName, like: server) }
            _ = try Store.open(home: big).copy(to: try PostgresJournal(url: bigURL))
            for (label, env) in [
                ("SQLite file", ["WUYE_HOME": big]), ("PostgreSQL, loopback", ["WUYE_HOME": root + "/big-copy", "WUYE_STORE": bigURL]),
            ] {
                // A machine's first command takes the whole journal in; the list is measured after.
                let first = try Bench.runProcess(wuye, ["complaint", "list", "--open", "--json"], env: env).0
                if env["WUYE_STORE"] != nil {
                    let events = try Store.open(home: big).lastSeq()
                    Bench.report("a machine's first command (takes the journal in)", "\(events) events, " + label, first, "ms")
                }
                var times: [Double] = []
                for _ in 0..<15 { times.append(try Bench.runProcess(wuye, ["complaint", "list", "--open", "--json"], env: env).0) }
                Bench.report("process: complaint list --open --json", "10000 open, " + label, Bench.median(times), "ms")
            }

            // A commit on another machine until it is on a console's screen.
            for (label, console, writer) in [
                ("SQLite file", ["WUYE_HOME": file], ["WUYE_HOME": file]),
                (
                    "PostgreSQL, loopback", ["WUYE_HOME": root + "/machine-c", "WUYE_STORE": url],
                    ["WUYE_HOME": root + "/machine-d", "WUYE_STORE": url]
                ),
            ] {
                let session = "shared-lag"
                let assignments = console.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
                ConsoleBench.tmux([
                    "new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                    "exec env LANG=C.UTF-8 WUYE_AS=desk-li \(assignments) \(wuye)",
                ])
                while !ConsoleBench.capture(session).contains("This month 20") { usleep(10_000) }
                sleep(1)
                var lags: [Double] = []
                for i in 0..<15 {
                    usleep(300_000)
                    let text = "shared-change-\(i)"
                    // Older than every open item of the demo, so it sorts to the top once caught up.
                    let at = ISOFormat.utc(realNow() - 20 * 3600 - Int64(i) * 60)
                    _ = try Bench.runProcess(
                        wuye,
                        [
                            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "x",
                            "--text",
                            text, "--at", at, "--as", "desk-li",
                        ],
                        env: writer)
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    while !ConsoleBench.capture(session).contains(text) {
                        usleep(2000)
                        if Double(DispatchTime.now().uptimeNanoseconds - t0) > 5e9 { break }
                    }
                    lags.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                }
                Bench.report("commit elsewhere → another console's screen, median", label, Bench.median(lags), "ms")
                Bench.report("commit elsewhere → another console's screen, max", label, lags.max() ?? .nan, "ms")
                ConsoleBench.tmux(["kill-session", "-t", session])
            }
            ConsoleBench.tmux(["kill-server"])
        #else
            FileHandle.standardError.write(Data("shared: wuye-bench was built without PostgreSQL (--traits PostgreSQL)\n".utf8))
        #endif
    }
}
