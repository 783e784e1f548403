import Debugger
import Loihi

extension ScopeApp {
  /// Whether the weights pane draws the group post × pre (rows = post). The shorter axis runs
  /// down so that flat matrices stay flat: W1 is h × x, W2 and its transposes o × h.
  var heatmapIsTransposed: Bool {
    guard let group else { return false }
    let info = session.source.connectionGroups[group]
    return info.post.size <= info.pre.size
  }

  /// The matrix shown in the weights pane, oriented as `heatmapIsTransposed` says.
  var heatmapData: (rows: Int, columns: Int, values: [Int32], rowLabel: String, columnLabel: String)? {
    guard let group, let m = showsDelta ? session.weightDelta(group: group) : session.weights(group: group) else {
      return nil
    }
    let info = session.source.connectionGroups[group]
    if heatmapIsTransposed {
      // Chip layout is [pre][post].
      return (m.columns, m.rows, transposed(m.values, rows: m.rows, columns: m.columns), info.post.name, info.pre.name)
    }
    return (m.rows, m.columns, m.values, info.pre.name, info.post.name)
  }

  var heatmapShape: (rows: Int, columns: Int)? {
    guard let group, let m = session.weights(group: group) else { return nil }
    return heatmapIsTransposed ? (m.columns, m.rows) : (m.rows, m.columns)
  }

  var groupName: String { group.map { session.source.connectionGroups[$0].name } ?? "no weights" }

  /// The last tick on screen (the chip's tick, minus the scrub lag).
  var viewTick: Int64 { max(0, session.source.tick - viewLag) }

  static func role(_ population: SourcePopulation) -> Role {
    switch population.role {
    case .gate: .gate
    case .input: .input
    case .memory: .memory
    case .backward: .backward
    case .forward: .forward
    case .error: .error
    case .target: .target
    }
  }

  /// Draws the whole screen.
  public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let rows = Layout.vertical([.length(1), .fill(1), .length(3), .length(1), .length(1)]).split(area)
    let (statusArea, body, logArea, promptArea, footerArea) = (rows[0], rows[1], rows[2], rows[3], rows[4])
    var right = [neuronsPerDot.map { "×\($0)/dot" } ?? "auto zoom"]
    if group != nil { right.append(groupName + (showsDelta ? " Δ" : "")) }
    if viewLag > 0 { right.insert("view −\(viewLag) ticks", at: 0) }
    buffer.render(StatusBar(left: [session.statusLine], right: right), in: statusArea, theme: theme)

    let columns = Layout.horizontal([.percentage(58), .fill(1)]).split(body)
    // The gate pane holds every gate, its axis and its border when there is room.
    let panes = visiblePanes
    let gateHeight = panes.contains(.gates) ? min(session.gatePopulations.count + 3, max(6, body.height / 2)) : 0
    let left = Layout.vertical([.length(gateHeight), .fill(1)]).split(columns[0])
    // The right column shares its height among the panes that have something to show.
    let rightPanes = panes.filter { $0 == .backward || $0 == .weights || $0 == .inspector }
    let shares: [Pane: Int] = [.backward: 45, .weights: 35, .inspector: 20]
    let total = rightPanes.reduce(0) { $0 + shares[$1]! }
    let constraints = rightPanes.enumerated().map { k, pane in
      k == rightPanes.count - 1 ? Constraint.fill(1) : .percentage(shares[pane]! * 100 / total)
    }
    let rightAreas = Layout.vertical(constraints).split(columns[1])

    if panes.contains(.gates) { renderGates(into: &buffer, area: left[0], theme: theme) }
    renderRaster(.forward, populations: forwardPopulations, into: &buffer, area: left[1], theme: theme)
    for (pane, area) in zip(rightPanes, rightAreas) {
      switch pane {
      case .backward: renderRaster(.backward, populations: backwardPopulations, into: &buffer, area: area, theme: theme)
      case .weights: renderWeights(into: &buffer, area: area, theme: theme)
      default: renderInspector(into: &buffer, area: area, theme: theme)
      }
    }

    let visible = Array(messages.suffix(logArea.height))
    buffer.render(MessageLog(messages: visible), in: logArea, theme: theme)
    if let editor {
      buffer.render(PromptLine(editor: editor, prompt: ":", isActive: true), in: promptArea, theme: theme)
    } else {
      buffer.render(PromptLine(prompt: ":", text: "", cursor: 0, isActive: false), in: promptArea, theme: theme)
    }
    buffer.render(KeyFooter(keyMap: keyMap), in: footerArea, theme: theme)
    if let helpOffset {
      let names = session.source.connectionGroups.map(\.name)
      let entries = Session.commands.map { HelpEntry($0.usage, $0.help) }
        + [HelpEntry("weights " + (names.isEmpty ? "NAME" : names.prefix(4).joined(separator: "|")), "choose the connection in the weights pane"),
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
    let cycle = session.source.timeModel.cycle
    let windowLabels = ticks.map { tick -> String in
      guard let window = cycle?.position(of: tick)?.window else { return " " }
      return String(window, radix: 36)
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
    let inner = panel(.weights, "weights " + groupName + (showsDelta ? " Δ cycle" : ""), into: &buffer, area: area, theme: theme)
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
        name: groupName + (showsDelta ? " Δ" : ""), rowLabel: data.rowLabel,
        columnLabel: data.columnLabel, rows: data.rows, columns: data.columns, values: data.values,
        valueRange: showsDelta ? -8...8 : -256...256, factor: factor, cursor: heatCursor),
      in: inner, theme: theme)
  }

  private func renderInspector(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.inspector, "inspector", into: &buffer, area: area, theme: theme)
    let rows: [(String, String)]
    if focus == .weights, let group {
      // The pane may show a group post × pre; the chip stores every matrix [pre][post].
      let transposed = heatmapIsTransposed
      rows = session.inspect(
        group: group, pre: transposed ? heatCursor.column : heatCursor.row,
        post: transposed ? heatCursor.row : heatCursor.column, postFirst: transposed)
    } else {
      rows = session.inspect(population: selection.population, neuron: selection.neuron)
    }
    buffer.render(Inspector(title: "", rows: rows.map { Inspector.Row($0.0, $0.1) }), in: inner, theme: theme)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
