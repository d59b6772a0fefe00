import Foundation
import WuyeCore
import WuyeStore

/// `wuye watch` as it runs: from a clock's crossing to the e-mail in a local SMTP sink
/// (msmtp into Python's aiosmtpd), and the watcher's CPU while nothing happens.
enum AlertBench {
    static func run(_ scratch: String) throws {
        guard let wuye = Bench.siblingBinary("wuye") else {
            print("(wuye is not built beside wuye-bench: run swift build -c release first; alert figures skipped)")
            return
        }
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp"),
            FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd")
        else {
            print("(msmtp or python3-aiosmtpd not installed: apt-get install -y msmtp python3-aiosmtpd; alert figures skipped)")
            return
        }
        let home = scratch + "/alerts"
        try? FileManager.default.removeItem(atPath: home)
        try Demo.create(home: home, now: realNow() - 3600)
        let mail = home + "/mail"
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(atPath: mail + "/" + sub, withIntermediateDirectories: true)
        }
        let port = 30_000 + Int(getpid() % 20_000)
        let sink = Process()
        sink.executableURL = URL(fileURLWithPath: python)
        sink.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", mail]
        sink.standardOutput = FileHandle.nullDevice
        sink.standardError = FileHandle.nullDevice
        try sink.run()
        defer { kill(sink.processIdentifier, SIGKILL) }
        try "account default\nhost 127.0.0.1\nport \(port)\nfrom wuye@example.com\nauth off\ntls off\n".write(
            toFile: home + "/msmtprc", atomically: true, encoding: .utf8)
        chmod(home + "/msmtprc", 0o600)
        try """
        [email]
        sendmail = "/usr/bin/msmtp -C \(home)/msmtprc"
        [addresses]
        "desk-li" = "li@example.com"
        "desk-zhao" = "zhao@example.com"
        [ladder]
        due_soon = false
        supervisor_after_minutes = 600
        """.write(toFile: home + "/notify.toml", atomically: true, encoding: .utf8)
        let store = try Store.open(home: home)
        let watch = Process()
        watch.executableURL = URL(fileURLWithPath: wuye)
        watch.arguments = ["watch"]
        watch.environment = ["WUYE_HOME": home, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        watch.standardOutput = FileHandle.nullDevice
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        defer {
            watch.terminate()
            watch.waitUntilExit()
        }
        // Let the first pass notice the demo's old breaches and mail them.
        usleep(3_000_000)
        var latencies: [Double] = []
        for i in 0..<5 {
            // A complaint whose 30-minute response clock crosses its deadline in 3 s.
            let now = realNow()
            let opened = now - 30 * 60 + 3
            let o = ItemOpened(
                kind: .complaint, site: "jinxiu", unit: "3-1802", channel: .hotline, category: "噪音", text: "夜间噪音 \(i)",
                limits: ClockLimits())
            let it = try store.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: opened, now: now)
            let crossing = Date(timeIntervalSince1970: Double(opened.seconds + 30 * 60 + 1))
            let marker = "X-Wuye-Notice: \(it.id)/1/response/breached"
            var arrived: Date?
            let deadline = Date().addingTimeInterval(20)
            while arrived == nil && Date() < deadline {
                for f in (try? FileManager.default.contentsOfDirectory(atPath: mail + "/new")) ?? [] {
                    if let text = try? String(contentsOfFile: mail + "/new/" + f, encoding: .utf8), text.contains(marker) {
                        arrived = Date()
                    }
                }
                if arrived == nil { usleep(20_000) }
            }
            if let arrived { latencies.append(arrived.timeIntervalSince(crossing) * 1000) }
        }
        Bench.report("alert: clock crossing → e-mail in sink", "msmtp, aiosmtpd", Bench.median(latencies), "ms")
        Bench.report("alert: the slowest of 5", "msmtp, aiosmtpd", latencies.max() ?? .nan, "ms")
        // Idle: nothing crosses for the next 20 s (the demo's next moments are minutes away).
        func cpu() -> Double {
            guard let stat = try? String(contentsOfFile: "/proc/\(watch.processIdentifier)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return .nan }
            let f = stat[stat.index(after: close)...].split(separator: " ")
            return (Double(f[11]) ?? 0) + (Double(f[12]) ?? 0)
        }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let before = cpu()
        usleep(20_000_000)
        let used = (cpu() - before) / hz
        Bench.report("alert: watcher idle CPU", "20 s, demo store", used / 20 * 100, "%")
    }
}
