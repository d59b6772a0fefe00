/// (item, event) → item: how each step changes an item and its clocks. Pure; the same
/// function serves a command, another process catching up, and `wuye check`'s replay.
public enum ItemProjector {
    public static func apply(_ item: Item?, _ event: Event, id: String) -> Item? {
        guard case .item(let e) = event.body else { return item }
        if case .opened(let o) = e {
            var new = Item(
                id: id, kind: o.kind, site: o.site, unit: o.unit, location: o.location, channel: o.channel,
                category: o.category, text: o.text, owner: o.owner, phone: o.phone, emergency: o.emergency,
                complex: o.complex, status: .received, paused: false, pauseReason: nil, pauseCount: 0, cycle: 1,
                assignee: nil, openedAt: event.at, resolvedAt: nil, closedAt: nil, rating: nil, voidReason: nil,
                source: o.source, lastAt: event.at, limits: o.limits, clocks: [])
            startCycle(&new, at: event.at)
            return new
        }
        guard var it = item else { return nil }
        let t = event.at
        let late = event.isBackdated(grace: it.limits.backdateGrace)
        func stop(_ kinds: Set<ClockKind>, abandoned: Bool = false) {
            for i in it.clocks.indices where it.clocks[i].cycle == it.cycle && kinds.contains(it.clocks[i].kind) {
                it.clocks[i].stop(at: t, backdated: late, abandoned: abandoned)
            }
        }
        switch e {
        case .opened:
            break
        case .assigned(let to, _):
            it.assignee = to
            if it.status == .received { it.status = .assigned }
        case .routed(let department, let to, _):
            // A new department starts without a person unless one is named.
            it.department = department
            it.assignee = to
            if it.status == .received { it.status = .assigned }
        case .responded:
            stop([.response])
            it.status = .responded
        case .acknowledged:
            stop([.acknowledge])
            it.status = .acknowledged
        case .arrived:
            stop([.acknowledge, .onSite])
            it.status = .onSite
        case .progressReported:
            stop([.response, .progress])
            if it.status == .received || it.status == .assigned { it.status = .responded }
            var c = ItemClock(
                kind: .progress, cycle: it.cycle, startedAt: t, limit: it.limits.complaintProgress,
                dueSoonShare: it.limits.dueSoonShare)
            if it.paused { c.pause(at: t) }
            it.clocks.append(c)
        case .resolved:
            stop([.response, .result, .progress, .acknowledge, .onSite, .resolution])
            resumeAll(&it, at: t)
            it.status = .resolved
            it.resolvedAt = t
            if it.kind == .complaint {
                it.clocks.append(
                    ItemClock(
                        kind: .callback, cycle: it.cycle, startedAt: t, limit: it.limits.complaintCallback,
                        dueSoonShare: it.limits.dueSoonShare))
            }
        case .answered:
            stop([.answer])
            it.status = .answered
            it.resolvedAt = t
        case .calledBack(let rating, _):
            stop([.callback])
            if let i = it.clocks.lastIndex(where: { $0.kind == .callback && $0.cycle == it.cycle }) { it.clocks[i].rating = rating }
            it.rating = rating
            it.status = .calledBack
        case .closed:
            stop(Set(ClockKind.allCases), abandoned: true)
            resumeAll(&it, at: t)
            it.status = .closed
            it.closedAt = t
        case .reopened(_, let limits):
            stop(Set(ClockKind.allCases), abandoned: true)
            it.cycle += 1
            it.limits = limits
            it.status = .received
            it.paused = false
            it.pauseReason = nil
            it.resolvedAt = nil
            it.closedAt = nil
            it.rating = nil
            startCycle(&it, at: t)
        case .paused(let reason):
            for i in it.clocks.indices where it.clocks[i].cycle == it.cycle { it.clocks[i].pause(at: t) }
            it.paused = true
            it.pauseReason = reason
            it.pauseCount += 1
        case .resumed:
            resumeAll(&it, at: t)
        case .voided(let reason):
            stop(Set(ClockKind.allCases), abandoned: true)
            it.paused = false
            it.status = .void
            it.voidReason = reason
            it.closedAt = t
        case .edited(let field, _, let to, _):
            switch field {
            case "text": it.text = to ?? ""
            case "category": it.category = to ?? ""
            case "unit": it.unit = to
            case "location": it.location = to
            case "owner": it.owner = to
            case "phone": it.phone = to
            case "channel": it.channel = to.flatMap(Channel.init(rawValue:))
            case "assignee": it.assignee = to
            default: break
            }
        case .breachAcknowledged, .escalated:
            break  // the timeline and the audit trail: no clock or state changes
        case .reclassified(let emergency, let complex, _):
            if emergency != it.emergency {
                it.emergency = emergency
                for i in it.clocks.indices
                where it.clocks[i].cycle == it.cycle && it.clocks[i].stoppedAt == nil
                    && (it.clocks[i].kind == .response || it.clocks[i].kind == .acknowledge)
                {
                    it.clocks[i].limit = it.limits.limit(it.clocks[i].kind, emergency: emergency)
                }
            }
            if complex != it.complex, it.kind == .complaint {
                it.complex = complex
                let from: ClockKind = complex ? .result : .progress
                let to: ClockKind = complex ? .progress : .result
                for i in it.clocks.indices
                where it.clocks[i].cycle == it.cycle && it.clocks[i].stoppedAt == nil && it.clocks[i].kind == from {
                    it.clocks[i].kind = to
                    it.clocks[i].limit = it.limits.limit(to, emergency: emergency)
                }
            }
        }
        it.lastAt = max(it.lastAt, t)
        return it
    }

    private static func resumeAll(_ it: inout Item, at t: Instant) {
        for i in it.clocks.indices where it.clocks[i].cycle == it.cycle { it.clocks[i].resume(at: t) }
        it.paused = false
        it.pauseReason = nil
    }

    private static func startCycle(_ it: inout Item, at t: Instant) {
        let kinds: [ClockKind]
        switch it.kind {
        case .complaint: kinds = [.response, it.complex ? .progress : .result]
        case .enquiry: kinds = [.answer]
        case .repair: kinds = [.acknowledge, .onSite, .resolution]
        }
        for k in kinds {
            it.clocks.append(
                ItemClock(
                    kind: k, cycle: it.cycle, startedAt: t, limit: it.limits.limit(k, emergency: it.emergency),
                    dueSoonShare: it.limits.dueSoonShare))
        }
    }
}
