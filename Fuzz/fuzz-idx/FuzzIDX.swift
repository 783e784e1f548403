// libFuzzer target: IDX images and labels files (MNIST), raw or gzip-compressed.
//
// Thrown errors are the right answer to bad input; only a crash, a hang or a huge allocation
// is a finding.
import CFuzzer
import NBP

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzIDX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  guard let raw = try? IDXFile.decompressed(bytes, file: "fuzz.gz") else { return 0 }
  _ = try? IDXFile.parseImages(raw, file: "fuzz-images-idx3-ubyte")
  _ = try? IDXFile.parseLabels(raw, file: "fuzz-labels-idx1-ubyte")
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_idx_main`): libFuzzer's driver.
@_cdecl("fuzz_idx_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzIDX)
}
