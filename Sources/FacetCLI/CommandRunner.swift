import ArgumentParser
import Foundation
import TensorCore

/// Runs `facet` with the process arguments and maps every failure to its documented exit status.
public enum CommandRunner {
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            let (rest, logPath) = try LogFile.extract(from: arguments ?? Array(CommandLine.arguments.dropFirst()))
            if let logPath { try LogFile.shared.open(logPath) }
            var command = try Facet.parseAsRoot(rest)
            try command.run()
            exit(0)
        } catch let error as FacetError {
            Console.error(error.message)
            exit(error.kind.exitStatus)
        } catch where Facet.exitCode(for: error) == .validationFailure {
            // One line like every other error (the flag, the value and the problem); --help shows the usage.
            Console.error(Facet.message(for: error))
            exit(ExitCode.validationFailure.rawValue)
        } catch {
            Facet.exit(withError: error)
        }
    }
}
