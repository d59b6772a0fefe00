import WuyeCore

/// The steps of an item's life that the desk takes from the console, each a short form.
public enum ItemStep: String, CaseIterable, Sendable {
    case assign, respond, progress, resolve, callback, pause, close, reopen, void, edit
    /// A supervisor's answers to a breach: seen, with a comment; handed up to a person.
    case ackBreach = "ack_breach"
    case escalate

    /// The command this step asks for on `item`, for checking who may take it (values are
    /// filled in from the form).
    func template(_ item: Item) -> ItemCommand {
        switch self {
        case .assign: .assign(to: nil, note: nil)
        case .respond:
            switch item.kind {
            case .enquiry: .answer(note: nil)
            case .repair: item.status == .received || item.status == .assigned ? .acknowledge(note: nil) : .respond(note: nil)
            case .complaint: .respond(note: nil)
            }
        case .progress: .progress(note: nil)
        case .resolve: .resolve(note: nil)
        case .callback: .callback(rating: 5, note: nil)
        case .pause: item.paused ? .resume(note: nil) : .pause(reason: "")
        case .close: .close(note: nil)
        case .reopen: .reopen(reason: "")
        case .void: .void(reason: "")
        case .edit: .edit(field: "text", value: nil, reason: "")
        case .ackBreach: .acknowledgeBreach(note: "")
        // Who it goes to is chosen in the form; the rule is the same whoever it is.
        case .escalate: .escalate(to: Staff(id: "", name: "", role: .supervisor, department: .init(rawValue: "")), note: "")
        }
    }

    /// Whether `actor` may take this step on `item` (the store refuses anything else too).
    public func offered(to actor: Staff?, on item: Item) -> Bool {
        guard let actor else { return false }
        if self == .progress && item.kind != .complaint { return false }
        if self == .callback && item.kind != .complaint { return false }
        return (try? Permissions.check(actor, template(item), kind: item.kind, item: item)) != nil
    }

    public func form(_ item: Item, site: Site, staff: [Staff], strings: Strings) -> Form {
        let note = Form.Field(id: "note", label: strings["field.note"], kind: .text(TextField(limit: TextLimits.note)))
        func reason() -> Form.Field {
            Form.Field(id: "reason", label: strings["field.reason"], kind: .text(TextField(limit: TextLimits.note)), required: true)
        }
        let verb = strings["step.\(self == .ackBreach || self == .escalate ? rawValue : template(item).verb)"]
        var fields: [Form.Field]
        switch self {
        case .assign:
            let people = staff.filter { $0.active && ($0.site == nil || $0.site == site.id) }
            fields = [
                Form.Field(
                    id: "department", label: strings["field.department"],
                    kind: .choice(
                        options: site.departments.map { Form.Option($0.id, $0.name) }, typed: TextField(limit: 40), highlighted: 0,
                        free: false)),
                Form.Field(
                    id: "person", label: strings["field.person"],
                    kind: .choice(
                        options: people.map { Form.Option($0.id, "\($0.name) \($0.id)") }, typed: TextField(limit: 40), highlighted: 0,
                        free: false)),
                note,
            ]
        case .respond, .progress, .resolve, .close: fields = [note]
        case .callback:
            fields = [
                Form.Field(
                    id: "rating", label: strings["field.rating"],
                    kind: .choice(
                        options: (1...5).map { Form.Option(String($0)) }, typed: TextField(limit: 1), highlighted: 0, free: false),
                    required: true),
                note,
            ]
        case .pause: fields = [item.paused ? note : reason()]
        case .reopen, .void: fields = [reason()]
        case .edit:
            fields = [
                Form.Field(
                    id: "field", label: strings["field.field"],
                    kind: .choice(
                        options: ["text", "category", "unit", "location", "owner", "phone", "channel"].map { Form.Option($0) },
                        typed: TextField(limit: 20), highlighted: 0, free: false), required: true),
                Form.Field(id: "value", label: strings["field.value"], kind: .text(TextField(limit: TextLimits.text))),
                reason(),
            ]
        case .ackBreach:
            fields = [Form.Field(id: "note", label: strings["field.note"], kind: .text(TextField(limit: TextLimits.note)), required: true)]
        case .escalate:
            let people = staff.filter { $0.active && ($0.site == nil || $0.site == site.id) }
            fields = [
                Form.Field(
                    id: "person", label: strings["field.escalate_to"],
                    kind: .choice(
                        options: people.map { Form.Option($0.id, "\($0.name) \($0.id)") }, typed: TextField(limit: 40), highlighted: 0,
                        free: false), required: true),
                Form.Field(id: "note", label: strings["field.note"], kind: .text(TextField(limit: TextLimits.note)), required: true),
            ]
        }
        return Form(title: "\(item.id) · \(verb)", fields: fields)
    }

    /// The command a filled-in form asks for.
    public func command(_ item: Item, from f: Form, staff: [Staff], site: Site) throws(WuyeError) -> ItemCommand {
        let note = f.value("note")
        let reason = f.value("reason") ?? ""
        switch self {
        case .assign:
            let person = f.value("person").flatMap { p in staff.first { $0.id == p } }
            let department = f.value("department").flatMap { site.department($0) }
            guard person != nil || department != nil else { throw .badInput("choose a department or a person") }
            return .assign(to: person, department: department, note: note)
        case .respond:
            switch template(item) {
            case .answer: return .answer(note: note)
            case .acknowledge: return .acknowledge(note: note)
            default: return .respond(note: note)
            }
        case .progress: return .progress(note: note)
        case .resolve: return .resolve(note: note)
        case .close: return .close(note: note)
        case .callback: return .callback(rating: Int(f.value("rating") ?? "") ?? 0, note: note)
        case .pause: return item.paused ? .resume(note: note) : .pause(reason: reason)
        case .reopen: return .reopen(reason: reason)
        case .void: return .void(reason: reason)
        case .edit: return .edit(field: f.value("field") ?? "", value: f.value("value"), reason: reason)
        case .ackBreach: return .acknowledgeBreach(note: note ?? "")
        case .escalate:
            guard let person = f.value("person").flatMap({ p in staff.first { $0.id == p } }) else {
                throw .badInput("choose who it is escalated to")
            }
            return .escalate(to: person, note: note ?? "")
        }
    }
}
