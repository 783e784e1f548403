import Debugger
import Loihi
import NBP
import NBPDebugging
import Testing

/// `break audit` on the nBP circuit says why the unit fired: the veto (or its absence) and the sum.
@Suite struct AuditExplanationTests {
  @Test func auditStopNamesTheSumAndTheVeto() throws {
    let (input, hidden, output) = (100, 8, 4)
    let samples = (0..<4).map { _ in Sample(pixels: [UInt8](repeating: 1, count: input), label: 1) }
    // The debugger keeps recent spikes (tui/debug: 1,024 ticks): the explanation rebuilds the sum.
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: 2), spikeHistory: 16)
    var live = NBPSource(circuit: circuit, samples: samples)
    // 100 inputs at 254 into h1_copy[0]: 25,400 units when x is re-presented in window 7, so in
    // window 8 the copy escapes g08's veto (escape level 9,216 + 8,128 = 17,344).
    let copy = circuit.network.connection(named: "x->h1_copy")!
    for pre in 0..<input { try live.driverChipSetWeight(copy, synapse: pre * hidden, to: 254) }
    var session = Session(source: live)
    _ = session.execute("break audit")
    let stop = try #require(session.execute("continue").stop)
    #expect(stop.reason.hasPrefix("breakpoint 1 (audit: h1_copy spiked outside its windows) — h1_copy[0] spiked in window 8"), "\(stop.reason)")
    #expect(stop.reason.contains("veto g08 gi -8128 lost against a sum of 25400 (escape level 17344"), "\(stop.reason)")
  }
}
