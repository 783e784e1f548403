import Loihi

/// Why a neuron spiked, or did not, in the tick the chip last ran: the input that arrived,
/// grouped by source population and delay, the bias, the sum against the threshold, the refractory
/// counter, and the largest single contributors, computed with the emulator's own arithmetic
/// (`FixedPoint`) from the spikes and weights that produced it.
package struct NeuronExplanation: Sendable {
  package struct Source: Sendable, Hashable {
    package let population: String
    package let delay: Int32
    package let spikes: Int
    /// Summed contribution in u units (64 per weight unit).
    package let contribution: Int64
  }

  package struct Contributor: Sendable, Hashable {
    package let population: String
    package let neuron: Int
    package let delay: Int32
    package let contribution: Int32
  }

  package let tick: Int64
  package let population: String
  package let neuron: Int
  package let spiked: Bool
  package let sources: [Source]
  package let contributors: [Contributor]
  /// The input sum before and after the chip's 22-bit wrap of the dendritic accumulator.
  package let inputSum: Int64
  package let input: Int32
  /// What u kept from the tick before (0 for a compartment that forgets everything), if known.
  package let carriedCurrent: Int32?
  package let current: Int32
  package let bias: Int32
  /// v before the threshold test, if known, and the threshold.
  package let voltage: Int32?
  package let threshold: Int32
  package let refractoryHeld: Bool?
  /// Caveats: weights of a plastic connection with a delay may have changed since its spikes were
  /// routed, etc.
  package let notes: [String]

  /// Weight units (u / 64) when exact, else u units with a suffix.
  static func units(_ x: Int64) -> String {
    x % 64 == 0 ? String(x / 64) : "\(x)/64"
  }

  static func signed(_ x: Int64) -> String { (x >= 0 ? "+" : "−") + units(abs(x)) }

  package var lines: [String] {
    var lines = ["why \(population)[\(neuron)] at tick \(tick): \(spiked ? "spiked" : "did not spike")"]
    if sources.isEmpty { lines.append("  no input arrived this tick") }
    for source in sources.sorted(by: { abs($0.contribution) > abs($1.contribution) }) {
      lines.append(
        "  \(Self.signed(source.contribution)) from \(source.population)"
          + (source.delay > 0 ? " (delay \(source.delay))" : "")
          + ": \(source.spikes) spike\(source.spikes == 1 ? "" : "s")")
    }
    var sum = "  input \(Self.signed(inputSum))"
    if Int64(input) != inputSum { sum += ", wrapped to 22 bits: \(Self.signed(Int64(input)))" }
    lines.append(sum)
    if let carriedCurrent, carriedCurrent != 0 { lines.append("  u kept \(Self.signed(Int64(carriedCurrent))) from the tick before") }
    var total = "  u \(Self.units(Int64(current)))"
    if bias != 0 { total += (bias < 0 ? " − " : " + ") + Self.units(Int64(abs(bias))) + " (bias)" }
    if let voltage {
      total += " = \(Self.units(Int64(voltage))) \(voltage > threshold ? ">" : "≤") \(Self.units(Int64(threshold))) (threshold)"
    }
    lines.append(total)
    if refractoryHeld == true { lines.append("  held at 0 by its refractory counter") }
    if !contributors.isEmpty {
      lines.append(
        "  largest: " + contributors.map { "\($0.population)[\($0.neuron)] \(Self.signed(Int64($0.contribution)))" }
          .joined(separator: ", "))
    }
    lines += notes.map { "  note: \($0)" }
    return lines
  }
}

extension Session {
  /// Explains the neuron's last tick; only the tick the chip stands on can be explained (earlier
  /// ticks need the state reverse execution will keep).
  package func explain(population p: Int, neuron i: Int) throws -> NeuronExplanation {
    guard let chip = source.chip else {
      throw DebuggerError.notAvailable("why needs the chip's state; the trace holds spikes only")
    }
    let network = chip.network
    let target = source.populations[p]
    guard let parameters = network[PopulationID(p)].parameters else {
      throw DebuggerError.notAvailable("\(target.name) is a spike generator: it fires when its schedule says")
    }
    let t = chip.tick
    guard t >= 1 else { throw DebuggerError.notAvailable("nothing has run yet (tick 0)") }
    var sources: [NeuronExplanation.Source] = []
    var contributors: [NeuronExplanation.Contributor] = []
    var notes: [String] = []
    var sum: Int64 = 0
    for c in network.connections.indices where network.connections[c].target.rawValue == p {
      let connection = network.connections[c]
      // Spikes of tick t − 1 − delay were routed into this tick's accumulator.
      let emitted = t - 1 - Int64(connection.delay)
      guard emitted >= 1, let fired = chip.spikes(of: connection.source, atTick: emitted), !fired.isEmpty else { continue }
      let id = ConnectionID(c)
      var weights = chip.synapseWeights(id)
      if connection.learning != nil {
        // Routing came before this tick's learning: undo what the learning of tick t changed.
        for change in chip.weightChanges(id) { weights[change.synapse] = change.from }
        if connection.delay > 0 {
          notes.append("\(connection.name) is plastic with delay \(connection.delay): weights shown as they were before this tick's learning")
        }
      }
      var count = 0
      var part: Int64 = 0
      for pre in fired {
        guard let synapse = connection.synapse(pre: pre, post: i) else { continue }
        let contribution = FixedPoint.contribution(mantissa: weights[synapse], exponent: connection.format.exponent)
        count += 1
        part += Int64(contribution)
        contributors.append(
          .init(population: network[connection.source].name, neuron: pre, delay: connection.delay, contribution: contribution))
      }
      guard count > 0 else { continue }
      sum += part
      sources.append(.init(population: network[connection.source].name, delay: connection.delay, spikes: count, contribution: part))
    }
    // Merge sources that share population and delay (several connections between two populations).
    var merged: [String: NeuronExplanation.Source] = [:]
    for s in sources {
      let key = "\(s.population)#\(s.delay)"
      if let m = merged[key] {
        merged[key] = .init(population: s.population, delay: s.delay, spikes: m.spikes + s.spikes, contribution: m.contribution + s.contribution)
      } else {
        merged[key] = s
      }
    }
    let input = FixedPoint.wrap(sum, bits: FixedPoint.inputBits)
    let id = PopulationID(p)
    let u = chip.current(id, i)
    let spiked = chip.spikes(of: id).contains(i)
    // What u kept: nothing when u forgets everything; otherwise u − input, unwrapped mod 2^24.
    let carried: Int32 =
      parameters.currentDecay == 4096 ? 0 : FixedPoint.wrap(u &- input, bits: FixedPoint.currentBits)
    let drive = FixedPoint.wrap(u &+ parameters.bias, bits: FixedPoint.currentBits)
    var voltage: Int32?
    var held: Bool?
    if parameters.voltageDecay == 4096 {
      let v = min(max(drive, parameters.voltageMin), parameters.voltageMax)
      voltage = v
      // Held: it would have crossed, or its v was forced to 0; otherwise it ran free.
      held = !spiked && (v > parameters.threshold || (chip.voltage(id, i) == 0 && v != 0))
    } else if let baseline = stopBaseline, baseline.tick == t - 1 {
      let v = min(max(FixedPoint.decay(baseline.voltage(id, i), parameters.voltageDecay) &+ drive, parameters.voltageMin), parameters.voltageMax)
      voltage = v
      held = baseline.refractoryCounter(id, i) > 0
    } else {
      notes.append("v keeps part of the tick before (dv \(parameters.voltageDecay)); step one tick to see the sum")
    }
    let top = contributors.sorted { abs($0.contribution) > abs($1.contribution) }.prefix(5)
    return NeuronExplanation(
      tick: t, population: target.name, neuron: i, spiked: spiked,
      sources: merged.values.sorted { ($0.population, $0.delay) < ($1.population, $1.delay) }, contributors: Array(top),
      inputSum: sum, input: input, carriedCurrent: carried, current: u, bias: parameters.bias, voltage: voltage,
      threshold: parameters.threshold, refractoryHeld: held, notes: notes)
  }
}

extension Session {
  /// One change of a synapse found in the history, with how the learning rule computed it.
  struct SynapseChange {
    let tick: Int64
    let before: Int32
    let explanation: WeightChangeExplanation?
  }

  /// `why w2[o=3, h=17]`: the latest `limit` changes of one synapse (newest first) that the
  /// history reaches, each explained. Searches one keyframe interval at a time backwards, as
  /// `reverse-continue` does, and returns to where the session stood.
  mutating func explainSynapse(_ reference: WeightReference, limit: Int) throws -> [String] {
    guard let pre = reference.pre, let post = reference.post else {
      throw DebuggerError.notAvailable("why needs one synapse: give both indices (why w2[o=3, h=17])")
    }
    let group = source.connectionGroups[reference.group]
    guard group.isPlastic else { return ["\(group.name) is static: its weights never change"] }
    guard let chip = source.chip, let synapse = chip.network[group.primary].synapse(pre: pre, post: post) else {
      throw DebuggerError.notAvailable(
        source.chip == nil
          ? "weights are not available in this source (the trace holds spikes only)"
          : "\(group.name) has no synapse from \(group.pre.name)=\(pre) to \(group.post.name)=\(post)")
    }
    let name = "\(group.name)[\(group.post.name)=\(post), \(group.pre.name)=\(pre)]"
    let current = chip.weight(group.primary, pre: pre, post: post) ?? 0
    let here = source.tick
    var found: [SynapseChange] = []
    var end = here + 1  // changes are searched at ticks < end
    defer {
      if source.tick != here { try? travel(to: here) }
    }
    while found.count < limit, let start = try rewindForScan(before: end) {
      var segment: [SynapseChange] = []
      while source.tick < end - 1 {
        guard try source.step() else { break }
        afterTick()
        guard let chip = source.chip else { break }
        let (synapses, from) = chip.weightChangeLists(group.primary)
        if let k = synapses.firstIndex(of: Int32(synapse)) {
          segment.append(
            SynapseChange(
              tick: chip.tick, before: from[k],
              explanation: chip.explainWeightChange(connection: group.primary.rawValue, synapse: synapse, before: from[k])))
        }
      }
      found += segment.reversed().prefix(limit - found.count)
      end = start + 1
    }
    let reach = historyStart
    var lines = [
      "why \(name) = \(current): "
        + (found.isEmpty
          ? "no change since tick \(reach)"
          : found.count == limit
            ? "the last \(found.count) changes, newest first"
            : "\(found.count) change\(found.count == 1 ? "" : "s") since tick \(reach)\(found.count == 1 ? "" : ", newest first")")
    ]
    for change in found { lines += describe(change, group: group) }
    return lines
  }

  private func describe(_ change: SynapseChange, group: ConnectionGroup) -> [String] {
    let cycle = source.timeModel.cycle
    // The learning of a tick pairs the spikes of the tick before: name that tick's window.
    let window = cycle.map { c -> String in
      let w = c.window(of: change.tick - 1)
      return " (pairing in window \(w), \(c.windowNames[w]))"
    } ?? ""
    guard let e = change.explanation else {
      return ["  tick \(change.tick)\(window): changed from \(change.before) (this rule's epoch is longer than one tick; its terms are not explained yet)"]
    }
    func units(_ x: Double) -> String {
      let text = x == x.rounded() ? String(Int(abs(x))) : String(format: "%.3g", abs(x))
      return x == 0 ? "0" : (x < 0 ? "−" : "+") + text
    }
    let delta = Int64(e.after) - Int64(e.before)
    var lines = [
      "  tick \(change.tick)\(window): \(e.before) → \(e.after) (Δ \(delta < 0 ? "−" : "+")\(abs(delta)))"
    ]
    lines.append(
      "    pre \(group.pre.name)[\(e.pre)] \(e.preArrived ? "arrived" : "did not arrive"), post \(group.post.name)[\(e.post)] \(e.postSpiked ? "spiked" : "did not spike")"
        + (e.reward.map { $0 > 0 ? ", reward r1 = \($0)" : ", no reward (r1 = 0)" } ?? ""))
    let terms = e.terms.map { term -> String in
      let values = term.factors.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
      return "\(term.text)" + (term.counted ? (values.isEmpty ? "" : " [\(values)]") + " = \(units(term.weightUnits))" : " = 0 (not paired)")
    }
    lines.append("    dw = \(e.rule): " + terms.joined(separator: "; "))
    lines.append(
      "    sum \(units(e.delta))"
        + (e.stochasticallyRounded ? ", between two weights: the seeded draw gave \(e.after)" : "")
        + (Double(delta) != e.delta && !e.stochasticallyRounded ? ", clamped to the weight's range" : ""))
    return lines
  }
}
