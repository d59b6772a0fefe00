import Foundation
import WuyeCore
import WuyeStore

/// `wuye watch`: follows the store and the clocks, records each notice once (several
/// watchers may run against one store: the notice's key is unique, and a delivery is
/// claimed by one watcher at a time), and delivers it, retrying with back-off. A watcher
/// never holds up a command: it writes in short transactions of its own.
public final class Watcher {
    public let store: Store
    public let config: NotifyConfig
    /// Who records and delivers, in the journal (`watch:HOST:PID`).
    public let id: String
    private var dataVersion: Int64 = -1
    /// When the next clock crosses into due soon, breached or unacknowledged.
    public private(set) var nextMoment: Instant?
    /// What the last pass did, for the log and the tests.
    public private(set) var recorded: [Notice] = []
    public private(set) var delivered: [String] = []
    public private(set) var failed: [(key: String, error: String)] = []

    public init(store: Store, config: NotifyConfig, id: String) {
        self.store = store
        self.config = config
        self.id = id
    }

    /// Back-off after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min, then every hour.
    public static func retryDelay(attempt n: Int) -> Int64 {
        min(3600, 30 * Int64(pow(4.0, Double(max(0, n - 1)))))
    }

    /// One pass: notices due now are recorded (if the store changed or a moment came),
    /// and those due for delivery delivered. Returns when the next pass is wanted.
    @discardableResult
    public func pass(now: Instant) throws(WuyeError) -> Instant {
        recorded = []
        delivered = []
        failed = []
        let v = try store.dataVersion()
        // Idle: nothing committed elsewhere and nothing due — one PRAGMA, and back to sleep.
        if v == dataVersion, let wake, now < wake { return wake }
        if v != dataVersion || nextMoment.map({ $0 <= now }) ?? true {
            dataVersion = v
            recorded = try store.recordNotices(try due(now: now), actor: id, now: now)
        }
        try deliver(now: now)
        dataVersion = try store.dataVersion()
        var next = now + 60
        if let m = nextMoment { next = min(next, max(now + 1, m)) }
        if let r = try store.nextNoticeRetry() { next = min(next, max(now + 1, r)) }
        wake = next
        return next
    }

    /// When the next pass has something to do unless the store changes first.
    private var wake: Instant?

    /// Every notice the store's state calls for at `now` (recorded or not yet).
    func due(now: Instant) throws(WuyeError) -> [Notice] {
        let sites = try store.sites()
        let staff = try store.staffList()
        func supervisors(_ site: String) -> [String] {
            staff.filter { $0.active && $0.role == .supervisor && ($0.site == nil || $0.site == site) }.map(\.id)
        }
        func desk(_ site: String) -> [String] { staff.filter { $0.active && $0.role == .desk && $0.site == site }.map(\.id) }
        var out: [Notice] = []
        var moments: [Instant] = []
        var open: [Item] = []
        try store.forEachItem(kind: nil, filter: .open) { open.append($0) }
        for it in open {
            var breached = false
            for c in it.clocks where c.cycle == it.cycle && c.stoppedAt == nil && c.pausedAt == nil {
                let soon = c.startedAt + c.pausedTotal + Int64((c.dueSoonShare * Double(c.limit)).rounded(.up))
                // Only the moments a notice can come of: due soon when told so.
                let next = (config.rules.dueSoon ? [soon] : []) + [c.nominalDeadline + 1, c.nominalDeadline + config.rules.supervisorAfter]
                for m in next where m > now { moments.append(m) }
                if c.state(at: now) == .breached { breached = true }
            }
            // Who answered the breach, and whom it was handed to: from the item's own steps.
            var acknowledged = false
            var escalated: [String] = []
            if breached {
                for e in try store.events(subject: it.id) {
                    guard case .item(let step) = e.body else { continue }
                    if case .breachAcknowledged = step { acknowledged = true }
                    if case .escalated(let to, _) = step { escalated.append(to) }
                    if case .reopened = step {
                        acknowledged = false
                        escalated = []
                    }
                }
            }
            out += Notices.forItem(
                it, rules: config.rules, supervisors: supervisors(it.site), desk: desk(it.site), acknowledged: acknowledged,
                escalatedTo: escalated, now: now)
        }
        // Rounds of the last two hours that ended with nothing scanned.
        let standards = try store.standards()
        for s in sites {
            let today = s.zone.date(of: now)
            let scans = Dictionary(grouping: try store.scans(site: s.id, days: today.adding(days: -1)...today), by: \.round)
            for day in [today.adding(days: -1), today] {
                for r in Patrol.rounds(site: s, standards: standards, day: day) where r.end > now - 7200 {
                    if r.end > now {
                        moments.append(r.end)
                    } else if let n = Notices.forRound(r, scans: scans[r.id] ?? [], supervisors: supervisors(s.id), now: now) {
                        out.append(n)
                    }
                }
            }
        }
        for a in try store.actions(site: nil) where a.isOpen {
            if a.due >= now { moments.append(a.due + 1) }
            if let n = Notices.forAction(a, supervisors: supervisors(a.site), now: now) { out.append(n) }
        }
        nextMoment = moments.min()
        return out
    }

    /// Delivers what is due: each notice claimed first, so that one watcher sends it.
    func deliver(now: Instant) throws(WuyeError) {
        let zones = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0.zone) })
        for row in try store.noticesToDeliver(now: now) {
            let n = row.notice
            let zone = zones[n.site] ?? .utc
            if Notices.held(n, rules: config.rules, zone: zone, now: now) { continue }
            guard try store.claimNotice(n.key, by: id, now: now) else { continue }
            let outcome: Result<[String], Delivery.Failure>
            do throws(Delivery.Failure) {
                outcome = .success(try Delivery.deliver(n, config: config, zone: zone))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let channels):
                try store.noticeAttempted(
                    n.key, result: .delivered(key: n.key, channel: channels.isEmpty ? "none" : channels.joined(separator: "+")), actor: id,
                    now: now)
                delivered.append(n.key)
            case .failure(let error):
                let attempt = row.attempts + 1
                try store.noticeAttempted(
                    n.key,
                    result: .failed(
                        key: n.key, channel: error.channel, error: error.message, attempt: attempt,
                        retryAt: now + Watcher.retryDelay(attempt: attempt)), actor: id, now: now)
                failed.append((n.key, error.message))
            }
        }
    }
}
