import Foundation
import Testing
import WuyeTestSupport

/// The e-mail channel: messages taken from a Maildir (as a mail server delivers them) or
/// JSON lines into the intake queue, once each, then opened as items or discarded.
@Suite("Intake: the e-mail channel", .serialized)
struct IntakeTests {
    /// Messages written by Python's own e-mail library, as a mail program would: UTF-8 in
    /// quoted-printable, GBK in base64 labelled GB2312 (with 镕, a GBK-only character), a
    /// GB18030 subject with an attachment, an HTML-only message, a repeat of the first
    /// message's Message-ID, and an empty file.
    static let generator = #"""
        import sys, os
        from email.mime.text import MIMEText
        from email.mime.multipart import MIMEMultipart
        from email.mime.application import MIMEApplication
        from email.header import Header
        from email.utils import formataddr
        from email import charset
        d = sys.argv[1]
        def put(name, msg):
            open(os.path.join(d, 'new', name), 'wb').write(msg if isinstance(msg, bytes) else msg.as_bytes())
        qp = charset.Charset('utf-8'); qp.body_encoding = charset.QP
        m = MIMEText('', 'plain'); m.set_payload('楼上每晚十一点后拖动家具，影响休息。\n请尽快处理。', qp)
        m['Subject'] = Header('噪音投诉 3-1802', 'utf-8'); m['From'] = formataddr((str(Header('王芳', 'utf-8')), 'wang.fang@example.com'))
        m['Date'] = 'Sun, 29 Nov 2026 09:15:00 +0800'; m['Message-ID'] = '<a1@example.com>'
        put('1700000001.M1P1.mail', m)
        m = MIMEText('', 'plain'); m.set_payload('车库B2层漏水严重，已经三天了。镕'.encode('gbk'), 'gbk')
        m.replace_header('Content-Type', 'text/plain; charset="gb2312"')
        m['Subject'] = Header('地下车库漏水', 'gb2312'); m['From'] = 'li@example.cn'
        m['Date'] = 'Sun, 29 Nov 2026 08:00:00 +0800'; m['Message-ID'] = '<b2@example.cn>'
        put('1700000002.M2P1.mail', m)
        mm = MIMEMultipart(); mm['Subject'] = Header('电梯故障（附照片）', 'gb18030'); mm['From'] = 'zhao@example.com'
        mm['Date'] = 'Sun, 29 Nov 2026 07:30:00 +0800'; mm['Message-ID'] = '<c3@example.com>'
        mm.attach(MIMEText('2号楼电梯按钮失灵。', 'plain', 'utf-8'))
        a = MIMEApplication(b'\x89PNG' + b'0' * 5000, 'png'); a.add_header('Content-Disposition', 'attachment', filename=('utf-8', '', '电梯.png'))
        mm.attach(a)
        put('1700000003.M3P1.mail', mm)
        m = MIMEText('again', 'plain', 'utf-8'); m['Subject'] = 'again'; m['From'] = 'x@example.com'; m['Message-ID'] = '<a1@example.com>'
        put('1700000004.M4P1.mail', m)
        h = MIMEText('<html><body><p>门禁卡&nbsp;无法使用</p><p>请回电 &amp; 处理</p></body></html>', 'html', 'utf-8')
        h['Subject'] = '门禁'; h['From'] = 'h@example.com'; h['Message-ID'] = '<e5@example.com>'
        put('1700000005.M5P1.mail', h)
        put('1700000006.M6P1.mail', b'')
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
        for i in range(n):
            m = MIMEText('第%d封：%s' % (i, '水管漏水，' * 20), 'plain', 'utf-8')
            m['Subject'] = Header('报修 %d' % i, 'utf-8'); m['From'] = 'owner%d@example.com' % i
            m['Message-ID'] = '<bulk%d@example.com>' % (i - i % 7 if i % 10 == 3 else i)
            put('18%08d.M%dP2.mail' % (i, i), m)
        """#

    func maildir(_ cli: CLI, extra: Int = 0) throws -> String {
        let dir = cli.home + "/Maildir"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        try IntakeTests.generator.write(toFile: cli.home + "/gen.py", atomically: true, encoding: .utf8)
        let (status, _, err) = try Child.run("/usr/bin/env", ["python3", cli.home + "/gen.py", dir, String(extra)])
        #expect(status == 0, "\(err)")
        return dir
    }

    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    func names(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    @Test func gMimeIsLoadedOnlyToReadMail() throws {
        // Linked in, GMime and the fifteen libraries under it were loaded and relocated at
        // every command's start (3 ms); the parser now loads it for the first message.
        let binary = try #require(CLI.binary)
        let (status, out, _) = try Child.run("/usr/bin/ldd", [binary])
        #expect(status == 0)
        #expect(!out.contains("libgmime"), "\(out)")
        #expect(!out.contains("libglib"), "\(out)")
    }

    @Test func aMaildirIsTakenInOnceWhateverItsCharsetsAndEncodings() throws {
        let cli = try demo()
        let dir = try maildir(cli)
        let r = try cli.run(["intake", "maildir", dir, "--site", "jinxiu", "--json"], as: nil)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("1700000006.M6P1.mail left in new/: the message is empty"))
        let taken = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [[String: Any]]
        #expect(taken.map { $0["id"] as! String } == ["IN-1", "IN-2", "IN-3", "IN-4"])
        let byKey = Dictionary(uniqueKeysWithValues: taken.map { ($0["key"] as! String, $0) })
        let noise = try #require(byKey["mid:a1@example.com"])
        #expect(noise["subject"] as? String == "噪音投诉 3-1802")
        #expect(noise["name"] as? String == "王芳" && noise["from"] as? String == "wang.fang@example.com")
        #expect(noise["text"] as? String == "楼上每晚十一点后拖动家具，影响休息。\n请尽快处理。")
        #expect(noise["date"] as? String == "2026-11-29T09:15:00+08:00" && noise["channel"] as? String == "email")
        let gbk = try #require(byKey["mid:b2@example.cn"])
        #expect(gbk["subject"] as? String == "地下车库漏水")
        #expect(gbk["text"] as? String == "车库B2层漏水严重，已经三天了。镕")
        let lift = try #require(byKey["mid:c3@example.com"])
        #expect(lift["subject"] as? String == "电梯故障（附照片）" && lift["text"] as? String == "2号楼电梯按钮失灵。")
        let files = lift["attachments"] as! [[String: Any]]
        #expect(files.count == 1 && files[0]["name"] as? String == "电梯.png" && files[0]["bytes"] as? Int == 5004)
        #expect(byKey["mid:e5@example.com"]?["text"] as? String == "门禁卡 无法使用\n请回电 & 处理")
        // Each message moved to cur/ once taken; the repeat too (it was in the queue); the empty file stays.
        #expect(names(dir + "/new") == ["1700000006.M6P1.mail"])
        #expect(names(dir + "/cur").count == 5 && names(dir + "/cur").allSatisfy { $0.hasSuffix(":2,S") })
        // A message delivered again (a server's retry) is not taken twice.
        try FileManager.default.copyItem(atPath: dir + "/cur/1700000002.M2P1.mail:2,S", toPath: dir + "/new/1700000009.M9P1.mail")
        let again = try cli.run(["intake", "maildir", dir, "--site", "jinxiu"], as: nil)
        #expect(again.status == 0 && again.out.contains("0 taken in, 1 taken before"), "\(again.out)")
        #expect((try cli.json(["intake", "list", "--json"]) as! [Any]).count == 4)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aMaildirKilledMidwayLosesNothingAndTakesNothingTwice() throws {
        let cli = try demo()
        let dir = try maildir(cli, extra: 3000)
        guard let bin = CLI.binary else { return }
        let env = ["WUYE_HOME": cli.home, "WUYE_NOW": "2026-11-29T14:25:00+08:00", "LANG": "C.UTF-8"]
        // Killed as soon as some messages have reached cur/ and others wait in new/.
        let child = try Child(bin, ["intake", "maildir", dir, "--site", "jinxiu"], env: env, capture: false)
        var killedMidway = false
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if names(dir + "/cur").count >= 60 {
                kill(child.pid, SIGKILL)
                killedMidway = true
                break
            }
            usleep(2_000)
        }
        _ = child.wait()
        #expect(killedMidway, "the intake finished before it could be killed")
        #expect(names(dir + "/new").count > 1, "killed too late to leave messages behind")
        let r = try cli.run(["intake", "maildir", dir, "--site", "jinxiu"], as: nil)
        #expect(r.status == 0, "\(r.err)")
        #expect(names(dir + "/new") == ["1700000006.M6P1.mail"])
        let all = try cli.json(["intake", "list", "--all", "--json"]) as! [[String: Any]]
        let keys = all.map { $0["key"] as! String }
        #expect(keys.count == Set(keys).count, "a message taken twice")
        // Every distinct Message-ID of the folder is in the queue: 4 of the first six, and
        // the bulk messages' distinct ids.
        let bulk = Set((0..<3000).map { i in i % 10 == 3 ? i - i % 7 : i })
        #expect(keys.count == 4 + bulk.count)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aMessageOpensAsAnItemThatKeepsTheOriginal() throws {
        let cli = try demo()
        let dir = try maildir(cli)
        #expect(try cli.run(["intake", "maildir", dir, "--site", "jinxiu"], as: nil).status == 0)
        let before = try cli.eventCount()
        // Refused, and nothing written: a guard, an unknown message, an unknown kind.
        let guardTry = try cli.run(["intake", "open", "IN-1", "--kind", "complaint", "--category", "noise"], as: "guard-wang")
        #expect(guardTry.status == 1 && guardTry.firstErrorLine.contains("a guard cannot handle the intake queue"))
        #expect(try cli.run(["intake", "open", "IN-99", "--kind", "complaint", "--category", "noise"]).status == 3)
        #expect(try cli.run(["intake", "open", "IN-1", "--kind", "memo", "--category", "noise"]).status == 2)
        #expect(try cli.eventCount() == before)
        let r = try cli.run(["intake", "open", "in-1", "--kind", "complaint", "--category", "noise", "--unit", "3-1802"])
        #expect(r.status == 0, "\(r.err)")
        let id = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try cli.json(["complaint", "show", id, "--json"]) as! [String: Any]
        let item = shown["item"] as! [String: Any]
        #expect(item["channel"] as? String == "email" && item["source"] as? String == "IN-1")
        #expect(item["owner"] as? String == "王芳 <wang.fang@example.com>")
        #expect(item["opened_at"] as? String == "2026-11-29T09:15:00+08:00")  // received at the message's date
        #expect((item["text"] as? String)?.hasPrefix("噪音投诉 3-1802 — 楼上每晚十一点后") == true)
        let original = shown["original"] as! [String: Any]
        #expect(original["text"] as? String == "楼上每晚十一点后拖动家具，影响休息。\n请尽快处理。")
        #expect((original["headers"] as? String)?.contains("Message-ID: <a1@example.com>") == true)
        let types = (shown["timeline"] as! [[String: Any]]).map { $0["type"] as! String }
        #expect(types.prefix(3) == ["intake.received", "item.opened", "intake.opened"])
        let text = try cli.run(["complaint", "show", id])
        #expect(text.out.contains("original message") && text.out.contains("请尽快处理。"))
        // Opened once: again is refused; discarded with a reason; the list shows what is left.
        let twice = try cli.run(["intake", "open", "IN-1", "--kind", "complaint", "--category", "noise"])
        #expect(twice.status == 1 && twice.firstErrorLine.contains("IN-1 was opened as \(id) already"))
        #expect(try cli.run(["intake", "discard", "IN-4", "--reason", "已电话联系"]).status == 0)
        #expect(try cli.run(["intake", "discard", "IN-3", "--reason", " "]).status == 2)
        let waiting = (try cli.json(["intake", "list", "--json"]) as! [[String: Any]]).map { $0["id"] as! String }
        #expect(waiting == ["IN-2", "IN-3"])
        let page = (try cli.json(["intake", "list", "--all", "--json", "--limit", "2", "--after", "IN-1"]) as! [[String: Any]])
        #expect(page.map { $0["id"] as! String } == ["IN-2", "IN-3"])
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func jsonLinesFromAnyGatewayAreTakenAllOrNone() throws {
        let cli = try demo()
        let before = try cli.eventCount()
        let bad = try cli.run(
            ["intake", "json", "--site", "jinxiu"], as: nil,
            env: [:], stdin: "{\"id\":\"wx-1\",\"phone\":\"13800000000\",\"text\":\"5号楼门口积水\"}\n{\"text\": 5}\n")
        #expect(bad.status == 2 && bad.firstErrorLine.contains("line 2"), "\(bad.err)")
        #expect(try cli.eventCount() == before)
        let lines = """
            {"id":"wx-1","channel":"wechat","name":"陈先生","phone":"13800000000","text":"5号楼门口积水","date":"2026-11-29 14:00"}
            {"id":"wx-1","channel":"wechat","name":"陈先生","phone":"13800000000","text":"5号楼门口积水"}
            {"email":"a@example.com","subject":"停车费","text":"请问停车费怎么交？"}
            """
        let r = try cli.run(["intake", "json", "--site", "jinxiu"], as: nil, stdin: lines)
        #expect(r.status == 0 && r.out.contains("2 taken in, 1 taken before"), "\(r.out) \(r.err)")
        let list = try cli.json(["intake", "list", "--json"]) as! [[String: Any]]
        #expect(list.count == 2 && list[0]["channel"] as? String == "wechat" && list[0]["date"] as? String == "2026-11-29T14:00:00+08:00")
        let e = try cli.run(["intake", "open", "IN-2", "--kind", "enquiry", "--category", "parking"])
        #expect(e.status == 0 && e.out.hasPrefix("E-"), "\(e.err)")
    }

    @Test func theWatcherTakesMailInAsItArrives() throws {
        let cli = try demo()
        let dir = try maildir(cli)
        try "[[intake]]\nmaildir = \"\(dir)\"\nsite = \"jinxiu\"\n".write(
            toFile: cli.home + "/notify.toml", atomically: true, encoding: .utf8)
        let r = try cli.run(["watch", "--once"], as: nil)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("took in IN-1") && r.out.contains("took in IN-4"))
        #expect((try cli.json(["intake", "list", "--json"]) as! [Any]).count == 4)
        try "[[intake]]\nsite = \"jinxiu\"\n".write(toFile: cli.home + "/notify.toml", atomically: true, encoding: .utf8)
        let bad = try cli.run(["watch", "--once"], as: nil)
        #expect(bad.status == 2 && bad.firstErrorLine.contains("every [[intake]] needs a maildir"))
    }
}

/// The desk at the real binary in tmux: mail taken in elsewhere shows as "New messages",
/// and is opened as a complaint from the console.
@Suite(
    "New messages in a real terminal", .serialized, .enabled(if: Tmux.available, "tmux is not installed: apt-get install -y tmux"))
struct IntakeTerminalTests {
    @Test(.timeLimit(.minutes(1)))
    func mailThatArrivesShowsAndIsOpenedAsAComplaint() throws {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        let t = try Tmux(cli: cli, width: 110, height: 32, as: "desk-li")
        try t.waitFor("Open complaints & enquiries")
        #expect(!(try t.screen()).contains("New messages"))
        let dir = try IntakeTests().maildir(cli)
        #expect(try cli.run(["intake", "maildir", dir, "--site", "jinxiu"], as: nil).status == 0)
        try t.waitFor("New messages (4)")
        try t.keys("M")
        try t.waitFor { $0.contains("IN-1") && $0.contains("楼上每晚十一点后拖动家具") }
        try t.keys("Enter")
        try t.keys("c")
        try t.waitFor("New complaint · IN-1")
        try t.type("3-1802")
        try t.keys("Tab")
        try t.type("噪音")
        try t.keys("C-s")
        let saved = try t.waitFor { $0.contains("saved: C-") }
        #expect(saved.contains("New messages (3)"))
        let list = try cli.json(["complaint", "list", "--json"]) as! [[String: Any]]
        let item = try #require(list.first { $0["source"] as? String == "IN-1" })
        #expect(item["channel"] as? String == "email" && item["unit"] as? String == "3-1802")
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }
}
