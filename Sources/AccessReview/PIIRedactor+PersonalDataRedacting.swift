import OCSF

/// The OCSF writers below AccessReview (the diff's events in GrantDiff) take any `PersonalDataRedacting`;
/// this is the one they are given.
extension PIIRedactor: PersonalDataRedacting {}
