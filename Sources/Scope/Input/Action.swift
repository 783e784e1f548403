/// What a key does: a typed action, handled by a switch in the app (no command strings to
/// misspell). Its `name` is what the help overlay shows.
public enum Action: Hashable, Sendable, CustomStringConvertible {
  public enum Direction: String, Hashable, Sendable { case up, down, left, right }

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
  case zoom(in: Bool)
  case focusPane(next: Bool)
  /// Move the view by this many ticks through the history (replay: the position itself).
  case scrub(Int64)

  public var name: String {
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
    case .focusPane(let next): next ? "pane next" : "pane previous"
    case .scrub(let ticks): ticks < 0 ? "scrub \(ticks)" : "scrub +\(ticks)"
    }
  }

  public var description: String { name }
}
