import NumPy
import Testing

/// A broken .npy image and the exact error it must give.
struct BrokenInput: Sendable, CustomTestStringConvertible {
  var id: String
  var bytes: [UInt8]
  var error: String
  var testDescription: String { id }
}

/// A header dict and whether (and how) it parses.
struct HeaderCase: Sendable, CustomTestStringConvertible {
  var id: String
  var dict: String
  var testDescription: String { id }
}

struct NpyErrorTests {
  /// `[1.0, 2.0, 3.0]` as `<f8`: a 128-byte header, then 24 data bytes.
  static let valid = NpyArray(shape: [3], doubles: [1, 2, 3]).serialized()
  static let three = [UInt8](repeating: 0, count: 24)

  static func dict(_ body: String) -> [UInt8] { npyImage(header: body, data: three) }

  static let cases: [BrokenInput] = [
    BrokenInput(
      id: "empty input", bytes: [],
      error: "t.npy: byte 0: expected the magic string '\\x93NUMPY', found end of file"),
    BrokenInput(
      id: "bad magic", bytes: valid.patched(at: 1, Array("M".utf8)),
      error:
        "t.npy: byte 0: expected the magic string '\\x93NUMPY', found '\\x93MUMPY\\x01\\x00'..."),
    BrokenInput(
      id: "version 4.0", bytes: valid.patched(at: 6, [4]),
      error: "t.npy: byte 6: expected format version 1.0, 2.0 or 3.0, found 4.0"),
    BrokenInput(
      id: "no header length", bytes: Array(valid.prefix(9)),
      error: "t.npy: byte 8: expected a 2-byte header length, found the end of file at byte 9"),
    BrokenInput(
      id: "header length past end of file", bytes: valid.patched(at: 8, [0xFF, 0xFF]),
      error:
        "t.npy: byte 8: expected a header of 65535 bytes ending at byte 65545, found the end of file at byte 152"
    ),
    BrokenInput(
      id: "truncated data", bytes: Array(valid.dropLast(4)),
      error:
        "t.npy: byte 128: expected 24 bytes of array data (3 × 8 bytes), found 20 bytes before the end of file"
    ),
    BrokenInput(
      id: "trailing bytes", bytes: valid + [0, 0, 0],
      error: "t.npy: byte 152: expected the end of file after the array data, found 3 more bytes"),
    BrokenInput(
      id: "shape product overflow",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
      error:
        "t.npy: byte 60: expected a shape whose data size fits in 63 bits, found (4294967296, 4294967296) of 8-byte elements"
    ),
    BrokenInput(
      id: "data size overflow",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }"),
      error:
        "t.npy: byte 60: expected a shape whose data size fits in 63 bits, found (2305843009213693952,) of 8-byte elements"
    ),
    BrokenInput(
      id: "shape entry beyond Int64",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }"),
      error: "t.npy: byte 61: expected a shape entry below 2^63, found 99999999999999999999"),
    BrokenInput(
      id: "negative shape entry",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -1), }"),
      error: "t.npy: byte 64: expected a non-negative shape entry, found -1"),
    BrokenInput(
      id: "unknown descr",
      bytes: dict("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }"),
      error:
        "t.npy: byte 20: expected a dtype '<', '>' or '|' with one of b1 i1 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8, found '<c16'"
    ),
    BrokenInput(
      id: "object dtype", bytes: dict("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"),
      error: "t.npy: byte 20: expected a numeric dtype, found the object dtype '|O'"),
    BrokenInput(
      id: "structured dtype",
      bytes: dict("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }"),
      error:
        "t.npy: byte 20: expected a simple dtype string such as '<f8', found a structured dtype (a list)"
    ),
    BrokenInput(
      id: "multi-byte dtype without byte order",
      bytes: dict("{'descr': '|f8', 'fortran_order': False, 'shape': (3,), }"),
      error: "t.npy: byte 20: expected byte order '<' or '>' for a multi-byte dtype, found '|f8'"),
    BrokenInput(
      id: "missing key", bytes: dict("{'descr': '<f8', 'fortran_order': False}"),
      error: "t.npy: byte 49: expected the key 'shape', found '}'"),
    BrokenInput(
      id: "extra key",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}"),
      error: "t.npy: byte 66: expected a key 'descr', 'fortran_order' or 'shape', found 'x'"),
    BrokenInput(
      id: "duplicate key",
      bytes: dict("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,)}"),
      error: "t.npy: byte 27: expected each key once, found a second 'descr'"),
    BrokenInput(
      id: "parenthesised int is not a tuple",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3)}"),
      error: "t.npy: byte 62: expected ',' making (n,) a one-element tuple, found ')}'"),
    BrokenInput(
      id: "list shape", bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': [3]}"),
      error: "t.npy: byte 60: expected a shape tuple such as (3, 4), found '[3]}'"),
    BrokenInput(
      id: "Python 2 long suffix",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }"),
      error: "t.npy: byte 62: expected ',' or ')' in the shape tuple, found 'L,), }'"),
    BrokenInput(
      id: "fortran_order not a bool",
      bytes: dict("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }"),
      error: "t.npy: byte 44: expected True or False, found '0, \\'shape\\': '..."),
    BrokenInput(
      id: "True run on", bytes: dict("{'descr': '<f8', 'fortran_order': Truest, 'shape': (3,), }"),
      error: "t.npy: byte 44: expected True or False, found 'Truest, \\'sha'..."),
    BrokenInput(
      id: "text after the dict",
      bytes: dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } x"),
      error: "t.npy: byte 68: expected only spaces and a newline after the header dict, found 'x'"),
    BrokenInput(
      id: "missing comma", bytes: dict("{'descr': '<f8' 'fortran_order': False, 'shape': (3,), }"),
      error: "t.npy: byte 26: expected ',' or '}' after the value, found '\\'fortran_ord'..."),
    BrokenInput(
      id: "escape in string",
      bytes: dict("{'descr': '<f\\x38', 'fortran_order': False, 'shape': (3,)}"),
      error:
        "t.npy: byte 23: expected a plain string literal without escapes or line breaks, found '\\\\x38\\', \\'fort'..."
    ),
    BrokenInput(
      id: "unterminated string", bytes: dict("{'descr': '<f8"),
      error: "t.npy: byte 20: expected a closing quote for the string starting here, found '\\'<f8'"
    ),
    BrokenInput(
      id: "not a dict", bytes: dict("['descr', '<f8']"),
      error: "t.npy: byte 10: expected '{' opening the header dict, found '[\\'descr\\', \\'<'..."),
    BrokenInput(
      id: "empty header", bytes: dict(""),
      error: "t.npy: byte 64: expected '{' opening the header dict, found the end of the header"),
  ]

  @Test(arguments: cases)
  func rejects(_ input: BrokenInput) {
    let error = thrownError { () throws(NumPyError) in
      try NpyArray.parse(input.bytes, name: "t.npy")
    }
    #expect(error?.description == input.error)
  }

  /// Header dicts numpy accepts (it reads them with `ast.literal_eval`).
  static let accepted: [HeaderCase] = [
    HeaderCase(
      id: "numpy's own", dict: "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"),
    HeaderCase(
      id: "keys in another order", dict: "{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}"),
    HeaderCase(
      id: "no trailing comma", dict: "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}"),
    HeaderCase(
      id: "double quotes", dict: "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (3,)}"),
    HeaderCase(id: "no spaces", dict: "{'descr':'<f8','fortran_order':False,'shape':(3,),}"),
    HeaderCase(
      id: "lots of spaces",
      dict: " {  'descr' :  '<f8' ,\n 'fortran_order'\t: False ,  'shape' : ( 3 , ) , } "),
    HeaderCase(
      id: "two-axis tuple with trailing comma",
      dict: "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3,)}"),
    HeaderCase(
      id: "Fortran order flag", dict: "{'descr': '<f8', 'fortran_order': True, 'shape': (3,)}"),
  ]

  @Test(arguments: accepted)
  func accepts(_ header: HeaderCase) throws {
    let array = try NpyArray.parse(npyImage(header: header.dict, data: Self.three), name: "t.npy")
    #expect(array.count == 3)
    #expect(array.dtype == NpyDType(kind: .float64))
  }

  @Test func descrVariants() throws {
    let cases: [(String, NpyDType, String)] = [
      ("'>u4'", NpyDType(kind: .uint32, isBigEndian: true), ">u4"),
      ("'<u1'", NpyDType(kind: .uint8), "|u1"),
      ("'>i1'", NpyDType(kind: .int8), "|i1"),
      ("'<f2'", NpyDType(kind: .float16), "<f2"),
      ("'|b1'", NpyDType(kind: .bool), "|b1"),
    ]
    for (descr, dtype, canonical) in cases {
      let data = [UInt8](repeating: 1, count: 2 * dtype.itemSize)
      let image = npyImage(
        header: "{'descr': \(descr), 'fortran_order': False, 'shape': (2,)}", data: data)
      let array = try NpyArray.parse(image, name: "t.npy")
      #expect(array.dtype == dtype)
      #expect(array.dtype.descr == canonical)
    }
    #expect(NpyDType(descr: ">u4") == NpyDType(kind: .uint32, isBigEndian: true))
    #expect(NpyDType(descr: "<c16") == nil)
  }

  /// Every strict prefix of a valid image is an error, never a crash.
  @Test func everyTruncationThrows() {
    for length in 0..<Self.valid.count {
      let prefix = Array(Self.valid.prefix(length))
      #expect(
        thrownError { () throws(NumPyError) in try NpyArray.parse(prefix, name: "t.npy") } != nil,
        "length \(length)")
    }
  }
}
