import Foundation
import WuyeCore
import WuyeStore

/// How the command line's costs grow with the store, and the peers beside it in the same
/// run: lists (JSON, text, a first page) at 1 000, 10 000 and 50 000 open items, imports,
/// a step right after a large import, and the figures (`kpi`, live and `--as-of`).
enum ScaleBench {
    static func run(_ scratch: String) throws {
        guard let wuye = Bench.siblingBinary("wuye") else {
            print("(wuye is not built beside wuye-bench: run swift build -c release first; scale figures skipped)")
            return
        }
        let task = Bench.which("task")
        if task == nil { print("(taskwarrior not installed: apt-get install -y taskwarrior for the side-by-side figures)") }

        // Lists at three sizes; at 10 000 taskwarrior's `task list` is measured in turns with them.
        for n in [1000, 10_000, 50_000] {
            let home = scratch + "/open-\(n)"
            if !FileManager.default.fileExists(atPath: home + "/wuye.sqlite") { try Bench.dataset(home, open: n, closed: 0) }
            let size = "\(n) open"
            var json: [Double] = []
            var text: [Double] = []
            var first: [Double] = []
            var peer: [Double] = []
            var textRSS = 0.0
            var textAnonymous = 0.0
            let taskRC = n == 10_000 ? try task.map { try taskStore(scratch + "/task-\(n)", $0, pending: n) } : nil
            for _ in 0..<7 {
                json.append(try time(wuye, ["complaint", "list", "--open", "--json"], home: home).0)
                let (t, rss) = try time(wuye, ["complaint", "list", "--open"], home: home, memory: true)
                text.append(t)
                textRSS = max(textRSS, rss)
                textAnonymous = max(
                    textAnonymous, try Bench.peakAnonymous(wuye, ["complaint", "list", "--open"], env: ["WUYE_HOME": home]))
                first.append(try time(wuye, ["complaint", "list", "--open", "--json", "--limit", "50"], home: home).0)
                if let task, let taskRC { peer.append(try Bench.runProcess(task, ["list"], env: ["TASKRC": taskRC]).0) }
            }
            Bench.report("process: complaint list --open --json", size, Bench.median(json), "ms")
            Bench.report("process: complaint list --open (text)", size, Bench.median(text), "ms")
            Bench.report("text list: peak RSS (with the mapped store)", size, textRSS, "MB")
            Bench.report("text list: peak own memory (RssAnon)", size, textAnonymous, "MB")
            Bench.report("process: first 50 (--limit 50 --json)", size, Bench.median(first), "ms")
            if !peer.isEmpty {
                Bench.report("peer: taskwarrior task list", "\(n) pending", Bench.median(peer), "ms")
                Bench.report("task list ÷ wuye list --json", size, Bench.median(peer) / Bench.median(json), "×")
                Bench.report("task list ÷ wuye list (text)", size, Bench.median(peer) / Bench.median(text), "×")
            }
        }

        // Imports of 10 000 rows, each into a fresh store, in turns with `task import`.
        let csv = scratch + "/import-10000.csv"
        try importFile(csv, rows: 10_000)
        let base = scratch + "/import-base"
        if !FileManager.default.fileExists(atPath: base + "/wuye.sqlite") { try Demo.create(home: base, now: realNow() - 86400) }
        var imports: [Double] = []
        var peerImports: [Double] = []
        for i in 0..<3 {
            let home = scratch + "/import-\(i)"
            try? FileManager.default.removeItem(atPath: home)
            try FileManager.default.copyItem(atPath: base, toPath: home)
            imports.append(try time(wuye, ["import", csv, "--as", "sup-huang"], home: home).0)
            if let task { peerImports.append(try taskImport(scratch + "/task-import-\(i)", task, rows: 10_000)) }
        }
        Bench.report("process: wuye import", "10000 rows", Bench.median(imports), "ms")
        if !peerImports.isEmpty {
            Bench.report("peer: taskwarrior task import", "10000 rows", Bench.median(peerImports), "ms")
        }

        // A step right after a large import: the next command pays for its own work only.
        let big = scratch + "/import-50000"
        try? FileManager.default.removeItem(atPath: big)
        try FileManager.default.copyItem(atPath: base, toPath: big)
        let csv50 = scratch + "/import-50000.csv"
        try importFile(csv50, rows: 50_000, resolved: false)
        _ = try time(wuye, ["import", csv50, "--as", "sup-huang"], home: big)
        var n = 100
        var responds: [Double] = []
        for _ in 0..<9 {
            n += 1
            responds.append(try time(wuye, ["complaint", "respond", "C-\(n)", "--as", "desk-li"], home: big).0)
        }
        Bench.report("process: respond after the import", "50000 rows imported", Bench.median(responds), "ms")
        let wal = (try? FileManager.default.attributesOfItem(atPath: big + "/wuye.sqlite-wal")[.size] as? Int) ?? 0
        Bench.report("WAL left by the import", "50000 rows imported", Double(wal) / 1_048_576, "MB")

        // Figures: this month live, and a month and a year as they stood (the large store
        // holds about 500 000 events, the integrity one about 100 000).
        for (home, size) in [(scratch + "/big", "100000 closed+2000 open"), (scratch + "/integrity", "20000 closed+2000 open")]
        where FileManager.default.fileExists(atPath: home + "/wuye.sqlite") {
            let store = try Store.open(home: home)
            let events = try store.lastSeq()
            let label = "\(size), \(events / 1000)k events"
            Bench.report("process: kpi (this month)", label, try median(wuye, ["kpi"], home: home, runs: 5), "ms")
            // As the store stood at its last event: everything after the latest snapshot is
            // replayed, however long ago the data set was built (a moment before it was
            // built replays nothing and measures nothing).
            let last = try store.events(after: events - 1).last?.recorded ?? realNow()
            let asOf = ISOFormat.utc(last)
            Bench.report("process: kpi --month --as-of", label, try median(wuye, ["kpi", "--as-of", asOf], home: home, runs: 3), "ms")
            let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
            Bench.report(
                "process: kpi --year --as-of", label, try median(wuye, ["kpi", "--year", year, "--as-of", asOf], home: home, runs: 3), "ms")
        }
    }

    static func time(_ path: String, _ args: [String], home: String, memory: Bool = false) throws -> (Double, Double) {
        try Bench.runProcess(path, args, env: ["WUYE_HOME": home], memory: memory)
    }

    static func median(_ path: String, _ args: [String], home: String, runs: Int) throws -> Double {
        var ts: [Double] = []
        for _ in 0..<runs { ts.append(try time(path, args, home: home).0) }
        return Bench.median(ts)
    }

    /// A spreadsheet of `rows` complaints and repairs opened over the last month, most resolved.
    static func importFile(_ path: String, rows: Int, resolved: Bool = true) throws {
        var s = "kind,opened_at,site,unit,location,channel,category,text,emergency,complex,resolved_at\n"
        let now = realNow()
        for i in 0..<rows {
            let t = now - 86400 * 30 + Int64(i * 97 % (86400 * 28))
            let kind = i % 4 == 3 ? "repair" : "complaint"
            let channel = kind == "repair" ? "" : "hotline"
            let done = resolved && i % 5 != 0 ? ISOFormat.utc(t + 3600 * Int64(1 + i % 30)) : ""
            s += "\(kind),\(ISOFormat.utc(t)),jinxiu,3-1802,,\(channel),噪音,历史记录 \(i) 楼上噪音,no,no,\(done)\n"
        }
        try s.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A taskwarrior data folder with `pending` tasks; returns its rc file.
    static func taskStore(_ dir: String, _ task: String, pending: Int) throws -> String {
        let rc = try taskRC(dir)
        if !FileManager.default.fileExists(atPath: dir + "/data/pending.data") {
            _ = try Bench.runProcess(task, ["import", try taskJSON(dir, rows: pending)], env: ["TASKRC": rc])
        }
        return rc
    }

    /// One `task import` of `rows` tasks into an empty data folder, in milliseconds.
    static func taskImport(_ dir: String, _ task: String, rows: Int) throws -> Double {
        try? FileManager.default.removeItem(atPath: dir)
        let rc = try taskRC(dir)
        return try Bench.runProcess(task, ["import", try taskJSON(dir, rows: rows)], env: ["TASKRC": rc]).0
    }

    static func taskRC(_ dir: String) throws -> String {
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        let rc = dir + "/taskrc"
        try "data.location=\(dir)/data\nconfirmation=off\nverbose=nothing\nrecurrence=off\nhooks=off\n".write(
            toFile: rc, atomically: true, encoding: .utf8)
        return rc
    }

    static func taskJSON(_ dir: String, rows: Int) throws -> String {
        var json = "["
        for i in 0..<rows {
            json +=
                (i == 0 ? "" : ",")
                + "{\"uuid\":\"\(UUID().uuidString.lowercased())\",\"description\":\"complaint \(i)\",\"status\":\"pending\",\"entry\":\"20261101T000000Z\",\"due\":\"20261201T000000Z\"}"
        }
        json += "]"
        let path = dir + "/import.json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
