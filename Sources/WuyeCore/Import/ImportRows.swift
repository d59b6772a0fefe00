/// One spreadsheet row to bring in: an item as it was opened, and when it was resolved.
public struct ImportRow: Sendable, Equatable {
    public var row: Int
    public var opened: ItemOpened
    public var openedAt: Instant
    public var resolvedAt: Instant?
}

/// Checks a whole spreadsheet before anything is written: one bad row refuses the file,
/// naming the row and the column.
public enum ImportRows {
    public static let required = ["kind", "opened_at", "site", "unit", "location", "channel", "category", "text", "emergency", "complex"]

    public static func read(_ text: String, file: String, sites: [Site], standards: Standards, now: Instant) throws(WuyeError)
        -> [ImportRow]
    {
        let rows = try CSV.parse(text)
        guard let header = rows.first else { throw .badInput("\(file) is empty; it needs a header row and rows") }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        for r in required where !names.contains(r) {
            throw .badInput("\(file): the header has no column '\(r)'; required: \(required.joined(separator: ", "))")
        }
        func col(_ n: String) -> Int? { names.firstIndex(of: n) }
        var out: [ImportRow] = []
        for (index, r) in rows.dropFirst().enumerated() {
            let rowNumber = index + 2
            func value(_ n: String) -> String {
                guard let i = col(n), i < r.fields.count else { return "" }
                return r.fields[i].trimmingSpaces
            }
            func bad(_ column: String, _ why: String) -> WuyeError {
                .badInput("\(file): row \(rowNumber), column \(column): \(why); nothing was imported")
            }
            for (i, field) in r.fields.enumerated() {
                let name = i < names.count ? names[i] : String(i + 1)
                if let c = StoredText.forbidden(in: field, lineBreaks: name == "text") {
                    throw bad(name, "it contains \(StoredText.name(c)); remove it (control characters cannot be stored)")
                }
            }
            guard let kind = ItemKind(rawValue: value("kind").lowercased()) else {
                throw bad("kind", "'\(value("kind"))' is not complaint, enquiry or repair")
            }
            guard let site = sites.first(where: { $0.id == value("site") }) else {
                throw bad("site", "'\(value("site"))' is not a site of this store")
            }
            guard let opened = TimeInput.parse(value("opened_at"), zone: site.zone, now: now) else {
                throw bad("opened_at", "'\(value("opened_at"))' is not a time (\(TimeInput.help))")
            }
            if opened > now { throw bad("opened_at", "it is in the future") }
            var resolved: Instant?
            if let i = col("resolved_at"), i < r.fields.count, !value("resolved_at").isEmpty {
                guard let t = TimeInput.parse(value("resolved_at"), zone: site.zone, now: now) else {
                    throw bad("resolved_at", "'\(value("resolved_at"))' is not a time")
                }
                if t < opened { throw bad("resolved_at", "it is before opened_at") }
                if t > now { throw bad("resolved_at", "it is in the future") }
                resolved = t
            }
            let unit = value("unit").isEmpty ? nil : value("unit")
            let location = value("location").isEmpty ? nil : value("location")
            if unit == nil && location == nil { throw bad("unit", "give a unit or a location") }
            if let u = unit, !site.hasUnit(u) { throw bad("unit", "\(u) is not a unit of \(site.id)") }
            if let l = location, site.location(l) == nil { throw bad("location", "\(l) is not a location of \(site.id)") }
            var channel: Channel?
            if !value("channel").isEmpty {
                guard let c = Channel(rawValue: value("channel").lowercased()) else {
                    throw bad("channel", "'\(value("channel"))' is not hotline, email, wechat or walk-in")
                }
                channel = c
            }
            let text = value("text")
            if text.isEmpty { throw bad("text", "it is empty") }
            let category = value("category")
            if kind == .complaint && category.isEmpty { throw bad("category", "a complaint needs a category") }
            guard let emergency = yesNo(value("emergency")) else { throw bad("emergency", "'\(value("emergency"))' is not yes or no") }
            guard let complex = yesNo(value("complex")) else { throw bad("complex", "'\(value("complex"))' is not yes or no") }
            out.append(
                ImportRow(
                    row: rowNumber,
                    opened: ItemOpened(
                        kind: kind, site: site.id, unit: kind == .repair ? unit : (location == nil ? unit : nil), location: location,
                        channel: channel, category: category.isEmpty ? kind.rawValue : category, text: text,
                        emergency: kind == .enquiry ? false : emergency, complex: kind == .complaint ? complex : false,
                        source: "import:\(file):\(rowNumber)", limits: standards.clocks),
                    openedAt: opened, resolvedAt: resolved))
        }
        if out.isEmpty { throw .badInput("\(file) has a header but no rows") }
        return out
    }

    static func yesNo(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "yes", "y", "true", "1", "是": true
        case "no", "n", "false", "0", "否", "": false
        default: nil
        }
    }
}
