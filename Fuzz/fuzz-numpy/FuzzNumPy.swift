// libFuzzer target: NumPy `.npy` arrays and `.npz` archives (the same bytes go to both readers).
//
// Thrown errors are the right answer to bad input; only a crash, a hang or a huge allocation
// is a finding.
import CFuzzer
import NumPy

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzNumPy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let array = try? NpyArray.parse(bytes, name: "fuzz.npy") {
    _ = array.doubles()
    _ = try? array.integers(name: "fuzz.npy")
  }
  if let archive = try? NpzArchive.parse(bytes, file: "fuzz.npz") {
    for member in archive.members {
      _ = member.array.doubles()
      _ = try? member.array.integers(name: member.name)
    }
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_numpy_main`): libFuzzer's driver.
@_cdecl("fuzz_numpy_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzNumPy)
}
