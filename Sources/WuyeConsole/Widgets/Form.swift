import WuyeCore

/// One form widget for every form: labelled fields, Tab / Shift-Tab between them, text
/// fields, lists with type-to-filter, switches. It knows nothing of items: a form returns
/// what the user asked for (save, leave, cancel) and its values; the app acts on them.
public struct Form: Sendable {
    public struct Option: Sendable, Equatable {
        public var value: String
        public var label: String

        public init(_ value: String, _ label: String? = nil) {
            self.value = value
            self.label = label ?? value
        }
    }

    public enum Kind: Sendable {
        case text(TextField)
        /// Options filtered by what is typed; `free` also takes typed text that matches none.
        case choice(options: [Option], typed: TextField, highlighted: Int, free: Bool)
        case toggle(Bool)
    }

    public struct Field: Sendable {
        public var id: String
        public var label: String
        public var kind: Kind
        public var required: Bool
        /// Why the value is wrong, shown in place.
        public var error: String?

        public init(id: String, label: String, kind: Kind, required: Bool = false) {
            self.id = id
            self.label = label
            self.kind = kind
            self.required = required
        }
    }

    /// What the app should do after a key.
    public enum Result: Equatable, Sendable {
        case none
        /// Ctrl-S, with every required field filled in.
        case save
        /// Leave without saving (nothing was typed, or the user said so).
        case leave
        /// Something went wrong with the key (too long, nothing to choose): ring the bell.
        case bell
    }

    public var title: String
    public var fields: [Field]
    public var focus = 0 {
        didSet { if focus != oldValue { editedHere = false } }
    }
    /// Whether a key has edited the focused field since the focus came to it (or since it
    /// was refused). Until one has, a choice holding a whole option (filled in before, or
    /// chosen on an earlier visit) or a refused value is replaced by what is typed rather
    /// than added to.
    private var editedHere = false
    /// Something was typed: leaving asks first.
    public private(set) var dirty = false
    /// Esc on a dirty form asks "leave without saving?"; y leaves, anything else stays.
    public private(set) var askingToLeave = false

    public init(title: String, fields: [Field]) {
        self.title = title
        self.fields = fields
    }

    // MARK: values

    public func value(_ id: String) -> String? {
        guard let f = fields.first(where: { $0.id == id }) else { return nil }
        switch f.kind {
        case .text(let t): return t.isEmpty ? nil : t.value.trimmingSpaces.isEmpty ? nil : t.value.trimmingSpaces
        case .choice(let options, let typed, _, let free):
            if let o = options.first(where: { $0.value == typed.value || $0.label == typed.value }) { return o.value }
            return free && !typed.value.trimmingSpaces.isEmpty ? typed.value.trimmingSpaces : nil
        case .toggle(let on): return on ? "yes" : nil
        }
    }

    public func isOn(_ id: String) -> Bool { value(id) == "yes" }

    /// Fills a field in before anyone types (a form opened from a message): a text, the
    /// typed text of a choice, a toggle ("yes"). Leaving such a form asks nothing.
    public mutating func prefill(_ id: String, _ value: String?) {
        guard let value, let i = fields.firstIndex(where: { $0.id == id }) else { return }
        switch fields[i].kind {
        case .text(let t): fields[i].kind = .text(TextField(value, limit: t.limit, multiLine: t.multiLine))
        case .choice(let options, let typed, _, let free):
            let shown = options.first { $0.value == value }?.label ?? value
            fields[i].kind = .choice(options: options, typed: TextField(shown, limit: typed.limit), highlighted: 0, free: free)
        case .toggle: fields[i].kind = .toggle(value == "yes")
        }
    }

    /// Marks a field as wrong, with the reason, and moves to it.
    public mutating func mark(_ id: String, _ reason: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].error = reason
        focus = i
        editedHere = false
    }

    /// The options a choice shows for what is typed.
    public static func matches(_ options: [Option], _ typed: String) -> [Option] {
        let t = typed.lowercased()
        if t.isEmpty { return options }
        let starts = options.filter { $0.value.lowercased().hasPrefix(t) || $0.label.lowercased().hasPrefix(t) }
        let contains = options.filter { o in
            !starts.contains(o) && (o.value.lowercased().contains(t) || o.label.lowercased().contains(t))
        }
        return starts + contains
    }

    // MARK: keys

    public mutating func handle(_ key: Key) -> Result {
        if askingToLeave {
            askingToLeave = false
            if case .char(let c) = key, c == "y" || c == "Y" || c == "是" { return .leave }
            return .none
        }
        switch key {
        case .ctrl("s"): return trySave()
        case .ctrl("c"): return .leave
        case .escape:
            if dirty {
                askingToLeave = true
                return .none
            }
            return .leave
        case .tab:
            accept()
            focus = (focus + 1) % fields.count
            return .none
        case .backTab:
            accept()
            focus = (focus + fields.count - 1) % fields.count
            return .none
        case .enter:
            if case .text(let t) = fields[focus].kind, t.multiLine { return editText(.paste("\n")) }
            accept()
            if focus == fields.count - 1 { return trySave() }
            focus += 1
            return .none
        default:
            break
        }
        switch fields[focus].kind {
        case .toggle(let on):
            if key == .char(" ") || key == .char("y") || key == .char("n") || key == .left || key == .right {
                fields[focus].kind = .toggle(key == .char(" ") || key == .left || key == .right ? !on : key == .char("y"))
                dirty = true
                return .none
            }
            return .none
        case .choice(let options, var typed, var highlighted, let free):
            let shown = Form.matches(options, typed.value)
            switch key {
            case .down: highlighted = min(max(0, shown.count - 1), highlighted + 1)
            case .up: highlighted = max(0, highlighted - 1)
            default:
                let whole = options.contains { $0.value == typed.value || $0.label == typed.value }
                if !editedHere, Form.replaces(key), whole || fields[focus].error != nil {
                    // 电话 shown, 微信 typed: the field reads 微信, not 电话微信; so does
                    // a value just refused. A backspace clears the whole choice.
                    typed = TextField(limit: typed.limit)
                    if key != .backspace { Form.edit(&typed, key) }
                } else if case .ignored = Form.edit(&typed, key) {
                    return .none
                }
                editedHere = true
                highlighted = 0
                dirty = true
            }
            fields[focus].kind = .choice(options: options, typed: typed, highlighted: highlighted, free: free)
            fields[focus].error = nil
            return .none
        case .text:
            return editText(key)
        }
    }

    /// The keys that, on a choice nobody has edited yet, start it afresh.
    static func replaces(_ key: Key) -> Bool {
        switch key {
        case .char, .paste, .backspace: true
        default: false
        }
    }

    /// What a key did to a text field.
    public enum Edit: Sendable {
        /// Not an editing key.
        case ignored
        case edited
        /// Typed or pasted past the limit: the rest was not taken.
        case cut
    }

    /// Applies a key to a text field.
    @discardableResult
    public static func edit(_ t: inout TextField, _ key: Key) -> Edit {
        switch key {
        case .char(let c): return t.insert(String(c)) ? .edited : .cut
        case .paste(let s): return t.insert(s) ? .edited : .cut
        case .backspace: t.backspace()
        case .ctrl("d"): t.deleteForward()
        case .left: t.left()
        case .right: t.right()
        case .home, .ctrl("a"): t.home()
        case .end, .ctrl("e"): t.end()
        case .ctrl("u"): t.clear()
        default: return .ignored
        }
        return .edited
    }

    private mutating func editText(_ key: Key) -> Result {
        guard case .text(var t) = fields[focus].kind else { return .none }
        let before = t.value
        let outcome = Form.edit(&t, key)
        fields[focus].kind = .text(t)
        if t.value != before {
            dirty = true
            fields[focus].error = nil
        }
        if case .cut = outcome {
            fields[focus].error = "at most \(t.limit) characters"
            return .bell
        }
        return .none
    }

    /// Leaving a choice that must be one of its options completes what was typed to the
    /// highlighted option (`3-18` → `3-1801`); a free choice keeps what was typed.
    private mutating func accept() {
        guard case .choice(let options, var typed, let highlighted, let free) = fields[focus].kind else { return }
        let exact = options.contains { $0.value == typed.value || $0.label == typed.value }
        if !exact, !free, !typed.isEmpty {
            let shown = Form.matches(options, typed.value)
            if let o = shown.indices.contains(highlighted) ? shown[highlighted] : shown.first {
                typed = TextField(o.label, limit: typed.limit)
            }
        }
        fields[focus].kind = .choice(options: options, typed: typed, highlighted: 0, free: free)
    }

    private mutating func trySave() -> Result {
        accept()
        var first: Int?
        for i in fields.indices {
            fields[i].error = nil
            if fields[i].required && value(fields[i].id) == nil {
                if case .choice(let options, let typed, _, let free) = fields[i].kind, !typed.value.isEmpty, !free,
                    !options.contains(where: { $0.label == typed.value || $0.value == typed.value })
                {
                    fields[i].error = "'\(typed.value)' is not one of the choices"
                } else {
                    fields[i].error = "required"
                }
                first = first ?? i
            }
        }
        if let first {
            focus = first
            editedHere = false
            return .bell
        }
        return .save
    }
}
