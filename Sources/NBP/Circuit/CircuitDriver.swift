import Loihi

/// What the circuit answered for one sample, read in the output window (window 3).
package struct TrialOutput: Hashable, Sendable {
  /// Which output neurons spiked.
  package var spikes: [Bool]
  /// Output pre-activations a2 in weight units, read from the output neurons' u (minus the gate's
  /// `g` units, 8704 in nbp-2024); wraps like the chip's input sum does.
  package var preActivation: [Int32]
}

/// Feeds samples into a circuit network at the ticks the gating chain expects, and reads the
/// answer after the output window.
///
/// Trial slot n starts with window 0 at tick `clock.tick(trial: n, window: 0)`: the image arrives
/// then (x fires in window 1), the target two ticks later, rewards in windows 5 and 7. The
/// learning of a trial's last window happens in the next tick, which is window 0 of the next slot;
/// ``begin(pixels:label:)`` therefore steps through that tick before the new trial's windows,
/// and ``flush()`` runs it when no sample follows (the next sample then takes the slot after).
package struct CircuitDriver: Sendable {
  package let circuit: CircuitNetwork
  package var chip: Chip
  /// The slot of the trial in progress, or -1 before the first.
  package private(set) var slot = -1
  private let input: PopulationID
  private let target: PopulationID?
  private let reward: PopulationID?
  private let output: PopulationID
  /// Out-of-window spike counts of every tick the driver runs, when enabled (``enableAudit()``).
  package private(set) var audit: WindowAudit?

  package init(circuit: CircuitNetwork, seed: UInt64 = 0) {
    self.circuit = circuit
    chip = Chip(network: circuit.network, seed: seed)
    input = circuit.network.population(named: "input")!
    target = circuit.network.population(named: "in_tgt")
    reward = circuit.network.population(named: "reward")
    output = circuit.network.population(named: "o")!
  }

  package var clock: CycleClock { circuit.topology.clock }

  /// Returns the driver to a state it was in: the chip's, from a keyframe taken then, and the
  /// trial slot it stood in (a debugger running backwards).
  package mutating func rewind(to keyframe: ChipKeyframe, slot: Int) throws {
    try chip.restore(keyframe)
    self.slot = slot
  }

  /// Starts counting spikes outside their windows in every tick the driver runs from now on.
  package mutating func enableAudit() {
    if audit == nil { audit = WindowAudit(circuit: circuit) }
  }

  /// Returns the audit's counts and starts them again from zero.
  package mutating func takeAudit() -> WindowAudit? {
    defer { audit?.reset() }
    return audit
  }

  /// Runs one tick, auditing it when enabled.
  @inline(__always)
  private mutating func step() {
    chip.step()
    if audit != nil, let window = clock.position(of: chip.tick)?.window { audit!.record(chip, window: window) }
  }

  /// Schedules a sample into the next free slot and runs up to and including its window 0.
  /// - Parameters:
  ///   - pixels: binarized input, 0 or 1 per input neuron.
  ///   - label: the class; ignored by the inference circuit, which has no target.
  package mutating func begin(pixels: [UInt8], label: Int) throws {
    let start = clock.tick(trial: try schedule(pixels: pixels, label: label), window: 0)
    while chip.tick < start { step() }
  }

  /// Schedules a sample's spikes into the next free slot without stepping; returns the slot.
  /// Callers that step the chip themselves (the debugger, the verifier) use this.
  @discardableResult
  package mutating func schedule(pixels: [UInt8], label: Int) throws -> Int {
    precondition(pixels.count == circuit.topology.inputSize, "sample size \(pixels.count) ≠ \(circuit.topology.inputSize)")
    var next = slot + 1
    while clock.tick(trial: next, window: 0) <= chip.tick { next += 1 }
    slot = next
    try scheduleSpikes(pixels: pixels, label: label, slot: next)
    return next
  }

  /// Schedules what a sample presents in `slot` (its pixels in window 0, its label in window 2,
  /// the reward in windows 5 and 7), only the spikes still to come.
  private mutating func scheduleSpikes(pixels: [UInt8], label: Int, slot: Int) throws {
    let now = chip.tick
    func upcoming(_ events: [SpikeEvent]) -> [SpikeEvent] { events.filter { $0.tick > now } }
    let start = clock.tick(trial: slot, window: 0)
    var events: [SpikeEvent] = []
    events.reserveCapacity(pixels.count)
    for (i, p) in pixels.enumerated() where p != 0 { events.append(SpikeEvent(index: Int32(i), tick: start)) }
    try chip.schedule(upcoming(events), on: input)
    if let target {
      try chip.schedule(upcoming([SpikeEvent(index: Int32(label), tick: clock.tick(trial: slot, window: 2))]), on: target)
    }
    if let reward {
      try chip.schedule(upcoming([5, 7].map { SpikeEvent(index: 0, tick: clock.tick(trial: slot, window: $0) ) }), on: reward)
    }
  }

  /// Continues a run from a chip that a recording restored (its generators fed only up to its
  /// tick): back to `keyframe`, with the rest of the current slot's sample scheduled again (the
  /// chip merges spikes already pending).
  package mutating func resume(from keyframe: ChipKeyframe, slot: Int, pixels: [UInt8], label: Int) throws {
    try rewind(to: keyframe, slot: slot)
    try scheduleSpikes(pixels: pixels, label: label, slot: slot)
  }

  /// Runs the rest of the trial (windows 1 to the last) and returns the output read in window 3.
  package mutating func finish() -> TrialOutput {
    let outputTick = clock.tick(trial: slot, window: 3)
    let last = clock.tick(trial: slot, window: clock.ticksPerCycle - 1)
    var result = TrialOutput(spikes: [], preActivation: [])
    while chip.tick < last {
      step()
      if chip.tick == outputTick { result = readOutput() }
    }
    return result
  }

  /// One whole trial: ``begin(pixels:label:)`` then ``finish()``.
  package mutating func run(pixels: [UInt8], label: Int) throws -> TrialOutput {
    try begin(pixels: pixels, label: label)
    return finish()
  }

  /// Runs the tick in which the last trial's final learning happens.
  package mutating func flush() {
    step()
  }

  /// The output layer as the chip shows it after the last tick (meaningful in window 3).
  package func readOutput() -> TrialOutput {
    let size = circuit.topology.outputSize
    var spikes = [Bool](repeating: false, count: size)
    for j in chip.spikes(of: output) { spikes[j] = true }
    let gate = circuit.topology.profile.weight(.gate)
    let preActivation = (0..<size).map { chip.current(output, $0) / 64 - gate }
    return TrialOutput(spikes: spikes, preActivation: preActivation)
  }
}
