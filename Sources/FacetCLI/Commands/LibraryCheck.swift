import ArgumentParser
import TensorCore

/// Runs the libraries' setting checks from a command's `validate()`. ArgumentParser treats only its own
/// `ValidationError` as a usage error (exit 64), so a library's `FacetError` is passed on as one, message intact.
enum LibraryCheck {
    static func run(_ body: () throws -> Void) throws {
        do { try body() } catch let error as FacetError { throw ValidationError(error.message) }
    }
}
