import Foundation
import Testing

/// A copy of the binary run elsewhere, as after `cp .build/release/nbpscope /usr/local/bin`: the
/// bundled digits and the themes are compiled in, so it needs neither the package nor a
/// particular working directory.
@Suite struct InstalledBinaryTests {
  typealias R = CommandRunner

  /// The built binary copied to `<tmp>/bin`, a fresh working directory `<tmp>/work` and an
  /// environment whose HOME is `<tmp>/home`, none of them in the package.
  static func installed() throws -> (binary: URL, directory: URL, environment: [String: String]) {
    let root = try R.temporaryDirectory()
    let fileManager = FileManager.default
    for folder in ["bin", "work", "home"] {
      try fileManager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    let binary = root.appendingPathComponent("bin/nbpscope")
    try fileManager.copyItem(at: R.executable, to: binary)
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = root.appendingPathComponent("home").path
    return (binary, root.appendingPathComponent("work"), environment)
  }

  @Test func defaultDataLoadsFromAnyDirectory() throws {
    let (binary, directory, environment) = try Self.installed()
    let result = try R.run(
      ["train", "--epochs", "1", "--limit", "20"], in: directory, executable: binary, environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    let output = result.stderr + result.stdout
    #expect(output.contains("training spiking on 20 mnist20 samples, testing on 200"), "\(output)")
    #expect(result.stdout.contains("test: exact"), "\(result.stdout)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  /// The debugger's live circuit (what the TUI opens on) presents the bundled digits.
  @Test func debuggerShowsTheBundledDigits() throws {
    let (binary, directory, environment) = try Self.installed()
    let script = directory.appendingPathComponent("script.txt")
    try "break gate g05\ncontinue\ninfo sample\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try R.run(["debug", "--batch", "script.txt"], in: directory, executable: binary, environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("sample 0 (data index 127): label 1"), "\(result.stdout)")
  }

  /// Named themes load (the TUI gets as far as asking for a terminal); unknown names list them.
  @Test(arguments: ["dark", "light", "mono", "high-contrast"])
  func namedThemesLoadFromAnyDirectory(_ theme: String) throws {
    let (binary, directory, environment) = try Self.installed()
    let result = try R.run(["tui", "--theme", theme], in: directory, executable: binary, environment: environment)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("needs a terminal"), "\(result.stderr)")
  }

  @Test func unknownThemeListsTheBundledOnes() throws {
    let (binary, directory, environment) = try Self.installed()
    let result = try R.run(["tui", "--theme", "solarized"], in: directory, executable: binary, environment: environment)
    #expect(result.status == 1)
    #expect(result.stderr.contains("(available: dark, high-contrast, light, mono)"), "\(result.stderr)")
  }
}
