import Foundation
import Testing
import WuyeTestSupport

/// Getting Wuye onto a machine — completions and the help the man pages are made from —
/// and the command line's messages in the user's language.
@Suite("Installing, and messages in Chinese", .serialized)
struct InstallAndLocaleTests {
    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    @Test func messagesFollowAChineseLocaleAndChangeNothingElse() throws {
        let cli = try demo()
        let zh = ["LANG": "zh_CN.UTF-8"]
        let role = try cli.run(["complaint", "respond", "C-1"], as: "guard-wang", env: zh)
        #expect(role.status == 1)
        #expect(role.firstErrorLine == "wuye: 保安不能对投诉执行“响应”；客服、主管或被派单的维修工可以")
        let state = try cli.run(["complaint", "respond", "E-2"], env: zh)
        #expect(state.firstErrorLine.contains("E-2 是咨询，不是投诉"), "\(state.err)")
        #expect(try cli.run(["complaint", "show", "C-99"], env: zh).firstErrorLine == "wuye: 没有事项 C-99")
        let usage = try cli.run(["complaint", "open", "--site", "jinxiu"], env: zh)
        #expect(usage.status == 2 && usage.firstErrorLine.hasPrefix("wuye: 缺少参数 '--channel <channel>'；见 'wuye complaint open --help'"))
        let saved = try cli.run(["complaint", "respond", "C-1", "--note", "已派工程部"], env: zh)
        #expect(saved.status == 0 && saved.out.hasPrefix("已保存：C-1 状态为“已响应”"), "\(saved.out)")
        // A file's error keeps its place; a duty's refusal, a confirmation and a store's
        // state are said in Chinese as well.
        let file = cli.home + "/standards.toml"
        try "[clocks]\ncomplaint_respnse = \"2h\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try cli.run(["standards", "load", file], as: "sup-huang", env: zh)
        #expect(
            bad.status == 2 && bad.firstErrorLine.contains("line 2, column 1: 未知的键 clocks.complaint_respnse；可用的键见 docs/configuration.md"),
            "\(bad.err)")
        let again = try cli.run(["init", "--demo"], env: zh)
        #expect(again.firstErrorLine.contains("中已有数据库；演示数据须放在空的数据文件夹中（用 --home）"), "\(again.err)")
        let ack = try cli.run(["breach", "ack", "C-1", "--note", "x"], as: "guard-wang", env: zh)
        #expect(ack.status == 1 && ack.firstErrorLine == "wuye: 保安不能对投诉执行“确认超时”；主管可以", "\(ack.err)")
        // LC_ALL wins over LANG, as in every program; English is the default.
        let en = try cli.run(["complaint", "show", "C-99"], env: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"])
        #expect(en.firstErrorLine == "wuye: no item C-99")
        // JSON is the same in every language.
        let a = try cli.run(["complaint", "list", "--json"], env: zh).out
        let b = try cli.run(["complaint", "list", "--json"]).out
        #expect(a == b && !a.isEmpty)
    }

    @Test func completionsAndTheHelpTheManPagesAreMadeFrom() throws {
        let cli = CLI()
        for shell in ["bash", "zsh", "fish"] {
            let r = try cli.run(["--generate-completion-script", shell], as: nil)
            #expect(r.status == 0 && r.out.contains("intake") && r.out.contains("complaint"), "\(shell): \(r.err)")
        }
        // What Argument Parser's manual generator reads: every command and its help.
        let r = try cli.run(["--experimental-dump-help"], as: nil)
        #expect(r.status == 0)
        let info = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let command = info["command"] as! [String: Any]
        let names = (command["subcommands"] as! [[String: Any]]).map { $0["commandName"] as! String }
        for n in ["complaint", "repair", "intake", "watch", "report", "patrol"] { #expect(names.contains(n), "\(n)") }
        // The install script is there and says what it does.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/install.sh").path
        #expect(FileManager.default.isExecutableFile(atPath: script))
        let (status, _, err) = try Child.run("/bin/bash", ["-n", script])
        #expect(status == 0, "\(err)")
    }
}
