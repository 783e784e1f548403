import Debugger

extension ScopeApp {
  /// Time between frames while a run is in progress (the chip runs between them): 20 a second
  /// reads as motion, and keeps drawing under 5 % of a run (keys are polled between slices,
  /// every 10–30 ms, whatever the frame rate).
  package static let runningFrameInterval = Duration.milliseconds(50)

  /// Drives the app on `backend` until the user quits.
  ///
  /// While paused it waits for keys and redraws once the keys already waiting are handled. While running it advances the chip
  /// in slices sized to take about 20 ms, polls keys without blocking between slices (so space,
  /// Esc and q answer within a frame), and redraws at most 20 times a second.
  /// - Parameter stopWhenIdle: return when no key is pending and nothing runs (for tests).
  package mutating func run<Backend: TerminalBackend>(
    backend: inout Backend, renderer: inout Renderer, stopWhenIdle: Bool = false
  ) throws {
    let clock = ContinuousClock()
    var lastFrame = clock.now - .seconds(1)
    var ticksPerSlice = 16
    var needsFrame = true
    while !isQuitting {
      if needsFrame && (running == nil || clock.now - lastFrame >= Self.runningFrameInterval) {
        let app = self
        renderer.draw(to: &backend) { buffer, area, theme in app.render(into: &buffer, area: area, theme: theme) }
        lastFrame = clock.now
        needsFrame = false
      }
      if let key = renderer.nextKey(from: &backend, timeoutMilliseconds: running == nil ? 100 : 0) {
        handle(key)
        needsFrame = true
        // Keys already waiting (a paste, a typed-ahead command) are handled before the next
        // frame: a frame per key would show states nobody reads.
        while !isQuitting, let next = renderer.nextKey(from: &backend, timeoutMilliseconds: 0) { handle(next) }
      } else if running == nil {
        // Idle: the moment for work a moved cursor asks for.
        if explainAtCursor() {
          needsFrame = true
          continue
        }
        if stopWhenIdle { break }
        continue
      }
      if running != nil {
        let started = clock.now
        _ = try advance(ticks: ticksPerSlice)
        let elapsed = clock.now - started
        if elapsed < .milliseconds(10) {
          ticksPerSlice = min(ticksPerSlice * 2, 1 << 20)
        } else if elapsed > .milliseconds(30) {
          ticksPerSlice = max(1, ticksPerSlice / 2)
        }
        needsFrame = true
      }
    }
  }
}
