// libFuzzer target: the debugger command line (`debug --batch` scripts and the TUI's `:` prompt).
//
// Each input is a script: every line goes to `Condition.parse` on its own, then to a fresh
// session over `samples/gated-learning.json` (54 ticks, a gating cycle, a plastic connection),
// as `debug --batch` runs it. Errors are printed results, never crashes; only a crash, a hang or
// a huge allocation is a finding.
import CFuzzer
import Debugger
import Foundation
import Loihi

/// The most lines of one input that run (a long script is many short runs, not one slow one).
let maximumLines = 64

/// The network every session runs, read once from the checkout the target was built in.
let network: SimulationSpec = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let path = root.appendingPathComponent("samples/gated-learning.json").path
  guard let bytes = FileManager.default.contents(atPath: path), let spec = try? SimulationSpec(json: bytes, spikeHistory: 64)
  else { fatalError("fuzz-command: cannot load \(path)") }
  return spec
}()

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  let script = String(decoding: bytes, as: UTF8.self)
  let source = NetworkSource(network: network.network, seed: network.seed, ticks: network.ticks, gating: network.gating)
  var session = Session(source: source)
  for line in script.split(whereSeparator: \.isNewline).prefix(maximumLines) {
    let command = String(line)
    _ = try? Condition.parse(command, command: "break", offset: 0)
    if session.execute(command).quit { break }
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_command_main`): libFuzzer's driver.
@_cdecl("fuzz_command_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzCommand)
}
