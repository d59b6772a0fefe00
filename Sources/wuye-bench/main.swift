import Foundation
import WuyeCore
import WuyeStore

// wuye-bench: builds its own data sets and prints one line per figure
// (name, size, median, unit). Run it as `swift run -c release wuye-bench`.
//
// `wuye-bench writer --home DIR --count N` is a helper for the crash and concurrency
// tests: it opens N complaints, one commit each, and prints each id only after commit.
// `wuye-bench dataset --home DIR --open N --closed M` builds a store of that shape.

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
        let store = try Store.open(home: home)
        for i in 0..<count {
            let o = ItemOpened(
                kind: .complaint, site: "jinxiu", unit: "3-1802", channel: .hotline, category: "bench",
                text: "\(tag) \(i)", limits: ClockLimits())
            let item = try store.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow())
            // Acknowledged only now, after the commit returned.
            print("\(item.id) \(tag) \(i)")
            fflush(nil)
        }
    } catch {
        FileHandle.standardError.write(Data("writer: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "dataset" {
    guard let home = option("--home"), let open = option("--open").flatMap(Int.init), let closed = option("--closed").flatMap(Int.init)
    else {
        FileHandle.standardError.write(Data("usage: wuye-bench dataset --home DIR --open N --closed M\n".utf8))
        exit(2)
    }
    do {
        try Bench.dataset(home, open: open, closed: closed)
        try Store.open(home: home).checkpoint()
        print("built \(home): \(open) open and \(closed) closed complaints")
    } catch {
        FileHandle.standardError.write(Data("dataset: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

Bench.run(only: args.first)
