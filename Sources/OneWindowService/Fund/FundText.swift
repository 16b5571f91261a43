import OneWindowCore
import OneWindowResources

/// The fund overview as rows of text (item, month, year to date), the same for the printed page, the CSV
/// file and the JSON's labels: one place decides what the report says.
public enum FundText {
    public struct Row: Sendable, Equatable {
        /// Amount rows (section, line, total, rate) make the table; figures and warnings are sentences.
        public enum Kind: Sendable { case section, line, total, rate, figure, warning }
        public let kind: Kind
        public let label: String
        public let month: String
        public let yearToDate: String
    }

    /// `plain`: amounts as `1234.50` (files); else grouped `1,234.50` (screens, pages).
    public static func rows(_ o: FundOverview, _ s: StringTable, plain: Bool = false) -> [Row] {
        func amount(_ m: Money) -> String { plain ? m.yuanText : m.grouped }
        func line(_ l: FundOverview.Line, _ kind: Row.Kind = .line, label: String? = nil) -> Row {
            Row(kind: kind, label: label ?? s(l.account.messageKey), month: amount(l.month), yearToDate: amount(l.yearToDate))
        }
        func rate(_ bp: Int64?) -> String { bp.map(FundRisk.percent) ?? "—" }
        var rows: [Row] = [Row(kind: .section, label: s("out.fund.income"), month: "", yearToDate: "")]
        rows += o.income.map { line($0) }
        rows.append(line(o.incomeTotal, .total, label: s("out.fund.incomeTotal")))
        rows.append(Row(kind: .section, label: s("out.fund.expenditure"), month: "", yearToDate: ""))
        rows += o.expenditure.map { line($0) }
        rows.append(line(o.maternity, .line, label: s("out.fund.maternityItem")))
        rows.append(line(o.expenditureTotal, .total, label: s("out.fund.expenditureTotal")))
        rows.append(line(o.surplus, .total, label: s("out.fund.surplus")))
        rows.append(Row(kind: .rate, label: s("out.fund.surplusRate"), month: rate(o.surplusRateBp.month), yearToDate: rate(o.surplusRateBp.yearToDate)))
        rows.append(Row(kind: .total, label: s("out.fund.balance"), month: amount(o.balance), yearToDate: ""))
        rows.append(Row(kind: .line, label: s("out.fund.bank"), month: amount(o.bank), yearToDate: ""))
        rows.append(Row(kind: .line, label: s("out.fund.receivable"), month: amount(o.receivable), yearToDate: ""))
        rows.append(Row(kind: .figure, label: s("out.fund.capacity"), month: capacity(o, s), yearToDate: bandsText(o.rules, s)))
        rows.append(Row(kind: .figure, label: s("out.fund.growth"), month: growth(o, s), yearToDate: ""))
        rows.append(Row(kind: .figure, label: s("out.fund.runDry"), month: o.risk.runDryMonth?.description ?? s("out.fund.runDry.none"), yearToDate: ""))
        rows.append(Row(kind: .figure, label: s("out.fund.oldFund"), month: oldFund(o, s, amount), yearToDate: ""))
        rows += o.risk.warnings.map { Row(kind: .warning, label: s("out.fund.warning"), month: s.render($0.message), yearToDate: "") }
        return rows
    }

    /// `2.1 个月（严重不足）`, or that nothing was spent.
    public static func capacity(_ o: FundOverview, _ s: StringTable) -> String {
        guard let t = o.risk.capacityTenths, let band = o.risk.band else { return s("out.fund.capacity.none") }
        return s("out.fund.capacity.value", FundRisk.tenths(t), s(band.messageKey))
    }

    /// `严重不足 <3，不足 <6，过多 >15 个月（样例…）`: the bands judged against, marked when they are samples.
    public static func bandsText(_ r: FundRules, _ s: StringTable) -> String {
        let text = s("out.fund.bands", String(r.capacityCriticalBelowMonths.value), String(r.capacityLowBelowMonths.value),
                     String(r.capacityHighAboveMonths.value))
        return r.isSample ? text + s("out.fund.sample") : text
    }

    public static func growth(_ o: FundOverview, _ s: StringTable) -> String {
        guard let m = o.risk.maternityGrowthBp, let i = o.risk.incomeGrowthBp else { return s("out.fund.growth.none") }
        return s("out.fund.growth.value", FundRisk.percent(m), FundRisk.percent(i))
    }

    static func oldFund(_ o: FundOverview, _ s: StringTable, _ amount: (Money) -> String) -> String {
        switch o.oldFund {
        case .notTransferred: s("out.fund.oldFund.open")
        case let .transferred(period, moved, remaining): s("out.fund.oldFund.done", period.description, amount(moved), amount(remaining))
        }
    }
}
