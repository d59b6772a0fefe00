import ArgumentParser
import Foundation
import WuyeCore

// Everything a command reports goes through here: one line on stderr that says what was
// wrong, and the contract's exit status.

signal(SIGPIPE, SIG_IGN)  // a closed pipe is a failed write, reported, not a silent death
let given = Array(CommandLine.arguments.dropFirst())
do {
    // No argument may carry a control character into the store or onto a screen (line
    // breaks and tabs are text).
    for (n, a) in given.enumerated() {
        if let c = StoredText.forbidden(in: a, lineBreaks: true) {
            let option = n > 0 && given[n - 1].hasPrefix("--") ? "the value of \(given[n - 1])" : "argument \(n + 1)"
            throw WuyeError.badInput("\(option) contains \(StoredText.name(c)); remove it (control characters cannot be stored)")
        }
    }
    if let list = FastPath.command(given) {
        try list()
    } else {
        var command = try Wuye.parseAsRoot(Arguments.negativeValuesJoined(given))
        try command.run()
    }
    try Output.finish()
} catch let e as WuyeError {
    Output.error(e.message)
    exit(e.kind.rawValue)
} catch {
    let code = Wuye.exitCode(for: error)
    if code == .success {
        Output.flush()
        Wuye.exit(withError: error)  // --help, --version
    }
    // Argument Parser's own usage errors, reduced to one line with a pointer to --help.
    let full = Wuye.message(for: error)
    let first = (full.split(separator: "\n").first.map(String.init) ?? full).replacingOccurrences(of: "Error: ", with: "")
    let path = given.prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
    Output.error("\(first); see 'wuye \(path.isEmpty ? "" : path + " ")--help'")
    exit(WuyeError.Kind.badInput.rawValue)
}

enum Arguments {
    /// `--rating -1` would read as a missing value followed by an unknown option; it is
    /// passed as `--rating=-1`, so that the value is checked and the message says what is
    /// allowed.
    static func negativeValuesJoined(_ a: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < a.count {
            let x = a[i]
            if x.hasPrefix("--"), !x.contains("="), i + 1 < a.count, a[i + 1].count > 1, a[i + 1].hasPrefix("-"),
                a[i + 1].dropFirst().first?.isNumber == true
            {
                out.append(x + "=" + a[i + 1])
                i += 2
            } else {
                out.append(x)
                i += 1
            }
        }
        return out
    }
}
