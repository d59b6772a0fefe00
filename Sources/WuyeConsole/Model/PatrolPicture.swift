import WuyeCore

/// What the guard's patrol view shows, from the board in memory: the round being walked,
/// the other rounds under way, the next ones, and the checkpoints this shift left unscanned.
public struct PatrolPicture: Sendable {
    /// The round shown large: the one this guard is walking (their latest scan's, while it
    /// runs), else the first one under way that is not complete, else the first under way.
    public var current: DutyRow?
    /// Other rounds under way now (another route at the same hour).
    public var alsoRunning: [DutyRow] = []
    /// The next rounds to start, soonest first.
    public var next: [DutyRow] = []
    /// Rounds of this shift that ended incomplete or missed, with the checkpoints left.
    public var missed: [(round: DutyRow, left: [Checkpoint])] = []
    /// Rounds under way and late (not started ten minutes into their hour): flagged.
    public var late: [DutyRow] = []
    public var shiftStart: Instant

    /// The sites a person patrols: their own, or every site for company-wide staff.
    static func sites(_ b: Board, actor: Staff?, site: String?) -> Set<String> {
        if let s = actor?.site { return [s] }
        if let site { return [site] }
        return Set(b.sites.map(\.id))
    }

    public static func of(_ b: Board, actor: Staff?, site: String?, lastScan: Scan?, now: Instant) -> PatrolPicture {
        let sites = sites(b, actor: actor, site: site)
        let home = b.sites.first { sites.contains($0.id) }
        let shiftStart = home?.shiftStart(at: now) ?? now
        var p = PatrolPicture(shiftStart: shiftStart)
        let rounds = (b.earlierRounds + b.duties).filter { $0.round != nil && sites.contains($0.site) }
        let running = rounds.filter { $0.windowStart <= now && now < $0.windowEnd }
        func complete(_ r: DutyRow) -> Bool { r.round!.isComplete(r.scans) }
        // This guard's latest scan, from the board's scans (another terminal's count too).
        let mine = actor.map { a in rounds.flatMap(\.scans).filter { $0.actor == a.id }.max { $0.at < $1.at } } ?? nil
        let walking = [lastScan, mine].compactMap { $0 }.max { $0.at < $1.at }
        p.current =
            running.first { r in r.id == walking?.round && !complete(r) } ?? running.first { !complete($0) } ?? running.first
        p.alsoRunning = running.filter { $0.id != p.current?.id }
        p.late = running.filter { $0.round!.state(at: now, scans: $0.scans) == .late }
        p.next = Array(rounds.filter { $0.windowStart > now }.sorted { ($0.windowStart, $0.id) < ($1.windowStart, $1.id) }.prefix(4))
        for r in rounds where r.windowEnd > shiftStart && r.windowEnd <= now && !complete(r) {
            let done = Set(r.scans.map(\.code))
            p.missed.append((r, r.round!.route.checkpoints.filter { !done.contains($0.code) }))
        }
        p.missed.sort { ($0.round.windowStart, $0.round.id) > ($1.round.windowStart, $1.round.id) }
        return p
    }

    /// Checkpoints left unscanned in this shift's ended rounds.
    public var missedCheckpoints: Int { missed.reduce(0) { $0 + $1.left.count } }
}
