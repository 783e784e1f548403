import Debugger

/// How the raster pane draws each population so that everything fits, or scrolls without losing
/// anything: small populations keep every neuron visible (one row each, or one braille dot row
/// each), large ones aggregate neurons per dot, and the gates fold into one row when space is short.
struct RasterPlan {
  /// How one population is drawn.
  enum Band: Hashable {
    /// One text row per neuron.
    case perNeuron
    /// Braille rows, four dot rows each, `neuronsPerDot` neurons per dot row.
    case braille(neuronsPerDot: Int)
  }

  /// Populations of at most this many neurons always show every neuron on its own (dot) row.
  static let smallPopulation = 40
  /// Populations of at most this many neurons get a text row per neuron when the pane has room.
  static let rowPerNeuron = 16

  let app: ScopeApp
  let groups: [(name: String, populations: [Int])]
  let bands: [Int: Band]
  /// The gates drawn as one row of window digits instead of a row each.
  let foldsGates: Bool

  init(app: ScopeApp, availableRows: Int) {
    self.app = app
    groups = app.rasterGroups
    let sizes = app.session.source.populations.map(\.size)
    // From the most detailed level down, the first that fits; the last one scrolls if need be.
    let levels: [(perNeuron: Int, largeRows: Int, foldGates: Bool)] = [
      (Self.rowPerNeuron, 4, false), (0, 4, false), (0, 2, false), (0, 2, true), (0, 1, true),
    ]
    var chosen: ([Int: Band], Bool) = ([:], true)
    for (k, level) in levels.enumerated() {
      var plan: [Int: Band] = [:]
      var rows = groups.count > 1 ? groups.count - (groups.first?.name == "gates" ? 1 : 0) : 0
      for group in groups {
        if group.name == "gates" {
          rows += level.foldGates ? 1 : group.populations.count
          continue
        }
        for p in group.populations {
          let band: Band
          if let zoom = app.rasterPane.bandZoom[p] {
            band = .braille(neuronsPerDot: zoom)
          } else if sizes[p] <= level.perNeuron {
            band = .perNeuron
          } else if sizes[p] <= Self.smallPopulation {
            band = .braille(neuronsPerDot: 1)
          } else {
            band = .braille(neuronsPerDot: max(1, (sizes[p] + 4 * level.largeRows - 1) / (4 * level.largeRows)))
          }
          plan[p] = band
          rows += Self.rowCount(size: sizes[p], band: band)
        }
      }
      chosen = (plan, level.foldGates)
      if rows <= availableRows || k == levels.count - 1 { break }
    }
    // Spare rows go to the smallest populations first: a text row per neuron where it fits.
    var plan = chosen.0
    var used = groups.count > 1 ? groups.count - (groups.first?.name == "gates" ? 1 : 0) : 0
    for group in groups {
      if group.name == "gates" { used += chosen.1 ? 1 : group.populations.count }
      for p in group.populations where group.name != "gates" {
        used += Self.rowCount(size: sizes[p], band: plan[p] ?? .perNeuron)
      }
    }
    let upgradable = plan.keys.filter { app.rasterPane.bandZoom[$0] == nil && sizes[$0] <= Self.rowPerNeuron }
      .sorted { (sizes[$0], $0) < (sizes[$1], $1) }
    for p in upgradable {
      let extra = sizes[p] - Self.rowCount(size: sizes[p], band: plan[p]!)
      guard extra > 0 else { continue }
      if used + extra > availableRows { break }
      plan[p] = .perNeuron
      used += extra
    }
    bands = plan
    foldsGates = chosen.1 && !groups.filter({ $0.name == "gates" }).isEmpty
  }

  static func rowCount(size: Int, band: Band) -> Int {
    switch band {
    case .perNeuron: size
    case .braille(let npd): (size + 4 * npd - 1) / (4 * npd)
    }
  }

  /// The widest label the rows will carry.
  var labelWidth: Int {
    let populations = app.session.source.populations
    var width = foldsGates ? 9 : 0
    for group in groups {
      for p in group.populations {
        let name = populations[p].name
        switch bands[p] ?? .perNeuron {
        case .perNeuron: width = max(width, name.count + (populations[p].size > 1 ? 2 + String(populations[p].size - 1).count : 0))
        case .braille(let npd):
          width = max(width, name.count + (npd > 1 ? 2 + String(npd).count : 0) + 2 + 2 * String(populations[p].size - 1).count)
        }
      }
    }
    return min(24, max(6, width))
  }

  /// The rows for `axis`, with spikes, violations, breakpoints and the selection.
  func rows(axis: TimeAxis) -> [RasterRow] {
    let session = app.session
    let source = session.source
    let populations = source.populations
    let span = max(1, axis.firstTick)...max(1, axis.firstTick + Int64(max(1, axis.tickCount)) - 1)
    var rows: [RasterRow] = []
    let windowBreakpoints = session.breakpointWindows
    for group in groups {
      if groups.count > 1 && group.name != "gates" {
        rows.append(RasterRow(label: group.name, role: .forward, content: .section))
      }
      if group.name == "gates" && foldsGates {
        rows.append(foldedGates(group.populations, axis: axis, span: span))
        continue
      }
      for p in group.populations {
        let population = populations[p]
        let violations = Set(
          session.violationOffsets(of: p, ticks: span).compactMap { axis.column(of: span.lowerBound + Int64($0)) })
        let role = ScopeApp.role(population)
        let spikeBreakpoints = session.breakpoints.filter {
          if case .spike(let bp, _) = $0.kind { return bp == p && $0.isEnabled }
          return false
        }
        let gateWindow = source.timeModel.cycle?.window(openedBy: population.name)
        func marker(neurons: Range<Int>) -> Character? {
          if let gateWindow, windowBreakpoints.contains(gateWindow) { return "●" }
          for bp in spikeBreakpoints {
            if case .spike(_, let neuron) = bp.kind, neuron.map({ neurons.contains($0) }) ?? (neurons.lowerBound == 0) {
              return "●"
            }
          }
          return nil
        }
        let selected = app.selection.population == p ? app.selection.neuron : nil
        switch bands[p] ?? .perNeuron {
        case .perNeuron:
          var halves = [[UInt8]](repeating: [UInt8](repeating: 0, count: axis.columns), count: population.size)
          source.forEachTick(of: p, ticks: span) { offset, fired in
            let tick = span.lowerBound + Int64(offset)
            guard !fired.isEmpty, let columns = axis.columns(of: tick) else { return }
            let bit: UInt8 = axis.half(of: tick).map { $0 == 0 ? 1 : 2 } ?? 3
            for number in fired.numbers {
              let neuron = Int(number &- fired.base)
              guard neuron >= 0 && neuron < population.size else { continue }
              for column in columns where column < axis.columns { halves[neuron][column] |= bit }
            }
          }
          for neuron in 0..<population.size {
            rows.append(
              RasterRow(
                label: population.size == 1 ? population.name : "\(population.name)[\(neuron)]", role: role,
                content: .blocks(halves[neuron]), marker: marker(neurons: neuron..<(neuron + 1)),
                isSelected: selected == neuron, violations: violations))
          }
        case .braille(let npd):
          let perRow = 4 * npd
          let count = Self.rowCount(size: population.size, band: .braille(neuronsPerDot: npd))
          var masks = [[UInt8]](repeating: [UInt8](repeating: 0, count: axis.columns), count: count)
          source.forEachTick(of: p, ticks: span) { offset, fired in
            let tick = span.lowerBound + Int64(offset)
            guard !fired.isEmpty, let columns = axis.columns(of: tick) else { return }
            let half = axis.half(of: tick)
            for number in fired.numbers {
              let neuron = Int(number &- fired.base)
              guard neuron >= 0 && neuron < population.size else { continue }
              let dotRow = neuron / npd
              // A tick drawn in half a cell lights one dot column; a wider tick both.
              let bits = half.map { TimeRaster.brailleBit(column: $0, row: dotRow % 4) }
                ?? (TimeRaster.brailleBit(column: 0, row: dotRow % 4) | TimeRaster.brailleBit(column: 1, row: dotRow % 4))
              for column in columns where column < axis.columns { masks[dotRow / 4][column] |= bits }
            }
          }
          for row in 0..<count {
            let first = row * perRow
            let last = min(population.size, first + perRow) - 1
            let range = first == last ? "\(first)" : "\(first)–\(last)"
            let label = row == 0 ? population.name + (npd > 1 ? " ×\(npd)" : "") + " " + range : "  " + range
            rows.append(
              RasterRow(
                label: label, role: role, content: .braille(masks[row]), marker: marker(neurons: first..<(last + 1)),
                isSelected: selected.map { $0 / perRow == row } ?? false, violations: violations))
          }
        }
      }
    }
    return rows
  }

  /// The gating chain in one row: each column shows, in base 36, the window whose gate fired there
  /// (gate k opens window k), so the chain reads as a ramp 0 1 2 … b.
  private func foldedGates(_ gates: [Int], axis: TimeAxis, span: ClosedRange<Int64>) -> RasterRow {
    var digits = [UInt8](repeating: 0, count: axis.columns)
    var text = [Character](repeating: " ", count: axis.columns)
    for (k, gate) in gates.enumerated() {
      app.session.source.forEachTick(of: gate, ticks: span) { offset, fired in
        let tick = span.lowerBound + Int64(offset)
        guard !fired.isEmpty, let columns = axis.columns(of: tick) else { return }
        for column in columns where column < axis.columns {
          text[column] = digits[column] == 0 ? Character(String(k, radix: 36)) : "·"
          digits[column] = 1
        }
      }
    }
    // ↑/↓ still walk the gates one by one: the label names the selected one, for `b`.
    let selected = gates.contains(app.selection.population)
    let label = selected ? "gates " + app.session.source.populations[app.selection.population].name : "gates"
    return RasterRow(
      label: label, role: .gate, content: .text(text), marker: app.session.breakpointWindows.isEmpty ? nil : "●",
      isSelected: selected)
  }
}

extension ScopeApp {
  /// The neurons per dot row a large band gets when it may use four text rows.
  func automaticNeuronsPerDot(size: Int) -> Int {
    size <= RasterPlan.smallPopulation ? 1 : max(1, (size + 15) / 16)
  }
}
