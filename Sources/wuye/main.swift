import ArgumentParser
import Foundation
import WuyeCore

// Everything a command reports goes through here: one line on stderr that says what was
// wrong, and the contract's exit status.

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    var command = try Wuye.parseAsRoot(arguments)
    try command.run()
    fflush(nil)
} catch let e as WuyeError {
    fflush(nil)
    Output.error(e.message)
    exit(e.kind.rawValue)
} catch {
    fflush(nil)
    let code = Wuye.exitCode(for: error)
    if code == .success {
        Wuye.exit(withError: error)  // --help, --version
    }
    // Argument Parser's own usage errors, reduced to one line and a pointer to --help.
    let full = Wuye.message(for: error)
    let first = full.split(separator: "\n").first.map(String.init) ?? full
    let path = arguments.prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
    Output.error(first.replacingOccurrences(of: "Error: ", with: ""))
    FileHandle.standardError.write(Data("hint: see 'wuye \(path.isEmpty ? "" : path + " ")--help'\n".utf8))
    exit(WuyeError.Kind.badInput.rawValue)
}
