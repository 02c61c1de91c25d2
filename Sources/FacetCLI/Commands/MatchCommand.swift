import ArgumentParser
import Biometrics
import Foundation
import TensorCore

/// `facet match`: all-pairs cosine matching into genuine and impostor scores, per group.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match features all-pairs into genuine (authentic) and impostor scores, with metrics.",
        discussion: """
            Inputs are .npy features, one (D,) or (1, D) float32/float64 array per image, given as a list file \
            (one path per line; blank lines are skipped) or a folder (every .npy under it). Lists are sorted; row \
            i in the outputs is the position in the sorted list.

            Without -g the probe is matched against itself: each unordered pair once (j > i), no self pairs. \
            With -g the full probe x gallery block is matched, except cells with the same label \
            (<parent folder>/<stem>) and, unless --keep-same-source, cells showing the same source photo in two \
            folders (same stem), which the reference counted as genuine pairs.

            Outputs in -o, per group G: G_authentic.npy and G_impostor.npy ((K, 3) float64 rows [i, j, score], \
            score = np.round(float32 cosine, 6), the reference layout) or, with --score-format compact, \
            G_authentic_scores.npy and G_impostor_scores.npy ((K,) float32; with --pairs also (K, 2) int32 \
            G_*_pairs.npy); G_labels.txt ("<i> <label>"), G_gallery_labels.txt with -g, G_bootstrap.npy ((R, M) \
            float64: d', EER and FNMR at each target for R = 1000 resamples of the subjects) and G_summary.json \
            (counts, moments, d', EER, AUC, FNMR at FMR targets with Clopper-Pearson intervals, and 95 % \
            subject-bootstrap intervals of d', EER and FNMR, under "bootstrap").

            A group is finished once its G_summary.json exists (written last). A rerun without --force skips \
            finished groups, redoes those without a summary (stopped part way, even after their score files were \
            in place), and is refused if every group is finished. SIGINT, SIGTERM and SIGHUP stop at the next block \
            of rows, remove the group's unfinished files, and exit 130, 143 or 129.

            Blocks, for spreading one large match over cluster jobs: --block k/n computes part k of n of the pair \
            set (whole runs of probe rows, about equal numbers of pairs per part) into \
            <output>/blocks/<G>/<k>-of-<n>/; a finished block is skipped on a rerun. Once all n are done, \
            `facet merge -o <output>` writes exactly what one run without --block writes, byte for byte, and \
            deletes the blocks.

            Reference flags are accepted: -p/-probe, -g/-gallery, -o/-output, -d/-dataset, -gr/-group.
            """)

    @Option(
        name: [.customShort("p"), .customLong("probe", withSingleDash: true), .customLong("probe")],
        help: "Probe list file or folder of .npy features.")
    var probe: String

    @Option(
        name: [.customShort("g"), .customLong("gallery", withSingleDash: true), .customLong("gallery")],
        help: "Gallery list file or folder; omit to match the probe against itself.")
    var gallery: String?

    @Option(
        name: [.customShort("o"), .customLong("output", withSingleDash: true), .customLong("output")],
        help: "Output folder (created if missing).")
    var output: String

    @Option(
        name: [.customShort("d"), .customLong("dataset", withSingleDash: true), .customLong("dataset")],
        help: "Dataset naming rule for identities: MORPH (file name up to the first '_').")
    var dataset: String = "MORPH"

    @Option(
        name: [.customLong("gr", withSingleDash: true), .customLong("group", withSingleDash: true), .customLong("group")],
        help: ArgumentHelp(
            """
            Group tag used in output file names (default: all). With --groups-csv or --group-by-folder: the \
            groups to produce (repeat or comma-separate; default every group found).
            """, valueName: "tag"))
    var group: [String] = []

    @Option(help: "Identity rule: morph (file name up to the first '_') or folder (the parent folder's name).")
    var identity: IdentityRule = .morph

    @Option(help: "Identity = first capture group of this regular expression on the file name (overrides --identity).")
    var idRegex: String?

    @Flag(help: "With -g, keep pairs of the same source photo in two folders (the reference's behaviour).")
    var keepSameSource = false

    @Option(help: "MORPH-II metadata CSV (id_num, race, gender, photo…): match each race x gender group within itself.")
    var groupsCsv: String?

    @Flag(help: "Group by each file's parent folder name and match each group within itself.")
    var groupByFolder = false

    @Option(name: .customLong("score-format"), help: "Score files: reference ((K,3) float64), compact ((K,) float32) or none (the exact score tallies, G_*_tally.npy: every metric and plot, a few MB for any number of pairs).")
    var format: ScoreFileFormat = .reference

    @Flag(help: "With --score-format compact, also write (K, 2) int32 pair indices.")
    var pairs = false

    @Option(help: "FMR targets for FNMR at FMR, comma-separated (1 to 1000 rates in (0, 1]).")
    var fmrTargets: String = "1e-1,1e-2,1e-3,1e-4,1e-5,1e-6"

    @Option(help: "Thresholds at which to report FMR and FNMR, comma-separated (finite, at most 1000).")
    var thresholds: String?

    @Option(name: [.customShort("j"), .long], help: "Threads (default: every core; at most 16 per core).")
    var threads: Int?

    @Option(
        help: ArgumentHelp("Compute only part k of n of the pair set (e.g. 2/8), for `facet merge` to combine.", valueName: "k/n"),
        transform: Shard.init(parsing:))
    var block: Shard = .whole

    @Flag(help: "Overwrite existing outputs (with --block: recompute a finished block).")
    var force = false

    @Flag(name: [.customShort("q"), .long], help: "No progress or summary lines on stderr.")
    var quiet = false

    func validate() throws {
        guard dataset.uppercased() == "MORPH" else {
            throw ValidationError("-d \(dataset): only MORPH naming is built in; use --identity folder or --id-regex")
        }
        if groupsCsv != nil && groupByFolder { throw ValidationError("use --groups-csv or --group-by-folder, not both") }
        if pairs && format != .compact { throw ValidationError("--pairs needs --score-format compact") }
        try LibraryCheck.run {
            if let threads { try ThreadSplit.checkThreads(threads, "--threads") }
            _ = try CommandParsing.targets(fmrTargets)
            _ = try CommandParsing.thresholds(thresholds)
        }
    }

    func run() throws {
        Interrupt.install()
        let rule = idRegex.map(IdentityRule.regex) ?? identity
        let probeEntries = try entries(probe, rule)
        let galleryEntries = try gallery.map { try entries($0, rule) }
        let targets = try CommandParsing.targets(fmrTargets)
        let thresholdValues = try CommandParsing.thresholds(thresholds)

        var jobs = try groupJobs(probeEntries, galleryEntries)
        if !force && block.isWhole { jobs = try unfinished(jobs) }
        let log = ConsoleLog(quiet: quiet)
        for (name, probeGroup, galleryGroup) in jobs {
            var job = MatchJob(group: name, probe: probeGroup, gallery: galleryGroup, outputFolder: output)
            job.format = format
            job.withPairs = pairs
            job.excludeSameSource = !keepSameSource
            job.targets = targets
            job.thresholds = thresholdValues
            if let threads { job.threads = threads }
            job.block = block
            let finished: Bool
            if block.isWhole {
                finished = try job.run(log: log, stop: Interrupt.stop) != nil
            } else if !force, try MatchBlock.read(folder: MatchBlock.folder(output: output, group: name, block: block)) != nil {
                log.info("match \(name) block \(block): already computed; skipped (use --force to redo it)")
                finished = true
            } else {
                finished = try job.runBlock(log: log, stop: Interrupt.stop) != nil
            }
            guard finished else {
                Console.error("\(Interrupt.reason); group \(name) not written (no partial file left)")
                throw ExitCode(Interrupt.exitStatus)
            }
        }
    }

    private func entries(_ source: String, _ rule: IdentityRule) throws -> [FeatureEntry] {
        let (paths, blank) = try FeatureEntry.listPaths(source)
        if blank > 0 && !quiet { Console.warning("\(source): skipped \(blank) blank line(s)") }
        return try paths.map { try FeatureEntry(path: $0, identity: rule) }
    }

    /// (group name, probe entries, gallery entries) for every group to produce.
    private func groupJobs(_ probe: [FeatureEntry], _ gallery: [FeatureEntry]?) throws
        -> [(String, [FeatureEntry], [FeatureEntry]?)]
    {
        let wanted = Set(group.flatMap { $0.split(separator: ",").map(String.init) })
        let groupOf: ((FeatureEntry) -> String?)?
        if let groupsCsv {
            let metadata = try MorphMetadata(csvPath: groupsCsv)
            groupOf = metadata.group(of:)
        } else if groupByFolder {
            groupOf = { URL(fileURLWithPath: $0.path).deletingLastPathComponent().lastPathComponent }
        } else {
            groupOf = nil
        }
        guard let groupOf else {
            guard wanted.count <= 1 else { throw ValidationError("several -gr tags need --groups-csv or --group-by-folder") }
            return [(wanted.first ?? "all", probe, gallery)]
        }
        func split(_ entries: [FeatureEntry], _ side: String) -> [String: [FeatureEntry]] {
            var groups = [String: [FeatureEntry]]()
            var unknown = 0
            for e in entries {
                if let g = groupOf(e) { groups[g, default: []].append(e) } else { unknown += 1 }
            }
            if unknown > 0 && !quiet { Console.warning("\(unknown) \(side) file(s) have no group in the metadata; skipped") }
            return groups
        }
        let probeGroups = split(probe, "probe")
        let galleryGroups = gallery.map { split($0, "gallery") }
        var jobs = [(String, [FeatureEntry], [FeatureEntry]?)]()
        for name in probeGroups.keys.sorted() where wanted.isEmpty || wanted.contains(name) {
            if let galleryGroups, galleryGroups[name] == nil {
                if !quiet { Console.warning("group \(name): no gallery files; skipped") }
                continue
            }
            jobs.append((name, probeGroups[name]!, galleryGroups?[name]))
        }
        guard !jobs.isEmpty else { throw FacetError(.badData, "no group has files to match") }
        return jobs
    }

    /// The jobs whose group is not finished (no summary yet), so a rerun finishes what a kill stopped. Finished
    /// groups are skipped with a notice; if every group is finished, nothing would be done: that is refused, as
    /// overwriting needs --force.
    private func unfinished(_ jobs: [(String, [FeatureEntry], [FeatureEntry]?)]) throws
        -> [(String, [FeatureEntry], [FeatureEntry]?)]
    {
        let finished = jobs.filter { MatchJob.isFinished(group: $0.0, in: output) }
        guard let first = finished.first else { return jobs }
        let left = jobs.filter { !MatchJob.isFinished(group: $0.0, in: output) }
        guard !left.isEmpty else {
            let path = (output as NSString).appendingPathComponent(MatchJob.summaryName(group: first.0))
            throw FacetError(.cannotCreate, "\(path): already exists; use --force to overwrite")
        }
        if !quiet {
            Console.info("match: \(finished.map(\.0).joined(separator: ", ")) already finished; skipped (--force redoes them)")
        }
        return left
    }
}
