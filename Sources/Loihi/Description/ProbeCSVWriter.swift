/// Writes probe samples as `tick,probe,index,value` CSV rows into a byte buffer.
///
/// Rows are appended tick by tick; the caller drains ``bytes`` whenever it likes, so memory stays
/// bounded on long runs.
public struct ProbeCSVWriter: Sendable {
  public static let header = "tick,probe,index,value\n"
  public private(set) var bytes: [UInt8] = []

  public init() {
    bytes.append(contentsOf: Self.header.utf8)
  }

  /// Appends one row per element of every probe, in probe order, for the chip's last tick.
  public mutating func append(_ probes: [Probe], of chip: Chip) {
    let tick = Array(String(chip.tick).utf8)
    for probe in probes {
      let name = Array(probe.text.utf8)
      for (index, value) in probe.values(of: chip).enumerated() {
        bytes.append(contentsOf: tick)
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: name)
        bytes.append(UInt8(ascii: ","))
        appendInteger(index)
        bytes.append(UInt8(ascii: ","))
        appendInteger(Int(value))
        bytes.append(UInt8(ascii: "\n"))
      }
    }
  }

  /// Hands out the buffered bytes and empties the buffer.
  public mutating func drain() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  private mutating func appendInteger(_ value: Int) {
    bytes.append(contentsOf: String(value).utf8)
  }
}
