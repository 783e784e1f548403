import Loihi
import NBP

extension Session {
  func info(_ arguments: [String], line: String) throws -> [String] {
    switch arguments.first ?? "" {
    case "breakpoints", "break", "b":
      guard !breakpoints.isEmpty else { return ["no breakpoints"] }
      var lines = ["Num  Type        Enb  Hits  What"]
      for bp in breakpoints {
        let type = bp.isTemporary ? "tbreakpoint" : "breakpoint"
        lines.append(
          String(bp.number).padding(toLength: 5, withPad: " ", startingAt: 0)
            + type.padding(toLength: 12, withPad: " ", startingAt: 0) + (bp.isEnabled ? "y    " : "n    ")
            + String(bp.hits).padding(toLength: 6, withPad: " ", startingAt: 0) + bp.what
            + (bp.conditionText.map { " if \($0)" } ?? "") + (bp.ignoreCount > 0 ? " (ignore next \(bp.ignoreCount))" : ""))
      }
      return lines
    case "phase":
      let p = position
      guard let window = p.window else { return ["\(p); the gating chain has not opened a window yet"] }
      let allowed = source.populations.filter { $0.windows.contains(window) && $0.role != .gate }.map(\.name)
      let spiking = source.populations.indices.filter { source.spikeCount(of: $0) > 0 }.map {
        "\(source.populations[$0].name)(\(source.spikeCount(of: $0)))"
      }
      return [
        "\(p)", "may spike: " + (allowed.isEmpty ? "none (a spacer/reset window)" : allowed.joined(separator: " ")),
        "spiked this tick: " + (spiking.isEmpty ? "nothing" : spiking.joined(separator: " ")),
      ]
    case "sample":
      guard let trial = position.trial, let record = source.sample(ofTrial: trial) else {
        return ["no sample yet at \(position)"]
      }
      func bits(_ v: [Bool]?) -> String { v.map { $0.map { $0 ? "1" : "0" }.joined() } ?? "(not yet)" }
      var lines = ["sample \(trial) (data index \(record.sampleIndex)): label \(record.label), prediction \(record.prediction.map(String.init) ?? "(not yet)")" + (record.isError.map { $0 ? " · error" : " · correct" } ?? "")]
      lines.append("output o:    \(bits(record.output))" + (record.preActivation.map { "   a2 \($0)" } ?? ""))
      lines.append("error  d+:   \(bits(record.errorPlus))")
      lines.append("error  d-:   \(bits(record.errorMinus))")
      return lines
    case "cycle":
      guard source.circuit != nil else { return ["weights are not available in this source"] }
      var lines = ["weights changed in this cycle (since window 0 of sample \(position.trial.map(String.init) ?? "-")):"]
      for matrix in PlasticMatrix.allCases {
        guard let changes = cycleChanges[matrix], let current = weights(matrix)?.values else { continue }
        var up = 0
        var down = 0
        for synapse in changes.synapses.map(Int.init) {
          let before = changes.originalWeight(of: synapse) ?? current[synapse]
          if current[synapse] > before { up += 1 } else if current[synapse] < before { down += 1 }
        }
        lines.append("  \(matrix.rawValue): \(up + down) changed (\(up) up, \(down) down)")
      }
      lines.append(copiesLine())
      return lines
    case "populations", "pop":
      return source.populations.map {
        "\($0.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String($0.size).padding(toLength: 5, withPad: " ", startingAt: 0)) \($0.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) windows \($0.windows.sorted().map(String.init).joined(separator: ","))"
      }
    default:
      let topics = ["breakpoints", "phase", "sample", "cycle", "populations"]
      throw DebuggerError.syntax(
        command: line, column: line.count + 1 - (arguments.first?.count ?? 0),
        expected: topics.joined(separator: ", ") + (arguments.first.flatMap { closestName(to: $0, among: topics) }.map { " (did you mean '\($0)'?)" } ?? ""))
    }
  }

  /// Whether the copies of each plastic matrix are still identical (they must be).
  func copiesLine() -> String {
    guard let chip = source.chip, let circuit = source.circuit else { return "" }
    var diverged: [String] = []
    for matrix in PlasticMatrix.allCases {
      let copies = circuit.connections(of: matrix)
      guard let first = copies.first else { continue }
      let reference = chip.synapseWeights(first)
      for copy in copies.dropFirst() where chip.synapseWeights(copy) != reference {
        diverged.append(chip.network[copy].name)
      }
    }
    return diverged.isEmpty ? "  copies: all identical" : "  copies DIVERGED: " + diverged.joined(separator: ", ")
  }

  /// `print u(h1[3])`, `print count(h1)`, `print w2[o=3]`, or any condition expression.
  func printValue(_ text: String, line: String) throws -> String {
    guard !text.isEmpty else {
      throw DebuggerError.syntax(command: line, column: line.count + 1, expected: "an expression, e.g. u(h1[3]) or w2[o=3]")
    }
    if let vector = try weightVector(text, line: line) { return vector }
    let condition = try Condition.parse(text, command: line, offset: line.count - text.count)
    return "\(text) = \(try condition.evaluate(in: ConditionContext(session: self)))"
  }

  /// `w1[h=17]`, `w2[o=3]`, `w2Tp[o=3]`, `w2[h=5]`: one row or column of a plastic matrix.
  private func weightVector(_ text: String, line: String) throws -> String? {
    guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return nil }
    let name = String(text[..<open])
    guard let matrix = PlasticMatrix(rawValue: name) else {
      if source.populations.contains(where: { $0.name == name }) { return nil }
      throw DebuggerError.unknownMatrix(name, suggestion: closestName(to: name, among: PlasticMatrix.allCases.map(\.rawValue)))
    }
    guard let chip = source.chip, let circuit = source.circuit, let connection = circuit.connections(of: matrix).first else {
      throw DebuggerError.notAvailable("weights are not available in this source")
    }
    let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
    let parts = inner.split(separator: "=").map { String($0).trimmingWhitespace() }
    let info = chip.network[connection]
    let axes = Self.axes(of: matrix)
    guard parts.count == 2, let index = Int(parts[1]), parts[0] == axes.pre || parts[0] == axes.post else {
      throw DebuggerError.syntax(
        command: line, column: (line.range(of: "[").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 2,
        expected: "\(axes.pre)=i or \(axes.post)=j for \(name)")
    }
    let weights = chip.weightMatrix(connection)
    let values: [Int32]
    if parts[0] == axes.pre {
      guard index >= 0 && index < info.preCount else {
        throw DebuggerError.indexOutOfRange(population: "\(name) axis \(axes.pre)", index: index, size: info.preCount)
      }
      values = Array(weights[index * info.postCount..<(index + 1) * info.postCount])
    } else {
      guard index >= 0 && index < info.postCount else {
        throw DebuggerError.indexOutOfRange(population: "\(name) axis \(axes.post)", index: index, size: info.postCount)
      }
      values = (0..<info.preCount).map { weights[$0 * info.postCount + index] }
    }
    let summary = "\(values.count) values, min \(values.min() ?? 0), max \(values.max() ?? 0)"
    return "\(text) = [\(values.map(String.init).joined(separator: ", "))] (\(summary))"
  }
}
