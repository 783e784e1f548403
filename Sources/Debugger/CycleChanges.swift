/// The synapses of one matrix whose weight changed in the current cycle, with each one's weight
/// at the cycle's start.
///
/// Generation stamps make starting a cycle O(1) and recording O(changes): no per-cycle copy of
/// the matrix and no hashing.
public struct CycleChanges: Sendable {
  private var generation: UInt32 = 1
  private var stamp: [UInt32]
  private var original: [Int32]
  /// Changed synapses in the order they first changed this cycle.
  public private(set) var synapses: [Int32] = []

  public init(synapses count: Int) {
    stamp = [UInt32](repeating: 0, count: count)
    original = [Int32](repeating: 0, count: count)
  }

  mutating func startCycle() {
    generation &+= 1
    if generation == 0 {
      stamp = [UInt32](repeating: 0, count: stamp.count)
      generation = 1
    }
    synapses.removeAll(keepingCapacity: true)
  }

  mutating func record(synapses changed: [Int32], from: [Int32]) {
    for (synapse, before) in zip(changed, from) where stamp[Int(synapse)] != generation {
      stamp[Int(synapse)] = generation
      original[Int(synapse)] = before
      synapses.append(synapse)
    }
  }

  /// The weight a synapse had when the cycle began, if it changed since.
  public func originalWeight(of synapse: Int) -> Int32? {
    stamp[synapse] == generation ? original[synapse] : nil
  }
}
