import Foundation
import WuyeCore
import WuyeStore

#if PostgreSQL
    import WuyePostgres
#endif

// wuye-bench: builds its own data sets and prints one line per figure
// (name, size, median, unit). Run it as `swift run -c release wuye-bench`.
//
// `wuye-bench writer --home DIR --count N [--store URL]` is a helper for the crash and
// concurrency tests: it opens N complaints, one commit each, and prints each id only after
// commit (with --snapshots, it takes a snapshot after each).
// `wuye-bench dataset --home DIR --open N --closed M [--months K]` builds a store of that shape.

let args = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func realNow() -> Instant { Instant(seconds: Int64(Date().timeIntervalSince1970)) }

if args.first == "writer" {
    guard let home = option("--home"), let count = option("--count").flatMap(Int.init) else {
        FileHandle.standardError.write(Data("usage: wuye-bench writer --home DIR --count N\n".utf8))
        exit(2)
    }
    let tag = option("--tag") ?? "w"
    do {
        let store: Store
        if let url = option("--store") {
            #if PostgreSQL
                store = try Store.open(journal: try PostgresJournal(url: url), home: home)
            #else
                throw WuyeError.storeUnusable("wuye-bench was built without PostgreSQL")
            #endif
        } else {
            store = try Store.open(home: home)
        }
        for i in 0..<count {
            let o = ItemOpened(
                kind: .complaint, site: "jinxiu", unit: "3-1802", channel: .hotline, category: "bench",
                text: "\(tag) \(i)", limits: ClockLimits())
            let item = try store.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow())
            // Acknowledged only now, after the commit returned.
            print("\(item.id) \(tag) \(i)")
            fflush(nil)
            // With --snapshots, a snapshot after every commit: a kill lands in one often.
            if args.contains("--snapshots") { try store.takeSnapshot(now: realNow()) }
        }
    } catch {
        FileHandle.standardError.write(Data("writer: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "dataset" {
    guard let home = option("--home"), let open = option("--open").flatMap(Int.init), let closed = option("--closed").flatMap(Int.init),
        let months = Int(option("--months") ?? "1"), months >= 1
    else {
        FileHandle.standardError.write(Data("usage: wuye-bench dataset --home DIR --open N --closed M [--months K]\n".utf8))
        exit(2)
    }
    do {
        try Bench.dataset(home, open: open, closed: closed, months: months)
        try Store.open(home: home).checkpoint()
        print("built \(home): \(open) open and \(closed) closed complaints")
    } catch {
        FileHandle.standardError.write(Data("dataset: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "--help" || args.first == "-h" || args.first == "help" {
    print(
        """
        wuye-bench: what Wuye's costs are on this machine, measured (medians), one line per figure.

        USAGE: wuye-bench [store|console|integrity|peers|scale|reports|alerts|shared|all]
               wuye-bench dataset --home DIR --open N --closed M [--months K]

          store      one commit; start-up, lists and search on 100 000 closed + 2 000 open
                     (WUYE_BENCH_CLOSED sets the history's size); list and respond at 10 000 open
          console    the console (in tmux on a socket of its own, followed by its pid): one tick,
                     first frame with the figures (calcurse's first screen beside it, when
                     installed), idle output and CPU, a commit elsewhere until it is on screen,
                     and the key thread's work right after another process commits
          integrity  the write path's checks, whole verification, wuye check
          peers      taskwarrior's list and done, when installed
          scale      lists at 1 000, 10 000 and 50 000 open (JSON, text, first 50, memory) beside
                     task list; wuye import beside task import; a step after a 50 000-row import;
                     kpi this month and --as-of
          reports    a company of 20 sites with a year of history (about 200 000 events): the
                     monthly report as a whole process (text, HTML, CSV), the quarter's, the year's
          alerts     wuye watch: from a clock's crossing to the e-mail in a local SMTP sink (msmtp,
                     aiosmtpd), and the watcher's idle CPU
          shared     a shared store on PostgreSQL beside the store file, in the same run: one commit,
                     complaint respond as a whole process, the 10 000-item list, a commit on another
                     machine until it is on a console's screen (build with --traits PostgreSQL; set
                     WUYE_BENCH_POSTGRES to a server's postgres:// address; not part of all)
          dataset    builds a store of that shape for anyone to measure against: N open and M
                     closed complaints, the closed ones spread over K months (default 1)

        Build first with swift build -c release: the process figures run the wuye beside it.
        WUYE_BENCH_DIR keeps the data sets between runs.
        """)
    exit(0)
}

Bench.run(only: args.first)
