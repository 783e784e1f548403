import Foundation
import Loihi
import Testing

@testable import Traces

/// Shared helpers: temporary files, seeded random spike streams, whole-trace reads.
enum Support {
  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("traces-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func metadata(sizes: [Int], t0: Int64 = 1, ticksPerCycle: Int = 0) -> TraceMetadata {
    TraceMetadata(
      tool: "tests", source: "synthetic", seed: 7, t0: t0, ticksPerCycle: ticksPerCycle,
      cycleOrigin: ticksPerCycle > 0 ? Int64(ticksPerCycle + 1) : 0,
      phaseNames: (0..<ticksPerCycle).map { "w\($0)" },
      populations: sizes.enumerated().map { TracePopulation(name: "p\($0.offset)", size: $0.element, role: "forward") })
  }

  /// `ticks` ticks of spikes: population p fires each neuron with probability `density[p]`.
  static func randomSpikes(sizes: [Int], densities: [Double], ticks: Int, seed: UInt64) -> [[[Int32]]] {
    var random = RandomGenerator(seed: seed)
    return (0..<ticks).map { _ in
      zip(sizes, densities).map { size, density in
        let threshold = UInt64(density * 1_000_000)
        return (0..<Int32(size)).filter { _ in random.uniform(below: 1_000_000) < threshold }
      }
    }
  }

  /// Writes `spikes` (tick-major) from tick `t0` and closes.
  @discardableResult
  static func write(
    _ spikes: [[[Int32]]], metadata: TraceMetadata, to path: String, options: TraceWriter.Options = .init(),
    markers: [TraceMarker] = []
  ) throws -> TraceWriter {
    let writer = try TraceWriter(path: path, metadata: metadata, options: options)
    for (k, tick) in spikes.enumerated() {
      for marker in markers where marker.tick == metadata.t0 + Int64(k) { writer.mark(marker) }
      try writer.append(tick: metadata.t0 + Int64(k), spikes: tick)
    }
    for marker in markers where marker.tick >= metadata.t0 + Int64(spikes.count) { writer.mark(marker) }
    try writer.close()
    return writer
  }

  /// Every tick of the trace, tick-major, as `spikes` above.
  static func readAll(_ reader: TraceReader) throws -> [[[Int32]]] {
    let count = Int(reader.tickRange.count)
    let perPopulation = try reader.metadata.populations.indices.map {
      try reader.readSpikes(population: $0, from: reader.tickRange.lowerBound, count: count)
    }
    return (0..<count).map { k in perPopulation.map { $0[k] } }
  }

  static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
}
