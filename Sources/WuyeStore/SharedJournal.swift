import WuyeCore

/// One event of the journal as it is kept: the fields its hash covers, and the hash.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int64
    public var at: Int64
    public var recorded: Int64
    public var actor: String
    public var type: String
    public var subject: String
    public var payload: String
    public var hash: String

    public init(
        seq: Int64, at: Int64, recorded: Int64, actor: String, type: String, subject: String, payload: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.recorded = recorded
        self.actor = actor
        self.type = type
        self.subject = subject
        self.payload = payload
        self.hash = hash
    }

    var fields: HashChain.Fields {
        HashChain.Fields(seq: seq, at: at, recorded: recorded, actor: actor, type: type, subject: subject, payload: payload)
    }
}

/// What a writer finds when it takes the shared journal's write lock: the journal's last
/// number, the events this machine's copy has not taken in yet, and the id counters.
public struct JournalState: Sendable {
    public var head: Int64
    public var missed: [JournalEntry]
    public var counters: [String: Int64]

    public init(head: Int64, missed: [JournalEntry], counters: [String: Int64]) {
        self.head = head
        self.missed = missed
        self.counters = counters
    }
}

/// A journal kept outside this machine (PostgreSQL): the record of truth that the desks,
/// guards and supervisors of every site share. Each machine keeps a working copy, an
/// SQLite store of its own that holds the same journal and every projection; it takes in
/// the shared journal's events in order, verifying each hash, and writes through it.
/// So every reader of the product reads the working copy as it reads a store file, and
/// every writer decides against it while holding the shared journal's lock.
public protocol SharedJournal: AnyObject, Sendable {
    /// Where the journal is, for messages (never a password).
    var location: String { get }
    /// Checks that the journal is Wuye's and of a version this program reads; with
    /// `create`, an empty database is given the journal's tables first.
    func prepare(create: Bool) throws(WuyeError)
    /// The number of the journal's last event (0 when it holds none).
    func head() throws(WuyeError) -> Int64
    /// The event numbered `seq`, if the journal holds it.
    func entry(_ seq: Int64) throws(WuyeError) -> JournalEntry?
    /// Up to `limit` events after `seq`, in order.
    func entries(after seq: Int64, limit: Int) throws(WuyeError) -> [JournalEntry]
    /// The id counters (the last number given for each kind of id).
    func counters() throws(WuyeError) -> [String: Int64]
    /// One write: takes the journal's write lock (one writer at a time on every machine),
    /// hands `body` what the copy at `localHead` missed, then appends the events `body`
    /// returns and the counters it moved, tells every listener, and commits. When `body`
    /// throws, nothing is written.
    func write<T>(after localHead: Int64, _ body: (JournalState) throws -> (T, [JournalEntry], [String: Int64])) throws -> T
    /// Appends a whole journal to an empty one (a store copied in), in one transaction.
    func load(_ entries: [JournalEntry], counters: [String: Int64]) throws(WuyeError)
    /// Calls `changed` when another writer commits, and `connected` when the connection
    /// is lost (false) or back (true), until the returned follower is stopped.
    func follow(changed: @escaping @Sendable () -> Void, connected: @escaping @Sendable (Bool) -> Void) -> any JournalFollower
}

/// A running subscription to a shared journal's commits.
public protocol JournalFollower: AnyObject, Sendable {
    func stop()
}
