import Foundation
import WuyeCore

/// The notify file (`notify.toml` in the data folder, or `wuye watch --notify FILE`): how
/// notices reach people — e-mail through the system's `sendmail`, command hooks that get
/// the notice as JSON — the addresses of staff and departments, and the escalation ladder.
public struct NotifyConfig: Sendable, Equatable {
    public struct Hook: Sendable, Equatable {
        /// Run with `/bin/sh -c`; the notice arrives as JSON on standard input.
        public var command: String
        /// Only these kinds (all when empty).
        public var kinds: Set<Notice.Kind> = []
    }

    /// The sendmail command (run with `-t -i`: recipients from the headers, e.g.
    /// `/usr/sbin/sendmail` or `msmtp -C /etc/wuye/msmtprc`); nil: no e-mail.
    public var sendmail: String?
    public var from = "wuye@localhost"
    public var hooks: [Hook] = []
    /// Staff ids and department ids → e-mail addresses.
    public var addresses: [String: String] = [:]
    public var rules = NoticeRules()
    /// How long a delivery command may take before it is stopped and counted as failed.
    public var timeout: Double = 30
    /// Maildirs the watcher takes owners' messages from (`[[intake]]`), each for a site.
    public var intake: [IntakeSource] = []

    public struct IntakeSource: Sendable, Equatable {
        public var maildir: String
        public var site: String?
    }

    public init() {}

    public static func parse(_ text: String, file: String) throws(WuyeError) -> NotifyConfig {
        var c = NotifyConfig()
        do throws(WuyeError) {
            var r = try TOMLReader.parse(text, file: file)
            if var e = try r.table("email") {
                c.sendmail = try e.string("sendmail") ?? "/usr/sbin/sendmail"
                if let f = try e.string("from") { c.from = f }
                try e.rejectUnknown()
            }
            for var h in try r.tables("hooks") {
                guard let command = try h.string("command"), !command.trimmingSpaces.isEmpty else {
                    throw WuyeError.badInput("\(file): every [[hooks]] needs a command")
                }
                var hook = Hook(command: command)
                for k in try h.strings("kinds") ?? [] {
                    guard let kind = Notice.Kind(rawValue: k) else {
                        throw WuyeError.badInput(
                            "\(file): \(h.at("kinds")): unknown kind \(k); kinds are \(Notice.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    hook.kinds.insert(kind)
                }
                try h.rejectUnknown()
                c.hooks.append(hook)
            }
            for var t in try r.tables("intake") {
                guard let dir = try t.string("maildir"), !dir.trimmingSpaces.isEmpty else {
                    throw WuyeError.badInput("\(file): every [[intake]] needs a maildir (the folder holding new/ and cur/)")
                }
                c.intake.append(IntakeSource(maildir: dir, site: try t.string("site")))
                try t.rejectUnknown()
            }
            if var a = try r.table("addresses") {
                for key in a.table.keys {
                    guard let v = try a.string(key), v.contains("@") else {
                        throw WuyeError.badInput("\(file): \(a.at(key)): addresses.\(key) must be an e-mail address")
                    }
                    c.addresses[key] = v
                }
            }
            if var l = try r.table("ladder") {
                if let m = try l.int("supervisor_after_minutes", range: 1...10_080) { c.rules.supervisorAfter = m * 60 }
                if let q = try l.string("quiet_hours") {
                    guard let w = DayWindow.parse(q) ?? DayWindow.parseAcrossMidnight(q) else {
                        throw WuyeError.badInput(
                            "\(file): \(l.at("quiet_hours")): quiet_hours '\(q)' is not HH:MM-HH:MM, e.g. \"22:00-07:00\"")
                    }
                    c.rules.quiet = w
                }
                if let d = try l.bool("due_soon") { c.rules.dueSoon = d }
                try l.rejectUnknown()
            }
            if let t = try r.int("timeout_seconds", range: 1...600) { c.timeout = Double(t) }
            try r.rejectUnknown()
        } catch {
            throw error.message.hasPrefix(file) ? error : WuyeError(error.kind, "\(file): \(error.message)")
        }
        if c.sendmail == nil && c.hooks.isEmpty && c.intake.isEmpty {
            throw .badInput("\(file) delivers nothing: give [email] (sendmail) or [[hooks]], or [[intake]] to take in mail")
        }
        return c
    }
}

extension DayWindow {
    /// `22:00-07:00`: a window that runs past midnight (its end is before its start).
    static func parseAcrossMidnight(_ s: String) -> DayWindow? {
        let p = s.split(separator: "-")
        guard p.count == 2, let a = Site.clock(String(p[0])), let b = Site.clock(String(p[1])) else { return nil }
        return DayWindow(start: a.hour * 3600 + a.minute * 60, end: b.hour * 3600 + b.minute * 60)
    }
}
