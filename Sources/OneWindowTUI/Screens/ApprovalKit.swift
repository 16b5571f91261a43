import OneWindowCore
import OneWindowService
import OneWindowStore

/// What the supervisor's screens (OW35 queue, OW36 decision, OW37 payments) share: the risk-flag marker.
enum ApprovalKit {
    /// "! 临近参保、基数突增": the flags of a claim by their short names, marked so they show in monochrome too.
    static func flagSummary(_ flags: [RiskFlagHit], _ ui: UIContext) -> String {
        guard !flags.isEmpty else { return "" }
        return ui.text("tui.approval.flags", flags.map { ui.text($0.flag.messageKey) }.joined(separator: ui.text("tui.approval.flagSep")))
    }
}
