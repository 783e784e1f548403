internal import CEngineKernels

/// An emulated Loihi 1 chip running one ``Network``, tick by tick.
///
/// One tick `t` runs three phases, in this order (Part A of `loihi-semantics.md`):
/// 1. **Route**: every spike emitted in tick t − 1 (compartments, and generator events scheduled at
///    t − 1) is weighted with the weights as they stand now and added into the target's dendritic
///    accumulator slot for tick `t + delay`.
/// 2. **Update**: each compartment consumes its slot for t (CUBA LIF in integer arithmetic, see
///    ``FixedPoint``) and may spike; generators emit the events scheduled at t.
/// 3. **Learn**: traces decay and take impulses; pre spikes count when they arrive at the synapse
///    (emission + 1 + delay), post spikes one tick after the compartment spiked, reward spikes one
///    tick after emission; at the end of each epoch the rules update the synapses.
///
/// Work per tick is proportional to spikes × fan-out plus one pass over the compartments; learning
/// visits only synapses whose rule can be non-zero. A chip is a value: copying it copies its state
/// (lazily, copy-on-write), and ``snapshot()``/``restore(_:)`` rewind it exactly.
public struct Chip: Sendable {
  public let network: Network
  var state: ChipState

  /// A chip in its initial state: all potentials 0, weights as described, generators loaded.
  /// - Parameter seed: seeds the single random source (trace and weight stochastic rounding).
  public init(network: Network, seed: UInt64 = 0) {
    self.network = network
    let compartments = network.compartmentCount
    let populations = network.populations.count
    var learning: [LearningState] = []
    for connection in network.connections {
      if let rule = connection.learning {
        learning.append(LearningState(rule: rule, connection: connection))
      } else {
        learning.append(LearningState())
      }
    }
    state = ChipState(
      current: [Int32](repeating: 0, count: compartments),
      voltage: [Int32](repeating: 0, count: compartments),
      refractory: [Int32](repeating: 0, count: compartments),
      dendrites: [Int32](repeating: 0, count: network.ringSlots * compartments),
      spikes: [Int32](repeating: 0, count: network.historyDepth * network.neuronCount),
      spikeStart: [Int32](repeating: 0, count: network.historyDepth * (populations + 1)),
      slotHasInput: [UInt8](repeating: 0, count: network.ringSlots * populations),
      atRest: [Bool](repeating: false, count: populations),
      events: network.initialEvents,
      eventCursor: [Int](repeating: 0, count: populations),
      weights: network.connections.map(\.initialWeights),
      contributions: network.connections.map { connection in
        connection.initialWeights.map {
          FixedPoint.contribution(mantissa: $0, exponent: connection.format.exponent)
        }
      },
      learning: learning,
      random: RandomGenerator(seed: seed))
  }

  /// The last tick executed; 0 before the first ``step()``.
  public var tick: Int64 { state.tick }

  /// Runs one tick.
  ///
  /// - Complexity: O(compartments + spikes × fan-out + learning pairs).
  public mutating func step() {
    let t = state.tick + 1
    state.tick = t
    route(tick: t)
    update(tick: t)
    learn(tick: t)
    if !network.twinFollowers.isEmpty { keepTwins() }
  }

  /// Runs `ticks` ticks.
  public mutating func run(ticks: Int) {
    for _ in 0..<max(0, ticks) { step() }
  }

  /// The whole mutable state, as a value.
  public func snapshot() -> ChipState { state }

  /// Returns the chip to a state taken from ``snapshot()`` of a chip of the same network.
  /// - Throws: ``LoihiError`` if the state's shape does not belong to this network.
  public mutating func restore(_ snapshot: ChipState) throws {
    guard snapshot.current.count == network.compartmentCount,
      snapshot.spikes.count == network.historyDepth * network.neuronCount,
      snapshot.weights.count == network.connections.count,
      zip(snapshot.weights, network.connections).allSatisfy({ $0.count == $1.synapseCount })
    else {
      throw LoihiError(path: "snapshot", .state("belongs to a different network"))
    }
    state = snapshot
  }

  /// Schedules generator spikes; each event must lie in the future (tick > ``tick``).
  ///
  /// Events already scheduled for the same neuron and tick are merged: a generator emits at most
  /// one spike per neuron per tick.
  /// - Throws: ``LoihiError`` for a compartment population, an index out of range or a past tick.
  public mutating func schedule(_ events: [SpikeEvent], on population: PopulationID) throws {
    let info = network[population]
    guard info.isGenerator else {
      throw LoihiError(path: info.name, .invalid(value: info.name, expected: "a generator population"))
    }
    for event in events {
      _ = try LoihiError.check(event.index, in: 0...Int32(info.size - 1), field: "\(info.name).index")
      guard event.tick > state.tick else {
        throw LoihiError(
          path: info.name,
          .state("tick \(event.tick) has already run (the chip is at tick \(state.tick))"))
      }
    }
    let p = population.rawValue
    var queue = state.events[p]
    state.events[p] = []
    var cursor = state.eventCursor[p]
    if cursor > 4096 && cursor * 2 > queue.count {
      queue.removeFirst(cursor)
      cursor = 0
    }
    for event in events {
      // Binary search among pending events; appending in order is the common case.
      var lo = cursor
      var hi = queue.count
      if let last = queue.last, last < event {
        lo = hi
      } else {
        while lo < hi {
          let mid = (lo + hi) / 2
          if queue[mid] < event { lo = mid + 1 } else { hi = mid }
        }
      }
      if lo == queue.count {
        queue.append(event)
      } else if queue[lo] != event {
        queue.insert(event, at: lo)
      }
    }
    state.events[p] = queue
    state.eventCursor[p] = cursor
  }

  // MARK: Route

  private mutating func route(tick t: Int64) {
    guard t > 1 else { return }
    if state.twinsNeedCheck && !network.twinFollowers.isEmpty { checkTwins() }
    let network = self.network
    let populationCount = network.populations.count
    let compartmentCount = network.compartmentCount
    let ringMask = Int(network.ringSlots - 1)
    let slot = Int((t - 1) % Int64(network.historyDepth))
    let startBase = slot * (populationCount + 1)
    let spikeBase = slot * network.neuronCount
    // Move the arrays out so one set of pointers serves every connection (no uniqueness check
    // or retain per connection); `routes` holds each connection's routing as plain integers.
    var dendrites: [Int32] = []
    var slotHasInput: [UInt8] = []
    var twinSums: [Int32] = []
    swap(&dendrites, &state.dendrites)
    swap(&slotHasInput, &state.slotHasInput)
    swap(&twinSums, &state.twinSums)
    defer {
      swap(&dendrites, &state.dendrites)
      swap(&slotHasInput, &state.slotHasInput)
      swap(&twinSums, &state.twinSums)
    }
    var firstRow: Int32 = 0
    dendrites.withUnsafeMutableBufferPointer { dendrites in
      twinSums.withUnsafeMutableBufferPointer { twinSums in
        slotHasInput.withUnsafeMutableBufferPointer { hasInput in
          state.spikes.withUnsafeBufferPointer { spikes in
            state.spikeStart.withUnsafeBufferPointer { starts in
              network.routes.withUnsafeBufferPointer { routes in
                for c in 0..<routes.count {
                  let route = routes[c]
                  let first = Int(starts[startBase + route.source])
                  let last = Int(starts[startBase + route.source + 1])
                  if first == last { continue }
                  let ring = (Int(truncatingIfNeeded: t) &+ route.delay) & ringMask
                  hasInput[ring * populationCount + route.target] = 1
                  let destination = dendrites.baseAddress! + ring * compartmentCount + route.targetCompartmentBase
                  state.contributions[c].withUnsafeBufferPointer { contributions in
                    let weights = contributions.baseAddress!
                    if route.isDense {
                      let pres = spikes.baseAddress! + spikeBase + first
                      // A twin group (`Chip+Twins.swift`): the leader, first in the group, sums
                      // the rows once; each member adds that sum as its one row. Worth it from
                      // three rows on (a gate's single row is added directly); every member sees
                      // the same rows, so all decide alike.
                      if route.twinSum >= 0 && last - first >= 3 && state.sharesTwinSum[c] {
                        let sum = twinSums.baseAddress! + route.twinSum
                        if route.twinLeader == c {
                          sum.update(repeating: 0, count: route.postCount)
                          nbp_accumulate_rows(weights, route.postCount, pres, last - first, route.sourceNeuronBase, sum)
                        }
                        nbp_accumulate_rows(sum, route.postCount, &firstRow, 1, 0, destination)
                      } else {
                        nbp_accumulate_rows(weights, route.postCount, pres, last - first, route.sourceNeuronBase, destination)
                      }
                    } else if route.isDiagonal {
                      for s in spikeBase + first..<spikeBase + last {
                        let i = Int(spikes[s] &- route.sourceNeuronBase)
                        destination[i] &+= weights[i]
                      }
                    } else {
                      Self.accumulateSparse(
                        network.connections[c], spikes: spikes, first: spikeBase + first, last: spikeBase + last,
                        sourceBase: route.sourceNeuronBase, weights: weights, into: destination)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Adds the synapses of each spiking pre of a sparse connection into their accumulators.
  private static func accumulateSparse(
    _ connection: Network.Connection, spikes: UnsafeBufferPointer<Int32>, first: Int, last: Int,
    sourceBase: Int32, weights: UnsafePointer<Int32>, into destination: UnsafeMutablePointer<Int32>
  ) {
    connection.rowStart.withUnsafeBufferPointer { rowStart in
      connection.postIndex.withUnsafeBufferPointer { postIndex in
        for s in first..<last {
          let pre = Int(spikes[s] &- sourceBase)
          for k in Int(rowStart[pre])..<Int(rowStart[pre + 1]) {
            destination[Int(postIndex[k])] &+= weights[k]
          }
        }
      }
    }
  }

  // MARK: Update

  private mutating func update(tick t: Int64) {
    let network = self.network
    let populationCount = network.populations.count
    let slot = Int(t % Int64(network.historyDepth))
    let ring = Int(t & Int64(network.ringSlots - 1))
    let input = ring * network.compartmentCount
    let startBase = slot * (populationCount + 1)
    let spikeBase = slot * network.neuronCount
    // Move the arrays out so one set of pointers serves every population without overlapping
    // accesses to `state` (and without uniqueness checks per element).
    var current: [Int32] = []
    var voltage: [Int32] = []
    var refractory: [Int32] = []
    var dendrites: [Int32] = []
    var spikes: [Int32] = []
    swap(&current, &state.current)
    swap(&voltage, &state.voltage)
    swap(&refractory, &state.refractory)
    swap(&dendrites, &state.dendrites)
    swap(&spikes, &state.spikes)
    var count: Int32 = 0
    current.withUnsafeMutableBufferPointer { u in
      voltage.withUnsafeMutableBufferPointer { v in
        refractory.withUnsafeMutableBufferPointer { r in
          dendrites.withUnsafeMutableBufferPointer { d in
            spikes.withUnsafeMutableBufferPointer { s in
              let pointers = CompartmentPointers(
                current: u.baseAddress!, voltage: v.baseAddress!, refractory: r.baseAddress!,
                input: d.baseAddress! + input, spikes: s.baseAddress! + spikeBase)
              for p in 0..<populationCount {
                let step = network.updates[p]
                state.spikeStart[startBase + p] = count
                if step.kind == .generator {
                  count = emitEvents(of: p, neuronBase: step.neuronBase, tick: t, spikes: pointers.spikes, count: count)
                  continue
                }
                let flag = ring * populationCount + p
                let hasInput = state.slotHasInput[flag] != 0
                state.slotHasInput[flag] = 0
                if state.atRest[p] && !hasInput { continue }
                let k = step.compartmentBase
                var kernel = step.kernel
                if step.kind == .memoryless {
                  let held = nbp_update_memoryless(
                    &kernel, step.size, pointers.input + k, pointers.current + k, pointers.voltage + k,
                    pointers.refractory + k, pointers.spikes, &count) != 0
                  state.atRest[p] = !hasInput && !held
                } else {
                  // Populations with decays never rest (`Network.Population.canRest`).
                  nbp_update_lif(
                    &kernel, step.size, pointers.input + k, pointers.current + k, pointers.voltage + k,
                    pointers.refractory + k, pointers.spikes, &count)
                  state.atRest[p] = false
                }
              }
            }
          }
        }
      }
    }
    swap(&current, &state.current)
    swap(&voltage, &state.voltage)
    swap(&refractory, &state.refractory)
    swap(&dendrites, &state.dendrites)
    swap(&spikes, &state.spikes)
    state.spikeStart[startBase + populationCount] = count
  }

  /// Where one tick's compartment update reads and writes.
  struct CompartmentPointers {
    let current: UnsafeMutablePointer<Int32>
    let voltage: UnsafeMutablePointer<Int32>
    let refractory: UnsafeMutablePointer<Int32>
    /// This tick's dendritic accumulator slot.
    let input: UnsafeMutablePointer<Int32>
    /// This tick's spike list.
    let spikes: UnsafeMutablePointer<Int32>
  }

  /// Emits a generator population's events scheduled at tick t; returns the new spike count.
  private mutating func emitEvents(
    of p: Int, neuronBase: Int32, tick t: Int64, spikes: UnsafeMutablePointer<Int32>, count: Int32
  ) -> Int32 {
    var count = count
    var cursor = state.eventCursor[p]
    let events = state.events[p]
    // Events before t can only exist if they were scheduled for ticks that ran; skip them.
    while cursor < events.count && events[cursor].tick < t { cursor += 1 }
    while cursor < events.count && events[cursor].tick == t {
      spikes[Int(count)] = neuronBase &+ events[cursor].index
      count &+= 1
      cursor += 1
    }
    state.eventCursor[p] = cursor
    return count
  }
}
