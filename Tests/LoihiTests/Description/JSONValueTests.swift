import JSON
import Loihi
import Testing

// MARK: - Helpers

private func obj(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
  .object(pairs.map { JSONMember(key: $0.key, value: $0.value) })
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

struct JSONValueTests {
  /// A JSON text that parses, and the value it must give.
  struct ValidCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let expected: JSONValue
    init(_ name: String, _ text: String, _ expected: JSONValue) {
      self.name = name
      self.text = text
      self.expected = expected
    }
    var testDescription: String { name }
  }

  /// A JSON text that must be rejected, and exactly where and why.
  struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let line: Int
    let column: Int
    let offset: Int
    let expected: String
    init(_ name: String, _ text: String, line: Int, column: Int, offset: Int, expected: String) {
      self.init(
        name, Array(text.utf8), line: line, column: column, offset: offset, expected: expected)
    }
    init(_ name: String, _ input: [UInt8], line: Int, column: Int, offset: Int, expected: String) {
      self.name = name
      self.input = input
      self.line = line
      self.column = column
      self.offset = offset
      self.expected = expected
    }
    var testDescription: String { name }
  }

  // MARK: - Valid documents

  static let validCases: [ValidCase] = [
    // Every kind.
    ValidCase("null", "null", .null),
    ValidCase("true", "true", .bool(true)),
    ValidCase("false", "false", .bool(false)),
    ValidCase("zero", "0", .integer(0)),
    ValidCase("positive integer", "42", .integer(42)),
    ValidCase("negative integer", "-17", .integer(-17)),
    ValidCase("Int64.max", "9223372036854775807", .integer(.max)),
    ValidCase("Int64.min", "-9223372036854775808", .integer(.min)),
    ValidCase(
      "beyond Int64.max stays exact as unsigned", "9223372036854775808", .unsigned(9_223_372_036_854_775_808)),
    ValidCase("UInt64.max stays exact", "18446744073709551615", .unsigned(.max)),
    ValidCase("beyond UInt64.max becomes number", "18446744073709551616", .number(18_446_744_073_709_551_616)),
    ValidCase("beyond Int64.min becomes number", "-9223372036854775809", .number(-0x1p63)),
    ValidCase("2^53 + 1 stays exact", "9007199254740993", .integer(9_007_199_254_740_993)),
    ValidCase("negative zero integer", "-0", .integer(0)),
    ValidCase("1e3 is a number", "1e3", .number(1000)),
    ValidCase("1.0 is a number", "1.0", .number(1)),
    ValidCase("fraction", "-12.375", .number(-12.375)),
    ValidCase("exponent with sign", "1.5E+2", .number(150)),
    ValidCase("negative exponent", "25e-2", .number(0.25)),
    ValidCase("zero with fraction", "0.5", .number(0.5)),
    ValidCase("underflow to zero", "1e-400", .number(0)),
    ValidCase("empty string", #""""#, .string("")),
    ValidCase("plain string", #""abc""#, .string("abc")),
    ValidCase("raw UTF-8 string", "\"héllo 中 😀\"", .string("héllo 中 😀")),
    ValidCase("simple escapes", #""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{C}\n\r\t")),
    ValidCase("unicode escapes", #""\u0041\u00e9\u4E2D""#, .string("Aé中")),
    ValidCase("escaped NUL", #""a\u0000b""#, .string("a\u{0}b")),
    ValidCase("surrogate pair", #""\uD83D\uDE00""#, .string("😀")),
    ValidCase("surrogate pair lowercase", #""x\ud834\udd1ey""#, .string("x𝄞y")),
    ValidCase("highest scalar", #""\uDBFF\uDFFF""#, .string("\u{10FFFF}")),
    ValidCase("escape among raw UTF-8", #""é\né""#, .string("é\né")),
    ValidCase("empty array", "[]", .array([])),
    ValidCase("empty object", "{}", .object([])),
    ValidCase(
      "array of every kind", #"[null, true, 1, 2.5, "s", [], {}]"#,
      .array([.null, .bool(true), .integer(1), .number(2.5), .string("s"), .array([]), .object([])])
    ),
    ValidCase("object", #"{"a": 1}"#, obj(["a": .integer(1)])),
    // Structure.
    ValidCase(
      "nested", #"{"a": [{"b": [1, {"c": null}]}], "d": {"e": {}}}"#,
      obj([
        "a": .array([obj(["b": .array([.integer(1), obj(["c": .null])])])]),
        "d": obj(["e": .object([])]),
      ])),
    ValidCase(
      "key order kept", #"{"z": 1, "a": 2, "m": 3}"#,
      obj(["z": .integer(1), "a": .integer(2), "m": .integer(3)])),
    ValidCase(
      "keys differing only in escapes are distinct", #"{"a": 1, "\u0062": 2}"#,
      obj(["a": .integer(1), "b": .integer(2)])),
    ValidCase(
      "many distinct keys",
      "{" + (0..<20).map { #""k\#($0)": \#($0)"# }.joined(separator: ",") + "}",
      .object((0..<20).map { JSONMember(key: "k\($0)", value: .integer(Int64($0))) })),
    ValidCase(
      "whitespace everywhere", " \t\r\n[ 1 ,\n\t2 ] \r\n", .array([.integer(1), .integer(2)])),
    ValidCase(
      "no whitespace", #"{"a":[1,2],"b":"c"}"#,
      obj(["a": .array([.integer(1), .integer(2)]), "b": .string("c")])),
    ValidCase(
      "512 levels of nesting",
      String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
      (0..<511).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }),
  ]

  @Test(arguments: validCases)
  func parsesValidDocument(_ c: ValidCase) throws {
    #expect(try JSONValue.parse(c.text) == c.expected)
    #expect(try JSONValue.parse(bytes(c.text)) == c.expected)
  }

  @Test func keyOrderIsPreserved() throws {
    let value = try JSONValue.parse(#"{"z": 1, "a": 2, "m": 3, "b": 4}"#)
    #expect(value.objectMembers?.map(\.key) == ["z", "a", "m", "b"])
    // Order is part of the value.
    #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) != JSONValue.parse(#"{"b":2,"a":1}"#))
  }

  @Test func negativeZeroFractionKeepsItsSign() throws {
    let value = try JSONValue.parse("-0.0")
    #expect(value.doubleValue?.sign == .minus)
    #expect(value.doubleValue == 0)
  }

  @Test func bigIntegersStayExact() throws {
    let value = try JSONValue.parse("[9007199254740993, 9007199254740992]")
    #expect(value == .array([.integer(9_007_199_254_740_993), .integer(9_007_199_254_740_992)]))
    #expect(value.arrayValue?[0] != value.arrayValue?[1])
  }

  @Test func acceptsOtherByteCollections() throws {
    let text = bytes(#"xx[1, "a"]yy"#)
    #expect(try JSONValue.parse(text[2..<10]) == .array([.integer(1), .string("a")]))
    #expect(try JSONValue.parse(AnyCollection(bytes("true"))) == .bool(true))
    #expect(try JSONValue.parse(#"[1, "a"]"#.utf8) == .array([.integer(1), .string("a")]))
  }

  @Test func parsesLargeArray() throws {
    let count = 100_000
    let text = "[" + (0..<count).map { String($0 * 37 - 1_000_000) }.joined(separator: ",") + "]"
    let elements = try #require(JSONValue.parse(text).arrayValue)
    #expect(elements.count == count)
    #expect(elements.last == .integer(Int64((count - 1) * 37 - 1_000_000)))
  }

  // MARK: - Malformed documents

  static let escapeExpectation = #"an escape (\" \\ \/ \b \f \n \r \t or \uXXXX)"#
  static let controlExpectation =
    #"an escape such as \n or \u001F instead of a raw control character"#

  static let malformedCases: [MalformedCase] = [
    // Empty and trailing input.
    MalformedCase("empty input", "", line: 1, column: 1, offset: 0, expected: "a value"),
    MalformedCase("only whitespace", " \n ", line: 2, column: 2, offset: 3, expected: "a value"),
    MalformedCase(
      "trailing garbage", "{} x", line: 1, column: 4, offset: 3, expected: "end of input"),
    MalformedCase("two values", "1 2", line: 1, column: 3, offset: 2, expected: "end of input"),
    // Arrays of scalars take a fast path; its errors must be the general loop's.
    MalformedCase("scalar row, junk", "[[1, 2 x]]", line: 1, column: 8, offset: 7, expected: "',' or ']'"),
    MalformedCase("scalar row, trailing comma", "[[1, 2, ]]", line: 1, column: 9, offset: 8, expected: "a value"),
    MalformedCase("scalar row, bad number", "[[1, -]]", line: 1, column: 7, offset: 6, expected: "a digit after '-'"),
    MalformedCase("scalar row, bad literal", "[1, tru]", line: 1, column: 8, offset: 7, expected: "'true'"),
    MalformedCase("scalar row, cut", "[1, 2", line: 1, column: 6, offset: 5, expected: "',' or ']'"),
    MalformedCase("scalar row then nested", "[1, [2, x]]", line: 1, column: 9, offset: 8, expected: "a value"),
    MalformedCase(
      "byte order mark", [0xEF, 0xBB, 0xBF, 0x31], line: 1, column: 1, offset: 0,
      expected: "a value"),
    // Arrays and objects.
    MalformedCase(
      "trailing comma in array", "[1,2,]", line: 1, column: 6, offset: 5, expected: "a value"),
    MalformedCase(
      "trailing comma in object", #"{"a":1,}"#, line: 1, column: 8, offset: 7, expected: "a key"),
    MalformedCase("missing colon", #"{"a" 1}"#, line: 1, column: 6, offset: 5, expected: "':'"),
    MalformedCase(
      "missing comma in array", "[1 2]", line: 1, column: 4, offset: 3, expected: "',' or ']'"),
    MalformedCase(
      "missing comma in object", #"{"a":1 "b":2}"#, line: 1, column: 8, offset: 7,
      expected: "',' or '}'"),
    MalformedCase(
      "missing value in object", #"{"a":}"#, line: 1, column: 6, offset: 5, expected: "a value"),
    MalformedCase(
      "leading comma in array", "[,1]", line: 1, column: 2, offset: 1, expected: "a value or ']'"),
    MalformedCase("unquoted key", "{a:1}", line: 1, column: 2, offset: 1, expected: "a key or '}'"),
    MalformedCase(
      "single-quoted string", "['a']", line: 1, column: 2, offset: 1, expected: "a value or ']'"),
    MalformedCase("unclosed array", "[1,2", line: 1, column: 5, offset: 4, expected: "',' or ']'"),
    MalformedCase(
      "unclosed object", #"{"a":1"#, line: 1, column: 7, offset: 6, expected: "',' or '}'"),
    MalformedCase(
      "mismatched bracket", #"[1}"#, line: 1, column: 3, offset: 2, expected: "',' or ']'"),
    MalformedCase(
      "line comment", "[1 // one\n]", line: 1, column: 4, offset: 3, expected: "',' or ']'"),
    MalformedCase("block comment", "/* c */ 1", line: 1, column: 1, offset: 0, expected: "a value"),
    MalformedCase(
      "duplicate key", #"{"a":1,"a":2}"#, line: 1, column: 8, offset: 7,
      expected: "a key not already used in this object ('a')"),
    MalformedCase(
      "duplicate key in large object",
      "{" + (0..<20).map { #""k\#($0)":0,"# }.joined() + #""k3":1}"#, line: 1, column: 152,
      offset: 151,
      expected: "a key not already used in this object ('k3')"),
    MalformedCase(
      "duplicate key spelled with an escape", #"{"ab":1,"a\u0062":2}"#, line: 1, column: 9,
      offset: 8,
      expected: "a key not already used in this object ('ab')"),
    // Literals and numbers.
    MalformedCase("truncated literal", "[tru]", line: 1, column: 5, offset: 4, expected: "'true'"),
    MalformedCase("misspelt literal", "nul1", line: 1, column: 4, offset: 3, expected: "'null'"),
    MalformedCase(
      "capitalised literal", "True", line: 1, column: 1, offset: 0, expected: "a value"),
    MalformedCase("NaN", "NaN", line: 1, column: 1, offset: 0, expected: "a value"),
    MalformedCase(
      "Infinity", "[Infinity]", line: 1, column: 2, offset: 1, expected: "a value or ']'"),
    MalformedCase(
      "negative Infinity", "-Infinity", line: 1, column: 2, offset: 1, expected: "a digit after '-'"
    ),
    MalformedCase(
      "leading zero", "01", line: 1, column: 2, offset: 1,
      expected: "a number without leading zeros"),
    MalformedCase(
      "negative leading zero", "[-007]", line: 1, column: 4, offset: 3,
      expected: "a number without leading zeros"),
    MalformedCase("plus sign", "+1", line: 1, column: 1, offset: 0, expected: "a value"),
    MalformedCase("bare fraction", ".5", line: 1, column: 1, offset: 0, expected: "a value"),
    MalformedCase(
      "dangling dot", "1.", line: 1, column: 3, offset: 2, expected: "a digit after '.'"),
    MalformedCase(
      "dot then exponent", "1.e5", line: 1, column: 3, offset: 2, expected: "a digit after '.'"),
    MalformedCase(
      "empty exponent", "[1e]", line: 1, column: 4, offset: 3, expected: "a digit in the exponent"),
    MalformedCase(
      "signed empty exponent", "1e+", line: 1, column: 4, offset: 3,
      expected: "a digit in the exponent"),
    MalformedCase("lone minus", "-", line: 1, column: 2, offset: 1, expected: "a digit after '-'"),
    MalformedCase("hex number", "0x10", line: 1, column: 2, offset: 1, expected: "end of input"),
    MalformedCase(
      "number too large for Double", "[1, 1e400]", line: 1, column: 5, offset: 4,
      expected: "a number within the range of a Double"),
    // Strings.
    MalformedCase(
      "unterminated string", #""abc"#, line: 1, column: 5, offset: 4, expected: "a closing '\"'"),
    MalformedCase(
      "unterminated key", #"{"ab"#, line: 1, column: 5, offset: 4, expected: "a closing '\"'"),
    MalformedCase(
      "bad escape", #""a\x""#, line: 1, column: 4, offset: 3, expected: escapeExpectation),
    MalformedCase(
      "escape at end of input", #""\"#, line: 1, column: 3, offset: 2, expected: escapeExpectation),
    MalformedCase(
      "bad unicode escape digit", #""\u12G4""#, line: 1, column: 6, offset: 5,
      expected: "a hex digit"),
    MalformedCase(
      "short unicode escape", #""\u12""#, line: 1, column: 6, offset: 5, expected: "a hex digit"),
    MalformedCase(
      "lone high surrogate", #""\uD800""#, line: 1, column: 8, offset: 7,
      expected: #"a low surrogate '\uDC00'…'\uDFFF' after '\uD800'"#),
    MalformedCase(
      "high surrogate then other escape", #""\uD83D\n""#, line: 1, column: 8, offset: 7,
      expected: #"a low surrogate '\uDC00'…'\uDFFF' after '\uD83D'"#),
    MalformedCase(
      "high surrogate then non-surrogate", #""\uD83D\u0041""#, line: 1, column: 8, offset: 7,
      expected: #"a low surrogate '\uDC00'…'\uDFFF' after '\uD83D'"#),
    MalformedCase(
      "two high surrogates", #""\uD83D\uD83D""#, line: 1, column: 8, offset: 7,
      expected: #"a low surrogate '\uDC00'…'\uDFFF' after '\uD83D'"#),
    MalformedCase(
      "lone low surrogate", #""ab\uDE00""#, line: 1, column: 4, offset: 3,
      expected: #"a high surrogate '\uD800'…'\uDBFF' before '\uDE00'"#),
    MalformedCase(
      "raw tab in string", "\"a\tb\"", line: 1, column: 3, offset: 2, expected: controlExpectation),
    MalformedCase(
      "raw newline in string", "[\"a\nb\"]", line: 1, column: 4, offset: 3,
      expected: controlExpectation),
    MalformedCase(
      "raw NUL in string", [0x22, 0x00, 0x22], line: 1, column: 2, offset: 1,
      expected: controlExpectation),
    // Encoding.
    MalformedCase(
      "invalid UTF-8 byte", [0x22, 0x61, 0xFF, 0x62, 0x22], line: 1, column: 3, offset: 2,
      expected: "valid UTF-8"),
    MalformedCase(
      "stray continuation byte", [0x22, 0x80, 0x22], line: 1, column: 2, offset: 1,
      expected: "valid UTF-8"),
    MalformedCase(
      "overlong encoding", [0x22, 0xC0, 0xAF, 0x22], line: 1, column: 2, offset: 1,
      expected: "valid UTF-8"),
    MalformedCase(
      "encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], line: 1, column: 2, offset: 1,
      expected: "valid UTF-8"),
    MalformedCase(
      "beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], line: 1, column: 2, offset: 1,
      expected: "valid UTF-8"),
    MalformedCase(
      "sequence cut by quote", [0x22, 0xE4, 0xB8, 0x22], line: 1, column: 2, offset: 1,
      expected: "valid UTF-8"),
    MalformedCase(
      "sequence cut by end of input", [0x22, 0xF0, 0x9F, 0x98], line: 1, column: 3, offset: 4,
      expected: "valid UTF-8"),
    MalformedCase(
      "invalid UTF-8 outside a string", [0x5B, 0xFF, 0x5D], line: 1, column: 2, offset: 1,
      expected: "a value or ']'"),
    // Nesting.
    MalformedCase(
      "1000 open brackets", String(repeating: "[", count: 1000), line: 1, column: 513, offset: 512,
      expected: "at most 512 levels of nesting"),
    MalformedCase(
      "513 levels of nesting",
      String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
      line: 1, column: 513, offset: 512, expected: "at most 512 levels of nesting"),
    MalformedCase(
      "deeply nested objects", String(repeating: #"{"a":"#, count: 100_000), line: 1, column: 2561,
      offset: 2560, expected: "at most 512 levels of nesting"),
    // Positions.
    MalformedCase(
      "error on third line", "[\n  1,\n  x]", line: 3, column: 3, offset: 9, expected: "a value"),
    MalformedCase(
      "CR LF line ends", "[1,\r\n2,\r\nx]", line: 3, column: 1, offset: 9, expected: "a value"),
    MalformedCase(
      "lone CR line ends", "[1,\r2,\rx]", line: 3, column: 1, offset: 7, expected: "a value"),
    MalformedCase(
      "column counts scalars", "\"é😀\" x", line: 1, column: 6, offset: 9, expected: "end of input"),
  ]

  @Test(arguments: malformedCases)
  func rejectsMalformedDocument(_ c: MalformedCase) {
    let expected = JSONSyntaxError(
      line: c.line, column: c.column, offset: c.offset, expected: c.expected)
    #expect(throws: expected) { try JSONValue.parse(c.input) }
    let text = String(decoding: c.input, as: UTF8.self)
    if Array(text.utf8) == c.input {
      #expect(throws: expected) { try JSONValue.parse(text) }
    }
  }

  @Test func errorDescription() {
    let error = JSONSyntaxError(line: 2, column: 7, offset: 31, expected: "',' or '}'")
    #expect(error.description == "line 2, column 7 (byte 31): expected ',' or '}'")
    #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("[1,]") }
  }

  /// Cutting a valid document anywhere either leaves a valid document or fails at the cut.
  @Test func everyTruncationFailsAtTheCut() throws {
    let document = bytes(
      #"{"a": [1, -2.5e-3, true, null], "é😀": "x\"\uD83D\uDE00\u00e9", "b": {}}"#)
    _ = try JSONValue.parse(document)
    for cut in 0..<document.count {
      do {
        _ = try JSONValue.parse(document[..<cut])
      } catch {
        #expect(error.offset == cut, "cut at \(cut): \(error)")
      }
    }
  }

  // MARK: - The multi-line description

  static let descriptionDocument = """
    { "ticks": 50, "seed": 1,
      "compartments": [ { "name": "a", "size": 2, "du": 4096 } ] }
    """

  @Test func readsMultiLineDocument() throws {
    let value = try JSONValue.parse(Self.descriptionDocument)
    #expect(value.objectMembers?.map(\.key) == ["ticks", "seed", "compartments"])
    #expect(value["ticks"] == .integer(50))
    #expect(value["seed"]?.int64Value == 1)
    let compartments = try #require(value["compartments"]?.arrayValue)
    #expect(compartments.count == 1)
    let first = compartments[0]
    #expect(first.objectMembers?.map(\.key) == ["name", "size", "du"])
    #expect(first["name"]?.stringValue == "a")
    #expect(first["size"]?.int64Value == 2)
    #expect(first["du"] == .integer(4096))
    #expect(first["dv"] == nil)
  }

  struct DocumentEdit: Sendable, CustomTestStringConvertible {
    let name: String
    let find: String
    let replacement: String
    let error: JSONSyntaxError
    var testDescription: String { name }
  }

  @Test(arguments: [
    DocumentEdit(
      name: "leading zero on line 2", find: #""size": 2"#, replacement: #""size": 02"#,
      error: JSONSyntaxError(
        line: 2, column: 45, offset: 70, expected: "a number without leading zeros")),
    DocumentEdit(
      name: "duplicate key on line 2", find: #""du""#, replacement: #""name""#,
      error: JSONSyntaxError(
        line: 2, column: 47, offset: 72,
        expected: "a key not already used in this object ('name')")),
    DocumentEdit(
      name: "missing closing brace", find: " ] }", replacement: " ]",
      error: JSONSyntaxError(line: 2, column: 61, offset: 86, expected: "',' or '}'")),
  ])
  func reportsErrorOnSecondLine(_ edit: DocumentEdit) {
    let broken = Self.descriptionDocument.replacing(
      edit.find, with: edit.replacement, maxReplacements: 1)
    #expect(broken != Self.descriptionDocument)
    #expect(throws: edit.error) { try JSONValue.parse(broken) }
  }

  // MARK: - Brief renderings and accessors

  struct BriefCase: Sendable, CustomTestStringConvertible {
    let name: String
    let value: JSONValue
    let brief: String
    var testDescription: String { name }
  }

  @Test(arguments: [
    BriefCase(name: "null", value: .null, brief: "null"),
    BriefCase(name: "true", value: .bool(true), brief: "true"),
    BriefCase(name: "false", value: .bool(false), brief: "false"),
    BriefCase(name: "integer", value: .integer(-4096), brief: "-4096"),
    BriefCase(
      name: "exact big integer", value: .integer(9_007_199_254_740_993), brief: "9007199254740993"),
    BriefCase(name: "number", value: .number(1.5), brief: "1.5"),
    BriefCase(name: "integral number", value: .number(1000), brief: "1000.0"),
    BriefCase(name: "string", value: .string("abc"), brief: #""abc""#),
    BriefCase(
      name: "string with quotes and newline", value: .string("a\"b\\\n\u{1}"),
      brief: #""a\"b\\\n\u0001""#),
    BriefCase(
      name: "long string", value: .string(String(repeating: "x", count: 40)),
      brief: "\"" + String(repeating: "x", count: 32) + "…\""),
    BriefCase(name: "empty array", value: .array([]), brief: "[]"),
    BriefCase(name: "one-item array", value: .array([.null]), brief: "[…1 item]"),
    BriefCase(
      name: "array", value: .array([.integer(1), .integer(2), .integer(3)]), brief: "[…3 items]"),
    BriefCase(name: "empty object", value: .object([]), brief: "{}"),
    BriefCase(name: "object", value: obj(["a": .integer(1)]), brief: "{…}"),
  ])
  func briefRendering(_ c: BriefCase) {
    #expect(c.value.brief == c.brief)
  }

  struct AccessorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let value: JSONValue
    var members: [JSONMember]? = nil
    var array: [JSONValue]? = nil
    var string: String? = nil
    var int64: Int64? = nil
    var double: Double? = nil
    var bool: Bool? = nil
    var testDescription: String { name }
  }

  @Test(arguments: [
    AccessorCase(name: "null", value: .null),
    AccessorCase(name: "bool", value: .bool(false), bool: false),
    AccessorCase(name: "integer", value: .integer(-3), int64: -3, double: -3),
    AccessorCase(
      name: "big integer rounds as double", value: .integer(9_007_199_254_740_993),
      int64: 9_007_199_254_740_993, double: 9_007_199_254_740_992),
    AccessorCase(name: "integral number", value: .number(4096), int64: 4096, double: 4096),
    AccessorCase(name: "negative zero number", value: .number(-0.0), int64: 0, double: 0),
    AccessorCase(name: "fractional number", value: .number(2.5), double: 2.5),
    AccessorCase(name: "number beyond Int64", value: .number(9.3e18), double: 9.3e18),
    AccessorCase(name: "string", value: .string("s"), string: "s"),
    AccessorCase(name: "array", value: .array([.null]), array: [.null]),
    AccessorCase(
      name: "object", value: obj(["k": .null]), members: [JSONMember(key: "k", value: .null)]),
  ])
  func accessors(_ c: AccessorCase) {
    #expect(c.value.objectMembers == c.members)
    #expect(c.value.arrayValue == c.array)
    #expect(c.value.stringValue == c.string)
    #expect(c.value.int64Value == c.int64)
    #expect(c.value.doubleValue == c.double)
    #expect(c.value.boolValue == c.bool)
  }

  @Test func subscriptFindsFirstMember() {
    let value = obj(["a": .integer(1), "b": .string("x")])
    #expect(value["a"] == .integer(1))
    #expect(value["b"] == .string("x"))
    #expect(value["c"] == nil)
    #expect(JSONValue.array([.null])["a"] == nil)
    // Values built in code may repeat a key; the first one wins.
    #expect(obj(["a": .integer(1), "a": .integer(2)])["a"] == .integer(1))
  }
}
