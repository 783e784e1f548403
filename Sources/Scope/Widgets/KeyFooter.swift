/// The always-visible row of key hints (`Space run/pause  s step  …  ? help`), generated from a
/// ``KeyMap``'s footer labels.
///
/// Entries that do not fit are dropped from the end, but the help entry (the binding to
/// ``KeyMap/helpCommand``) is kept at the far end whenever it fits at all: it is the way to the rest.
public struct KeyFooter: Widget, Sendable {
  /// The table the hints come from.
  public var keyMap: KeyMap

  /// Creates a footer for `keyMap`.
  public init(keyMap: KeyMap = .default) {
    self.keyMap = keyMap
  }

  /// The gap between entries.
  static let gap = 2

  /// The entries that fit in `width` columns, in display order.
  func visibleEntries(width: Int) -> [KeyMap.FooterEntry] {
    let entries = keyMap.footerEntries
    func length(_ entry: KeyMap.FooterEntry) -> Int { entry.keys.count + 1 + entry.label.count }
    let total = entries.map(length).reduce(0, +) + KeyFooter.gap * max(0, entries.count - 1)
    if total <= width { return entries }

    let helpIndex = entries.firstIndex { $0.action == .help }
    var budget = width
    var help: KeyMap.FooterEntry?
    if let helpIndex, length(entries[helpIndex]) <= width {
      help = entries[helpIndex]
      budget -= length(entries[helpIndex]) + KeyFooter.gap
    }
    var shown: [KeyMap.FooterEntry] = []
    var used = 0
    for (index, entry) in entries.enumerated() where index != helpIndex {
      let needed = (shown.isEmpty ? 0 : KeyFooter.gap) + length(entry)
      if used + needed > budget { break }
      shown.append(entry)
      used += needed
    }
    if let help { shown.append(help) }
    return shown
  }

  public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let row = area.top(1)
    guard !row.isEmpty else { return }
    buffer.fill(row, with: Cell(" ", style: theme.text))
    var x = row.x
    for entry in visibleEntries(width: row.width) {
      x = buffer.write(entry.keys, at: Position(x: x, y: row.y), style: theme.title, clippedTo: row)
      x = buffer.write(" " + entry.label, at: Position(x: x, y: row.y), style: theme.dimText, clippedTo: row)
      x += KeyFooter.gap
    }
  }
}
