import Scope
import Testing

struct KeyMapTests {
  @Test(arguments: [
    (Key.character(" "), "toggle-run"), (.character("s"), "step"), (.character("n"), "next"),
    (.character("c"), "continue"), (.character("f"), "cycle"), (.character("b"), "toggle-break"),
    (.character(":"), "command-line"), (.left, "cursor left"), (.character("h"), "cursor left"),
    (.down, "cursor down"), (.character("j"), "cursor down"), (.up, "cursor up"),
    (.character("k"), "cursor up"), (.right, "cursor right"), (.character("l"), "cursor right"),
    (.character("+"), "zoom in"), (.character("-"), "zoom out"), (.tab, "pane next"),
    (.character("["), "scrub -1"), (.character("]"), "scrub +1"), (.character("?"), "help"),
    (.character("q"), "quit"),
  ])
  func defaultBindings(_ key: Key, _ command: String) {
    #expect(KeyMap.default.action(for: key)?.name == command)
  }

  @Test func unboundKeysHaveNoCommand() {
    #expect(KeyMap.default.action(for: .character("Z")) == nil)
  }

  @Test func noKeyIsBoundTwice() {
    let keys = KeyMap.default.bindings.map(\.key)
    #expect(Set(keys).count == keys.count)
  }

  @Test func footerEntriesMergeNeighboursWithTheSameLabel() {
    let entries = KeyMap.default.footerEntries.map { "\($0.keys) \($0.label)" }
    #expect(entries == [
      "Space run/pause", "s step", "n next", "c cont", "f cycle", "S/N/C/F back", "b break", ": cmd", "+/- zoom", "= fit",
      "z max", "Tab pane", "[/] cycle±", "? help", "q quit",
    ])
  }

  @Test func groupedByCommandListsEveryKeyOnce() {
    let groups = KeyMap.default.groupedByAction
    #expect(groups.first { $0.action == .cursor(.left) }?.keys == [.left, .character("h")])
    #expect(groups.first { $0.action == .help }?.keys == [.character("?"), .function(1)])
    #expect(groups.flatMap(\.keys).count == KeyMap.default.bindings.count)
  }

  @Test(arguments: [
    (Key.character(" "), "Space"), (.character("x"), "x"), (.control("l"), "^L"), (.up, "↑"),
    (.function(10), "F10"), (.backTab, "S-Tab"), (.pageDown, "PgDn"),
  ])
  func displayNames(_ key: Key, _ name: String) {
    #expect(key.displayName == name)
  }
}
