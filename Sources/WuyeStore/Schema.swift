import GRDB

/// The database file's layout. `application_id` marks a file as Wuye's; `user_version`
/// is the schema version, so an older program refuses a newer file instead of guessing.
enum Schema {
    static let applicationID: Int32 = 0x5755_5945  // "WUYE"
    static let version: Int32 = 7
    static let fileName = "wuye.sqlite"

    /// Open items in deadline order, ties by kind and number: one index for lists of
    /// every kind, one for lists of one kind, so that no list sorts its rows.
    static let openItemIndexes = """
        CREATE INDEX items_open_order ON items(is_open, next_deadline, kind, num);
        CREATE INDEX items_open_kind ON items(is_open, kind, next_deadline, num);
        """

    /// Brings a store of an older schema up to this one, inside a write transaction.
    /// Version 2 (November 2026): the two open-item indexes replace `items_open`.
    /// Version 3 (November 2026): the journal's hash chain, and one opening per item id.
    static func migrate(_ db: Database, from version: Int32) throws {
        if version < 2 {
            try db.execute(sql: "DROP INDEX IF EXISTS items_open;\n" + openItemIndexes)
        }
        if version < 3 {
            if try !db.columns(in: "events").contains(where: { $0.name == "hash" }) {
                try db.execute(sql: "ALTER TABLE events ADD COLUMN hash TEXT")
            }
            try HashChain.seal(db)
            // A journal that already opens an id twice keeps working; 'wuye check' names it.
            try? db.execute(sql: openedOnce)
        }
        if version < 4 {
            try db.execute(sql: pins)
            try db.execute(sql: ItemSearch.table)
            if try !db.columns(in: "items").contains(where: { $0.name == "department" }) {
                try db.execute(sql: "ALTER TABLE items ADD COLUMN department TEXT")
            }
            // Every item row again: its JSON rendering gains `department`, and its search entry is made.
            try ItemRow.rewriteAll(db)
        }
        if version < 5 {
            try db.execute(sql: kindNumberIndex)
            try db.execute(sql: TallyRows.table)
            try db.execute(sql: Snapshots.tables)
            try TallyRows.rebuild(db)
        }
        if version < 6 {
            // Version 6 (December 2026): the tallies count callbacks made (the callback
            // figures); the snapshots' tallies lack them, so they are taken again.
            if version >= 5 { try TallyRows.rebuild(db) }
            try db.execute(sql: RecordRows.table)
            try db.execute(sql: NoticeRows.table)
            try Snapshots.drop(db)
        }
        if version < 7 {
            // Version 7 (December 2026): the intake queue (e-mail and other gateways).
            try db.execute(sql: IntakeRows.table)
        }
    }

    /// Version 5 (November 2026): the figure tallies, an index of the clocks still live, one
    /// of items by kind and number (lists of all items, paged), and snapshots for `--as-of`.
    static let kindNumberIndex = "CREATE INDEX IF NOT EXISTS items_kind_num ON items(kind, num)"

    /// Version 4 (November 2026): sign-in PINs (salted hashes) and wrong-PIN counts; the
    /// items' search index (`items_fts`); the department an item was sent to.
    static let pins = "CREATE TABLE IF NOT EXISTS pins (staff TEXT PRIMARY KEY, data TEXT NOT NULL)"

    /// The journal refuses a second opening of the same item id.
    static let openedOnce = "CREATE UNIQUE INDEX events_opened_once ON events(subject) WHERE type = 'item.opened'"

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    recorded INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    type TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    hash TEXT -- the hash chain: see HashChain
                );
                \(openedOnce);
                \(pins);
                \(ItemSearch.table);
                CREATE INDEX events_subject ON events(subject, seq);
                CREATE INDEX events_recorded ON events(recorded);

                CREATE TABLE counters (kind TEXT PRIMARY KEY, last INTEGER NOT NULL);

                CREATE TABLE sites (id TEXT PRIMARY KEY, data TEXT NOT NULL);
                CREATE TABLE staff (id TEXT PRIMARY KEY, role TEXT NOT NULL, data TEXT NOT NULL);
                CREATE TABLE standards (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, source TEXT);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

                CREATE TABLE items (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    num INTEGER NOT NULL,
                    site TEXT NOT NULL,
                    unit TEXT, location TEXT, channel TEXT,
                    category TEXT NOT NULL, text TEXT NOT NULL,
                    owner TEXT, phone TEXT,
                    emergency INTEGER NOT NULL, complex INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    paused INTEGER NOT NULL, pause_reason TEXT, pause_count INTEGER NOT NULL,
                    cycle INTEGER NOT NULL,
                    assignee TEXT,
                    opened_at INTEGER NOT NULL, resolved_at INTEGER, closed_at INTEGER,
                    rating INTEGER, void_reason TEXT, source TEXT,
                    last_at INTEGER NOT NULL,
                    is_open INTEGER NOT NULL,
                    next_deadline INTEGER,
                    limits TEXT NOT NULL,
                    clocks TEXT NOT NULL,
                    json BLOB NOT NULL, -- the item's fields that do not depend on now, as JSON
                    last_seq INTEGER NOT NULL,
                    department TEXT -- the department it was sent to
                );
                \(openItemIndexes)
                CREATE INDEX items_site ON items(site, kind, opened_at);
                \(kindNumberIndex);

                -- One row per clock, kept with its item: what the figures count.
                CREATE TABLE clocks (
                    item_id TEXT NOT NULL,
                    n INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    item_kind TEXT NOT NULL,
                    site TEXT NOT NULL,
                    cycle INTEGER NOT NULL,
                    started_at INTEGER NOT NULL,
                    deadline INTEGER NOT NULL,
                    stopped_at INTEGER,
                    outcome TEXT,
                    backdated INTEGER NOT NULL,
                    void INTEGER NOT NULL,
                    paused INTEGER NOT NULL,
                    rating INTEGER,
                    imported INTEGER NOT NULL,
                    PRIMARY KEY (item_id, n)
                ) WITHOUT ROWID;
                CREATE INDEX clocks_deadline ON clocks(site, kind, deadline);
                CREATE INDEX clocks_stopped ON clocks(site, kind, stopped_at);
                \(TallyRows.table)
                \(Snapshots.tables)
                \(RecordRows.table)
                \(NoticeRows.table)
                \(IntakeRows.table)

                -- Duties ticked, checkpoints scanned, trainings, surveys.
                CREATE TABLE ticks (
                    occurrence TEXT PRIMARY KEY,
                    site TEXT NOT NULL, kind TEXT NOT NULL, location TEXT NOT NULL, day TEXT NOT NULL,
                    at INTEGER NOT NULL, actor TEXT NOT NULL, backdated INTEGER NOT NULL, data TEXT NOT NULL
                );
                CREATE INDEX ticks_day ON ticks(site, day);
                CREATE TABLE scans (
                    round TEXT NOT NULL, code TEXT NOT NULL,
                    site TEXT NOT NULL, route TEXT NOT NULL, day TEXT NOT NULL,
                    at INTEGER NOT NULL, actor TEXT NOT NULL, backdated INTEGER NOT NULL, data TEXT NOT NULL,
                    PRIMARY KEY (round, code)
                ) WITHOUT ROWID;
                CREATE INDEX scans_day ON scans(site, day);
                CREATE INDEX scans_actor ON scans(actor, at);
                CREATE TABLE trainings (id TEXT PRIMARY KEY, date TEXT NOT NULL, data TEXT NOT NULL);
                CREATE TABLE surveys (id TEXT PRIMARY KEY, site TEXT NOT NULL, at INTEGER NOT NULL, score REAL NOT NULL, data TEXT NOT NULL);
                CREATE INDEX surveys_at ON surveys(site, at);
                """)
    }
}
