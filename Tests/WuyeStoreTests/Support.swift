import Foundation
import WuyeCore
import WuyeStore

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
