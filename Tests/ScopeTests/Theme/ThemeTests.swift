import Scope
import Testing

struct ThemeTests {
  static let shipped = ["dark", "light", "mono", "high-contrast"]

  @Test(arguments: shipped)
  func shippedThemesParseWithoutWarnings(_ name: String) throws {
    let loaded = try Theme.resolve(name: name, environment: [:])
    #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    #expect(loaded.theme.name == name)
    #expect(loaded.path == "bundled:themes/\(name).toml")
  }

  @Test func everyShippedThemeIsBundled() {
    #expect(Theme.embeddedSources.map(\.name) == ThemeTests.shipped.sorted())
  }

  @Test func bundledThemeErrorsNameTheBundledCopy() {
    #expect {
      _ = try Theme.resolve(name: "broken", bundled: [("broken", "[ui]\nforeground = \"pink\"\n")], environment: [:])
    } throws: { error in
      (error as? ThemeError)?.description.hasPrefix("bundled:themes/broken.toml:2: key 'ui.foreground'") == true
    }
  }

  @Test func darkFileMatchesTheBuiltInDefault() throws {
    let loaded = try Theme.resolve(name: themesDirectory + "/dark.toml", environment: [:])
    #expect(loaded.theme == Theme.dark)
    #expect(try Theme.resolve(name: "dark", environment: [:]).theme == Theme.dark)
  }

  @Test func shippedThemesAreWhatTheySayTheyAre() throws {
    let load = { (name: String) in
      try Theme.resolve(name: name, environment: [:]).theme
    }
    #expect(try load("mono").isMonochrome)
    #expect(try load("light").ui.background == .rgb(0xfa, 0xfa, 0xfa))
    let contrast = try load("high-contrast")
    #expect(Role.allCases.allSatisfy { role in
      if case .ansi = contrast.roles[role] { true } else { false }
    })
  }

  @Test func resolveByPath() throws {
    let loaded = try Theme.resolve(name: themesDirectory + "/light.toml", bundled: [], environment: [:])
    #expect(loaded.theme.name == "light")
    #expect(loaded.path == themesDirectory + "/light.toml")
  }

  @Test func unknownNameListsTheAvailableThemes() {
    #expect {
      _ = try Theme.resolve(name: "solarized", environment: [:])
    } throws: { error in
      (error as? ThemeError)?.description
        == "theme 'solarized' not found: no bundled theme of that name, and not a path (available: dark, high-contrast, light, mono)"
    }
    #expect {
      _ = try Theme.resolve(name: "/nonexistent/solarized.toml", environment: [:])
    } throws: { error in
      (error as? ThemeError)?.description
        == "theme '/nonexistent/solarized.toml' not found: no file '/nonexistent/solarized.toml' (available: dark, high-contrast, light, mono)"
    }
  }

  @Test func defaultThemeWorksWithoutItsBundledCopy() throws {
    let loaded = try Theme.resolve(name: "dark", bundled: [], environment: [:])
    #expect(loaded.theme == Theme.dark)
    #expect(loaded.path == nil)
  }

  @Test(arguments: [("1", true), ("anything", true), ("", false)])
  func noColorForcesMono(_ value: String, _ isMono: Bool) throws {
    let loaded = try Theme.resolve(name: "light", environment: ["NO_COLOR": value])
    #expect(loaded.theme.isMonochrome == isMono)
    #expect(loaded.noColor == isMono)
  }

  @Test func degradingNeverDeepens() {
    let sixteen = Theme.dark.degraded(to: .ansi16)
    #expect(sixteen.colorDepth == .ansi16)
    #expect(sixteen.degraded(to: .trueColor).colorDepth == .ansi16)
    #expect(sixteen.roles.gate == Theme.dark.roles.gate.degraded(to: .ansi16))
  }

  @Test func monoStylesUseAttributes() {
    #expect(mono.status == Style(modifiers: .reverse))
    #expect(mono.highlighted(.plain) == Style(modifiers: .reverse))
    #expect(mono.violationMarker.modifiers == [.bold, .reverse])
    #expect(Theme.dark.highlighted(.plain).background == Theme.dark.ui.cursor)
  }
}
