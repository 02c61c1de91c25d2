import ArgumentParser
import Biometrics
import FacetPipeline
import FacetPlots
import FacetStudy

// Library enums the commands take as option values, so the CLI keeps no copies of them; each raw value is the
// value on the command line.
extension ScoreFileFormat: ExpressibleByArgument {}
extension PlotFormat: ExpressibleByArgument {}
extension PlotKind: ExpressibleByArgument {}
extension BlurOutputFormat: ExpressibleByArgument {}
extension ExperimentStep.Stage: ExpressibleByArgument {}

/// `--identity morph|folder`; the third rule, a regular expression, has its own option (`--id-regex`).
extension IdentityRule: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "morph": self = .morph
        case "folder": self = .folder
        default: return nil
        }
    }

    public var defaultValueDescription: String {
        switch self {
        case .morph: "morph"
        case .folder: "folder"
        case .regex(let pattern): pattern
        }
    }

    public static var allValueStrings: [String] { ["morph", "folder"] }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
