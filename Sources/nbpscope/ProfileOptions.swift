import ArgumentParser
import NBP

/// `--profile NAME|FILE.toml`: the circuit version every circuit-building command uses.
struct ProfileOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Circuit profile: a named one (\(CircuitProfile.names.joined(separator: ", "))) or a FILE.toml overriding one.",
      valueName: "NAME|FILE.toml"))
  var profile = CircuitProfile.names[0]

  init() {}

  /// Options naming `profile` (for a second profile, as `circuit --diff` takes).
  init(profile: String) {
    self.profile = profile
  }

  /// The profile, or a one-line error naming the file, line and key.
  func resolved() throws -> CircuitProfile {
    do {
      return try CircuitProfile.resolve(profile)
    } catch {
      throw CommandFailure(error.description)
    }
  }
}
