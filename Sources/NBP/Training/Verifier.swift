import Loihi

/// The first place where the spiking circuit and the reference model disagree.
public struct VerificationFailure: Error, Sendable, CustomStringConvertible {
  /// What differs.
  public enum Difference: Sendable {
    /// A plastic weight (any copy), with the chip connection holding it.
    case weight(matrix: PlasticMatrix, connection: String, pre: Int, post: Int, spiking: Int32, reference: Int32)
    /// The output read in window 3.
    case output(spiking: TrialOutput, reference: TrialOutput)
  }

  /// Position of the sample in this epoch and its index in the training set.
  public let sample: Int
  public let sampleIndex: Int
  public let label: Int
  /// The tick where the difference first shows (for weights: the tick whose learning phase made
  /// it), and the window whose spikes are involved (for weights: the window whose pairs that
  /// learning phase applied, one tick earlier).
  public let tick: Int64
  public let window: Int
  public let phase: String
  public let difference: Difference

  public var description: String {
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

/// Runs the spiking circuit and the reference side by side and compares every plastic matrix
/// (all copies) after every sample; on a difference, replays the sample tick by tick from a copy
/// of the driver taken before it, to name the tick where the two diverge.
struct Verifier: Sendable {
  private var pending: (driver: CircuitDriver, before: NBPWeights, sample: Sample, index: Int, position: Int)?
  private var position = 0

  mutating func train(
    _ sample: Sample, index: Int, driver: inout CircuitDriver, reference: inout ReferenceModel
  ) throws -> TrialOutput {
    let saved = driver
    let before = reference.weights
    try driver.begin(pixels: sample.pixels, label: Int(sample.label))
    // The previous sample's last learning ran in the tick just executed: compare now.
    try check(driver: driver, expected: before)
    pending = (saved, before, sample, index, position)
    position += 1
    let expected = reference.train(sample.pixels, label: Int(sample.label))
    let actual = driver.finish()
    if actual != expected {
      throw VerificationFailure(
        sample: position - 1, sampleIndex: index, label: Int(sample.label),
        tick: driver.clock.tick(trial: driver.slot, window: 3), window: 3,
        phase: driver.clock.phaseNames[3], difference: .output(spiking: actual, reference: expected))
    }
    return actual
  }

  mutating func finish(driver: inout CircuitDriver, reference: ReferenceModel) throws {
    driver.flush()
    try check(driver: driver, expected: reference.weights)
    pending = nil
  }

  private func check(driver: CircuitDriver, expected: NBPWeights) throws {
    guard let pending, let difference = Self.firstDifference(driver.chip, driver.circuit, expected) else { return }
    throw locate(pending) ?? Self.failure(
      at: difference, on: driver, expected: expected, sample: pending.sample, index: pending.index,
      position: pending.position)
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
  static func firstDifference(_ chip: Chip, _ circuit: CircuitNetwork, _ expected: NBPWeights)
    -> (PlasticMatrix, ConnectionID, Int)?
  {
    for matrix in PlasticMatrix.allCases {
      let want = expected[matrix]
      for connection in circuit.connections(of: matrix) {
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
  private func locate(
    _ pending: (driver: CircuitDriver, before: NBPWeights, sample: Sample, index: Int, position: Int)
  ) -> VerificationFailure? {
    var driver = pending.driver
    var reference = ReferenceModel(weights: pending.before)
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
      var expected = pending.before
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
