import Foundation
import NumPy
import Testing

/// An array built in Swift, for round trips.
struct Sample: Sendable, CustomTestStringConvertible {
  var name: String
  var array: NpyArray
  var testDescription: String { name }
}

struct RoundTripTests {
  static let samples: [Sample] = [
    Sample(
      name: "i8 2x3", array: NpyArray(shape: [2, 3], int64s: [Int64.min, -1, 0, 1, 2, Int64.max])),
    Sample(name: "i4 4", array: NpyArray(shape: [4], int32s: [Int32.min, -5, 7, Int32.max])),
    Sample(name: "f8 0-d", array: NpyArray(shape: [], doubles: [-0.5])),
    Sample(
      name: "f8 2x2x2",
      array: NpyArray(shape: [2, 2, 2], doubles: [1, 2.5, -3, 4e300, 5e-300, 0, -0.0, .infinity])),
    Sample(name: "f4 3", array: NpyArray(shape: [3], floats: [1.5, -2.25, 0x1p-133])),
    Sample(name: "b1 2x2", array: NpyArray(shape: [2, 2], bools: [true, false, false, true])),
    Sample(name: "u1 empty", array: NpyArray(shape: [0], uint8s: [])),
    Sample(name: "u1 3x0", array: NpyArray(shape: [3, 0], uint8s: [])),
    Sample(name: "u1 5", array: NpyArray(shape: [5], uint8s: [0, 1, 127, 128, 255])),
    Sample(
      name: ">u4 Fortran 2x3",
      array: NpyArray(
        shape: [2, 3], dtype: NpyDType(kind: .uint32, isBigEndian: true), isFortranOrder: true,
        data: Array(0..<24))),
    Sample(
      name: "<f2 2",
      array: NpyArray(shape: [2], dtype: NpyDType(kind: .float16), data: [0x00, 0x3C, 0x00, 0xC0])),
    Sample(
      name: ">i2 Fortran 3x2x2",
      array: NpyArray(
        shape: [3, 2, 2], dtype: NpyDType(kind: .int16, isBigEndian: true), isFortranOrder: true,
        data: (0..<24).map { UInt8($0 * 7 % 256) })),
    Sample(
      name: "|i1 long shape",
      array: NpyArray(
        shape: [1, 2, 1, 3, 1], dtype: NpyDType(kind: .int8), data: [0x80, 0xFF, 0, 1, 2, 0x7F])),
    Sample(
      name: "u8 1",
      array: NpyArray(
        shape: [1], dtype: NpyDType(kind: .uint64), data: [UInt8](repeating: 0xFF, count: 8))),
  ]

  static func sample(_ name: String) -> NpyArray { samples.first { $0.name == name }!.array }

  @Test(arguments: samples)
  func npyRoundTrip(_ sample: Sample) throws {
    let bytes = sample.array.serialized()
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    #expect(bytes[6] == 1)
    #expect((10 + headerLength) % 64 == 0, "data must start on a 64-byte boundary")
    #expect(try NpyArray.parse(bytes, name: sample.name) == sample.array)
  }

  @Test func hugeHeaderUsesVersionTwo() throws {
    let array = NpyArray(shape: [Int](repeating: 1, count: 25_000), doubles: [42])
    let bytes = array.serialized()
    #expect(bytes[6] == 2)
    let headerLength = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
    #expect(headerLength > 65535)
    #expect((12 + headerLength) % 64 == 0)
    #expect(try NpyArray.parse(bytes, name: "big") == array)
  }

  @Test(arguments: [false, true])
  func npzRoundTrip(forceZip64: Bool) throws {
    let archive = NpzArchive(
      members: Self.samples.enumerated().map { ("m\($0.offset)", $0.element.array) })
    let bytes = archive.serialized(forceZip64: forceZip64)
    #expect(try NpzArchive.parse(bytes, file: "x.npz") == archive)
  }

  @Test func elementConversions() throws {
    let f2 = try NpyArray.parse(Self.sample("<f2 2").serialized(), name: "f2")
    #expect(f2.doubles() == [1, -2])
    let fortran = Self.sample(">u4 Fortran 2x3")
    // Stored big-endian, first axis fastest: element [0][1] is the third stored word.
    #expect(
      fortran.doubles() == [
        0x0001_0203, 0x0809_0A0B, 0x1011_1213, 0x0405_0607, 0x0C0D_0E0F, 0x1415_1617,
      ])
    let u8 = Self.sample("u8 1")
    #expect(
      thrownError { () throws(NumPyError) in try u8.integers(name: "u8") }?.description
        == "u8: element 0 (C order): expected an integer within Int64, found 18446744073709551615")
  }

  /// The members numpy must read back from a Swift-written file.
  static let numpyMembers: [(name: String, array: NpyArray)] =
    samples.map { ($0.name.replacingOccurrences(of: " ", with: "_"), $0.array) } + [
      ("d+", NpyArray(shape: [2], int32s: [1, 2])),
      ("oT-", NpyArray(shape: [1], bools: [true])),
      ("g00", NpyArray(shape: [], int64s: [9])),
      ("wé", NpyArray(shape: [1], doubles: [1])),
    ]

  @Test(arguments: [false, true])
  func numpyReadsWhatSwiftWrote(forceZip64: Bool) throws {
    guard Python.hasNumPy else {
      print("note: python3 with numpy not found; skipped the numpy cross-check")
      return
    }
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/swift.npz"
    let archive = NpzArchive(members: Self.numpyMembers)
    if forceZip64 {
      try Data(archive.serialized(forceZip64: true)).write(to: URL(fileURLWithPath: path))
    } else {
      try archive.write(to: path)
    }
    let script = """
      import sys, numpy as np
      with np.load(sys.argv[1]) as z:
          for name in z.files:
              a = z[name]
              fortran = int(a.flags.f_contiguous and not a.flags.c_contiguous)
              c = np.asarray(a, dtype='<f8').ravel(order='C').tobytes().hex()
              print(name, a.dtype.str, ','.join(map(str, a.shape)), fortran,
                    a.tobytes(order='A').hex(), c, sep='\\t')
      """
    let (status, output) = try Python.run(["-c", script, path])
    #expect(status == 0)
    let expected = Self.numpyMembers.map { name, array in
      let fortran = array.isFortranOrder && array.shape.filter { $0 > 1 }.count > 1
      let doubles = array.doubles().flatMap { value in
        (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) }
      }
      return [
        name, array.dtype.descr, array.shape.map(String.init).joined(separator: ","),
        fortran ? "1" : "0", array.data.hex, doubles.hex,
      ].joined(separator: "\t")
    }
    #expect(output.split(separator: "\n").map(String.init) == expected)
  }
}
