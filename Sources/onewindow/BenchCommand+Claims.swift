import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService

// Claim submission as the counter files it: the birth bundle (allowance and the delivery bill, with the
// newborn's referral) or what the person can claim of it, computed, risk-screened and stored with its receipt.
extension BenchCommand {
    /// Times `ClaimService.submit` per receipt, on women of the store who can claim something for a birth
    /// ten days ago (found untimed, by the estimate); returns the row and a note on what was filed and flagged.
    func measureClaims(_ ctx: ServiceContext, strings: StringTable) throws -> (Result, String) {
        let warmup = 5
        let requests = try claimRequests(ctx, count: warmup + runs)
        guard requests.count > warmup else { throw DomainError("error.bench.noClaimants", texts: "\(requests.count)") }
        let service = ClaimService(ctx)
        var receipts: [ReceiptView] = []
        let count = requests.count - warmup
        let result = try measure(strings("out.bench.m.claim", "\(count)"), count: count, warmup: warmup, keypress: false) { i in
            receipts.append(try service.submit(requests[i]))
        }
        let claims = receipts.flatMap(\.claims)
        var flags: [RiskFlag: Int] = [:]
        for c in claims { for hit in c.claim.flags { flags[hit.flag, default: 0] += 1 } }
        let flagText = flags.isEmpty ? strings("out.bench.noFlags")
            : RiskFlag.allCases.compactMap { f in flags[f].map { "\(strings(f.messageKey)) \($0)" } }.joined(separator: strings("out.bench.listSeparator"))
        let note = strings("out.bench.claims", "\(receipts.count)", "\(claims.filter { $0.claim.kind == .allowance }.count)",
                           "\(claims.filter { $0.claim.kind == .medical }.count)",
                           "\(claims.filter { !$0.claim.flags.isEmpty }.count)", flagText)
        return (result, note)
    }

    /// Up to `count` requests for different women aged 18–50: a natural birth ten days ago, with the
    /// allowance when it is not refused and a delivery bill of 4,000 yuan when it pays something.
    func claimRequests(_ ctx: ServiceContext, count: Int) throws -> [ClaimRequest] {
        let today = ctx.clock.today
        let born = today.adding(days: -10)
        let event = try MaternityEvent(date: born, birth: Birth(babies: 1, delivery: .natural, dystocia: false,
                                                                gestation: try Gestation(start: born.adding(days: -270), end: born)))
        let benefits = BenefitService(ctx)
        var requests: [ClaimRequest] = []
        var seen = Set<String>()
        for (id, _) in try SyntheticPopulation.samples(ctx, count: count * 20, seed: 7) where seen.insert(id.value).inserted {
            guard id.sex == .female, (18...50).contains(today.year - id.birthDate.year) else { continue }
            let n = requests.count + 1
            let bill = try MedicalBill(item: .delivery(.natural), hospital: "天津市妇女儿童保健中心",
                                       billNo: "BENCH\(id.value.suffix(6))\(n)", actual: Money(yuan: 4_000))
            guard let e = try? benefits.estimate(id, event: event, items: [(bill.item, bill.actual)]) else { continue }
            var allowance = (e.allowance ?? .zero) > .zero
            if case .refused = e.eligibility.verdict { allowance = false }
            let bills = e.medicalTotal > .zero ? [bill] : []
            guard allowance || !bills.isEmpty else { continue }
            let digits = String(n)
            requests.append(ClaimRequest(claimant: id, event: event, allowance: allowance, bills: bills,
                                         account: try BankAccount("6222" + String(repeating: "0", count: 15 - digits.count) + digits),
                                         referNewborns: !bills.isEmpty))
            if requests.count == count { break }
        }
        return requests
    }
}
