/// (item, command, now) → events, or a refusal that says why. Pure.
public enum ItemDecider {
    public static func decide(_ item: Item?, _ command: ItemCommand, _ d: Decision) throws(WuyeError) -> [ItemEvent] {
        try checkTexts(command)
        let kind: ItemKind
        if case .open(let o) = command {
            kind = o.kind
        } else if let item {
            kind = item.kind
        } else {
            throw .notFound("no such item")
        }
        try Permissions.check(d.actor, command, kind: kind, item: item)
        if d.at > d.now {
            throw .refused(
                "the time given (\(ISOFormat.string(d.at, in: d.site.zone))) is in the future; steps are recorded when they happen or after"
            )
        }
        guard let item else {
            guard case .open(let o) = command else { throw .notFound("no such item") }
            try validateOpen(o, d)
            return [.opened(o)]
        }
        if d.at < item.lastAt {
            throw .refused(
                "\(item.id)'s previous step was at \(ISOFormat.string(item.lastAt, in: d.site.zone)); a step cannot be dated before it")
        }
        let id = item.id
        let s = item.status
        func refuse(_ allowedIn: String) -> WuyeError {
            .refused("\(id) is \(s.rawValue); \(command.verb) is allowed only when it is \(allowedIn)")
        }
        switch command {
        case .open:
            throw .refused("\(id) exists already")
        case .assign(let to, let department, let note):
            guard [.received, .assigned, .responded, .acknowledged, .onSite].contains(s) else {
                throw refuse("received, assigned or in progress")
            }
            if let department {
                guard d.site.department(department.id) != nil else {
                    throw .notFound("\(department.id) is not a department of \(d.site.id)")
                }
                if let to, to.department.rawValue != department.id {
                    throw .refused("\(to.id) is not in \(department.name) (\(department.id)); choose someone of that department")
                }
            }
            if let to {
                guard to.active else { throw .refused("\(to.id) is no longer active; assign to someone on duty") }
                if let site = to.site, site != d.site.id { throw .refused("\(to.id) works at \(site), not at \(d.site.id)") }
            }
            if let department { return [.routed(department: department.id, to: to?.id, note: note)] }
            guard let to else { throw .badInput("say whom to assign it to: a department or a person") }
            return [.assigned(to: to.id, note: note)]
        case .respond(let note):
            switch item.kind {
            case .complaint:
                guard s == .received || s == .assigned else { throw refuse("received or assigned") }
                return [.responded(note: note)]
            case .repair:
                guard [.received, .assigned, .acknowledged].contains(s) else { throw refuse("received, assigned or acknowledged") }
                return [.arrived(note: note)]
            case .enquiry:
                throw .refused("an enquiry is answered, not responded to; use wuye enquiry answer \(id)")
            }
        case .acknowledge(let note):
            guard item.kind == .repair else { throw .refused("only a repair is acknowledged; \(id) is a \(item.kind.rawValue)") }
            guard s == .received || s == .assigned else { throw refuse("received or assigned") }
            return [.acknowledged(note: note)]
        case .progress(let note):
            guard item.kind == .complaint, item.complex else {
                throw .refused("progress reports are for complex complaints; \(id) is not complex (reclassify it with edit --complex)")
            }
            guard [.received, .assigned, .responded].contains(s) else { throw refuse("received, assigned or responded") }
            return [.progressReported(note: note)]
        case .resolve(let note):
            switch item.kind {
            case .complaint:
                guard [.received, .assigned, .responded].contains(s) else { throw refuse("received, assigned or responded") }
            case .repair:
                guard [.received, .assigned, .acknowledged, .onSite].contains(s) else { throw refuse("open and not yet resolved") }
            case .enquiry:
                throw .refused("an enquiry is answered, not resolved; use wuye enquiry answer \(id)")
            }
            return [.resolved(note: note)]
        case .answer(let note):
            guard item.kind == .enquiry else { throw .refused("only an enquiry is answered; \(id) is a \(item.kind.rawValue)") }
            guard s == .received || s == .assigned else { throw refuse("received") }
            return [.answered(note: note)]
        case .callback(let rating, let note):
            guard item.kind == .complaint else { throw .refused("only a complaint gets a callback; \(id) is a \(item.kind.rawValue)") }
            guard (1...5).contains(rating) else { throw .badInput("rating must be 1–5, got \(rating)") }
            guard s == .resolved else { throw refuse("resolved") }
            return [.calledBack(rating: rating, note: note)]
        case .close(let note):
            switch item.kind {
            case .complaint:
                if s == .resolved {
                    guard d.actor.role == .supervisor else {
                        throw .refused(
                            "\(id) has not been called back yet; record the callback first, or a supervisor may close it without one")
                    }
                } else if s != .calledBack {
                    throw refuse("called back")
                }
            case .enquiry:
                guard s == .answered else { throw refuse("answered") }
            case .repair:
                guard s == .resolved else { throw refuse("resolved") }
            }
            return [.closed(note: note)]
        case .reopen(let reason):
            try requireReason(reason, "reopen")
            guard [.resolved, .calledBack, .closed, .answered].contains(s) else {
                throw refuse("resolved, answered, called back or closed")
            }
            return [.reopened(reason: reason, limits: d.standards.clocks)]
        case .pause(let reason):
            try requireReason(reason, "pause")
            guard item.kind != .enquiry else { throw .refused("an enquiry's answer clock never pauses") }
            guard item.isOpen, s != .calledBack else { throw refuse("open") }
            guard !item.paused else { throw .refused("\(id) is paused already (\(item.pauseReason ?? "")); resume it first") }
            guard item.currentClocks.contains(where: { $0.kind.pausable && $0.isRunning && d.at <= $0.nominalDeadline }) else {
                throw .refused(
                    "\(id) has no clock that can pause: response, acknowledge and answer clocks never pause, and a breached clock stays breached"
                )
            }
            return [.paused(reason: reason)]
        case .resume(let note):
            guard item.paused else { throw .refused("\(id) is not paused") }
            return [.resumed(note: note)]
        case .void(let reason):
            try requireReason(reason, "void")
            guard s != .void else { throw .refused("\(id) is void already") }
            return [.voided(reason: reason)]
        case .edit(let field, let value, let reason):
            try requireReason(reason, "edit")
            guard s != .void else { throw .refused("\(id) is void; it cannot be edited") }
            let old = current(field, of: item)
            let v = value.flatMap { $0.isEmpty ? nil : $0 }
            switch field {
            case "text", "category":
                guard let v else { throw .badInput("--\(field) cannot be empty") }
                _ = v
            case "unit":
                if let v, !d.site.hasUnit(v) { throw .notFound("unit \(v) is not a unit of \(d.site.id)") }
            case "location":
                if let v, d.site.location(v) == nil { throw .notFound("location \(v) is not a location of \(d.site.id)") }
            case "channel":
                if let v, Channel(rawValue: v) == nil { throw .badInput("channel must be hotline, email, wechat or walk-in, got '\(v)'") }
            case "owner", "phone":
                break
            default:
                throw .badInput("\(field) cannot be edited; edit text, category, unit, location, owner, phone or channel")
            }
            if old == v { throw .refused("\(id)'s \(field) is already '\(v ?? "")'; nothing to change") }
            if field == "unit", v == nil, item.location == nil { throw .badInput("an item needs a unit or a location") }
            if field == "location", v == nil, item.unit == nil { throw .badInput("an item needs a unit or a location") }
            return [.edited(field: field, from: old, to: v, reason: reason)]
        case .acknowledgeBreach(let note):
            guard item.isOpen else { throw refuse("open") }
            guard item.isBreached(at: d.at) else { throw .refused("\(id) has no breached clock; nothing to acknowledge") }
            if note.trimmingSpaces.isEmpty { throw .badInput("say what is being done about the breach; give --note TEXT") }
            return [.breachAcknowledged(note: note)]
        case .escalate(let to, let note):
            guard item.isOpen else { throw refuse("open") }
            guard item.isBreached(at: d.at) else { throw .refused("\(id) has no breached clock; nothing to escalate") }
            guard to.active else { throw .refused("\(to.id) is no longer active; escalate to someone on duty") }
            if to.id == d.actor.id { throw .refused("escalate to someone else than yourself") }
            if note.trimmingSpaces.isEmpty { throw .badInput("say why it is escalated; give --note TEXT") }
            return [.escalated(to: to.id, note: note)]
        case .reclassify(let emergency, let complex, let reason):
            try requireReason(reason, "reclassify")
            guard item.isOpen else { throw refuse("open") }
            if complex != nil, item.kind != .complaint { throw .badInput("only a complaint is simple or complex") }
            if emergency != nil, item.kind == .enquiry { throw .badInput("an enquiry is not routine or emergency") }
            let e = emergency ?? item.emergency
            let c = complex ?? item.complex
            if e == item.emergency, c == item.complex { throw .refused("\(id) is already classified that way") }
            return [.reclassified(emergency: e, complex: c, reason: reason)]
        }
    }

    static func current(_ field: String, of item: Item) -> String? {
        switch field {
        case "text": item.text
        case "category": item.category
        case "unit": item.unit
        case "location": item.location
        case "owner": item.owner
        case "phone": item.phone
        case "channel": item.channel?.rawValue
        default: nil
        }
    }

    static func requireReason(_ reason: String, _ verb: String) throws(WuyeError) {
        if reason.trimmingSpaces.isEmpty { throw .badInput("\(verb) needs a reason; give --reason TEXT") }
    }

    static func validateOpen(_ o: ItemOpened, _ d: Decision) throws(WuyeError) {
        guard o.site == d.site.id else { throw .notFound("site \(o.site) is not known") }
        if o.text.trimmingSpaces.isEmpty { throw .badInput("--text cannot be empty; say what the owner reported") }
        if let u = o.unit, u.trimmingSpaces.isEmpty { throw .badInput("--unit cannot be empty; give a unit such as 3-1802") }
        if let l = o.location, l.trimmingSpaces.isEmpty { throw .badInput("--location cannot be empty; give a location id") }
        try StoredText.check(o.text, "--text", lineBreaks: true)
        try TextLimits.check(o.text, TextLimits.text, "--text")
        try TextLimits.check(o.category, TextLimits.category, "--category")
        try TextLimits.check(o.owner, TextLimits.owner, "--owner")
        try TextLimits.check(o.phone, TextLimits.phone, "--phone")
        for (name, value) in [
            ("--unit", o.unit), ("--location", o.location), ("--category", o.category), ("--owner", o.owner), ("--phone", o.phone),
        ] {
            if let value { try StoredText.check(value, name) }
        }
        if o.unit == nil, o.location == nil, o.source == nil {
            throw .badInput("give --unit U for a unit or --location L for a common area")
        }
        if o.unit != nil, o.location != nil, o.kind != .repair {
            throw .badInput("give --unit or --location, not both")
        }
        if let u = o.unit, !d.site.hasUnit(u) {
            throw .notFound("unit \(u) is not a unit of \(d.site.id); units look like \(d.site.units.first ?? "3-1802")")
        }
        if let l = o.location, d.site.location(l) == nil {
            let known = d.site.locations.prefix(4).map(\.id).joined(separator: ", ")
            throw .notFound("location \(l) is not a location of \(d.site.id)\(known.isEmpty ? "" : "; known: \(known) …")")
        }
        if o.kind == .complaint, o.category.trimmingSpaces.isEmpty { throw .badInput("--category cannot be empty") }
    }

    /// Notes and reasons: no control characters (line breaks are text), and the same
    /// length limit as the console's forms.
    static func checkTexts(_ command: ItemCommand) throws(WuyeError) {
        let texts: [(String?, String)]
        switch command {
        case .assign(_, _, let n), .respond(let n), .acknowledge(let n), .progress(let n), .resolve(let n), .answer(let n),
            .close(let n), .resume(let n), .callback(_, let n):
            texts = [(n, "--note")]
        case .reopen(let r), .pause(let r), .void(let r), .reclassify(_, _, let r):
            texts = [(r, "--reason")]
        case .acknowledgeBreach(let n), .escalate(_, let n):
            texts = [(n, "--note")]
        case .edit(_, let value, let r):
            texts = [(r, "--reason"), (value, "--value")]
        case .open:
            return
        }
        for (text, option) in texts {
            guard let text else { continue }
            try StoredText.check(text, option, lineBreaks: true)
            try TextLimits.check(text, TextLimits.note, option)
        }
    }
}
