import GRDB
import WuyeCore

/// An item's projection row: indexed columns for what is queried, and a compact text form
/// of its clocks and limits that decodes quickly when thousands of open items are listed.
enum ItemRow {
    static let columns = """
        id, kind, site, unit, location, channel, category, text, owner, phone, emergency, complex, status, \
        paused, pause_reason, pause_count, cycle, assignee, opened_at, resolved_at, closed_at, rating, \
        void_reason, source, last_at, limits, clocks
        """

    static func upsert(_ db: Database, _ it: Item, seq: Int64) throws {
        let number = ItemID(it.id)?.number ?? 0
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO items (id, kind, num, site, unit, location, channel, category, text, owner, phone,
                    emergency, complex, status, paused, pause_reason, pause_count, cycle, assignee, opened_at,
                    resolved_at, closed_at, rating, void_reason, source, last_at, is_open, next_deadline, limits,
                    clocks, last_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                it.id, it.kind.rawValue, number, it.site, it.unit, it.location, it.channel?.rawValue, it.category,
                it.text, it.owner, it.phone, it.emergency, it.complex, it.status.rawValue, it.paused, it.pauseReason,
                it.pauseCount, it.cycle, it.assignee, it.openedAt.seconds, it.resolvedAt?.seconds,
                it.closedAt?.seconds, it.rating, it.voidReason, it.source, it.lastAt.seconds, it.isOpen,
                it.nextDeadline?.seconds, encodeLimits(it.limits), encodeClocks(it.clocks), seq,
            ])
        try db.execute(sql: "DELETE FROM clocks WHERE item_id = ?", arguments: [it.id])
        let void = it.status == .void
        for (n, c) in it.clocks.enumerated() {
            let outcome: String? = c.isStopped ? c.state(at: c.stoppedAt!).rawValue : nil
            try db.execute(
                sql: """
                    INSERT INTO clocks (item_id, n, kind, item_kind, site, cycle, started_at, deadline, stopped_at,
                        outcome, backdated, void) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    it.id, n, c.kind.rawValue, it.kind.rawValue, it.site, c.cycle, c.startedAt.seconds,
                    c.nominalDeadline.seconds, c.stoppedAt?.seconds, outcome, c.backdated, void,
                ])
        }
    }

    static func decode(_ row: Row) throws -> Item {
        func instant(_ i: Int) -> Instant? { (row[i] as Int64?).map { Instant(seconds: $0) } }
        let id: String = row[0]
        guard let kind = ItemKind(rawValue: row[1]), let status = ItemStatus(rawValue: row[12]),
            let limits = decodeLimits(row[25]), let clocks = decodeClocks(row[26])
        else { throw WuyeError.storeUnusable("the row of \(id) is damaged; run wuye check") }
        return Item(
            id: id, kind: kind, site: row[2], unit: row[3], location: row[4],
            channel: (row[5] as String?).flatMap(Channel.init(rawValue:)), category: row[6], text: row[7],
            owner: row[8], phone: row[9], emergency: row[10], complex: row[11], status: status, paused: row[13],
            pauseReason: row[14], pauseCount: row[15], cycle: row[16], assignee: row[17],
            openedAt: Instant(seconds: row[18]), resolvedAt: instant(19), closedAt: instant(20), rating: row[21],
            voidReason: row[22], source: row[23], lastAt: Instant(seconds: row[24]), limits: limits, clocks: clocks)
    }

    static func encodeLimits(_ l: ClockLimits) -> String {
        [
            String(l.dueSoonShare), String(l.backdateGrace), String(l.complaintResponse),
            String(l.complaintResponseEmergency), String(l.complaintResult), String(l.complaintProgress),
            String(l.complaintCallback), String(l.enquiryAnswer), String(l.repairAcknowledge),
            String(l.repairAcknowledgeEmergency), String(l.repairOnSite), String(l.repairResolution),
        ].joined(separator: ",")
    }

    static func decodeLimits(_ s: String) -> ClockLimits? {
        let p = s.split(separator: ",")
        guard p.count == 12, let share = Double(p[0]) else { return nil }
        var n: [Int64] = []
        for x in p.dropFirst() {
            guard let v = Int64(x) else { return nil }
            n.append(v)
        }
        var l = ClockLimits()
        l.dueSoonShare = share
        l.backdateGrace = n[0]
        l.complaintResponse = n[1]
        l.complaintResponseEmergency = n[2]
        l.complaintResult = n[3]
        l.complaintProgress = n[4]
        l.complaintCallback = n[5]
        l.enquiryAnswer = n[6]
        l.repairAcknowledge = n[7]
        l.repairAcknowledgeEmergency = n[8]
        l.repairOnSite = n[9]
        l.repairResolution = n[10]
        return l
    }

    /// `kind cycle started limit share pausedAt pausedTotal stoppedAt flags`, space-separated,
    /// one clock per `;`-separated entry; `-` for none.
    static func encodeClocks(_ clocks: [ItemClock]) -> String {
        clocks.map { c in
            let flags = (c.backdated ? 1 : 0) | (c.abandoned ? 2 : 0)
            return
                "\(c.kind.rawValue) \(c.cycle) \(c.startedAt.seconds) \(c.limit) \(c.dueSoonShare) \(c.pausedAt.map { String($0.seconds) } ?? "-") \(c.pausedTotal) \(c.stoppedAt.map { String($0.seconds) } ?? "-") \(flags)"
        }.joined(separator: ";")
    }

    static func decodeClocks(_ s: String) -> [ItemClock]? {
        if s.isEmpty { return [] }
        var out: [ItemClock] = []
        for entry in s.split(separator: ";") {
            let p = entry.split(separator: " ")
            guard p.count == 9, let kind = ClockKind(rawValue: String(p[0])), let cycle = Int(p[1]),
                let start = Int64(p[2]), let limit = Int64(p[3]), let share = Double(p[4]),
                let pausedTotal = Int64(p[6]), let flags = Int(p[8])
            else { return nil }
            var c = ItemClock(kind: kind, cycle: cycle, startedAt: Instant(seconds: start), limit: limit, dueSoonShare: share)
            c.pausedAt = Int64(p[5]).map { Instant(seconds: $0) }
            c.pausedTotal = pausedTotal
            c.stoppedAt = Int64(p[7]).map { Instant(seconds: $0) }
            c.backdated = flags & 1 != 0
            c.abandoned = flags & 2 != 0
            out.append(c)
        }
        return out
    }
}
