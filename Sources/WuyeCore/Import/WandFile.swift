/// A patrol wand's read-out (巡更棒): one scan a row, `code,time`, and optionally `guard`
/// (the staff id of who carried it). Checked whole before anything is written.
public struct WandScan: Sendable, Equatable {
    public var row: Int
    public var code: String
    public var at: Instant
    public var guardID: String?
}

public enum WandFile {
    public static let required = ["code", "time"]

    public static func read(_ text: String, file: String, sites: [Site], now: Instant) throws(WuyeError) -> [WandScan] {
        let rows = try CSV.parse(text)
        guard let header = rows.first else { throw .badInput("\(file) is empty; it needs a header row (code,time) and rows") }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        for r in required where !names.contains(r) {
            throw .badInput("\(file): the header has no column '\(r)'; the columns are code, time and optionally guard")
        }
        var out: [WandScan] = []
        for (index, r) in rows.dropFirst().enumerated() {
            let rowNumber = index + 2
            func value(_ n: String) -> String {
                guard let i = names.firstIndex(of: n), i < r.fields.count else { return "" }
                return r.fields[i].trimmingSpaces
            }
            func bad(_ column: String, _ why: String) -> WuyeError {
                .badInput("\(file): row \(rowNumber), column \(column): \(why); nothing was imported")
            }
            for (i, field) in r.fields.enumerated() {
                if let c = StoredText.forbidden(in: field, lineBreaks: false) {
                    throw bad(i < names.count ? names[i] : String(i + 1), "it contains \(StoredText.name(c)); remove it")
                }
            }
            if r.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            let code = value("code")
            if code.isEmpty { throw bad("code", "it is empty") }
            let site = sites.first { s in s.routes.contains { $0.checkpoints.contains { $0.code.lowercased() == code.lowercased() } } }
            guard let site else { throw bad("code", "no checkpoint has the code '\(code)'") }
            guard let at = TimeInput.parse(value("time"), zone: site.zone, now: now) else {
                throw bad("time", "'\(value("time"))' is not a time (\(TimeInput.help))")
            }
            if at > now { throw bad("time", "it is in the future") }
            let who = value("guard")
            out.append(WandScan(row: rowNumber, code: code, at: at, guardID: who.isEmpty ? nil : who))
        }
        if out.isEmpty { throw .badInput("\(file) has a header but no rows") }
        return out
    }
}
