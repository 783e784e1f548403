/// Buffers text for an exporter and hands it to the caller's sink in large pieces.
struct TextBuffer {
  private var bytes: [UInt8] = []
  private let sink: ([UInt8]) throws -> Void
  static let flushSize = 1 << 20

  init(sink: @escaping ([UInt8]) throws -> Void) {
    self.sink = sink
    bytes.reserveCapacity(Self.flushSize + 4096)
  }

  mutating func write(_ text: String) throws {
    bytes.append(contentsOf: text.utf8)
    if bytes.count >= Self.flushSize { try flush() }
  }

  /// Appends a non-negative integer in decimal without building a String.
  mutating func write(decimal value: Int64) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      write(decimal: value == Int64.min ? Int64.max : -value)
      return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var v = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
        count += 1
      } while v > 0
      for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
    }
  }

  mutating func write(byte: UInt8) { bytes.append(byte) }

  mutating func flushIfFull() throws {
    if bytes.count >= Self.flushSize { try flush() }
  }

  mutating func flush() throws {
    guard !bytes.isEmpty else { return }
    try sink(bytes)
    bytes.removeAll(keepingCapacity: true)
  }
}
