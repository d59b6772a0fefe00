import CSQLiteShim
import GRDB

/// Values bound to a prepared statement with SQLite's own calls, one after another in
/// the statement's order. The writes that run thousands of times in one transaction (an
/// import: each row's event, item row, clocks and search entry) bind this way: through
/// `StatementArguments` each value is boxed, checked and copied first, and that cost
/// several times what SQLite itself spends on the row.
struct Binder {
    let statement: OpaquePointer
    private var index: Int32 = 1

    init(_ statement: OpaquePointer) { self.statement = statement }

    /// SQLite copies what it is given before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func add(_ v: Int64) {
        sqlite3_bind_int64(statement, index, v)
        index += 1
    }

    mutating func add(_ v: Int) { add(Int64(v)) }

    mutating func add(_ v: Bool) { add(Int64(v ? 1 : 0)) }

    mutating func add(_ v: String) {
        var s = v
        s.withUTF8 { bytes in
            // An empty string is text, not NULL: SQLite takes a null pointer for NULL.
            _ =
                bytes.isEmpty
                ? sqlite3_bind_text(statement, index, "", 0, Binder.transient)
                : sqlite3_bind_text(statement, index, bytes.baseAddress, Int32(bytes.count), Binder.transient)
        }
        index += 1
    }

    mutating func add(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { raw in
            raw.isEmpty
                ? sqlite3_bind_zeroblob(statement, index, 0)
                : sqlite3_bind_blob(statement, index, raw.baseAddress, Int32(raw.count), Binder.transient)
        }
        index += 1
    }

    mutating func null() {
        sqlite3_bind_null(statement, index)
        index += 1
    }

    mutating func add(_ v: Int64?) { if let v { add(v) } else { null() } }
    mutating func add(_ v: Int?) { if let v { add(v) } else { null() } }
    mutating func add(_ v: Bool?) { if let v { add(v) } else { null() } }
    mutating func add(_ v: String?) { if let v { add(v) } else { null() } }

    mutating func add(_ v: DatabaseValue) {
        switch v.storage {
        case .null: null()
        case .int64(let i): add(i)
        case .double(let d):
            sqlite3_bind_double(statement, index, d)
            index += 1
        case .string(let s): add(s)
        case .blob(let d): add([UInt8](d))
        }
    }
}

extension Database {
    /// Runs a write of `sql` (prepared once per connection) with the values `bind` adds,
    /// bound with SQLite's own calls (see `Binder`). Fails as GRDB does, with SQLite's
    /// extended result code (a unique constraint is told from other failures).
    func run(_ sql: String, _ bind: (inout Binder) -> Void) throws {
        let stmt = try cachedStatement(sql: sql).sqliteStatement
        var binder = Binder(stmt)
        bind(&binder)
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(sqliteConnection)),
                message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
        }
    }

    /// The first column of the first row of `sql` (prepared once per connection) as an
    /// integer, nil for no row or NULL, read with SQLite's own calls.
    func int64(_ sql: String) throws -> Int64? {
        let stmt = try cachedStatement(sql: sql).sqliteStatement
        defer { sqlite3_reset(stmt) }
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(sqliteConnection)),
                message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
        }
        return sqlite3_column_type(stmt, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, 0)
    }
}
