import Foundation
import Testing
import WuyeTestSupport

/// `wuye watch`: notices recorded once and delivered — to a hook, and by e-mail through
/// msmtp into a local SMTP sink (Python's aiosmtpd) — retried, and never sent twice.
@Suite("Alerts beyond the screen", .serialized)
struct AlertTests {
    func demo(_ notify: String) throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        try notify.replacingOccurrences(of: "HOME", with: cli.home).write(
            toFile: cli.home + "/notify.toml", atomically: true, encoding: .utf8)
        return cli
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aHookReceivesEachNoticeOnceAsJSON() throws {
        let cli = try demo("[[hooks]]\ncommand = \"cat >> HOME/hook.jsonl\"\n[ladder]\nsupervisor_after_minutes = 30\n")
        let r = try cli.run(["watch", "--once"])
        #expect(r.status == 0, "\(r.err)")
        let sent = lines(cli.home + "/hook.jsonl").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let keys = sent.map { $0["key"] as! String }
        #expect(keys.contains("C-2/1/response/breached"))
        #expect(keys.contains("C-1/1/response/due_soon"))
        // R-6's breach is older than the ladder's 30 minutes and nobody answered it: up to the supervisor.
        let up = try #require(sent.first { $0["key"] as? String == "R-6/1/acknowledge/unacknowledged" })
        #expect(up["to"] as? [String] == ["sup-huang"] && up["kind"] as? String == "unacknowledged")
        // An unassigned item's breach goes to the site's desk.
        let unassigned = try #require(sent.first { $0["key"] as? String == "R-2/1/acknowledge/breached" })
        #expect((unassigned["to"] as? [String] ?? []).contains("desk-li"))
        #expect(unassigned["emergency"] as? Bool == true)
        // Again: nothing new, nothing sent twice.
        #expect(try cli.run(["watch", "--once"]).status == 0)
        #expect(lines(cli.home + "/hook.jsonl").count == keys.count)
        let list = try cli.json(["notice", "list", "--json"]) as! [[String: Any]]
        #expect(list.count == keys.count && list.allSatisfy { $0["state"] as? String == "delivered" })
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func acknowledgingABreachStopsItsLadderAndAnEscalationIsNoticed() throws {
        let cli = try demo("[[hooks]]\ncommand = \"cat >> HOME/hook.jsonl\"\n[ladder]\nsupervisor_after_minutes = 60\n")
        // R-2 breached at 14:00; acknowledged at 14:25, before the ladder's hour is up.
        #expect(try cli.run(["breach", "ack", "R-2", "--note", "已派人"], as: "sup-huang").status == 0)
        #expect(try cli.run(["breach", "escalate", "R-2", "--to", "tech-sun", "--note", "请处理"], as: "sup-huang").status == 0)
        cli.now = "2026-11-29T15:30:00+08:00"
        _ = try cli.run(["watch", "--once"])
        let keys = lines(cli.home + "/hook.jsonl").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["key"] as! String
        }
        #expect(!keys.contains("R-2/1/acknowledge/unacknowledged"))
        #expect(keys.contains("R-3/1/on_site/unacknowledged"))  // nobody answered R-3's
        #expect(keys.contains("R-2/1/escalated/0"))
    }

    @Test func twoWatchersAgainstOneStoreSendEachNoticeOnce() throws {
        let cli = try demo("[[hooks]]\ncommand = \"cat >> HOME/hook.jsonl\"\n")
        guard let bin = CLI.binary else { return }
        // Four rounds of two watchers started together, the clock moving a minute each time.
        for minute in 0..<4 {
            let now = "2026-11-29T14:\(30 + minute):00+08:00"
            let env = ["WUYE_HOME": cli.home, "WUYE_NOW": now, "LANG": "C.UTF-8"]
            let a = try Child(bin, ["watch", "--once"], env: env, capture: false)
            let b = try Child(bin, ["watch", "--once"], env: env, capture: false)
            #expect(a.wait() == 0 && b.wait() == 0)
        }
        let keys = lines(cli.home + "/hook.jsonl").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["key"] as! String
        }
        #expect(!keys.isEmpty)
        #expect(keys.count == Set(keys).count, "sent twice: \(keys.sorted())")
        // C-1 crossed into breached at 14:31: exactly one notice of it.
        #expect(keys.filter { $0 == "C-1/1/response/breached" }.count == 1)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aFailedDeliveryIsRetriedWithBackOffUntilItSucceeds() throws {
        // The hook fails its first three calls for C-2's breach, then succeeds.
        let script = """
            [[hooks]]
            command = "n=$(cat HOME/tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > HOME/tries; [ $n -gt 3 ] || { echo 'gateway down' >&2; exit 1; }; cat >> HOME/hook.jsonl"
            kinds = ["breached"]
            [ladder]
            due_soon = false
            supervisor_after_minutes = 600
            """
        let cli = try demo(script)
        // Only C-2's breach first: every other breach was noticed before this test's watcher.
        var times = ["2026-11-29T14:25:00+08:00", "2026-11-29T14:25:31+08:00", "2026-11-29T14:27:32+08:00", "2026-11-29T14:35:40+08:00"]
        var states: [String] = []
        while !times.isEmpty {
            cli.now = times.removeFirst()
            _ = try cli.run(["watch", "--once"])
            let c2 = (try cli.json(["notice", "list", "--json"]) as! [[String: Any]]).first {
                $0["key"] as? String == "C-2/1/response/breached"
            }
            states.append("\(c2?["state"] as? String ?? "?") \(c2?["attempts"] as? Int ?? -1)")
        }
        // Tries run through every breach each pass; what counts is that C-2's went through in the end.
        #expect(states.last?.hasPrefix("delivered") == true, "\(states)")
        let failed = try cli.json(["notice", "list", "--json"]) as! [[String: Any]]
        #expect(failed.allSatisfy { $0["state"] as? String == "delivered" })
        let log = (try cli.json(["log", "--json"]) as! [[String: Any]]).compactMap { $0["type"] as? String }
        #expect(log.filter { $0 == "notice.failed" }.count == 3)
        #expect(lines(cli.home + "/hook.jsonl").filter { $0.contains("C-2/1/response/breached") }.count == 1)
    }

    @Test func anEmailReachesTheSinkThroughMsmtp() throws {
        let python = "/usr/bin/python3"
        let msmtp = "/usr/bin/msmtp"
        guard FileManager.default.isExecutableFile(atPath: msmtp),
            (try? Child.run(python, ["-c", "import aiosmtpd"]).0) == 0
        else {
            print("msmtp or aiosmtpd is not installed (apt-get install -y msmtp python3-aiosmtpd): no e-mail was sent")
            return
        }
        let port = 20_000 + Int(getpid() % 20_000)
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        let mail = cli.home + "/mail"
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(atPath: mail + "/" + sub, withIntermediateDirectories: true)
        }
        let sink = try Child(
            python, ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", mail], capture: false)
        // aiosmtpd's loop outlives a SIGTERM: it is stopped for good.
        defer {
            kill(sink.pid, SIGKILL)
            _ = sink.wait()
        }
        try "account default\nhost 127.0.0.1\nport \(port)\nfrom wuye@example.com\nauth off\ntls off\n".write(
            toFile: cli.home + "/msmtprc", atomically: true, encoding: .utf8)
        chmod(cli.home + "/msmtprc", 0o600)
        try """
        [email]
        sendmail = "\(msmtp) -C \(cli.home)/msmtprc"
        from = "wuye@example.com"
        [addresses]
        "tech-zhang" = "zhang@example.com"
        [ladder]
        due_soon = false
        supervisor_after_minutes = 600
        """.write(toFile: cli.home + "/notify.toml", atomically: true, encoding: .utf8)
        // Wait for the sink to listen.
        let deadline = Date().addingTimeInterval(10)
        var up = false
        while Date() < deadline && !up {
            up = (try? Child.run(python, ["-c", "import socket; socket.create_connection(('127.0.0.1', \(port)), 1)"]).0) == 0
            if !up { usleep(100_000) }
        }
        #expect(up)
        let r = try cli.run(["watch", "--once"])
        #expect(r.status == 0, "\(r.err)")
        // C-2 (楼上漏水) is tech-zhang's: its breach is mailed to him, in Chinese.
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: mail))?.filter { $0.hasPrefix("new/") } ?? []
        let messages = files.compactMap { try? String(contentsOfFile: mail + "/" + $0, encoding: .utf8) }
        let c2 = messages.first { $0.contains("X-Wuye-Notice: C-2/1/response/breached") }
        #expect(c2 != nil, "\(messages.count) messages")
        #expect(c2?.contains("To: zhang@example.com") == true)
        #expect(c2?.contains("楼上漏水到客厅") == true)
        let subject = "=?UTF-8?B?" + Data("[紧急] [Wuye] C-2 complaint response breached".utf8).base64EncodedString() + "?="
        #expect(c2?.contains(subject) == true)
    }

    @Test func aNotifyFileThatCannotWorkIsRefusedWithItsLine() throws {
        let cli = try demo("[[hooks]]\ncommand = \"true\"\n")
        for (text, says) in [
            ("[email]\nsendmail = \"/usr/sbin/sendmail\"\nform = \"x@y\"\n", "unknown key email.form"),
            ("[[hooks]]\ncommand = \"true\"\nkinds = [\"breach\"]\n", "unknown kind breach"),
            ("[[hooks]]\ncommand = \"true\"\n[addresses]\n\"desk-li\" = \"nobody\"\n", "must be an e-mail address"),
            ("[[hooks]]\ncommand = \"true\"\n[ladder]\nquiet_hours = \"late\"\n", "is not HH:MM-HH:MM"),
            ("[ladder]\nsupervisor_after_minutes = 10\n", "delivers nothing"),
        ] {
            try text.write(toFile: cli.home + "/notify.toml", atomically: true, encoding: .utf8)
            let before = try cli.eventCount()
            let r = try cli.run(["watch", "--once"])
            #expect(r.status == 2, "\(text)")
            #expect(r.firstErrorLine.contains(says), "\(r.firstErrorLine)")
            #expect(try cli.eventCount() == before)
        }
        try FileManager.default.removeItem(atPath: cli.home + "/notify.toml")
        #expect(try cli.run(["watch", "--once"]).firstErrorLine.contains("no notify file"))
    }

    /// Quiet hours hold everything but emergencies until they end.
    @Test func quietHoursHoldAllButEmergencies() throws {
        let cli = try demo("[[hooks]]\ncommand = \"cat >> HOME/hook.jsonl\"\n[ladder]\nquiet_hours = \"22:00-07:00\"\ndue_soon = false\n")
        cli.now = "2026-11-29T23:30:00+08:00"
        _ = try cli.run(["watch", "--once"])
        let night = lines(cli.home + "/hook.jsonl").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]) }
        #expect(!night.isEmpty && night.allSatisfy { $0["emergency"] as? Bool == true }, "\(night)")
        cli.now = "2026-11-30T07:00:30+08:00"
        _ = try cli.run(["watch", "--once"])
        let morning = lines(cli.home + "/hook.jsonl").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]) }
        #expect(morning.contains { $0["emergency"] as? Bool == false })
        let keys = morning.map { $0["key"] as! String }
        #expect(keys.count == Set(keys).count)
    }
}
