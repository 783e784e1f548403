import ArgumentParser
import Foundation
import Loihi
import NBP

extension NBPScopeCommand {
  /// `nbpscope bench …`: speed measurements, each against a baseline timed in the same run.
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure speed against a baseline timed in the same run.",
      subcommands: [SimBench.self, TrainBench.self, RenderBench.self, TraceBench.self])
  }

  /// `nbpscope bench sim`: the emulator on a fixed 400 → 400 → 10 network.
  struct SimBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sim",
      abstract: "Emulator speed: 400 random generators → dense 400×400 → 400 → dense 400×10 → 10.",
      discussion: """
        Generators spike with p = 0.05 per tick (seeded). Prints ticks/s and synaptic events/s, \
        the median of --runs runs, and the same figures for the scalar reference engine \
        (ReferenceChip, which walks every synapse every tick) on the first --baseline-ticks ticks.
        """)

    @Option(help: "Ticks per run.") var ticks = 12_000
    @Option(help: "Runs; the median is reported.") var runs = 5
    @Option(help: "Ticks for the reference-engine baseline.") var baselineTicks = 1_000
    @Option(help: "Seed for weights and input spikes.") var seed: UInt64 = 1

    func validate() throws {
      guard ticks > 0, runs > 0, baselineTicks > 0 else {
        throw ValidationError("--ticks, --runs and --baseline-ticks must be positive.")
      }
    }

    func run() throws {
      let network = try BenchmarkNetwork.make(ticks: ticks, seed: seed)
      print("machine: \(MachineInfo.summary)")
      print("network: 400 generators (p = 0.05) → 400×400 → 400 LIF → 400×10 → 10 LIF, \(ticks) ticks")

      var times: [Double] = []
      var events = 0
      var spikes = 0
      for _ in 0..<runs {
        var chip = Chip(network: network, seed: seed)
        let clock = ContinuousClock()
        var runEvents = 0
        var runSpikes = 0
        let elapsed = clock.measure {
          for _ in 0..<ticks {
            chip.step()
            let inputs = chip.spikeCount(of: BenchmarkNetwork.input)
            let hidden = chip.spikeCount(of: BenchmarkNetwork.hidden)
            runEvents &+= inputs * 400 + hidden * 10
            runSpikes &+= inputs + hidden + chip.spikeCount(of: BenchmarkNetwork.output)
          }
        }
        times.append(elapsed.seconds)
        events = runEvents
        spikes = runSpikes
      }
      let median = times.sorted()[times.count / 2]
      let ticksPerSecond = Double(ticks) / median
      print(
        "chip:      \(format(ticksPerSecond)) ticks/s, \(format(Double(events) / median)) synaptic events/s, "
          + "\(String(format: "%.2f", median / Double(ticks) * 1e6)) µs/tick (median of \(runs); "
          + "\(spikes) spikes, \(events) events per run)")

      var reference = ReferenceChip(network: network)
      let clock = ContinuousClock()
      let baseline = clock.measure {
        for _ in 0..<baselineTicks { reference.step() }
      }.seconds
      let referenceRate = Double(baselineTicks) / baseline
      print(
        "reference: \(format(referenceRate)) ticks/s, \(String(format: "%.1f", baseline / Double(baselineTicks) * 1e6)) µs/tick (\(baselineTicks) ticks)")
      print("ratio:     chip is \(String(format: "%.1f", ticksPerSecond / referenceRate))× the reference engine")
      print(
        "anchors:   \(String(format: "%.0f", 1e-3 * ticksPerSecond))× a 1 ms/tick Python emulator; "
          + "\(String(format: "%.1f", 125e-6 * ticksPerSecond))× Loihi's 125 µs/tick in the nBP circuit")
    }

    private func format(_ x: Double) -> String {
      x >= 1e6 ? String(format: "%.2fM", x / 1e6) : String(format: "%.0f", x)
    }
  }
}

/// The benchmark network of issue 3, built deterministically from a seed.
enum BenchmarkNetwork {
  static let input = PopulationID(2)
  static let hidden = PopulationID(0)
  static let output = PopulationID(1)

  static func make(ticks: Int, seed: UInt64) throws -> Network {
    var random = RandomGenerator(seed: seed)
    func uniform(_ range: ClosedRange<Int32>) -> Int32 {
      range.lowerBound + Int32(random.uniform(below: UInt64(range.upperBound - range.lowerBound + 1)))
    }
    var events: [SpikeEvent] = []
    for tick in 1...Int64(ticks) {
      for index in 0..<Int32(400) where random.uniform(below: 100) < 5 {
        events.append(SpikeEvent(index: index, tick: tick))
      }
    }
    let lif = try CompartmentParameters(
      currentDecay: 1024, voltageDecay: 256, thresholdMantissa: 2000, refractoryDelay: 2)
    let w1 = (0..<400 * 400).map { _ in uniform(-80...90) }
    let w2 = (0..<400 * 10).map { _ in uniform(-40...120) }
    let mixed = try WeightFormat(signMode: .mixed)
    return try Network(
      NetworkDescription(
        populations: [
          PopulationSpec(name: "hidden", size: 400, kind: .compartments(lif)),
          PopulationSpec(name: "output", size: 10, kind: .compartments(lif)),
          PopulationSpec(name: "input", size: 400, kind: .generator(events: events)),
        ],
        connections: [
          try ConnectionSpec(
            source: "input", target: "hidden",
            connectivity: .dense(preCount: 400, postCount: 400, weights: w1), format: mixed),
          try ConnectionSpec(
            source: "hidden", target: "output",
            connectivity: .dense(preCount: 400, postCount: 10, weights: w2), format: mixed),
        ]))
  }
}

/// What a benchmark figure was measured on.
enum MachineInfo {
  static var summary: String {
    let cpu =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, one thread used"
  }
}
