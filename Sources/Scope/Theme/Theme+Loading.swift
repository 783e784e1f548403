import Files
import Foundation

/// A theme loaded from a file, with what was ignored while reading it.
package struct LoadedTheme: Sendable {
  /// The theme, already monochrome when `NO_COLOR` asked for it.
  package var theme: Theme
  /// Unknown keys and sections that were skipped, in file order.
  package var warnings: [ThemeWarning]
  /// The file read, or `nil` for the built-in default.
  package var path: String?
  /// Whether `NO_COLOR` turned the theme monochrome.
  package var noColor: Bool
}

extension Theme {
  /// The name of the built-in default theme, used when no theme is asked for.
  package static let defaultName = "dark"

  /// Loads a theme by name (`dark` reads `<themesDirectory>/dark.toml`) or by path (anything with a
  /// `/` or ending in `.toml`).
  ///
  /// Keys the file leaves out keep their ``dark`` values. If the name is ``defaultName`` and the
  /// file is missing, the built-in ``dark`` theme is used, so the program works without its themes
  /// directory. `NO_COLOR` set to anything non-empty (see no-color.org) makes the result monochrome.
  ///
  /// - Parameters:
  ///   - name: A theme name or a path to a `.toml` file.
  ///   - themesDirectory: Where named themes live (the package's `themes/`).
  ///   - environment: The process environment; only `NO_COLOR` is read.
  /// - Throws: ``ThemeError`` when the file is missing, unreadable or malformed.
  package static func resolve(
    name: String, themesDirectory: String,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(ThemeError) -> LoadedTheme {
    let isPath = name.contains("/") || name.hasSuffix(".toml")
    let directory = themesDirectory.hasSuffix("/") ? String(themesDirectory.dropLast()) : themesDirectory
    let path = isPath ? name : "\(directory)/\(name).toml"
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty

    var loaded: LoadedTheme
    if !FileManager.default.fileExists(atPath: path) {
      guard !isPath, name == defaultName else {
        throw .notFound(name: name, path: path, available: availableThemes(in: directory))
      }
      loaded = LoadedTheme(theme: .dark, warnings: [], path: nil, noColor: false)
    } else {
      // Through the one file layer: a FIFO or a device named as a theme is refused, not waited on.
      guard let bytes = try? Files.contents(of: path, limit: 1 << 20), let text = String(validating: bytes, as: UTF8.self)
      else { throw .unreadable(path: path) }
      let (theme, warnings) = try ThemeParser.parse(text, file: path)
      loaded = LoadedTheme(theme: theme, warnings: warnings, path: path, noColor: false)
    }
    if noColor {
      loaded.theme = loaded.theme.degraded(to: .mono)
      loaded.noColor = true
    }
    return loaded
  }

  /// The theme names (file names without `.toml`) in `directory`, sorted.
  package static func availableThemes(in directory: String) -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
  }
}
