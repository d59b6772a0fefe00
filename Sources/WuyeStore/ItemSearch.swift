import Foundation
import GRDB
import WuyeCore

/// Finding any item, open or closed, by id, unit, phone or words, Chinese included. An
/// FTS5 table with the trigram tokenizer (which finds substrings, so Chinese needs no word
/// splitting) holds one document per item, written in the same transaction as the item's
/// row, under a rowid made from the item's kind and number.
enum ItemSearch {
    static let table = "CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(body, tokenize = 'trigram')"

    /// The kind in the high bits, the number in the low 48.
    static let kinds: [ItemKind] = [.complaint, .enquiry, .repair]

    static func rowid(_ id: String) -> Int64? {
        guard let i = ItemID(id), let k = kinds.firstIndex(of: i.kind) else { return nil }
        return Int64(k + 1) << 48 | i.number
    }

    static func id(rowid: Int64) -> String? {
        let k = Int(rowid >> 48) - 1
        guard kinds.indices.contains(k) else { return nil }
        return ItemID(kind: kinds[k], number: rowid & 0xFFFF_FFFF_FFFF).description
    }

    /// What a search looks in: the id, unit, place, phone, owner, category and text.
    static func body(_ it: Item) -> String {
        [it.id, it.unit, it.location, it.phone, it.owner, it.category, it.text].compactMap { $0 }.joined(separator: " \u{1F} ")
    }

    /// `rowid(_:)` and `body(_:)` of an `items` row in SQL: the entries of many items
    /// written at once (an import), in one statement after their rows.
    static let rowidSQL =
        "((CASE kind \(kinds.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0 + 1)" }.joined(separator: " ")) END) << 48 | num)"
    static let bodySQL =
        "id"
        + ["unit", "location", "phone", "owner", "category", "text"].map { " || coalesce(' ' || char(31) || ' ' || \($0), '')" }.joined()

    /// The search entries of new items `ids`, from their rows (none may have one yet).
    static func indexRows(_ db: Database, ids: [String]) throws {
        guard !ids.isEmpty else { return }
        try db.execute(
            sql:
                "INSERT INTO items_fts (rowid, body) SELECT \(rowidSQL), \(bodySQL) FROM items WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [Store.jsonList(ids)])
    }

    static func index(_ db: Database, _ it: Item, fresh: Bool = false) throws {
        guard let rowid = rowid(it.id) else { return }
        if !fresh { try db.run("DELETE FROM items_fts WHERE rowid = ?") { $0.add(rowid) } }
        try db.run("INSERT INTO items_fts (rowid, body) VALUES (?, ?)") { b in
            b.add(rowid)
            b.add(body(it))
        }
    }

    /// FTS5's own integrity check of the index against its entries (a write statement).
    static func structureIsWhole(_ db: Database) -> Bool {
        (try? db.execute(sql: "INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")) != nil
    }

}

extension Store {
    /// Items whose id, unit, place, phone, owner, category or text holds `text` (case
    /// ignored for Latin letters), most recent first.
    public func search(_ text: String, limit: Int = 50) throws(WuyeError) -> [Item] {
        let q = text.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { throw .badInput("say what to look for: an id, a unit, a phone number or words") }
        try StoredText.check(q, "the search text")
        return try read { db in
            var found: [Item] = []
            // An id is looked up directly, whatever its case.
            if ItemID(q) != nil, let it = try Store.item(db, ItemID.canonical(q)) { found.append(it) }
            // Three characters or more use the trigram index. Shorter ones (a two-character
            // Chinese word) cannot: they are matched by LIKE over the index's own entries,
            // FTS5's content table (`items_fts_content`: `id` is the rowid, `c0` the entry),
            // a plain scan, faster than one through the virtual table.
            let escaped = q.replacingOccurrences(of: "\"", with: "\"\"")
            let sql =
                q.count >= 3
                ? "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
                : "SELECT id FROM items_fts_content WHERE c0 LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?"
            let pattern =
                q.count >= 3
                ? "\"\(escaped)\""
                : "%"
                    + q.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
            let rowids = try Int64.fetchAll(db, sql: sql, arguments: [pattern, limit])
            for r in rowids {
                guard let id = ItemSearch.id(rowid: r), !found.contains(where: { $0.id == id }) else { continue }
                if let it = try Store.item(db, id) { found.append(it) }
            }
            // The item named by its id first, then the newest first across kinds.
            let exact = ItemID(q).map { ItemID.canonical($0.description) }
            return found.sorted { a, b in
                if (a.id == exact) != (b.id == exact) { return a.id == exact }
                return a.openedAt > b.openedAt
            }
        }
    }
}
