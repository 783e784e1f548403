import Scope
import Testing

struct TooSmallTests {
  @Test func centredAndWrapped() {
    let buffer = rendered(TooSmall(minimum: Size(width: 80, height: 24)), width: 40, height: 5)
    #expect(buffer.lines == [
      padded("", to: 40),
      padded("terminal too small: enlarge to at least", to: 40),
      padded(String(repeating: " ", count: 12) + "80×24 (now 40×5)", to: 40),
      padded("", to: 40),
      padded("", to: 40),
    ])
  }

  @Test func message() {
    #expect(TooSmall(minimum: Size(width: 80, height: 24)).message(now: Size(width: 60, height: 20))
      == "terminal too small: enlarge to at least 80×24 (now 60×20)")
  }
}
