// libFuzzer target: the `sim` network format (JSON syntax, then the network description).
//
// Any thrown error is the right answer to bad input; only a crash, a hang or a huge allocation
// is a finding. Build and run with `Fuzz/run.sh`.
import CFuzzer
import Loihi

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzNetworkJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  // A spike history as the debugger asks for one, so its buffers are built too.
  _ = try? SimulationSpec(json: bytes, spikeHistory: 16)
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_json_main`): libFuzzer's driver.
@_cdecl("fuzz_json_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzNetworkJSON)
}
