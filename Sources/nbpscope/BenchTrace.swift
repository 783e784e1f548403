import ArgumentParser
import Foundation
import Loihi
import NBP
import Traces

extension NBPScopeCommand {
  /// `nbpscope bench trace`: recording overhead, size, and seeking in a long trace.
  struct TraceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "trace",
      abstract: "Trace speed: recording overhead on the nBP circuit, bytes per spike, seeking in a long trace.",
      discussion: """
        1. The spiking circuit trains --samples samples unrecorded and recorded (alternating, \
        median of --runs each); the overhead is the recorded run's extra time, with the \
        writer's chunk encoding and compression on a second thread (the default) and on the \
        recording thread. 2. A synthetic \
        trace of --ticks ticks (the circuit's 35 populations, sparse random spikes) is written \
        with the trace writer; then --seeks random windows of 200 ticks of one population are \
        read, each with a freshly opened reader (cold chunk cache; the file itself is in the OS \
        page cache), and 'trace info' is timed on it. Temporary files go to --directory.
        """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("Training samples per run.", valueName: "n")) var samples = 2000
    @Option(help: ArgumentHelp("Runs of each kind; the median is reported.", valueName: "n")) var runs = 5
    @Option(help: ArgumentHelp("Ticks of the synthetic trace.", valueName: "n")) var ticks = 10_000_000
    @Option(help: ArgumentHelp("Random seeks to time.", valueName: "n")) var seeks = 200
    @Option(help: ArgumentHelp("Seed.", valueName: "s")) var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Where to put the temporary traces.", valueName: "dir"))
    var directory = FileManager.default.temporaryDirectory.path
    @Flag(help: "Keep the synthetic long trace (its path is printed) instead of deleting it.") var keep = false

    func validate() throws {
      guard samples > 0, runs > 0, ticks > 0, seeks > 0 else {
        throw ValidationError("--samples, --runs, --ticks and --seeks must be positive.")
      }
    }

    func run() throws {
      let machine = MachineInfo.summary.replacingOccurrences(
        of: "one thread used", with: "the chip on one thread, the trace writer's chunk encoding on another")
      print("machine: \(machine)")
      try overhead()
      try longTrace()
    }

    private func overhead() throws {
      let dataset = try data.load()
      let training = Array(dataset.train.prefix(samples))
      let weights = NBPWeights.initial(for: data.dataset, hidden: 400, seed: seed)
      let topology = Topology.training(input: weights.input, hidden: weights.hidden, output: weights.output)
      let circuit = try CircuitNetwork(topology: topology, weights: weights)
      let path = directory + "/nbpscope-bench-\(getpid()).nbpt"
      defer { unlink(path) }
      var plain: [Double] = []
      var recorded: [Double] = []
      var closeTimes: [Double] = []
      var size: Int64 = 0
      var spikes = 0
      var ticksRun: Int64 = 0
      let clock = ContinuousClock()
      func unrecorded() throws {
        var driver = CircuitDriver(circuit: circuit, seed: seed)
        let start = clock.now
        try Record.train(&driver, samples: training, epochs: 1, shuffle: .none, seed: seed, writer: nil, snapshotEvery: 0)
        plain.append((clock.now - start).seconds)
        ticksRun = driver.chip.tick
      }
      var inline: [Double] = []
      func recordedRun(background: Bool = true) throws {
        var recording = CircuitDriver(circuit: circuit, seed: seed)
        let metadata = TraceMetadata(
          topology: topology, seed: seed, dataset: data.dataset.rawValue, sampleCount: training.count,
          snapshotInterval: 0, properties: [:])
        let begin = clock.now
        let writer = try traceStep { () throws(TraceError) in
          try TraceWriter(path: path, metadata: metadata, options: .init(background: background))
        }
        try Record.train(&recording, samples: training, epochs: 1, shuffle: .none, seed: seed, writer: writer, snapshotEvery: 0)
        let closing = clock.now
        try traceStep { () throws(TraceError) in try writer.close() }
        if background {
          recorded.append((clock.now - begin).seconds)
          closeTimes.append((clock.now - closing).seconds)
        } else {
          inline.append((clock.now - begin).seconds)
        }
        size = writer.bytesWritten
        spikes = writer.spikeCount
      }
      // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
      for run in 0..<runs {
        if run % 2 == 0 {
          try unrecorded()
          try recordedRun()
          try recordedRun(background: false)
        } else {
          try recordedRun(background: false)
          try recordedRun()
          try unrecorded()
        }
      }
      let a = median(plain)
      let b = median(recorded)
      print(
        "circuit:   \(training.count) samples, \(ticksRun) ticks, \(spikes) spikes "
          + String(format: "(%.1f spikes/tick); median of %d runs each", Double(spikes) / Double(ticksRun), runs))
      print(String(format: "unrecorded: %.3f s (%.0f ticks/s, %.0f samples/s)", a, Double(ticksRun) / a, Double(training.count) / a))
      print(String(format: "recorded:   %.3f s (%.0f ticks/s, %.0f samples/s)", b, Double(ticksRun) / b, Double(training.count) / b))
      let c = median(inline)
      print(String(format: "recorded, writer on the same thread: %.3f s (%.0f ticks/s)", c, Double(ticksRun) / c))
      print(String(format: "overhead:   %+.1f %% (writer thread), %+.1f %% (same thread)", (b / a - 1) * 100, (c / a - 1) * 100))
      print("runs:       unrecorded \(list(plain)); recorded \(list(recorded)); same thread \(list(inline))")
      print(String(format: "close:      last chunk, index and fsync: median %.1f ms (included above)", median(closeTimes) * 1e3))
      print(
        "size:      \(size) bytes, "
          + String(format: "%.3f bytes/spike, %.1f bytes/tick (no snapshots)", Double(size) / Double(max(spikes, 1)), Double(size) / Double(ticksRun)))
    }

    private func longTrace() throws {
      let topology = Topology.training(input: 400, hidden: 400, output: 10)
      var metadata = TraceMetadata(
        topology: topology, seed: seed, dataset: nil, sampleCount: nil, snapshotInterval: 0,
        properties: ["spikes": "0 to 4 per tick in random populations at random indices"])
      metadata.source = "synthetic"
      let path = directory + "/nbpscope-bench-long-\(getpid()).nbpt"
      defer { if !keep { unlink(path) } }
      let sizes = metadata.populations.map(\.size)
      let clock = ContinuousClock()
      // Each tick: on average 2 spikes, in random populations at random indices.
      var random = RandomGenerator(seed: seed)
      let start = clock.now
      let writer = try traceStep { () throws(TraceError) in try TraceWriter(path: path, metadata: metadata) }
      var indices: [Int32] = []
      try traceStep { () throws(TraceError) in
        for tick in 1...Int64(ticks) {
          let count = Int(random.uniform(below: 5))
          var used = 0 as UInt64
          for _ in 0..<count {
            let p = Int(random.uniform(below: UInt64(sizes.count)))
            guard used & (1 << UInt64(p)) == 0 else { continue }
            used |= 1 << UInt64(p)
            indices = [Int32(random.uniform(below: UInt64(sizes[p])))]
            try writer.append(tick: tick, population: p, indices: indices)
          }
          if count == 0 { try writer.advance(to: tick + 1) }
        }
        try writer.close()
      }
      let written = (clock.now - start).seconds
      print(
        "long:      \(ticks) ticks, \(writer.spikeCount) spikes, \(writer.bytesWritten) bytes "
          + String(format: "(%.3f bytes/spike), written in %.2f s", Double(writer.bytesWritten) / Double(writer.spikeCount), written))

      var openTimes: [Double] = []
      var seekTimes: [Double] = []
      var found = 0
      for _ in 0..<seeks {
        let tick = Int64(random.uniform(below: UInt64(ticks))) + 1
        let p = Int(random.uniform(below: UInt64(sizes.count)))
        let begin = clock.now
        let reader = try openTrace(path)
        let opened = clock.now
        let rows = reader.spikes(population: p, from: tick, count: 200)
        let done = clock.now
        if let error = reader.lastError { throw CommandFailure(error.description) }
        found += rows.reduce(0) { $0 + $1.count }
        openTimes.append((opened - begin).seconds)
        seekTimes.append((done - begin).seconds)
      }
      let sorted = seekTimes.sorted()
      print(
        String(
          format: "seek:      open + 200-tick window of one population at a random tick: median %.2f ms, p99 %.2f ms, max %.2f ms (%d seeks; open alone median %.2f ms; %d spikes seen)",
          median(seekTimes) * 1e3, sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1e3, sorted.last! * 1e3, seeks,
          median(openTimes) * 1e3, found))
      let begin = clock.now
      let reader = try openTrace(path)
      let summary = reader.verify()
      let info = (clock.now - begin).seconds
      guard summary.problems.isEmpty, summary.totalSpikes == writer.spikeCount else {
        throw CommandFailure("\(path): verification failed")
      }
      print(String(format: "info:      open and check every chunk of the %d-tick trace: %.2f s (%d chunks)", ticks, info, reader.chunks.count))
      if keep { print("kept:      \(path)") }
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    private func list(_ values: [Double]) -> String { values.map { String(format: "%.3f", $0) }.joined(separator: " ") }
  }
}
