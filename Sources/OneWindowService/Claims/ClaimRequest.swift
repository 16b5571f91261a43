import OneWindowCore

/// What the clerk files at the counter for one event. With `allowance` and bills together it is the
/// birth bundle (出生一件事): both claims and the newborns' referral on one receipt.
public struct ClaimRequest: Sendable {
    public var claimant: CitizenID
    /// For a male employee's unemployed spouse: the employee whose insurance pays (medical costs only).
    public var spouseOf: CitizenID?
    /// The spouse's name when she is not yet known to the store.
    public var claimantName: String?
    public var event: MaternityEvent
    public var allowance: Bool
    public var bills: [MedicalBill]
    public var grade3Hospital: Bool
    /// Who receives the allowance; medical costs are always paid to the claimant.
    public var payee: Payee
    public var account: BankAccount
    /// The employer's account when it advanced the wages and receives the allowance.
    public var employerAccount: BankAccount?
    /// Record the newborns' referral for resident medical insurance (a birth only).
    public var referNewborns: Bool

    public init(claimant: CitizenID, spouseOf: CitizenID? = nil, claimantName: String? = nil, event: MaternityEvent,
                allowance: Bool, bills: [MedicalBill] = [], grade3Hospital: Bool = false, payee: Payee = .person,
                account: BankAccount, employerAccount: BankAccount? = nil, referNewborns: Bool = false) {
        self.claimant = claimant
        self.spouseOf = spouseOf
        self.claimantName = claimantName
        self.event = event
        self.allowance = allowance
        self.bills = bills
        self.grade3Hospital = grade3Hospital
        self.payee = payee
        self.account = account
        self.employerAccount = employerAccount
        self.referNewborns = referNewborns
    }
}
