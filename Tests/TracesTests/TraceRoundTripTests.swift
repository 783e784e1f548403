import Foundation
import Loihi
import Testing

@testable import Traces

/// Write then read back: spikes, windows, markers, chunking and both section encodings.
@Suite struct TraceRoundTripTests {
  typealias S = Support

  struct Case: CustomTestStringConvertible, Sendable {
    let id: String
    let sizes: [Int]
    let densities: [Double]
    let ticks: Int
    let options: TraceWriter.Options
    var testDescription: String { id }
  }

  static let cases = [
    Case(id: "sparse, small chunks", sizes: [5, 40, 1], densities: [0.05, 0.01, 0.3], ticks: 300,
      options: .init(maximumTicksPerChunk: 17)),
    Case(id: "dense, spike-bounded chunks", sizes: [9, 64, 3], densities: [0.6, 0.5, 0.9], ticks: 200,
      options: .init(maximumSpikesPerChunk: 500)),
    Case(id: "uncompressed, one chunk", sizes: [400, 10], densities: [0.02, 0.2], ticks: 120,
      options: .init(compress: false)),
    Case(id: "silent population", sizes: [3, 7], densities: [0, 0.1], ticks: 50, options: .init(maximumTicksPerChunk: 8)),
    Case(id: "no ticks", sizes: [2], densities: [0.5], ticks: 0, options: .init()),
  ]

  @Test(arguments: cases)
  func spikesReadBack(_ c: Case) throws {
    let path = try S.temporaryDirectory().appendingPathComponent("t.nbpt").path
    let metadata = S.metadata(sizes: c.sizes, t0: 5)
    let spikes = S.randomSpikes(sizes: c.sizes, densities: c.densities, ticks: c.ticks, seed: 3)
    let writer = try S.write(spikes, metadata: metadata, to: path, options: c.options)
    let reader = try TraceReader(path: path)
    #expect(reader.recovery == nil)
    #expect(reader.metadata == metadata)
    #expect(reader.tickRange == 5..<5 + Int64(c.ticks))
    #expect(try S.readAll(reader) == spikes)
    let summary = reader.verify()
    #expect(summary.problems.isEmpty)
    #expect(summary.totalSpikes == writer.spikeCount)
    #expect(summary.spikeCounts == c.sizes.indices.map { p in spikes.reduce(0) { $0 + $1[p].count } })
    // Windows anywhere, including outside the range, match the written spikes.
    var random = RandomGenerator(seed: 9)
    for _ in 0..<50 {
      let from = Int64(random.uniform(below: UInt64(c.ticks + 20))) - 5
      let count = Int(random.uniform(below: 40))
      let p = Int(random.uniform(below: UInt64(c.sizes.count)))
      let expected = (0..<count).map { k -> [Int32] in
        let t = Int(from) + k - 5
        return t >= 0 && t < c.ticks ? spikes[t][p] : []
      }
      #expect(reader.spikes(population: p, from: from, count: count) == expected, "window \(from)+\(count) of p\(p)")
    }
  }

  @Test func blocksStreamEveryTickOnce() throws {
    let path = try S.temporaryDirectory().appendingPathComponent("t.nbpt").path
    let sizes = [6, 30]
    let spikes = S.randomSpikes(sizes: sizes, densities: [0.2, 0.05], ticks: 100, seed: 4)
    try S.write(spikes, metadata: S.metadata(sizes: sizes), to: path, options: .init(maximumTicksPerChunk: 9))
    let reader = try TraceReader(path: path)
    var seen: [Int64: [[Int32]]] = [:]
    try reader.forEachBlock(in: 20..<77, populations: [1, 0]) { block in
      for tick in block.ticks {
        #expect(seen[tick] == nil)
        seen[tick] = [Array(block.spikes(slot: 1, tick: tick)), Array(block.spikes(slot: 0, tick: tick))]
      }
    }
    #expect(seen.keys.sorted() == Array(20..<77))
    for (tick, lists) in seen { #expect(lists == spikes[Int(tick) - 1]) }
  }

  /// Both encodings occur, each where it is the smaller.
  @Test func sectionsUseTheSmallerEncoding() throws {
    let path = try S.temporaryDirectory().appendingPathComponent("t.nbpt").path
    let sizes = [1, 200, 16]
    // The 1-neuron gate fires every 2nd tick (dense: 96 bytes, sparse: 48 × 3); 200 neurons rarely (sparse wins).
    let spikes = (0..<96).map { (t: Int) -> [[Int32]] in
      let gate: [Int32] = t % 2 == 0 ? [0] : []
      let rare: [Int32] = t % 10 == 0 ? [Int32(t)] : []
      let half: [Int32] = (0..<Int32(16)).filter { ($0 + Int32(t)) % 2 == 0 }
      return [gate, rare, half]
    }
    try S.write(spikes, metadata: S.metadata(sizes: sizes), to: path, options: .init(compress: false))
    let reader = try TraceReader(path: path)
    let frame = try reader.decodedFrame(0)
    #expect(frame.sections.map(\.encoding) == [.dense, .sparse, .dense])
    #expect(frame.sections[0].length == 96)
    #expect(try S.readAll(reader) == spikes)
  }

  @Test func markersComeBackInTheirRange() throws {
    let path = try S.temporaryDirectory().appendingPathComponent("t.nbpt").path
    let sizes = [4]
    let spikes = S.randomSpikes(sizes: sizes, densities: [0.3], ticks: 60, seed: 5)
    let markers = [
      TraceMarker(tick: 1, .note("start")),
      TraceMarker(tick: 13, .sample(cycle: 0, epoch: 1, index: 42, label: 7)),
      TraceMarker(tick: 25, .sample(cycle: 1, epoch: 1, index: 3, label: -1)),
      TraceMarker(tick: 70, .note("after the end: ünïcode")),
    ]
    try S.write(spikes, metadata: S.metadata(sizes: sizes), to: path, options: .init(maximumTicksPerChunk: 10), markers: markers)
    let reader = try TraceReader(path: path)
    #expect(try reader.markers(in: 0..<100) == markers)
    #expect(try reader.markers(in: 13..<26) == Array(markers[1...2]))
    #expect(try reader.markers(in: 14..<25) == [])
    #expect(reader.verify().sampleMarkerCount == 2)
  }

  @Test func gapsBetweenAppendsAreSilentTicks() throws {
    let path = try S.temporaryDirectory().appendingPathComponent("t.nbpt").path
    let writer = try TraceWriter(path: path, metadata: S.metadata(sizes: [3, 2]), options: .init(maximumTicksPerChunk: 100))
    try writer.append(tick: 2, population: 1, indices: [1])
    try writer.append(tick: 2, population: 0, indices: [0, 2])
    try writer.append(tick: 1_000, population: 0, indices: [1])
    try writer.advance(to: 5_001)
    try writer.close()
    let reader = try TraceReader(path: path)
    #expect(reader.tickRange == 1..<5_001)
    #expect(reader.spikes(population: 0, from: 1, count: 3) == [[], [0, 2], []])
    #expect(reader.spikes(population: 1, from: 2, count: 1) == [[1]])
    #expect(reader.spikes(population: 0, from: 999, count: 3) == [[], [1], []])
    #expect(reader.verify().spikeCounts == [3, 1])
  }

  @Test func publishOnCloseLeavesNothingUntilClosed() throws {
    let directory = try S.temporaryDirectory()
    let path = directory.appendingPathComponent("t.nbpt").path
    do {
      let writer = try TraceWriter(path: path, metadata: S.metadata(sizes: [2]), options: .init(publishOnClose: true))
      try writer.append(tick: 1, spikes: [[1]])
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { $0.hasPrefix(".t.nbpt.tmp-") })
      // Dropped without close: the temporary file goes away.
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    let writer = try TraceWriter(path: path, metadata: S.metadata(sizes: [2]), options: .init(publishOnClose: true))
    try writer.append(tick: 1, spikes: [[1]])
    try writer.close()
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["t.nbpt"])
  }
}
