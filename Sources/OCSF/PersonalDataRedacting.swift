/// Replaces a person's email or name with a token before it is written. Declared here, below the targets
/// that write OCSF, so the diff's events (GrantDiff) and the snapshot's (AccessReview) take the same
/// redactor; `AccessReview.PIIRedactor` is the one implementation. Ids are not personal data and stay.
public protocol PersonalDataRedacting: Sendable {
    func token(_ value: String, isEmail: Bool) -> String
}
