import Loihi
import Testing

@testable import NBP

/// Every spike of one cycle of a 3-4-2 circuit, derived by hand from the wiring.
@Suite struct PhaseTableTests {
  /// x = [1, 1, 1], label 1. W1 rows [200, 200, 200, −34]; W2 rows [234, 34] for hidden 0–2, 0 for 3:
  /// a1 = [600, 600, 600, −102] → h = [1, 1, 1, 0], a1 > 0 the same, a1 > 1024 none, mask = h;
  /// a2 = [702, 102] → o = [1, 0], a2 > 0 = [1, 1], a2 > 1024 none;
  /// d+ = t ∧ ¬o ∧ (a2 > 0) = [0, 1]; d− = o ∧ ¬t ∧ ¬(a2 > 1024) = [1, 0];
  /// e+ = W2Tp[1] + W2Tm[0] = 34 − 234 = −200 on hidden 0–2 (0 on 3: not > 0) → h1T silent in window 6;
  /// e− = W2Tp[0] + W2Tm[1] = 234 − 34 = 200 on hidden 0–2 → h1T and then h1 fire there in 10, 11.
  static let expected: [Int: [String: [Int]]] = [
    0: ["input": [0, 1, 2], "g01": [0]],
    1: ["x": [0, 1, 2], "g02": [0]],
    2: ["h1": [0, 1, 2], "h1_copy": [0, 1, 2], "in_tgt": [1], "g03": [0]],
    3: ["o": [0], "o_copy": [0, 1], "t": [1], "m_h1": [0, 1, 2], "g04": [0]],
    4: ["d+": [1], "d-": [0], "g05": [0]],
    5: [
      "h1": [0, 1, 2], "h1T": [0, 1, 2], "o": [1], "o_copy": [1], "o_copy2": [1], "oT-": [0], "reward": [0],
      "g06": [0],
    ],
    6: ["c_h1": [0, 1, 2], "m_x6": [0, 1, 2], "g07": [0]],
    7: ["x": [0, 1, 2], "reward": [0], "g08": [0]],
    8: ["g09": [0]],
    9: ["h1": [0, 1, 2], "h1T": [0, 1, 2], "o": [0], "o_copy": [0], "o_copy2": [0], "oT-": [1], "g10": [0]],
    10: ["h1T": [0, 1, 2], "g11": [0]],
    11: ["x": [0, 1, 2], "h1": [0, 1, 2], "h1_copy": [0, 1, 2], "h1_copy2": [0, 1, 2], "g00": [0]],
  ]

  static let weights = NBPWeights(
    input: 3, hidden: 4, output: 2, w1: Array(repeating: [200, 200, 200, -34], count: 3).flatMap { $0 },
    w2: [234, 34, 234, 34, 234, 34, 0, 0])

  @Test func everySpikeOfOneCycle() throws {
    let weights = Self.weights
    let circuit = try CircuitNetwork(topology: .training(input: 3, hidden: 4, output: 2), weights: weights)
    var driver = CircuitDriver(circuit: circuit)
    try driver.schedule(pixels: [1, 1, 1], label: 1)
    let network = circuit.network
    func spikes() -> [String: [Int]] {
      var all: [String: [Int]] = [:]
      for (p, population) in network.populations.enumerated() {
        let s = driver.chip.spikes(of: PopulationID(p))
        if !s.isEmpty { all[population.name] = s }
      }
      return all
    }
    // Before the first trial only the kick (tick 11) and g00 (tick 12) fire.
    for tick in Int64(1)...12 {
      driver.chip.step()
      let want: [String: [Int]] = tick == 11 ? ["in_g": [0]] : tick == 12 ? ["g00": [0]] : [:]
      #expect(spikes() == want, "tick \(tick)")
    }
    for window in 0..<12 {
      driver.chip.step()
      #expect(driver.chip.tick == driver.clock.tick(trial: 0, window: window))
      #expect(spikes() == Self.expected[window]!, "window \(window)")
    }
    driver.flush()  // window 0 of the next slot runs window 11's learning
    let learned = circuit.weights(on: driver.chip)
    // W2 += 2 h⊗d+ (window 5), −= 2 h⊗d− (window 9); the transposes follow; W1 −= 2 x⊗down.
    #expect(learned.w2 == [232, 36, 232, 36, 232, 36, 0, 0])
    #expect(learned.w2Tp == [232, 232, 232, 0, 36, 36, 36, 0])
    #expect(learned.w2Tm == [-232, -232, -232, 0, -36, -36, -36, 0])
    #expect(learned.w1 == Array(repeating: [198, 198, 198, -34], count: 3).flatMap { $0 })
    var reference = ReferenceModel(weights: weights)
    reference.train([1, 1, 1], label: 1)
    #expect(reference.weights == learned)
  }

  /// Over many random samples no population spikes outside the windows its gates open.
  @Test func populationsAreSilentOutsideTheirWindows() throws {
    let (input, hidden, output) = (24, 12, 6)
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: 4))
    var driver = CircuitDriver(circuit: circuit, seed: 4)
    let topology = circuit.topology
    var checked = 0
    for (pixels, label) in CircuitEquivalenceTests.samples(count: 150, inputs: input, outputs: output, density: 35, seed: 9) {
      try driver.schedule(pixels: pixels, label: label)
      for _ in 0..<12 {
        driver.chip.step()
        guard let window = driver.clock.position(of: driver.chip.tick)?.window else { continue }
        for population in topology.populations where population.type != .generator {
          let count = driver.chip.spikeCount(of: circuit.network.population(named: population.name)!)
          if count > 0 {
            checked += 1
            #expect(population.windows.contains(window), "\(population.name) spiked in window \(window) at tick \(driver.chip.tick)")
          }
        }
      }
    }
    #expect(checked > 1000)
  }

  @Test func inferenceCircuitAnswersInWindow3() throws {
    let weights = Self.weights
    let circuit = try CircuitNetwork(topology: .inference(input: 3, hidden: 4, output: 2), weights: weights)
    var driver = CircuitDriver(circuit: circuit)
    let first = try driver.run(pixels: [1, 1, 1], label: 1)
    #expect(first == TrialOutput(spikes: [true, false], preActivation: [702, 102]))
    #expect(driver.chip.tick == 8)  // window 3 of slot 0: tick 4·(0 + 1) + 3 + 1
    let second = try driver.run(pixels: [0, 0, 0], label: 0)
    #expect(second == TrialOutput(spikes: [false, false], preActivation: [0, 0]))
    #expect(ReferenceModel(weights: weights).infer([1, 1, 1]) == first)
  }

  @Test func clockPositions() {
    let clock = CycleClock(ticksPerCycle: 12, phaseNames: CycleClock.trainingPhases)
    #expect(clock.position(of: 12) == nil)
    #expect(clock.position(of: 13)! == (0, 0))
    #expect(clock.position(of: 18)! == (0, 5))
    #expect(clock.position(of: 25)! == (1, 0))
    #expect(clock.tick(trial: 3, window: 5) == 12 * 4 + 6)
    #expect(clock.phaseNames[5] == "W2 potentiation")
    #expect(CycleClock.gateName(ofWindow: 5) == "g05")
  }
}
