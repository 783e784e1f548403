/// One key and the action it performs.
package struct KeyBinding: Hashable, Sendable {
  /// The key.
  package var key: Key
  /// What the key does.
  package var action: Action
  /// One line for the help overlay.
  package var help: String
  /// A short label for the key footer, or `nil` to leave the binding out of the footer.
  package var footer: String?

  /// Creates a binding.
  package init(key: Key, action: Action, help: String, footer: String? = nil) {
    self.key = key
    self.action = action
    self.help = help
    self.footer = footer
  }
}

/// The table of key bindings: the single source for key handling, the footer and the help overlay.
package struct KeyMap: Hashable, Sendable {
  /// The bindings in display order; for a key bound twice, the first binding wins.
  package var bindings: [KeyBinding]

  /// Creates a key map.
  package init(bindings: [KeyBinding]) {
    self.bindings = bindings
  }

  /// The action of `key`, or `nil` if it is unbound.
  package func action(for key: Key) -> Action? {
    bindings.first { $0.key == key }?.action
  }

  /// The keys bound to `action`, in table order.
  package func keys(for action: Action) -> [Key] {
    bindings.filter { $0.action == action }.map(\.key)
  }

  /// The bindings grouped by action, in order of first appearance: one help line per action,
  /// listing all its keys.
  package var groupedByAction: [(keys: [Key], action: Action, help: String)] {
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
  package struct FooterEntry: Hashable, Sendable {
    /// The key names, `/`-separated when neighbouring bindings share the label (`+/-`).
    package var keys: String
    /// The short label.
    package var label: String
    /// The action of the first binding in the entry.
    package var action: Action
  }

  /// The footer entries: bindings with a footer label, neighbours with the same label merged
  /// (`+` and `-`, both "zoom", become `+/-` "zoom").
  package var footerEntries: [FooterEntry] {
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
  package static let `default` = KeyMap(bindings: [
    KeyBinding(key: .character(" "), action: .toggleRun, help: "run or pause", footer: "run/pause"),
    KeyBinding(key: .character("s"), action: .debugger("step"), help: "advance one tick", footer: "step"),
    KeyBinding(key: .character("n"), action: .debugger("next"), help: "run to the next gating window", footer: "next"),
    KeyBinding(key: .character("c"), action: .debugger("continue"), help: "run until a breakpoint", footer: "cont"),
    KeyBinding(key: .character("f"), action: .debugger("cycle"), help: "finish the learning cycle", footer: "cycle"),
    // Shifted, the same moves run backwards.
    KeyBinding(key: .character("S"), action: .debugger("reverse-step"), help: "go back one tick", footer: "back"),
    KeyBinding(key: .character("N"), action: .debugger("reverse-next"), help: "go back to the previous gating window", footer: "back"),
    KeyBinding(key: .character("C"), action: .debugger("reverse-continue"), help: "go back to the previous breakpoint hit", footer: "back"),
    KeyBinding(key: .character("F"), action: .debugger("reverse-cycle"), help: "go back to the end of the previous cycle", footer: "back"),
    KeyBinding(
      key: .character("b"), action: .toggleBreakpoint, help: "toggle a breakpoint at the cursor",
      footer: "break"),
    KeyBinding(
      key: .character(":"), action: .commandLine, help: "type a debugger command", footer: "cmd"),
    KeyBinding(key: .left, action: .cursor(.left), help: "move the cursor left (rasters: the time cursor)"),
    KeyBinding(key: .character("h"), action: .cursor(.left), help: "move the cursor left (rasters: the time cursor)"),
    KeyBinding(key: .down, action: .cursor(.down), help: "move the cursor down"),
    KeyBinding(key: .character("j"), action: .cursor(.down), help: "move the cursor down"),
    KeyBinding(key: .up, action: .cursor(.up), help: "move the cursor up"),
    KeyBinding(key: .character("k"), action: .cursor(.up), help: "move the cursor up"),
    KeyBinding(key: .right, action: .cursor(.right), help: "move the cursor right (rasters: the time cursor)"),
    KeyBinding(key: .character("l"), action: .cursor(.right), help: "move the cursor right (rasters: the time cursor)"),
    KeyBinding(key: .character("+"), action: .zoom(in: true), help: "zoom time in (weights: the heatmap)", footer: "zoom"),
    KeyBinding(key: .character("-"), action: .zoom(in: false), help: "zoom time out (weights: the heatmap)", footer: "zoom"),
    KeyBinding(key: .character("="), action: .fitCycle, help: "fit one gating cycle to the width (again: back)", footer: "fit"),
    KeyBinding(key: .character("{"), action: .zoomBand(finer: true), help: "fewer neurons per dot in the selected band"),
    KeyBinding(key: .character("}"), action: .zoomBand(finer: false), help: "more neurons per dot in the selected band"),
    KeyBinding(key: .character("z"), action: .maximize, help: "maximize the focused pane (again: back)", footer: "max"),
    KeyBinding(key: .character("x"), action: .nextChange, help: "move the heatmap cursor to the next weight changed this cycle"),
    KeyBinding(key: .character("r"), action: .receptiveField, help: "draw the cursor row's weights as an image (W1: a hidden unit's receptive field)"),
    KeyBinding(key: .pageUp, action: .scrollLog(5), help: "scroll the log back"),
    KeyBinding(key: .pageDown, action: .scrollLog(-5), help: "scroll the log forward"),
    KeyBinding(key: .tab, action: .focusPane(next: true), help: "focus the next pane", footer: "pane"),
    KeyBinding(key: .backTab, action: .focusPane(next: false), help: "focus the previous pane"),
    KeyBinding(key: .character("["), action: .scrub(-1), help: "move the time cursor back one cycle", footer: "cycle±"),
    KeyBinding(key: .character("]"), action: .scrub(1), help: "move the time cursor forward one cycle", footer: "cycle±"),
    KeyBinding(key: .character("?"), action: .help, help: "show this help", footer: "help"),
    KeyBinding(key: .function(1), action: .help, help: "show this help"),
    KeyBinding(key: .escape, action: .cancel, help: "close the help or cancel the command line"),
    KeyBinding(key: .character("q"), action: .quit, help: "quit", footer: "quit"),
  ])
}
