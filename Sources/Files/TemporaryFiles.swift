import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Unfinished outputs that a signal must not leave behind.
///
/// An output is written to a hidden temporary sibling and renamed when complete; SIGINT, SIGTERM
/// or SIGHUP in between would leave that sibling (once 9.5 GB of it). Every temporary file is
/// registered here while it exists; the first registration installs handlers that remove the
/// registered files, say so on standard error, and then let the signal end the process as it
/// would have.
///
/// The handler may only call async-signal-safe functions, so the paths live in a fixed table of
/// C strings allocated once and never freed: a slot is ended by zeroing its first byte, and a
/// path is written into a free slot with its first byte last.
package enum TemporaryFiles {
  /// A registration, to end with ``finish(_:)`` once the file is renamed or removed.
  package struct Slot: Sendable {
    fileprivate let index: Int
  }

  private static let capacity = 256
  private static let pathBytes = 4096

  /// The table: `capacity` entries of `pathBytes` bytes, an empty string meaning a free slot.
  nonisolated(unsafe) private static var table: UnsafeMutablePointer<CChar>? = nil
  private static let lock = Mutex(())

  /// Registers `path`; nil when it is too long or the table is full (the file then is only
  /// removed by the normal paths).
  package static func register(_ path: String) -> Slot? {
    let bytes = Array(path.utf8)
    guard bytes.count < pathBytes else { return nil }
    return lock.withLock { _ -> Slot? in
      if table == nil {
        // The first registration allocates the table and installs the handlers.
        table = .allocate(capacity: capacity * pathBytes)
        table!.initialize(repeating: 0, count: capacity * pathBytes)
        // A parent may have started this process with these signals blocked (some test
        // runners do); they must reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
          install(signal)
          sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
      }
      for index in 0..<capacity where table![index * pathBytes] == 0 {
        let entry = table! + index * pathBytes
        // Write the path first and its first byte last, so the handler never sees half a path.
        for (k, byte) in bytes.enumerated().dropFirst() { entry[k] = CChar(bitPattern: byte) }
        entry[bytes.count] = 0
        entry[0] = CChar(bitPattern: bytes.first ?? 0)
        return Slot(index: index)
      }
      return nil
    }
  }

  /// Ends a registration (the file has been renamed into place or removed).
  package static func finish(_ slot: Slot?) {
    guard let slot else { return }
    lock.withLock { _ in table?[slot.index * pathBytes] = 0 }
  }

  private static func install(_ signal: Int32) {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = { received in TemporaryFiles.removeAll(received) }
    #else
      action.__sigaction_u.__sa_handler = { received in TemporaryFiles.removeAll(received) }
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
    var previous = sigaction()
    // A signal the process was told to ignore (nohup) stays ignored.
    sigaction(signal, nil, &previous)
    #if canImport(Glibc)
      let ignored = unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    #else
      let ignored = unsafeBitCast(previous.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    #endif
    if !ignored { sigaction(signal, &action, nil) }
  }

  /// The handler: unlink every registered file, tell standard error, re-raise (the handler was
  /// reset to the default by SA_RESETHAND).
  private static func removeAll(_ signal: Int32) {
    if let table {
      var removed = false
      for index in 0..<capacity where table[index * pathBytes] != 0 {
        unlink(table + index * pathBytes)
        removed = true
      }
      if removed {
        let message: StaticString = "nbpscope: interrupted; the unfinished output was removed, nothing was written\n"
        _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
      }
    }
    raise(signal)
  }
}
