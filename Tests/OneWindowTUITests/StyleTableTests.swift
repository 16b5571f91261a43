@testable import OneWindowTUI
import Testing

/// The colour and monochrome looks the ncurses driver gives each style (README "Training mode": black on
/// yellow on a training store, white on blue otherwise).
@Suite("Style table")
struct StyleTableTests {
    @Test("Every style has a look, and no text is drawn in its own background colour (live and training)",
          arguments: [false, true])
    func readable(training: Bool) {
        let looks = StyleTable.colour(training: training)
        for style in Style.allCases {
            let look = looks[style]
            #expect(look != nil, "\(style) has no look")
            if let fg = look?.fg, let bg = look?.bg { #expect(fg != bg, "\(style): \(fg) on \(bg)") }
        }
    }

    @Test("Key bar: key names stand out from the bar's text on the bar's own background (live and training)",
          arguments: [false, true])
    func keyBar(training: Bool) throws {
        let looks = StyleTable.colour(training: training)
        let bar = try #require(looks[.keyBar]), key = try #require(looks[.keyName])
        #expect(key.bg == bar.bg && key.fg != key.bg)
        #expect(key != bar, "key names look like the actions beside them")
        #expect(key.attributes.contains(.bold))
    }

    @Test("A training store: header, banner and key bar black on yellow, key names bold black; a live store white on blue")
    func trainingColours() {
        let training = StyleTable.colour(training: true)
        for style in [Style.header, .keyBar, .keyName, .training] {
            #expect(training[style]?.fg == .black && training[style]?.bg == .yellow, "\(style)")
        }
        let live = StyleTable.colour(training: false)
        #expect(live[.header]?.bg == .blue && live[.keyBar]?.fg == .white && live[.keyName]?.fg == .yellow)
    }

    @Test("Monochrome: every style mapped; bars reversed, key names bold on them; a selection and a focused field differ from plain text")
    func monochrome() {
        let mono = StyleTable.monochrome
        #expect(Set(mono.keys) == Set(Style.allCases))
        #expect(mono[.keyBar] == [.reverse] && mono[.keyName] == [.reverse, .bold])
        #expect(mono[.training]?.contains(.reverse) == true)
        for style in [Style.selected, .inputFocused, .inputError, .header, .error, .warning, .input] {
            #expect(mono[style] != mono[.normal], "\(style) looks like plain text in monochrome")
        }
    }
}
