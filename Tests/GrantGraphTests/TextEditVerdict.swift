/// How the full validator and the lean index judge an edited snapshot text, as edited (digest unchanged)
/// and resealed (digest recomputed, so that the record rules, not the digest, decide).
import Testing

struct TextEditVerdict: Equatable, Sendable, CustomTestStringConvertible {
    var valid: Bool
    var indexed: Bool
    var validResealed: Bool
    var indexedResealed: Bool

    /// Both readers refuse it, resealed or not.
    static let rejected = TextEditVerdict(valid: false, indexed: false, validResealed: false, indexedResealed: false)
    /// The digest catches the edit; resealed, both readers accept it.
    static let validOnceResealed = TextEditVerdict(valid: false, indexed: false, validResealed: true, indexedResealed: true)
    /// Valid as it stands, but unusual enough that the index leaves it to the full validator.
    static let validForTheFullReaderOnly = TextEditVerdict(valid: true, indexed: false, validResealed: true, indexedResealed: false)
    /// Valid as it stands and read by the index.
    static let valid = TextEditVerdict(valid: true, indexed: true, validResealed: true, indexedResealed: true)

    var testDescription: String {
        "valid \(valid), indexed \(indexed); resealed: valid \(validResealed), indexed \(indexedResealed)"
    }
}
