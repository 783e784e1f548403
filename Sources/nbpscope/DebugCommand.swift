import Suggestions
import Files
import ArgumentParser
import Debugger
import Foundation

extension NBPScopeCommand {
  /// `nbpscope debug --batch SCRIPT`: the debugger without a terminal.
  struct Debug: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run debugger commands from a script, without a terminal.",
      discussion: """
        One command per line; '#' starts a comment. Each command is echoed after '(nbpscope) ' and \
        followed by its result; every stop prints 'stopped: REASON, tick T · sample S · phase W gWW NAME'. \
        The exit code is 1 at the first command that fails. 'help' lists the commands.
        """)

    @Option(help: ArgumentHelp("The command script ('-' for standard input).", valueName: "SCRIPT"))
    var batch: String
    @OptionGroup var circuit: CircuitOptions
    @OptionGroup var replay: SourceOptions

    func run() throws {
      let script: String
      if batch == "-" {
        script = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      } else {
        script = String(decoding: try readInput(batch), as: UTF8.self)
      }
      var session = Session(source: try replay.source(live: circuit), history: replay.history)
      var sourced: Set<String> = []
      _ = try runScript(script, named: batch, in: &session, sourced: &sourced)
    }
  }
}

/// Runs one script's lines (`\n` or `\r\n`) in a session, echoing each command and its answer;
/// `source FILE` runs another script in place (each file at most once on the stack: no loops).
/// Returns false when a command asked to quit.
private func runScript(_ script: String, named name: String, in session: inout Session, sourced: inout Set<String>) throws -> Bool {
  for (number, line) in script.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
    let command = String(line).trimmingCharacters(in: .whitespaces)
    guard !command.isEmpty, !command.hasPrefix("#") else { continue }
    print("(nbpscope) \(command)")
    let result = session.execute(command)
    for output in result.lines { print(output) }
    if result.startRunning {
      let stop = try session.run(.breakpoint)
      print(stop?.line ?? "running")
    }
    if result.isError {
      fflush(nil)
      throw CommandFailure("\(name):\(number + 1): command failed: \(echoed(command, limit: 80))")
    }
    switch result.fileEffect {
    case .write(let path, let text)?:
      let output = try AtomicOutput(path: path)
      try output.write(Array(text.utf8))
      try output.commit()
    case .source(let path)?:
      guard sourced.insert(path).inserted else {
        throw CommandFailure("\(name):\(number + 1): \(path) is already being sourced")
      }
      let text = String(decoding: try readInput(path), as: UTF8.self)
      let goOn = try runScript(text, named: path, in: &session, sourced: &sourced)
      sourced.remove(path)
      if !goOn { return false }
    case nil:
      break
    }
    if result.quit { return false }
  }
  return true
}
