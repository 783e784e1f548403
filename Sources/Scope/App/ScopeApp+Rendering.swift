import Debugger
import Loihi

extension ScopeApp {
  // MARK: Weights

  /// Whether the weights pane draws the group post × pre (rows = post). The shorter axis runs
  /// down so that flat matrices stay flat: W1 is h × x, W2 and its transposes o × h.
  var heatmapIsTransposed: Bool {
    guard let group else { return false }
    return session.source.connectionGroups[group].rowsArePost
  }

  /// The matrix shown in the weights pane, oriented as `heatmapIsTransposed` says.
  var heatmapData: (rows: Int, columns: Int, values: [Int32], rowLabel: String, columnLabel: String)? {
    guard let group, let m = weightsPane.showsDelta ? session.weightDelta(group: group) : session.weights(group: group) else {
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

  // MARK: Screen

  /// Draws the whole screen.
  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let rows = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(area)
    let (statusArea, body, promptArea, footerArea) = (rows[0], rows[1], rows[2], rows[3])
    buffer.render(StatusBar(left: statusSegments, right: statusRight), in: statusArea, theme: theme)

    if let maximized {
      renderPane(maximized, into: &buffer, area: body, theme: theme)
    } else {
      let columns = Layout.horizontal([.percentage(62), .fill(1)]).split(body)
      renderPane(.rasters, into: &buffer, area: columns[0], theme: theme)
      let right = visiblePanes.filter { $0 != .rasters }
      for (pane, paneArea) in zip(right, rightColumnLayout(right, area: columns[1])) {
        renderPane(pane, into: &buffer, area: paneArea, theme: theme)
      }
    }

    if let editor {
      buffer.render(PromptLine(editor: editor, prompt: ":", isActive: true), in: promptArea, theme: theme)
    } else {
      buffer.render(PromptLine(prompt: ":", text: "", cursor: 0, isActive: false), in: promptArea, theme: theme)
    }
    buffer.render(KeyFooter(keyMap: keyMap), in: footerArea, theme: theme)
    if let helpOffset {
      let names = session.source.connectionGroups.map(\.name)
      let entries =
        Session.commands.map { HelpEntry($0.usage, $0.help) }
        + [
          HelpEntry(
            "weights " + (names.isEmpty ? "NAME" : names.prefix(4).joined(separator: "|")),
            "choose the connection in the weights pane"),
          HelpEntry("delta", "toggle the weights pane between values and change since the cycle began"),
          HelpEntry("select POP[i]", "select a neuron for the inspector"),
        ]
      buffer.render(HelpOverlay(keyMap: keyMap, commands: entries, offset: helpOffset), in: area, theme: theme)
    }
  }

  /// Left: the position; with a sample, its outcome once the output window has run.
  var statusSegments: [String] {
    var segments = [session.statusLine]
    if cursorTick != session.source.tick {
      let position = session.source.timeModel.position(of: cursorTick)
      segments.append("cursor tick \(cursorTick)" + (position.phase.map { " (\($0))" } ?? ""))
    }
    if let cycle = session.source.timeModel.position(of: cursorTick).cycle, let record = session.source.sample(ofCycle: cycle),
      record.output != nil
    {
      segments.append("label \(record.label) · pred \(record.predictionText) · \(record.isError == true ? "✗" : "✓")")
    }
    return segments
  }

  var statusRight: [String] {
    var right = [rasterPane.fitsCycle ? "1 cycle/width" : scaleText]
    if group != nil { right.append(groupName + (weightsPane.showsDelta ? " Δ" : "")) }
    return right
  }

  var scaleText: String {
    rasterPane.scale.columnsPerTick > 1 ? "\(rasterPane.scale.columnsPerTick) col/tick" : "\(rasterPane.scale.ticksPerColumn) tick/col"
  }

  /// Heights of the right column's panes: the sample fits its image, the inspector its rows, the
  /// weights and the log share the rest.
  func rightColumnLayout(_ panes: [Pane], area: Rect) -> [Rect] {
    var constraints: [Constraint] = []
    for pane in panes {
      switch pane {
      case .sample:
        let imageRows = currentRecord?.image.map { $0.rows > 1 ? ($0.rows + 1) / 2 : 0 } ?? 0
        constraints.append(.length(min(max(imageRows, 7) + 2, area.height * 2 / 5)))
      case .weights: constraints.append(.percentage(area.height >= 40 ? 35 : 30))
      case .inspector:
        // With fewer panes beside it (no sample, no weights) the inspector shows all its rows.
        let share = panes.count >= 4 ? area.height / 4 : area.height / 2
        constraints.append(.length(min(14, max(5, share))))
      default: constraints.append(.fill(1))
      }
    }
    return Layout.vertical(constraints).split(area)
  }

  private func renderPane(_ pane: Pane, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    switch pane {
    case .rasters: renderRasters(into: &buffer, area: area, theme: theme)
    case .sample: renderSample(into: &buffer, area: area, theme: theme)
    case .weights: renderWeights(into: &buffer, area: area, theme: theme)
    case .inspector: renderInspector(into: &buffer, area: area, theme: theme)
    case .log: renderLog(into: &buffer, area: area, theme: theme)
    }
  }

  private func panel(_ pane: Pane, _ title: String, into buffer: inout CellBuffer, area: Rect, theme: Theme) -> Rect {
    let panel = Panel(title: title, isFocused: focus == pane)
    buffer.render(panel, in: area, theme: theme)
    return panel.inner(area)
  }

  // MARK: Rasters

  /// The axis every raster shares in a plot `columns` wide.
  func timeAxis(columns: Int) -> TimeAxis {
    let source = session.source
    if rasterPane.fitsCycle {
      let cycle = source.timeModel.cycle
      let length = cycle?.length ?? 48
      let scale = TimeScale.fitting(ticks: length, into: columns)
      let start = cycle.flatMap { model in model.position(of: cursorTick).map { model.tick(cycle: $0.cycle, window: 0) } }
      let first = start ?? (cursorTick / Int64(length) * Int64(length))
      return TimeAxis(
        firstTick: max(0, first), ticksPerColumn: scale.ticksPerColumn, columnsPerTick: scale.columnsPerTick,
        columns: columns)
    }
    // Live: the windows to come stay in view; replay: the trace on both sides of the cursor.
    return rasterPane.scale.axis(columns: columns, anchor: cursorTick, fraction: source.isLive ? 0.75 : 0.5)
  }

  /// Where the raster pane puts everything for a pane of `area`: the widget it draws, where its
  /// plot starts, and the rows it holds (tests read the screen through this).
  package func rasterLayout(in area: Rect) -> (raster: TimeRaster, inner: Rect, plotX: Int)? {
    let inner = Panel(title: "", isFocused: false).inner(area)
    guard inner.width > 12, inner.height >= 3 else { return nil }
    let bandRows = TimeRaster.bandRows(height: inner.height, hasLegend: inner.height >= 6)
    let plan = RasterPlan(app: self, availableRows: bandRows)
    let labelWidth = min(inner.width / 3, plan.labelWidth + 2)
    let axis = timeAxis(columns: inner.width - labelWidth)
    let rows = plan.rows(axis: axis)
    // Keep the selected row in view, near the middle when the rows scroll.
    let selected = rows.firstIndex(where: \.isSelected) ?? 0
    let visible = bandRows - 1
    let scroll = rows.count <= bandRows ? 0 : min(max(0, selected - visible / 2), rows.count - visible)
    let raster = TimeRaster(
      axis: axis, labelWidth: labelWidth, cycle: session.source.timeModel.cycle, currentTick: session.source.tick,
      cursorTick: cursorTick, rows: rows, scroll: scroll)
    return (raster, inner, inner.x + labelWidth)
  }

  /// The raster pane's area on a screen of `area` (the left column, or the body when maximized).
  package func rasterPaneArea(screen area: Rect) -> Rect {
    let body = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(area)[1]
    if maximized == .rasters { return body }
    return Layout.horizontal([.percentage(62), .fill(1)]).split(body)[0]
  }

  private func renderRasters(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.rasters, rasterTitle, into: &buffer, area: area, theme: theme)
    guard let layout = rasterLayout(in: area) else { return }
    buffer.render(layout.raster, in: inner, theme: theme)
  }

  var rasterTitle: String {
    "rasters · \(rasterPane.fitsCycle ? "one cycle across" : scaleText)" + (cursorTick != session.source.tick ? " · cursor \(cursorTick)" : "")
  }

  // MARK: Sample

  /// The sample of the cycle under the time cursor (or the last one that started).
  var currentRecord: SampleRecord? {
    let position = session.source.timeModel.position(of: cursorTick)
    guard let cycle = position.cycle else { return nil }
    return session.source.sample(ofCycle: cycle) ?? (cycle > 0 ? session.source.sample(ofCycle: cycle - 1) : nil)
  }

  private func renderSample(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard let record = currentRecord else {
      let inner = panel(.sample, "sample", into: &buffer, area: area, theme: theme)
      buffer.write("no sample yet", at: Position(x: inner.x, y: inner.y), style: theme.dimText, clippedTo: inner)
      return
    }
    let inner = panel(.sample, "sample \(record.cycle) · data index \(record.sampleIndex)", into: &buffer, area: area, theme: theme)
    buffer.render(SampleView(record: record), in: inner, theme: theme)
  }

  // MARK: Log

  private func renderLog(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let title = logPane.offset > 0 ? "log · \(logPane.offset) lines back · PgDn" : "log · PgUp scrolls back"
    let inner = panel(.log, title, into: &buffer, area: area, theme: theme)
    buffer.render(MessageLog(messages: Array(messages.prefix(messages.count - logPane.offset))), in: inner, theme: theme)
  }

  // MARK: Weights and inspector

  private func renderWeights(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.weights, "weights " + groupName + (weightsPane.showsDelta ? " Δ cycle" : ""), into: &buffer, area: area, theme: theme)
    guard let data = heatmapData, !inner.isEmpty else {
      let reason =
        group.flatMap { session.weightsTooLarge(group: $0) }.map {
          "\($0.rows)×\($0.columns) weights are too many to draw; print a row with :print w(\(groupName))[pre=i]"
        } ?? "weights are not available (replay holds spikes only)"
      buffer.write(reason, at: Position(x: inner.x, y: inner.y), style: theme.dimText, clippedTo: inner)
      return
    }
    if weightsPane.showsField, let field = fieldData(data) {
      buffer.render(field, in: inner, theme: theme)
      return
    }
    // Auto factor: fit the rows (two per cell); columns then fit too or scroll with the cursor,
    // so a flat matrix like W2 (10 × 400) keeps its rows instead of collapsing into one.
    var factor = weightsPane.factor ?? 1
    if weightsPane.factor == nil {
      let rowsAvailable = max(1, inner.height - 3)
      while factor < 64 && ((data.rows + 1) / 2 + factor - 1) / factor > rowsAvailable { factor *= 2 }
      while factor < 64 && data.rows / factor >= 2 * rowsAvailable / 2 && data.columns / factor > inner.width {
        factor *= 2
      }
    }
    // The change view scales to the changes there are (±2 reads as strongly as ±256 would).
    let deltaBound = max(1, data.values.lazy.map { abs($0) }.max() ?? 1)
    var heatmap = Heatmap(
      name: groupName + (weightsPane.showsDelta ? " Δ" : ""), rowLabel: data.rowLabel,
      columnLabel: data.columnLabel, rows: data.rows, columns: data.columns, values: data.values,
      valueRange: weightsPane.showsDelta ? -deltaBound...deltaBound : -256...256, factor: factor, cursor: weightsPane.cursor)
    if let group {
      // Changed cells arrive as [pre][post]; the pane may draw post × pre.
      let preCount = session.source.connectionGroups[group].pre.size
      let postCount = session.source.connectionGroups[group].post.size
      heatmap.marked = Set(
        session.changedSinceLastStop(group: group).map { cell in
          heatmapIsTransposed ? (cell % postCount) * preCount + cell / postCount : cell
        })
    }
    buffer.render(heatmap, in: inner, theme: theme)
  }

  /// The cursor row of the shown matrix as a square image (W1's row of a hidden unit: its
  /// receptive field over the 20×20 input), when the columns make a square.
  func fieldData(_ data: (rows: Int, columns: Int, values: [Int32], rowLabel: String, columnLabel: String)) -> Heatmap? {
    let image = SampleImage(pixels: [UInt8](repeating: 0, count: data.columns))
    guard image.rows > 1 else { return nil }
    let row = min(max(0, weightsPane.cursor.row), data.rows - 1)
    let values = Array(data.values[row * data.columns..<(row + 1) * data.columns])
    let bound = weightsPane.showsDelta ? max(1, values.lazy.map { abs($0) }.max() ?? 1) : 256
    return Heatmap(
      name: "\(groupName)\(weightsPane.showsDelta ? " Δ" : "") field of \(data.rowLabel)=\(row) (\(data.columnLabel) as \(image.rows)×\(image.columns))",
      rowLabel: "y", columnLabel: "x", rows: image.rows, columns: image.columns, values: values,
      valueRange: -bound...bound)
  }

  private func renderInspector(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let inner = panel(.inspector, "inspector · tick \(cursorTick)", into: &buffer, area: area, theme: theme)
    var rows: [(String, String)]
    if focus == .weights, let group {
      // The pane may show a group post × pre; the chip stores every matrix [pre][post].
      let transposed = heatmapIsTransposed
      rows = session.inspect(
        group: group, pre: transposed ? weightsPane.cursor.column : weightsPane.cursor.row,
        post: transposed ? weightsPane.cursor.row : weightsPane.cursor.column, postFirst: transposed)
    } else {
      rows = session.inspect(population: selection.population, neuron: selection.neuron)
      // The inspector also says why: the input by source, the sum, the verdict (at an earlier
      // cursor tick, as worked out when the cursor moved there).
      let whyLines: [String]?
      if cursorTick == session.source.tick {
        whyLines = (try? session.explain(population: selection.population, neuron: selection.neuron))?.lines
      } else if let why = cursorWhy, why.tick == cursorTick, why.population == selection.population, why.neuron == selection.neuron {
        whyLines = why.lines
      } else {
        whyLines = nil
      }
      if let lines = whyLines {
        rows.insert(("why", lines[0].split(separator: ":").last.map { String($0).trimmingWhitespace() } ?? ""), at: min(rows.count, 3))
        rows += lines.dropFirst().map { ("", $0.trimmingWhitespace()) }
      }
      if cursorTick != session.source.tick {
        let fired = session.source.spikes(of: selection.population, at: cursorTick).map { $0.contains(Int32(selection.neuron)) }
        rows.insert(("at tick \(cursorTick)", fired.map { $0 ? "spiked" : "silent" } ?? "beyond the kept history"), at: 2)
      }
    }
    let offset = min(inspectorOffset, max(0, rows.count - inner.height))
    buffer.render(Inspector(title: "", rows: rows.map { Inspector.Row($0.0, $0.1) }, offset: offset), in: inner, theme: theme)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
