import Debugger
import Loihi
import NBP
import NBPDebugging
import Testing

@testable import Scope

/// The screens of the full-size live circuit (400-400-10), read back from the memory terminal.
@Suite struct ScreenLayoutTests {
  static func app(samples count: Int = 6) throws -> ScopeApp {
    let (input, hidden, output) = (400, 400, 10)
    var random = RandomGenerator(seed: 11)
    let samples = (0..<count).map { _ in
      Sample(
        pixels: (0..<input).map { _ in random.uniform(below: 100) < 25 ? 1 : 0 },
        label: UInt8(random.uniform(below: UInt64(output))))
    }
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: 11), spikeHistory: 512)
    return ScopeApp(session: Session(source: NBPSource(circuit: circuit, samples: samples)))
  }

  static func screen(_ app: inout ScopeApp, _ keys: String, size: Size) throws -> [String] {
    let events: [MemoryBackend.Event] = keys.map { .key($0 == "\n" ? .enter : .character($0)) }
    return try ScopeAppTests.run(&app, events, size: size).screen.lines
  }

  /// Characters of a screen line by column (the memory terminal keeps one character per cell).
  static func cells(_ line: String) -> [Character] { Array(line) }

  /// After 24 ticks at 200×60, every gate spike and every band glyph sits in the column of its
  /// tick on the one axis; so a tick's gate spike and its population spikes share a column.
  @Test func oneTimeAxisForEveryRaster() throws {
    var app = try Self.app()
    let size = Size(width: 200, height: 60)
    let lines = try Self.screen(&app, ":until tick 24\n", size: size)
    let screenArea = Rect(x: 0, y: 0, width: size.width, height: size.height)
    let layout = try #require(app.rasterLayout(in: app.rasterPaneArea(screen: screenArea)))
    let axis = layout.raster.axis
    let source = app.session.source
    #expect(axis.ticks.contains(24) && axis.ticks.contains(1))
    // The current tick's marker sits in its column of the header.
    let marker = try #require(Self.cells(lines[layout.inner.y]).firstIndex(of: "▼"))
    #expect(marker == layout.plotX + axis.column(of: 24)!)

    var checkedGates = 0
    var checkedBands = 0
    for (k, row) in layout.raster.rows.enumerated() where k >= layout.raster.scroll {
      let y = layout.inner.y + TimeRaster.headerRows + (k - layout.raster.scroll)
      guard y < layout.inner.bottom - 1 else { break }
      let cells = Self.cells(lines[y])
      let glyphColumns = Set(
        (0..<axis.columns).filter { c in
          let x = layout.plotX + c
          return x < cells.count && cells[x] != " "
        })
      // Which population and neurons the row shows, from its label.
      let words = row.label.split(separator: " ")
      guard let first = words.first, case let name = String(first.split(separator: "[")[0]),
        let p = source.populationIndex(named: name)
      else { continue }
      let neurons: ClosedRange<Int>
      if let range = words.last, range.contains("–") {
        let bounds = range.split(separator: "–").map { Int($0)! }
        neurons = bounds[0]...bounds[1]
      } else if row.label.contains("["), let index = Int(row.label.split(separator: "[")[1].dropLast()) {
        neurons = index...index
      } else {
        neurons = 0...(source.populations[p].size - 1)
      }
      // The columns where the population spiked (within the row's neurons), by the axis.
      var expected: Set<Int> = []
      for tick in max(1, axis.firstTick)...24 {
        let fired = source.spikes(of: p, at: tick) ?? []
        if fired.contains(where: { neurons.contains(Int($0)) }), let column = axis.column(of: tick) {
          expected.insert(column)
        }
      }
      #expect(glyphColumns == expected, "\(row.label): screen columns \(glyphColumns.sorted()), spikes at \(expected.sorted())")
      if source.populations[p].role == .gate { checkedGates += 1 } else if !expected.isEmpty { checkedBands += 1 }
    }
    #expect(checkedGates == 12, "every gate row is on screen")
    #expect(checkedBands >= 8, "bands with spikes were compared")
  }

  /// o, t, d+ and d- keep every neuron (a dot row each, index ranges in the labels) at every size:
  /// on screen at 120×40 and up, and at 80×24 one selection away, never dropped.
  @Test(arguments: [(80, 24), (120, 40), (200, 60), (200, 80)])
  func outputTargetAndErrorNeuronsAreVisible(_ width: Int, _ height: Int) throws {
    var app = try Self.app()
    let size = Size(width: width, height: height)
    let lines = try Self.screen(&app, ":until tick 30\n", size: size)
    let names = ["o", "t", "d+", "d-"]
    let layout = try #require(app.rasterLayout(in: app.rasterPaneArea(screen: Rect(x: 0, y: 0, width: width, height: height))))
    for name in names {
      let labels = layout.raster.rows.map(\.label).filter { $0.hasPrefix(name + " ") || $0.hasPrefix(name + "[") }
      #expect(labels == [name + " 0–3"] || labels.count == 10, "\(name): \(labels)")
    }
    func shows(_ name: String, in lines: [String]) -> Bool {
      lines.contains { $0.contains("┃ \(name) 0–3") || $0.contains("┃ \(name)[0]") }
    }
    if width >= 120 {
      for name in names { #expect(shows(name, in: lines), "\(name) at \(width)×\(height)") }
    } else {
      #expect(lines.contains { $0.contains("more rows") } || names.allSatisfy { shows($0, in: lines) })
      for name in names {
        let moved = try Self.screen(&app, ":select \(name)[9]\n", size: size)
        #expect(shows(name, in: moved) || moved.contains { $0.contains("┃   8–9") }, "\(name) after selecting it")
      }
    }
  }

  @Test func infoSampleStaysReadableInTheLog() throws {
    var app = try Self.app()
    let size = Size(width: 200, height: 60)
    let lines = try Self.screen(&app, ":until sample 1\n:step 5\n:info sample\n", size: size)
    let answer = { (line: String) in line.contains("sample 1 (data index 1): label") && line.contains("prediction") }
    #expect(lines.contains(where: answer))
    #expect(lines.contains { $0.contains("d-: ") })
    // A long answer pushes it up; PgUp brings it back whole, and the title says how far back.
    let pushed = try Self.screen(&app, ":print w1[h=3]\n", size: size)
    #expect(!pushed.contains(where: answer))
    #expect(pushed.contains { $0.contains("(400 values, min") })
    let scrolled = try ScopeAppTests.run(&app, [.key(.pageUp)], size: size).screen.lines
    #expect(scrolled.contains(where: answer))
    #expect(scrolled.contains { $0.contains("lines back") })
  }

  @Test func sampleAndOutcomeOnScreen() throws {
    var app = try Self.app()
    let lines = try Self.screen(&app, ":until sample 1\n:step 5\n", size: Size(width: 120, height: 40))
    let record = try #require(app.session.source.sample(ofCycle: 1))
    #expect(lines[0].contains("label \(record.label) · pred \(record.predictionText) · \(record.isError == true ? "✗" : "✓")"))
    #expect(lines.contains { $0.contains("sample 1 · data index 1") })
    #expect(lines.contains { $0.contains("label  \(record.label)") })
    #expect(lines.contains { $0.contains("target " + (0..<10).map { $0 == record.label ? "1" : "0" }.joined()) })
  }

  /// ←/→ move a time cursor the status line and the inspector report; `=` fits a cycle.
  @Test func timeCursorAndFitCycle() throws {
    var app = try Self.app()
    _ = try Self.screen(&app, ":until tick 30\n", size: Size(width: 120, height: 40))
    let moved = try ScopeAppTests.run(&app, [.key(.left), .key(.left), .key(.left)], size: Size(width: 120, height: 40)).screen.lines
    #expect(app.cursorTick == 27)
    #expect(moved[0].contains("cursor tick 27"))
    #expect(moved.contains { $0.contains("inspector · tick 27") })
    #expect(moved.contains { $0.contains("at tick 27") })
    // Once the keys pause, the inspector explains the selected neuron at the cursor tick, as
    // `why … at tick 27` does, and the session is back where it stood.
    let expected = app.session.execute("why h1[0] at tick 27").lines
    #expect(app.session.source.tick == 30)
    let explained = moved.joined(separator: "\n")
    let verdict = expected[0].split(separator: ":").last!.trimmingCharacters(in: .whitespaces)
    #expect(app.cursorWhy?.lines == expected)
    #expect(explained.contains("why        \(verdict)"), "\(moved)")
    let fitted = try Self.screen(&app, "=", size: Size(width: 120, height: 40))
    let layout = try #require(app.rasterLayout(in: app.rasterPaneArea(screen: Rect(x: 0, y: 0, width: 120, height: 40))))
    #expect(layout.raster.axis.columnsPerTick >= 3)
    #expect(layout.raster.axis.firstTick == 25, "the cycle of the cursor starts at tick 25")
    #expect(fitted.contains { $0.contains("reset") && $0.contains("input") && $0.contains("hidden") })
  }

  /// What the last stop changed is marked: the heatmap's changed cells (counted in its title and
  /// underlined) and the inspector's "was" values; `r` draws a W1 row as the 20×20 image.
  @Test func changesSinceTheLastStopAndTheReceptiveField() throws {
    var app = try Self.app()
    let size = Size(width: 200, height: 60)
    // Window 7 of sample 0 is W1 potentiation; its learning lands in the next tick.
    _ = try Self.screen(&app, ":until tick 20\n:weights w1\n", size: size)
    let lines = try Self.screen(&app, ":step\n", size: size)
    let w1 = try #require(app.session.connectionGroup(named: "w1"))
    let changed = app.session.changedSinceLastStop(group: w1)
    #expect(!changed.isEmpty, "the W1 potentiation tick changes weights")
    #expect(lines.contains { $0.contains("\(changed.count) changed since the last stop") })
    let field = try Self.screen(&app, "r", size: size)
    #expect(app.weightsPane.showsField)
    #expect(field.contains { $0.contains("w1 field of h=0 (x as 20×20)") })
    let inspector = try Self.screen(&app, ":select h1[0]\n\t\t:step\n", size: size)
    #expect(inspector.contains { $0.contains("(was ") }, "u or v of h1[0] changed in that tick")
  }
}
