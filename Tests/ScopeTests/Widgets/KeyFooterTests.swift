import Scope
import Testing

struct KeyFooterTests {
  @Test func generatedFromTheKeyMap() {
    let line = "Space run/pause  s step  n next  c cont  f cycle  S/N/C/F back  b break  : cmd  +/- zoom  = fit  z max  "
      + "Tab pane  [/] cycle±  ? help  q quit"
    let buffer = rendered(KeyFooter(), width: 160, height: 1)
    #expect(buffer.lines == [padded(line, to: 160)])
    #expect(buffer[0, 0].style == Theme.dark.title)
    #expect(buffer[6, 0].style == Theme.dark.dimText)
  }

  @Test func helpStaysWhenTheRowIsShort() {
    #expect(rendered(KeyFooter(), width: 30, height: 1).lines == [padded("Space run/pause  ? help", to: 30)])
  }

  @Test func followsACustomKeyMap() {
    let map = KeyMap(bindings: [
      KeyBinding(key: .function(5), action: .debugger("continue"), help: "continue", footer: "go"),
      KeyBinding(key: .character("x"), action: .debugger("secret"), help: "not in the footer"),
    ])
    #expect(rendered(KeyFooter(keyMap: map), width: 8, height: 1).lines == ["F5 go   "])
  }
}
