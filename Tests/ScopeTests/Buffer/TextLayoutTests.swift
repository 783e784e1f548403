@testable import Scope
import Testing

struct TextLayoutTests {
  @Test(arguments: [
    ("hello", 5, "hello"), ("hello", 4, "hel…"), ("hello", 1, "…"), ("hello", 0, ""), ("", 3, ""),
  ])
  func truncate(_ text: String, _ width: Int, _ expected: String) {
    #expect(TextLayout.truncate(text, to: width) == expected)
  }

  @Test(arguments: [
    ("one two three", 7, ["one two", "three"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("a\nb", 5, ["a", "b"]),
    ("a\r\nb", 5, ["a", "b"]),
    ("", 5, [""]),
    ("x", 0, []),
  ])
  func wrap(_ text: String, _ width: Int, _ expected: [String]) {
    #expect(TextLayout.wrap(text, to: width) == expected)
  }
}
