import Foundation
import Testing

/// `--profile` end to end: the diff of the shipped profiles, a user file, its errors, and the
/// per-epoch out-of-window line of `train`.
@Suite struct ProfileCommandTests {
  typealias R = CommandRunner

  @Test func diffListsExactlyTheFourDifferences() throws {
    let result = try R.run(["circuit", "--profile", "fmnist-2024-07", "--diff", "nbp-2024"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "fmnist-2024-07 vs nbp-2024: 4 differences")
    let keys = lines.dropFirst(2).map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(keys == ["weights.1e", "weights.gi", "vetoes", "refractory"], "\(result.stdout)")
    #expect(lines.contains { $0.contains("-16256 (-254·2^6)") && $0.contains("-8128 (-254·2^5)") })
    #expect(lines.contains { $0.contains("hidden [0, 6, 8, 10], output [0, 6, 8, 10]") && $0.contains("hidden [8], output [0, 6, 10]") })
  }

  @Test func userFileOverridesANamedProfile() throws {
    let directory = try R.temporaryDirectory()
    let file = directory.appendingPathComponent("mine.toml")
    try "base = \"fmnist-2024-07\"\n[weights]\ngi = -32512\n".write(to: file, atomically: true, encoding: .utf8)
    let diff = try R.run(["circuit", "--profile", file.path, "--diff", "fmnist-2024-07"])
    #expect(diff.status == 0, "\(diff.stderr)")
    #expect(diff.stdout.hasPrefix("mine vs fmnist-2024-07: 1 difference\n"))
    // The shipped profile printed as a file reads back unchanged.
    let printed = try R.run(["circuit", "--profile", "fmnist-2024-07", "--print-profile"])
    let copy = directory.appendingPathComponent("copy.toml")
    try printed.stdout.write(to: copy, atomically: true, encoding: .utf8)
    let same = try R.run(["circuit", "--profile", copy.path, "--diff", "fmnist-2024-07"])
    #expect(same.stdout == "fmnist-2024-07 vs fmnist-2024-07: 0 differences\n")
  }

  @Test func badProfileIsOneLineNamingFileLineAndKey() throws {
    let directory = try R.temporaryDirectory()
    let file = directory.appendingPathComponent("bad.toml")
    try "# mine\n[refractory]\nsfl = -1\n".write(to: file, atomically: true, encoding: .utf8)
    for arguments in [["circuit"], ["train", "--limit", "10"], ["eval", "--weights", "none.npz"]] {
      let result = try R.run(arguments + ["--profile", file.path])
      #expect(result.status == 1, "\(arguments)")
      #expect(
        result.stderr.hasPrefix("Error: \(file.path):3: key 'refractory.sfl': expected an integer from 0 (none) to 63"),
        "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    let unknown = try R.run(["circuit", "--profile", "nbp-2023"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("unknown profile 'nbp-2023' (named profiles: nbp-2024, fmnist-2024-07; or a FILE.toml)"))
  }

  @Test func trainReportsOutOfWindowSpikesEachEpoch() throws {
    let result = try R.run(["train", "--epochs", "2", "--limit", "60", "--profile", "fmnist-2024-07"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("epoch ") && $0.contains(": out-of-window spikes ") }.count == 2, "\(result.stdout)")
    #expect(result.stderr.contains("profile fmnist-2024-07"))
  }
}
