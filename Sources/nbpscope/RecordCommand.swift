import ArgumentParser
import Foundation
import Loihi
import NBP
import Traces

extension NBPScopeCommand {
  /// `nbpscope record`: runs the nBP circuit (or a JSON network) and records every tick.
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record every tick of a training run of the nBP circuit (or of a JSON network) to a trace file.",
      discussion: """
        Without --net: trains the spiking circuit exactly as 'train' does (same samples, same \
        order, same chip) and records every tick, with one marker per cycle naming its sample \
        and label. With --net NET.json: runs that network for its 'ticks' (the train flags are \
        then ignored). The file is written in place, chunk by chunk: if the run is killed, \
        everything up to the last complete chunk reads back ('nbpscope trace repair' adds the \
        index). The chip state at tick 0 is always stored; --snapshot-every adds one every K ticks.
        """)

    @Option(help: ArgumentHelp("The trace file to write.", valueName: "run.nbpt")) var out: String
    @OptionGroup var options: CircuitOptions
    @OptionGroup var budgetOptions: BudgetOptions
    @Option(help: ArgumentHelp("Also store the chip state every K ticks (0: only at tick 0).", valueName: "K"))
    var snapshotEvery = 0
    @Option(help: ArgumentHelp("Record this network (nbpscope sim format) instead of the nBP circuit.", valueName: "NET.json"))
    var net: String?

    func validate() throws {
      guard snapshotEvery >= 0 else { throw ValidationError("--snapshot-every must be 0 or more.") }
    }

    func run() throws {
      let writer: TraceWriter
      var detail: String
      let seconds: Double
      if let net {
        (writer, detail, seconds) = try recordNetwork(net)
      } else {
        (writer, detail, seconds) = try recordCircuit()
      }
      let ticks = writer.endTick - writer.metadata.t0
      let perSpike = writer.spikeCount > 0 ? String(format: "%.2f", Double(writer.bytesWritten) / Double(writer.spikeCount)) : "-"
      detail += "\(ticks) ticks, \(writer.spikeCount) spikes"
      print(
        "recorded \(detail) to \(out): \(writer.bytesWritten) bytes (\(perSpike) bytes/spike), "
          + String(format: "%.2f s (%.0f ticks/s)", seconds, Double(ticks) / max(seconds, 1e-9)))
    }

    /// The nBP training circuit, fed as `train` feeds it.
    private func recordCircuit() throws -> (TraceWriter, String, Double) {
      let data = options.data
      let dataset = try data.load()
      let samples = options.trainingSamples(of: dataset)
      let weights = try options.initialWeights()
      let topology = try options.trainingTopology(for: weights)
      let circuit = try CircuitNetwork(topology: topology, weights: weights)
      var driver = CircuitDriver(circuit: circuit, seed: options.seed)
      var properties = [
        "circuit": "training", "profile": topology.profile.name, "epochs": "\(options.epochs)", "shuffle": options.shuffle.rawValue,
        "sizes": "\(weights.input)-\(weights.hidden)-\(weights.output)",
      ]
      if let limit = options.limit { properties["limit"] = "\(limit)" }
      if let initial = options.initial { properties["init"] = initial }
      let metadata = TraceMetadata(
        topology: topology, seed: options.seed, dataset: data.dataset.rawValue, sampleCount: samples.count,
        snapshotInterval: snapshotEvery, properties: properties)
      let clock = ContinuousClock()
      let started = clock.now
      let writer = try traceStep { () throws(TraceError) in try TraceWriter(path: out, metadata: metadata) }
      try traceStep { () throws(TraceError) in try writer.appendSnapshot(of: driver.chip) }
      try Self.train(
        &driver, samples: samples, epochs: options.epochs, shuffle: options.shuffle, seed: options.seed,
        writer: writer, snapshotEvery: snapshotEvery)
      try traceStep { () throws(TraceError) in try writer.close() }
      let seconds = (clock.now - started).seconds
      return (writer, "\(options.epochs * samples.count) samples (\(options.epochs) epoch\(options.epochs == 1 ? "" : "s")), ", seconds)
    }

    /// A JSON network for its `ticks`.
    private func recordNetwork(_ path: String) throws -> (TraceWriter, String, Double) {
      let bytes = try readInput(path)
      let spec: SimulationSpec
      do {
        spec = try SimulationSpec(json: bytes, budget: try budgetOptions.resolved)
      } catch {
        throw CommandFailure("\(path): \(error)")
      }
      // A gating block becomes the trace's time model, so the replay has gates, windows and the audit.
      let gating = spec.gating
      let metadata = TraceMetadata(
        tool: "nbpscope \(NBPScopeCommand.configuration.version)", source: "network", seed: spec.seed, t0: 1,
        ticksPerCycle: gating?.length ?? 0, cycleOrigin: gating?.origin ?? 0, phaseNames: gating?.windowNames ?? [],
        gateNames: gating?.gates ?? [],
        populations: spec.network.populations.enumerated().map { p, population in
          let role = population.isGenerator ? "input" : gating?.gates.contains(population.name) == true ? "gate" : ""
          return TracePopulation(
            name: population.name, size: population.size, role: role,
            windows: gating?.populationWindows[p].map { $0.sorted() } ?? [], isGenerator: population.isGenerator)
        },
        snapshotInterval: snapshotEvery, network: String(decoding: bytes, as: UTF8.self), properties: ["net": path])
      var chip = Chip(network: spec.network, seed: spec.seed)
      let clock = ContinuousClock()
      let started = clock.now
      let writer = try traceStep { () throws(TraceError) in try TraceWriter(path: out, metadata: metadata) }
      try traceStep { () throws(TraceError) in
        try writer.appendSnapshot(of: chip)
        for _ in 0..<spec.ticks { try step(&chip, writer) }
        try writer.close()
      }
      return (writer, "\(path), ", (clock.now - started).seconds)
    }


    /// One tick: run it, record it, and snapshot when due.
    @inline(__always)
    private func step(_ chip: inout Chip, _ writer: TraceWriter) throws(TraceError) {
      try Self.step(&chip, writer, snapshotEvery: snapshotEvery)
    }

    @inline(__always)
    static func step(_ chip: inout Chip, _ writer: TraceWriter?, snapshotEvery: Int) throws(TraceError) {
      chip.step()
      guard let writer else { return }
      try writer.appendTick(of: chip)
      if snapshotEvery > 0 && chip.tick % Int64(snapshotEvery) == 0 { try writer.appendSnapshot(of: chip) }
    }

    /// Trains the circuit on `samples` as `train` does (same order, same ticks), recording every
    /// tick and a marker per cycle into `writer` (nil: an unrecorded run, for the benchmark).
    static func train(
      _ driver: inout CircuitDriver, samples: [Sample], epochs: Int, shuffle: ShuffleMode, seed: UInt64,
      writer: TraceWriter?, snapshotEvery: Int
    ) throws {
      let clock = driver.clock
      var order = Trainer.orderGenerator(seed: seed)
      for epoch in 1...epochs {
        for index in Trainer.epochOrder(count: samples.count, shuffle: shuffle, generator: &order) {
          let sample = samples[index]
          let slot = try driver.schedule(pixels: sample.pixels, label: Int(sample.label))
          writer?.mark(
            TraceMarker(
              tick: clock.tick(trial: slot, window: 0),
              .sample(cycle: slot, epoch: epoch, index: index, label: Int(sample.label))))
          let last = clock.tick(trial: slot, window: clock.ticksPerCycle - 1)
          try traceStep { () throws(TraceError) in
            while driver.chip.tick < last { try step(&driver.chip, writer, snapshotEvery: snapshotEvery) }
          }
        }
        // The last sample's final learning happens in the next tick (as CircuitDriver.flush).
        try traceStep { () throws(TraceError) in try step(&driver.chip, writer, snapshotEvery: snapshotEvery) }
      }
    }
  }
}

/// Runs trace I/O, turning its error into a one-line command failure.
@inline(__always)
func traceStep<T>(_ body: () throws(TraceError) -> T) throws(CommandFailure) -> T {
  do {
    return try body()
  } catch {
    throw CommandFailure(error.description)
  }
}

extension TraceMetadata {
  /// Metadata for a recording of `topology`: its populations with roles, windows and labels, its
  /// gates, phase names and cycle.
  init(
    topology: Topology, seed: UInt64, dataset: String?, sampleCount: Int?, snapshotInterval: Int,
    properties: [String: String]
  ) {
    let clock = topology.clock
    self.init(
      tool: "nbpscope \(NBPScopeCommand.configuration.version)", source: "nbp-training", seed: seed, t0: 1,
      ticksPerCycle: clock.ticksPerCycle, cycleOrigin: clock.tick(trial: 0, window: 0), phaseNames: clock.phaseNames,
      gateNames: topology.gateNames,
      populations: topology.populations.map(TracePopulation.init(circuit:)), dataset: dataset,
      sampleCount: sampleCount, snapshotInterval: snapshotInterval, properties: properties)
  }
}

extension TracePopulation {
  init(circuit population: CircuitPopulation) {
    self.init(
      name: population.name, size: population.size, role: population.role.rawValue,
      windows: population.windows.sorted(), isGenerator: population.type == .generator, label: population.label)
  }
}
