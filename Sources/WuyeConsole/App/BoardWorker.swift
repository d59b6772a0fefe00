import Dispatch
import Foundation
import Synchronization
import WuyeCore
import WuyeStore

/// Reads the store off the thread that reads keys: catching up with other processes'
/// commits and computing the figures happen here, on a connection of its own, into a copy
/// of the board. Keys are answered from the board on screen meanwhile; the prepared board
/// is swapped in when it is ready, if nothing changed the board on screen in between (else
/// it is prepared again from the newer one).
public final class BoardWorker: Sendable {
    /// What to prepare, from which board.
    public struct Request: Sendable {
        public var base: Board
        /// The board's generation on screen when asked: a result for an older one is dropped.
        public var generation: Int
        public var now: Instant
        public var figuresSite: String?
        public var catchUp: Bool
    }

    public struct Prepared: Sendable {
        public var board: Board
        public var generation: Int
        public var catchUp: Bool
        /// Whether catching up found anything new.
        public var changed: Bool
        public var error: WuyeError?
        /// How long the preparation took, in milliseconds (the benchmark reads it).
        public var milliseconds: Double
    }

    let store: Store
    private let queue = DispatchQueue(label: "wuye.board", qos: .userInitiated)
    /// Written one byte per result, so that the loop's `poll` wakes.
    public let readFD: Int32
    private let writeFD: Int32
    private let done = Mutex<Prepared?>(nil)

    /// Opens a connection of its own to the store at `path` (the console's own store file).
    public init(storeFile path: String) throws(WuyeError) {
        store = try Store.open(home: (path as NSString).deletingLastPathComponent)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .storeUnusable("cannot make a pipe: \(String(cString: strerror(errno)))") }
        readFD = fds[0]
        writeFD = fds[1]
        _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Prepares a board on the worker's thread; the loop learns of it through `readFD`.
    public func submit(_ r: Request) {
        queue.async { [self] in
            let result = Self.prepare(r, store: store)
            done.withLock { $0 = result }
            var b: UInt8 = 1
            _ = write(writeFD, &b, 1)
        }
    }

    /// The result, once `readFD` was readable (nil if none yet).
    public func take() -> Prepared? {
        var buf = [UInt8](repeating: 0, count: 16)
        while read(readFD, &buf, 16) > 0 {}
        return done.withLock { p in
            defer { p = nil }
            return p
        }
    }

    /// The work itself: the same `Board` code the console ran on its own thread before.
    static func prepare(_ r: Request, store: Store) -> Prepared {
        let start = DispatchTime.now().uptimeNanoseconds
        var b = r.base
        var changed = false
        var error: WuyeError?
        do throws(WuyeError) {
            if r.catchUp { changed = try b.catchUp(store: store, now: r.now, figuresSite: r.figuresSite) }
            if b.needsCounting { try b.recount(store: store, site: r.figuresSite, now: r.now) }
        } catch let e {
            error = e
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return Prepared(board: b, generation: r.generation, catchUp: r.catchUp, changed: changed, error: error, milliseconds: ms)
    }
}

/// Linux's inotify on the store's folder: a commit by another process writes the store's
/// files, which wakes the console at once instead of at its next one-second look. Nothing
/// runs while nothing is written. Where inotify is not available the second's look remains.
public final class StoreWatch {
    public let fd: Int32

    public init?(storeFile path: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
        guard inotify_add_watch(fd, folder.isEmpty ? "." : folder, mask) >= 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Reads what the kernel reported; the loop then asks the store whether a commit landed.
    public func drain() {
        var buf = [UInt8](repeating: 0, count: 4096)
        while read(fd, &buf, buf.count) > 0 {}
    }
}
