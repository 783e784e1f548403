import JSON
import ArgumentParser
import Foundation
import Loihi
import NBP

extension NBPScopeCommand {
  /// `nbpscope bench …`: speed measurements, each against a baseline timed in the same run.
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure speed against a baseline timed in the same run.",
      subcommands: [SimBench.self, TrainBench.self, RenderBench.self, TraceBench.self, HistoryBench.self])
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
    @Option(help: "Ticks of the network written as JSON for the network-file figures.") var jsonTicks = 1_200
    @Option(
      help: ArgumentHelp(
        "Only write the benchmark network (--json-ticks ticks of input) as `nbpscope sim` JSON here.",
        valueName: "FILE"))
    var writeJSON: String?

    func validate() throws {
      guard ticks > 0, runs > 0, baselineTicks > 0 else {
        throw ValidationError("--ticks, --runs and --baseline-ticks must be positive.")
      }
    }

    func run() throws {
      if let writeJSON {
        let json = try BenchmarkNetwork.json(ticks: jsonTicks, seed: seed)
        try Data(json).write(to: URL(fileURLWithPath: writeJSON), options: .atomic)
        print("wrote \(json.count) bytes (\(jsonTicks) ticks of input) to \(writeJSON)")
        return
      }
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

      // Network files: parse the same network as `nbpscope sim` JSON (--json-ticks of input),
      // against emulating those ticks, in the same run.
      let json = try BenchmarkNetwork.json(ticks: jsonTicks, seed: seed)
      var syntax: [Double] = []
      for _ in 0..<runs {
        let clock = ContinuousClock()
        syntax.append(clock.measure { _ = try? JSONValue.parse(json) }.seconds)
      }
      let syntaxMedian = syntax.sorted()[syntax.count / 2]
      var parses: [Double] = []
      var spec: SimulationSpec?
      for _ in 0..<runs {
        let clock = ContinuousClock()
        parses.append(clock.measure { spec = try? SimulationSpec(json: json) }.seconds)
      }
      guard let spec else { throw CommandFailure("the benchmark network's JSON does not parse") }
      let parse = parses.sorted()[parses.count / 2]
      var chip = Chip(network: spec.network, seed: spec.seed)
      let emulation = ContinuousClock().measure { chip.run(ticks: Int(spec.ticks)) }.seconds
      print(
        "json:      \(json.count) bytes parsed in \(String(format: "%.2f", syntaxMedian * 1e3)) ms "
          + "(\(String(format: "%.0f", Double(json.count) / syntaxMedian / 1e6)) MB/s, JSONValue.parse, median of \(runs))")
      print(
        "spec:      \(json.count) bytes parsed and checked in \(String(format: "%.2f", parse * 1e3)) ms "
          + "(\(String(format: "%.0f", Double(json.count) / parse / 1e6)) MB/s, median of \(runs)); "
          + "emulating its \(spec.ticks) ticks: \(String(format: "%.2f", emulation * 1e3)) ms "
          + "(parse/emulate = \(String(format: "%.2f", parse / emulation)))")
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

extension BenchmarkNetwork {
  /// The benchmark network with `ticks` ticks of input as `nbpscope sim` JSON (probing the
  /// output spikes), written the way a person would: one weight row per line.
  static func json(ticks: Int, seed: UInt64) throws -> [UInt8] {
    let network = try make(ticks: ticks, seed: seed)
    let chip = Chip(network: network)
    var text = "{\n  \"ticks\": \(ticks),\n  \"seed\": \(seed),\n  \"compartments\": [\n"
    let lif = #""du": 1024, "dv": 256, "vThMant": 2000, "refractory": 2"#
    text += "    {\"name\": \"hidden\", \"size\": 400, \(lif)},\n"
    text += "    {\"name\": \"output\", \"size\": 10, \(lif)}\n  ],\n"
    guard case .generator(let events) = network.description.populations[input.rawValue].kind else {
      throw CommandFailure("the benchmark input is not a generator")
    }
    text += "  \"generators\": [\n    {\"name\": \"input\", \"size\": 400, \"spikes\": [\n"
    text += events.map { "      [\($0.index), \($0.tick)]" }.joined(separator: ",\n")
    text += "\n    ]}\n  ],\n  \"connections\": [\n"
    var connections: [String] = []
    for (c, connection) in network.connections.enumerated() {
      let matrix = chip.weightMatrix(ConnectionID(c))
      let rows = (0..<connection.preCount).map { pre in
        "        [" + matrix[pre * connection.postCount..<(pre + 1) * connection.postCount].map(String.init)
          .joined(separator: ", ") + "]"
      }
      connections.append(
        "    {\"from\": \"\(network[connection.source].name)\", \"to\": \"\(network[connection.target].name)\", "
          + "\"signMode\": \"mixed\", \"weights\": [\n" + rows.joined(separator: ",\n") + "\n    ]}")
    }
    text += connections.joined(separator: ",\n") + "\n  ],\n  \"probes\": [\"output.spike\"]\n}\n"
    return Array(text.utf8)
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
