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
      var session = Session(source: try replay.source(live: circuit))
      for (number, line) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
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
          throw CommandFailure("\(batch):\(number + 1): command failed: \(command)")
        }
        if result.quit { break }
      }
    }
  }
}
