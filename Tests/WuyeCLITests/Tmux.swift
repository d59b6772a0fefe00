import Foundation
import WuyeTestSupport

/// The real `wuye` binary in a detached tmux session of a fixed size, read back with
/// `capture-pane`. Every wait polls the screen with a deadline; none is a bare sleep.
final class Tmux {
    let name: String
    let cli: CLI

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    init(cli: CLI, width: Int = 100, height: Int = 30, args: [String] = [], as actor: String? = "desk-li", extraEnv: [String: String] = [:])
        throws
    {
        self.cli = cli
        name = "wuye-test-\(UUID().uuidString.prefix(8))"
        guard let bin = CLI.binary else { throw TmuxError.message("the wuye binary is not built") }
        var env = ["LANG": "C.UTF-8", "WUYE_HOME": cli.home, "SWIFT_BACKTRACE": "interactive=no"]
        if let actor { env["WUYE_AS"] = actor }
        if let now = cli.now { env["WUYE_NOW"] = now }
        for (k, v) in extraEnv { env[k] = v }
        let assignments = env.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        // After wuye ends, the shell prints its exit status and whether echo is back on.
        let command =
            "env \(assignments) \(bin) \(args.joined(separator: " ")); echo \"EXIT=$?\"; stty -a | grep -o -- '-\\?echo ' | head -1; sleep 60"
        try Tmux.run(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command])
    }

    deinit { _ = try? Tmux.run(["kill-session", "-t", name]) }

    enum TmuxError: Error { case message(String) }

    /// Runs a tmux command. Only commands whose output is read get a pipe: the first
    /// command starts the tmux server, which would hold an inherited pipe open for ever.
    @discardableResult
    static func run(_ args: [String], output: Bool = false) throws -> String {
        guard output else {
            try Child("/usr/bin/tmux", args, capture: false).wait()
            return ""
        }
        return try Child.run("/usr/bin/tmux", args).1
    }

    func screen() throws -> String { try Tmux.run(["capture-pane", "-p", "-t", name], output: true) }

    func keys(_ k: String...) throws { try Tmux.run(["send-keys", "-t", name] + k) }

    /// Types text as it is (Chinese included), not as key names.
    func type(_ text: String) throws { try Tmux.run(["send-keys", "-t", name, "-l", text]) }

    func resize(_ w: Int, _ h: Int) throws { try Tmux.run(["resize-window", "-t", name, "-x", String(w), "-y", String(h)]) }

    /// Polls the screen until `ok` holds, for at most `seconds`.
    @discardableResult
    func waitFor(_ seconds: Double = 10, _ ok: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if ok(last) { return last }
            usleep(20_000)
        }
        throw TmuxError.message("timed out; the screen was:\n\(last)")
    }

    @discardableResult func waitFor(_ text: String, _ seconds: Double = 10) throws -> String { try waitFor(seconds) { $0.contains(text) } }

    var pid: Int32? {
        let shell = ((try? Tmux.run(["list-panes", "-t", name, "-F", "#{pane_pid}"], output: true)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // wuye runs under `env` under the pane's shell: find the child named wuye.
        guard let shellPid = Int32(shell) else { return nil }
        return Tmux.descendant(of: shellPid, named: "wuye")
    }

    static func descendant(of pid: Int32, named: String) -> Int32? {
        guard let children = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else { return nil }
        for c in children.split(separator: " ").compactMap({ Int32($0) }) {
            let comm = (try? String(contentsOfFile: "/proc/\(c)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            if comm == named { return c }
            if let d = descendant(of: c, named: named) { return d }
        }
        return nil
    }
}
