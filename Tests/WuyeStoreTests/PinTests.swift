import Foundation
import Testing
import WuyeCore
import WuyeStore
import WuyeTestSupport

@Suite("Sign-in PINs")
struct PinTests {
    @Test func aPinIsKeptHashedAndThreeWrongOnesLockTheIdForAMinute() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let t0 = realNow
        #expect(try store.signIn("desk-li", pin: nil, now: t0).id == "desk-li")  // no PIN yet
        try store.setPin("2468", for: "desk-li", actor: "desk-li", now: t0)
        #expect(try store.hasPin("desk-li"))
        // Never in clear: not in the journal, not in the rows.
        let (_, dump, _) = try Child.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select payload from events').fetchall(), c.execute('select * from pins').fetchall())",
                home.file,
            ])
        #expect(!dump.contains("2468"))
        #expect(throws: WuyeError.refused("desk-li signs in with a PIN")) { try store.signIn("desk-li", pin: nil, now: t0) }
        #expect(try store.signIn("desk-li", pin: "2468", now: t0).id == "desk-li")
        for n in 1...3 {
            #expect(throws: WuyeError.self, "wrong PIN \(n)") { try store.signIn("desk-li", pin: "1111", now: t0 + Int64(n)) }
        }
        // Locked: even the right PIN waits out the minute.
        do {
            try store.signIn("desk-li", pin: "2468", now: t0 + 10)
            Issue.record("a locked id signed in")
        } catch {
            #expect(error.message.hasPrefix("desk-li is locked after 3 wrong PINs; try again in "))
        }
        #expect(try store.signIn("desk-li", pin: "2468", now: t0 + 3 + 61).id == "desk-li")
        // Another desk cannot set it; a supervisor can set or clear it.
        #expect(throws: WuyeError.self) { try store.setPin("1357", for: "desk-li", actor: "desk-zhao", now: t0) }
        try store.setPin(nil, for: "desk-li", actor: "sup-huang", now: t0 + 100)
        #expect(try !store.hasPin("desk-li"))
        #expect(throws: WuyeError.badInput("a PIN is 4 to 8 digits")) {
            try store.setPin("12a4", for: "desk-li", actor: "desk-li", now: t0)
        }
        #expect(try store.check().differences == [])
    }
}
