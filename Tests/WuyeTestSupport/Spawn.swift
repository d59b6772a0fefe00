import Foundation

/// Child processes for tests, started with `posix_spawn` and reaped with `waitpid`.
/// (Foundation's `Process.waitUntilExit` can miss a child's exit when many tests spawn
/// processes at once, and a test suite must never hang.)
public final class Child: @unchecked Sendable {
    public let pid: pid_t
    let outFD: Int32
    let errFD: Int32
    private var status: Int32?

    /// Starts `path` with `args`; `env` replaces the environment when given. Standard
    /// input is `stdinFile` or /dev/null; standard output and error are pipes, or /dev/null.
    public init(_ path: String, _ args: [String], env: [String: String]? = nil, capture: Bool = true, stdinFile: String? = nil) throws {
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, stdinFile ?? "/dev/null", O_RDONLY, 0)
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        if capture {
            pipe(&out)
            pipe(&err)
            posix_spawn_file_actions_adddup2(&fa, out[1], 1)
            posix_spawn_file_actions_adddup2(&fa, err[1], 2)
            posix_spawn_file_actions_addclose(&fa, out[0])
            posix_spawn_file_actions_addclose(&fa, err[0])
        } else {
            posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0)
        }
        let environment = env ?? ProcessInfo.processInfo.environment
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var p: pid_t = 0
        let rc = posix_spawn(&p, path, &fa, nil, argv, envp)
        if capture {
            close(out[1])
            close(err[1])
        }
        guard rc == 0 else {
            if capture {
                close(out[0])
                close(err[0])
            }
            throw NSError(domain: "spawn", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "cannot start \(path)"])
        }
        pid = p
        outFD = capture ? out[0] : -1
        errFD = capture ? err[0] : -1
    }

    deinit {
        if outFD >= 0 { close(outFD) }
        if errFD >= 0 { close(errFD) }
        if status == nil {
            kill(pid, SIGKILL)
            _ = wait()
        }
    }

    /// Waits until some standard output is there (or the end), and returns it.
    public func readSome() -> Data {
        var buf = [UInt8](repeating: 0, count: 65536)
        let n = read(outFD, &buf, buf.count)
        return n > 0 ? Data(buf[0..<n]) : Data()
    }

    /// Reads standard output and error to their ends.
    public func readAll() -> (Data, Data) {
        var out = Data()
        var err = Data()
        var open = [outFD, errFD].filter { $0 >= 0 }
        var buf = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), 1000) < 0 && errno != EINTR { break }
            for f in fds where f.revents != 0 {
                let n = read(f.fd, &buf, buf.count)
                if n > 0 {
                    if f.fd == outFD { out.append(contentsOf: buf[0..<n]) } else { err.append(contentsOf: buf[0..<n]) }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == f.fd }
                }
            }
        }
        return (out, err)
    }

    /// Waits for the end; the exit status, or 128 + the signal that ended it.
    @discardableResult
    public func wait() -> Int32 {
        if let status { return status }
        var s: Int32 = 0
        while waitpid(pid, &s, 0) < 0 && errno == EINTR {}
        let code = (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f)
        status = code
        return code
    }

    public var killedBySignal: Bool { (status ?? 0) > 128 }

    /// Runs to the end: status, standard output and error.
    public static func run(_ path: String, _ args: [String], env: [String: String]? = nil, stdinFile: String? = nil) throws -> (
        Int32, String, String
    ) {
        let c = try Child(path, args, env: env, stdinFile: stdinFile)
        let (out, err) = c.readAll()
        let status = c.wait()
        return (status, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// The ids `wuye-bench writer` acknowledged in its output: it prints "ID TAG N" only after
/// each commit returned, so a line that a kill cut short was not acknowledged.
public func acknowledgedIDs(_ output: Data) -> [String] {
    String(decoding: output, as: UTF8.self).split(separator: "\n").filter { $0.split(separator: " ").count == 3 }
        .map { String($0.split(separator: " ")[0]) }
}
