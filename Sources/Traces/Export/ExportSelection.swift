/// What to export: a tick window and some populations (by index, in metadata order).
package struct ExportSelection: Sendable {
  package var ticks: Range<Int64>
  package var populations: [Int]

  package init(ticks: Range<Int64>, populations: [Int]) {
    self.ticks = ticks
    self.populations = populations
  }

  /// Everything in `reader`.
  package static func all(of reader: TraceReader) -> ExportSelection {
    ExportSelection(ticks: reader.tickRange, populations: Array(reader.metadata.populations.indices))
  }
}
