// swift-tools-version: 6.1
//
// nbpscope: a terminal debugger for spiking neural dynamics on an emulated Loihi 1 chip.
// Dependency direction (nothing imports upward):
//   JSON, Files, TOML, Budgets, CEngineKernels (no dependencies)
//   CEngineKernels (C: the emulator's innermost loops)  <-  Loihi  <-  {NBP, Traces}
//   {Loihi, Traces}  <-  Debugger  <-  {Scope, Figures}
//   {NBP, Debugger}  <-  NBPDebugging (the nBP adapter)
//   everything  <-  nbpscope
//   TOML (the data-file subset) is used by NBP (circuit profiles) and Scope (themes).
import PackageDescription

let strict: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "nbpscope",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "nbpscope", targets: ["nbpscope"]),
    .library(name: "Loihi", targets: ["Loihi"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // MARK: C boundary

    /// zlib (Debian zlib1g-dev): the only C library the cores use, wrapped by `Zlib`.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    /// ncursesw (Debian libncurses-dev): imported only by Scope's CursesBackend.swift; the shim
    /// wraps the macros and globals Swift cannot use. No `pkgConfig:` on purpose: `ncursesw.pc`
    /// carries -D_DEFAULT_SOURCE/-D_XOPEN_SOURCE=600, which SwiftPM rejects with a warning on every
    /// build; the shim sets what it needs, and Debian's libncursesw.so linker script pulls in tinfo.
    .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]),
    .target(name: "Zlib", dependencies: ["CZlib"], swiftSettings: strict),
    /// The emulator's two innermost loops (dense routing, memoryless update), built for several
    /// instruction sets with the widest the CPU has chosen at load time, which Swift cannot do.
    .target(name: "CEngineKernels"),

    // MARK: Libraries (UI-free cores)

    /// JSON: a strict parser that keeps integers exact and key order, and the one writer.
    .target(name: "JSON", swiftSettings: strict),
    /// The one file layer: regular-file reads with limits, outputs that appear only when complete.
    .target(name: "Files", swiftSettings: strict),
    /// The resource budget every reader checks sizes against before allocating or writing.
    .target(name: "Budgets", swiftSettings: strict),
    /// "did you mean …?": the one edit-distance helper.
    .target(name: "Suggestions", swiftSettings: strict),
    /// The strict TOML subset of nbpscope's data files (themes, circuit profiles): lines only.
    .target(name: "TOML", dependencies: ["Suggestions"], swiftSettings: strict),

    /// The chip emulator: network description, compartments, synapses, learning engine.
    .target(name: "Loihi", dependencies: ["JSON", "Suggestions", "Budgets", "CEngineKernels"], swiftSettings: strict),
    /// The synfire-gated backprop circuit, its data sets and its non-spiking reference (issue 4).
    .target(name: "NBP", dependencies: ["Loihi", "Files", "Zlib", "NumPy", "TOML"], swiftSettings: strict),
    /// NumPy .npy/.npz reading and writing (weights, spike exports).
    .target(name: "NumPy", dependencies: ["Zlib", "Files", "Budgets"], swiftSettings: strict),
    /// Recording, replay and import/export of spike traces (issue 5).
    .target(name: "Traces", dependencies: ["Loihi", "JSON", "Files", "Zlib", "NumPy", "Budgets"], swiftSettings: strict),
    /// Debugging sessions over any tick source (live chip, trace): the generic time model,
    /// stepping, breakpoints, commands. Knows no circuit.
    .target(name: "Debugger", dependencies: ["Loihi", "Traces", "Suggestions"], swiftSettings: strict),
    /// The nBP circuit as a debugger source: its samples, roles, matrices and time model.
    .target(name: "NBPDebugging", dependencies: ["Debugger", "NBP", "Loihi"], swiftSettings: strict),
    /// SVG figures: the annotated raster of a stretch of ticks, test accuracy per epoch.
    .target(name: "Figures", dependencies: ["Debugger"], swiftSettings: strict),
    /// The terminal front end: cell buffer, widgets, terminal backends (issue 6).
    .target(name: "Scope", dependencies: ["Debugger", "Loihi", "Files", "TOML", "Suggestions", "CNcurses"], swiftSettings: strict),

    // MARK: Executable

    .executableTarget(
      name: "nbpscope",
      dependencies: [
        "Loihi", "JSON", "Files", "Budgets", "Suggestions", "NBP", "NumPy", "Traces", "Debugger", "NBPDebugging", "Scope", "Figures",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),

    // MARK: Tests

    .testTarget(name: "LoihiTests", dependencies: ["Loihi", "JSON", "Budgets"], swiftSettings: strict),
    .testTarget(name: "TracesTests", dependencies: ["Traces", "Loihi", "NumPy", "Budgets"], swiftSettings: strict),
    .testTarget(name: "NBPTests", dependencies: ["NBP"], swiftSettings: strict),
    .testTarget(
      name: "NumPyTests", dependencies: ["NumPy", "Zlib", "Budgets"], resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(name: "DebuggerTests", dependencies: ["Debugger", "NBPDebugging", "NBP", "Loihi"], swiftSettings: strict),
    .testTarget(
      name: "ScopeTests", dependencies: ["Scope", "Debugger", "NBPDebugging", "NBP", "Loihi"], swiftSettings: strict),
    .testTarget(name: "NBPScopeTests", dependencies: ["nbpscope"], swiftSettings: strict),
  ]
)

// MARK: Fuzz targets (issue 12)

/// One libFuzzer executable per reader, declared only when `NBPSCOPE_FUZZ` is set, so the normal
/// build and `swift test` never see them; `Fuzz/run.sh` builds them with `-sanitize=fuzzer,address`
/// and runs them. Each is one file: the reader call, and the entry point that SwiftPM links `main`
/// to (`<module>_main`), which hands over to libFuzzer's driver (declared by `CFuzzer`).
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
  ("fuzz-json", ["Loihi", "Budgets"]),
  ("fuzz-trace", ["Traces"]),
  ("fuzz-numpy", ["NumPy"]),
  ("fuzz-idx", ["NBP"]),
  ("fuzz-theme", ["Scope"]),
  ("fuzz-command", ["Debugger", "Loihi"]),
]
if Context.environment["NBPSCOPE_FUZZ"] != nil {
  package.targets.append(.systemLibrary(name: "CFuzzer", path: "Fuzz/CFuzzer"))
  for target in fuzzTargets {
    package.targets.append(
      .executableTarget(
        name: target.name, dependencies: ["CFuzzer"] + target.dependencies, path: "Fuzz/\(target.name)",
        swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]))
  }
}
