/// One key and the debugger command it sends.
public struct KeyBinding: Hashable, Sendable {
  /// The key.
  public var key: Key
  /// The command text, as typed at the `:` prompt (`step`, `cursor left`, `zoom in`, …).
  public var command: String
  /// One line for the help overlay.
  public var help: String
  /// A short label for the key footer, or `nil` to leave the binding out of the footer.
  public var footer: String?

  /// Creates a binding.
  public init(key: Key, command: String, help: String, footer: String? = nil) {
    self.key = key
    self.command = command
    self.help = help
    self.footer = footer
  }
}

/// The table of key bindings: the single source for key handling, the footer and the help overlay.
public struct KeyMap: Hashable, Sendable {
  /// The bindings in display order; for a key bound twice, the first binding wins.
  public var bindings: [KeyBinding]

  /// Creates a key map.
  public init(bindings: [KeyBinding]) {
    self.bindings = bindings
  }

  /// The command `key` sends, or `nil` if it is unbound.
  public func command(for key: Key) -> String? {
    bindings.first { $0.key == key }?.command
  }

  /// The keys bound to `command`, in table order.
  public func keys(for command: String) -> [Key] {
    bindings.filter { $0.command == command }.map(\.key)
  }

  /// The bindings grouped by command, in order of first appearance: one help line per command,
  /// listing all its keys.
  public var groupedByCommand: [(keys: [Key], command: String, help: String)] {
    var order: [String] = []
    var groups: [String: (keys: [Key], help: String)] = [:]
    for binding in bindings {
      if groups[binding.command] == nil {
        order.append(binding.command)
        groups[binding.command] = ([], binding.help)
      }
      groups[binding.command]?.keys.append(binding.key)
    }
    return order.compactMap { command in groups[command].map { ($0.keys, command, $0.help) } }
  }

  /// One hint in the key footer.
  public struct FooterEntry: Hashable, Sendable {
    /// The key names, `/`-separated when neighbouring bindings share the label (`+/-`).
    public var keys: String
    /// The short label.
    public var label: String
    /// The command of the first binding in the entry.
    public var command: String
  }

  /// The footer entries: bindings with a footer label, neighbours with the same label merged
  /// (`+` and `-`, both "zoom", become `+/-` "zoom").
  public var footerEntries: [FooterEntry] {
    var entries: [FooterEntry] = []
    var previousLabel: String?
    for binding in bindings {
      guard let label = binding.footer else {
        previousLabel = nil
        continue
      }
      if label == previousLabel, let last = entries.indices.last {
        entries[last].keys += "/" + binding.key.displayName
      } else {
        entries.append(FooterEntry(keys: binding.key.displayName, label: label, command: binding.command))
      }
      previousLabel = label
    }
    return entries
  }

  /// The command that opens the `:` prompt; the app handles it itself.
  public static let commandLineCommand = "command-line"
  /// The command that opens the help overlay.
  public static let helpCommand = "help"
  /// The command that closes an overlay or cancels the prompt.
  public static let cancelCommand = "cancel"

  /// The default bindings: single keys for frequent verbs, vim and arrow movement, `?` for help.
  public static let `default` = KeyMap(bindings: [
    KeyBinding(key: .character(" "), command: "toggle-run", help: "run or pause", footer: "run/pause"),
    KeyBinding(key: .character("s"), command: "step", help: "advance one tick", footer: "step"),
    KeyBinding(key: .character("n"), command: "next", help: "run to the next gating window", footer: "next"),
    KeyBinding(key: .character("c"), command: "continue", help: "run until a breakpoint", footer: "cont"),
    KeyBinding(key: .character("f"), command: "cycle", help: "finish the learning cycle", footer: "cycle"),
    KeyBinding(
      key: .character("b"), command: "toggle-break", help: "toggle a breakpoint at the cursor",
      footer: "break"),
    KeyBinding(
      key: .character(":"), command: commandLineCommand, help: "type a debugger command", footer: "cmd"),
    KeyBinding(key: .left, command: "cursor left", help: "move the cursor left"),
    KeyBinding(key: .character("h"), command: "cursor left", help: "move the cursor left"),
    KeyBinding(key: .down, command: "cursor down", help: "move the cursor down"),
    KeyBinding(key: .character("j"), command: "cursor down", help: "move the cursor down"),
    KeyBinding(key: .up, command: "cursor up", help: "move the cursor up"),
    KeyBinding(key: .character("k"), command: "cursor up", help: "move the cursor up"),
    KeyBinding(key: .right, command: "cursor right", help: "move the cursor right"),
    KeyBinding(key: .character("l"), command: "cursor right", help: "move the cursor right"),
    KeyBinding(key: .character("+"), command: "zoom in", help: "zoom in", footer: "zoom"),
    KeyBinding(key: .character("-"), command: "zoom out", help: "zoom out", footer: "zoom"),
    KeyBinding(key: .tab, command: "pane next", help: "focus the next pane", footer: "pane"),
    KeyBinding(key: .backTab, command: "pane previous", help: "focus the previous pane"),
    KeyBinding(key: .character("["), command: "scrub -1", help: "scrub back one tick", footer: "scrub"),
    KeyBinding(key: .character("]"), command: "scrub +1", help: "scrub forward one tick", footer: "scrub"),
    KeyBinding(key: .character("?"), command: helpCommand, help: "show this help", footer: "help"),
    KeyBinding(key: .function(1), command: helpCommand, help: "show this help"),
    KeyBinding(key: .escape, command: cancelCommand, help: "close the help or cancel the command line"),
    KeyBinding(key: .character("q"), command: "quit", help: "quit", footer: "quit"),
  ])
}
