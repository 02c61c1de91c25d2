import Foundation
import Biometrics
import TensorCore

/// Everything that defines one `facet experiment` study. Read from a JSON config file (snake_case keys, every key
/// optional) and overridden by command-line flags; recorded verbatim in `run.json` as the run's parameters.
public struct ExperimentConfig: Codable, Equatable, Sendable {
    /// Per-group folders (`<images>/CM/`, `<images>/CF/`, …), or one folder of images when `metadataCSV` is set.
    public var images: String?
    /// MORPH-II metadata CSV (id_num, race, gender, photo, …) that assigns each image of `images` to a group.
    public var metadataCSV: String?
    /// Groups to study, in report order. Default: every group folder (or every group the metadata yields).
    public var groups: [String]?
    /// Face parts to blur (`facet blur --parts` names). Default: the reference's seven.
    public var parts: [String]?
    /// BiSeNet face-parsing weights (not needed with `labelsDir`); default: what `facet parse` looks for.
    public var bisenetWeights: String?
    /// ArcFace (IResNet) weights; default: what `facet extract` looks for.
    public var arcfaceWeights: String?
    /// Precomputed label maps (`<stem>_mask.png`, as `facet parse` writes them), per group in `<labelsDir>/<group>/`
    /// or all in `<labelsDir>/`. When set, the parse stage is skipped.
    public var labelsDir: String?
    /// The output root.
    public var output: String?
    /// Threads for every stage (default: every core).
    public var threads: Int?
    /// Images per ArcFace batch (`facet extract --batch`).
    public var batch: Int?
    /// Score files `facet match` writes: compact ((K,) float32, default), reference ((K, 3) float64) or none (only
    /// the exact score tallies, for studies too large to keep every score; the metrics and plots are the same).
    public var scoreFormat: String?
    /// FMR targets whose FNMR the report shows (default 1e-3 and 1e-4).
    public var fmrTargets: [Double]?

    /// Every value optional: unset ones take their defaults in `resolved()`.
    public init(
        images: String? = nil, metadataCSV: String? = nil, groups: [String]? = nil, parts: [String]? = nil,
        bisenetWeights: String? = nil, arcfaceWeights: String? = nil, labelsDir: String? = nil, output: String? = nil,
        threads: Int? = nil, batch: Int? = nil, scoreFormat: String? = nil, fmrTargets: [Double]? = nil
    ) {
        self.images = images
        self.metadataCSV = metadataCSV
        self.groups = groups
        self.parts = parts
        self.bisenetWeights = bisenetWeights
        self.arcfaceWeights = arcfaceWeights
        self.labelsDir = labelsDir
        self.output = output
        self.threads = threads
        self.batch = batch
        self.scoreFormat = scoreFormat
        self.fmrTargets = fmrTargets
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case images, groups, parts, output, threads, batch
        case metadataCSV = "metadata_csv"
        case bisenetWeights = "bisenet_weights"
        case arcfaceWeights = "arcface_weights"
        case labelsDir = "labels_dir"
        case scoreFormat = "score_format"
        case fmrTargets = "fmr_targets"
    }

    public static let referenceParts = ["eyes", "eyeswbrows", "brows", "nose", "mouthwlips", "hair", "skin"]
    public static let defaultFMRTargets = [1e-3, 1e-4]
    static let scoreFormats = ["compact", "reference", "none"]

    /// Reads a JSON config; unknown or repeated keys are an error (a misspelt key must not be silently ignored,
    /// nor a key set twice resolved by whichever the parser keeps).
    public static func load(path: String) throws -> ExperimentConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FacetError(.missingInput, "\(path): no such config file")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw FacetError(.badData, "\(path): not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw FacetError(.badData, "\(path): the config must be a JSON object")
        }
        var seen = Set<String>()
        if let repeated = JSONTopLevelKeys.keys(data).first(where: { !seen.insert($0).inserted }) {
            throw FacetError(.badData, "\(path): key '\(repeated)' is set twice")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = dictionary.keys.sorted().first(where: { !known.contains($0) }) {
            throw FacetError(
                .badData, "\(path): unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        do { return try JSONDecoder().decode(ExperimentConfig.self, from: data) } catch let DecodingError.typeMismatch(_, context) {
            throw FacetError(.badData, "\(path): '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw FacetError(.badData, "\(path): cannot read config (\(error))")
        }
    }

    /// `self` with every value that `overrides` sets replacing ours.
    public func overridden(by overrides: ExperimentConfig) -> ExperimentConfig {
        var c = self
        c.images = overrides.images ?? images
        c.metadataCSV = overrides.metadataCSV ?? metadataCSV
        c.groups = overrides.groups ?? groups
        c.parts = overrides.parts ?? parts
        c.bisenetWeights = overrides.bisenetWeights ?? bisenetWeights
        c.arcfaceWeights = overrides.arcfaceWeights ?? arcfaceWeights
        c.labelsDir = overrides.labelsDir ?? labelsDir
        c.output = overrides.output ?? output
        c.threads = overrides.threads ?? threads
        c.batch = overrides.batch ?? batch
        c.scoreFormat = overrides.scoreFormat ?? scoreFormat
        c.fmrTargets = overrides.fmrTargets ?? fmrTargets
        return c
    }

    /// The config with defaults filled in, checked for values no stage could use.
    public func resolved() throws -> ExperimentConfig {
        var c = self
        guard c.images != nil else { throw FacetError(.usage, "no images: give --images or \"images\" in the config") }
        guard c.output != nil else { throw FacetError(.usage, "no output root: give -o or \"output\" in the config") }
        c.parts = c.parts ?? Self.referenceParts
        if c.labelsDir != nil { c.bisenetWeights = nil }  // label maps given: BiSeNet is not run
        c.scoreFormat = c.scoreFormat ?? "compact"
        c.fmrTargets = c.fmrTargets ?? Self.defaultFMRTargets
        guard let parts = c.parts, !parts.isEmpty, Set(parts).count == parts.count else {
            throw FacetError(.badData, "parts must be a non-empty list without repeats")
        }
        for part in parts where part.isEmpty || !part.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            throw FacetError(.badData, "part '\(part)': use a name like eyes or nose (letters, digits, _ or -)")
        }
        if let groups = c.groups {
            guard !groups.isEmpty, Set(groups).count == groups.count else {
                throw FacetError(.badData, "groups must be a non-empty list without repeats")
            }
            for group in groups where group.isEmpty || group.contains("/") || group.hasPrefix(".") {
                throw FacetError(.badData, "group '\(group)' is not a usable folder name")
            }
        }
        guard Self.scoreFormats.contains(c.scoreFormat!) else {
            throw FacetError(.badData, "score_format '\(c.scoreFormat!)': use compact, reference or none")
        }
        // The stage commands' checks, under the config's key names; a bad value here is a bad config (65).
        do {
            try MetricsReport.checkTargets(c.fmrTargets!, "fmr_targets")
            if let threads = c.threads { try ThreadSplit.checkThreads(threads, "threads") }
            if let batch = c.batch { try ThreadSplit.checkBatch(batch, "batch") }
        } catch let error as FacetError {
            throw FacetError(.badData, error.message)
        }
        return c
    }
}
