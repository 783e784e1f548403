import Loihi

/// The first place where the spiking circuit and the reference model disagree.
package struct VerificationFailure: Error, Sendable, CustomStringConvertible {
  /// What differs.
  package enum Difference: Sendable {
    /// A plastic weight (any copy), with the chip connection holding it.
    case weight(matrix: PlasticMatrix, connection: String, pre: Int, post: Int, spiking: Int32, reference: Int32)
    /// The output read in window 3.
    case output(spiking: TrialOutput, reference: TrialOutput)
  }

  /// Position of the sample in this epoch and its index in the training set.
  package let sample: Int
  package let sampleIndex: Int
  package let label: Int
  /// The tick where the difference first shows (for weights: the tick whose learning phase made
  /// it), and the window whose spikes are involved (for weights: the window whose pairs that
  /// learning phase applied, one tick earlier).
  package let tick: Int64
  package let window: Int
  package let phase: String
  package let difference: Difference

  package var description: String {
    let place =
      "verify: first difference at sample \(sample) (training index \(sampleIndex), label \(label)): "
      + "tick \(tick) · phase \(window) \(CycleClock.gateName(ofWindow: window)) \(phase) · "
    switch difference {
    case .weight(let matrix, let connection, let pre, let post, let spiking, let reference):
      return place + "matrix \(matrix.rawValue) (\(connection)) [pre \(pre), post \(post)]: spiking \(spiking), reference \(reference)"
    case .output(let spiking, let reference):
      func bits(_ o: TrialOutput) -> String { o.spikes.map { $0 ? "1" : "0" }.joined() }
      return place + "output spikes: spiking \(bits(spiking)), reference \(bits(reference)); "
        + "a2 spiking \(spiking.preActivation), reference \(reference.preActivation)"
    }
  }
}

/// What `--verify --keep-going` found in one epoch.
package struct DivergenceReport: Sendable {
  /// Samples of this epoch after which the chip's weights (or whose output) differed from the
  /// reference's, each compared from the chip's own weights before the sample.
  package let differingSamples: Int
  /// The first difference of the run, located to its tick.
  package let first: VerificationFailure?
  /// Where the chip's copies of a plastic matrix first stopped agreeing with each other (after
  /// that, only the primary copies are compared), if they did.
  package let copiesSplit: String?
}

/// Runs the spiking circuit and the reference side by side and compares every plastic matrix
/// (all copies) after every sample; on a difference, replays the sample tick by tick from the
/// driver as it stood before it, to name the tick where the two diverge.
///
/// With `keepGoing`, a difference does not stop the run: it is counted, the reference takes the
/// chip's weights, and the next sample is compared from there, so that each epoch reports how many
/// samples the two engines disagree on.
///
/// To locate a difference without copying the chip before every sample (a copy costs more than
/// the sample), it keeps a checkpoint (driver and reference weights) every
/// ``checkpointInterval`` samples and the samples since; a difference is located by replaying
/// from the checkpoint to the sample before it (the chip is deterministic), then tick by tick.
struct Verifier: Sendable {
  /// The sample in progress.
  private var pending: (sample: Sample, index: Int, position: Int)?
  private typealias Replay = (driver: CircuitDriver, before: NBPWeights)
  /// The driver and reference weights before the first of `samples`, which it then saw in order.
  private var checkpoint: (driver: CircuitDriver, reference: NBPWeights, samples: [Sample])?
  static let checkpointInterval = 512
  private var position = 0
  let keepGoing: Bool
  private var first: VerificationFailure?
  private var copiesSplit: String?
  private var differing = 0
  /// Whether the pending sample has been counted already (its output differed).
  private var pendingCounted = false

  init(keepGoing: Bool = false) {
    self.keepGoing = keepGoing
  }

  /// This epoch's count, the first difference and any copy split; starts the next epoch's count.
  mutating func takeReport() -> DivergenceReport {
    defer { differing = 0 }
    return DivergenceReport(differingSamples: differing, first: first, copiesSplit: copiesSplit)
  }

  mutating func train(
    _ sample: Sample, index: Int, driver: inout CircuitDriver, reference: inout ReferenceModel
  ) throws -> TrialOutput {
    let locating = !keepGoing || first == nil
    let refresh = locating && (checkpoint == nil || checkpoint!.samples.count >= Self.checkpointInterval)
    // The state before this sample, kept (one copy) only when it becomes the next checkpoint.
    let candidate: (CircuitDriver, NBPWeights)? = refresh ? (driver, reference.weights) : nil
    try driver.begin(pixels: sample.pixels, label: Int(sample.label))
    // The previous sample's last learning ran in the tick just executed: compare now (the
    // checkpoint's samples still end with that sample).
    try check(driver: driver, reference: &reference)
    if !keepGoing || first == nil {
      if let (saved, weights) = candidate {
        checkpoint = (saved, weights, [sample])
      } else {
        checkpoint?.samples.append(sample)
      }
    } else {
      checkpoint = nil  // nothing left to locate
    }
    pending = (sample, index, position)
    pendingCounted = false
    position += 1
    let expected = reference.train(sample.pixels, label: Int(sample.label))
    let actual = driver.finish()
    if actual != expected {
      let failure = VerificationFailure(
        sample: position - 1, sampleIndex: index, label: Int(sample.label),
        tick: driver.clock.tick(trial: driver.slot, window: 3), window: 3,
        phase: driver.clock.phaseNames[3], difference: .output(spiking: actual, reference: expected))
      guard keepGoing else { throw failure }
      if first == nil { first = failure }
      differing += 1
      pendingCounted = true
    }
    return actual
  }

  mutating func finish(driver: inout CircuitDriver, reference: inout ReferenceModel) throws {
    driver.flush()
    try check(driver: driver, reference: &reference)
    pending = nil
  }

  private mutating func check(driver: CircuitDriver, reference: inout ReferenceModel) throws {
    let expected = reference.weights
    guard let pending,
      let difference = Self.firstDifference(driver.chip, driver.circuit, expected, primaryOnly: copiesSplit != nil)
    else { return }
    guard keepGoing else {
      throw replay().flatMap { locate($0, pending) } ?? Self.failure(
        at: difference, on: driver, expected: expected, sample: pending.sample, index: pending.index,
        position: pending.position)
    }
    if first == nil {
      first =
        replay().flatMap { locate($0, pending) }
        ?? Self.failure(
          at: difference, on: driver, expected: expected, sample: pending.sample, index: pending.index,
          position: pending.position)
    }
    if !pendingCounted { differing += 1 }
    pendingCounted = true
    let chipWeights = driver.circuit.weights(on: driver.chip)
    reference.reset(weights: chipWeights)
    if copiesSplit == nil, let split = Self.firstDifference(driver.chip, driver.circuit, chipWeights) {
      let (matrix, connection, synapse) = split
      copiesSplit =
        "sample \(pending.position): \(driver.chip.network[connection].name) differs from the primary copy of "
        + "\(matrix.rawValue) at synapse \(synapse)"
    }
  }

  /// A failure describing `difference` as it stands on `driver`'s chip now.
  /// - Parameter learningTick: true when the difference appeared in this tick's learning phase,
  ///   which applies the pairs of the previous tick's window: that window is reported.
  private static func failure(
    at difference: (PlasticMatrix, ConnectionID, Int), on driver: CircuitDriver, expected: NBPWeights,
    sample: Sample, index: Int, position: Int, learningTick: Bool = false
  ) -> VerificationFailure {
    let (matrix, connection, synapse) = difference
    let info = driver.chip.network[connection]
    let (pre, post) = info.endpoints(ofSynapse: synapse)
    let tick = driver.chip.tick
    let window = driver.clock.position(of: learningTick ? tick - 1 : tick)?.window ?? 0
    return VerificationFailure(
      sample: position, sampleIndex: index, label: Int(sample.label), tick: tick, window: window,
      phase: driver.clock.phaseNames[window],
      difference: .weight(
        matrix: matrix, connection: info.name, pre: pre, post: post,
        spiking: driver.chip.synapseWeights(connection)[synapse], reference: expected[matrix][synapse]))
  }

  /// Compares every copy of every plastic matrix with `expected`.
  static func firstDifference(
    _ chip: Chip, _ circuit: CircuitNetwork, _ expected: NBPWeights, primaryOnly: Bool = false
  ) -> (PlasticMatrix, ConnectionID, Int)? {
    for matrix in PlasticMatrix.allCases {
      let want = expected[matrix]
      for connection in circuit.connections(of: matrix).prefix(primaryOnly ? 1 : .max) {
        let have = chip.synapseWeights(connection)
        if have != want, let index = have.indices.first(where: { have[$0] != want[$0] }) {
          return (matrix, connection, index)
        }
      }
    }
    return nil
  }

  /// Replays the pending sample tick by tick against the reference's state after each window;
  /// nil if the replay does not show the difference (then the caller reports what it compared).
  /// The driver and reference weights just before the pending sample, replayed from the
  /// checkpoint (which the pending sample ends).
  private func replay() -> Replay? {
    guard let checkpoint, !checkpoint.samples.isEmpty else { return nil }
    var driver = checkpoint.driver
    let samples = checkpoint.samples
    let weights = checkpoint.reference
    var reference = ReferenceModel(weights: weights, profile: driver.circuit.topology.profile)
    for sample in samples.dropLast() {
      guard (try? driver.run(pixels: sample.pixels, label: Int(sample.label))) != nil else { return nil }
      reference.train(sample.pixels, label: Int(sample.label))
    }
    return (driver, reference.weights)
  }

  private func locate(
    _ replay: Replay, _ pending: (sample: Sample, index: Int, position: Int)
  ) -> VerificationFailure? {
    var driver = replay.driver
    var reference = ReferenceModel(weights: replay.before, profile: driver.circuit.topology.profile)
    var stages: [(window: Int, weights: NBPWeights)] = []
    reference.train(pending.sample.pixels, label: Int(pending.sample.label)) { stages.append(($0, $1)) }
    let slot = (try? driver.schedule(pixels: pending.sample.pixels, label: Int(pending.sample.label))) ?? driver.slot
    let clock = driver.clock
    let end = clock.tick(trial: slot, window: clock.ticksPerCycle - 1) + 1
    while driver.chip.tick < end {
      driver.chip.step()
      let tick = driver.chip.tick
      // Learning in tick t applies the pairs of window (t − 1); the expected state is the last
      // reference stage whose learning tick has run.
      var expected = replay.before
      for stage in stages where clock.tick(trial: slot, window: stage.window) + 1 <= tick { expected = stage.weights }
      if let difference = Self.firstDifference(driver.chip, driver.circuit, expected) {
        return Self.failure(
          at: difference, on: driver, expected: expected, sample: pending.sample, index: pending.index,
          position: pending.position, learningTick: true)
      }
    }
    return nil
  }
}
