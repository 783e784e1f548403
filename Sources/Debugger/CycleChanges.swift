import Loihi

/// The synapses of one connection group whose weight changed in the current cycle, with each
/// one's weight at the cycle's start and the ticks of its first and last change.
///
/// Generation stamps make starting a cycle O(1) and recording O(changes): no per-cycle copy of
/// the matrix and no hashing.
package struct CycleChanges: Sendable {
  private var generation: UInt32 = 1
  /// Per synapse, together (one cache line per change): the generation it last changed in, its
  /// weight when the cycle began, and where it sits in `synapses` (both valid where stamped).
  private struct Entry {
    var stamp: UInt32
    var original: Int32
    var slot: Int32
  }
  private var entries: [Entry]
  /// Changed synapses in the order they first changed this cycle.
  package private(set) var synapses: [Int32] = []
  /// The tick of each changed synapse's first and last change, parallel to `synapses`.
  package private(set) var firstTicks: [Int64] = []
  package private(set) var lastTicks: [Int64] = []

  package init(synapses count: Int) {
    entries = [Entry](repeating: Entry(stamp: 0, original: 0, slot: 0), count: count)
  }

  mutating func startCycle() {
    generation &+= 1
    if generation == 0 {
      entries = [Entry](repeating: Entry(stamp: 0, original: 0, slot: 0), count: entries.count)
      generation = 1
    }
    synapses.removeAll(keepingCapacity: true)
    firstTicks.removeAll(keepingCapacity: true)
    lastTicks.removeAll(keepingCapacity: true)
  }

  mutating func record(synapses changed: [Int32], from: [Int32], tick: Int64) {
    if changed.isEmpty { return }
    // Room for every change up front, then plain stores: an append per change would check the
    // three lists' uniqueness each time.
    let start = synapses.count
    synapses.append(contentsOf: repeatElement(0, count: changed.count))
    firstTicks.append(contentsOf: repeatElement(0, count: changed.count))
    lastTicks.append(contentsOf: repeatElement(0, count: changed.count))
    var count = start
    let generation = self.generation
    entries.withUnsafeMutableBufferPointer { entries in
      synapses.withUnsafeMutableBufferPointer { list in
        firstTicks.withUnsafeMutableBufferPointer { firstTicks in
          lastTicks.withUnsafeMutableBufferPointer { lastTicks in
            for (synapse, before) in zip(changed, from) {
              let s = Int(synapse)
              if entries[s].stamp == generation {
                lastTicks[Int(entries[s].slot)] = tick
                continue
              }
              entries[s] = Entry(stamp: generation, original: before, slot: Int32(count))
              list[count] = synapse
              firstTicks[count] = tick
              lastTicks[count] = tick
              count += 1
            }
          }
        }
      }
    }
    let unused = synapses.count - count
    synapses.removeLast(unused)
    firstTicks.removeLast(unused)
    lastTicks.removeLast(unused)
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
      synapses: synapses.compactCopy, originals: synapses.map { entries[Int($0)].original }, firstTicks: firstTicks.compactCopy,
      lastTicks: lastTicks.compactCopy)
  }

  /// Returns to the changes of `saved` (taken from this group).
  mutating func restore(_ saved: Saved) {
    startCycle()
    for (k, synapse) in saved.synapses.enumerated() {
      entries[Int(synapse)] = Entry(stamp: generation, original: saved.originals[k], slot: Int32(k))
    }
    synapses = saved.synapses
    firstTicks = saved.firstTicks
    lastTicks = saved.lastTicks
  }

  /// The weight a synapse had when the cycle began, if it changed since.
  package func originalWeight(of synapse: Int) -> Int32? {
    entries[synapse].stamp == generation ? entries[synapse].original : nil
  }

  /// The tick of a synapse's last change this cycle, if it changed.
  package func lastChange(of synapse: Int) -> Int64? {
    entries[synapse].stamp == generation ? lastTicks[Int(entries[synapse].slot)] : nil
  }
}
