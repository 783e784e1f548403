import Loihi

/// Why a unit of the circuit spiked in a window: its input in the spike tick, split into the veto
/// it received there (if its profile vetoes it in that window) and the rest, against the level
/// the rest had to exceed. For a leak (`break audit`), "the sum it lost against".
public struct SpikeExplanation: Sendable, Hashable, CustomStringConvertible {
  public let population: String
  public let neuron: Int
  public let window: Int
  /// The windows the population may fire in.
  public let windows: [Int]
  /// The whole input in the spike tick, in weight units (u / 2^6; the chip's 22-bit sum).
  public let input: Int32
  /// The gate vetoing the population in this window and its `gi` weight, if any.
  public let veto: (gate: String, weight: Int32)?
  /// The input without the veto: what the veto lost against.
  public var rest: Int32 { input - (veto?.weight ?? 0) }
  /// The level the rest must exceed to fire the unit: threshold − bias − veto.
  public let escapeLevel: Int32

  public static func == (a: Self, b: Self) -> Bool {
    a.population == b.population && a.neuron == b.neuron && a.window == b.window && a.input == b.input
      && a.veto?.gate == b.veto?.gate && a.veto?.weight == b.veto?.weight && a.escapeLevel == b.escapeLevel
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(population)
    hasher.combine(neuron)
    hasher.combine(input)
  }

  public var isOutsideWindows: Bool { !windows.contains(window) }

  public var description: String {
    let place =
      "\(population)[\(neuron)] spiked in window \(window)"
      + (isOutsideWindows ? " (outside its windows \(windows.map(String.init).joined(separator: ",")))" : "")
    guard let veto else {
      return place + ": input \(input) with no veto in this window, above the \(escapeLevel) the bias alone holds back"
    }
    return place + ": veto \(veto.gate) gi \(veto.weight) lost against a sum of \(rest) "
      + "(escape level \(escapeLevel) = threshold − bias − veto; input \(input))"
  }
}

extension CircuitNetwork {
  /// Explains a spike of `population[neuron]` in the tick `chip` just ran, which fell in `window`.
  /// Nil for generators and gates (no bias to hold them back) and for unknown names.
  public func explainSpike(of population: String, neuron: Int, window: Int, on chip: Chip) -> SpikeExplanation? {
    guard let unit = topology.population(named: population), unit.type != .generator, unit.type != .gate,
      let id = network.population(named: population), neuron >= 0, neuron < unit.size
    else { return nil }
    let profile = topology.profile
    let gate = CycleClock.gateName(ofWindow: window)
    let vetoed = topology.connections.contains { $0.kind == .gateVeto && $0.source == gate && $0.target == population }
    let veto = vetoed ? (gate: gate, weight: profile.weight(.veto)) : nil
    return SpikeExplanation(
      population: population, neuron: neuron, window: window, windows: unit.windows.sorted(),
      input: chip.current(id, neuron) / 64, veto: veto,
      escapeLevel: profile.threshold - profile.bias - (veto?.weight ?? 0))
  }
}
