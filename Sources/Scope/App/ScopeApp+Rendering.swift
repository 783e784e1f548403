import Debugger
import Loihi
import NBP

extension ScopeApp {
  /// The matrix shown in the weights pane, post-synaptic layer along the rows.
  var heatmapData: (rows: Int, columns: Int, values: [Int32], rowLabel: String, columnLabel: String)? {
    guard let m = showsDelta ? session.weightDelta(matrix) : session.weights(matrix) else { return nil }
    switch matrix {
    case .w1, .w2:
      // Chip layout is [pre][post]; show post × pre (W1: h × x, W2: o × h).
      let t = transposed(m.values, rows: m.rows, columns: m.columns)
      return (m.columns, m.rows, t, matrix == .w1 ? "h" : "o", matrix == .w1 ? "x" : "h")
    case .w2Tp, .w2Tm:
      return (m.rows, m.columns, m.values, "o", "h")
    }
  }

  var heatmapShape: (rows: Int, columns: Int)? {
    guard let m = session.weights(matrix) else { return nil }
    return matrix == .w1 || matrix == .w2 ? (m.columns, m.rows) : (m.rows, m.columns)
  }

  /// The last tick on screen (the chip's tick, minus the scrub lag).
  var viewTick: Int64 { max(0, session.source.tick - viewLag) }

  static func role(_ population: SourcePopulation) -> Role {
    switch population.role {
    case .gate: return .gate
    case .input: return .input
    case .memory: return .memory
    case .backward: return population.name.hasPrefix("d") ? .error : .backward
    case .forward: return population.name == "t" ? .target : .forward
    }
  }

  /// Draws the whole screen.
  public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let rows = Layout.vertical([.length(1), .fill(1), .length(3), .length(1), .length(1)]).split(area)
    let (statusArea, body, logArea, promptArea, footerArea) = (rows[0], rows[1], rows[2], rows[3], rows[4])
    var right = [neuronsPerDot.map { "×\($0)/dot" } ?? "auto zoom", matrix.rawValue + (showsDelta ? " Δ" : "")]
    if viewLag > 0 { right.insert("view −\(viewLag) ticks", at: 0) }
    buffer.render(StatusBar(left: [session.statusLine], right: right), in: statusArea, theme: theme)

    let columns = Layout.horizontal([.percentage(58), .fill(1)]).split(body)
    // The gate pane holds every gate, its axis and its border when there is room.
    let gateHeight = min(session.gatePopulations.count + 3, max(6, body.height / 2))
    let left = Layout.vertical([.length(gateHeight), .fill(1)]).split(columns[0])
    let rightColumn = Layout.vertical([.percentage(45), .percentage(35), .fill(1)]).split(columns[1])

    renderGates(into: &buffer, area: left[0], theme: theme)
    renderRaster(.forward, populations: forwardPopulations, into: &buffer, area: left[1], theme: theme)
    renderRaster(.backward, populations: backwardPopulations, into: &buffer, area: rightColumn[0], theme: theme)
    renderWeights(into: &buffer, area: rightColumn[1], theme: theme)
    renderInspector(into: &buffer, area: rightColumn[2], theme: theme)

    let visible = Array(messages.suffix(logArea.height))
    buffer.render(MessageLog(messages: visible), in: logArea, theme: theme)
    if let editor {
      buffer.render(PromptLine(editor: editor, prompt: ":", isActive: true), in: promptArea, theme: theme)
    } else {
      buffer.render(PromptLine(prompt: ":", text: "", cursor: 0, isActive: false), in: promptArea, theme: theme)
    }
    buffer.render(KeyFooter(keyMap: keyMap), in: footerArea, theme: theme)
    if let helpOffset {
      let entries = Session.commands.map { HelpEntry($0.usage, $0.help) }
        + [HelpEntry("weights w1|w2|w2Tp|w2Tm", "choose the matrix in the weights pane"),
          HelpEntry("delta", "toggle the weights pane between values and change since the cycle began"),
          HelpEntry("select POP[i]", "select a neuron for the inspector")]
      buffer.render(HelpOverlay(keyMap: keyMap, commands: entries, offset: helpOffset), in: area, theme: theme)
    }
  }

  private func panel(_ pane: Pane, _ title: String, into buffer: inout CellBuffer, area: Rect, theme: Theme) -> Rect {
    let panel = Panel(title: title, isFocused: focus == pane)
    buffer.render(panel, in: area, theme: theme)
    return panel.inner(area)
  }

  private func renderGates(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.gates, "gating chain · cursor \(session.source.populations[session.gatePopulations[safe: gateCursor] ?? 0].name)", into: &buffer, area: area, theme: theme)
    let gates = session.gatePopulations
    let names = gates.map { session.source.populations[$0].name }
    let count = GateChainRaster.visibleTicks(gateNames: names, width: inner.width)
    guard count > 0 else { return }
    let last = max(Int64(count), viewTick)
    let ticks = (last - Int64(count) + 1)...last
    let spikes: [[Int]] = ticks.map { tick in
      gates.indices.filter { tick <= session.source.tick && !(session.source.spikes(of: gates[$0], at: tick) ?? []).isEmpty }
    }
    // One column per tick: label each with its window (0–9, a, b); the status line names it.
    let windowLabels = ticks.map { tick -> String in
      guard let window = session.source.clock.position(of: tick)?.window else { return " " }
      return String(window, radix: 16)
    }
    buffer.render(
      GateChainRaster(
        gateNames: names, firstTick: Int(ticks.lowerBound), currentTick: Int(session.source.tick),
        spikes: spikes, phaseNames: windowLabels, breakpointGates: session.breakpointWindows),
      in: inner, theme: theme)
  }

  private func renderRaster(_ pane: Pane, populations: [Int], into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(pane, pane.title, into: &buffer, area: area, theme: theme)
    guard !inner.isEmpty, !populations.isEmpty else { return }
    let count = Int64(PopulationRaster.visibleTicks(width: inner.width))
    let last = max(count, viewTick)
    let ticks = (last - count + 1)...last
    let bands = populations.map { p in
      let population = session.source.populations[p]
      return RasterBand(
        name: population.name, label: population.label, role: Self.role(population), size: population.size,
        spikes: session.spikes(of: p, ticks: ticks), violations: session.violationOffsets(of: p, ticks: ticks))
    }
    // Auto zoom: the smallest power of two that fits every band; never drops neurons.
    var npd = neuronsPerDot ?? 1
    // Beyond one dot row per band, coarser dots cannot save rows: stop there.
    let coarsest = max(1, ((bands.map(\.size).max() ?? 1) + 3) / 4)
    if neuronsPerDot == nil {
      while npd < coarsest {
        let raster = PopulationRaster(bands: bands, firstTick: Int(ticks.lowerBound), neuronsPerDot: npd)
        if bands.reduce(0, { $0 + raster.rowsNeeded(for: $1) }) <= inner.height { break }
        npd *= 2
      }
    }
    // Pan: when zoomed in past what fits, the focused pane starts at the selected neuron's dot row
    // (each band shows its slice; the titles say which neurons are on screen).
    var offset = 0
    if focus == pane, neuronsPerDot != nil, populations.contains(selection.population) {
      offset = (selection.neuron / (4 * npd)) * (4 * npd)
    }
    buffer.render(
      PopulationRaster(
        bands: bands, firstTick: Int(ticks.lowerBound), currentTick: Int(session.source.tick), neuronOffset: offset,
        neuronsPerDot: npd),
      in: inner, theme: theme)
  }

  private func renderWeights(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.weights, "weights " + matrix.rawValue + (showsDelta ? " Δ cycle" : ""), into: &buffer, area: area, theme: theme)
    guard let data = heatmapData, !inner.isEmpty else {
      buffer.write("weights are not available (replay holds spikes only)", at: Position(x: inner.x, y: inner.y), style: theme.dimText, clippedTo: inner)
      return
    }
    // Auto factor: fit the columns into the width and the rows (two per cell) into the height.
    // Auto factor: fit the rows (two per cell); columns then fit too or scroll with the cursor,
    // so a flat matrix like W2 (10 × 400) keeps its rows instead of collapsing into one.
    var factor = heatFactor ?? 1
    if heatFactor == nil {
      let rowsAvailable = max(1, inner.height - 3)
      while factor < 64 && ((data.rows + 1) / 2 + factor - 1) / factor > rowsAvailable { factor *= 2 }
      while factor < 64 && data.rows / factor >= 2 * rowsAvailable / 2 && data.columns / factor > inner.width {
        factor *= 2
      }
    }
    buffer.render(
      Heatmap(
        name: matrix.rawValue.uppercased() + (showsDelta ? " Δ" : ""), rowLabel: data.rowLabel,
        columnLabel: data.columnLabel, rows: data.rows, columns: data.columns, values: data.values,
        valueRange: showsDelta ? -8...8 : -256...256, factor: factor, cursor: heatCursor),
      in: inner, theme: theme)
  }

  private func renderInspector(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.inspector, "inspector", into: &buffer, area: area, theme: theme)
    let rows: [(String, String)]
    if focus == .weights {
      // The pane shows W1 and W2 post × pre; the chip stores every matrix [pre][post].
      let transposed = matrix == .w1 || matrix == .w2
      rows = session.inspect(
        matrix: matrix, row: transposed ? heatCursor.column : heatCursor.row,
        column: transposed ? heatCursor.row : heatCursor.column)
    } else {
      rows = session.inspect(population: selection.population, neuron: selection.neuron)
    }
    buffer.render(Inspector(title: "", rows: rows.map { Inspector.Row($0.0, $0.1) }), in: inner, theme: theme)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
