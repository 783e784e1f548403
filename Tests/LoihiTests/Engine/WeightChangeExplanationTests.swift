import Testing

@testable import Loihi

/// `explainWeightChange` gives back what the learning engine applied: on random networks with
/// random rules, every weight change of one-tick-epoch rules is explained, and the explained sum
/// lands on the new weight (exactly, or within the one grid step a seeded draw decides).
@Suite struct WeightChangeExplanationTests {
  @Test func everyChangeIsExplainedByItsSum() throws {
    var explained = 0
    var exact = 0
    var drawn = 0
    for seed in 0..<40 as Range<UInt64> {
      var chip = try ChipKeyframeTests.chip(seed: seed, history: 48)
      for _ in 0..<150 {
        chip.step()
        for c in chip.network.plasticConnections {
          let connection = chip.network.connections[c]
          let format = connection.format
          for change in chip.weightChanges(ConnectionID(c)) {
            let e = chip.explainWeightChange(connection: c, synapse: change.synapse, before: change.from)
            let rule = connection.learning!
            guard rule.epoch == 1, rule.targets.count == 1 else {
              #expect(e == nil)
              continue
            }
            guard let e else {
              Issue.record("seed \(seed), tick \(chip.tick): change of synapse \(change.synapse) not explained")
              continue
            }
            explained += 1
            #expect(e.before == change.from && e.after == change.to && e.tick == chip.tick)
            #expect(e.terms.contains { $0.counted }, "a change with no product counted")
            #expect(e.delta == e.terms.reduce(0) { $0 + $1.weightUnits })
            // The sum, clamped to the sign mode and the stored range, is the new weight to within
            // one grid step; exactly when no draw was needed.
            var target = Double(change.from) + e.delta
            if format.signMode == .excitatory { target = max(0, target) }
            if format.signMode == .inhibitory { target = min(0, target) }
            target = min(max(target, Double(format.storedRange.lowerBound)), Double(format.storedRange.upperBound))
            #expect(abs(Double(change.to) - target) < Double(1 << format.droppedBits), "seed \(seed), tick \(chip.tick): \(e)")
            if e.stochasticallyRounded {
              drawn += 1
            } else {
              #expect(Double(change.to) == target, "seed \(seed), tick \(chip.tick): \(e)")
              exact += 1
            }
          }
        }
      }
    }
    // The random networks must exercise both kinds of change, many times.
    #expect(explained > 200 && exact > 20 && drawn > 20, "\(explained) explained, \(exact) exact, \(drawn) drawn")
  }
}
