import Foundation
import Loihi
import NumPy
import Testing

@testable import Traces

/// Exports spelled out byte for byte on a tiny trace, and round trips through every format.
@Suite struct ExportImportTests {
  typealias S = Support

  /// Five populations over ticks 1..<7 (two gates, a silent one), cycle of 2 from tick 3.
  static func tiny() throws -> TraceReader {
    let metadata = TraceMetadata(
      tool: "tests", source: "synthetic", seed: 1, t0: 1, ticksPerCycle: 2, cycleOrigin: 3, phaseNames: ["in", "out"],
      gateNames: ["g00", "g01"],
      populations: [
        TracePopulation(name: "g00", size: 1, role: "gate", windows: [1]),
        TracePopulation(name: "g01", size: 1, role: "gate", windows: [0]),
        TracePopulation(name: "x", size: 3, role: "forward"),
        TracePopulation(name: "d+", size: 2, role: "backward"),
        TracePopulation(name: "t", size: 2, role: "forward"),
      ])
    let spikes: [[[Int32]]] = [
      [[], [], [0, 2], [], []],
      [[0], [], [], [], []],
      [[], [0], [1], [1], []],
      [[0], [], [1], [], []],
      [[], [], [], [], []],
      [[], [], [], [0, 1], []],
    ]
    let path = try S.temporaryDirectory().appendingPathComponent("tiny.nbpt").path
    try S.write(spikes, metadata: metadata, to: path, options: .init(maximumTicksPerChunk: 4))
    return try TraceReader(bytes: S.bytes(path), name: "tiny.nbpt")
  }

  static func text(_ export: (@escaping ([UInt8]) throws -> Void) throws -> Void) throws -> String {
    var bytes: [UInt8] = []
    try export { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func csvExport() throws {
    let reader = try Self.tiny()
    let csv = try Self.text { try CSVExporter.write(reader, selection: .all(of: reader), to: $0) }
    #expect(
      csv == """
        # nbpscope spikes from tiny.nbpt (synthetic, tests)
        # ticks,1,7
        # ticks-per-cycle,2
        # cycle-origin,3
        # population,g00,1,gate
        # population,g01,1,gate
        # population,x,3,forward
        # population,d+,2,backward
        # population,t,2,forward
        tick,population,index
        1,x,0
        1,x,2
        2,g00,0
        3,g01,0
        3,x,1
        3,d+,1
        4,g00,0
        4,x,1
        6,d+,0
        6,d+,1

        """)
    let window = try Self.text {
      try CSVExporter.write(reader, selection: ExportSelection(ticks: 3..<5, populations: [3, 2]), to: $0)
    }
    #expect(window.hasSuffix("tick,population,index\n3,d+,1\n3,x,1\n4,x,1\n"))
  }

  @Test func nestExport() throws {
    let reader = try Self.tiny()
    let dat = try Self.text {
      try NESTExporter.write(reader, selection: .all(of: reader), idMapName: "tiny.ids.csv", to: $0)
    }
    #expect(
      dat == """
        # NEST version: 3.0
        # RecordingBackendASCII version: 2
        # written by tests from tiny.nbpt; 1 tick = 1 ms; ids: tiny.ids.csv
        sender\ttime_ms
        3\t1.000
        5\t1.000
        1\t2.000
        2\t3.000
        4\t3.000
        7\t3.000
        1\t4.000
        4\t4.000
        6\t6.000
        7\t6.000

        """)
    #expect(
      NESTExporter.idMap(reader, selection: .all(of: reader)) == """
        population,first_id,size,role
        g00,1,1,gate
        g01,2,1,gate
        x,3,3,forward
        d+,6,2,backward
        t,8,2,forward

        """)
  }

  @Test func vcdExport() throws {
    let reader = try Self.tiny()
    let vcd = try Self.text {
      try VCDExporter.write(reader, selection: .all(of: reader), summary: false, timescale: .init("1us")!, to: $0)
    }
    #expect(
      vcd == """
        $version tests $end
        $comment tick = 1 Loihi time step; source tiny.nbpt (synthetic); t0 = 1; ticks per cycle = 2; cycle origin = 3 $end
        $timescale 1 us $end
        $scope module chip $end
        $scope module gating $end
        $var wire 1 ! g00 $end
        $var wire 1 " g01 $end
        $var string 1 # phase $end
        $upscope $end
        $scope module x $end
        $var wire 1 $ n0 $end
        $var wire 1 % n1 $end
        $var wire 1 & n2 $end
        $upscope $end
        $scope module d+ $end
        $var wire 1 ' n0 $end
        $var wire 1 ( n1 $end
        $upscope $end
        $scope module t $end
        $var wire 1 ) n0 $end
        $var wire 1 * n1 $end
        $upscope $end
        $upscope $end
        $enddefinitions $end
        #1
        $dumpvars
        0!
        0"
        1$
        0%
        1&
        0'
        0(
        0)
        0*
        s- #
        $end
        #2
        1!
        0$
        0&
        #3
        0!
        1"
        1%
        1(
        sin #
        #4
        1!
        0"
        0(
        sout #
        #5
        0!
        0%
        sin #
        #6
        1'
        1(
        sout #
        #7
        0'
        0(

        """)
  }

  @Test func vcdSummaryAndTimescale() throws {
    let reader = try Self.tiny()
    let vcd = try Self.text {
      try VCDExporter.write(
        reader, selection: ExportSelection(ticks: 2..<5, populations: [0, 2]), summary: true, timescale: .init("10 ms")!, to: $0)
    }
    #expect(vcd.contains("$timescale 10 ms $end\n"))
    #expect(vcd.contains("$scope module x $end\n$var integer 2 # count $end\n$upscope $end\n"))
    #expect(vcd.hasSuffix("#2\n$dumpvars\n1!\nb0 #\ns- \"\n$end\n#3\n0!\nb1 #\nsin \"\n#4\n1!\nsout \"\n#5\n0!\nb0 #\n"))
    #expect(VCDExporter.Timescale("3us") == nil)
    #expect(VCDExporter.Timescale("1 hours") == nil)
  }

  @Test func gtkwaveSaveFileGroupsTheScopes() throws {
    let reader = try Self.tiny()
    let save = VCDExporter.gtkwSaveFile(reader, selection: .all(of: reader), summary: false, vcdPath: "/data/tiny.vcd")
    #expect(
      save.hasPrefix(
        """
        [*] tests export of tiny.nbpt
        [dumpfile] "/data/tiny.vcd"
        [timestart] 1
        [treeopen] chip.
        @800200
        -gating
        @28
        chip.gating.g00
        chip.gating.g01
        chip.gating.phase
        @1000200
        -gating
        @800200
        -x
        @28
        chip.x.n0
        chip.x.n1
        chip.x.n2
        @1000200
        -x

        """))
  }

  @Test func npzExportIsTheAuthorsLayout() throws {
    let reader = try Self.tiny()
    let archive = try NpzExporter.archive(reader, selection: .all(of: reader))
    #expect(archive.names == ["g00", "g01", "x", "d+", "t", "_meta"])
    let x = try #require(archive["x"])
    #expect(x.shape == [3, 6])
    #expect(x.dtype.descr == "<f8")
    #expect(x.doubles() == [1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0])
    #expect(try archive["_meta"]?.integers(name: "_meta") == [1, 2])
    let window = try NpzExporter.archive(reader, selection: ExportSelection(ticks: 3..<5, populations: [3]), element: .uint8)
    #expect(window["d+"]?.data == [0, 0, 1, 0])
    #expect(try window["_meta"]?.integers(name: "_meta") == [3, 2])
  }

  // MARK: Round trips

  /// Both readers hold the same populations (names, sizes) and spikes over the same ticks.
  static func expectSame(_ a: TraceReader, _ b: TraceReader, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(a.metadata.populations.map(\.name) == b.metadata.populations.map(\.name), sourceLocation: sourceLocation)
    #expect(a.metadata.populations.map(\.size) == b.metadata.populations.map(\.size), sourceLocation: sourceLocation)
    #expect(a.tickRange == b.tickRange, sourceLocation: sourceLocation)
    #expect(try S.readAll(a) == S.readAll(b), sourceLocation: sourceLocation)
  }

  static func roundTripSource() throws -> TraceReader {
    let sizes = [400, 10, 1, 1, 12]
    let metadata = TraceMetadata(
      tool: "tests", source: "synthetic", t0: 1, ticksPerCycle: 12, cycleOrigin: 13,
      populations: zip(["x", "d+", "g00", "silent", "oT-"], sizes).map { TracePopulation(name: $0, size: $1, role: "forward") })
    let path = try S.temporaryDirectory().appendingPathComponent("src.nbpt").path
    var spikes = S.randomSpikes(sizes: sizes, densities: [0.03, 0.2, 0.08, 0, 0.1], ticks: 500, seed: 12)
    spikes[499] = sizes.map { _ in [] }  // a silent last tick: the range must survive it
    try S.write(spikes, metadata: metadata, to: path, options: .init(maximumTicksPerChunk: 64))
    return try TraceReader(path: path)
  }

  @Test func csvRoundTrip() throws {
    let source = try Self.roundTripSource()
    let directory = try S.temporaryDirectory()
    let csv = directory.appendingPathComponent("s.csv").path
    try Data(try Self.text { try CSVExporter.write(source, selection: .all(of: source), to: $0) }.utf8)
      .write(to: URL(fileURLWithPath: csv))
    let imported = try CSVImporter.read(path: csv)
    #expect(imported.silentPopulations == ["silent"])
    #expect(imported.ticksPerCycle == 12 && imported.cycleOrigin == 13)
    let out = directory.appendingPathComponent("back.nbpt").path
    try imported.write(to: out, metadata: Self.importMetadata(imported, t0: 1))
    try Self.expectSame(source, try TraceReader(path: out))
  }

  @Test func npzRoundTrip() throws {
    let source = try Self.roundTripSource()
    let directory = try S.temporaryDirectory()
    let npz = directory.appendingPathComponent("s.npz").path
    try NpzExporter.archive(source, selection: .all(of: source)).write(to: npz)
    let imported = try NumPyImporter.readArchive(path: npz, axis: .neuronsFirst, t0: nil)
    #expect(imported.tickRange == 1..<501)
    #expect(imported.ticksPerCycle == 12)
    let out = directory.appendingPathComponent("back.nbpt").path
    try imported.write(to: out, metadata: Self.importMetadata(imported, t0: 1))
    try Self.expectSame(source, try TraceReader(path: out))
  }

  @Test func nestRoundTripWithIdMap() throws {
    let source = try Self.roundTripSource()
    let directory = try S.temporaryDirectory()
    let dat = directory.appendingPathComponent("s.dat").path
    let ids = directory.appendingPathComponent("s.ids.csv").path
    try Data(try Self.text { try NESTExporter.write(source, selection: .all(of: source), idMapName: "s.ids.csv", to: $0) }.utf8)
      .write(to: URL(fileURLWithPath: dat))
    try Data(NESTExporter.idMap(source, selection: .all(of: source)).utf8).write(to: URL(fileURLWithPath: ids))
    var imported = try NESTImporter.read(path: dat, ids: ids)
    // NEST rows cannot say that the last tick was silent.
    imported.tickRange = source.tickRange
    let out = directory.appendingPathComponent("back.nbpt").path
    try imported.write(to: out, metadata: Self.importMetadata(imported, t0: 1))
    try Self.expectSame(source, try TraceReader(path: out))
    let anonymous = try NESTImporter.read(path: dat, ids: nil)
    #expect(anonymous.populations.map(\.name) == ["nest"])
    #expect(anonymous.records.count == imported.records.count)
  }

  static func importMetadata(_ imported: ImportedSpikes, t0: Int64) -> TraceMetadata {
    TraceMetadata(tool: "tests", source: "import", t0: t0, populations: imported.populations)
  }

  // MARK: NumPy variants

  struct Variant: CustomTestStringConvertible, Sendable {
    let id: String
    let bytes: @Sendable () -> [UInt8]
    let axis: SpikeAxis
    var testDescription: String { id }
  }

  /// The .npy image of `array` with a format 3.0 header (4-byte length, UTF-8).
  static func version3(_ array: NpyArray) -> [UInt8] {
    let v1 = array.serialized()
    let headerLength = Int(v1[8]) | Int(v1[9]) << 8
    let header = Array(v1[10..<10 + headerLength])
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [3, 0]
    let length = UInt32(header.count + 2)
    bytes += (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
    bytes += header + [0x20, 0x20]
    return bytes + array.data
  }

  /// Neuron 0 spikes at ticks 0 and 2, neuron 1 at tick 1; 2 neurons × 3 ticks.
  static let expected: [ImportedSpikes.Record] = [
    .init(tick: 5, population: 0, index: 0), .init(tick: 6, population: 0, index: 1), .init(tick: 7, population: 0, index: 0),
  ]

  static let variants = [
    Variant(id: "bool, neurons-first, C", bytes: {
      NpzArchive(members: [("p", NpyArray(shape: [2, 3], bools: [true, false, true, false, true, false]))]).serialized()
    }, axis: .neuronsFirst),
    Variant(id: "int8, neurons-first, Fortran", bytes: {
      NpzArchive(members: [("p", NpyArray(shape: [2, 3], dtype: NpyDType(kind: .int8), isFortranOrder: true, data: [1, 0, 0, 1, 1, 0]))])
        .serialized()
    }, axis: .neuronsFirst),
    Variant(id: ">u2, time-first, C", bytes: {
      NpzArchive(members: [("p", NpyArray(shape: [3, 2], dtype: NpyDType(kind: .uint16, isBigEndian: true), data: [0, 1, 0, 0, 0, 0, 1, 0, 0, 7, 0, 0]))])
        .serialized()
    }, axis: .timeFirst),
    Variant(id: "f4 with -0.0 and NaN, time-first, Fortran", bytes: {
      let values: [Float] = [1, -0.0, .nan, 0, 2.5, -0.0]  // Fortran (3 ticks × 2 neurons): column 0 = neuron 0
      let data = values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
      return NpzArchive(members: [("p", NpyArray(shape: [3, 2], dtype: NpyDType(kind: .float32), isFortranOrder: true, data: data))])
        .serialized()
    }, axis: .timeFirst),
    Variant(id: "f8, ZIP64 records", bytes: {
      NpzArchive(members: [("p", NpyArray(shape: [2, 3], doubles: [1, 0, 1, 0, 1, 0]))]).serialized(forceZip64: true)
    }, axis: .neuronsFirst),
  ]

  @Test(arguments: variants)
  func numpyVariants(_ v: Variant) throws {
    let imported = try NumPyImporter.parseArchive(v.bytes(), name: "v.npz", axis: v.axis, t0: 5)
    #expect(imported.populations == [TracePopulation(name: "p", size: 2)])
    #expect(imported.records == Self.expected)
    #expect(imported.tickRange == 5..<8)
  }

  @Test func npyFormatVersion3() throws {
    let path = try S.temporaryDirectory().appendingPathComponent("h1.npy").path
    try Data(Self.version3(NpyArray(shape: [2, 3], int32s: [1, 0, 1, 0, 1, 0]))).write(to: URL(fileURLWithPath: path))
    let imported = try NumPyImporter.readArray(path: path, name: "h1", axis: .neuronsFirst, t0: 5)
    #expect(imported.records == Self.expected)
  }

  struct BadInput: CustomTestStringConvertible, Sendable {
    let id: String
    let bytes: @Sendable () -> [UInt8]
    let message: String
    var testDescription: String { id }
  }

  static let badNpz = [
    BadInput(id: "3-D array", bytes: {
      NpzArchive(members: [("p", NpyArray(shape: [1, 2, 2], bools: [true, false, true, false]))]).serialized()
    }, message: "v.npz: expected a 1-D or 2-D spike array in member 'p.npy', found shape (1, 2, 2)"),
    BadInput(id: "tick counts differ", bytes: {
      NpzArchive(members: [("a", NpyArray(shape: [1, 3], bools: [true, false, true])), ("b", NpyArray(shape: [2, 2], bools: [true, false, true, false]))]).serialized()
    }, message: "v.npz: expected 3 ticks like 'a.npy' (neurons-first) in member 'b.npy', found shape (2, 2)"),
    BadInput(id: "no neurons", bytes: {
      NpzArchive(members: [("a", NpyArray(shape: [0, 3], bools: []))]).serialized()
    }, message: "v.npz: expected 1...4194304 neurons (neurons-first) in member 'a.npy', found shape (0, 3)"),
    BadInput(id: "truncated", bytes: {
      Array(NpzArchive(members: [("a", NpyArray(shape: [1, 3], bools: [true, false, true]))]).serialized().dropLast(30))
    }, message: "v.npz: "),
    BadInput(id: "only _meta", bytes: {
      NpzArchive(members: [("_meta", NpyArray(shape: [2], int64s: [1, 12]))]).serialized()
    }, message: "v.npz: expected at least one population array, found none"),
  ]

  @Test(arguments: badNpz)
  func badNpzGivesOneLine(_ c: BadInput) throws {
    do {
      _ = try NumPyImporter.parseArchive(c.bytes(), name: "v.npz", axis: .neuronsFirst, t0: nil)
      Issue.record("no error")
    } catch {
      #expect(error.description.hasPrefix(c.message), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  static let badCSV = [
    BadInput(id: "two fields", bytes: { Array("tick,population,index\n1,x,0\n2,x\n".utf8) },
      message: "s.csv: line 3: expected 3 comma-separated fields (tick,population,index), found 2"),
    BadInput(id: "negative tick", bytes: { Array("-1,x,0\n".utf8) },
      message: "s.csv: line 1: expected a tick in 0...1125899906842624, found '-1'"),
    BadInput(id: "index beyond the declared size", bytes: { Array("# population,x,3,forward\n1,x,3\n".utf8) },
      message: "s.csv: line 2: expected a neuron index in 0..<3 for 'x', found '3'"),
    BadInput(id: "undeclared population", bytes: { Array("# population,x,3\n1,y,0\n".utf8) },
      message: "s.csv: line 2: expected a declared population, found 'y'"),
    BadInput(id: "unterminated quote", bytes: { Array("1,\"x,0\n".utf8) },
      message: "s.csv: line 1: expected a closing '\"', found the end of the line"),
    BadInput(id: "duplicate spike", bytes: { Array("1,x,0\n1,x,0\n".utf8) },
      message: "s.csv: expected each spike once, found tick 1, 'x' index 0 twice"),
    BadInput(id: "binary", bytes: { [0x89, 0x4E, 0x42, 0x50, 0x54, 0x0D, 0x0A, 0x1A, 0, 1] },
      message: "s.csv: line 1: expected 3 comma-separated fields"),
    BadInput(id: "spike outside the declared ticks", bytes: { Array("# ticks,1,5\n5,x,0\n".utf8) },
      message: "s.csv: expected spikes within the declared ticks 1..<5, found ticks 5...5"),
  ]

  @Test(arguments: badCSV)
  func badCSVGivesOneLine(_ c: BadInput) throws {
    do {
      _ = try CSVImporter.parse(c.bytes(), name: "s.csv")
      Issue.record("no error")
    } catch {
      #expect(error.description.hasPrefix(c.message), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func csvByHand() throws {
    let csv = "tick, population, index\r\n3,\"a,b\",2\n1,x,0\n\n1,x,4\n"
    let imported = try CSVImporter.parse(Array(csv.utf8), name: "h.csv")
    #expect(imported.populations.map(\.name) == ["a,b", "x"])
    #expect(imported.populations.map(\.size) == [3, 5])
    #expect(imported.records.map(\.tick) == [1, 1, 3])
  }

  // MARK: numpy itself

  /// numpy writes files our importer reads, and reads the files our exporter writes (skipped
  /// with a note when python3 with numpy is not installed).
  @Test func numpyReadsAndWrites() throws {
    guard Python.hasNumPy else {
      print("note: python3 with numpy is not available; skipping the numpy cross-check")
      return
    }
    let directory = try S.temporaryDirectory()
    let reader = try Self.roundTripSource()
    let ours = directory.appendingPathComponent("ours.npz").path
    try NpzExporter.archive(reader, selection: .all(of: reader)).write(to: ours)
    let theirs = directory.appendingPathComponent("theirs.npz").path
    let timeFirst = directory.appendingPathComponent("time-first.npz").path
    let output = try Python.run(
      """
      import numpy as np, sys
      z = np.load(sys.argv[1])
      print(",".join(f"{k}:{z[k].shape[0]}x{z[k].shape[1]}:{int(z[k].sum())}" for k in z.files if k != "_meta"), list(z["_meta"]))
      rng = np.random.default_rng(3)
      a = (rng.random((5, 40)) < 0.2)
      np.savez_compressed(sys.argv[2], h1=a.astype(np.float32))
      np.savez(sys.argv[3], g00=np.asfortranarray(a[:2].T.astype(">i2")))
      for t, n in zip(*np.where(a.T)): print(t, n)
      """, arguments: [ours, theirs, timeFirst])
    let lines = output.split(separator: "\n").map(String.init)
    let expected = reader.metadata.populations.indices.map { p in
      let population = reader.metadata.populations[p]
      let count = reader.verify().spikeCounts[p]
      return "\(population.name):\(population.size)x\(reader.tickRange.count):\(count)"
    }.joined(separator: ",")
    #expect(lines[0] == expected + " [np.int64(1), np.int64(12)]" || lines[0] == expected + " [1, 12]")
    // h1 is neurons-first float32, deflated; g00 is its first two neurons, time-first, Fortran, big-endian.
    let h1 = try NumPyImporter.readArchive(path: theirs, axis: .neuronsFirst, t0: 0)
    let pairs = lines.dropFirst().map { line -> [Int] in line.split(separator: " ").map { Int($0)! } }
    #expect(h1.records.filter { $0.population == 0 }.map { [Int($0.tick), Int($0.index)] } == pairs)
    let g00 = try NumPyImporter.readArchive(path: timeFirst, axis: .timeFirst, t0: 0)
    #expect(g00.populations == [TracePopulation(name: "g00", size: 2)])
    #expect(g00.records.map { [Int($0.tick), Int($0.index)] } == pairs.filter { $0[1] < 2 })
  }
}

/// Runs python3 snippets for cross-checks.
enum Python {
  static let hasNumPy: Bool = (try? run("import numpy")) != nil

  static func run(_ script: String, arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self)
  }
}
