/// The value axis of a chart of counts: from 0 to a round maximum, with at most `maximumTicks` steps of
/// 1, 2 or 5 times a power of ten, so tick labels are whole numbers a reader can add up.
package struct ChartScale: Sendable, Equatable {
    package static let maximumTicks = 5

    /// The top of the axis, at least the largest value and at least 1 (an all-zero chart still has an axis).
    package let maximum: Int
    package let step: Int

    package init(largest: Int) {
        let largest = max(1, largest)
        var magnitude = 1
        while true {
            for multiplier in [1, 2, 5] {
                let step = multiplier * magnitude
                let ticks = (largest + step - 1) / step
                if ticks <= Self.maximumTicks {
                    self.step = step
                    self.maximum = ticks * step
                    return
                }
            }
            magnitude *= 10
        }
    }

    /// 0, step, 2 step, ... maximum.
    package var ticks: [Int] { Array(stride(from: 0, through: maximum, by: step)) }

    /// Where `value` falls along an axis `length` long (0 at the origin).
    package func position(_ value: Int, length: Double) -> Double { Double(value) / Double(maximum) * length }
}
