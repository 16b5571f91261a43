import Foundation
import OneWindowCore
import OneWindowResources
@testable import OneWindowTUI
import Testing

/// The one list widget and the one text wrapper every screen uses (issue 9, item 10): selecting and paging
/// in `Table`, Enter only on a row the clerk saw, and the line-break rules (禁则) of `ScrollText.wrap`.
@Suite("Widgets: one table for every list, one wrapper for every text")
struct ListAndWrapTests {
    static func table(_ count: Int, selectable: Bool = true) -> Table {
        Table(columns: [Table.Column("名"), Table.Column("号", alignRight: true)], rows: (0..<count).map { ["行\($0)", "\($0)"] },
              selectable: selectable)
    }

    static func press(_ t: inout Table, _ key: Key) -> Bool { t.handle(key) }
    static func press(_ c: inout Table.Cursor, _ key: Key) -> Bool { c.handle(key) }
    static func layout(_ c: inout Table.Cursor, _ rows: Int) -> Range<Int> { c.layout(rows: rows) }

    /// Draws heading + 5 rows; returns the first column of each drawn row and its style letters.
    @discardableResult
    static func draw(_ t: inout Table, focused: Bool = true) -> [(text: String, styles: String)] {
        var canvas = Canvas(size: Size(rows: 10, cols: 40))
        t.draw(&canvas, area: Rect(row: 0, col: 0, rows: 6, cols: 40), focused: focused)
        return (1..<6).map { r in
            (canvas.line(r).trimmingCharacters(in: .whitespaces).components(separatedBy: " ").first ?? "", canvas.styleLine(r))
        }
    }

    // MARK: selecting, paging, what Enter may open

    @Test("select(i) picks a row by index (clamped); the next draw scrolls it into view and highlights it")
    func selectByIndex() {
        var t = Self.table(23)
        Self.draw(&t)
        t.select(17)
        #expect(t.selected == 17)
        let rows = Self.draw(&t)
        #expect(rows.map(\.text).contains("行17"))
        #expect(rows.first { $0.text == "行17" }?.styles.hasPrefix("SSS") == true)
        t.select(99)
        #expect(t.selected == 22)
        t.select(-3)
        #expect(t.selected == 0)
    }

    @Test("Enter may open the selected row only while it was drawn: not before the first draw, not after a key moved it off the page, not after new rows, not on a hidden tab")
    func visibleOnly() {
        var t = Self.table(12)
        #expect(t.selectedIfVisible == nil, "never drawn")
        Self.draw(&t)
        #expect(t.selectedIfVisible == 0)
        #expect(Self.press(&t, .down))
        #expect(t.selectedIfVisible == 1, "row 1 was on screen")
        // F8 typed ahead: the selection is on row 6, which was not drawn yet.
        #expect(Self.press(&t, .function(8)))
        #expect(t.selected == 6 && t.selectedIfVisible == nil)
        Self.draw(&t)
        #expect(t.selectedIfVisible == 6)
        // Different rows (a new search): nothing of them was seen.
        t.setRows((0..<12).map { ["新\($0)", "\($0)"] })
        #expect(t.selectedIfVisible == nil)
        Self.draw(&t)
        #expect(t.selectedIfVisible == 6)
        // The same rows again (a reload that changed nothing): still seen.
        t.setRows((0..<12).map { ["新\($0)", "\($0)"] })
        #expect(t.selectedIfVisible == 6)
        // Another tab drawn instead of this list.
        t.cursor.hide()
        #expect(t.selectedIfVisible == nil)
        // A list that is only read has nothing to open.
        var statement = Self.table(12, selectable: false)
        Self.draw(&statement)
        #expect(statement.selectedIfVisible == nil)
    }

    @Test("F7/F8 and PgUp/PgDn turn pages (the last stays full), Home/End go to the ends, the page number follows")
    func paging() {
        var t = Self.table(12)
        Self.draw(&t)
        #expect(t.pageSize == 5 && t.cursor.pages && t.cursor.page == (1, 3))
        #expect(Self.press(&t, .function(8)))
        #expect(Self.draw(&t).first?.text == "行5" && t.cursor.page == (2, 3))
        #expect(Self.press(&t, .pageDown))
        #expect(Self.draw(&t).first?.text == "行7" && t.cursor.page == (3, 3))  // rows 7…11: the last page, full
        #expect(t.selected == 10)
        #expect(Self.press(&t, .function(7)) && Self.press(&t, .pageUp))
        #expect(Self.draw(&t).first?.text == "行0" && t.selected == 0)
        #expect(!Self.press(&t, .function(7)), "already on the first page")
        #expect(Self.press(&t, .end))
        #expect(t.selected == 11 && Self.draw(&t).last?.text == "行11")
        #expect(Self.press(&t, .home))
        #expect(t.selected == 0 && Self.draw(&t).first?.text == "行0")
        // A list that fits one page: no page to turn; F8 goes to its last row.
        var short = Self.table(3)
        Self.draw(&short)
        #expect(!short.cursor.pages && Self.press(&short, .function(8)) && short.selected == 2 && short.top == 0)
        #expect(Table.Cursor.isListKey(.function(7)) && Table.Cursor.isListKey(.pageDown) && !Table.Cursor.isListKey(.enter))
    }

    @Test("A statement (not selectable) pages with F7/F8, leaves ↑↓ to the screen, highlights nothing, styles its cells")
    func statement() {
        var t = Table(columns: [Table.Column("月"), Table.Column("状态")], rows: (0..<8).map { ["\($0)", $0 == 6 ? "欠费" : "已到账"] },
                      selectable: false)
        t.setRows(t.rows, styles: (0..<8).map { $0 == 6 ? [.normal, .error] : [] })
        var rows = Self.draw(&t)
        #expect(!rows.contains { $0.styles.contains("S") })
        #expect(!Self.press(&t, .down) && !Self.press(&t, .up))
        #expect(Self.press(&t, .function(8)))
        rows = Self.draw(&t)
        #expect(rows.map(\.text) == ["3", "4", "5", "6", "7"])
        #expect(rows[3].styles.contains("e") && !rows[2].styles.contains("e"))
    }

    @Test("A list drawn by hand (two rows a claim) pages through the same cursor")
    func cursorByHand() {
        var c = Table.Cursor(count: 9)
        #expect(Self.layout(&c, 4) == 0..<4)
        #expect(c.openable == 0)
        #expect(Self.press(&c, .function(8)))
        #expect(c.openable == nil)
        #expect(Self.layout(&c, 4) == 4..<8 && c.openable == 4)
        #expect(Self.press(&c, .function(8)))
        #expect(Self.layout(&c, 4) == 5..<9 && c.selected == 8)
        c.reset(count: 2)
        #expect(c.selected == 1 && c.openable == nil && !c.pages)
    }

    // MARK: the one wrapper

    @Test("Wrapping: Latin words and numbers move whole, CJK breaks anywhere, a wide character is never split")
    func wrapWords() {
        #expect(ScrollText.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(ScrollText.wrap("生育津贴按月平均工资计算", width: 9) == ["生育津贴", "按月平均", "工资计算"])
        for line in ScrollText.wrap("生育津贴按月平均工资计算 and some English words", width: 9) {
            #expect(DisplayWidth.of(line) <= 9)
        }
        #expect(ScrollText.wrap("合计 19,600.00 元整", width: 12) == ["合计", "19,600.00 元", "整"])
        // A number before closing punctuation moves whole with it.
        #expect(ScrollText.wrap("次均 2,933.33；合计", width: 13) == ["次均", "2,933.33；合", "计"])
        #expect(ScrollText.wrap("", width: 8) == [""])
    }

    @Test("禁则: no closing punctuation (，。）」』】》！？ and their Latin kin) starts a row; the character before goes along")
    func noLineStart() {
        for mark in ["，", "。", "）", "」", "』", "】", "》", "！", "？", "!", "?"] {
            let rows = ScrollText.wrap("一二三四" + mark + "五", width: 8)
            #expect(rows == ["一二三", "四" + mark + "五"], "\(mark)")
        }
    }

    @Test("Two closing marks at a row's end (）。) both stay off the next row's start: the character before them goes along")
    func closingPair() {
        // 37 characters fill 74 of 76 columns; "）" fits exactly, "。" does not.
        let text = String(repeating: "甲", count: 32) + "（两险同步）。后文"
        let rows = ScrollText.wrap(text, width: 76)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { !ScrollText.noLineStart.contains($0.first ?? " ") })
        #expect(rows[1].hasPrefix("步）。"))
    }

    @Test("A bracket opened late in a row moves down with its remark; a closed one stays")
    func brackets() {
        #expect(ScrollText.wrap("标准1100.00元（样例数值，未确认）", width: 24) == ["标准1100.00元", "（样例数值，未确认）"])
        // Opened early in the row: it stays, and its closing mark takes the character before it along.
        #expect(ScrollText.wrap("天津市《生育保险办法》第十条规定", width: 20) == ["天津市《生育保险办", "法》第十条规定"])
        #expect(ScrollText.wrap("依据【津政办规】第九条办理手续", width: 20) == ["依据【津政办规】第九", "条办理手续"])
    }

    @Test("No row starts or ends with the space it broke at; continuation rows have their own width")
    func spacesAndContinuation() {
        let rows = ScrollText.wrap("one  two three", width: 4)
        #expect(rows.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
        #expect(rows == ["one", "two", "thre", "e"])
        #expect(ScrollText.wrap("一二三四五六七八", width: 8, continuation: 4) == ["一二三四", "五六", "七八"])
    }

    // MARK: the one computation renderer

    @Test("A computation line's style comes from its severity, not from its string key")
    func computationBySeverity() throws {
        let ui = UIContext(strings: try StringTable(language: .zh), storePath: "/tmp/x.sqlite", trainingStore: false)
        let lines = [
            ComputationLine(Message("out.claim.leave"), unit: .heading),
            ComputationLine(Message("out.claim.refused", [.message(Message("reason.required"))]), unit: .none),  // key alone: not a refusal
            ComputationLine(Message("out.claim.eligible"), unit: .none, severity: .refusal),
            ComputationLine(Message("out.claim.eligible"), unit: .none, severity: .deferral),
            ComputationLine(Message("out.claim.eligible"), 9_800_00, unit: .fen, confirmed: false),
        ]
        let shown = ClaimKit.computation(lines, ui)
        #expect(shown.map(\.style) == [.heading, .normal, .error, .warning, .warning])
        #expect(shown[4].figure == "9,800.00" && shown[4].text.hasSuffix(ui.text("out.claim.sample")))
    }
}
