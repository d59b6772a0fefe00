import Foundation
import WuyeCore
import WuyeStore

/// Taking owners' messages into the intake queue from a Maildir (the company's mail
/// server delivers to it) or from JSON lines (any other gateway).
///
/// A Maildir's `new/` holds messages not yet seen. Each is parsed, committed to the queue,
/// and only then moved to `cur/` (marked seen, `:2,S`). A run killed between the commit
/// and the move leaves the message in `new/`; the next run finds its Message-ID in the
/// queue and only moves it. So nothing is lost and nothing is taken twice.
public struct MaildirIntake {
    public let store: Store
    public let site: String
    public let actor: String
    /// Messages committed per transaction.
    public var chunk = 50

    public init(store: Store, site: String, actor: String) {
        self.store = store
        self.site = site
        self.actor = actor
    }

    public struct Summary: Sendable {
        public var taken: [IntakeEntry] = []
        /// Messages found in the queue already (moved to `cur/` now).
        public var already = 0
        /// Files that are not messages, with the reason; left in `new/`.
        public var unreadable: [(file: String, reason: String)] = []
    }

    /// Refuses a folder that is not a Maildir, saying what it lacks.
    public static func check(_ dir: String) throws(WuyeError) {
        var isDir: ObjCBool = false
        for sub in ["new", "cur"] {
            let p = (dir as NSString).appendingPathComponent(sub)
            if !FileManager.default.fileExists(atPath: p, isDirectory: &isDir) || !isDir.boolValue {
                throw .badInput("\(dir) is not a Maildir: it has no \(sub)/ folder (a Maildir holds tmp/, new/ and cur/)")
            }
        }
    }

    /// Whether `new/` holds anything (skipping dot files): the watcher's quick look.
    /// `skipping`: names already found unreadable (the watcher does not read them again).
    public static func hasNew(_ dir: String, skipping: Set<String> = []) -> Bool {
        guard let d = opendir((dir as NSString).appendingPathComponent("new")) else { return false }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.isEmpty && !name.hasPrefix(".") && !skipping.contains(name) { return true }
        }
        return false
    }

    public func run(_ dir: String, skipping: Set<String> = [], now: () -> Instant) throws(WuyeError) -> Summary {
        try Self.check(dir)
        let new = (dir as NSString).appendingPathComponent("new")
        let cur = (dir as NSString).appendingPathComponent("cur")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).filter {
            !$0.hasPrefix(".") && !skipping.contains($0)
        }
        .sorted()
        var summary = Summary()
        for start in stride(from: 0, to: names.count, by: chunk) {
            var files: [(name: String, key: String)] = []
            var entries: [IntakeEntry] = []
            for name in names[start..<min(start + chunk, names.count)] {
                let path = (new as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else { continue }  // gone: another run took it
                do {
                    let m = try MailMessage.parse(data)
                    let key = m.messageID.map { "mid:" + $0 } ?? "sha256:" + Digest.sha256Hex(data)
                    entries.append(
                        IntakeEntry(
                            site: site, channel: .email, gateway: "maildir", key: key, fromAddress: m.fromAddress, fromName: m.fromName,
                            subject: m.subject, date: m.date, received: now(), text: m.text, headers: m.headers,
                            attachments: m.attachments))
                    files.append((name, key))
                } catch {
                    summary.unreadable.append((name, error.message))
                }
            }
            let result = try store.takeIn(entries, actor: actor, now: now())
            summary.taken += result.taken
            summary.already += files.count - result.taken.count
            // Committed: now each message may leave new/.
            for f in files {
                let target = (cur as NSString).appendingPathComponent(f.name.contains(":2,") ? f.name : f.name + ":2,S")
                if rename((new as NSString).appendingPathComponent(f.name), target) != 0 && errno != ENOENT {
                    throw .storeUnusable(
                        "\(f.name) was taken in but cannot be moved to \(cur): \(String(cString: strerror(errno))); it will not be taken again"
                    )
                }
            }
        }
        return summary
    }
}

/// `wuye intake json`: one JSON object per line, from any gateway (a WeChat official
/// account's server, a web form): all lines are taken or none.
public enum JSONIntake {
    struct Line: Decodable {
        var id: String?
        var message_id: String?
        var site: String?
        var channel: String?
        var from: String?
        var email: String?
        var name: String?
        var phone: String?
        var subject: String?
        var text: String?
        var date: String?
        var attachments: [Attachment]?
        struct Attachment: Decodable {
            var name: String
            var type: String?
            var bytes: Int64?
        }
    }

    /// The entries the lines describe; a bad line is refused by its number.
    public static func parse(_ text: String, site defaultSite: String?, zoneOf: (String) -> Zone?, now: Instant) throws(WuyeError)
        -> [IntakeEntry]
    {
        var out: [IntakeEntry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let where_ = "line \(n + 1)"
            let v: Line
            do { v = try JSONDecoder().decode(Line.self, from: Data(line.utf8)) } catch {
                throw .badInput("\(where_): not a JSON object with text fields (\(Self.reason(error)))")
            }
            guard let site = v.site ?? defaultSite else {
                throw .badInput("\(where_): say which site it is for (\"site\" in the line, or --site)")
            }
            guard let zone = zoneOf(site) else { throw .notFound("\(where_): unknown site \(site); see 'wuye site list'") }
            let text = (v.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty && (v.subject ?? "").isEmpty { throw .badInput("\(where_): the message has no text (\"text\")") }
            var channel = Channel.email
            if let c = v.channel {
                guard let ch = Channel(rawValue: c.lowercased()) else {
                    throw .badInput(
                        "\(where_): channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")), got \(c)")
                }
                channel = ch
            }
            var date: Instant?
            if let d = v.date {
                guard let t = TimeInput.parse(d, zone: zone, now: now) else {
                    throw .badInput("\(where_): date \(d) is not a time (ISO 8601 with an offset, or YYYY-MM-DD HH:MM)")
                }
                date = t
            }
            let address = v.email ?? v.from
            if v.phone == nil && address == nil && v.name == nil {
                throw .badInput("\(where_): say who sent it (\"email\", \"phone\" or \"name\")")
            }
            let key = (v.message_id ?? v.id).map { "id:" + $0 } ?? "sha256:" + Digest.sha256Hex(Data(line.utf8))
            out.append(
                IntakeEntry(
                    site: site, channel: channel, gateway: "json", key: key, fromAddress: address, fromName: v.name, phone: v.phone,
                    subject: v.subject, date: date, received: now, text: text,
                    attachments: (v.attachments ?? []).map { IntakeAttachment(name: $0.name, type: $0.type ?? "", bytes: $0.bytes ?? 0) }))
        }
        return out
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "\(c.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case DecodingError.dataCorrupted: "the line is not valid JSON"
        default: "the line is not valid JSON"
        }
    }
}
