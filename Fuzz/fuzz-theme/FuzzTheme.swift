// libFuzzer target: theme files (the TOML subset of `themes/*.toml`).
//
// Like the loader, only valid UTF-8 reaches the parser. Thrown errors are the right answer to bad
// input; only a crash, a hang or a huge allocation is a finding.
import CFuzzer
import Scope

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTheme(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
  if let (theme, _) = try? ThemeParser.parse(text, file: "fuzz.toml") {
    // What NO_COLOR and a 16-colour terminal do to a loaded theme.
    _ = theme.degraded(to: .mono)
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `fuzz_theme_main`): libFuzzer's driver.
@_cdecl("fuzz_theme_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzTheme)
}
