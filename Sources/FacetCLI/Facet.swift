import ArgumentParser
import FacetRevision
import TensorCore

/// The `facet` command: face parsing, part blurring, ArcFace embeddings, matching and metrics.
public struct Facet: ParsableCommand {
    public static let toolVersion = FacetVersion.number

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "facet",
            abstract: "Face parsing, part blurring, ArcFace embeddings, matching and metrics, in pure Swift.",
            discussion: """
                Exit status: 0 success; 1 some inputs in a batch failed (each is reported on stderr); \
                64 usage error; 65 corrupt or unsupported input data; 66 missing input; \
                73 an output cannot be created (or is not a regular file); 74 I/O error; 130 interrupted (Ctrl-C), \
                143 terminated (SIGTERM), 129 hung up (SIGHUP): the items in progress are finished, no partial \
                or temporary file is left, and a rerun resumes. Every numeric option has a range, checked before \
                any work (README: Exit codes and limits).

                Every command also takes --log-file FILE (anywhere on the line): every message written to stderr \
                is appended to FILE as well, each line stamped with the UTC time (a terminal's redrawn progress \
                bar is left out; off a terminal, the periodic progress lines go in).
                """,
            version: versionText,
            subcommands: [
                ParseCommand.self,
                BlurCommand.self,
                ExtractCommand.self,
                ConvertCommand.self,
                MatchCommand.self,
                MergeCommand.self,
                MetricsCommand.self,
                PlotCommand.self,
                ExperimentCommand.self,
                Bench.self,
            ])
    }

    /// `facet --version`: the tool version, the git commit it was built from, the OpenBLAS build, the kernel core
    /// it picked, and its thread count.
    public static var versionText: String {
        """
        facet \(toolVersion)
        source revision: \(SourceRevision.text)
        OpenBLAS: \(BLAS.config)
        OpenBLAS core: \(BLAS.coreName)
        OpenBLAS threads: \(BLAS.threads)
        """
    }

    public init() {}
}
