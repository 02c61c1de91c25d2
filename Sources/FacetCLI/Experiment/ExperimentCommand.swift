import ArgumentParser
import FacetStudy
import Foundation
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
            plots/<G>/, run.json, report.html, results.csv and results.json (one row per group, condition and metric: \
            group, condition (original, blurred, cross), part, metric (d_prime, eer, auc, genuine_mean, \
            impostor_mean, fnmr_at_fmr_<target>), value, low and high (the 95% subject-bootstrap interval of d', \
            EER and FNMR, 1000 resamples of the group's subjects; Clopper-Pearson for the rates at the original's \
            threshold), interval (how low and high were computed), change against the group's original, change_low \
            and change_high (its interval, from the same resamples in both conditions), genuine_pairs, \
            impostor_pairs; a missing number is an empty field or null).

            Resuming: rerun the same command after Ctrl-C or a crash. Finished files are never redone (the \
            stages skip outputs that exist; every file is written atomically); a match is redone only if its \
            features changed in number. A rerun with other parameters or inputs into the same output root is \
            refused. run.json records the input list hash, every parameter, the models' SHA-256, the tool version, \
            the OpenBLAS core and threads, and each step's time.

            Config file (JSON, every key optional, flags override): {"images": "morph", "metadata_csv": null, \
            "groups": ["CM", "CF"], "parts": ["eyes", "nose"], "bisenet_weights": "Weights/79999_iter.pth", \
            "arcface_weights": "Weights/model-r100-ii/model-0000.params", "labels_dir": null, "output": "study", "threads": 2, \
            "batch": 8, "score_format": "compact", "fmr_targets": [0.001, 0.0001]}

            On a Slurm cluster: --slurm writes one batch script per stage under <output>/slurm/ (each an array \
            of --shards tasks; every task runs one shard of its stage for every group: `facet experiment --config \
            <output>/slurm/study.json --task <stage> --shard k/n`), and a final job that merges the match blocks, \
            plots and reports, chained with --dependency=afterok, then prints the command that submits them. \
            --submit also submits them through sbatch ($SBATCH, or the one on PATH) and records the job ids in \
            run.json; --wait then waits for the last job and exits as a local run would, naming any failed task \
            with its stage, shard and log. The outputs are the same files, byte for byte, as a local run's. A \
            rerun with --submit submits only the shards that have not finished. Threads per task: --threads \
            (default 2, as --cpus-per-task); --sbatch-arg adds a directive to every script (partition, account, \
            time, memory: --sbatch-arg=--partition=short --sbatch-arg=--mem=8G).

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

    @Option(name: [.customShort("j"), .long], help: "Threads for every stage (at most 16 per core).")
    var threads: Int?

    @Option(help: "Images per ArcFace batch (1 to \(ThreadSplit.maximumBatch)).")
    var batch: Int?

    @Option(help: "Score files: compact ((K,) float32), reference ((K, 3) float64) or none (only the exact score tallies: same metrics and plots, a few MB per condition at any scale).")
    var scoreFormat: String?

    @Option(help: "FMR targets shown in the report, comma-separated (default 1e-3,1e-4).")
    var fmrTargets: String?

    @Option(help: "Stop after this stage.")
    var stopAfter: ExperimentStep.Stage?

    @Flag(help: "Write the study's Slurm batch scripts under <output>/slurm/ and print the command that submits them.")
    var slurm = false

    @Flag(help: "With --slurm (implied): submit the jobs through sbatch; only unfinished shards are submitted.")
    var submit = false

    @Flag(help: "With --submit: wait for the jobs and exit as a local run would.")
    var wait = false

    @Option(help: "Tasks per stage on the cluster (default: one per 500 images of the largest group, 1…100).")
    var shards: Int?

    @Option(
        name: .customLong("sbatch-arg"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A directive for every batch script, e.g. --sbatch-arg --partition=short (repeatable; the next word is taken whatever it is).", valueName: "arg"))
    var sbatchArguments: [String] = []

    @Option(help: "The facet executable the cluster jobs run (default: this one; give a path the compute nodes see).")
    var slurmFacet: String?

    @Option(help: "Run one array task of a cluster submission: this stage's --shard (what the batch scripts run).")
    var task: ExperimentStep.Stage?

    @Option(
        help: ArgumentHelp("With --task: the shard to run, k/n.", valueName: "k/n"), transform: Shard.init(parsing:))
    var shard: Shard?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        if wait && !submit { throw ValidationError("--wait needs --submit") }
        let cluster = slurm || submit
        if (task == nil) != (shard == nil) { throw ValidationError("--task and --shard go together") }
        if task != nil && cluster { throw ValidationError("--task runs inside a submitted job; do not combine it with --slurm or --submit") }
        if stopAfter != nil && (cluster || task != nil) { throw ValidationError("--stop-after applies to local runs only") }
        if !cluster && (shards != nil || !sbatchArguments.isEmpty || slurmFacet != nil) {
            throw ValidationError("--shards, --sbatch-arg and --slurm-facet need --slurm")
        }
        if let shards, !(1...Shard.maximumCount).contains(shards) {
            throw ValidationError("--shards \(shards): use 1…\(Shard.maximumCount)")
        }
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
        if let task, let shard {
            _ = try study.runTask(try StudyTask(stage: task, shard: shard), log: log, stop: Interrupt.stop)
            if Interrupt.stop.isRequested { throw ExitCode(Interrupt.exitStatus) }
            return
        }
        if slurm || submit { return try runOnSlurm(study, log: log) }
        let outcome = try study.run(
            command: CommandLine.arguments.dropFirst().map { $0 }, stopAfter: stopAfter, log: log, stop: Interrupt.stop)
        if outcome == .interrupted { throw ExitCode(Interrupt.exitStatus) }
        if outcome.hadFailures { throw ExitCode(1) }
    }

    /// --slurm, --submit and --wait.
    private func runOnSlurm(_ local: Study, log: ConsoleLog) throws {
        let command = CommandLine.arguments.dropFirst().map { $0 }
        // Writing the scripts needs no sbatch on this machine; submitting does.
        let scheduler: SlurmScheduler
        if submit {
            scheduler = try SlurmScheduler()
        } else {
            scheduler = try (try? SlurmScheduler()) ?? SlurmScheduler(sbatch: "sbatch")
        }
        let submission = try ClusterSubmission(
            study: try local.withAbsolutePaths(log: log), scheduler: scheduler, shards: shards, cpusPerTask: threads ?? 2,
            extraDirectives: sbatchArguments, executable: try slurmFacet.map(Self.absolute) ?? Self.thisExecutable())
        guard submit else {
            print(try submission.writeScripts(command: command))
            return
        }
        let jobs = try submission.submit(command: command, log: log)
        for job in jobs { print("\(job.name) \(job.id)") }
        guard wait else { return }
        let outcome = try submission.wait(for: jobs, log: log, stop: Interrupt.stop)
        if outcome == .interrupted { throw ExitCode(Interrupt.exitStatus) }
        if outcome != .complete { throw ExitCode(1) }
    }

    private static func absolute(_ path: String) throws -> String {
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: full) else {
            throw FacetError(.missingInput, "--slurm-facet \(path): not an executable file")
        }
        return full
    }

    /// This process's executable, as an absolute path for the batch scripts.
    private static func thisExecutable() -> String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
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
