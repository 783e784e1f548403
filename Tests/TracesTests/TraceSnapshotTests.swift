import Foundation
import Loihi
import Testing

@testable import Traces

/// Recording a chip tick by tick with periodic snapshots; restarting from any snapshot replays the
/// recorded spikes exactly.
@Suite struct TraceSnapshotTests {
  typealias S = Support

  static func network() throws -> Network {
    var random = RandomGenerator(seed: 21)
    let events = (0..<600).map { _ in SpikeEvent(index: Int32(random.uniform(below: 12)), tick: Int64(random.uniform(below: 400) + 1)) }
    let rule = try LearningRule(
      dw: RuleParser.parse("2^-2*x1*y0 - 2^-3*y1*x0", variable: "dw"), epoch: 1,
      x1: TraceConfig(impulse128: 20 * 128 + 37, timeConstant: 5), y1: TraceConfig(impulse128: 9 * 128 + 3, timeConstant: 3))
    let lif = try CompartmentParameters(currentDecay: 2048, voltageDecay: 1024, thresholdMantissa: 50, refractoryDelay: 2)
    return try Network(
      NetworkDescription(
        populations: [
          PopulationSpec(name: "in", size: 12, kind: .generator(events: events)),
          PopulationSpec(name: "h", size: 9, kind: .compartments(lif)),
        ],
        connections: [
          try ConnectionSpec(
            source: "in", target: "h",
            connectivity: .dense(preCount: 12, postCount: 9, weights: (0..<108).map { Int32($0 * 7 % 180) - 30 }),
            format: WeightFormat(signMode: .mixed), delay: 1, learning: rule),
          try ConnectionSpec(source: "h", target: "h", connectivity: .oneToOne(weight: -40), format: WeightFormat(signMode: .inhibitory)),
        ]))
  }

  static func metadata(_ network: Network, interval: Int) -> TraceMetadata {
    TraceMetadata(
      tool: "tests", source: "network", seed: 5, t0: 1, populations: network.populations.map {
        TracePopulation(name: $0.name, size: $0.size, isGenerator: $0.isGenerator)
      }, snapshotInterval: interval)
  }

  @Test func restartFromAnySnapshotReplaysTheRecording() throws {
    let network = try Self.network()
    let path = try S.temporaryDirectory().appendingPathComponent("run.nbpt").path
    let writer = try TraceWriter(path: path, metadata: Self.metadata(network, interval: 50), options: .init(maximumTicksPerChunk: 64))
    var chip = Chip(network: network, seed: 5)
    try writer.appendSnapshot(of: chip)
    for _ in 0..<400 {
      chip.step()
      try writer.appendTick(of: chip)
      if chip.tick % 50 == 0 { try writer.appendSnapshot(of: chip) }
    }
    try writer.close()

    let reader = try TraceReader(path: path)
    #expect(reader.snapshotTicks == Array(stride(from: Int64(0), through: 400, by: 50)))
    #expect(reader.verify().intactSnapshots == 9)
    let recorded = try (0..<2).map { try reader.readSpikes(population: $0, from: 1, count: 400) }
    #expect(recorded[1].contains { !$0.isEmpty }, "the compartments spike")
    for target in [Int64(1), 49, 50, 51, 173, 399] {
      let snapshot = try #require(reader.snapshot(atOrBefore: target))
      #expect(snapshot.tick <= target && target - snapshot.tick < 50)
      var replay = Chip(network: network, seed: 99)
      try replay.restore(try snapshot.state(for: network))
      while replay.tick < 400 {
        replay.step()
        for p in 0..<2 {
          #expect(replay.spikes(of: PopulationID(p)).map(Int32.init) == recorded[p][Int(replay.tick) - 1], "tick \(replay.tick) from \(snapshot.tick)")
        }
      }
    }
    #expect(reader.snapshot(atOrBefore: -1) == nil)
  }

  @Test func aSnapshotOfAnotherNetworkIsAnError() throws {
    let network = try Self.network()
    let path = try S.temporaryDirectory().appendingPathComponent("run.nbpt").path
    let writer = try TraceWriter(path: path, metadata: Self.metadata(network, interval: 0))
    try writer.appendSnapshot(of: Chip(network: network))
    try writer.close()
    let other = try Network(NetworkDescription(populations: [
      PopulationSpec(name: "in", size: 12, kind: .generator(events: [])),
      PopulationSpec(name: "h", size: 9, kind: .generator(events: [])),
    ]))
    let snapshot = try #require(try TraceReader(path: path).readSnapshot(atOrBefore: 0))
    #expect(throws: TraceError.self) { try snapshot.state(for: other) }
  }
}
