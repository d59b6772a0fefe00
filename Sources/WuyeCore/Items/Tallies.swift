/// What one item adds to the figures once its clocks are decided, by local day: the
/// tallies that the store keeps beside the items (updated in the same transaction as the
/// events that change them), so that a month's or a year's figures read a few hundred
/// rows instead of counting every clock.
///
/// Only what can no longer change with time is tallied: a stopped clock (met or missed),
/// a callback rating, a complaint received. A clock still running or paused is counted
/// when the figures are read, from the few clocks that are live.
public enum Tallies {
    /// `what` of a complaint received (by the local day it was opened).
    public static let received = "received"
    /// `what` of callback ratings (by the local day the callback was made): `rating:1` … `rating:5`.
    public static func rating(_ r: Int) -> String { "rating:\(r)" }
    /// A callback clock stopped by the callback itself (not by closing without one), by the
    /// day of its deadline; `met` when made by then.
    public static let calledBack = "called_back"

    public struct Key: Hashable, Sendable, Comparable {
        public var site: String
        /// A clock kind's name (`response`, `on_site` …), `received`, or `rating:N`.
        public var what: String
        /// The local day (days since 1970-01-01 in the site's zone): of the clock's
        /// deadline, the callback, or the opening.
        public var day: Int64
        /// Who the item is assigned to ("" for nobody): what the appraisal counts by.
        public var assignee: String

        public init(site: String, what: String, day: Int64, assignee: String) {
            self.site = site
            self.what = what
            self.day = day
            self.assignee = assignee
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.site, a.what, a.day, a.assignee) < (b.site, b.what, b.day, b.assignee)
        }
    }

    public struct Count: Equatable, Sendable {
        /// Clocks decided, ratings given, or complaints received.
        public var n = 0
        /// Of the clocks decided, those met.
        public var met = 0
        public var backdated = 0
        public var imported = 0

        public init(n: Int = 0, met: Int = 0, backdated: Int = 0, imported: Int = 0) {
            self.n = n
            self.met = met
            self.backdated = backdated
            self.imported = imported
        }

        public var isZero: Bool { n == 0 && met == 0 && backdated == 0 && imported == 0 }

        public static func + (a: Count, b: Count) -> Count {
            Count(n: a.n + b.n, met: a.met + b.met, backdated: a.backdated + b.backdated, imported: a.imported + b.imported)
        }

        public static func - (a: Count, b: Count) -> Count {
            Count(n: a.n - b.n, met: a.met - b.met, backdated: a.backdated - b.backdated, imported: a.imported - b.imported)
        }
    }

    /// What an item adds: nothing for a void item.
    public static func of(_ it: Item, zone: Zone) -> [Key: Count] {
        var out: [Key: Count] = [:]
        guard it.status != .void else { return out }
        let imported = it.source?.hasPrefix("import:") ?? false ? 1 : 0
        let assignee = it.assignee ?? ""
        func add(_ what: String, _ at: Instant, _ c: Count) {
            let key = Key(site: it.site, what: what, day: zone.date(of: at).daysSinceEpoch, assignee: assignee)
            out[key] = (out[key] ?? Count()) + c
        }
        if it.kind == .complaint { add(received, it.openedAt, Count(n: 1, imported: imported)) }
        for c in it.clocks {
            guard let stopped = c.stoppedAt else { continue }
            let met = c.state(at: stopped) == .met ? 1 : 0
            add(c.kind.rawValue, c.nominalDeadline, Count(n: 1, met: met, backdated: c.backdated ? 1 : 0, imported: imported))
            if c.kind == .callback, let r = c.rating {
                add(rating(r), stopped, Count(n: 1, backdated: c.backdated ? 1 : 0, imported: imported))
                add(calledBack, c.nominalDeadline, Count(n: 1, met: met, backdated: c.backdated ? 1 : 0, imported: imported))
            }
        }
        return out
    }

    /// The change from `old` to `new` (either may be absent), without the keys that do not move.
    public static func change(from old: [Key: Count], to new: [Key: Count]) -> [Key: Count] {
        var out = new
        for (k, c) in old { out[k] = (out[k] ?? Count()) - c }
        return out.filter { !$0.value.isZero }
    }
}
