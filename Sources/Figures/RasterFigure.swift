import Debugger

/// The annotated raster of a stretch of ticks, drawn like the paper's figure: populations on the
/// y axis grouped (gates, forward, backward), time on x with the window names above, the gating
/// staircase on top, one colour per role.
package struct RasterFigure {
  package struct Band {
    package let name: String
    package let role: PopulationRole
    package let size: Int
    /// Spikes per tick, index 0 = `firstTick`.
    package let spikes: [[Int32]]

    package init(name: String, role: PopulationRole, size: Int, spikes: [[Int32]]) {
      self.name = name
      self.role = role
      self.size = size
      self.spikes = spikes
    }
  }

  package let title: String
  package let groups: [(name: String, bands: [Band])]
  package let firstTick: Int64
  package let tickCount: Int
  package let cycle: TimeModel.Cycle?

  package init(title: String, groups: [(name: String, bands: [Band])], firstTick: Int64, tickCount: Int, cycle: TimeModel.Cycle?) {
    self.title = title
    self.groups = groups
    self.firstTick = firstTick
    self.tickCount = tickCount
    self.cycle = cycle
  }

  /// Colour-blind-safe colours per role (Okabe–Ito).
  static func color(_ role: PopulationRole) -> String {
    switch role {
    case .gate: "#E69F00"
    case .input: "#56B4E9"
    case .forward: "#0072B2"
    case .backward: "#CC79A7"
    case .memory: "#999999"
    case .error: "#D55E00"
    case .target: "#009E73"
    }
  }

  /// A band's height: a row of 5 px per neuron up to 40 neurons, else 120 px for all of them.
  static func height(of band: Band) -> Double {
    band.size <= 40 ? Double(band.size) * 5 : 120
  }

  package var svg: String {
    let left = 120.0
    let top = 78.0
    let tickWidth = max(3, min(48, 1000 / Double(max(1, tickCount))))
    let plotWidth = tickWidth * Double(tickCount)
    let gap = 6.0
    var bandsHeight = 0.0
    for group in groups {
      bandsHeight += 14
      for band in group.bands { bandsHeight += Self.height(of: band) + gap }
    }
    let roleCount = Set(groups.flatMap { $0.bands.map(\.role) }).count
    var svg = SVG(width: max(left + plotWidth + 30, left + Double(roleCount) * 90 + 20), height: top + bandsHeight + 60)
    svg.text(title, x: 10, y: 18, size: 14, bold: true)

    // Windows: alternating shade per window, names above (rotated when narrow), tick numbers
    // where a cycle starts.
    let plotTop = top
    let plotBottom = top + bandsHeight
    for k in 0..<tickCount {
      let tick = firstTick + Int64(k)
      let x = left + Double(k) * tickWidth
      if let cycle {
        let window = cycle.window(of: tick)
        if window % 2 == 1 { svg.rect(x: x, y: plotTop, width: tickWidth, height: bandsHeight, fill: "#f0f0f0") }
        if window == 0 {
          svg.line(x1: x, y1: plotTop - 4, x2: x, y2: plotBottom, stroke: "#bbbbbb", dashed: true)
          svg.text("\(tick)", x: x + 1, y: plotTop - 6, size: 9, fill: "#555")
        }
        let name = cycle.windowNames[window]
        svg.text(name, x: x + tickWidth / 2, y: plotTop - 20, size: 9, fill: "#333", rotate: tickWidth < 40 ? -50 : nil)
      } else if tick % 10 == 0 {
        svg.line(x1: x, y1: plotTop - 4, x2: x, y2: plotBottom, stroke: "#dddddd", dashed: true)
        svg.text("\(tick)", x: x + 1, y: plotTop - 6, size: 9, fill: "#555")
      }
    }

    var y = top
    for group in groups {
      svg.text(group.name, x: 6, y: y + 11, size: 11, fill: "#444", bold: true)
      y += 14
      for band in group.bands {
        let height = Self.height(of: band)
        let row = height / Double(max(1, band.size))
        let color = Self.color(band.role)
        svg.text("\(band.name) (\(band.size))", x: left - 6, y: y + min(height, 14) / 2 + 4, size: 10, fill: color, anchor: .end)
        svg.line(x1: left, y1: y + height + gap / 2, x2: left + plotWidth, y2: y + height + gap / 2, stroke: "#e4e4e4")
        for (k, fired) in band.spikes.enumerated() where k < tickCount {
          let x = left + Double(k) * tickWidth
          for neuron in fired where neuron >= 0 && Int(neuron) < band.size {
            svg.rect(
              x: x + 0.5, y: y + Double(neuron) * row, width: max(1, tickWidth - 1), height: max(1, row - (row > 3 ? 1 : 0)),
              fill: color)
          }
        }
        y += height + gap
      }
    }
    // Frame and the legend of roles.
    svg.line(x1: left, y1: plotBottom, x2: left + plotWidth, y2: plotBottom, stroke: "#333")
    svg.text("tick", x: left + plotWidth, y: plotBottom + 16, size: 10, fill: "#333", anchor: .end)
    var x = left
    let roles = Set(groups.flatMap { $0.bands.map(\.role) })
    for role in PopulationRole.allCases where roles.contains(role) {
      svg.rect(x: x, y: plotBottom + 28, width: 10, height: 10, fill: Self.color(role))
      svg.text(role.rawValue, x: x + 14, y: plotBottom + 37, size: 10, fill: "#333")
      x += 90
    }
    return svg.document
  }
}
