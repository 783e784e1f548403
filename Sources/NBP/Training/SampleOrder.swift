import Loihi

/// The order in which training visits its samples, epoch after epoch.
///
/// With ``ShuffleMode/seeded`` each epoch is a Fisher–Yates shuffle drawn from one generator
/// seeded from the run's seed, so the n-th epoch's order depends only on the seed and n; with
/// ``ShuffleMode/none`` it is file order. ``Trainer`` and `nbpscope record` share it, so a
/// recording visits samples exactly as training does.
public struct SampleOrder: Sendable {
  public let mode: ShuffleMode
  public let count: Int
  private var random: RandomGenerator

  public init(count: Int, mode: ShuffleMode, seed: UInt64) {
    self.count = count
    self.mode = mode
    random = RandomGenerator(seed: seed ^ 0x5348_5546_464C_4521)
  }

  /// The sample indices of the next epoch.
  public mutating func nextEpoch() -> [Int] {
    var indices = Array(0..<count)
    if mode == .seeded {
      for i in stride(from: indices.count - 1, to: 0, by: -1) {
        indices.swapAt(i, Int(random.uniform(below: UInt64(i + 1))))
      }
    }
    return indices
  }
}
