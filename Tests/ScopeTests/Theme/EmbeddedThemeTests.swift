import Foundation
import Scope
import Testing

/// The themes compiled into the binary (`Theme+Embedded.swift`) are the files in `themes/`, byte
/// for byte: a theme edited without running `scripts/embed-data.sh` fails here.
struct EmbeddedThemeTests {
  @Test func everyThemeFileIsEmbedded() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory)
      .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    #expect(Theme.embeddedSources.map(\.name) == files, "run scripts/embed-data.sh")
  }

  @Test(arguments: Theme.embeddedSources.map(\.name))
  func embeddedTextEqualsTheFile(_ name: String) throws {
    let file = try Data(contentsOf: URL(fileURLWithPath: "\(themesDirectory)/\(name).toml"))
    let embedded = try #require(Theme.embeddedSources.first { $0.name == name }).text
    #expect(embedded.utf8.elementsEqual(file), "themes/\(name).toml differs from its compiled copy: run scripts/embed-data.sh")
  }
}
