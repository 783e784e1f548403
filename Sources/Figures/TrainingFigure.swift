/// Test accuracy per epoch, read from the log `nbpscope train` prints: one line per measure
/// (exact, argmax of the binary outputs, top1: argmax of the output potentials).
package struct TrainingFigure {
  package struct Epoch: Equatable, Sendable {
    package let epoch: Int
    package let exact: Double
    package let argmax: Double
    package let top1: Double
  }

  package let title: String
  package let epochs: [Epoch]

  package init(title: String, epochs: [Epoch]) {
    self.title = title
    self.epochs = epochs
  }

  /// The epochs of a training log: lines `epoch N/M: … test: exact X argmax Y top1 Z …`.
  package static func epochs(inLog text: String) -> [Epoch] {
    var result: [Epoch] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let words = line.split(separator: " ").map(String.init)
      guard words.first == "epoch", words.count > 1, words[1].hasSuffix(":"),
        let epoch = Int(words[1].dropLast().split(separator: "/").first ?? "")
      else { continue }
      func value(after key: String) -> Double? {
        guard let i = words.lastIndex(of: key), i + 1 < words.count else { return nil }
        return Double(words[i + 1])
      }
      guard let exact = value(after: "exact"), let argmax = value(after: "argmax"), let top1 = value(after: "top1") else {
        continue
      }
      result.append(Epoch(epoch: epoch, exact: exact, argmax: argmax, top1: top1))
    }
    return result
  }

  package var svg: String {
    let (left, top, width, height) = (60.0, 40.0, 640.0, 320.0)
    var svg = SVG(width: left + width + 150, height: top + height + 50)
    svg.text(title, x: 10, y: 20, size: 14, bold: true)
    let count = max(1, epochs.count)
    let low = max(0, ((epochs.map { min($0.exact, $0.argmax, $0.top1) }.min() ?? 0) * 10).rounded(.down) / 10)
    func x(_ epoch: Int) -> Double { left + (count == 1 ? width / 2 : Double(epoch - 1) / Double(count - 1) * width) }
    func y(_ value: Double) -> Double { top + height - (value - low) / max(0.1, 1 - low) * height }
    // Grid every 0.1 of accuracy, epochs on x.
    var level = low
    while level <= 1.0001 {
      svg.line(x1: left, y1: y(level), x2: left + width, y2: y(level), stroke: "#e4e4e4")
      svg.text(String(format1(level)), x: left - 6, y: y(level) + 4, size: 10, fill: "#555", anchor: .end)
      level += 0.1
    }
    let step = max(1, count / 10)
    for e in stride(from: 1, through: count, by: step) {
      svg.text("\(e)", x: x(e), y: top + height + 16, size: 10, fill: "#555", anchor: .middle)
    }
    svg.text("epoch", x: left + width, y: top + height + 34, size: 11, fill: "#333", anchor: .end)
    svg.text("test accuracy", x: 14, y: top + height / 2, size: 11, fill: "#333", anchor: .middle, rotate: -90)
    let series: [(String, String, KeyPath<Epoch, Double>)] = [
      ("top1 (potentials)", "#D55E00", \.top1), ("argmax (binary)", "#0072B2", \.argmax), ("exact", "#009E73", \.exact),
    ]
    for (k, (name, color, path)) in series.enumerated() {
      let points = epochs.map { (x($0.epoch), y($0[keyPath: path])) }
      svg.polyline(points, stroke: color)
      for point in points { svg.circle(x: point.0, y: point.1, radius: 2.5, fill: color) }
      let lastValue = epochs.last.map { String(format4($0[keyPath: path])) } ?? "-"
      svg.rect(x: left + width + 14, y: top + Double(k) * 18, width: 10, height: 10, fill: color)
      svg.text("\(name) \(lastValue)", x: left + width + 28, y: top + Double(k) * 18 + 9, size: 10, fill: "#333")
    }
    return svg.document
  }

  private func format1(_ x: Double) -> String { String((x * 10).rounded() / 10) }
  private func format4(_ x: Double) -> String {
    let scaled = Int((x * 10000).rounded())
    return "\(scaled / 10000).\(String(scaled % 10000).leftPadded(to: 4))"
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
