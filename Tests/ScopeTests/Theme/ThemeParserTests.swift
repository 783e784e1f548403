import Scope
import Testing

struct ThemeParserTests {
  struct BrokenTheme: Sendable, CustomTestStringConvertible {
    var id: String
    var text: String
    var error: String
    var testDescription: String { id }
  }

  static let broken: [BrokenTheme] = [
    BrokenTheme(
      id: "colour name instead of a colour",
      text: "# comment\nname = \"x\"\n\n[ui]\nforeground = \"#ffffff\"\n[roles]\ngate = \"pink\"\n",
      error: ##"themes/x.toml:7: key 'roles.gate': expected a colour like "#ffaa00", found "pink""##),
    BrokenTheme(
      id: "short hex", text: "[ui]\ndim = \"#fa0\"",
      error: ##"themes/x.toml:2: key 'ui.dim': expected a colour like "#ffaa00", found "#fa0""##),
    BrokenTheme(
      id: "ANSI number out of range", text: "[ui]\ndim = \"ansi:16\"",
      error: #"themes/x.toml:2: key 'ui.dim': expected "ansi:N" with N from 0 to 15, found "ansi:16""#),
    BrokenTheme(
      id: "palette index out of range", text: "[heatmap]\nzero = \"index:300\"",
      error: #"themes/x.toml:2: key 'heatmap.zero': expected "index:N" with N from 0 to 255, found "index:300""#),
    BrokenTheme(
      id: "integer for a colour", text: "[ui]\ncursor = 12",
      error: ##"themes/x.toml:2: key 'ui.cursor': expected a colour like "#ffaa00", found 12"##),
    BrokenTheme(
      id: "unterminated string", text: "[roles]\ngate = \"#ffaa00",
      error: #"themes/x.toml:2: key 'roles.gate': expected a closing '"', found the end of the line"#),
    BrokenTheme(
      id: "bare word value", text: "[roles]\ngate = pink",
      error: #"themes/x.toml:2: key 'roles.gate': expected a value (a "string", true, false or an integer), found 'pink'"#),
    BrokenTheme(
      id: "missing value", text: "[roles]\ngate =   # nothing",
      error: #"themes/x.toml:2: key 'roles.gate': expected a value (a "string", true, false or an integer), found nothing"#),
    BrokenTheme(
      id: "unsupported escape", text: #"name = "a\nb""#,
      error: #"themes/x.toml:1: key 'name': expected a string whose only escapes are \" and \\, found '\n'"#),
    BrokenTheme(
      id: "no equals sign", text: "[roles]\ngate \"#ffaa00\"",
      error: ##"themes/x.toml:2: expected 'key = value' or a '[section]' header, found 'gate "#ffaa00"'"##),
    BrokenTheme(
      id: "dotted key", text: "roles.gate = \"#ffaa00\"",
      error: "themes/x.toml:1: expected a key of letters, digits, '_' or '-' before '=', found 'roles.gate'"),
    BrokenTheme(
      id: "unclosed section header", text: "[ui\nforeground = \"#ffffff\"",
      error: "themes/x.toml:1: expected a section header like '[ui]', found '[ui'"),
    BrokenTheme(
      id: "text after the value", text: "[roles]\ngate = \"#ffaa00\" bright",
      error: "themes/x.toml:2: expected a comment or the end of the line after the value, found 'bright'"),
    BrokenTheme(
      id: "key set twice", text: "[roles]\ngate = \"#ffaa00\"\ngate = \"#ffbb00\"",
      error: "themes/x.toml:3: key 'roles.gate' is set twice (first on line 2)"),
    BrokenTheme(
      id: "section twice", text: "[ui]\n[roles]\n[ui]",
      error: "themes/x.toml:3: section '[ui]' appears twice (first on line 1)"),
    BrokenTheme(
      id: "string for a boolean", text: "monochrome = \"yes\"",
      error: #"themes/x.toml:1: key 'monochrome': expected true or false, found "yes""#),
    BrokenTheme(
      id: "number for the name", text: "name = 3",
      error: "themes/x.toml:1: key 'name': expected a string in double quotes, found 3"),
  ]

  @Test(arguments: broken)
  func malformedThemesGiveOneLineErrors(_ row: BrokenTheme) {
    #expect {
      _ = try ThemeParser.parse(row.text, file: "themes/x.toml")
    } throws: { error in
      (error as? ThemeError)?.description == row.error
    }
    // The same check again, to print the actual message when it differs.
    do {
      _ = try ThemeParser.parse(row.text, file: "themes/x.toml")
    } catch {
      #expect(error.description == row.error)
    }
  }

  struct WarningCase: Sendable, CustomTestStringConvertible {
    var id: String
    var text: String
    var warnings: [String]
    var testDescription: String { id }
  }

  static let warned: [WarningCase] = [
    WarningCase(
      id: "misspelt key", text: "[ui]\nforeground = \"#ffffff\"\ncursr = \"#000000\"",
      warnings: ["t.toml:3: unknown key 'ui.cursr' ignored; did you mean 'ui.cursor'?"]),
    WarningCase(
      id: "key in the wrong section", text: "[ui]\ngate = \"#ffaa00\"",
      warnings: ["t.toml:2: unknown key 'ui.gate' ignored; did you mean 'roles.gate'?"]),
    WarningCase(
      id: "unknown key without a near name", text: "sparkle = true",
      warnings: ["t.toml:1: unknown key 'sparkle' ignored"]),
    WarningCase(
      id: "misspelt section skips its keys", text: "[role]\ngate = \"#ffaa00\"\nbogus = 1",
      warnings: ["t.toml:1: unknown section '[role]' ignored, with its keys; did you mean 'roles'?"]),
    WarningCase(
      id: "unknown section", text: "[palette]\nbg = \"#000000\"",
      warnings: ["t.toml:1: unknown section '[palette]' ignored, with its keys"]),
  ]

  @Test(arguments: warned)
  func unknownNamesAreWarnings(_ row: WarningCase) throws {
    let (theme, warnings) = try ThemeParser.parse(row.text, file: "t.toml")
    #expect(warnings.map(\.description) == row.warnings)
    // What was ignored changed nothing.
    #expect(theme.roles == Theme.dark.roles)
  }

  @Test func missingKeysFallBackToTheBase() throws {
    let text = """
      name = "partial"   # a trailing comment
      [roles]
      gate = "#010203"\r
      [heatmap]
      zero = "default"
      positive = "ansi:11"
      negative = "index:33"
      """
    let (theme, warnings) = try ThemeParser.parse(text, file: "themes/partial.toml")
    #expect(warnings.isEmpty)
    #expect(theme.name == "partial")
    #expect(theme.roles.gate == .rgb(1, 2, 3))
    #expect(theme.roles.forward == Theme.dark.roles.forward)
    #expect(theme.ui == Theme.dark.ui)
    #expect(theme.heatmap == Theme.HeatmapColors(negative: .indexed(33), zero: .default, positive: .ansi(11)))
    #expect(theme.colorDepth == .trueColor)
  }

  @Test func nameDefaultsToTheFileName() throws {
    #expect(try ThemeParser.parse("", file: "some/dir/solar.toml").theme.name == "solar")
  }

  @Test func hashInsideAStringIsNotAComment() throws {
    let (theme, _) = try ThemeParser.parse("[ui]\naxis = \"#abcdef\" # grey-blue", file: "t.toml")
    #expect(theme.ui.axis == .rgb(0xab, 0xcd, 0xef))
  }

  @Test func escapedQuotesInStrings() throws {
    let (theme, _) = try ThemeParser.parse(#"name = "a \"quoted\" \\ name""#, file: "t.toml")
    #expect(theme.name == #"a "quoted" \ name"#)
  }

  @Test func monochromeTrueDropsAllColour() throws {
    let (theme, _) = try ThemeParser.parse("monochrome = true\n[roles]\ngate = \"#ff0000\"", file: "t.toml")
    #expect(theme.isMonochrome)
    #expect(theme.roles.gate == .default)
    #expect(theme.ui.foreground == .default)
  }
}
