import Foundation
import WuyeCore

/// Carrying a notice to people: an e-mail through the system's `sendmail` (postfix, exim
/// or msmtp — no SMTP client here), and each command hook with the notice as JSON on its
/// standard input. A command that fails, or runs past the timeout, is a failed delivery.
public enum Delivery {
    public struct Failure: Error, Sendable {
        public var channel: String
        public var message: String
    }

    /// The notice as a hook receives it.
    public static func json(_ n: Notice, zone: Zone) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("key", n.key)
        w.field("kind", n.kind.rawValue)
        w.field("subject", n.subject)
        w.field("site", n.site)
        w.key("to")
        w.beginArray()
        for t in n.to { w.string(t) }
        w.endArray()
        w.field("title", n.title)
        w.field("text", n.text)
        w.field("emergency", n.emergency)
        w.key("at")
        w.instant(n.at, zone: zone)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// An RFC 5322 message in UTF-8 (the subject encoded as RFC 2047 asks).
    public static func email(_ n: Notice, from: String, to: [String], zone: Zone) -> String {
        let subject = (n.emergency ? "[紧急] " : "") + "[Wuye] " + n.title
        let encoded = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        return """
            From: \(from)\r
            To: \(to.joined(separator: ", "))\r
            Subject: \(encoded)\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 8bit\r
            X-Wuye-Notice: \(n.key)\r
            \r
            \(n.title)\r
            \(n.text)\r
            \r
            \(n.site) · \(ISOFormat.string(n.at, in: zone))\r

            """
    }

    /// Delivers by every channel that applies; throws the first that failed.
    public static func deliver(_ n: Notice, config: NotifyConfig, zone: Zone) throws(Failure) -> [String] {
        var used: [String] = []
        if let sendmail = config.sendmail {
            let to = Array(Set(n.to.compactMap { config.addresses[$0] })).sorted()
            if !to.isEmpty {
                // The sendmail command as configured (it may carry options: `msmtp -C FILE`),
                // reading the recipients from the headers.
                try run(
                    "/bin/sh", ["-c", sendmail + " -t -i"], input: email(n, from: config.from, to: to, zone: zone), env: [:],
                    timeout: config.timeout, channel: "email")
                used.append("email")
            }
        }
        for h in config.hooks where h.kinds.isEmpty || h.kinds.contains(n.kind) {
            try run(
                "/bin/sh", ["-c", h.command], input: json(n, zone: zone) + "\n",
                env: ["WUYE_NOTICE_KEY": n.key, "WUYE_NOTICE_KIND": n.kind.rawValue], timeout: config.timeout, channel: "hook")
            used.append("hook")
        }
        return used
    }

    static func run(_ path: String, _ args: [String], input: String, env: [String: String], timeout: Double, channel: String)
        throws(Failure)
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let stdin = Pipe()
        let stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = FileHandle.nullDevice
        p.standardError = stderr
        do { try p.run() } catch {
            throw Failure(channel: channel, message: "cannot run \(path): \(error.localizedDescription)")
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            throw Failure(channel: channel, message: "\(path) took longer than \(Int(timeout)) s and was stopped")
        }
        let said =
            String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? ""
        guard p.terminationStatus == 0 else {
            throw Failure(
                channel: channel,
                message:
                    "the \(channel == "hook" ? "hook" : "sendmail command") exited \(p.terminationStatus)\(said.isEmpty ? "" : ": " + said)"
            )
        }
    }
}
