import GoldenFiles
import Testing

@testable import GrantGraph

/// The interner is a hash table of its own: every distinct string gets the next number, a string seen
/// before gets its number back, across every growth of the table, and nothing unseen is found.
@Suite struct IDInternerTests {
    @Test(arguments: [1, 2, 3]) func numbersAreFirstAppearancesAcrossGrowth(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var interner = IDInterner()
        var expected: [String: Int32] = [:]
        var order: [String] = []
        // Short and long, ASCII and not, empty, and near-repeats: prefixes of each other.
        let alphabet = Array("ab_0:é\u{0}\"")
        for _ in 0..<5_000 {
            let length = Int(random.next() % 40)
            var string = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            if random.next() % 4 == 0, let earlier = order.randomElement(using: &random) { string = String(earlier.dropLast()) }
            let number = interner.number(string)
            if let known = expected[string] {
                #expect(number == known)
            } else {
                #expect(number == Int32(order.count))
                expected[string] = number
                order.append(string)
            }
        }
        #expect(interner.strings == order)
        for (string, number) in expected {
            #expect(interner.existingNumber(string) == number)
            #expect(interner[number] == string)
        }
        #expect(interner.existingNumber("never seen: \u{1F512}") == nil)
    }
}
