/// A guided task of the training mode, read from `Resources/exercises/*.json` so an instructor can add
/// one without a programmer. Its goal names people and employers through placeholders (`{name}`,
/// `{employer}`, `{month}`…) filled from the sandbox's cast, so the same file works for every seed.
public struct Exercise: Sendable, Equatable, Decodable {
    /// Stable name, kept in the score table; the file name without `.json` by convention.
    public let id: String
    /// Position in the list.
    public let order: Int
    /// Which sandbox account does the task: `trainee` (clerk work) or `supervisor` (fixes, decisions).
    public let role: Role
    public let points: Int
    /// The planted subject the goal is about (filled in for every seed).
    public let setup: CastRole
    public let title: LocalizedName
    public let goal: LocalizedName
    /// Where to start at the counter; shown with F1.
    public let hint: LocalizedName
    public let check: ExerciseCheck

    public init(id: String, order: Int, role: Role, points: Int, setup: CastRole, title: LocalizedName,
                goal: LocalizedName, hint: LocalizedName, check: ExerciseCheck) {
        (self.id, self.order, self.role, self.points, self.setup) = (id, order, role, points, setup)
        (self.title, self.goal, self.hint, self.check) = (title, goal, hint, check)
    }

    /// What decoding cannot say: the role is one the sandbox has an account for, points are positive.
    public func validate() throws {
        guard role == .trainee || role == .supervisor else {
            throw DomainError("error.exercise.role", texts: id, role.rawValue)
        }
        guard points > 0 else { throw DomainError("error.exercise.points", texts: id) }
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw DomainError("error.exercise.id", texts: id)
        }
    }
}

/// The subjects the training generator plants in every sandbox, whatever the seed. An exercise names
/// one; adding a role means teaching the generator to plant it.
public enum CastRole: String, Sendable, Codable, CaseIterable {
    /// Someone not yet registered, newly hired by an employer: to be registered and enrolled.
    case newHire
    /// An employee moving to another employer of the same region.
    case transferee
    /// A legacy record whose maternity periods disagree with the medical ones.
    case mismatch
    /// An employee who gave birth to twins with dystocia a few days ago and has not claimed yet.
    case twinBirth
    /// A claim in the approval queue filed a second time for a birth already paid.
    case flaggedClaim
    /// A mother whose allowance payment the bank returned.
    case failedPayment
}

/// How an exercise is marked: a small set of generic checks over the sandbox, each with parameters.
public enum ExerciseCheck: Sendable, Equatable, Decodable {
    /// The subject is enrolled in medical and maternity alike, in `category`, with the cast's employer
    /// (or its transfer target) from the cast's month.
    case enrolled(EnrolledCheck)
    /// The subject's two schemes agree again, and her medical record was left as it was
    /// (the fix is to maternity, from the master record).
    case inStep
    /// A claim of `claim` kind is filed for the subject's event with these facts; its days and amount
    /// are what the rules give for the right facts, and it is paid to the subject's account.
    case claimFiled(ClaimFiledCheck)
    /// The subject's claim was decided: `status`, and for a rejection `reason`.
    case claimDecided(status: ClaimStatus, reason: RejectReason?)
    /// The trainee's typed answer names the cast's answer: any of the words listed for it counts.
    case answer([String: [String]])

    public struct ClaimFiledCheck: Sendable, Equatable, Decodable {
        public let claim: ClaimKind
        public let babies: Int
        public let delivery: DeliveryType
        public let dystocia: Bool
        public init(claim: ClaimKind, babies: Int, delivery: DeliveryType, dystocia: Bool) {
            (self.claim, self.babies, self.delivery, self.dystocia) = (claim, babies, delivery, dystocia)
        }
    }

    public struct EnrolledCheck: Sendable, Equatable, Decodable {
        public enum EmployerRef: String, Sendable, Decodable {
            /// The employer the cast names for the subject (a new hire's employer).
            case current
            /// The employer the subject moves to (a transfer).
            case target
        }
        public let employer: EmployerRef
        public let category: PersonCategory
        /// The contribution base from that month must be the cast's.
        public let base: Bool
        /// The period with the cast's current employer must end the month before, as a transfer.
        public let transferred: Bool

        public init(employer: EmployerRef, category: PersonCategory, base: Bool, transferred: Bool) {
            (self.employer, self.category, self.base, self.transferred) = (employer, category, base, transferred)
        }

        enum CodingKeys: String, CodingKey { case employer, category, base, transferred }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            employer = try c.decode(EmployerRef.self, forKey: .employer)
            category = try c.decode(PersonCategory.self, forKey: .category)
            base = try c.decodeIfPresent(Bool.self, forKey: .base) ?? false
            transferred = try c.decodeIfPresent(Bool.self, forKey: .transferred) ?? false
        }
    }

    public enum Kind: String, Sendable, Decodable {
        case enrolled, inStep, claimFiled, claimDecided, answer
    }

    enum CodingKeys: String, CodingKey { case kind, status, reason, answers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .enrolled: self = .enrolled(try EnrolledCheck(from: decoder))
        case .inStep: self = .inStep
        case .claimFiled: self = .claimFiled(try ClaimFiledCheck(from: decoder))
        case .claimDecided:
            self = .claimDecided(status: try c.decode(ClaimStatus.self, forKey: .status),
                                 reason: try c.decodeIfPresent(RejectReason.self, forKey: .reason))
        case .answer: self = .answer(try c.decode([String: [String]].self, forKey: .answers))
        }
    }

    /// Whether the trainee types an answer on the exercise screen.
    public var needsAnswer: Bool {
        if case .answer = self { return true }
        return false
    }
}
