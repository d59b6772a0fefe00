import Foundation

/// A PostgreSQL server of a test's own, in a scratch folder on a loopback port, stopped
/// and removed when the test ends: a test that restarts its server would otherwise cut
/// every other test's connections. `WUYE_TEST_PG_BIN` names PostgreSQL's programs and
/// `WUYE_TEST_PG_AS` the command that runs them as the server's user when the tests run
/// as root (`.ci/run` sets both); without them there is no server and the test returns.
public final class PostgresServer: @unchecked Sendable {
    let bin: String
    let runAs: [String]
    let dir: String
    public let port: Int
    /// The address of its `postgres` database.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    /// With `tls`, the server has a self-signed certificate and takes connections over TLS
    /// only (`hostssl` in its `pg_hba.conf`, every other connection refused).
    let tls: Bool

    public init?(tls: Bool = false) throws {
        let env = ProcessInfo.processInfo.environment
        guard let bin = env["WUYE_TEST_PG_BIN"], !bin.isEmpty else { return nil }
        self.bin = bin
        runAs = (env["WUYE_TEST_PG_AS"] ?? "").split(separator: " ").map(String.init)
        dir = NSTemporaryDirectory() + "wuye-pg-" + UUID().uuidString.prefix(8)
        port = 56_000 + Int.random(in: 0..<2000)
        self.tls = tls
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if !runAs.isEmpty { _ = try Child("/bin/chown", ["postgres", dir], capture: false).wait() }
        guard try pg("initdb", ["-D", dir + "/data", "-A", "trust", "-U", "postgres"]) == 0 else {
            throw PostgresServerError.notStarted(dir)
        }
        if tls {
            let key = dir + "/data/server.key"
            let cert = dir + "/data/server.crt"
            _ = try Child(
                "/usr/bin/env",
                runAs + [
                    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=localhost",
                    "-days", "1",
                ],
                capture: false
            ).wait()
            try "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 reject\n".write(
                toFile: dir + "/data/pg_hba.conf", atomically: false, encoding: .utf8)
        }
        guard try control("start") == 0 else { throw PostgresServerError.notStarted(dir) }
    }

    enum PostgresServerError: Error { case notStarted(String) }

    func pg(_ program: String, _ args: [String]) throws -> Int32 {
        // Not captured: the server pg_ctl starts would hold a pipe open for as long as it runs.
        try Child("/usr/bin/env", runAs + [bin + "/" + program] + args, capture: false).wait()
    }

    /// `pg_ctl start`, `stop` or `restart` (fast: open connections are cut), waiting for it.
    @discardableResult
    public func control(_ action: String) throws -> Int32 {
        try pg(
            "pg_ctl",
            [
                "-D", dir + "/data", "-l", dir + "/log", "-w", "-m", "fast", "-o",
                "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1" + (tls ? " -c ssl=on" : ""),
                action,
            ])
    }

    /// Restarts the server while `wuye-bench writer` (at `bench`) commits into it from the
    /// data folder `home`; returns the ids the writer acknowledged before and after.
    public func restartWhileWriting(bench: String, home: String, tag: String) throws -> [String] {
        let w = try Child(bench, ["writer", "--home", home, "--store", url, "--count", "100000", "--tag", tag])
        let early = w.readSome()
        guard try control("restart") == 0 else { throw PostgresServerError.notStarted(dir) }
        kill(w.pid, SIGTERM)
        let late = w.readAll().0
        _ = w.wait()
        return acknowledgedIDs(early + late)
    }

    deinit {
        _ = try? pg("pg_ctl", ["-D", dir + "/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: dir)
    }
}
