import Testing
import WuyeConsole
import WuyeCore
import WuyeTestSupport

@Suite("The cell grid")
struct GridTests {
    /// Text and boxes drawn over one another in any order leave every row exactly as wide
    /// as the grid, and no half of a wide character without its other half: a half left
    /// over is a column the terminal and the grid count differently, and the rest of the
    /// row is drawn one column off.
    @Test func nothingDrawnOverAWideCharacterLeavesHalfOfIt() {
        var g = CellGrid(width: 6, height: 1)
        g.put("漏水", x: 0, y: 0)
        g.put("电", x: 1, y: 0)  // over the right half of 漏 and the left half of 水
        #expect(g.line(0) == " 电   ")
        g.put("楼上", x: 0, y: 0)
        g.fill(Rect(x: 1, y: 0, width: 2, height: 1))  // the right half of 楼, the left of 上
        #expect(g.line(0) == "      ")
        var rng = SeededRandom(seed: 11)
        let words = ["电梯", "ok", "楼上漏水", "a", "投诉#12", "水"]
        for _ in 0..<500 {
            var h = CellGrid(width: 13, height: 2)
            for _ in 0..<rng.next(in: 1..<10) {
                let y = rng.next(in: 0..<2)
                if rng.next(in: 0..<4) == 0 {
                    h.fill(Rect(x: rng.next(in: 0..<13), y: y, width: rng.next(in: 1..<6), height: 1))
                } else {
                    h.put(words[rng.next(in: 0..<words.count)], x: rng.next(in: 0..<13), y: y)
                }
            }
            for y in 0..<2 {
                #expect(DisplayWidth.of(h.line(y)) == 13, "\(h.line(y))")
                for x in 0..<13 {
                    let wide = DisplayWidth.of(h[x, y].text) == 2 && !h[x, y].continuation
                    #expect(wide == (x + 1 < 13 && h[x + 1, y].continuation), "column \(x) of \(h.line(y))")
                }
            }
        }
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverCut() {
        var g = CellGrid(width: 10, height: 2)
        #expect(g.put("投诉#12", x: 0, y: 0) == 7)
        #expect(g.line(0) == "投诉#12   ")
        #expect(g[1, 0].continuation)
        // Five columns hold two wide characters and not half of a third: the cut is marked.
        var h = CellGrid(width: 10, height: 1)
        #expect(h.put("电梯故障", x: 0, y: 0, maxWidth: 5) == 5)
        #expect(h.line(0) == "电梯…     ")
        // At the right edge a wide character that does not fit is left out, and marked.
        var e = CellGrid(width: 5, height: 1)
        e.put("abcd电", x: 0, y: 0)
        #expect(e.line(0) == "abcd…")
        // Four columns for five: the fourth shows the cut.
        var f = CellGrid(width: 6, height: 1)
        f.put("abcde", x: 0, y: 0, maxWidth: 4)
        #expect(f.line(0) == "abc…  ")
        // What fits exactly is not marked.
        var exact = CellGrid(width: 4, height: 1)
        exact.put("电梯", x: 0, y: 0)
        #expect(exact.line(0) == "电梯")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var g = CellGrid(width: 6, height: 1)
        g.put("电梯", x: 0, y: 0)
        g.put("x", x: 1, y: 0)
        #expect(g.line(0) == " x梯  ")
        g.put("y", x: 2, y: 0)
        #expect(g.line(0) == " xy   ")
    }

    @Test func controlsAreInertOnTheGrid() {
        var g = CellGrid(width: 20, height: 1)
        g.put("a\u{1B}[2Jb\r", x: 0, y: 0)
        #expect(g.line(0) == "a␛[2Jb^M            ")
    }

    @Test func emptyAndTinyGrids() {
        var z = CellGrid(width: 0, height: 0)
        #expect(z.put("x", x: 0, y: 0) == 0)
        #expect(z.lines == [])
        var one = CellGrid(width: 1, height: 1)
        // A wide character in one column: never half of it, the cut marked.
        one.put("电", x: 0, y: 0)
        #expect(one.line(0) == "…")
        one.put("ab", x: 0, y: 0)
        #expect(one.line(0) == "…")
        one.put("a", x: 0, y: 0)
        one.put("x", x: 5, y: 5)
        one.put("x", x: -3, y: 0)
        #expect(one.line(0) == "a")
    }

    @Test func zeroWidthJoinersAreShownInertAndShiftNoColumn() {
        var g = CellGrid(width: 30, height: 1)
        let used = g.put("a\u{200D}b|x\u{200B}y|", x: 0, y: 0)
        #expect(g.line(0).hasPrefix("a<U+200D>b|x<U+200B>y|"))
        #expect(used == DisplayWidth.of("a<U+200D>b|x<U+200B>y|"))
        // What follows starts exactly where the count says.
        g.put("Z", x: used, y: 0)
        #expect(g.line(0).hasPrefix("a<U+200D>b|x<U+200B>y|Z"))
    }

    /// Whatever two frames hold, the diff's runs write every cell that changed, each run
    /// in one style and whole characters only.
    @Test func theDiffsRunsTurnOneFrameIntoTheOther() {
        var rng = SeededRandom(seed: 7)
        let words = ["电梯", "ok", "✗ R-6", "楼上漏水", " ", "-00:04:03", "投诉#12", "a"]
        let styles = [Style.plain, Style(bold: true), Style(fg: 1)]
        func frame() -> CellGrid {
            var g = CellGrid(width: 23, height: 4)
            for _ in 0..<rng.next(in: 0..<12) {
                g.put(
                    words[rng.next(in: 0..<words.count)], x: rng.next(in: 0..<23), y: rng.next(in: 0..<4),
                    style: styles[rng.next(in: 0..<styles.count)])
            }
            return g
        }
        for _ in 0..<300 {
            let a = frame()
            let b = frame()
            let runs = b.diff(from: a)
            var covered = Set<Int>()
            for r in runs {
                // A run holds its cells' text in one style, whole characters only.
                var text = ""
                for x in r.x..<(r.x + r.cells) {
                    let c = b[x, r.y]
                    #expect(c.style == r.style)
                    if !c.continuation { text += c.text.isEmpty ? " " : c.text }
                    covered.insert(r.y * b.width + x)
                }
                #expect(text == r.text)
                #expect(!b[r.x, r.y].continuation)
            }
            // Every changed cell is written (a changed continuation with its character).
            for y in 0..<b.height {
                for x in 0..<b.width where a[x, y] != b[x, y] {
                    #expect(covered.contains(y * b.width + x) || (b[x, y].continuation && covered.contains(y * b.width + x - 1)))
                }
            }
            #expect(b.diff(from: b).isEmpty)
        }
    }

    @Test func theDiffWritesOnlyWhatChangedInRunsOfOneStyle() {
        var a = CellGrid(width: 20, height: 2)
        a.put("电梯 ok", x: 0, y: 0)
        // Everything, the first time (and after a resize).
        let first = a.diff(from: nil)
        #expect(first.map(\.y) == [0, 1])
        #expect(first[0].text.hasPrefix("电梯 ok"))
        #expect(first[0].cells == 20)
        #expect(a.diff(from: CellGrid(width: 10, height: 2)).count == 2)
        // Nothing when nothing changed.
        #expect(a.diff(from: a) == [])
        // One changed character: one run, just that cell.
        var b = a
        b.put("K", x: 4, y: 0)
        #expect(b.diff(from: a) == [CellRun(x: 4, y: 0, text: "K", style: .plain, cells: 1)])
        // A changed wide character is written whole, with its continuation.
        var c = a
        c.put("楼", x: 2, y: 0)
        #expect(c.diff(from: a) == [CellRun(x: 2, y: 0, text: "楼", style: .plain, cells: 2)])
        // Another style starts another run.
        var d = a
        d.put("ab", x: 10, y: 1)
        d.put("cd", x: 12, y: 1, style: Style(bold: true))
        #expect(
            d.diff(from: a) == [
                CellRun(x: 10, y: 1, text: "ab", style: .plain, cells: 2),
                CellRun(x: 12, y: 1, text: "cd", style: Style(bold: true), cells: 2),
            ])
    }
}
