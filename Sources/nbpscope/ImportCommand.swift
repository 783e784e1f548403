import ArgumentParser
import Budgets
import Foundation
import NBP
import Traces

extension NBPScopeCommand {
  /// `nbpscope import PATH --out run.nbpt`: npz/npy, CSV or NEST spikes into a native trace.
  struct Import: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case npz, npy, csv, nest
    }

    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Convert spikes from npz/npy, CSV or NEST files into a trace (.nbpt).",
      discussion: """
        npz/npy: one array per population (the member name), any integer, bool or float dtype, \
        either axis order (--axis), C or Fortran order; any non-zero element is a spike. csv: \
        'tick,population,index'. nest: 'sender time_ms' rows; ids map to populations through \
        NAME.ids.csv if present (as 'export --format nest' writes it). What the file does not say \
        is assumed and reported: t0 (the tick of column 0; default 1), the ticks per cycle (from \
        gates g00, g01, … if present), and roles and windows for the nBP circuit's population \
        names. Populations without spikes are kept and listed.
        """)

    @Argument(help: ArgumentHelp("The file to import.", valueName: "PATH")) var path: String
    @Option(help: ArgumentHelp("The trace to write.", valueName: "run.nbpt")) var out: String
    @Option(help: "Input format (default: from the extension or the content).") var format: Format?
    @Option(help: "Axis order of 2-D arrays: neurons-first (the authors' layout) or time-first.")
    var axis: SpikeAxis = .neuronsFirst
    @Option(help: ArgumentHelp("Ticks per gating cycle (default: the file's, or the number of gates).", valueName: "n"))
    var ticksPerCycle: Int?
    @Option(help: ArgumentHelp("The tick of the first column (npz/npy) or of the trace's start (csv, nest).", valueName: "T"))
    var t0: Int64?
    @Option(help: ArgumentHelp("nest: the id map (default: NAME.ids.csv next to the file, if present).", valueName: "MAP.csv"))
    var ids: String?
    @OptionGroup var budgetOptions: BudgetOptions

    func validate() throws {
      if let ticksPerCycle, !(0...TraceLimits.maximumTicksPerCycle).contains(ticksPerCycle) {
        throw ValidationError("--ticks-per-cycle must be in 0...\(TraceLimits.maximumTicksPerCycle).")
      }
      if let t0, !(0...TraceLimits.maximumTick).contains(t0) {
        throw ValidationError("--t0 must be in 0...\(TraceLimits.maximumTick).")
      }
    }

    func run() throws {
      let kind = try format ?? Self.detect(path)
      let budget = try budgetOptions.resolved
      var assumptions: [String] = []
      let imported: ImportedSpikes = try traceStep { () throws(TraceError) in
        switch kind {
        case .npz: return try NumPyImporter.readArchive(path: path, axis: axis, t0: t0, budget: budget)
        case .npy:
          let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
          return try NumPyImporter.readArray(path: path, name: name, axis: axis, t0: t0, budget: budget)
        case .csv: return try CSVImporter.read(path: path)
        case .nest:
          let map = ids ?? Export.sidecar(of: path, extension: "ids.csv").flatMap {
            FileManager.default.fileExists(atPath: $0) ? $0 : nil
          }
          if map == nil { assumptions.append("no id map: every sender is neuron id − 1 of population 'nest'") }
          return try NESTImporter.read(path: path, ids: map)
        }
      }
      let metadata = try metadata(for: imported, kind: kind, assumptions: &assumptions)
      try traceStep { () throws(TraceError) in try imported.write(to: out, metadata: metadata) }
      let range = max(metadata.t0, imported.coveredTicks.lowerBound)..<max(metadata.t0, imported.coveredTicks.upperBound)
      print(
        "imported \(imported.populations.count) populations, \(imported.records.count) spikes, ticks "
          + "\(metadata.t0)..<\(range.upperBound) from \(path) (\(kind.rawValue)\(kind == .npz || kind == .npy ? ", \(axis.rawValue)" : "")) to \(out)")
      for assumption in assumptions { print("assumed: \(assumption)") }
      let silent = imported.silentPopulations
      if !silent.isEmpty { print("no spikes in \(silent.count) population\(silent.count == 1 ? "" : "s") (kept): \(silent.joined(separator: ", "))") }
    }

    /// Metadata for the imported spikes: time base from flags, the file, or the conventions of the
    /// nBP circuit (each assumption noted).
    private func metadata(for imported: ImportedSpikes, kind: Format, assumptions: inout [String]) throws -> TraceMetadata {
      let covered = imported.coveredTicks
      let start: Int64
      if kind == .npz || kind == .npy {
        start = imported.tickRange?.lowerBound ?? 1
        if t0 == nil && imported.ticksPerCycle == nil { assumptions.append("t0 = \(start) (the tick of column 0)") }
      } else if let t0 {
        if let first = imported.records.first, first.tick < t0 {
          throw CommandFailure("\(path): --t0 \(t0) is after the first spike (tick \(first.tick))")
        }
        start = t0
      } else if let declared = imported.tickRange {
        start = declared.lowerBound
      } else {
        start = min(1, covered.lowerBound)
        assumptions.append("t0 = \(start)")
      }
      var populations = imported.populations
      let names = populations.map(\.name)
      let gates = Self.gateNames(names)
      var cycle = ticksPerCycle ?? imported.ticksPerCycle ?? 0
      if ticksPerCycle == nil && imported.ticksPerCycle == nil && !gates.isEmpty {
        cycle = gates.count
        assumptions.append("\(cycle) ticks per cycle (one per gate: \(gates.first!)…\(gates.last!))")
      }
      // Roles, windows and labels for the nBP circuit's names.
      let topology: Topology? =
        switch cycle {
        case 12: Topology.training(input: 1, hidden: 1, output: 1)
        case 4: Topology.inference(input: 1, hidden: 1, output: 1)
        default: nil
        }
      var known = 0
      if let topology {
        for k in populations.indices {
          guard let circuit = topology.population(named: populations[k].name) else { continue }
          let original = populations[k]
          populations[k] = TracePopulation(circuit: circuit)
          populations[k].size = original.size
          if !original.role.isEmpty { populations[k].role = original.role }
          known += 1
        }
        if known > 0 { assumptions.append("roles and windows of the nBP circuit for \(known) known population names") }
      }
      let phaseNames = topology != nil && known > 0 ? topology!.clock.phaseNames : []
      let origin = imported.cycleOrigin ?? (cycle > 0 ? Int64(cycle + 1) : 0)
      if cycle > 0 && imported.cycleOrigin == nil { assumptions.append("window 0 at tick \(origin) + \(cycle)k (as the nBP circuit)") }
      return TraceMetadata(
        tool: "nbpscope \(NBPScopeCommand.configuration.version)", source: "import", t0: start, ticksPerCycle: cycle,
        cycleOrigin: origin, phaseNames: phaseNames,
        gateNames: gates.filter { name in populations.contains { $0.name == name } },
        populations: populations,
        properties: ["imported": path, "format": kind.rawValue, "axis": axis.rawValue])
    }

    /// `g00`, `g01`, … when they form a contiguous run from g00.
    static func gateNames(_ names: [String]) -> [String] {
      let gates = names.filter { $0.count == 3 && $0.hasPrefix("g") && $0.dropFirst().allSatisfy(\.isNumber) }.sorted()
      for (k, gate) in gates.enumerated() where gate != CycleClock.gateName(ofWindow: k) { return [] }
      return gates
    }

    /// The format by extension, then by content.
    static func detect(_ path: String) throws -> Format {
      switch URL(fileURLWithPath: path).pathExtension.lowercased() {
      case "npz": return .npz
      case "npy": return .npy
      case "csv": return .csv
      case "dat", "gdf": return .nest
      default: break
      }
      guard let handle = FileHandle(forReadingAtPath: path) else { throw CommandFailure("\(path): cannot read the file") }
      defer { try? handle.close() }
      let head = [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
      if head.starts(with: [0x50, 0x4B]) { return .npz }
      if head.starts(with: [0x93] + Array("NUMPY".utf8)) { return .npy }
      let text = String(decoding: head, as: UTF8.self)
      if text.hasPrefix("# NEST") || text.hasPrefix("sender") { return .nest }
      if text.contains(",") { return .csv }
      throw CommandFailure("\(path): cannot tell the format (give --format npz, npy, csv or nest)")
    }
  }
}

extension SpikeAxis: ExpressibleByArgument {}
