/// One population's spikes over the visible ticks, as a ``PopulationRaster`` band.
public struct RasterBand: Hashable, Sendable {
  /// The short name, e.g. `h1`.
  public var name: String
  /// A longer description shown after the title, e.g. `hidden` (may be empty).
  public var label: String
  /// The role, which picks the band's colour.
  public var role: Role
  /// The number of neurons.
  public var size: Int
  /// For each visible tick (index 0 is the raster's `firstTick`), the indices of the neurons that
  /// spiked, sorted ascending. Ticks past the end of the array are drawn empty.
  public var spikes: [[Int32]]
  /// Visible tick offsets at which this population spiked outside its gating windows.
  public var violations: Set<Int>

  /// Creates a band.
  public init(
    name: String, label: String = "", role: Role, size: Int, spikes: [[Int32]], violations: Set<Int> = []
  ) {
    self.name = name
    self.label = label
    self.role = role
    self.size = max(0, size)
    self.spikes = spikes
    self.violations = violations
  }
}
