/// Alerts beyond the screen: at each moment that matters a notice is recorded once (its
/// key is unique in the store) and delivered by `wuye watch` — by e-mail through the
/// system's `sendmail`, or to a command hook.
public struct Notice: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case dueSoon = "due_soon"
        case breached
        /// A breach nobody acknowledged for the ladder's minutes: up to the supervisor.
        case unacknowledged
        case escalated
        case roundMissed = "round_missed"
        case actionOverdue = "action_overdue"
    }

    /// Unique in the store: the same moment is never noticed twice.
    public var key: String
    public var kind: Kind
    /// The item, round or corrective action it is about.
    public var subject: String
    public var site: String
    /// Staff ids and department ids it goes to.
    public var to: [String]
    public var title: String
    public var text: String
    public var emergency: Bool
    /// The moment that matters (the deadline crossed, the round's end …).
    public var at: Instant

    public init(
        key: String, kind: Kind, subject: String, site: String, to: [String], title: String, text: String, emergency: Bool, at: Instant
    ) {
        self.key = key
        self.kind = kind
        self.subject = subject
        self.site = site
        self.to = to
        self.title = title
        self.text = text
        self.emergency = emergency
        self.at = at
    }
}

/// What the journal says of notices: recorded once, then delivered or failed (each
/// attempt, with when to try again).
public enum NoticeEvent: Codable, Sendable, Equatable {
    case recorded(Notice)
    case delivered(key: String, channel: String)
    case failed(key: String, channel: String, error: String, attempt: Int, retryAt: Instant?)

    public var name: String {
        switch self {
        case .recorded: "notice.recorded"
        case .delivered: "notice.delivered"
        case .failed: "notice.failed"
        }
    }
}

/// Who is told what, and when: from the notify file.
public struct NoticeRules: Sendable, Equatable {
    /// A breach unacknowledged this long goes up to the site's supervisor.
    public var supervisorAfter: Int64 = 30 * 60
    /// Quiet hours (local, `start < end` or across midnight): nothing but emergencies.
    public var quiet: DayWindow?
    public var dueSoon = true

    public init() {}
}

/// The moments that matter, decided from plain values: pure, like the rest of the domain.
public enum Notices {
    /// Notices due at `now` for the open items: a clock of the current cycle due soon or
    /// breached, a breach unacknowledged past the ladder's minutes, an escalation.
    /// `acknowledged` holds the items whose breach a supervisor answered (the ladder stops).
    public static func forItem(
        _ it: Item, rules: NoticeRules, supervisors: [String], desk: [String], acknowledged: Bool, escalatedTo: [String], now: Instant
    ) -> [Notice] {
        guard it.isOpen else { return [] }
        var out: [Notice] = []
        // Its holder: the person and the department it was sent to; nobody yet: the desk.
        let assigned = [it.assignee, it.department].compactMap { $0 }
        let holder = assigned.isEmpty ? desk : assigned
        let place = it.unit ?? it.location ?? ""
        for c in it.clocks where c.cycle == it.cycle && c.stoppedAt == nil {
            let st = c.state(at: now)
            let base = "\(it.id)/\(it.cycle)/\(c.kind.rawValue)"
            let what = "\(it.id) \(it.kind.rawValue) \(c.kind.rawValue)"
            if st == .dueSoon, rules.dueSoon {
                out.append(
                    Notice(
                        key: base + "/due_soon", kind: .dueSoon, subject: it.id, site: it.site, to: holder,
                        title: "\(what) due soon (\(Countdown.format(c.remaining(at: now))) left)", text: "\(place) \(it.text)",
                        emergency: it.emergency, at: now))
            }
            if st == .breached {
                out.append(
                    Notice(
                        key: base + "/breached", kind: .breached, subject: it.id, site: it.site, to: holder,
                        title: "\(what) breached", text: "\(place) \(it.text)", emergency: it.emergency, at: c.nominalDeadline + 1))
                if !acknowledged, now - c.nominalDeadline >= rules.supervisorAfter {
                    out.append(
                        Notice(
                            key: base + "/unacknowledged", kind: .unacknowledged, subject: it.id, site: it.site, to: supervisors,
                            title: "\(what) breached and unacknowledged for \(Countdown.prose(now - c.nominalDeadline))",
                            text: "\(place) \(it.text); held by \(assigned.first ?? "nobody")", emergency: it.emergency,
                            at: c.nominalDeadline + rules.supervisorAfter))
                }
            }
        }
        for (i, who) in escalatedTo.enumerated() {
            out.append(
                Notice(
                    key: "\(it.id)/\(it.cycle)/escalated/\(i)", kind: .escalated, subject: it.id, site: it.site, to: [who],
                    title: "\(it.id) escalated to you", text: "\(place) \(it.text)", emergency: it.emergency, at: now))
        }
        return out
    }

    public static func forRound(_ r: PatrolRound, scans: [Scan], supervisors: [String], now: Instant) -> Notice? {
        guard r.state(at: now, scans: scans) == .missed else { return nil }
        return Notice(
            key: "\(r.id)/missed", kind: .roundMissed, subject: r.id, site: r.site, to: supervisors,
            title: "patrol round \(r.route.name) missed", text: "\(r.id): no checkpoint scanned", emergency: false, at: r.end)
    }

    public static func forAction(_ a: CorrectiveAction, supervisors: [String], now: Instant) -> Notice? {
        guard a.isOpen, a.state(at: now) == .breached else { return nil }
        return Notice(
            key: "\(a.id)/overdue", kind: .actionOverdue, subject: a.id, site: a.site, to: [a.owner] + supervisors,
            title: "corrective action \(a.id) overdue", text: a.title, emergency: false, at: a.due + 1)
    }

    /// Whether a notice waits for the quiet hours to end (emergencies never do).
    public static func held(_ n: Notice, rules: NoticeRules, zone: Zone, now: Instant) -> Bool {
        guard !n.emergency, let q = rules.quiet else { return false }
        let l = zone.local(now)
        let t = l.hour * 3600 + l.minute * 60 + l.second
        return q.start <= q.end ? (t >= q.start && t < q.end) : (t >= q.start || t < q.end)
    }
}
