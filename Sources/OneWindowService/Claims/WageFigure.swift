import OneWindowCore

extension BenefitService {
    /// The employer's allowance basis for `year` as the employer view shows it: the declared average
    /// monthly wage, else the average of the bases it was charged on that year, else nil (nothing to go on).
    /// The same figure an allowance claim for an event in the following year would start from.
    public func wageFigure(employer code: CreditCode, year: Int) throws -> AllowanceCalculator.EmployerFigure? {
        try ctx.require(.lookup)
        return try ctx.store.read { tx in
            _ = try RegistrationService.employer(code, tx)
            return try Self.employerFigure(code, year: year, tx)
        }
    }
}
