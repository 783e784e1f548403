import Files
/// Why a trace, an import or an export failed, as one line naming the file, the place and what
/// was expected there: the project's one reader error shape.
package typealias TraceError = FormatError

/// Shows raw bytes in a short quoted form for error texts.
func quotedBytes(_ bytes: some Collection<UInt8>, limit: Int = 12) -> String { ErrorText.quoted(bytes, limit: limit) }

/// Lower-case hexadecimal with 8 digits, for CRCs in error texts.
func hex32(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
