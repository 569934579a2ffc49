/// Decides faults by hashing (seed, request target, attempt number, kind) instead of drawing from one shared
/// random sequence. A shared sequence would hand faults to whichever request happened to take the lock
/// first, so concurrent clients would see different faults on every run; hashing the request's identity
/// gives the n-th request for a given URL the same fate on every run, while its retry (attempt n+1) gets a
/// fresh, independent roll.
struct FaultDice: Sendable {
    enum Roll: UInt64 {
        case drop = 0xD409
        case failure = 0xFA11
        case failureStatus = 0x5747
        case truncate = 0x7C07
        case truncationPoint = 0x7C08
        case malformed = 0x3A1F
    }

    let seed: UInt64

    /// A number in `0..<1`, uniform over requests.
    func roll(_ roll: Roll, target: String, attempt: Int) -> Double {
        var hash = SeededRandom.mix(seed ^ Self.fnv1a(target))
        hash = SeededRandom.mix(hash ^ UInt64(attempt))
        hash = SeededRandom.mix(hash ^ roll.rawValue)
        return SeededRandom.unit(hash)
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
