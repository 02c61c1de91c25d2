import ArgumentParser
import FacetStudy
import TensorCore

/// `facet experiment`: the whole face-part blurring study in one command, with an HTML report.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Run the whole study: parse, blur every part, extract, match, metrics, plots and an HTML report.",
        discussion: """
            Inputs: per-group image folders (<images>/CM/, <images>/CF/, ...), or one image folder plus the \
            MORPH-II metadata CSV (--metadata-csv), which assigns each image to its group (CM = White male, \
            CF = White female, AAM = Black male, AAF = Black female, ...).

            The study runs the stages in process (the equivalent stage commands are recorded in run.json): per group, \
            `facet parse` once (skipped with --labels-dir), `facet blur` for every part, `facet extract` once over \
            the originals and every blurred set, `facet match` within the originals, within each blurred set, and each \
            blurred set against the originals (pairs of the same source photo excluded), `facet plot` (distribution \
            and DET figures per part), then report.html: d', EER and FNMR at the FMR targets per group and \
            condition with the change against the original, a heatmap of the d' changes, the figures, and the \
            provenance.

            Output root layout: images/<G>/original (a link to the group's images), labels/<G>/, \
            blurred/<G>/blurred_<part>/, lists/<G>/extract.txt, features/<G>/<condition>/, scores/<G>/<condition>/, \
            plots/<G>/, run.json, report.html.

            Resuming: rerun the same command after Ctrl-C or a crash. Finished files are never redone (the \
            stages skip outputs that exist; every file is written atomically); a match is redone only if its \
            features changed in number. A rerun with other parameters or inputs into the same output root is \
            refused. run.json records the input list hash, every parameter, the models' SHA-256, the tool version, \
            the OpenBLAS core and threads, and each step's time.

            Config file (JSON, every key optional, flags override): {"images": "morph", "metadata_csv": null, \
            "groups": ["CM", "CF"], "parts": ["eyes", "nose"], "bisenet_weights": "Weights/79999_iter.pth", \
            "arcface_weights": "Weights/model-r100-ii/model-0000.params", "labels_dir": null, "output": "study", "threads": 2, \
            "batch": 8, "score_format": "compact", "fmr_targets": [0.001, 0.0001]}

            Exit status: 0 done; 1 some inputs or conditions failed (each reported; the report shows the gaps); \
            64 usage error (e.g. no images or output root); 65 a bad config file; \
            66 missing inputs or weights (the message names each file to get and where to put it; see \
            Weights/README.md); \
            73 the output root holds a different run; 130 interrupted (Ctrl-C), 143 SIGTERM, 129 SIGHUP.
            """)

    @Option(help: "JSON config file (see below); flags override its values.")
    var config: String?

    @Option(help: "Image root: per-group folders, or one folder with --metadata-csv.")
    var images: String?

    @Option(help: "MORPH-II metadata CSV assigning the images of --images to groups.")
    var metadataCsv: String?

    @Option(help: "Groups to study, comma-separated, in report order (default: all).")
    var groups: String?

    @Option(help: "Parts to blur, comma-separated (default: eyes,eyeswbrows,brows,nose,mouthwlips,hair,skin).")
    var parts: String?

    @Option(help: "BiSeNet weights (default: as facet parse, $FACET_WEIGHTS/ or ./Weights/79999_iter.{safetensors,pth}).")
    var bisenetWeights: String?

    @Option(help: "ArcFace weights (default: as facet extract, $FACET_WEIGHTS/ or ./Weights/arcface.safetensors, ...).")
    var arcfaceWeights: String?

    @Option(help: "Precomputed label maps (<stem>_mask.png) in <dir>/<group>/ or <dir>/; skips the parse stage.")
    var labelsDir: String?

    @Option(name: [.customShort("o"), .long], help: "Output root.")
    var output: String?

    @Option(name: [.customShort("j"), .long], help: "Threads for every stage.")
    var threads: Int?

    @Option(help: "Images per ArcFace batch.")
    var batch: Int?

    @Option(help: "Score files: compact ((K,) float32) or reference ((K, 3) float64).")
    var scoreFormat: String?

    @Option(help: "FMR targets shown in the report, comma-separated (default 1e-3,1e-4).")
    var fmrTargets: String?

    @Option(help: "Stop after this stage.")
    var stopAfter: ExperimentStep.Stage?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        try LibraryCheck.run {
            if let threads { try ThreadSplit.checkThreads(threads, "--threads") }
            if let batch { try ThreadSplit.checkBatch(batch, "--batch") }
            _ = try fmrTargets.map { try CommandParsing.targets($0) }
        }
    }

    func run() throws {
        let log = ConsoleLog(quiet: quiet)
        let study = try Study(config: try resolvedConfig(), log: log)
        Interrupt.install()
        let outcome = try study.run(
            command: CommandLine.arguments.dropFirst().map { $0 }, stopAfter: stopAfter, log: log, stop: Interrupt.stop)
        if outcome == .interrupted { throw ExitCode(Interrupt.exitStatus) }
        if outcome.hadFailures { throw ExitCode(1) }
    }

    /// The config file's values, overridden by the flags given, with defaults filled in.
    func resolvedConfig() throws -> ExperimentConfig {
        let base = try config.map(ExperimentConfig.load(path:)) ?? ExperimentConfig()
        func list(_ text: String?) -> [String]? {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        var flags = ExperimentConfig()
        flags.images = images
        flags.metadataCSV = metadataCsv
        flags.groups = list(groups)
        flags.parts = list(parts)
        flags.bisenetWeights = bisenetWeights
        flags.arcfaceWeights = arcfaceWeights
        flags.labelsDir = labelsDir
        flags.output = output
        flags.threads = threads
        flags.batch = batch
        flags.scoreFormat = scoreFormat
        flags.fmrTargets = try fmrTargets.map { try CommandParsing.targets($0) }
        return try base.overridden(by: flags).resolved()
    }
}
