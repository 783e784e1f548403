// libFuzzer target: a trace file image (`.nbpt`), through the reader's in-memory entry point.
//
// Opens the image, verifies every chunk, then reads a bounded window of spikes, blocks, markers
// and the last snapshot, as `trace info` and the replay source do. Thrown errors are the right
// answer to bad input; only a crash, a hang or a huge allocation is a finding.
import CFuzzer
import Traces

/// The most ticks read per population: enough to reach several frames of a small trace while
/// keeping one run short whatever span the (possibly hostile) header claims.
let windowTicks: Int64 = 4096

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTrace(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  guard let reader = try? TraceReader(bytes: bytes, name: "fuzz.nbpt") else { return 0 }
  _ = reader.verify()
  let start = reader.tickRange.lowerBound
  let (span, overflow) = reader.tickRange.upperBound.subtractingReportingOverflow(start)
  let count = overflow ? windowTicks : min(span, windowTicks)
  let window = start..<(start.addingReportingOverflow(count).overflow ? start : start + count)
  let populations = Array(reader.metadata.populations.indices)
  for p in populations {
    _ = try? reader.readSpikes(population: p, from: window.lowerBound, count: Int(window.count))
  }
  try? reader.forEachBlock(in: window, populations: populations) { _ in }
  _ = try? reader.markers(in: window)
  _ = try? reader.readSnapshot(atOrBefore: reader.tickRange.upperBound)
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_trace_main`): libFuzzer's driver.
@_cdecl("fuzz_trace_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzTrace)
}
