/// Read access to any state variable, for probes, the debugger and tests. None of these are on
/// the tick path; they cost nothing unless called.
extension Chip {
  private func compartment(_ population: PopulationID, _ index: Int) -> Int {
    let info = network[population]
    precondition(!info.isGenerator, "'\(info.name)' is a generator and has no compartment state")
    precondition(index >= 0 && index < info.size, "index \(index) is outside \(info.name)[0..<\(info.size)]")
    return info.compartmentBase + index
  }

  /// u of a compartment after the last tick (the NxSDK `current` probe).
  public func current(_ population: PopulationID, _ index: Int) -> Int32 {
    state.current[compartment(population, index)]
  }

  /// v of a compartment after the last tick; 0 in the tick it spiked and while refractory.
  public func voltage(_ population: PopulationID, _ index: Int) -> Int32 {
    state.voltage[compartment(population, index)]
  }

  /// Remaining ticks during which v is held at 0.
  public func refractoryCounter(_ population: PopulationID, _ index: Int) -> Int32 {
    state.refractory[compartment(population, index)]
  }

  /// Local indices of the neurons of `population` that spiked in the last tick, ascending for
  /// compartments, in index order for generators.
  public func spikes(of population: PopulationID) -> [Int] {
    spikes(of: population, atTick: state.tick) ?? []
  }

  /// Spikes of `population` at a recent tick (within the kept history), or nil if not kept.
  public func spikes(of population: PopulationID, atTick tick: Int64) -> [Int]? {
    guard tick >= 1, tick <= state.tick, state.tick - tick < Int64(network.historyDepth) else {
      return tick == 0 ? [] : nil
    }
    let slot = Int(tick % Int64(network.historyDepth))
    let startBase = slot * (network.populations.count + 1)
    let first = Int(state.spikeStart[startBase + population.rawValue])
    let last = Int(state.spikeStart[startBase + population.rawValue + 1])
    let base = network[population].neuronBase
    let offset = slot * network.neuronCount
    return (first..<last).map { Int(state.spikes[offset + $0]) - base }
  }

  /// Spikes of `population` at a recent tick without copying them: the chip-wide neuron numbers
  /// as the history holds them, and the population's first number (subtract it for indices);
  /// nil beyond the kept history. For screens that read many ticks every frame.
  public func spikeNumbers(of population: PopulationID, atTick tick: Int64) -> (numbers: ArraySlice<Int32>, base: Int32)? {
    let base = Int32(network[population].neuronBase)
    guard tick >= 1, tick <= state.tick, state.tick - tick < Int64(network.historyDepth) else {
      return tick == 0 ? (state.spikes[0..<0], base) : nil
    }
    let slot = Int(tick % Int64(network.historyDepth))
    let startBase = slot * (network.populations.count + 1)
    let offset = slot * network.neuronCount
    let first = offset + Int(state.spikeStart[startBase + population.rawValue])
    let last = offset + Int(state.spikeStart[startBase + population.rawValue + 1])
    return (state.spikes[first..<last], base)
  }

  /// Number of spikes `population` emitted in the last tick.
  public func spikeCount(of population: PopulationID) -> Int {
    let slot = Int(state.tick % Int64(network.historyDepth))
    let startBase = slot * (network.populations.count + 1)
    return Int(state.spikeStart[startBase + population.rawValue + 1])
      - Int(state.spikeStart[startBase + population.rawValue])
  }

  /// The stored mantissa of synapse (pre, post), or nil if the connection has no such synapse.
  public func weight(_ connection: ConnectionID, pre: Int, post: Int) -> Int32? {
    network[connection].synapse(pre: pre, post: post).map { state.weights[connection.rawValue][$0] }
  }

  /// The weight matrix, `preCount × postCount` row-major by pre; 0 where there is no synapse.
  public func weightMatrix(_ connection: ConnectionID) -> [Int32] {
    let info = network[connection]
    let weights = state.weights[connection.rawValue]
    if info.isDense { return weights }
    var matrix = [Int32](repeating: 0, count: info.preCount * info.postCount)
    for pre in 0..<info.preCount {
      for k in Int(info.rowStart[pre])..<Int(info.rowStart[pre + 1]) {
        matrix[pre * info.postCount + Int(info.postIndex[k])] = weights[k]
      }
    }
    return matrix
  }

  /// Stored mantissas in synapse order (for dense connections the same as ``weightMatrix(_:)``).
  public func synapseWeights(_ connection: ConnectionID) -> [Int32] {
    state.weights[connection.rawValue]
  }

  /// Synapses whose weight the learning engine changed in the last tick.
  public func changedSynapses(_ connection: ConnectionID) -> [Int] {
    state.learning[connection.rawValue].changed.map(Int.init)
  }

  /// The last tick's changed synapses and their previous weights, as stored (no copy).
  public func weightChangeLists(_ connection: ConnectionID) -> (synapses: [Int32], from: [Int32]) {
    let learning = state.learning[connection.rawValue]
    return (learning.changed, learning.changedFrom)
  }

  /// The last tick's weight changes: synapse, weight before, weight after.
  public func weightChanges(_ connection: ConnectionID) -> [(synapse: Int, from: Int32, to: Int32)] {
    let learning = state.learning[connection.rawValue]
    let weights = state.weights[connection.rawValue]
    return zip(learning.changed, learning.changedFrom).map { (Int($0), $1, weights[Int($0)]) }
  }

  /// A trace of a plastic connection: x1/x2 per pre, y1/y2/y3 per post, r1 (index ignored),
  /// d/t per synapse; 0 for a static connection.
  public func trace(_ variable: RuleVariable, _ connection: ConnectionID, _ index: Int) -> Int32 {
    let learning = state.learning[connection.rawValue]
    func at(_ array: [UInt8]) -> Int32 { array.isEmpty ? 0 : Int32(array[index]) }
    switch variable {
    case .x1: return at(learning.x1)
    case .x2: return at(learning.x2)
    case .y1: return at(learning.y1)
    case .y2: return at(learning.y2)
    case .y3: return at(learning.y3)
    case .r1: return learning.r1
    case .d:
      return learning.delays.isEmpty ? network[connection].delay : learning.delays[index]
    case .t: return learning.tags.isEmpty ? 0 : learning.tags[index]
    case .w: return state.weights[connection.rawValue][index]
    case .x0: return learning.preTime.isEmpty ? 0 : (learning.preTime[index] != 0 ? 1 : 0)
    case .y0: return learning.postTime.isEmpty ? 0 : (learning.postTime[index] != 0 ? 1 : 0)
    }
  }

  /// Overwrites one synapse's stored mantissa (a debugger's `set`): the value must lie in the
  /// connection's stored range and on its precision grid.
  /// - Throws: ``LoihiError`` for a value the synapse cannot hold.
  public mutating func setWeight(_ connection: ConnectionID, synapse: Int, to value: Int32) throws {
    let info = network[connection]
    precondition(synapse >= 0 && synapse < info.synapseCount, "synapse \(synapse) outside 0..<\(info.synapseCount)")
    let format = info.format
    guard format.storedRange.contains(value), format.quantize(value) == value else {
      throw LoihiError(
        path: info.name,
        .invalid(value: "\(value)", expected: "a weight in \(format.storedRange) on the 2^\(format.droppedBits) grid"))
    }
    state.weights[connection.rawValue][synapse] = value
    state.contributions[connection.rawValue][synapse] = FixedPoint.contribution(mantissa: value, exponent: format.exponent)
    state.twinsNeedCheck = true
  }
}

/// The transpose of a row-major `rows × columns` matrix (as `columns × rows`, row-major).
public func transposed(_ m: [Int32], rows: Int, columns: Int) -> [Int32] {
  var t = [Int32](repeating: 0, count: m.count)
  for r in 0..<rows {
    for c in 0..<columns { t[c * rows + r] = m[r * columns + c] }
  }
  return t
}
