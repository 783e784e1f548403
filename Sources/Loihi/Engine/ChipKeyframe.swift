/// A compact copy of a chip's state, for a debugger that keeps thousands of them to run backwards.
///
/// A ``ChipState`` of the nBP circuit with a 1,024-tick spike history is 16 MB, almost all of it
/// spike history and weights. A keyframe keeps what the chip's future depends on and drops what
/// can be rebuilt:
/// - spikes only of the ticks the dynamics still read (routing and learning delays), so a chip
///   restored from a keyframe answers ``Chip/spikes(of:atTick:)`` only for ticks it has run since,
///   beyond those (``Chip/ticksUntilSpikeHistoryIsComplete``);
/// - each plastic connection's weights as one byte per synapse (a stored mantissa always lies on
///   its format's grid of at most 256 values), and a copy identical to an earlier connection's
///   matrix (nBP keeps three copies of W1) as a reference to it; static weights not at all;
/// - no weight contributions (they follow from the weights) and dendritic accumulators as their
///   non-zero entries.
///
/// Restoring is exact: the chip runs on bit for bit as it did from the state the keyframe was
/// taken from (a test compares whole states).
public struct ChipKeyframe: Sendable {
  /// The tick after which the keyframe was taken.
  public let tick: Int64
  fileprivate let current: [Int32]
  fileprivate let voltage: [Int32]
  fileprivate let refractory: [Int32]
  fileprivate let dendrites: SparseInt32s
  /// The last `spikeSlots.count` ticks' spikes (oldest first), each slot's chip-wide neuron
  /// numbers and its per-population offsets.
  fileprivate let spikeSlots: [[Int32]]
  fileprivate let spikeStarts: [[Int32]]
  fileprivate let slotHasInput: [UInt8]
  fileprivate let atRest: [Bool]
  fileprivate let events: [[SpikeEvent]]
  /// Per plastic connection (in `network.plasticConnections` order).
  fileprivate let weights: [PackedWeights]
  fileprivate let learning: [LearningState]
  fileprivate let random: RandomGenerator

  /// Bytes the keyframe holds (arrays' payloads; what a memory budget counts).
  public let byteCount: Int
}

/// Non-zero entries of a mostly-zero array.
private struct SparseInt32s: Sendable {
  let count: Int
  let indices: [UInt32]
  let values: [Int32]

  init(_ array: [Int32]) {
    var indices: [UInt32] = []
    var values: [Int32] = []
    for (i, v) in array.enumerated() where v != 0 {
      indices.append(UInt32(i))
      values.append(v)
    }
    count = array.count
    self.indices = indices
    self.values = values
  }

  var expanded: [Int32] {
    var array = [Int32](repeating: 0, count: count)
    for (i, v) in zip(indices, values) { array[Int(i)] = v }
    return array
  }

  var byteCount: Int { 8 * indices.count }
}

/// One plastic connection's stored mantissas.
private enum PackedWeights: Sendable {
  /// `(w − lowest) >> dropped` per synapse: the format's grid has at most 256 points.
  case grid(bytes: [UInt8], lowest: Int32, dropped: Int32)
  /// Identical to the weights of an earlier connection (its index into `network.connections`).
  case copy(of: Int)
  /// Off the grid (cannot happen for weights the chip wrote; kept so that a keyframe never lies).
  case raw([Int32])

  var byteCount: Int {
    switch self {
    case .grid(let bytes, _, _): return bytes.count
    case .copy: return 8
    case .raw(let weights): return 4 * weights.count
    }
  }
}

extension Chip {
  /// Ticks the chip must run after ``restore(_:)-(ChipKeyframe)`` before every tick of its
  /// spike history is readable again (those it keeps for its dynamics are there at once).
  public var ticksUntilSpikeHistoryIsComplete: Int { network.historyDepth - network.dynamicsHistoryDepth }

  /// A compact copy of the state (see ``ChipKeyframe``).
  ///
  /// - Complexity: O(compartments + ring slots × compartments + plastic synapses).
  public func keyframe() -> ChipKeyframe {
    let depth = network.historyDepth
    let populationCount = network.populations.count
    let kept = min(network.dynamicsHistoryDepth, Int(state.tick) + 1)
    var spikeSlots: [[Int32]] = []
    var spikeStarts: [[Int32]] = []
    var bytes = 0
    for t in (state.tick - Int64(kept) + 1)...state.tick {
      let slot = Int(((t % Int64(depth)) + Int64(depth)) % Int64(depth))
      let starts = Array(state.spikeStart[(slot * (populationCount + 1))..<((slot + 1) * (populationCount + 1))])
      let base = slot * network.neuronCount
      spikeSlots.append(Array(state.spikes[base..<(base + Int(starts[populationCount]))]))
      spikeStarts.append(starts)
      bytes += 4 * (starts.count + spikeSlots[spikeSlots.count - 1].count)
    }
    var packed: [PackedWeights] = []
    for c in network.plasticConnections {
      let weights = state.weights[c]
      if let earlier = network.plasticConnections.prefix(while: { $0 != c }).first(where: { state.weights[$0] == weights }) {
        packed.append(.copy(of: earlier))
        continue
      }
      let format = network.connections[c].format
      let lowest = format.storedRange.lowerBound
      let dropped = format.droppedBits
      let grid = Int32(1 << dropped) - 1
      if weights.allSatisfy({ w in w >= lowest && (w - lowest) & grid == 0 && (w - lowest) >> dropped < 256 }) {
        packed.append(.grid(bytes: weights.map { UInt8(truncatingIfNeeded: ($0 - lowest) >> dropped) }, lowest: lowest, dropped: dropped))
      } else {
        packed.append(.raw(weights))
      }
    }
    bytes += packed.reduce(0) { $0 + $1.byteCount }
    let dendrites = SparseInt32s(state.dendrites)
    bytes += dendrites.byteCount + 12 * state.current.count + state.slotHasInput.count + state.atRest.count
    // Only the events still to come: the emitted ones before each cursor can never matter again.
    let events = state.pendingEvents.map { Array($0).compactCopy }
    bytes += events.reduce(0) { $0 + 16 * $1.count } + 8 * events.count
    var learning: [LearningState] = []
    for c in network.plasticConnections {
      learning.append(state.learning[c].compacted)
      bytes += state.learning[c].byteCount
    }
    return ChipKeyframe(
      tick: state.tick, current: state.current, voltage: state.voltage, refractory: state.refractory,
      dendrites: dendrites, spikeSlots: spikeSlots, spikeStarts: spikeStarts, slotHasInput: state.slotHasInput,
      atRest: state.atRest, events: events, weights: packed,
      learning: learning, random: state.random, byteCount: bytes)
  }

  /// Returns the chip to the state a keyframe of this chip's network was taken from.
  ///
  /// Only the spikes the dynamics read are restored; older history slots read as empty until
  /// the chip has run ``ticksUntilSpikeHistoryIsComplete`` ticks (a debugger re-executes at least
  /// that far before it shows a restored chip).
  /// - Throws: ``LoihiError`` if the keyframe belongs to a different network.
  public mutating func restore(_ keyframe: ChipKeyframe) throws {
    let populationCount = network.populations.count
    guard keyframe.current.count == network.compartmentCount, keyframe.atRest.count == populationCount,
      keyframe.weights.count == network.plasticConnections.count,
      keyframe.dendrites.count == network.ringSlots * network.compartmentCount,
      keyframe.spikeStarts.allSatisfy({ $0.count == populationCount + 1 })
    else {
      throw LoihiError(path: "keyframe", .state("belongs to a different network"))
    }
    let depth = network.historyDepth
    var spikes = [Int32](repeating: 0, count: depth * network.neuronCount)
    var spikeStart = [Int32](repeating: 0, count: depth * (populationCount + 1))
    for (k, (slotSpikes, starts)) in zip(keyframe.spikeSlots, keyframe.spikeStarts).enumerated() {
      let t = keyframe.tick - Int64(keyframe.spikeSlots.count - 1 - k)
      let slot = Int(((t % Int64(depth)) + Int64(depth)) % Int64(depth))
      let base = slot * network.neuronCount
      spikes.replaceSubrange(base..<(base + slotSpikes.count), with: slotSpikes)
      spikeStart.replaceSubrange((slot * (populationCount + 1))..<((slot + 1) * (populationCount + 1)), with: starts)
    }
    var weights = state.weights
    var contributions = state.contributions
    for (k, c) in network.plasticConnections.enumerated() {
      switch keyframe.weights[k] {
      case .grid(let bytes, let lowest, let dropped):
        weights[c] = bytes.map { lowest + (Int32($0) << dropped) }
      case .copy(let earlier):
        weights[c] = weights[earlier]
      case .raw(let raw):
        weights[c] = raw
      }
      let exponent = network.connections[c].format.exponent
      contributions[c] = weights[c].map { FixedPoint.contribution(mantissa: $0, exponent: exponent) }
    }
    var learning = state.learning
    for (k, c) in network.plasticConnections.enumerated() { learning[c] = keyframe.learning[k] }
    state = ChipState(
      tick: keyframe.tick, current: keyframe.current, voltage: keyframe.voltage, refractory: keyframe.refractory,
      dendrites: keyframe.dendrites.expanded, spikes: spikes, spikeStart: spikeStart,
      slotHasInput: keyframe.slotHasInput, atRest: keyframe.atRest, events: keyframe.events,
      eventCursor: [Int](repeating: 0, count: keyframe.events.count), weights: weights, contributions: contributions, learning: learning,
      random: keyframe.random)
  }
}

extension LearningState {
  /// Bytes of its arrays and their headers (for a keyframe's budget).
  var byteCount: Int {
    x1.count + x2.count + y1.count + y2.count + y3.count + x1History.count + x2History.count + y1History.count
      + y2History.count + y3History.count + 4 * r1History.count + preTime.count + postTime.count
      + 4 * (arrivedPres.count + spikedPosts.count + delays.count + tags.count + changed.count + changedFrom.count)
      + 18 * 32
  }

  /// The same state in buffers of exactly its size: the chip's lists of arrivals and changes
  /// keep the capacity of their busiest tick, which a keyframe must not pin.
  var compacted: LearningState {
    var copy = self
    copy.x1 = x1.compactCopy
    copy.x2 = x2.compactCopy
    copy.y1 = y1.compactCopy
    copy.y2 = y2.compactCopy
    copy.y3 = y3.compactCopy
    copy.x1History = x1History.compactCopy
    copy.x2History = x2History.compactCopy
    copy.y1History = y1History.compactCopy
    copy.y2History = y2History.compactCopy
    copy.y3History = y3History.compactCopy
    copy.r1History = r1History.compactCopy
    copy.preTime = preTime.compactCopy
    copy.postTime = postTime.compactCopy
    copy.arrivedPres = arrivedPres.compactCopy
    copy.spikedPosts = spikedPosts.compactCopy
    copy.delays = delays.compactCopy
    copy.tags = tags.compactCopy
    copy.changed = changed.compactCopy
    copy.changedFrom = changedFrom.compactCopy
    return copy
  }
}

extension Array {
  /// A copy in a buffer of exactly its count (a plain copy shares the buffer, spare capacity
  /// and all): for values kept long, such as keyframes.
  package var compactCopy: [Element] { withUnsafeBufferPointer { Array($0) } }
}
