// libFuzzer target: the `sim` network format (JSON syntax, then the network description), and
// what `sim` does with an accepted one: build the chip and run a few ticks with its probes.
//
// Any thrown error is the right answer to bad input; only a crash, a hang or a huge allocation
// (a network the description accepts but the chip cannot hold) is a finding. Build and run with
// `Fuzz/run.sh`.
import Budgets
import CFuzzer
import Loihi

/// The most ticks an accepted network runs (its own `ticks` may be up to a billion).
let maximumTicks: Int64 = 4

/// The budget scaled to the fuzzer's 2 GiB memory limit (the default allows networks that need
/// more): what is checked is that every allocation the budget should bound is bounded by it.
let budget: ResourceBudget = {
  var budget = ResourceBudget.standard
  budget[.compartments] = 1 << 19
  budget[.synapses] = 1 << 22
  budget[.probeValues] = 1 << 20
  return budget
}()

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzNetworkJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  // A spike history as the debugger asks for one, so its buffers are built too.
  guard let spec = try? SimulationSpec(json: bytes, spikeHistory: 16, budget: budget) else { return 0 }
  var chip = Chip(network: spec.network, seed: spec.seed)
  var writer = ProbeCSVWriter()
  for _ in 0..<min(spec.ticks, maximumTicks) {
    chip.step()
    writer.append(spec.probes, of: chip)
  }
  _ = writer.drain()
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_json_main`): libFuzzer's driver.
@_cdecl("fuzz_json_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzNetworkJSON)
}
