import Budgets
import Suggestions
import Files
import ArgumentParser
import Foundation
import Loihi
import NumPy
import Traces

extension NBPScopeCommand {
  /// `nbpscope export FILE --format … --out PATH`: a trace window as npz, CSV, VCD or NEST.
  struct Export: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case npz, csv, vcd, nest
    }

    static let configuration = CommandConfiguration(
      abstract: "Export a trace (or a window of it) as npz, CSV, VCD or NEST spike data.",
      discussion: """
        npz: one dense (neurons × ticks) array per population, named as the population, as the \
        authors' spikes_*.npz, plus '_meta' = [t0, ticks per cycle]. csv: 'tick,population,index' \
        (comment lines keep population sizes and the tick window). nest: 'sender<TAB>time_ms', one \
        global id per neuron; the id map goes to a sidecar NAME.ids.csv. vcd: a 'gating' scope \
        (gate wires and the phase name) and one scope per population (a wire per neuron, or a \
        spike count with --summary); also writes NAME.gtkw for GTKWave. Files appear only when \
        complete.
        """)

    @Argument(help: ArgumentHelp("The trace file.", valueName: "FILE")) var file: String
    @Option(help: "Output format: npz, csv, vcd or nest.") var format: Format
    @Option(help: ArgumentHelp("Where to write (csv, vcd, nest: '-' for stdout).", valueName: "PATH")) var out: String
    @Option(help: ArgumentHelp("First tick to export (default: the first recorded).", valueName: "T")) var from: Int64?
    @Option(help: ArgumentHelp("Stop before this tick (default: after the last recorded).", valueName: "T")) var to: Int64?
    @Option(help: ArgumentHelp("Only these populations, comma-separated (default: all).", valueName: "a,b"))
    var populations: String?
    @Flag(help: "vcd: one spike-count vector per population instead of a wire per neuron.") var summary = false
    @Option(help: ArgumentHelp("vcd: what one tick is (1, 10 or 100 of s, ms, us, ns, ps, fs).", valueName: "1us"))
    var timescale = "1us"
    @Option(help: ArgumentHelp("npz: element type f8 (as the authors), u1 or b1.", valueName: "f8"))
    var dtype = "f8"
    @OptionGroup var damage: DamageOptions
    @OptionGroup var budgetOptions: BudgetOptions

    func validate() throws {
      if let from, let to, from >= to { throw ValidationError("--from must be before --to.") }
      guard VCDExporter.Timescale(timescale) != nil else {
        throw ValidationError("--timescale '\(timescale)' is not a VCD timescale (1, 10 or 100 of s, ms, us, ns, ps, fs).")
      }
      guard NpzExporter.ElementType(rawValue: dtype) != nil else {
        throw ValidationError("--dtype must be f8, u1 or b1.")
      }
      if format == .npz && out == "-" { throw ValidationError("npz cannot go to stdout; give a file with --out.") }
    }

    func run() throws {
      let reader = try openTrace(file, damage: damage)
      let selection = try select(reader)
      let budget = try budgetOptions.resolved
      switch format {
      case .csv:
        try writeText(to: out, budget: budget) { sink in try CSVExporter.write(reader, selection: selection, to: sink) }
      case .nest:
        let idMap = Self.sidecar(of: out, extension: "ids.csv")
        try writeText(to: out, budget: budget) { sink in
          try NESTExporter.write(reader, selection: selection, idMapName: idMap.map(Self.lastComponent) ?? "-", to: sink)
        }
        if let idMap { try writeText(to: idMap, budget: budget) { try $0(Array(NESTExporter.idMap(reader, selection: selection).utf8)) } }
      case .vcd:
        let scale = VCDExporter.Timescale(timescale)!
        do {
          try budget.check(.exportBytes, VCDExporter.minimumBytes(reader, selection: selection))
        } catch {
          throw CommandFailure("\(file): the VCD of ticks \(selection.ticks) \(error); export a window with --from/--to")
        }
        try writeText(to: out, budget: budget) { sink in
          try VCDExporter.write(reader, selection: selection, summary: summary, timescale: scale, to: sink)
        }
        if let save = Self.sidecar(of: out, extension: "gtkw") {
          let vcdPath = URL(fileURLWithPath: out).standardizedFileURL.path
          let text = VCDExporter.gtkwSaveFile(reader, selection: selection, summary: summary, vcdPath: vcdPath)
          try writeText(to: save, budget: budget) { try $0(Array(text.utf8)) }
        }
      case .npz:
        let element = NpzExporter.ElementType(rawValue: dtype)!
        // The archive is built in memory, so its members count against the npz budget.
        do {
          try budget.check(.npzBytes, Int64(NpzExporter.arrayBytes(reader, selection: selection, element: element)))
        } catch {
          throw CommandFailure(
            "\(file): the npz \(error); export a window with --from/--to, fewer --populations, or --dtype u1")
        }
        let archive = try traceStep { () throws(TraceError) in try readBlocks { try NpzExporter.archive(reader, selection: selection, element: element) } }
        do {
          try archive.write(to: out)
        } catch {
          throw CommandFailure(error.description)
        }
      }
    }

    /// The tick window and populations asked for.
    private func select(_ reader: TraceReader) throws -> ExportSelection {
      let range = reader.tickRange
      let lower = from ?? range.lowerBound
      let upper = to ?? max(range.upperBound, lower)
      guard lower < upper || (from == nil && to == nil) else {
        throw CommandFailure("\(file): the window \(lower)..<\(upper) is empty (the trace covers \(range.lowerBound)..<\(range.upperBound))")
      }
      var indices = Array(reader.metadata.populations.indices)
      if let populations {
        let names = reader.metadata.populations.map(\.name)
        indices = try populations.split(separator: ",").map { part in
          let name = String(part)
          guard let index = reader.metadata.populationIndex(named: name) else {
            let hint = closestName(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandFailure("\(file): no population '\(name)'\(hint)")
          }
          return index
        }
        guard !indices.isEmpty else { throw CommandFailure("--populations names no population") }
      }
      return ExportSelection(ticks: lower..<upper, populations: indices)
    }

    /// Writes through a temporary file renamed into place when complete (or to stdout for '-'),
    /// stopping (and leaving nothing) once the output passes the export budget.
    private func writeText(
      to path: String, budget: ResourceBudget, _ body: (@escaping ([UInt8]) throws -> Void) throws -> Void
    ) throws {
      let output = try AtomicOutput(path: path)
      let written = Counter()
      do {
        try body { bytes in
          written.value += Int64(bytes.count)
          try budget.check(.exportBytes, written.value)
          try output.write(bytes)
        }
      } catch let error as TraceError {
        throw CommandFailure(error.description)
      } catch let error as BudgetExceeded {
        throw CommandFailure("\(path): the export \(error); nothing was written")
      }
      try output.commit()
    }

    /// A running total the sink closure updates.
    private final class Counter {
      var value: Int64 = 0
    }

    /// `run.vcd` → `run.gtkw`; nil for stdout.
    static func sidecar(of path: String, extension ext: String) -> String? {
      guard path != "-" else { return nil }
      let url = URL(fileURLWithPath: path)
      let base = url.pathExtension.isEmpty ? url : url.deletingPathExtension()
      return path.hasPrefix("/") || path.contains("/")
        ? base.appendingPathExtension(ext).path
        : base.lastPathComponent + "." + ext
    }

    static func lastComponent(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
  }
}

/// Runs a block that reads trace chunks and may throw anything; trace errors keep their type.
func readBlocks<T>(_ body: () throws -> T) throws(TraceError) -> T {
  do {
    return try body()
  } catch let error as TraceError {
    throw error
  } catch {
    throw TraceError(file: "", position: .wholeFile, expected: "a readable trace", found: "\(error)")
  }
}
