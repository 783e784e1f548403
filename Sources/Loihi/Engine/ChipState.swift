/// Everything that changes while a chip runs, as one value.
///
/// ``Chip/snapshot()`` returns it and ``Chip/restore(_:)`` takes it back: re-running from a
/// snapshot gives identical spikes, because the random generator is part of the state. Arrays are
/// copy-on-write, so a snapshot costs nothing until the chip next writes to that array.
///
/// Two states are equal when they hold the same values everywhere the chip reads: a spike slot
/// is compared up to its spike count, not in the stale entries beyond it.
public struct ChipState: Hashable, Sendable {
  /// The last tick executed (0 before the first step).
  public internal(set) var tick: Int64 = 0
  var current: [Int32]
  var voltage: [Int32]
  var refractory: [Int32]
  /// `ringSlots × compartmentCount`, slot-major: slot `t mod ringSlots` is consumed in tick t.
  var dendrites: [Int32]
  /// Spikes of the last `historyDepth` ticks: slot `t mod historyDepth` holds tick t's spikes as
  /// chip-wide neuron numbers, grouped by population in declaration order.
  var spikes: [Int32]
  /// `historyDepth × (populationCount + 1)` offsets into `spikes` (relative to the slot).
  var spikeStart: [Int32]
  /// `ringSlots × populationCount`: 1 where routing put input into that population's slot.
  var slotHasInput: [UInt8]
  /// Per population: it is at its resting fixed point (see `Network.Population.canRest`).
  var atRest: [Bool]
  /// Per generator population: its pending events, sorted, and how many are already emitted.
  var events: [[SpikeEvent]]
  var eventCursor: [Int]
  /// Per connection: the stored weight mantissas, and what each adds to u per spike.
  var weights: [[Int32]]
  var contributions: [[Int32]]
  /// Per connection: learning state (empty for static connections).
  var learning: [LearningState]
  var random: RandomGenerator
  /// Per connection: its contributions are known to equal its twin leader's
  /// (`Network.Route.twinLeader`), so routing adds the leader's row sum instead of its rows.
  /// Derived from `contributions`, so neither compared, hashed nor stored.
  var sharesTwinSum: [Bool] = []
  /// Set by every change to `contributions` other than learning (a new or restored state, a
  /// weight set by hand): `sharesTwinSum` is worked out again before the next route.
  var twinsNeedCheck = true
  /// Scratch: each twin group's row sum in the tick being routed.
  var twinSums: [Int32] = []
}

extension ChipState {
  public static func == (a: ChipState, b: ChipState) -> Bool {
    guard a.tick == b.tick, a.current == b.current, a.voltage == b.voltage, a.refractory == b.refractory,
      a.dendrites == b.dendrites, a.spikeStart == b.spikeStart, a.spikes.count == b.spikes.count,
      a.slotHasInput == b.slotHasInput, a.atRest == b.atRest,
      a.weights == b.weights, a.contributions == b.contributions, a.learning == b.learning, a.random == b.random
    else { return false }
    return a.usedSpikeSlots.elementsEqual(b.usedSpikeSlots) && a.pendingEvents.elementsEqual(b.pendingEvents)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(tick)
    hasher.combine(current)
    hasher.combine(voltage)
    hasher.combine(spikeStart)
    hasher.combine(weights)
    for slot in usedSpikeSlots { hasher.combine(slot) }
  }

  /// Each generator's events not yet emitted (those before the cursor are stale: `schedule`
  /// drops them whenever it likes).
  var pendingEvents: [ArraySlice<SpikeEvent>] {
    zip(events, eventCursor).map { queue, cursor in queue[cursor...] }
  }

  /// Each history slot's spikes, up to its count.
  private var usedSpikeSlots: [ArraySlice<Int32>] {
    let slotWidth = atRest.count + 1
    let depth = spikeStart.count / max(slotWidth, 1)
    let neurons = depth > 0 ? spikes.count / depth : 0
    return (0..<depth).map { slot in
      spikes[(slot * neurons)..<(slot * neurons + Int(spikeStart[slot * slotWidth + slotWidth - 1]))]
    }
  }
}

/// The learning engine's state for one plastic connection.
struct LearningState: Hashable, Sendable {
  /// Pre traces x1, x2 (per pre neuron) and post traces y1, y2, y3 (per post neuron), 0...127.
  var x1: [UInt8] = [], x2: [UInt8] = []
  var y1: [UInt8] = [], y2: [UInt8] = [], y3: [UInt8] = []
  var r1: Int32 = 0
  /// With tEpoch > 1: each trace's value at every tick of the epoch (`epoch × count`), because
  /// x0 products read traces at the pre arrival tick and y0 products at the post spike tick.
  var x1History: [UInt8] = [], x2History: [UInt8] = []
  var y1History: [UInt8] = [], y2History: [UInt8] = [], y3History: [UInt8] = []
  var r1History: [Int32] = []
  /// Tick within the epoch (1-based) of each pre's last arrival / post's last spike; 0 = none.
  var preTime: [UInt8] = [], postTime: [UInt8] = []
  /// Pres that arrived and posts that spiked in this epoch, in first-seen order.
  var arrivedPres: [Int32] = [], spikedPosts: [Int32] = []
  /// Learned delay and tag variables per synapse, when a rule reads or writes them.
  var delays: [Int32] = [], tags: [Int32] = []
  /// Synapses whose weight changed in the last tick, and each one's weight before the change.
  var changed: [Int32] = []
  var changedFrom: [Int32] = []

  init() {}

  init(rule: CompiledLearningRule, connection: Network.Connection) {
    let epoch = rule.epoch
    x1 = [UInt8](repeating: 0, count: connection.preCount)
    x2 = x1
    y1 = [UInt8](repeating: 0, count: connection.postCount)
    y2 = y1
    y3 = y1
    if epoch > 1 {
      x1History = [UInt8](repeating: 0, count: epoch * connection.preCount)
      x2History = x1History
      y1History = [UInt8](repeating: 0, count: epoch * connection.postCount)
      y2History = y1History
      y3History = y1History
      r1History = [Int32](repeating: 0, count: epoch)
    }
    preTime = [UInt8](repeating: 0, count: connection.preCount)
    postTime = [UInt8](repeating: 0, count: connection.postCount)
    arrivedPres.reserveCapacity(connection.preCount)
    spikedPosts.reserveCapacity(connection.postCount)
    if rule.usesDelay {
      delays = [Int32](repeating: connection.delay, count: connection.synapseCount)
    }
    if rule.usesTag { tags = [Int32](repeating: 0, count: connection.synapseCount) }
  }
}
