import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

/// What the complaint, enquiry and repair commands share.
enum ItemCLI {
    enum ListFilter: String, EnumerableFlag {
        case open, breached, all
        static func help(for value: ListFilter) -> ArgumentHelp? {
            switch value {
            case .open: "Items not closed or void (the default)."
            case .breached: "Open items with a clock breached or missed."
            case .all: "Every item, closed and void ones too."
            }
        }
    }

    /// Runs a step on an existing item and reports what it did.
    static func act(
        _ kind: ItemKind, _ id: String, g: GlobalOptions, at: String?, json: Bool, said: ((Item) -> String)? = nil,
        cost: (materials: Double, labour: Double)? = nil, _ make: (Item, Store) throws(WuyeError) -> [ItemCommand]
    ) throws(WuyeError) {
        let env = try Env(g)
        let actor = try env.requireActor()
        let store = try env.store()
        let before = try store.item(id)
        guard before.kind == kind else {
            throw .notFound("\(id) is a \(before.kind.rawValue), not a \(kind.rawValue); use 'wuye \(before.kind.rawValue) …'")
        }
        let site = try store.site(before.site)
        let when = try env.at(at, site: site)
        let commands = try make(before, store)
        let after = try store.perform(commands, on: id, actor: actor, at: when, now: env.now, cost: cost)
        if json {
            var w = JSONWriter()
            ItemJSON.write(after, zone: site.zone, now: env.now, into: &w)
            Output.json(w)
        } else {
            Output.line(Messages.say(said?(after) ?? summary(before: before, after: after, now: env.now)))
        }
    }

    static func summary(before: Item, after: Item, now: Instant) -> String {
        var parts = ["saved: \(after.id) is \(after.status.rawValue)\(after.paused ? " (paused)" : "")"]
        for (i, c) in after.clocks.enumerated() where c.isStopped && (i >= before.clocks.count || !before.clocks[i].isStopped) {
            let left = c.remaining(at: now)
            let state = c.state(at: now)
            if c.abandoned { continue }
            parts.append(
                "\(c.kind.rawValue) clock \(state.rawValue) (\(left >= 0 ? Countdown.prose(left) + " to spare" : "late by " + Countdown.prose(left)))\(c.backdated ? ", back-dated" : "")"
            )
        }
        for c in after.clocks.dropFirst(before.clocks.count) where !c.isStopped {
            parts.append("\(c.kind.rawValue) clock started (\(Countdown.prose(c.limit)))")
        }
        return parts.joined(separator: "; ")
    }

    static func open(_ o: ItemOpened, g: GlobalOptions, at: String?) throws(WuyeError) {
        let env = try Env(g)
        let actor = try env.requireActor()
        let store = try env.store()
        let site = try store.site(o.site)
        let when = try env.at(at, site: site)
        var opened = o
        opened.limits = try store.standards().clocks
        let item = try store.perform(.open(opened), on: nil, site: o.site, actor: actor, at: when, now: env.now)
        Output.line(item.id)
    }

    static func list(
        _ kind: ItemKind, filter: ListFilter, site: String?, json: Bool, asOf: String?, page: Store.Page = Store.Page(), g: GlobalOptions
    ) throws(WuyeError) {
        let env = try Env(g)
        let store = try env.store()
        let sites = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0) })
        if let site, sites[site] == nil {
            throw .notFound("unknown site \(site); sites are: \(sites.keys.sorted().joined(separator: ", "))")
        }
        let empty = "no \(filter == .all ? "" : filter.rawValue + " ")\(kind.rawValue)s\(site.map { " at \($0)" } ?? "")"
        if let asOf = try env.asOf(asOf, store: store, site: site) {
            // The past: a replay of the journal, so held and sorted here.
            let now = asOf
            var items = try store.items(asOf: now).filter { $0.kind == kind && (site == nil || $0.site == site) }
            if filter != .all { items = items.filter(\.isOpen) }
            items.sort { ($0.nextDeadline?.seconds ?? .max) < ($1.nextDeadline?.seconds ?? .max) }
            if filter == .breached { items = items.filter { $0.isBreached(at: now) } }
            if let limit = page.limit { items = Array(items.prefix(limit)) }
            if json {
                var w = JSONWriter()
                w.beginArray()
                for it in items { ItemJSON.write(it, zone: sites[it.site]?.zone ?? .utc, now: now, into: &w) }
                w.endArray()
                Output.json(w)
                return
            }
            if items.isEmpty { return Output.line(empty) }
            return Output.table(["ID", "SITE", "PLACE", "STATUS", "CLOCK", "LEFT", "TEXT"], items.map { row($0, now: now) })
        }
        let now = env.now
        let storeFilter: Store.ItemFilter = filter == .all ? .all : .open
        if json {
            // The fast path: stored renderings plus clocks computed for now, streamed.
            try store.itemsJSON(
                kind: kind, filter: storeFilter, site: site, breachedOnly: filter == .breached, now: now,
                zones: sites.mapValues(\.zone), page: page, sink: Output.writeAll)
            Output.writeAll([10])
            return
        }
        // Rows are printed as they are read: the columns' widths come from what can be in
        // them (the longest id, site, place name, status and clock), not from the rows.
        let table = StreamedTable(
            header: ["ID", "SITE", "PLACE", "STATUS", "CLOCK", "LEFT", "TEXT"],
            widths: [
                try store.widestID(kind: kind), sites.values.map { DisplayWidth.of($0.id) }.max() ?? 4,
                min(20, sites.values.map(\.widestPlace).max() ?? 5), ItemCLI.statusWidth, ItemCLI.clockWidth, 9,
            ], cut: [false, false, true, false, false, false])
        var printed = 0
        try store.forEachListed(
            kind: kind, filter: storeFilter, site: site, page: page, keep: { filter != .breached || $0.isBreached(at: now) }
        ) { it in
            if printed == 0 { table.header() }
            printed += 1
            table.row(row(it, now: now))
        }
        if printed == 0 { Output.line(empty) }
    }

    /// The widest status a row can show (`responded ⏸ !`).
    static let statusWidth = ItemStatus.allCases.map { DisplayWidth.of($0.rawValue + " ‖ !") }.max() ?? 12
    /// The widest clock a row can show (`✗ resolution`).
    static let clockWidth = ClockKind.allCases.map { DisplayWidth.of("✗ " + $0.rawValue) }.max() ?? 12

    static func row(_ it: Item, now: Instant) -> [String] {
        var clock = "-"
        var left = ""
        if let c = it.leadClock {
            let st = c.state(at: now)
            clock = "\(Countdown.symbol(st)) \(c.kind.rawValue)"
            left =
                st == .paused
                ? Countdown.symbol(.paused) + " " + Countdown.format(c.remaining(at: now)) : Countdown.format(c.remaining(at: now))
        } else if it.isBreached(at: now) {
            clock = "✗ missed"
        }
        let status = it.status.rawValue + (it.paused ? " " + Countdown.symbol(.paused) : "") + (it.emergency ? " !" : "")
        return [it.id, it.site, it.place, status, clock, left, it.text]
    }

    static func show(_ kind: ItemKind, _ id: String, json: Bool, asOf: String?, g: GlobalOptions) throws(WuyeError) {
        let env = try Env(g)
        let store = try env.store()
        var item = try store.item(id)
        guard item.kind == kind else {
            throw .notFound("\(id) is a \(item.kind.rawValue), not a \(kind.rawValue); use 'wuye \(item.kind.rawValue) show \(id)'")
        }
        let site = try store.site(item.site)
        let zone = site.zone
        var now = env.now
        let timeline = try store.timeline(item.id)
        var events = timeline.events
        let original = timeline.original
        if let asOf = try env.asOf(asOf, store: store, site: site.id) {
            now = asOf
            guard let past = try store.items(asOf: now, subject: id).first else {
                throw .notFound("\(id) had not been recorded by \(ISOFormat.string(now, in: zone))")
            }
            item = past
            events = events.filter { $0.recorded <= now }
        }
        let grace = item.limits.backdateGrace
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.key("item")
            ItemJSON.write(item, zone: zone, now: now, history: true, into: &w)
            if let original {
                w.key("original")
                IntakeJSON.write(original, zone: zone, into: &w, headers: true)
            }
            w.key("timeline")
            w.beginArray()
            for e in events {
                w.beginObject()
                w.field("seq", e.seq)
                w.field("at", ISOFormat.string(e.at, in: zone))
                w.field("recorded", ISOFormat.string(e.recorded, in: zone))
                w.field("backdated", e.isBackdated(grace: grace))
                w.field("actor", e.actor)
                w.field("type", e.body.typeName)
                w.field("text", EventText.describe(e.body))
                w.endObject()
            }
            w.endArray()
            w.endObject()
            Output.json(w)
            return
        }
        let inert = { (s: String) in InertText.make(s) }
        Output.line("\(item.id)  \(item.kind.rawValue) at \(site.name) (\(site.id))  \(item.place)")
        Output.line(
            "status    \(item.status.rawValue)\(item.paused ? "  \(Countdown.symbol(.paused)) paused: \(inert(item.pauseReason ?? ""))" : "")  cycle \(item.cycle)"
        )
        var cls = [item.emergency ? "emergency" : "routine"]
        if kind == .complaint { cls.append(item.complex ? "complex" : "simple") }
        Output.line(
            "class     \(cls.joined(separator: ", "))\(item.channel.map { ", via \($0.rawValue)" } ?? "")  category \(inert(item.category))"
        )
        Output.line("text      \(inert(item.text))")
        if item.owner != nil || item.phone != nil {
            Output.line("owner     \(inert(item.owner ?? "")) \(inert(item.phone ?? ""))")
        }
        if let a = item.assignee { Output.line("assigned  \(a)") }
        if let r = item.rating { Output.line("rating    \(r)/5") }
        if let v = item.voidReason { Output.line("void      \(inert(v))") }
        Output.line("")
        Output.line("clocks")
        for c in item.clocks {
            let st = c.state(at: now)
            var s = "  \(Countdown.symbol(st)) \(DisplayWidth.fit(c.kind.rawValue, to: 11)) \(DisplayWidth.fit(st.rawValue, to: 9))"
            s += " limit \(Countdown.prose(c.limit))"
            if let d = c.deadline, !c.isStopped {
                s += ", due \(ISOFormat.short(d, in: zone)), left \(Countdown.format(c.remaining(at: now)))"
            } else if c.isPaused {
                s += ", frozen with \(Countdown.format(c.remaining(at: now))) left"
            } else if let stop = c.stoppedAt {
                s += ", stopped \(ISOFormat.short(stop, in: zone))"
            }
            if c.pausedTotal > 0 { s += ", paused \(Countdown.prose(c.pausedTotal))" }
            if c.backdated { s += ", back-dated" }
            if c.cycle != item.cycle { s += "  (cycle \(c.cycle))" }
            Output.line(s)
        }
        Output.line("")
        Output.line("timeline")
        for e in events {
            var s = "  \(ISOFormat.short(e.at, in: zone))  \(e.actor)  \(inert(EventText.describe(e.body)))"
            if e.isBackdated(grace: grace) { s += "  [back-dated: recorded \(ISOFormat.short(e.recorded, in: zone))]" }
            Output.line(s)
        }
        if let original {
            Output.line("")
            Output.line("original message")
            for l in IntakeText.lines(original, zone: zone) { Output.line("  " + l) }
        }
    }
}
