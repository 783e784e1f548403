/// One fact recorded at a tick as the run goes: which sample a cycle carries, or a note.
package struct TraceMarker: Hashable, Sendable {
  package enum Event: Hashable, Sendable {
    /// Cycle `cycle` (the driver's slot) carries training sample `index` (in data set order) of
    /// epoch `epoch` (from 1), whose class is `label`.
    case sample(cycle: Int, epoch: Int, index: Int, label: Int)
    /// Free text (a bookmark, an epoch boundary, …).
    case note(String)
  }

  /// The tick the marker refers to (for a sample: window 0 of its cycle).
  package var tick: Int64
  package var event: Event

  package init(tick: Int64, _ event: Event) {
    self.tick = tick
    self.event = event
  }
}
