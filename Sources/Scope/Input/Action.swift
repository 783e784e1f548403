/// What a key does: a typed action, handled by a switch in the app (no command strings to
/// misspell). Its `name` is what the help overlay shows.
package enum Action: Hashable, Sendable, CustomStringConvertible {
  package enum Direction: String, Hashable, Sendable { case up, down, left, right }

  /// Run in the background until a breakpoint, or pause a run in progress.
  case toggleRun
  /// A debugger command line sent as is (`step`, `next`, `cycle`, `continue`).
  case debugger(String)
  /// Set or delete a breakpoint on the gate or neuron under the cursor.
  case toggleBreakpoint
  case commandLine
  case help
  /// Close the help or cancel the command line or a run.
  case cancel
  case quit
  case cursor(Direction)
  /// Time zoom of every raster (weights pane: the heatmap's factor).
  case zoom(in: Bool)
  /// Neurons per dot row of the selected band: finer or coarser.
  case zoomBand(finer: Bool)
  /// Spread one gating cycle across the raster width (again: back to the zoom).
  case fitCycle
  /// Draw the focused pane over the whole body (again: back).
  case maximize
  /// Scroll the log by this many lines (positive: back in time).
  case scrollLog(Int)
  /// Move the heatmap cursor to the next synapse changed in this cycle.
  case nextChange
  /// Show the cursor row's weights in the shape of the input image (a hidden unit's receptive
  /// field in W1); again: back to the matrix.
  case receptiveField
  case focusPane(next: Bool)
  /// Move the time cursor by this many cycles.
  case scrub(Int64)

  package var name: String {
    switch self {
    case .toggleRun: "toggle-run"
    case .debugger(let line): line
    case .toggleBreakpoint: "toggle-break"
    case .commandLine: "command-line"
    case .help: "help"
    case .cancel: "cancel"
    case .quit: "quit"
    case .cursor(let direction): "cursor \(direction.rawValue)"
    case .zoom(let zoomIn): zoomIn ? "zoom in" : "zoom out"
    case .zoomBand(let finer): finer ? "band finer" : "band coarser"
    case .fitCycle: "fit cycle"
    case .maximize: "maximize"
    case .scrollLog(let lines): lines > 0 ? "log back" : "log forward"
    case .nextChange: "next change"
    case .receptiveField: "receptive field"
    case .focusPane(let next): next ? "pane next" : "pane previous"
    case .scrub(let ticks): ticks < 0 ? "scrub \(ticks)" : "scrub +\(ticks)"
    }
  }

  package var description: String { name }
}
