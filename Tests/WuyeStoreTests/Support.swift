import Foundation
import WuyeCore
import WuyeStore
import WuyeTestSupport

/// A fresh data folder in the temporary directory, removed when the test ends.
final class TempHome {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "wuye-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var file: String { path + "/wuye.sqlite" }
}

/// The project's executables, built beside the test bundle.
enum Binaries {
    static func path(_ name: String) -> String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let p = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let p = root.appendingPathComponent(".build/debug/\(name)").path
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }
}

let realNow = Instant(seconds: Int64(Date().timeIntervalSince1970))

func demoStore(_ home: TempHome, now: Instant = realNow) throws -> Store {
    try Demo.create(home: home.path, now: now)
    return try Store.open(home: home.path)
}

func opened(_ text: String = "电梯异响", unit: String = "3-1802", emergency: Bool = false, complex: Bool = false) -> ItemCommand {
    .open(
        ItemOpened(
            kind: .complaint, site: "jinxiu", unit: unit, channel: .hotline, category: "噪音", text: text, emergency: emergency,
            complex: complex, limits: ClockLimits()))
}

/// A random stream of steps by every role, some back-dated, most refused: returns
/// how many were accepted.
func randomHistory(_ store: Store, seed: UInt64, each: (Int, Instant) throws -> Void = { _, _ in }) throws -> Int {
    var rng = SeededRandom(seed: seed)
    var now = realNow
    let verbs: [(String) -> ItemCommand] = [
        { _ in .respond(note: nil) }, { _ in .resolve(note: "处理完毕") }, { _ in .callback(rating: 4, note: nil) },
        { _ in .close(note: nil) }, { _ in .pause(reason: "等待业主") }, { _ in .resume(note: nil) },
        { _ in .reopen(reason: "复发") }, { _ in .progress(note: nil) }, { _ in .acknowledge(note: nil) },
        { _ in .answer(note: nil) }, { _ in .void(reason: "重复") },
        { _ in .edit(field: "text", value: "更正 \u{1B}[31m", reason: "笔误") },
        { _ in .reclassify(emergency: true, complex: nil, reason: "升级") },
    ]
    let actors = ["desk-li", "tech-zhang", "guard-wang", "sup-huang"]
    let staff = try store.staffList()
    let verbs2 =
        verbs + [
            { _ in .callback(rating: 2, note: nil) },
            { _ in .assign(to: staff.first { $0.id == "tech-zhang" }, note: nil) },
            { _ in .assign(to: staff.first { $0.id == "desk-li" }, note: nil) },
        ]
    var accepted = 0
    for step in 0..<1200 {
        now = now + Int64(rng.next(in: 1...4000))
        try each(step, now)
        if step % 5 == 0 {
            _ = try? store.perform(
                opened(complex: rng.next(in: 0...1) == 1), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: now)
            continue
        }
        let kind = ["C", "R", "E"][rng.next(in: 0...2)]
        let id = "\(kind)-\(rng.next(in: 1...12))"
        let verb = verbs2[rng.next(in: 0..<verbs2.count)](id)
        let back = Int64(rng.next(in: 0...1) == 1 ? rng.next(in: 0...1200) : 0)
        if (try? store.perform(verb, on: id, actor: actors[rng.next(in: 0..<actors.count)], at: now - back, now: now)) != nil {
            accepted += 1
        }
    }
    return accepted
}
