import Files
/// Why a .npy/.npz image could not be read or written: the project's one reader error shape.
///
/// Parse errors always carry the file and a byte offset: within the file for ZIP structures and
/// member data, within the member's .npy image (`memberByte`) for headers and array data.
package typealias NumPyError = FormatError

/// Lower-case hexadecimal with at least `digits` digits, for error texts.
func hex(_ value: UInt64, digits: Int) -> String { ErrorText.hex(value, digits: digits) }

/// Shows raw input bytes in a Python-like quoted form, cut short so errors stay one line.
func quoted(_ bytes: some Collection<UInt8>, limit: Int = 16) -> String { ErrorText.quoted(bytes, limit: limit) }
