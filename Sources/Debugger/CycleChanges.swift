import Loihi

/// The synapses of one connection group whose weight changed in the current cycle, with each
/// one's weight at the cycle's start and the ticks of its first and last change.
///
/// Generation stamps make starting a cycle O(1) and recording O(changes): no per-cycle copy of
/// the matrix and no hashing.
package struct CycleChanges: Sendable {
  private var generation: UInt32 = 1
  private var stamp: [UInt32]
  private var original: [Int32]
  /// Where each synapse changed this cycle sits in `synapses` (valid where stamped).
  private var slot: [Int32]
  /// Changed synapses in the order they first changed this cycle.
  package private(set) var synapses: [Int32] = []
  /// The tick of each changed synapse's first and last change, parallel to `synapses`.
  package private(set) var firstTicks: [Int64] = []
  package private(set) var lastTicks: [Int64] = []

  package init(synapses count: Int) {
    stamp = [UInt32](repeating: 0, count: count)
    original = [Int32](repeating: 0, count: count)
    slot = [Int32](repeating: 0, count: count)
  }

  mutating func startCycle() {
    generation &+= 1
    if generation == 0 {
      stamp = [UInt32](repeating: 0, count: stamp.count)
      generation = 1
    }
    synapses.removeAll(keepingCapacity: true)
    firstTicks.removeAll(keepingCapacity: true)
    lastTicks.removeAll(keepingCapacity: true)
  }

  mutating func record(synapses changed: [Int32], from: [Int32], tick: Int64) {
    for (synapse, before) in zip(changed, from) {
      let s = Int(synapse)
      if stamp[s] == generation {
        lastTicks[Int(slot[s])] = tick
        continue
      }
      stamp[s] = generation
      original[s] = before
      slot[s] = Int32(synapses.count)
      synapses.append(synapse)
      firstTicks.append(tick)
      lastTicks.append(tick)
    }
  }

  /// The changes so far, as a value a history keyframe can keep (O(changes), not O(synapses)).
  package struct Saved: Sendable {
    let synapses: [Int32]
    let originals: [Int32]
    let firstTicks: [Int64]
    let lastTicks: [Int64]

    var byteCount: Int { 24 * synapses.count + 4 * 32 }
  }

  package var saved: Saved {
    // Exact copies: the lists keep the capacity of the busiest cycle, which a keyframe must not pin.
    Saved(
      synapses: synapses.compactCopy, originals: synapses.map { original[Int($0)] }, firstTicks: firstTicks.compactCopy,
      lastTicks: lastTicks.compactCopy)
  }

  /// Returns to the changes of `saved` (taken from this group).
  mutating func restore(_ saved: Saved) {
    startCycle()
    for (k, synapse) in saved.synapses.enumerated() {
      let s = Int(synapse)
      stamp[s] = generation
      original[s] = saved.originals[k]
      slot[s] = Int32(k)
    }
    synapses = saved.synapses
    firstTicks = saved.firstTicks
    lastTicks = saved.lastTicks
  }

  /// The weight a synapse had when the cycle began, if it changed since.
  package func originalWeight(of synapse: Int) -> Int32? {
    stamp[synapse] == generation ? original[synapse] : nil
  }

  /// The tick of a synapse's last change this cycle, if it changed.
  package func lastChange(of synapse: Int) -> Int64? {
    stamp[synapse] == generation ? lastTicks[Int(slot[synapse])] : nil
  }
}
