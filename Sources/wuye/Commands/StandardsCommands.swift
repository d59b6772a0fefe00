import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

struct StandardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standards", abstract: "The limits, windows and targets in force.", subcommands: [Show.self, Load.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the standards in force: every value the clocks use, with where it comes from.",
            discussion: "The output is itself a standards file: redirect it to a file to start your own.")
        @OptionGroup var g: GlobalOptions
        @Flag(help: "Print the built-in defaults instead (a starting point for your own file).") var defaults = false
        @Flag(help: "Print the standards file as it was loaded, unchanged.") var file = false
        @Flag(help: "JSON output.") var json = false

        func validate() throws {
            if [defaults, file, json].filter({ $0 }).count > 1 {
                throw WuyeError.badInput("--defaults, --file and --json exclude one another; give one")
            }
        }

        func run() throws {
            if defaults {
                Output.line(Standards.defaultTOML)
                return
            }
            let store = try Env(g).store()
            let source = try store.standardsSource()
            if file {
                Output.line(source)
                return
            }
            let inForce = try store.standards()
            let loaded = try store.events(subject: "standards").last
            let lines = loaded == nil ? [:] : Standards.keysSet(in: source)
            let fromFile = loaded == nil ? nil : try? Standards.parse(source)
            let defaults = Standards().entries
            let fileValues = fromFile?.entries
            // Where each value comes from; a value the file sets but that is not in force
            // (a file loaded before its line could be read) is said so.
            func origin(_ n: Int, _ e: Standards.Entry) -> (String, String, Int?) {
                if let p = lines[e.key] {
                    if fileValues?[n].value == e.value { return ("file", "file, line \(p.line)", p.line) }
                    return (
                        "default",
                        "NOT the file's line \(p.line) (\(fileValues?[n].value ?? "?")): it was not read when the file was loaded; load the file again",
                        p.line
                    )
                }
                return e.value == defaults[n].value ? ("default", "built-in default", nil) : ("file", "file", nil)
            }
            let entries = inForce.entries
            if json {
                var w = JSONWriter()
                w.beginArray()
                for (n, e) in entries.enumerated() {
                    let (src, _, line) = origin(n, e)
                    w.beginObject()
                    w.field("key", e.key)
                    w.field("value", e.value)
                    w.field("source", src)
                    w.field("line", line)
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
                return
            }
            let zone = try store.sites().first?.zone ?? .utc
            if let loaded {
                Output.line(
                    "# Standards in force: '\(inForce.name)', loaded by \(loaded.actor) at \(ISOFormat.string(loaded.recorded, in: zone)).")
            } else {
                Output.line("# Standards in force: the built-in service-quality plan; no file has been loaded.")
            }
            Output.line("# Each value as the clocks use it, with where it comes from. This is itself a standards file.")
            var table = ""
            for (n, e) in entries.enumerated() {
                let dot = e.key.lastIndex(of: ".")
                let t = dot.map { String(e.key[..<$0]) } ?? ""
                let key = dot.map { String(e.key[e.key.index(after: $0)...]) } ?? e.key
                if t != table {
                    Output.line("")
                    Output.line("[\(t)]")
                    table = t
                }
                let text = "\(key) = \(e.value)"
                Output.line(DisplayWidth.fit(text, to: max(40, DisplayWidth.of(text) + 1)) + " # " + origin(n, e).1)
            }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load", abstract: "Put a company's own standards file in force (supervisor only).",
            discussion: "Prints each value that changes (key, old → new). Clocks already running keep their limits.")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The standards file (TOML).") var file: String
        @Flag(help: "Show what would change, and save nothing.") var dryRun = false

        func run() throws {
            let env = try Env(g)
            let text = try readFile(file)
            let standards = try Standards.parse(text, file: file)
            let store = try env.store()
            let changes = try store.standards().changes(to: standards)
            for c in changes { Output.line(c) }
            if changes.isEmpty { Output.said("no value changes") }
            if dryRun {
                Output.said("dry run: nothing saved")
                return
            }
            try store.loadStandards(standards, source: text, actor: try env.requireActor(), now: env.now)
            Output.said(
                "saved: standards '\(standards.name)' in force; \(changes.count) value\(changes.count == 1 ? "" : "s") changed; clocks already running keep their limits"
            )
        }
    }
}
