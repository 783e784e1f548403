import ArgumentParser
import Foundation
import Traces

extension NBPScopeCommand {
  /// `nbpscope trace …`: inspect and mend native trace files.
  struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Inspect and repair trace files (.nbpt).", subcommands: [TraceInfo.self, TraceRepairCommand.self])
  }

  /// `nbpscope trace info FILE`.
  struct TraceInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "info",
      abstract: "Populations, ticks, cycles, spike counts, snapshots and size of a trace; checks every checksum.",
      discussion: "Exits with 1 (after the report) if any chunk is damaged; each damaged chunk is one line on stderr.")

    @Argument(help: ArgumentHelp("The trace file.", valueName: "FILE")) var file: String
    @OptionGroup var damage: DamageOptions

    func run() throws {
      let reader = try openTrace(file, damage: damage)
      let summary = reader.verify()
      let metadata = reader.metadata
      print("file:        \(file) (\(reader.fileSize) bytes)")
      print("written by:  \(metadata.tool); source \(metadata.source), seed \(metadata.seed)")
      if let dataset = metadata.dataset {
        print("dataset:     \(dataset)\(metadata.sampleCount.map { ", \($0) training samples" } ?? "")")
      }
      let range = reader.tickRange
      print("ticks:       \(range.lowerBound)..<\(range.upperBound) (\(range.count) ticks)")
      if metadata.ticksPerCycle > 0 {
        let n = Int64(metadata.ticksPerCycle)
        let origin = metadata.cycleOrigin
        let cycles = range.upperBound > origin ? (range.upperBound - origin + n - 1) / n : 0
        print(
          "cycles:      \(cycles) (\(n) ticks each, window 0 at tick \(origin) + \(n)k); "
            + "\(summary.sampleMarkerCount) sample markers")
      }
      if let recovery = reader.recovery {
        var line = "index:       rebuilt by scanning (\(recovery.reason))"
        if let from = recovery.ignoredFrom {
          line += "; \(reader.fileSize - from) bytes ignored from byte \(from)"
        }
        if !recovery.damaged.isEmpty {
          line += "; \(recovery.damagedBytes) unreadable bytes read around (--allow-damage)"
        }
        print(line + "; 'nbpscope trace repair' writes a new index")
      } else {
        print("index:       \(reader.chunks.count) chunks")
      }
      let snapshots = reader.snapshotTicks
      let shown = snapshots.prefix(8).map(String.init).joined(separator: ", ") + (snapshots.count > 8 ? ", …" : "")
      print(
        "chunks:      \(reader.frames.count) frames, \(snapshots.count) snapshot\(snapshots.count == 1 ? "" : "s")"
          + (snapshots.isEmpty ? "" : " (after ticks \(shown))"))
      let total = summary.totalSpikes
      let perSpike = total > 0 ? String(format: "%.3f", Double(reader.fileSize) / Double(total)) : "-"
      print("spikes:      \(total); \(perSpike) bytes per spike (file size / spikes)")
      let nameWidth = max(10, metadata.populations.map(\.name.count).max() ?? 0)
      print("population".padding(nameWidth) + "   size  role      spikes")
      for (p, population) in metadata.populations.enumerated() {
        let count = summary.spikeCounts[p]
        print(
          population.name.padding(nameWidth) + String(population.size).leftPadding(7) + "  "
            + (population.role.isEmpty ? "-" : population.role).padding(8) + String(count).leftPadding(8)
            + (count == 0 ? "  (no spikes)" : ""))
      }
      if summary.problems.isEmpty {
        let checked = reader.chunks.count + 1 + (reader.recovery == nil ? 1 : 0)
        print("checksums:   all \(checked) chunks intact (metadata\(reader.recovery == nil ? ", index" : ""), frames, snapshots)")
      } else {
        print("checksums:   \(summary.problems.count) damaged chunk\(summary.problems.count == 1 ? "" : "s")")
        for problem in summary.problems { log(problem.description) }
        throw ExitCode.failure
      }
    }
  }

  /// `nbpscope trace repair FILE`.
  struct TraceRepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "repair",
      abstract: "Rebuild a trace's index by scanning its chunks (after a killed recording or damage).",
      discussion: """
        Keeps every chunk whose header and checksum are intact, skips damaged ones, cuts a torn \
        end and appends a new index. Only the end of the file changes; repair can be re-run.
        """)

    @Argument(help: ArgumentHelp("The trace file.", valueName: "FILE")) var file: String

    func run() throws {
      let report = try traceStep { () throws(TraceError) in try TraceRepair.repair(path: file) }
      if report.wasIntact {
        print("\(file): intact (\(report.keptChunks) chunks indexed); nothing to repair")
        return
      }
      for line in report.dropped { print("\(file): dropped \(line)") }
      print(
        "\(file): index rebuilt: \(report.keptChunks) chunks kept, \(report.dropped.count) dropped, "
          + "\(report.truncatedBytes) bytes cut from the end")
    }
  }
}

/// Opens a trace, turning failure into one line.
func openTrace(_ path: String, damage: DamageOptions = DamageOptions()) throws -> TraceReader {
  let reader = try traceStep { () throws(TraceError) in try TraceReader(path: path, damage: damage.policy) }
  if let recovery = reader.recovery, !recovery.damaged.isEmpty {
    let ranges = recovery.damaged
    let bytes = recovery.damagedBytes
    let listed = ranges.prefix(4).map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", ")
    log(
      "warning: \(path): \(bytes) unreadable bytes in \(ranges.count) place\(ranges.count == 1 ? "" : "s") "
        + "(\(listed)\(ranges.count > 4 ? ", …" : "")); what they held is missing from this reading; "
        + "'nbpscope trace repair' may recover more")
  }
  return reader
}

/// `--allow-damage`: read a trace around unreadable bytes between its chunks instead of refusing it.
struct DamageOptions: ParsableArguments {
  @Flag(help: "Read a trace with unreadable bytes between chunks around them (with a warning) instead of refusing it.")
  var allowDamage = false

  var policy: TraceReader.DamagePolicy { allowDamage ? .allow : .refuse }
}

extension String {
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
  func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
