/// One key and the action it performs.
public struct KeyBinding: Hashable, Sendable {
  /// The key.
  public var key: Key
  /// What the key does.
  public var action: Action
  /// One line for the help overlay.
  public var help: String
  /// A short label for the key footer, or `nil` to leave the binding out of the footer.
  public var footer: String?

  /// Creates a binding.
  public init(key: Key, action: Action, help: String, footer: String? = nil) {
    self.key = key
    self.action = action
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

  /// The action of `key`, or `nil` if it is unbound.
  public func action(for key: Key) -> Action? {
    bindings.first { $0.key == key }?.action
  }

  /// The keys bound to `action`, in table order.
  public func keys(for action: Action) -> [Key] {
    bindings.filter { $0.action == action }.map(\.key)
  }

  /// The bindings grouped by action, in order of first appearance: one help line per action,
  /// listing all its keys.
  public var groupedByAction: [(keys: [Key], action: Action, help: String)] {
    var order: [Action] = []
    var groups: [Action: (keys: [Key], help: String)] = [:]
    for binding in bindings {
      if groups[binding.action] == nil {
        order.append(binding.action)
        groups[binding.action] = ([], binding.help)
      }
      groups[binding.action]?.keys.append(binding.key)
    }
    return order.compactMap { action in groups[action].map { ($0.keys, action, $0.help) } }
  }

  /// One hint in the key footer.
  public struct FooterEntry: Hashable, Sendable {
    /// The key names, `/`-separated when neighbouring bindings share the label (`+/-`).
    public var keys: String
    /// The short label.
    public var label: String
    /// The action of the first binding in the entry.
    public var action: Action
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
        entries.append(FooterEntry(keys: binding.key.displayName, label: label, action: binding.action))
      }
      previousLabel = label
    }
    return entries
  }

  /// The default bindings: single keys for frequent verbs, vim and arrow movement, `?` for help.
  public static let `default` = KeyMap(bindings: [
    KeyBinding(key: .character(" "), action: .toggleRun, help: "run or pause", footer: "run/pause"),
    KeyBinding(key: .character("s"), action: .debugger("step"), help: "advance one tick", footer: "step"),
    KeyBinding(key: .character("n"), action: .debugger("next"), help: "run to the next gating window", footer: "next"),
    KeyBinding(key: .character("c"), action: .debugger("continue"), help: "run until a breakpoint", footer: "cont"),
    KeyBinding(key: .character("f"), action: .debugger("cycle"), help: "finish the learning cycle", footer: "cycle"),
    KeyBinding(
      key: .character("b"), action: .toggleBreakpoint, help: "toggle a breakpoint at the cursor",
      footer: "break"),
    KeyBinding(
      key: .character(":"), action: .commandLine, help: "type a debugger command", footer: "cmd"),
    KeyBinding(key: .left, action: .cursor(.left), help: "move the cursor left"),
    KeyBinding(key: .character("h"), action: .cursor(.left), help: "move the cursor left"),
    KeyBinding(key: .down, action: .cursor(.down), help: "move the cursor down"),
    KeyBinding(key: .character("j"), action: .cursor(.down), help: "move the cursor down"),
    KeyBinding(key: .up, action: .cursor(.up), help: "move the cursor up"),
    KeyBinding(key: .character("k"), action: .cursor(.up), help: "move the cursor up"),
    KeyBinding(key: .right, action: .cursor(.right), help: "move the cursor right"),
    KeyBinding(key: .character("l"), action: .cursor(.right), help: "move the cursor right"),
    KeyBinding(key: .character("+"), action: .zoom(in: true), help: "zoom in", footer: "zoom"),
    KeyBinding(key: .character("-"), action: .zoom(in: false), help: "zoom out", footer: "zoom"),
    KeyBinding(key: .tab, action: .focusPane(next: true), help: "focus the next pane", footer: "pane"),
    KeyBinding(key: .backTab, action: .focusPane(next: false), help: "focus the previous pane"),
    KeyBinding(key: .character("["), action: .scrub(-1), help: "scrub back one tick", footer: "scrub"),
    KeyBinding(key: .character("]"), action: .scrub(1), help: "scrub forward one tick", footer: "scrub"),
    KeyBinding(key: .character("?"), action: .help, help: "show this help", footer: "help"),
    KeyBinding(key: .function(1), action: .help, help: "show this help"),
    KeyBinding(key: .escape, action: .cancel, help: "close the help or cancel the command line"),
    KeyBinding(key: .character("q"), action: .quit, help: "quit", footer: "quit"),
  ])
}
