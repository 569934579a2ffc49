/// Counts Clerk reports (`total_count`, `members_count`): whole numbers from 0 to `Int32.max`. No instance
/// holds two billion objects of a kind, and a count past that is a hostile or broken page whose number
/// would otherwise size loops and allocations.
public enum ClerkCount {
    public static let validRange: ClosedRange<Int64> = 0...Int64(Int32.max)
}
