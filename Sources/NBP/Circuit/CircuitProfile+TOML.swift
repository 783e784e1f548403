import Loihi
import TOML

/// Why a circuit profile could not be loaded; ``description`` is one line naming the file, line
/// and key.
package enum ProfileError: Error, Hashable, Sendable, CustomStringConvertible {
  case unknownProfile(name: String, known: [String])
  case unreadable(path: String, reason: String)
  case syntax(file: String, line: Int, expected: String, found: String)
  case invalidValue(file: String, line: Int, key: String, expected: String, found: String)
  case unknownKey(file: String, line: Int, key: String, suggestion: String?)
  case unknownSection(file: String, line: Int, section: String, suggestion: String?)
  case duplicateKey(file: String, line: Int, key: String, firstLine: Int)
  case missingKey(file: String, key: String)

  package var description: String {
    func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean '\($0)'?)" } ?? "" }
    switch self {
    case .unknownProfile(let name, let known):
      return "unknown profile '\(name)' (named profiles: \(known.joined(separator: ", ")); or a FILE.toml)"
    case .unreadable(let path, let reason):
      return "\(path): cannot read the profile: \(reason)"
    case .syntax(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected), found '\(found)'"
    case .invalidValue(let file, let line, let key, let expected, let found):
      return "\(file):\(line): key '\(key)': expected \(expected), found \(found)"
    case .unknownKey(let file, let line, let key, let suggestion):
      return "\(file):\(line): unknown key '\(key)'\(hint(suggestion))"
    case .unknownSection(let file, let line, let section, let suggestion):
      return "\(file):\(line): unknown section '[\(section)]'\(hint(suggestion))"
    case .duplicateKey(let file, let line, let key, let firstLine):
      return "\(file):\(line): key '\(key)' is set twice (first on line \(firstLine))"
    case .missingKey(let file, let key):
      return "\(file): key '\(key)' is missing (a profile without 'base' must set every key)"
    }
  }
}

extension CircuitProfile {
  /// Every key a profile file may set, by section ("" is the top level).
  static var schema: [String: [String]] {
    [
      "": ["name", "summary", "base"],
      "weights": ProfileWeight.allCases.map(\.rawValue),
      "vetoes": VetoGroup.allCases.map(\.rawValue),
      "refractory": refractoryTypes.map(\.rawValue),
      "neuron": ["weight_exponent", "threshold", "bias"],
    ]
  }

  /// A named profile or a profile file (anything ending in `.toml` or containing a `/`).
  package static func resolve(_ nameOrPath: String) throws(ProfileError) -> CircuitProfile {
    if nameOrPath.hasSuffix(".toml") || nameOrPath.contains("/") {
      let bytes: [UInt8]
      do {
        bytes = try DataFiles.read(path: nameOrPath)
      } catch {
        if case .unreadable(let reason) = error.problem { throw .unreadable(path: nameOrPath, reason: reason) }
        throw .unreadable(path: nameOrPath, reason: "\(error)")
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw .unreadable(path: nameOrPath, reason: "not UTF-8 text")
      }
      return try parse(text, file: nameOrPath)
    }
    guard let profile = named(nameOrPath) else { throw .unknownProfile(name: nameOrPath, known: names) }
    return profile
  }

  /// Parses a profile file: it starts from its `base` (a named profile, `nbp-2024` when absent)
  /// and overrides the keys it sets. Unknown keys and sections are errors: a typo must not leave
  /// the circuit silently unchanged.
  package static func parse(_ text: String, file: String) throws(ProfileError) -> CircuitProfile {
    // The default profile's own text has no base and must set every key.
    let isStandardText = file == "<profile \(names[0])>"
    var entries: [(section: String, key: String, value: TOMLLine.Value, spelling: String, line: Int)] = []
    var section = ""
    var seenSections: Set<String> = []
    var keyLines: [String: Int] = [:]
    let schema = self.schema
    for (index, raw) in TOMLLine.lines(of: text).enumerated() {
      let line = index + 1
      let content: TOMLLine.Content
      do {
        content = try TOMLLine.parse(raw, section: section, allowsArrays: true)
      } catch {
        switch error {
        case .syntax(let expected, let found): throw .syntax(file: file, line: line, expected: expected, found: found)
        case .invalidValue(let key, let expected, let found):
          throw .invalidValue(file: file, line: line, key: key, expected: expected, found: found)
        }
      }
      switch content {
      case .blank: continue
      case .section(let name):
        guard schema[name] != nil, !name.isEmpty else {
          throw .unknownSection(
            file: file, line: line, section: name,
            suggestion: TOMLLine.closest(to: name, among: schema.keys.filter { !$0.isEmpty }.sorted()))
        }
        if seenSections.contains(name) {
          throw .syntax(file: file, line: line, expected: "each section once", found: "[\(name)]")
        }
        seenSections.insert(name)
        section = name
      case .pair(let key, let value, let spelling):
        let qualified = section.isEmpty ? key : "\(section).\(key)"
        guard schema[section]!.contains(key) else {
          throw .unknownKey(
            file: file, line: line, key: qualified,
            suggestion: TOMLLine.closest(to: key, among: schema[section]!).map { section.isEmpty ? $0 : "\(section).\($0)" })
        }
        if let first = keyLines[qualified] { throw .duplicateKey(file: file, line: line, key: qualified, firstLine: first) }
        keyLines[qualified] = line
        entries.append((section, key, value, spelling, line))
      }
    }

    var profile: CircuitProfile
    if let base = entries.first(where: { $0.section.isEmpty && $0.key == "base" }) {
      guard case .string(let name) = base.value else {
        throw .invalidValue(file: file, line: base.line, key: "base", expected: "a profile name in double quotes", found: base.spelling)
      }
      guard let named = named(name), name != file else {
        throw .invalidValue(
          file: file, line: base.line, key: "base", expected: "one of " + names.joined(separator: ", "), found: base.spelling)
      }
      profile = named
    } else if isStandardText {
      profile = CircuitProfile(
        name: "", summary: "", weights: [:], vetoes: [:], refractory: [:], weightExponent: 0)
    } else {
      profile = standard
    }
    if !entries.contains(where: { $0.section.isEmpty && $0.key == "name" }) {
      profile.name = baseName(of: file)
      profile.summary = "\(file)"
    }

    for entry in entries {
      let qualified = entry.section.isEmpty ? entry.key : "\(entry.section).\(entry.key)"
      func invalid(_ expected: String) -> ProfileError {
        .invalidValue(file: file, line: entry.line, key: qualified, expected: expected, found: entry.spelling)
      }
      func integer(_ range: ClosedRange<Int>, _ expected: String) throws(ProfileError) -> Int32 {
        guard case .integer(let n) = entry.value, range.contains(n) else { throw invalid(expected) }
        return Int32(n)
      }
      switch entry.section {
      case "":
        guard case .string(let text) = entry.value else { throw invalid("a string in double quotes") }
        if entry.key == "name" { profile.name = text } else if entry.key == "summary" { profile.summary = text }
      case "weights":
        let weight = try integer(-32_640...32_640, "an integer weight in weight units (|w| ≤ 255·2^7)")
        guard Self.encoding(of: weight) != nil else {
          throw invalid("a weight the chip can hold: mantissa·2^exp with |mantissa| ≤ 255, exp 0…7")
        }
        profile.weights[ProfileWeight(rawValue: entry.key)!] = weight
      case "vetoes":
        let group = VetoGroup(rawValue: entry.key)!
        guard case .integers(let windows) = entry.value else { throw invalid("an array of windows like [0, 6, 8, 10]") }
        for window in windows {
          guard (0..<12).contains(window) else { throw invalid("windows from 0 to 11") }
          if let member = group.members.first(where: { Topology.trainingWindows[$0]!.contains(window) }) {
            throw invalid("windows where no member of '\(group.rawValue)' may fire (\(member) fires in \(window))")
          }
        }
        guard Set(windows).count == windows.count else { throw invalid("each window once") }
        profile.vetoes[group] = windows.sorted()
      case "refractory":
        let type = NeuronType(rawValue: entry.key)!
        profile.refractory[type] = try integer(0...63, "an integer from 0 (none) to 63 ticks")
      default:  // neuron
        switch entry.key {
        case "weight_exponent": profile.weightExponent = try integer(0...7, "an integer from 0 to 7")
        case "threshold":
          profile.thresholdOverride = try integer(
            Int(ChipLimits.thresholdMantissa.lowerBound)...Int(ChipLimits.thresholdMantissa.upperBound),
            "a threshold mantissa from 0 to 131071 weight units")
        default:
          let bias = try integer(-262_144...262_080, "a bias in weight units")
          guard Self.biasEncoding(of: bias) != nil else { throw invalid("a bias the chip can hold (mantissa −4096…4095 · 2^exp)") }
          profile.biasOverride = bias
        }
      }
    }
    // Derived values must fit the chip too.
    if profile.thresholdOverride == nil, !ChipLimits.thresholdMantissa.contains(profile.threshold) {
      throw .invalidValue(
        file: file, line: keyLines["neuron.weight_exponent"] ?? 0, key: "neuron.weight_exponent",
        expected: "an exponent whose derived threshold 1024·2^e fits the chip (≤ 131071)", found: "\(profile.weightExponent)")
    }
    if profile.biasOverride == nil, isStandardText || keyLines["neuron.weight_exponent"] != nil,
      Self.biasEncoding(of: profile.bias) == nil
    {
      throw .invalidValue(
        file: file, line: keyLines["neuron.weight_exponent"] ?? 0, key: "neuron.weight_exponent",
        expected: "an exponent whose derived bias fits the chip", found: "\(profile.weightExponent)")
    }
    if isStandardText {
      for weight in ProfileWeight.allCases where profile.weights[weight] == nil {
        throw .missingKey(file: file, key: "weights.\(weight.rawValue)")
      }
      for group in VetoGroup.allCases where profile.vetoes[group] == nil {
        throw .missingKey(file: file, key: "vetoes.\(group.rawValue)")
      }
      for type in refractoryTypes where profile.refractory[type] == nil {
        throw .missingKey(file: file, key: "refractory.\(type.rawValue)")
      }
    }
    return profile
  }

  static func baseName(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
  }

  // MARK: Showing and comparing

  /// A weight as written and as the chip holds it: `-8128 (-254·2^5)`.
  static func describe(weight: Int32) -> String {
    guard let (m, e) = encoding(of: weight) else { return "\(weight)" }
    return "\(weight) (\(m)·2^\(e))"
  }

  static func describe(windows: [Int]) -> String { "[" + windows.map(String.init).joined(separator: ", ") + "]" }

  /// The profile as a complete TOML file (every key, derived values as comments).
  package var toml: String {
    var lines = ["name = \"\(name)\"", "summary = \"\(summary)\"", "", "[weights]"]
    for weight in ProfileWeight.allCases {
      let (m, e) = Self.encoding(of: self.weight(weight))!
      lines.append("\(weight.rawValue) = \(self.weight(weight))".padding(toLength: 16, withPad: " ", startingAt: 0) + "# \(m)·2^\(e)")
    }
    lines += ["", "[vetoes]"]
    for group in VetoGroup.allCases {
      lines.append(
        "\(group.rawValue) = \(Self.describe(windows: vetoes[group] ?? []))".padding(toLength: 24, withPad: " ", startingAt: 0)
          + "# " + group.members.joined(separator: ", "))
    }
    lines += ["", "[refractory]"]
    for type in Self.refractoryTypes { lines.append("\(type.rawValue) = \(refractory[type] ?? 0)") }
    lines += ["", "[neuron]", "weight_exponent = \(weightExponent)"]
    lines.append(thresholdOverride.map { "threshold = \($0)" } ?? "# threshold = \(threshold)  (derived)")
    lines.append(biasOverride.map { "bias = \($0)" } ?? "# bias = \(bias)  (derived)")
    return lines.joined(separator: "\n")
  }

  /// One difference between two profiles: a weight, the veto table, the refractory table, or a
  /// neuron setting, with each side as text.
  package struct Difference: Hashable, Sendable {
    package let key: String
    package let this: String
    package let other: String
  }

  /// What differs from `other`, in file order: one entry per weight, one for the whole veto table,
  /// one for the whole refractory table, one per neuron setting.
  package func differences(from other: CircuitProfile) -> [Difference] {
    var result: [Difference] = []
    for weight in ProfileWeight.allCases where self.weight(weight) != other.weight(weight) {
      result.append(
        Difference(
          key: "weights.\(weight.rawValue)", this: Self.describe(weight: self.weight(weight)),
          other: Self.describe(weight: other.weight(weight))))
    }
    let groups = VetoGroup.allCases.filter { (vetoes[$0] ?? []) != (other.vetoes[$0] ?? []) }
    if !groups.isEmpty {
      func side(_ p: CircuitProfile) -> String {
        groups.map { "\($0.rawValue) \(Self.describe(windows: p.vetoes[$0] ?? []))" }.joined(separator: ", ")
      }
      result.append(Difference(key: "vetoes", this: side(self), other: side(other)))
    }
    let types = Self.refractoryTypes.filter { (refractory[$0] ?? 0) != (other.refractory[$0] ?? 0) }
    if !types.isEmpty {
      func side(_ p: CircuitProfile) -> String {
        types.map { "\($0.rawValue) \(p.refractory[$0] ?? 0)" }.joined(separator: ", ")
      }
      result.append(Difference(key: "refractory", this: side(self), other: side(other)))
    }
    let neuron: [(String, (CircuitProfile) -> Int32)] = [
      ("neuron.weight_exponent", \.weightExponent), ("neuron.threshold", \.threshold), ("neuron.bias", \.bias),
    ]
    for (key, value) in neuron where value(self) != value(other) {
      result.append(Difference(key: key, this: "\(value(self))", other: "\(value(other))"))
    }
    return result
  }

  /// `circuit --profile A --diff B`: a header and one aligned line per difference.
  package func diffReport(against other: CircuitProfile) -> String {
    let differences = self.differences(from: other)
    let count = differences.count
    var lines = ["\(name) vs \(other.name): \(count) difference\(count == 1 ? "" : "s")"]
    guard !differences.isEmpty else { return lines[0] }
    let keyWidth = max(4, differences.map(\.key.count).max()!)
    let leftWidth = max(name.count, differences.map(\.this.count).max()!)
    lines.append(
      "  " + "key".padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  "
        + name.padding(toLength: leftWidth, withPad: " ", startingAt: 0) + "  " + other.name)
    for d in differences {
      lines.append(
        "  " + d.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  "
          + d.this.padding(toLength: leftWidth, withPad: " ", startingAt: 0) + "  " + d.other)
    }
    return lines.joined(separator: "\n")
  }
}
