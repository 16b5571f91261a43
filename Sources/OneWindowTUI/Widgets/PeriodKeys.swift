/// ←/→ through periods (months or years) up to the latest one there is, with the scroll and back keys, for
/// the fund's report screens (OW50–OW52): the key bar names only what works (at the latest, "←" alone),
/// and → at the latest says why nothing happens instead of doing nothing silently.
struct PeriodKeys {
    /// String keys: "← previous" alone, "←/→ previous/next", and the message for → at the latest.
    let previous: String
    let both: String
    let latest: String

    func hints(_ ui: UIContext, atLatest: Bool, scrolls: Bool, extra: [KeyHint] = []) -> [KeyHint] {
        var hints = [atLatest ? KeyHint("←", ui.text(previous)) : KeyHint("←/→", ui.text(both))]
        if scrolls { hints.append(KeyHint("↑↓ F7/F8", ui.text("tui.fund.key.scroll"))) }
        return hints + extra + [KeyHint("F3", ui.text("tui.key.back"))]
    }

    /// ← steps back, → forward unless at the latest (then `latestText` is said); true when the key was one of them.
    func handle(_ key: Key, ui: UIContext, atLatest: Bool, latestText: String, step: (Int) -> Void) -> Bool {
        switch key {
        case .left: step(-1)
        case .right: if atLatest { ui.say(latest, latestText) } else { step(1) }
        default: return false
        }
        return true
    }
}
