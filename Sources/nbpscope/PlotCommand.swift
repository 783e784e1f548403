import Files
import ArgumentParser
import Debugger
import Figures
import Foundation

extension NBPScopeCommand {
  /// `nbpscope plot raster|training`: SVG figures.
  struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw figures as SVG: the annotated raster of a stretch of ticks, or test accuracy per epoch.",
      subcommands: [Raster.self, Training.self])

    struct Raster: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "The raster of ticks FROM..<TO as SVG, like the paper's figure.",
        discussion: """
          Populations on the y axis grouped gates / forward / backward, time on x with the window \
          names of the time model above, one colour per role. Live runs (the nBP circuit, or \
          --net NET.json) are run up to --to; a recording (--trace) is read.
          """)

      @OptionGroup var circuit: CircuitOptions
      @OptionGroup var source: SourceOptions
      @Option(help: ArgumentHelp("First tick drawn.", valueName: "T")) var from: Int64
      @Option(help: ArgumentHelp("Tick after the last one drawn (exclusive).", valueName: "T")) var to: Int64
      @Option(help: ArgumentHelp("The SVG file to write.", valueName: "FIG.svg")) var out: String

      func validate() throws {
        guard from >= 1 else { throw ValidationError("--from must be at least 1 (the first tick).") }
        guard to > from else { throw ValidationError("--to must be after --from.") }
        guard to - from <= 20_000 else { throw ValidationError("at most 20000 ticks fit a figure (got \(to - from)).") }
      }

      func run() throws {
        var live = try source.source(live: circuit)
        let groups = Session(source: live).displayGroups
        let count = Int(to - from)
        var spikes: [Int: [[Int32]]] = [:]
        for p in groups.flatMap(\.populations) { spikes[p] = Array(repeating: [], count: count) }
        if live.isLive {
          // A live chip keeps only recent ticks: collect each tick as it runs.
          while live.tick < to - 1 {
            guard try live.step() else { break }
            let tick = live.tick
            guard tick >= from else { continue }
            for p in spikes.keys { spikes[p]![Int(tick - from)] = live.spikes(of: p).map(Int32.init) }
          }
        } else {
          for p in spikes.keys { spikes[p] = live.spikes(of: p, ticks: from...(to - 1)) }
        }
        let populations = live.populations
        let figure = RasterFigure(
          title: "ticks \(from)–\(to - 1)" + (source.trace.map { " · \($0)" } ?? source.net.map { " · \($0)" } ?? " · live nBP circuit"),
          groups: groups.map { group in
            (group.name, group.populations.map { p in
              RasterFigure.Band(name: populations[p].name, role: populations[p].role, size: populations[p].size, spikes: spikes[p]!)
            })
          },
          firstTick: from, tickCount: count, cycle: live.timeModel.cycle)
        try writeFigure(figure.svg, to: out)
      }
    }

    struct Training: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Test accuracy per epoch from a 'nbpscope train' log, as SVG.")

      @Argument(help: ArgumentHelp("What 'nbpscope train' printed.", valueName: "LOG")) var log: String
      @Option(help: ArgumentHelp("The SVG file to write.", valueName: "FIG.svg")) var out: String

      func run() throws {
        let text = String(decoding: try readInput(log), as: UTF8.self)
        let epochs = TrainingFigure.epochs(inLog: text)
        guard !epochs.isEmpty else {
          throw CommandFailure("\(log): no epoch lines ('epoch N/M: … test: exact X argmax Y top1 Z …') found")
        }
        try writeFigure(TrainingFigure(title: "test accuracy · \(log)", epochs: epochs).svg, to: out)
      }
    }
  }
}

/// Writes a figure through the one output path (temporary file, then rename).
private func writeFigure(_ svg: String, to path: String) throws {
  let output = try AtomicOutput(path: path)
  try output.write(Array(svg.utf8))
  try output.commit()
}
