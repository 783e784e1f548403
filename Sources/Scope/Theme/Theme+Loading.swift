import Files
import Foundation

/// A theme loaded from a file, with what was ignored while reading it.
package struct LoadedTheme: Sendable {
  /// The theme, already monochrome when `NO_COLOR` asked for it.
  package var theme: Theme
  /// Unknown keys and sections that were skipped, in file order.
  package var warnings: [ThemeWarning]
  /// The file read (`bundled:themes/NAME.toml` for a named theme), or `nil` for the built-in
  /// default.
  package var path: String?
  /// Whether `NO_COLOR` turned the theme monochrome.
  package var noColor: Bool
}

extension Theme {
  /// The name of the built-in default theme, used when no theme is asked for.
  package static let defaultName = "dark"

  /// Loads a theme by name (`light` is the text of `themes/light.toml` compiled into the binary,
  /// see ``embeddedSources``) or by path (anything with a `/` or ending in `.toml`, read from disk).
  ///
  /// Named themes need no file, so they work from any directory and in an installed binary. Keys
  /// the text leaves out keep their ``dark`` values. If the name is ``defaultName`` and `bundled`
  /// lacks it, the built-in ``dark`` theme is used. `NO_COLOR` set to anything non-empty (see
  /// no-color.org) makes the result monochrome.
  ///
  /// - Parameters:
  ///   - name: A theme name or a path to a `.toml` file.
  ///   - bundled: The named themes (name, TOML text); errors name them `bundled:themes/NAME.toml`.
  ///   - environment: The process environment; only `NO_COLOR` is read.
  /// - Throws: ``ThemeError`` when the name is unknown, or the file is missing, unreadable or
  ///   malformed.
  package static func resolve(
    name: String, bundled: [(name: String, text: String)] = embeddedSources,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(ThemeError) -> LoadedTheme {
    let isPath = name.contains("/") || name.hasSuffix(".toml")
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty

    var loaded: LoadedTheme
    if isPath {
      guard FileManager.default.fileExists(atPath: name) else {
        throw .notFound(name: name, path: name, available: bundled.map(\.name).sorted())
      }
      // Through the one file layer: a FIFO or a device named as a theme is refused, not waited on.
      guard let bytes = try? Files.contents(of: name, limit: 1 << 20), let text = String(validating: bytes, as: UTF8.self)
      else { throw .unreadable(path: name) }
      let (theme, warnings) = try ThemeParser.parse(text, file: name)
      loaded = LoadedTheme(theme: theme, warnings: warnings, path: name, noColor: false)
    } else if let text = bundled.first(where: { $0.name == name })?.text {
      let source = bundledPath(name)
      let (theme, warnings) = try ThemeParser.parse(text, file: source)
      loaded = LoadedTheme(theme: theme, warnings: warnings, path: source, noColor: false)
    } else {
      guard name == defaultName else {
        throw .notFound(name: name, path: nil, available: bundled.map(\.name).sorted())
      }
      loaded = LoadedTheme(theme: .dark, warnings: [], path: nil, noColor: false)
    }
    if noColor {
      loaded.theme = loaded.theme.degraded(to: .mono)
      loaded.noColor = true
    }
    return loaded
  }

  /// How errors and ``LoadedTheme/path`` name the compiled copy of `themes/NAME.toml`.
  package static func bundledPath(_ name: String) -> String { "bundled:themes/\(name).toml" }
}
