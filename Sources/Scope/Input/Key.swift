/// A key press or terminal event, as the backends report it.
package enum Key: Hashable, Sendable {
  /// A printable character (space included).
  case character(Character)
  /// Ctrl plus a letter, reported as the lowercase letter (`control("l")` is Ctrl-L).
  case control(Character)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Enter or Return.
  case enter
  /// Escape.
  case escape
  /// Backspace.
  case backspace
  /// Delete (forward).
  case delete
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Home.
  case home
  /// End.
  case end
  /// Page Up.
  case pageUp
  /// Page Down.
  case pageDown
  /// A function key, F1 is `function(1)`.
  case function(Int)
  /// The terminal changed size; read the backend's size again.
  case resize
  /// SIGINT or SIGTERM arrived (e.g. Ctrl-C); the app should stop or quit.
  case interrupt

  /// The name shown in the key footer and the help overlay, e.g. `Space`, `↑`, `F1`, `^L`.
  package var displayName: String {
    switch self {
    case .character(" "): "Space"
    case .character(let c): String(c)
    case .control(let c): "^" + String(c).uppercased()
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .enter: "Enter"
    case .escape: "Esc"
    case .backspace: "Bksp"
    case .delete: "Del"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .home: "Home"
    case .end: "End"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .function(let n): "F\(n)"
    case .resize: "resize"
    case .interrupt: "^C"
    }
  }
}
