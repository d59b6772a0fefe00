import Foundation
import GRDB
import WuyeCore

/// An item's projection row: indexed columns for what is queried, and a compact text form
/// of its clocks and limits that decodes quickly when thousands of open items are listed.
enum ItemRow {
    static let columns = """
        id, kind, site, unit, location, channel, category, text, owner, phone, emergency, complex, status, \
        paused, pause_reason, pause_count, cycle, assignee, opened_at, resolved_at, closed_at, rating, \
        void_reason, source, last_at, limits, clocks, department
        """

    /// Writes an item's row, its clock rows, its search entry and its change to the figure
    /// tallies (from `previous`, the item as its row held it; nil for a new row).
    /// Without `tallies` the tallies are left alone (the past's rows, whose tallies are
    /// written whole). `fresh` says the item has just been given its id, so it has no
    /// clock rows or search entry to replace yet.
    /// Without `search` its search entry is left for `ItemSearch.indexRows` (an import).
    static func upsert(
        _ db: Database, _ it: Item, zone: Zone, seq: Int64, previous: Item?, tallies: Bool = true, fresh: Bool = false,
        search: Bool = true
    ) throws {
        if tallies { try TallyRows.add(db, tallyChange(it, previous: previous, zone: zone)) }
        let number = ItemID(it.id)?.number ?? 0
        try db.run(
            """
            INSERT OR REPLACE INTO items (id, kind, num, site, unit, location, channel, category, text, owner, phone,
                emergency, complex, status, paused, pause_reason, pause_count, cycle, assignee, opened_at,
                resolved_at, closed_at, rating, void_reason, source, last_at, is_open, next_deadline, limits,
                clocks, json, last_seq, department)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ) { b in
            b.add(it.id); b.add(it.kind.rawValue); b.add(number); b.add(it.site); b.add(it.unit); b.add(it.location)
            b.add(it.channel?.rawValue); b.add(it.category); b.add(it.text); b.add(it.owner); b.add(it.phone)
            b.add(it.emergency); b.add(it.complex); b.add(it.status.rawValue); b.add(it.paused); b.add(it.pauseReason)
            b.add(it.pauseCount); b.add(it.cycle); b.add(it.assignee); b.add(it.openedAt.seconds)
            b.add(it.resolvedAt?.seconds); b.add(it.closedAt?.seconds); b.add(it.rating); b.add(it.voidReason)
            b.add(it.source); b.add(it.lastAt.seconds); b.add(it.isOpen); b.add(it.nextDeadline?.seconds)
            b.add(encodeLimits(it.limits)); b.add(encodeClocks(it.clocks)); b.add(ItemJSON.staticPrefix(it, zone: zone))
            b.add(seq); b.add(it.department)
        }
        if search { try ItemSearch.index(db, it, fresh: fresh) }
        if !fresh { try db.cachedStatement(sql: "DELETE FROM clocks WHERE item_id = ?").execute(arguments: [it.id]) }
        for row in clockRows(it) {
            try db.run("INSERT INTO clocks (\(clockColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") { b in
                for v in row { b.add(v) }
            }
        }
    }

    /// What writing `it` over `previous` (nil for a new item) changes in the figure tallies.
    static func tallyChange(_ it: Item, previous: Item?, zone: Zone) -> [Tallies.Key: Tallies.Count] {
        Tallies.change(from: previous.map { Tallies.of($0, zone: zone) } ?? [:], to: Tallies.of(it, zone: zone))
    }

    /// Writes every item's row again from its stored state (a migration that changes what
    /// a row holds), keeping each row's `last_seq`.
    static func rewriteAll(_ db: Database) throws {
        let zones = try Store.zones(db)
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns), last_seq FROM items")
        for row in rows {
            let it = try decode(row)
            try upsert(db, it, zone: zones[row[2]] ?? .utc, seq: row[28], previous: it)
        }
    }

    /// Renders a site's item rows again in a new zone (their JSON holds local offsets) and
    /// counts its tallies afresh (they hold local days). Rare: a zone is set once, or
    /// corrected once; the stored renderings keep every list fast the rest of the time.
    static func rezone(_ db: Database, site: String, zone: Zone) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns), last_seq FROM items WHERE site = ?", arguments: [site])
        var cache = LimitsCache()
        for row in rows {
            let it = try decode(row, cache: &cache)
            try db.cachedStatement(sql: "UPDATE items SET json = ? WHERE id = ?").execute(arguments: [
                Data(ItemJSON.staticPrefix(it, zone: zone)), it.id,
            ])
        }
        try TallyRows.rebuild(db, site: site)
        // Snapshots hold tallies by the old zone's days: the next write takes a whole one.
        try Snapshots.drop(db)
    }

    static let clockColumns = """
        item_id, n, kind, item_kind, site, cycle, started_at, deadline, stopped_at, outcome, backdated, void, paused, rating, imported
        """

    /// The `clocks` rows of an item, in `clockColumns` order: what is written, and what
    /// `check` expects to find.
    static func clockRows(_ it: Item) -> [[DatabaseValue]] {
        let void = it.status == .void
        return it.clocks.enumerated().map { n, c in
            let outcome: DatabaseValue = c.isStopped ? c.state(at: c.stoppedAt!).rawValue.databaseValue : .null
            return [
                it.id.databaseValue, n.databaseValue, c.kind.rawValue.databaseValue, it.kind.rawValue.databaseValue,
                it.site.databaseValue, c.cycle.databaseValue, c.startedAt.seconds.databaseValue,
                c.nominalDeadline.seconds.databaseValue, c.stoppedAt?.seconds.databaseValue ?? .null, outcome,
                c.backdated.databaseValue, void.databaseValue, c.isPaused.databaseValue, c.rating?.databaseValue ?? .null,
                (it.source?.hasPrefix("import:") ?? false).databaseValue,
            ]
        }
    }

    /// The indexed columns derived from an item (`num`, `is_open`, `next_deadline`).
    static func derived(_ it: Item) -> [DatabaseValue] {
        [(ItemID(it.id)?.number ?? 0).databaseValue, it.isOpen.databaseValue, it.nextDeadline?.seconds.databaseValue ?? .null]
    }

    /// Most items share the same limits text: decode each distinct one once.
    struct LimitsCache {
        var last: (String, ClockLimits)?
        mutating func get(_ s: String) -> ClockLimits? {
            if let l = last, l.0 == s { return l.1 }
            guard let v = ItemRow.decodeLimits(s) else { return nil }
            last = (s, v)
            return v
        }
    }

    static func decode(_ row: Row) throws -> Item {
        var cache = LimitsCache()
        return try decode(row, cache: &cache)
    }

    static func decode(_ row: Row, cache: inout LimitsCache) throws -> Item {
        func instant(_ i: Int) -> Instant? { (row[i] as Int64?).map { Instant(seconds: $0) } }
        let id: String = row[0]
        guard let kind = ItemKind(rawValue: row[1]), let status = ItemStatus(rawValue: row[12]),
            let limits = cache.get(row[25]), let clocks = decodeClocks(row[26])
        else { throw WuyeError.storeUnusable("the row of \(id) is damaged; run wuye check") }
        var it = Item(
            id: id, kind: kind, site: row[2], unit: row[3], location: row[4],
            channel: (row[5] as String?).flatMap(Channel.init(rawValue:)), category: row[6], text: row[7],
            owner: row[8], phone: row[9], emergency: row[10], complex: row[11], status: status, paused: row[13],
            pauseReason: row[14], pauseCount: row[15], cycle: row[16], assignee: row[17],
            openedAt: Instant(seconds: row[18]), resolvedAt: instant(19), closedAt: instant(20), rating: row[21],
            voidReason: row[22], source: row[23], lastAt: Instant(seconds: row[24]), limits: limits, clocks: clocks)
        it.department = row[27]
        return it
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
                "\(c.kind.rawValue) \(c.cycle) \(c.startedAt.seconds) \(c.limit) \(c.dueSoonShare) \(c.pausedAt.map { String($0.seconds) } ?? "-") \(c.pausedTotal) \(c.stoppedAt.map { String($0.seconds) } ?? "-") \(flags) \(c.rating.map(String.init) ?? "-")"
        }.joined(separator: ";")
    }

    static func decodeClocks(_ s: String) -> [ItemClock]? {
        var s = s
        return s.withUTF8 { decodeClocks(UnsafeRawBufferPointer($0)) }
    }

    /// The clocks from their stored text, read in place (the hot path of `--json` lists).
    static func decodeClocks(_ buf: UnsafeRawBufferPointer) -> [ItemClock]? {
        var out: [ItemClock] = []
        out.reserveCapacity(4)
        var i = 0
        let n = buf.count
        // Reads one space- or `;`-terminated field.
        func field() -> Range<Int> {
            let start = i
            while i < n, buf[i] != 32, buf[i] != 59 { i += 1 }
            let r = start..<i
            if i < n { i += 1 }
            return r
        }
        func int(_ r: Range<Int>) -> Int64? {
            if r.count == 1, buf[r.lowerBound] == 45 { return nil }  // "-"
            var v: Int64 = 0
            var neg = false
            var j = r.lowerBound
            if j < r.upperBound, buf[j] == 45 {
                neg = true
                j += 1
            }
            guard j < r.upperBound, r.upperBound - j <= 18 else { return nil }
            while j < r.upperBound {
                let d = buf[j] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int64(d)
                j += 1
            }
            return neg ? -v : v
        }
        func kind(_ r: Range<Int>) -> ClockKind? {
            let bytes = UnsafeRawBufferPointer(rebasing: buf[r])
            for (k, name) in ItemRow.clockKindNames where name.count == bytes.count && name.elementsEqual(bytes) { return k }
            return nil
        }
        // A share such as 0.75: digits with at most one point. Up to 15 digits the
        // quotient of two exact doubles is correctly rounded, as the text's own value.
        func share(_ r: Range<Int>) -> Double? {
            var m: Int64 = 0
            var digits = 0
            var decimals = -1
            for j in r {
                let b = buf[j]
                if b == 46, decimals < 0 {
                    decimals = 0
                } else if b &- 48 < 10 {
                    m = m * 10 + Int64(b &- 48)
                    digits += 1
                    if decimals >= 0 { decimals += 1 }
                } else {
                    return Double(String(decoding: UnsafeRawBufferPointer(rebasing: buf[r]), as: UTF8.self))
                }
                if digits > 15 {
                    return Double(String(decoding: UnsafeRawBufferPointer(rebasing: buf[r]), as: UTF8.self))
                }
            }
            guard digits > 0 else { return nil }
            return Double(m) / ItemRow.powersOfTen[max(decimals, 0)]
        }
        while i < n {
            guard let kind = kind(field()), let cycle = int(field()), let start = int(field()),
                let limit = int(field()), let share = share(field())
            else { return nil }
            let pausedAt = int(field())
            guard let pausedTotal = int(field()) else { return nil }
            let stoppedAt = int(field())
            guard let flags = int(field()) else { return nil }
            let rating = int(field())
            var c = ItemClock(kind: kind, cycle: Int(cycle), startedAt: Instant(seconds: start), limit: limit, dueSoonShare: share)
            c.pausedAt = pausedAt.map { Instant(seconds: $0) }
            c.pausedTotal = pausedTotal
            c.stoppedAt = stoppedAt.map { Instant(seconds: $0) }
            c.backdated = flags & 1 != 0
            c.abandoned = flags & 2 != 0
            c.rating = rating.map { Int($0) }
            out.append(c)
        }
        return out
    }

    private static let clockKindNames = ClockKind.allCases.map { ($0, Array($0.rawValue.utf8)) }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }
}
