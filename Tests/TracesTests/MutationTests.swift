import Foundation
import Loihi
import NumPy
import Testing

@testable import Traces

/// Thousands of seeded mutations (truncation, bit flips, inserted and deleted bytes, overwritten
/// words) of valid native, npz and CSV files: each must read or fail with a one-line error, never
/// crash, hang or allocate from an unchecked size.
@Suite struct MutationTests {
  typealias S = Support

  static func mutate(_ bytes: [UInt8], using random: inout RandomGenerator) -> [UInt8] {
    var copy = bytes
    for _ in 0..<Int(random.uniform(below: 3) + 1) {
      let position = copy.isEmpty ? 0 : Int(random.uniform(below: UInt64(copy.count)))
      switch random.uniform(below: 5) {
      case 0:
        copy.removeSubrange(position...)
      case 1 where !copy.isEmpty:
        copy[position] ^= UInt8(1) << UInt8(random.uniform(below: 8))
      case 2:
        copy.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
      case 3 where !copy.isEmpty:
        copy.remove(at: position)
      case 4 where position + 4 <= copy.count:
        let words: [[UInt8]] = [[0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0x7F]]
        copy.replaceSubrange(position..<position + 4, with: words[Int(random.uniform(below: 3))])
      default:
        break
      }
    }
    return copy
  }

  static func expectOneLine(_ error: any Error) {
    #expect(!"\(error)".contains("\n"))
  }

  /// A small recording with markers and two snapshots, uncompressed and compressed.
  static func nativeImages() throws -> (images: [[UInt8]], network: Network) {
    let network = try TraceSnapshotTests.network()
    var images: [[UInt8]] = []
    for compress in [false, true] {
      let path = try S.temporaryDirectory().appendingPathComponent("m.nbpt").path
      let writer = try TraceWriter(
        path: path, metadata: TraceSnapshotTests.metadata(network, interval: 40),
        options: .init(compress: compress, maximumTicksPerChunk: 25))
      var chip = Chip(network: network, seed: 2)
      try writer.appendSnapshot(of: chip)
      for _ in 0..<80 {
        chip.step()
        try writer.appendTick(of: chip)
        if chip.tick % 30 == 0 { writer.mark(TraceMarker(tick: chip.tick + 1, .sample(cycle: 1, epoch: 1, index: 5, label: 3))) }
        if chip.tick == 40 { try writer.appendSnapshot(of: chip) }
      }
      try writer.close()
      images.append(try S.bytes(path))
    }
    return (images, network)
  }

  @Test func nativeTracesSurviveMutation() throws {
    let (images, network) = try Self.nativeImages()
    var random = RandomGenerator(seed: 0x5EED_0101)
    var opened = 0
    var intact = 0
    for round in 0..<3000 {
      let image = Self.mutate(images[round % images.count], using: &random)
      do {
        let reader = try TraceReader(bytes: image, name: "m.nbpt")
        opened += 1
        let summary = reader.verify()
        summary.problems.forEach(Self.expectOneLine)
        if summary.problems.isEmpty { intact += 1 }
        let count = min(Int(reader.tickRange.count), 1000)
        for p in reader.metadata.populations.indices {
          _ = reader.spikes(population: p, from: reader.tickRange.lowerBound, count: count)
        }
        if let error = reader.lastError { Self.expectOneLine(error) }
        _ = try? reader.markers(in: reader.tickRange)
        if let snapshot = reader.snapshot(atOrBefore: 60), let state = try? snapshot.state(for: network) {
          var chip = Chip(network: network)
          try chip.restore(state)
          chip.run(ticks: 5)
        }
      } catch {
        Self.expectOneLine(error)
      }
    }
    // Most damage after the metadata leaves a readable, partly recovered trace.
    #expect(opened > 1000 && intact > 0 && intact < 3000)
  }

  @Test func npzImportsSurviveMutation() throws {
    let source = try ExportImportTests.tiny()
    let images = [
      try NpzExporter.archive(source, selection: .all(of: source)).serialized(),
      try NpzExporter.archive(source, selection: .all(of: source), element: .bool).serialized(forceZip64: true),
    ]
    var random = RandomGenerator(seed: 0x5EED_0102)
    var parsed = 0
    for round in 0..<3000 {
      let image = Self.mutate(images[round % images.count], using: &random)
      do {
        let imported = try NumPyImporter.parseArchive(image, name: "m.npz", axis: round % 3 == 0 ? .timeFirst : .neuronsFirst, t0: nil)
        _ = imported.spikeCounts
        parsed += 1
      } catch {
        Self.expectOneLine(error)
      }
    }
    #expect(parsed > 0 && parsed < 3000)
  }

  @Test func csvImportsSurviveMutation() throws {
    let source = try ExportImportTests.tiny()
    let text = try ExportImportTests.text { try CSVExporter.write(source, selection: .all(of: source), to: $0) }
    var random = RandomGenerator(seed: 0x5EED_0103)
    var parsed = 0
    for _ in 0..<3000 {
      let image = Self.mutate(Array(text.utf8), using: &random)
      do {
        let imported = try CSVImporter.parse(image, name: "m.csv")
        _ = imported.coveredTicks
        parsed += 1
      } catch {
        Self.expectOneLine(error)
      }
    }
    #expect(parsed > 0 && parsed < 3000)
  }
}
