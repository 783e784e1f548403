import NumPy
import Testing

/// What `integers(name:)` should give for a fixture.
enum ExpectedIntegers: Sendable {
  case values([Int64])
  /// The error text, with the fixture name as the array name.
  case error(String)
}

/// One .npy fixture written by numpy and what it must load as.
struct NpyFixture: Sendable, CustomTestStringConvertible {
  var file: String
  var descr: String
  var shape: [Int]
  var fortran = false
  /// Elements in C order.
  var doubles: [Double]
  var integers: ExpectedIntegers
  /// Whether `serialized()` must reproduce the file byte for byte (numpy's default version 1.0).
  var reserializes = true
  var testDescription: String { file }
}

/// The values `make_fixtures.py` writes, restated here.
enum FixtureValues {
  /// (type code, 1-D values as Double, expected integers) for each dtype.
  static let oneD: [(code: String, doubles: [Double], integers: ExpectedIntegers)] = [
    ("b1", [1, 0, 1, 1, 0], .values([1, 0, 1, 1, 0])),
    ("i1", [-128, -1, 0, 1, 127], .values([-128, -1, 0, 1, 127])),
    ("i2", [-32768, -1, 0, 1, 32767], .values([-32768, -1, 0, 1, 32767])),
    (
      "i4", [-2_147_483_648, -1, 0, 1, 2_147_483_647],
      .values([-2_147_483_648, -1, 0, 1, 2_147_483_647])
    ),
    (
      "i8", [-0x1p63, -1, 0, 1, 0x1p63],
      .values([Int64.min, -1, 0, 1, Int64.max])
    ),
    ("u1", [0, 1, 127, 128, 255], .values([0, 1, 127, 128, 255])),
    ("u2", [0, 1, 255, 256, 65535], .values([0, 1, 255, 256, 65535])),
    ("u4", [0, 1, 65535, 65536, 4_294_967_295], .values([0, 1, 65535, 65536, 4_294_967_295])),
    (
      "u8", [0, 1, 4_294_967_296, 0x1p63, 0x1p64],
      .error(
        "u8_1d.npy: element 4 (C order): expected an integer within Int64, found 18446744073709551615"
      )
    ),
    (
      "f2", [-65504, -1.5, 0x1p-24, 0x1p-14, 65504],
      .error("f2_1d.npy: element 1 (C order): expected an integral value within Int64, found -1.5")
    ),
    (
      "f4", [-.infinity, -1.5, 0x1p-149, 16_777_216, 3.4028234663852886e38],
      .error("f4_1d.npy: element 0 (C order): expected an integral value within Int64, found -inf")
    ),
    (
      "f8", [-1.7976931348623157e308, -0.5, 0, 0x1p-1074, 1.7976931348623157e308],
      .error(
        "f8_1d.npy: element 0 (C order): expected an integral value within Int64, "
          + "found -1.7976931348623157e+308")
    ),
  ]

  /// Element `i` (C order) of the 3x4 fixtures: bool i%3==0, signed i-5, unsigned 3i, float (i-5)/4.
  static func twoD(_ code: String) -> [Double] {
    (0..<12).map { i -> Double in
      switch code.first {
      case "b": i % 3 == 0 ? 1 : 0
      case "i": Double(i - 5)
      case "u": Double(3 * i)
      default: Double(i - 5) / 4
      }
    }
  }

  static func descr(_ code: String) -> String { (code.hasSuffix("1") ? "|" : "<") + code }
}

struct NpyFixtureTests {
  static let cases: [NpyFixture] = {
    var cases: [NpyFixture] = []
    for (code, doubles, integers) in FixtureValues.oneD {
      cases.append(
        NpyFixture(
          file: "\(code)_1d.npy", descr: FixtureValues.descr(code), shape: [5], doubles: doubles,
          integers: integers))
      let values = FixtureValues.twoD(code)
      let twoDIntegers: ExpectedIntegers =
        code.hasPrefix("f")
        ? .error(
          "\(code)_2d_ORDER.npy: element 0 (C order): expected an integral value within Int64, "
            + "found -1.25")
        : .values(values.map { Int64($0) })
      for (suffix, fortran) in [("c", false), ("f", true)] {
        var expected = twoDIntegers
        if case .error(let text) = twoDIntegers {
          expected = .error(text.replacingOccurrences(of: "ORDER", with: suffix))
        }
        cases.append(
          NpyFixture(
            file: "\(code)_2d_\(suffix).npy", descr: FixtureValues.descr(code), shape: [3, 4],
            fortran: fortran, doubles: values, integers: expected))
      }
    }
    let counting = (0..<24).map(Double.init)
    cases += [
      NpyFixture(
        file: "be_i4_1d.npy", descr: ">i4", shape: [5],
        doubles: [-2_147_483_648, -1, 0, 1, 2_147_483_647],
        integers: .values([-2_147_483_648, -1, 0, 1, 2_147_483_647])),
      NpyFixture(
        file: "be_u2_1d.npy", descr: ">u2", shape: [5], doubles: [0, 1, 255, 256, 65535],
        integers: .values([0, 1, 255, 256, 65535])),
      NpyFixture(
        file: "be_f8_2d_f.npy", descr: ">f8", shape: [3, 4], fortran: true,
        doubles: FixtureValues.twoD("f8"),
        integers: .error(
          "be_f8_2d_f.npy: element 0 (C order): expected an integral value within Int64, found -1.25"
        )),
      NpyFixture(
        file: "f8_3d_f.npy", descr: "<f8", shape: [2, 3, 4], fortran: true, doubles: counting,
        integers: .values(counting.map { Int64($0) })),
      NpyFixture(
        file: "f8_0d.npy", descr: "<f8", shape: [], doubles: [3.5],
        integers: .error(
          "f8_0d.npy: element 0 (C order): expected an integral value within Int64, found 3.5")),
      NpyFixture(
        file: "i8_0d.npy", descr: "<i8", shape: [], doubles: [-7], integers: .values([-7])),
      NpyFixture(
        file: "f8_empty.npy", descr: "<f8", shape: [0], doubles: [], integers: .values([])),
      NpyFixture(
        file: "i4_empty_2x0x3.npy", descr: "<i4", shape: [2, 0, 3], doubles: [],
        integers: .values([])),
      // An empty array is both C- and Fortran-contiguous; numpy then records C order.
      NpyFixture(
        file: "u1_empty_f.npy", descr: "|u1", shape: [0, 3], doubles: [],
        integers: .values([])),
      NpyFixture(
        file: "i2_v2.npy", descr: "<i2", shape: [2, 3], doubles: [0, 1, 2, 3, 4, 5],
        integers: .values([0, 1, 2, 3, 4, 5]), reserializes: false),
      NpyFixture(
        file: "i2_v3.npy", descr: "<i2", shape: [2, 3], doubles: [0, 1, 2, 3, 4, 5],
        integers: .values([0, 1, 2, 3, 4, 5]), reserializes: false),
    ]
    return cases
  }()

  @Test(arguments: cases)
  func loadsWhatNumPyWrote(_ fixture: NpyFixture) throws {
    let bytes = try Fixtures.bytes(fixture.file)
    let array = try NpyArray.parse(bytes, name: fixture.file)
    #expect(array.dtype.descr == fixture.descr)
    #expect(array.shape == fixture.shape)
    #expect(array.isFortranOrder == fixture.fortran)
    #expect(array.count == fixture.doubles.count)
    #expect(array.data.count == array.count * array.dtype.itemSize)
    #expect(array.doubles() == fixture.doubles)
    switch fixture.integers {
    case .values(let values):
      #expect(try array.integers(name: fixture.file) == values)
    case .error(let text):
      #expect(
        thrownError { () throws(NumPyError) in try array.integers(name: fixture.file) }?.description
          == text)
    }
    if fixture.reserializes {
      #expect(array.serialized() == bytes, "serialized() differs from np.save's bytes")
    }
  }

  @Test func versionsTwoAndThreeCarryTheSameArray() throws {
    let one = try NpyArray.parse(Fixtures.bytes("i2_v2.npy"), name: "i2_v2.npy")
    let two = try NpyArray.parse(Fixtures.bytes("i2_v3.npy"), name: "i2_v3.npy")
    #expect(one == two)
    #expect(try Fixtures.bytes("i2_v2.npy")[6] == 2)
    #expect(try Fixtures.bytes("i2_v3.npy")[6] == 3)
  }

  @Test func readsFromAPath() throws {
    let array = try NpyArray.read(path: Fixtures.path("i8_0d.npy"))
    #expect(array.shape == [])
    #expect(try array.integers(name: "x") == [-7])
  }

  @Test func deviceIsNotReadAsAFile() {
    let error = thrownError { () throws(NumPyError) in try NpzArchive.read(path: "/dev/zero") }
    #expect(error?.description == "/dev/zero: expected a regular file, found a character device")
  }

  @Test func missingFileIsAnError() {
    let error = thrownError { () throws(NumPyError) in try NpyArray.read(path: "/nonexistent/x.npy")
    }
    #expect(
      error?.description
        == "/nonexistent/x.npy: expected a readable file, found error 2 (No such file or directory)"
    )
  }
}
