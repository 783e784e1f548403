/// What to export: a tick window and some populations (by index, in metadata order).
public struct ExportSelection: Sendable {
  public var ticks: Range<Int64>
  public var populations: [Int]

  public init(ticks: Range<Int64>, populations: [Int]) {
    self.ticks = ticks
    self.populations = populations
  }

  /// Everything in `reader`.
  public static func all(of reader: TraceReader) -> ExportSelection {
    ExportSelection(ticks: reader.tickRange, populations: Array(reader.metadata.populations.indices))
  }
}
