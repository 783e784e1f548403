/// A byte image of ``ChipState``, for snapshots in trace files (u, v, refractory counters,
/// dendritic accumulators, spike history, generator queues, weights, learning traces, the random
/// generator).
///
/// Layout (all integers little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 4 | magic `LCS1` |
/// | 4 × 6 | compartments, neurons, populations, connections, ring slots, history depth |
/// | 8 | tick |
/// | 8 × 4 | random generator state |
/// | … | u, v, refractory, dendrites, spikes, spike starts (Int32 arrays) |
/// | … | slot-has-input flags, at-rest flags (one byte each) |
/// | per population | event count (u32), cursor (u32), events (index i32, tick i64) |
/// | per connection | synapse count (u32), weight width (1 byte: 2 or 4), weights; learning state |
///
/// Array lengths follow from the network and are checked against it when reading; variable-length
/// lists carry a u32 count. The weight contributions to u are not stored: they are recomputed from
/// the weights, so they can never disagree.
extension ChipState {
  static let serializationMagic: [UInt8] = Array("LCS1".utf8)

  /// The state as bytes; ``init(serialized:for:)`` reads them back for the same network.
  ///
  /// - Complexity: O(size of the state); about 2 bytes per synapse for 8-bit weights.
  public func serialized() -> [UInt8] {
    var out = StateWriter()
    out.bytes.reserveCapacity(
      64 + 4 * (current.count * 3 + dendrites.count + spikes.count + spikeStart.count)
        + weights.reduce(0) { $0 + 2 * $1.count })
    out.bytes += Self.serializationMagic
    let populationCount = atRest.count
    let compartmentCount = current.count
    let historyDepth = populationCount + 1 > 0 ? spikeStart.count / (populationCount + 1) : 0
    let neuronCount = historyDepth > 0 ? spikes.count / historyDepth : 0
    let ringSlots = compartmentCount > 0 ? dendrites.count / compartmentCount : slotHasInput.count / max(populationCount, 1)
    for value in [compartmentCount, neuronCount, populationCount, weights.count, ringSlots, historyDepth] {
      out.u32(UInt32(value))
    }
    out.i64(tick)
    for word in [random.s0, random.s1, random.s2, random.s3] { out.u64(word) }
    for array in [current, voltage, refractory, dendrites, spikes, spikeStart] { out.int32s(array) }
    out.bytes += slotHasInput
    out.bytes += atRest.map { $0 ? 1 : 0 }
    for (queue, cursor) in zip(events, eventCursor) {
      out.u32(UInt32(queue.count))
      out.u32(UInt32(cursor))
      for event in queue {
        out.i32(event.index)
        out.i64(event.tick)
      }
    }
    for (c, connectionWeights) in weights.enumerated() {
      out.u32(UInt32(connectionWeights.count))
      let narrow = connectionWeights.allSatisfy { Int16(exactly: $0) != nil }
      out.bytes.append(narrow ? 2 : 4)
      if narrow {
        for w in connectionWeights { out.u16(UInt16(bitPattern: Int16(truncatingIfNeeded: w))) }
      } else {
        out.int32s(connectionWeights)
      }
      let l = learning[c]
      for array in [l.x1, l.x2, l.y1, l.y2, l.y3] { out.counted(array) }
      out.i32(l.r1)
      for array in [l.x1History, l.x2History, l.y1History, l.y2History, l.y3History] { out.counted(array) }
      out.counted(l.r1History)
      out.counted(l.preTime)
      out.counted(l.postTime)
      for array in [l.arrivedPres, l.spikedPosts, l.delays, l.tags, l.changed, l.changedFrom] { out.counted(array) }
    }
    return out.bytes
  }

  /// Reads a state written by ``serialized()`` for `network`.
  ///
  /// Every length is checked against the network and every value the engine uses as an index
  /// (spike numbers, spike offsets, queued events, learning lists) against its range, so a corrupt
  /// image is an error and can never make the chip trap or read out of bounds later.
  /// - Throws: ``LoihiError`` whose path is `snapshot byte N`, N the offset of the bad field.
  public init(serialized bytes: [UInt8], for network: Network) throws {
    var input = StateReader(bytes: bytes)
    let magic = try input.take(4, "the magic 'LCS1'")
    guard magic.elementsEqual(Self.serializationMagic) else {
      throw input.error(at: 0, .invalid(value: String(decoding: magic, as: UTF8.self), expected: "the magic 'LCS1'"))
    }
    let populationCount = network.populations.count
    let expectedShape = [
      ("compartments", network.compartmentCount), ("neurons", network.neuronCount),
      ("populations", populationCount), ("connections", network.connections.count),
      ("ring slots", network.ringSlots), ("history depth", network.historyDepth),
    ]
    for (name, expected) in expectedShape {
      let at = input.position
      let found = Int(try input.u32())
      guard found == expected else {
        throw input.error(at: at, .shape(expected: "\(expected) \(name) (this network)", found: "\(found)"))
      }
    }
    let tickAt = input.position
    let tick = try input.i64()
    guard tick >= 0 else { throw input.error(at: tickAt, .outOfRange(value: "\(tick)", allowed: "0...")) }
    var random = RandomGenerator(seed: 0)
    random.s0 = try input.u64()
    random.s1 = try input.u64()
    random.s2 = try input.u64()
    random.s3 = try input.u64()
    let compartments = network.compartmentCount
    let current = try input.int32s(compartments)
    let voltage = try input.int32s(compartments)
    let refractory = try input.int32s(compartments)
    let dendrites = try input.int32s(network.ringSlots * compartments)
    let spikesAt = input.position
    let spikes = try input.int32s(network.historyDepth * network.neuronCount)
    let startsAt = input.position
    let spikeStart = try input.int32s(network.historyDepth * (populationCount + 1))
    try Self.checkSpikeHistory(
      spikes, spikeStart, network: network, reader: input, spikesAt: spikesAt, startsAt: startsAt)
    let slotHasInput = try input.flags(network.ringSlots * populationCount)
    let atRest = try input.flags(populationCount).map { $0 != 0 }

    var events: [[SpikeEvent]] = []
    var eventCursor: [Int] = []
    for population in network.populations {
      let countAt = input.position
      let count = Int(try input.u32())
      let cursor = Int(try input.u32())
      guard count <= input.remaining / 12, cursor <= count, population.isGenerator || count == 0 else {
        throw input.error(
          at: countAt,
          .invalid(value: "\(count) events, cursor \(cursor)", expected: "a queue that fits the file and \(population.name)"))
      }
      var queue: [SpikeEvent] = []
      queue.reserveCapacity(count)
      for _ in 0..<count {
        let at = input.position
        let event = SpikeEvent(index: try input.i32(), tick: try input.i64())
        guard event.index >= 0, Int(event.index) < population.size, event.tick >= 1,
          queue.last.map({ $0 < event }) ?? true
        else {
          throw input.error(
            at: at,
            .invalid(value: "[\(event.index), \(event.tick)]", expected: "sorted events of \(population.name)[0..<\(population.size)]"))
        }
        queue.append(event)
      }
      events.append(queue)
      eventCursor.append(cursor)
    }

    var weights: [[Int32]] = []
    var contributions: [[Int32]] = []
    var learning: [LearningState] = []
    for connection in network.connections {
      let countAt = input.position
      let count = Int(try input.u32())
      guard count == connection.synapseCount else {
        throw input.error(at: countAt, .shape(expected: "\(connection.synapseCount) synapses of \(connection.name)", found: "\(count)"))
      }
      let widthAt = input.position
      let width = try input.take(1, "a weight width").first ?? 0
      var w: [Int32]
      switch width {
      case 2: w = try input.int16s(count)
      case 4: w = try input.int32s(count)
      default: throw input.error(at: widthAt, .invalid(value: "\(width)", expected: "a weight width of 2 or 4 bytes"))
      }
      let range = connection.format.storedRange
      if let bad = w.firstIndex(where: { !range.contains($0) }) {
        throw input.error(
          at: widthAt + 1 + bad * Int(width),
          .outOfRange(value: "\(w[bad])", allowed: "\(range) for \(connection.name)"))
      }
      let exponent = connection.format.exponent
      contributions.append(w.map { FixedPoint.contribution(mantissa: $0, exponent: exponent) })
      weights.append(w)
      learning.append(try input.learningState(for: connection))
    }
    guard input.remaining == 0 else {
      throw input.error(at: input.position, .invalid(value: "\(input.remaining) more bytes", expected: "the end of the snapshot"))
    }
    self.init(
      tick: tick, current: current, voltage: voltage, refractory: refractory, dendrites: dendrites,
      spikes: spikes, spikeStart: spikeStart, slotHasInput: slotHasInput, atRest: atRest,
      events: events, eventCursor: eventCursor, weights: weights, contributions: contributions,
      learning: learning, random: random)
  }

  /// Per history slot: offsets ascend within 0...neurons, and each population's entries are
  /// neurons of that population (routing uses them as row indices).
  private static func checkSpikeHistory(
    _ spikes: [Int32], _ starts: [Int32], network: Network, reader: StateReader, spikesAt: Int, startsAt: Int
  ) throws {
    let populations = network.populations
    let width = populations.count + 1
    for slot in 0..<network.historyDepth {
      var previous: Int32 = 0
      for p in 0...populations.count {
        let start = starts[slot * width + p]
        guard start >= previous, Int(start) <= network.neuronCount else {
          throw reader.error(
            at: startsAt + 4 * (slot * width + p),
            .outOfRange(value: "\(start)", allowed: "\(previous)...\(network.neuronCount) (spike offsets of history slot \(slot))"))
        }
        previous = start
      }
      for p in populations.indices {
        let base = Int32(populations[p].neuronBase)
        let end = base + Int32(populations[p].size)
        for k in Int(starts[slot * width + p])..<Int(starts[slot * width + p + 1]) {
          let neuron = spikes[slot * network.neuronCount + k]
          guard neuron >= base && neuron < end else {
            throw reader.error(
              at: spikesAt + 4 * (slot * network.neuronCount + k),
              .outOfRange(value: "\(neuron)", allowed: "\(base)..<\(end) (neurons of \(populations[p].name))"))
          }
        }
      }
    }
  }
}

/// Appends little-endian fields.
private struct StateWriter {
  var bytes: [UInt8] = []

  mutating func u16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  mutating func u32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
  }

  mutating func u64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }
  mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

  mutating func int32s(_ values: [Int32]) {
    #if _endian(little)
      values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #else
      for value in values { i32(value) }
    #endif
  }

  mutating func counted(_ values: [UInt8]) {
    u32(UInt32(values.count))
    bytes += values
  }

  mutating func counted(_ values: [Int32]) {
    u32(UInt32(values.count))
    int32s(values)
  }
}

/// Reads little-endian fields, failing with the offset of what is missing or wrong.
private struct StateReader {
  let bytes: [UInt8]
  var position = 0

  var remaining: Int { bytes.count - position }

  func error(at offset: Int, _ problem: LoihiError.Problem) -> LoihiError {
    LoihiError(path: "snapshot byte \(offset)", problem)
  }

  mutating func take(_ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
    guard count >= 0, count <= remaining else {
      throw error(at: position, .invalid(value: "\(remaining) bytes left", expected: "\(count) bytes of \(what)"))
    }
    defer { position += count }
    return bytes[position..<position + count]
  }

  mutating func u32() throws -> UInt32 {
    let slice = try take(4, "a 32-bit field")
    var value: UInt32 = 0
    for (k, byte) in slice.enumerated() { value |= UInt32(byte) << UInt32(8 * k) }
    return value
  }

  mutating func u64() throws -> UInt64 {
    let slice = try take(8, "a 64-bit field")
    var value: UInt64 = 0
    for (k, byte) in slice.enumerated() { value |= UInt64(byte) << UInt64(8 * k) }
    return value
  }

  mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
  mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }

  mutating func int32s(_ count: Int) throws -> [Int32] {
    guard count <= remaining / 4 else {
      throw error(at: position, .invalid(value: "\(remaining) bytes left", expected: "\(count) 32-bit values"))
    }
    let slice = try take(4 * count, "32-bit values")
    return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      slice.withUnsafeBytes { raw in
        for k in 0..<count { buffer[k] = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * k, as: Int32.self)) }
      }
      initialized = count
    }
  }

  mutating func int16s(_ count: Int) throws -> [Int32] {
    guard count <= remaining / 2 else {
      throw error(at: position, .invalid(value: "\(remaining) bytes left", expected: "\(count) 16-bit values"))
    }
    let slice = try take(2 * count, "16-bit values")
    return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      slice.withUnsafeBytes { raw in
        for k in 0..<count {
          buffer[k] = Int32(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * k, as: Int16.self)))
        }
      }
      initialized = count
    }
  }

  /// `count` bytes that must each be 0 or 1.
  mutating func flags(_ count: Int) throws -> [UInt8] {
    let start = position
    let slice = try take(count, "flags")
    if let bad = slice.firstIndex(where: { $0 > 1 }) {
      throw error(at: start + (bad - slice.startIndex), .invalid(value: "\(slice[bad])", expected: "a flag 0 or 1"))
    }
    return Array(slice)
  }

  /// A u32 count that must equal one of `allowed`, then that many bytes, each at most `maximum`.
  mutating func countedBytes(_ allowed: Int, maximum: UInt8, _ what: String) throws -> [UInt8] {
    let at = position
    let count = Int(try u32())
    guard count == allowed else {
      throw error(at: at, .shape(expected: "\(allowed) \(what)", found: "\(count)"))
    }
    let start = position
    let slice = try take(count, what)
    if let bad = slice.firstIndex(where: { $0 > maximum }) {
      throw error(at: start + (bad - slice.startIndex), .outOfRange(value: "\(slice[bad])", allowed: "0...\(maximum) (\(what))"))
    }
    return Array(slice)
  }

  /// A u32 count equal to `exactly` (or at most `atMost`), then Int32 values in `range`.
  mutating func countedInt32s(
    exactly: Int? = nil, atMost: Int = .max, range: ClosedRange<Int32>, _ what: String
  ) throws -> [Int32] {
    let at = position
    let count = Int(try u32())
    guard exactly.map({ count == $0 }) ?? (count <= atMost) else {
      throw error(at: at, .shape(expected: exactly.map { "\($0) \(what)" } ?? "at most \(atMost) \(what)", found: "\(count)"))
    }
    let start = position
    let values = try int32s(count)
    if let bad = values.firstIndex(where: { !range.contains($0) }) {
      throw error(at: start + 4 * bad, .outOfRange(value: "\(values[bad])", allowed: "\(range) (\(what))"))
    }
    return values
  }

  mutating func learningState(for connection: Network.Connection) throws -> LearningState {
    var state = LearningState()
    let rule = connection.learning
    let pre = rule == nil ? 0 : connection.preCount
    let post = rule == nil ? 0 : connection.postCount
    let epoch = rule?.epoch ?? 1
    let history = epoch > 1 ? epoch : 0
    let trace = UInt8(ChipLimits.traceValue.upperBound)
    let name = connection.name
    state.x1 = try countedBytes(pre, maximum: trace, "x1 traces of \(name)")
    state.x2 = try countedBytes(pre, maximum: trace, "x2 traces of \(name)")
    state.y1 = try countedBytes(post, maximum: trace, "y1 traces of \(name)")
    state.y2 = try countedBytes(post, maximum: trace, "y2 traces of \(name)")
    state.y3 = try countedBytes(post, maximum: trace, "y3 traces of \(name)")
    let r1At = position
    state.r1 = try i32()
    guard ChipLimits.traceValue.contains(state.r1) else {
      throw error(at: r1At, .outOfRange(value: "\(state.r1)", allowed: "\(ChipLimits.traceValue) (r1 of \(name))"))
    }
    state.x1History = try countedBytes(history * pre, maximum: trace, "x1 history of \(name)")
    state.x2History = try countedBytes(history * pre, maximum: trace, "x2 history of \(name)")
    state.y1History = try countedBytes(history * post, maximum: trace, "y1 history of \(name)")
    state.y2History = try countedBytes(history * post, maximum: trace, "y2 history of \(name)")
    state.y3History = try countedBytes(history * post, maximum: trace, "y3 history of \(name)")
    state.r1History = try countedInt32s(exactly: history, range: ChipLimits.traceValue, "r1 history of \(name)")
    state.preTime = try countedBytes(pre, maximum: UInt8(epoch), "pre arrival times of \(name)")
    state.postTime = try countedBytes(post, maximum: UInt8(epoch), "post spike times of \(name)")
    state.arrivedPres = try countedInt32s(atMost: pre, range: 0...Int32(max(pre - 1, 0)), "arrived pres of \(name)")
    state.spikedPosts = try countedInt32s(atMost: post, range: 0...Int32(max(post - 1, 0)), "spiked posts of \(name)")
    let synapses = connection.synapseCount
    state.delays = try countedInt32s(
      exactly: rule?.usesDelay == true ? synapses : 0, range: ChipLimits.learnedDelay, "learned delays of \(name)")
    state.tags = try countedInt32s(
      exactly: rule?.usesTag == true ? synapses : 0, range: ChipLimits.tag, "tags of \(name)")
    state.changed = try countedInt32s(
      atMost: rule == nil ? 0 : synapses, range: 0...Int32(max(synapses - 1, 0)), "changed synapses of \(name)")
    state.changedFrom = try countedInt32s(
      exactly: state.changed.count, range: ChipLimits.weightMantissa, "previous weights of \(name)")
    return state
  }
}
