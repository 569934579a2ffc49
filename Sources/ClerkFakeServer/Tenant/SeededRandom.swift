/// SplitMix64 with its own range helpers. The standard library's `random(in:using:)` algorithms are not
/// promised to stay the same across Swift releases; generated tenants and fault choices must.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform integer in `0..<bound`; the modulo bias is below 2⁻³² for any bound we use.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    mutating func below(_ bound: Int64) -> Int64 {
        precondition(bound > 0)
        return Int64(next() % UInt64(bound))
    }

    mutating func unit() -> Double {
        Self.unit(next())
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// The SplitMix64 finalizer: also used on its own to hash request identities into fault choices.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The top 53 bits as a Double in `0..<1`.
    static func unit(_ value: UInt64) -> Double {
        Double(value >> 11) * 0x1.0p-53
    }
}
