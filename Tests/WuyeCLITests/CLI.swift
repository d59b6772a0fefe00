import Foundation
import WuyeCore
import WuyeTestSupport

/// Runs the real `wuye` binary in a data folder of its own.
final class CLI {
    let home: String
    var now: String?

    init() {
        home = NSTemporaryDirectory() + "wuye-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: home) }

    static let binary: String? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let p = dir.appendingPathComponent("wuye").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
        var firstErrorLine: String { err.split(separator: "\n").first.map(String.init) ?? "" }
    }

    @discardableResult
    func run(_ args: [String], as actor: String? = "desk-li", env extra: [String: String] = [:], stdin: String? = nil) throws -> Result {
        guard let bin = CLI.binary else { throw WuyeError.notFound("the wuye binary is not built") }
        var env = ProcessInfo.processInfo.environment
        env["WUYE_HOME"] = home
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "WUYE_AS")
        env.removeValue(forKey: "WUYE_NOW")
        if let actor { env["WUYE_AS"] = actor }
        if let now { env["WUYE_NOW"] = now }
        for (k, v) in extra { env[k] = v }
        var input: String?
        if let stdin {
            input = home + "/.stdin-\(UUID().uuidString)"
            try stdin.write(toFile: input!, atomically: true, encoding: .utf8)
        }
        defer { if let input { try? FileManager.default.removeItem(atPath: input) } }
        let (status, out, err) = try Child.run(bin, args, env: env, stdinFile: input)
        return Result(status: status, out: out, err: err)
    }

    func json(_ args: [String]) throws -> Any {
        let r = try run(args)
        guard r.status == 0 else { throw WuyeError.badInput("wuye \(args.joined(separator: " ")) failed: \(r.err)") }
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8))
    }

    /// The journal's length: what a refused command must not change.
    func eventCount() throws -> Int {
        ((try json(["log", "--json"])) as? [Any])?.count ?? -1
    }
}
