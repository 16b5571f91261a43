import Foundation
import OneWindowCore
import OneWindowResources
@testable import OneWindowTUI
import Testing

/// CJK editing against the real widgets: the text field, the table, the form and the canvas they draw on.
/// Every check reads the cells a terminal would show, so a caret or a column off by one cell fails here.
@Suite("Widgets: CJK editing, scrolling, clipping, alignment")
struct WidgetTests {
    /// Draws `field` into a fresh 80-column row at (0, col) with `width`, cells beyond the field marked "|".
    static func draw(_ field: inout TextField, col: Int = 5, width: Int) -> (canvas: Canvas, caret: Int) {
        var canvas = Canvas(size: Size(rows: 1, cols: 80))
        canvas.put("|", row: 0, col: col - 1)
        canvas.put("|", row: 0, col: col + width)
        let caret = field.draw(&canvas, row: 0, col: col, width: width, style: .input)
        return (canvas, caret)
    }

    /// The text inside the field's cells, as a terminal shows it.
    static func shown(_ canvas: Canvas, col: Int = 5, width: Int) -> String {
        canvas.cells[0][col..<col + width].map(\.text).joined()
    }

    /// No half character anywhere in the field: no continuation cell without its lead inside the field,
    /// no lead without its continuation, and the cells around the field untouched.
    static func expectWhole(_ canvas: Canvas, col: Int = 5, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let row = canvas.cells[0]
        #expect(row[col - 1].text == "|" && row[col + width].text == "|", "field drew outside its columns", sourceLocation: sourceLocation)
        #expect(!row[col].isContinuation, "field starts with the right half of a wide character", sourceLocation: sourceLocation)
        for c in col..<col + width where !row[c].isContinuation && DisplayWidth.of(row[c].text) == 2 {
            #expect(c + 1 < col + width && row[c + 1].isContinuation, "wide character cut at column \(c)", sourceLocation: sourceLocation)
        }
    }

    // MARK: text field

    @Test("Insert and delete around double-width characters, by whole characters")
    func insertAndDeleteAroundWide() {
        var f = TextField("李娜")
        #expect(f.handle(.left) == .handled)
        #expect(f.handle(.char("小")) == .handled)
        #expect(f.text == "李小娜" && f.caret == 2)
        #expect(f.handle(.char("a")) == .handled)
        #expect(f.text == "李小a娜")
        #expect(f.handle(.backspace) == .handled)
        #expect(f.handle(.backspace) == .handled)
        #expect(f.text == "李娜" && f.caret == 1)
        #expect(f.handle(.delete) == .handled)
        #expect(f.text == "李" && f.caret == 1)
        #expect(f.handle(.delete) == .handled)  // at the end: nothing to delete
        #expect(f.text == "李")
        var (canvas, caret) = Self.draw(&f, width: 10)
        #expect(Self.shown(canvas, width: 10) == "李        ")
        #expect(canvas.cells[0][6].isContinuation)
        #expect(caret == 7)
        // A grapheme of several scalars (a combining accent, a ZWJ emoji) is one character to delete.
        f = TextField("e\u{301}👨‍👩‍👧李")
        _ = f.handle(.left)
        _ = f.handle(.backspace)
        #expect(f.text == "e\u{301}李")
        (canvas, caret) = Self.draw(&f, width: 10)
        #expect(caret == 5 + 1)
    }

    @Test("The caret's column counts wide characters as two; Home and End jump to the ends")
    func caretColumnAfterWide() {
        var f = TextField("")
        var expected = 5
        for c in "李a娜Ｂ9" {
            _ = f.handle(.char(c))
            expected += DisplayWidth.of(c)
            #expect(Self.draw(&f, width: 20).caret == expected, "after typing \(c)")
        }
        #expect(expected == 5 + 2 + 1 + 2 + 2 + 1)
        _ = f.handle(.left)
        #expect(Self.draw(&f, width: 20).caret == 5 + 7)
        _ = f.handle(.left)
        #expect(Self.draw(&f, width: 20).caret == 5 + 5)
        #expect(f.handle(.home) == .handled)
        #expect(Self.draw(&f, width: 20).caret == 5)
        _ = f.handle(.right)
        #expect(Self.draw(&f, width: 20).caret == 7)
        #expect(f.handle(.end) == .handled)
        #expect(Self.draw(&f, width: 20).caret == 5 + 8)
        let ctrlA = f.handle(.ctrl("a"))
        #expect(ctrlA == .handled && f.caret == 0)
        let ctrlE = f.handle(.ctrl("e"))
        #expect(ctrlE == .handled && f.caret == 5)
        // Masked: one star per character, whatever its width.
        var m = TextField("密码ab", masked: true)
        let (canvas, caret) = Self.draw(&m, width: 10)
        #expect(Self.shown(canvas, width: 10) == "****      " && caret == 9)
    }

    @Test("Text longer than the field scrolls: the caret always visible, never half a character")
    func horizontalScroll() {
        let text = "欧阳a中华人民共和国bc万岁ok天津市"
        let width = 9
        var f = TextField("", limit: 60)
        for c in text {
            _ = f.handle(.char(c))
            let (canvas, caret) = Self.draw(&f, width: width)
            #expect((5..<5 + width).contains(caret), "caret outside the field after \(c)")
            Self.expectWhole(canvas, width: width)
            // What is shown ends exactly at the caret: the last typed characters, in order.
            let visible = Self.shown(canvas, width: width).replacingOccurrences(of: " ", with: "")
            #expect(f.text.replacingOccurrences(of: " ", with: "").hasSuffix(visible), "shown \(visible)")
            #expect(visible.last == c)
        }
        _ = f.handle(.home)
        var (canvas, caret) = Self.draw(&f, width: width)
        #expect(caret == 5 && Self.shown(canvas, width: width).hasPrefix("欧阳a中"))
        // Walk right through the whole text: the character under the caret is always drawn whole.
        for i in 0..<f.chars.count {
            (canvas, caret) = Self.draw(&f, width: width)
            #expect((5..<5 + width).contains(caret))
            Self.expectWhole(canvas, width: width)
            #expect(canvas.cells[0][caret].text == String(f.chars[i]), "character under the caret at \(i) not shown")
            _ = f.handle(.right)
        }
        // Walk back left: the view follows the caret to the start.
        for _ in 0..<f.chars.count { _ = f.handle(.left) }
        (canvas, caret) = Self.draw(&f, width: width)
        #expect(caret == 5 && f.scroll == 0)
        // Deleting from the end brings the hidden start back into view: the field never shows
        // blank space on the right while text is hidden on the left.
        _ = f.handle(.end)
        _ = Self.draw(&f, width: width)
        while !f.chars.isEmpty {
            _ = f.handle(.backspace)
            (canvas, caret) = Self.draw(&f, width: width)
            Self.expectWhole(canvas, width: width)
            let shownWidth = DisplayWidth.of(Self.shown(canvas, width: width).replacingOccurrences(of: " ", with: ""))
            #expect(f.scroll == 0 || shownWidth >= width - 2, "only \(shownWidth) columns shown of \(f.text)")
            #expect(caret == 5 + shownWidth)
        }
    }

    @Test("A wide character that would cross the field's right edge is left out, not cut")
    func wideAtFieldEdge() {
        // Nine ASCII then a wide character in a 10-column field, caret before the wide one.
        var f = TextField("abcdefghi中")
        _ = f.handle(.left)
        let (canvas, caret) = Self.draw(&f, width: 10)
        Self.expectWhole(canvas, width: 10)
        #expect(canvas.cells[0][caret].text == "中")
        // With the caret at the start, the same text shows a blank where the wide character does not fit.
        _ = f.handle(.home)
        let (start, _) = Self.draw(&f, width: 10)
        Self.expectWhole(start, width: 10)
        #expect(Self.shown(start, width: 10) == "abcdefghi ")
    }

    @Test("Input past the field's limit is clipped and reported")
    func clippedAtLimit() {
        var f = TextField("", limit: 5)
        #expect(f.handle(.paste("一二三四五六七")) == .clipped)
        #expect(f.text == "一二三四五" && f.caret == 5)
        #expect(f.handle(.char("八")) == .clipped)
        #expect(f.text == "一二三四五")
        _ = f.handle(.home)
        _ = f.handle(.delete)
        #expect(f.handle(.paste("甲乙")) == .clipped)
        #expect(f.text == "甲二三四五" && f.caret == 1)
        // The limit counts characters, not bytes or columns: five wide ones fit a limit of five.
        var g = TextField("", limit: 5)
        let narrowAndWide = g.handle(.paste("ｱ中b文字"))
        #expect(narrowAndWide == .handled && g.text == "ｱ中b文字")
    }

    @Test("A multi-line paste keeps its first line; invisible characters are dropped")
    func multiLinePaste() {
        var f = TextField("", limit: 40)
        #expect(f.handle(.paste("李娜\n王芳\n")) == .firstLineOnly)
        #expect(f.text == "李娜")
        var g = TextField("", limit: 40)
        let crlf = g.handle(.paste("欧阳\r\n娜娜"))
        #expect(crlf == .firstLineOnly && g.text == "欧阳")
        // A single trailing newline (copied with the line) is not a second line.
        var h = TextField("", limit: 40)
        let trailing = h.handle(.paste("110105199003070025\n"))
        #expect(trailing == .handled && h.text == "110105199003070025")
        // Tabs, zero-width spaces and byte-order marks take no column: they never reach the field.
        var z = TextField("", limit: 40)
        #expect(z.handle(.paste("李\u{200B}娜\t\u{FEFF}")) == .handled)
        #expect(z.text == "李娜")
        #expect(Self.draw(&z, width: 10).caret == 5 + 4)
    }

    @Test("Through the home screen: a clipped or multi-line paste says so on the message line")
    func pasteMessages() throws {
        let fixture = try TUIFixture()
        let (app, _) = try fixture.app(language: .en)
        let strings = try StringTable(language: .en)
        let screen = app.press(.paste(String(repeating: "王", count: 50)))
        #expect(screen.line(22).contains(strings("tui.input.clipped", "40")))
        #expect(screen.line(2).contains(String(repeating: "王", count: 5)))
        let again = app.press(.ctrl("u"), .paste("李娜\n王芳"))
        #expect(again.line(22).contains(strings("tui.input.firstLine")))
        #expect(again.line(2).contains("李娜") && !again.line(2).contains("王芳"))
    }

    // MARK: canvas

    @Test("A wide glyph at the screen's last column is not drawn: the cell stays blank")
    func wideAtLastColumn() {
        var canvas = Canvas(size: Size(rows: 2, cols: 80))
        #expect(canvas.put("a中", row: 0, col: 78) == 1)
        #expect(canvas.cells[0][78].text == "a")
        #expect(canvas.cells[0][79] == .blank)
        #expect(canvas.put("中", row: 1, col: 79) == 0)
        #expect(canvas.cells[1][79] == .blank)
        // Clipping to a width does the same inside the screen.
        #expect(canvas.put("一二三", row: 1, col: 0, width: 5) == 4)
        #expect(canvas.line(1) == "一二")
        #expect(canvas.cells[1][4] == .blank)
    }

    @Test("Overwriting half of a wide glyph blanks its other half")
    func overwriteHalf() {
        var canvas = Canvas(size: Size(rows: 1, cols: 80))
        canvas.put("中文字", row: 0, col: 10)
        canvas.put("x", row: 0, col: 11)     // right half of 中
        #expect(canvas.line(0) == String(repeating: " ", count: 10) + " x文字")
        canvas.put("y", row: 0, col: 12)     // left half of 文
        #expect(canvas.line(0) == String(repeating: " ", count: 10) + " xy 字")
        #expect(!canvas.cells[0][13].isContinuation && canvas.cells[0][13].text == " ")
        canvas.put("国", row: 0, col: 15)    // a wide glyph over the right half of 字
        #expect(canvas.line(0) == String(repeating: " ", count: 10) + " xy  国")
        #expect(canvas.cells[0][14].text == " " && canvas.cells[0][16].isContinuation)
        canvas.fill(row: 0, col: 16, width: 1, style: .normal)  // a fill over a right half
        #expect(canvas.cells[0][15].text == " " && canvas.cells[0][16].text == " ")
        // Every continuation cell still follows a wide glyph: the row adds up to exactly 80 columns.
        for c in 1..<80 where canvas.cells[0][c].isContinuation {
            #expect(DisplayWidth.of(canvas.cells[0][c - 1].text) == 2)
        }
    }

    // MARK: table

    /// The display column where `text` starts on a row, or nil.
    static func column(of text: String, in canvas: Canvas, row: Int) -> Int? {
        let cells = canvas.cells[row]
        for c in cells.indices where !cells[c].isContinuation {
            var s = ""
            var i = c
            while i < cells.count, s.count < text.count {
                if !cells[i].isContinuation { s += cells[i].text }
                i += 1
            }
            if s == text { return c }
        }
        return nil
    }

    @Test("Mixed ASCII/CJK rows: every row's second column starts at the same display column")
    func tableAlignment() {
        let rows = [["李娜", "110105********0025", "女"], ["Anna Smith", "120101********001X", "female"],
                    ["欧阳a中", "A1", "男"], ["ｱｲｳ", "B2", "—"]]
        var table = Table(columns: [Table.Column("姓名"), Table.Column("证件号码"), Table.Column("性别")], rows: rows)
        var canvas = Canvas(size: Size(rows: 10, cols: 80))
        table.draw(&canvas, area: Rect(row: 0, col: 1, rows: 10, cols: 78), focused: false)
        let second = 1 + 10 + 2  // widest first-column cell is "Anna Smith" (10 columns), then a 2-column gap
        #expect(Self.column(of: "证件号码", in: canvas, row: 0) == second)
        for (i, r) in rows.enumerated() {
            #expect(Self.column(of: r[1], in: canvas, row: i + 1) == second, "row \(i)")
            #expect(Self.column(of: r[2], in: canvas, row: i + 1) == second + 18 + 2, "row \(i)")
        }
    }

    @Test("A table too wide for its area shrinks columns without cutting a character or misaligning")
    func tableShrinks() {
        let rows = [["中华人民共和国天津市", "x"], ["abcdefghijklmnopqrst", "y"], ["中a华b人c民d共e和f国", "z"]]
        var table = Table(columns: [Table.Column("名称"), Table.Column("值", alignRight: true)], rows: rows)
        var canvas = Canvas(size: Size(rows: 5, cols: 80))
        let area = Rect(row: 0, col: 0, rows: 5, cols: 12)
        canvas.put("|", row: 0, col: 12)
        table.draw(&canvas, area: area, focused: false)
        let widths = table.widths(fitting: 12)
        #expect(widths.reduce(0, +) + 2 == 12)
        for r in 1...3 {
            let cells = canvas.cells[r]
            #expect(!cells[widths[0]].isContinuation, "first column spills into the gap on row \(r)")
            #expect(cells[widths[0]].text == " " && cells[widths[0] + 1].text == " ", "gap not blank on row \(r)")
            // Right-aligned: the value ends at the area's last column.
            #expect(cells[11].text == rows[r - 1][1])
            #expect(!cells[0].isContinuation)
        }
        #expect(canvas.cells[0][12].text == "|")
    }

    @Test("F8 and F7 turn whole pages; the last page stays full")
    func tablePaging() {
        let rows = (0..<45).map { ["行\($0)", "\($0)"] }
        var table = Table(columns: [Table.Column("名"), Table.Column("号")], rows: rows)
        var canvas = Canvas(size: Size(rows: 24, cols: 80))
        let area = Rect(row: 0, col: 0, rows: 11, cols: 40)  // heading + 10 rows
        func press(_ k: Key) -> Bool { table.handle(k) }
        func firstShown() -> String {
            canvas = Canvas(size: Size(rows: 24, cols: 80))
            table.draw(&canvas, area: area, focused: true)
            return canvas.line(1).trimmingCharacters(in: .whitespaces).components(separatedBy: " ").first ?? ""
        }
        #expect(firstShown() == "行0")
        #expect(table.pageSize == 10)
        #expect(press(.function(8)))
        #expect(firstShown() == "行10" && table.selected == 10)
        // The selected row is highlighted on the new page.
        #expect(canvas.styleLine(1).hasPrefix("SSSS"))
        #expect(press(.down))
        #expect(press(.function(8)))
        #expect(firstShown() == "行20" && table.selected == 21)
        #expect(press(.function(8)))
        #expect(press(.function(8)))
        #expect(firstShown() == "行35" && table.selected == 41)  // rows 35…44: the last page, full
        #expect(press(.function(8)))                       // on the last page: to the last row
        #expect(table.selected == 44 && !press(.function(8)))
        #expect(press(.function(7)))
        #expect(firstShown() == "行25" && table.selected == 34)
        #expect(press(.pageUp) && press(.pageUp) && press(.pageUp))
        #expect(firstShown() == "行0" && table.selected == 4)
        #expect(press(.function(7)))
        #expect(table.selected == 0 && !press(.function(7)))
    }

    // MARK: form

    @Test("A form field scrolls and clips like its text field, and its label column lines up in CJK")
    func formField() {
        var form = Form([FormField(id: "name", label: "姓名", width: 8, limit: 6),
                         FormField(id: "code", label: "Code", width: 8, limit: 18)])
        #expect(form.handle(.paste("欧阳娜娜小红花")) == .clipped)
        #expect(form["name"] == "欧阳娜娜小红")
        var canvas = Canvas(size: Size(rows: 4, cols: 80))
        let caret = form.draw(&canvas, area: Rect(row: 0, col: 1, rows: 4, cols: 78), strings: { $0.key })
        // Labels are 4 columns wide, plus 2: inputs start at column 7 on both rows.
        #expect(caret?.row == 0 && (7..<15).contains(caret!.col))
        #expect(canvas.cells[0][7...14].allSatisfy { $0.style == .inputFocused })
        #expect(canvas.cells[1][7...14].allSatisfy { $0.style == .input })
        #expect(!canvas.cells[0][7].isContinuation && canvas.cells[0][15].style != .inputFocused)
        #expect(form.handle(.tab) == .handled)
        #expect(form.handle(.paste("91120116\nMA05")) == .firstLineOnly)
        #expect(form["code"] == "91120116")
    }

    // MARK: display width oracle

    @Test("DisplayWidth agrees with Python's wcwidth.wcswidth on CJK, full-width, Hangul, ASCII and emoji")
    func displayWidthOracle() throws {
        var samples: [String] = []
        func add(_ range: ClosedRange<UInt32>, step: UInt32 = 1) {
            for v in stride(from: range.lowerBound, through: range.upperBound, by: Int(step)) {
                if let s = Unicode.Scalar(v) { samples.append(String(s)) }
            }
        }
        add(0x20...0x7E)              // ASCII
        add(0x4E00...0x9FFF)          // CJK Unified Ideographs, all of them
        add(0x3400...0x4DBF, step: 7) // Extension A, sampled
        add(0x20000...0x2A6DF, step: 97) // Extension B, sampled
        add(0xF900...0xFAD9)          // compatibility ideographs
        // CJK symbols and punctuation (the ideographic space is wide). Left out: U+302E/U+302F, Hangul tone
        // marks (spacing combining marks, EastAsianWidth W) that wcwidth counts 0 and glibc, whose wcwidth
        // ncurses lays the screen out with, counts 2 as DisplayWidth does.
        add(0x3000...0x302D)
        add(0x3030...0x303E)
        add(0xFF01...0xFF60)          // full-width forms
        add(0xFFE0...0xFFE6)
        add(0xFF61...0xFF9F)          // half-width katakana: narrow
        add(0xAC00...0xD7A3)          // Hangul syllables
        add(0x1100...0x115F)          // Hangul leading jamo: wide
        samples += ["😀", "👍", "🎉", "🚀", "🙏", "💰", "🏥", "👶", "🤰", "🧧", "🀄", "⌚", "⭐", "✅", "❌",
                    "❤️", "☺️", "👍🏽", "👨‍👩‍👧", "👩‍⚕️", "🧑‍💻", "1️⃣", "©", "™", "é", "e\u{301}", "🇨🇳", "🇭🇰"]
        samples += ["李娜", "Anna 李", "欧阳a中", "（２０２６）"]  // whole strings too

        let widths = try Self.wcswidth(samples)
        var mismatches: [String] = []
        for (s, expected) in zip(samples, widths) where DisplayWidth.of(s) != expected {
            let scalars = s.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            mismatches.append("\(s) [\(scalars)]: DisplayWidth \(DisplayWidth.of(s)), wcswidth \(expected)")
        }
        let report = mismatches.prefix(40).joined(separator: "\n")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(samples.count) differ:\n\(report)")
    }

    /// Runs `python3 -c` with wcwidth on the samples (JSON in, JSON out).
    static func wcswidth(_ samples: [String]) throws -> [Int] {
        let script = """
            import json, sys
            try:
                import wcwidth
            except ImportError:
                sys.stderr.write("the Python package wcwidth is missing: pip install wcwidth (.ci/setup --test installs it)\\n")
                sys.exit(3)
            print(json.dumps([wcwidth.wcswidth(s) for s in json.load(sys.stdin)]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            Issue.record("cannot run python3 (needed for the wcwidth oracle): \(error)")
            throw error
        }
        input.fileHandleForWriting.write(try JSONEncoder().encode(samples))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let why = process.terminationStatus == 127 ? "python3 is not installed" : err
            Issue.record("the wcwidth oracle did not run (exit \(process.terminationStatus)): \(why)")
            throw CancellationError()
        }
        let widths = try JSONDecoder().decode([Int].self, from: out)
        guard widths.count == samples.count else {
            Issue.record("wcwidth returned \(widths.count) widths for \(samples.count) samples")
            throw CancellationError()
        }
        return widths
    }
}
