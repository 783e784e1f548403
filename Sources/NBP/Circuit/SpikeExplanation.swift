import Loihi

/// Why a unit of the circuit spiked in a window: its input in the spike tick, split into the veto
/// it received there (if its profile vetoes it in that window) and the rest, against the level
/// the rest had to exceed. For a leak (`break audit`), "the sum it lost against".
///
/// The chip adds a tick's input in a 22-bit register (±32,768 weight units), so a veto can also
/// lose by wrapping: a strongly negative sum plus the veto falls below −32,768 and reads as a
/// large positive input. The explanation tells the two apart by rebuilding the input from the
/// spikes that arrived and the weights, when the chip still holds those spikes.
package struct SpikeExplanation: Sendable, Hashable, CustomStringConvertible {
  package let population: String
  package let neuron: Int
  package let window: Int
  /// The windows the population may fire in.
  package let windows: [Int]
  /// The input as the 22-bit register holds it, in weight units (u / 2^6).
  package let input: Int32
  /// The gate vetoing the population in this window and its `gi` weight, if any.
  package let vetoGate: String?
  package let vetoWeight: Int32
  /// The input before the register wrapped it (the rebuilt sum decides how many times it did),
  /// or nil when the spikes that arrived are no longer kept.
  package let total: Int64?
  /// The level the rest must exceed to fire the unit: threshold − bias − veto.
  package let escapeLevel: Int32

  /// The input without the veto, unwrapped when known: what the veto lost against.
  package var rest: Int64? { total.map { $0 - Int64(vetoWeight) } }
  /// Whether the register wrapped the input (a sum plus the veto past −32,768 or +32,767).
  package var wrapped: Bool { total.map { $0 != Int64(input) } ?? false }
  package var isOutsideWindows: Bool { !windows.contains(window) }

  package var description: String {
    let place =
      "\(population)[\(neuron)] spiked in window \(window)"
      + (isOutsideWindows ? " (outside its windows \(windows.map(String.init).joined(separator: ",")))" : "")
    let registerSpan: Int64 = 1 << (FixedPoint.inputBits - 6)
    guard let vetoGate else {
      let sum = total.map(String.init) ?? "\(input)"
      return place + ": a sum of \(sum) with no veto in this window"
        + (wrapped ? ", wrapped by the 22-bit input register to \(input)" : ", above the \(escapeLevel) the bias alone holds back")
    }
    guard let rest, let total else {
      let other = Int64(input) - registerSpan - Int64(vetoWeight)
      return place + ": veto \(vetoGate) gi \(vetoWeight) lost; the input register reads \(input): "
        + "a sum of \(Int64(input) - Int64(vetoWeight)) above the escape level \(escapeLevel), or a sum of \(other) "
        + "that wrapped it (the spikes that arrived are no longer kept to tell)"
    }
    if wrapped {
      return place + ": veto \(vetoGate) gi \(vetoWeight) wrapped the 22-bit input register: a sum of \(rest) "
        + "plus the veto is \(total), read as \(input)"
    }
    return place + ": veto \(vetoGate) gi \(vetoWeight) lost against a sum of \(rest) "
      + "(escape level \(escapeLevel) = threshold − bias − veto; input \(input))"
  }
}

extension CircuitNetwork {
  /// Explains a spike of `population[neuron]` in the tick `chip` just ran, which fell in `window`.
  /// Nil for generators and gates (no bias to hold them back) and for unknown names.
  package func explainSpike(of population: String, neuron: Int, window: Int, on chip: Chip) -> SpikeExplanation? {
    guard let unit = topology.population(named: population), unit.type != .generator, unit.type != .gate,
      let id = network.population(named: population), neuron >= 0, neuron < unit.size
    else { return nil }
    let profile = topology.profile
    let gate = CycleClock.gateName(ofWindow: window)
    let vetoed = topology.connections.contains { $0.kind == .gateVeto && $0.source == gate && $0.target == population }
    let input = chip.current(id, neuron) / 64
    // Rebuild the input from the spikes that arrived (sent at tick − 1 − delay) and the weights
    // now; learning may have moved a plastic weight by a step since, far less than the register's
    // span, so the rebuilt sum only decides how many spans the register dropped.
    var rebuilt: Int64? = 0
    for (c, connection) in network.connections.enumerated() where connection.target == id {
      guard let spikes = chip.spikes(of: connection.source, atTick: chip.tick - 1 - Int64(connection.delay)) else {
        rebuilt = nil
        break
      }
      let weights = chip.synapseWeights(ConnectionID(c))
      for pre in spikes {
        if let synapse = connection.synapse(pre: pre, post: neuron) {
          rebuilt! += Int64(weights[synapse]) << Int64(connection.format.exponent)
        }
      }
    }
    let span: Int64 = 1 << (FixedPoint.inputBits - 6)
    let total = rebuilt.map { Int64(input) + span * (($0 - Int64(input)) + span / 2).floorDivided(by: span) }
    let veto = vetoed ? profile.weight(.veto) : 0
    return SpikeExplanation(
      population: population, neuron: neuron, window: window, windows: unit.windows.sorted(), input: input,
      vetoGate: vetoed ? gate : nil, vetoWeight: veto, total: total,
      escapeLevel: profile.threshold - profile.bias - veto)
  }
}

extension Int64 {
  /// Division rounding toward negative infinity.
  fileprivate func floorDivided(by divisor: Int64) -> Int64 {
    let q = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
  }
}
