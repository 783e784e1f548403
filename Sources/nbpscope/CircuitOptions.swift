import Budgets
import ArgumentParser
import Debugger
import Foundation
import Loihi
import NBP
import NBPDebugging
import Traces

/// The flags that choose a live circuit run (shared by debug, tui and record).
struct CircuitOptions: ParsableArguments {
  @OptionGroup var data: DataOptions
  @OptionGroup var profileOptions: ProfileOptions
  @Option(help: ArgumentHelp("Keep only the first n training samples (file order, before shuffling).", valueName: "n"))
  var limit: Int?
  @Option(help: ArgumentHelp("Epochs of samples to feed.", valueName: "n")) var epochs = 1
  @Option(
    name: .customLong("hidden"),
    help: ArgumentHelp("Hidden layer size (default: 400 for the images, 8 for xor, 32 for linear-map).", valueName: "n"))
  var hiddenSize: Int?
  @Option(help: ArgumentHelp("Seed for the initial weights, shuffling and the chip.", valueName: "s")) var seed: UInt64 = 1
  @Option(help: "Sample order: seeded (reshuffled each epoch) or none (file order).") var shuffle: ShuffleMode = .seeded
  @Option(
    name: .customLong("init"),
    help: ArgumentHelp("Start from these weights instead of the seeded initialisation.", valueName: "W.npz"))
  var initial: String?

  func validate() throws {
    guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1.") }
    guard (hiddenSize ?? 1) >= 1 else { throw ValidationError("--hidden must be at least 1.") }
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
  }

  /// The training samples in file order, `--limit` applied.
  func trainingSamples(of dataset: Dataset) -> [Sample] {
    limit.map { Array(dataset.train.prefix($0)) } ?? dataset.train
  }

  /// `--init` weights, or the seeded initialisation for the data set (its class count is the
  /// output count).
  func initialWeights() throws -> NBPWeights {
    if let initial { return try loadWeights(initial, for: data.dataset) }
    return NBPWeights.initial(for: data.dataset, hidden: hiddenSize ?? data.dataset.defaultHidden, seed: seed)
  }

  /// The training circuit of the chosen `--profile` for `weights`.
  func trainingTopology(for weights: NBPWeights) throws -> Topology {
    Topology.training(
      input: weights.input, hidden: weights.hidden, output: weights.output, profile: try profileOptions.resolved())
  }

  /// These options with the recorded run's own flags (data set, sizes, profile, seed, order,
  /// limit, epochs, initial weights) over them: what continues a recording live. The data
  /// directory stays this command's (`--data`, or the bundled digits).
  func recorded(by metadata: TraceMetadata) throws -> CircuitOptions {
    var options = self
    let properties = metadata.properties
    func invalid(_ key: String) -> CommandFailure {
      CommandFailure("the recording's \(key) '\(properties[key] ?? "")' is not one this build knows")
    }
    if let dataset = metadata.dataset {
      guard let kind = DatasetKind(rawValue: dataset) else { throw CommandFailure("the recording's data set '\(dataset)' is not one this build knows") }
      options.data.dataset = kind
    }
    options.seed = metadata.seed
    if let value = properties["shuffle"] {
      guard let mode = ShuffleMode(rawValue: value) else { throw invalid("shuffle") }
      options.shuffle = mode
    }
    if let value = properties["epochs"] {
      guard let epochs = Int(value), epochs >= 1 else { throw invalid("epochs") }
      options.epochs = epochs
    }
    if let value = properties["limit"] {
      guard let limit = Int(value), limit >= 1 else { throw invalid("limit") }
      options.limit = limit
    }
    if let value = properties["sizes"] {
      let sizes = value.split(separator: "-").compactMap { Int($0) }
      guard sizes.count == 3 else { throw invalid("sizes") }
      options.hiddenSize = sizes[1]
    }
    if let profile = properties["profile"] { options.profileOptions.profile = profile }
    options.initial = properties["init"]
    return options
  }

  /// The training circuit on the chosen data, samples in the order `train` presents them.
  func liveSource() throws -> NBPSource {
    let dataset = try data.load()
    let training = trainingSamples(of: dataset)
    let weights = try initialWeights()
    var order = Trainer.orderGenerator(seed: seed)
    var indices: [Int] = []
    for _ in 0..<max(1, epochs) {
      indices += Trainer.epochOrder(count: training.count, shuffle: shuffle, generator: &order)
    }
    let topology = try trainingTopology(for: weights)
    // The chip keeps the spikes of the last 1,024 ticks readable for the rasters.
    let circuit = try CircuitNetwork(topology: topology, weights: weights, spikeHistory: SourceOptions.spikeHistory)
    return NBPSource(circuit: circuit, samples: indices.map { training[$0] }, sampleIndices: indices, seed: seed)
  }
}

/// What the debugger opens: a recording (`--trace FILE`), any JSON network live (`--net NET.json`),
/// or, without either, the live nBP circuit from `CircuitOptions`.
struct SourceOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Replay this recording (nbpscope record) instead of running the circuit live.", valueName: "FILE"))
  var trace: String?
  @Option(help: ArgumentHelp("Run this network (nbpscope sim format) live instead of the nBP circuit.", valueName: "NET.json"))
  var net: String?
  @Option(
    help: ArgumentHelp(
      "Memory for running a live chip backwards (keyframes of its state), in MiB; 0 turns reverse execution off.",
      valueName: "MiB"))
  var historyMemory: Int = History.defaultMemoryMiB
  @OptionGroup var budgetOptions: BudgetOptions
  @OptionGroup var damage: DamageOptions

  /// Ticks of spikes a live chip keeps readable for the rasters.
  static let spikeHistory = 1024

  func validate() throws {
    if trace != nil && net != nil { throw ValidationError("--trace and --net choose different sources: give one.") }
    guard (0...1 << 20).contains(historyMemory) else {
      throw ValidationError("--history-memory \(historyMemory): expected 0…1048576 MiB")
    }
  }

  /// The keyframe store a session over a live source keeps (none when turned off).
  var history: History? {
    historyMemory > 0 ? History(memoryLimit: historyMemory << 20) : nil
  }

  func source(live circuit: CircuitOptions) throws -> any TickSource {
    if let net { return try Self.networkSource(net, budget: try budgetOptions.resolved) }
    guard let trace else { return try circuit.liveSource() }
    do {
      let reader = try openTrace(trace, damage: damage)
      let metadata = reader.metadata
      // Recordings of the nBP circuit read with its roles and samples; any other with its metadata.
      var annotation: ReplayAnnotation?
      if metadata.source.hasPrefix("nbp") {
        annotation = NBPAnnotation.replayAnnotation(
          populationNames: metadata.populations.map(\.name), properties: metadata.properties)
        // Read the recording's flags only when asked to resume: a replay must open either way.
        annotation?.resume = { chip, records in
          var live = try circuit.recorded(by: metadata).liveSource()
          try live.resume(from: chip, records: records)
          return live
        }
      }
      return try ReplaySource(reader: reader, annotation: annotation, liveSpikeHistory: Self.spikeHistory)
    } catch {
      throw CommandFailure("\(error)")
    }
  }

  static func networkSource(_ path: String, budget: ResourceBudget) throws -> NetworkSource {
    let spec: SimulationSpec
    do {
      spec = try SimulationSpec(json: try readInput(path), spikeHistory: spikeHistory, budget: budget)
    } catch let error as CommandFailure {
      throw error
    } catch {
      throw CommandFailure("\(path): \(error)")
    }
    return NetworkSource(network: spec.network, seed: spec.seed, ticks: spec.ticks, gating: spec.gating)
  }
}
