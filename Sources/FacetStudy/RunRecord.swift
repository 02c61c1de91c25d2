import Checkpoints
import FacetRevision
import Foundation
import TensorCore

/// `run.json`: what a study ran on, with which settings and code, and how long each step took. Rewritten after
/// every step, so an interrupted run still says how far it got.
struct RunRecord: Codable, Sendable {
    struct Inputs: Codable, Sendable {
        let images: String
        let metadataCSV: String?
        let count: Int
        let perGroup: [String: Int]
        /// SHA-256 of the sorted `<group>/<file name>` list, one per line.
        let listSHA256: String
        /// The same per group (nil in a run.json an older facet wrote), so groups can be added to a study.
        var groupListSHA256: [String: String]? = nil
    }

    struct Model: Codable, Sendable {
        let name: String
        let path: String
        let bytes: Int
        let sha256: String
        /// For a `facet convert` copy, the SHA-256 of the file it was converted from (its `source_sha256`).
        var sourceSHA256: String? = nil

        /// Whether both hold the same weights: one file, or one a lossless `facet convert` copy of the other (or
        /// both copies of one file).
        func hasSameWeights(as other: Model) -> Bool {
            guard name == other.name else { return false }
            let a = [sha256] + (sourceSHA256.map { [$0] } ?? [])
            let b = [other.sha256] + (other.sourceSHA256.map { [$0] } ?? [])
            return !Set(a).isDisjoint(with: b)
        }
    }

    struct Software: Codable, Sendable {
        let tool: String
        let toolVersion: String
        /// The git commit facet was built from (`SourceRevision`); nil for a build outside a checkout, or in a
        /// run.json an older facet wrote.
        let sourceRevision: String?
        let openBLASConfig: String
        let openBLASCore: String
        let openBLASThreads: Int
        let processorCount: Int
    }

    struct Step: Codable, Sendable {
        enum Status: String, Codable, Sendable {
            case done, skipped, failed, interrupted
            /// The command exited 1: some inputs failed (each reported); the rest is done.
            case someFailed = "some-failed"
        }

        let stage: ExperimentStep.Stage
        let label: String
        /// The `facet` arguments the step ran with (empty for the experiment's own steps).
        let arguments: [String]
        /// skipped: its outputs were complete from an earlier run.
        var status: Status
        var seconds: Double
        var message: String?
        /// The inputs that failed, once each.
        var failedInputs: [String]?
    }

    /// An earlier run into the same output root that this one resumes.
    struct EarlierRun: Codable, Sendable {
        let command: [String]
        let startedAt: String
        let finishedAt: String?
        let status: String
        let stageSeconds: [String: Double]
    }

    let command: [String]
    let parameters: ExperimentConfig
    let inputs: Inputs
    let models: [Model]
    let software: Software
    let startedAt: String
    var finishedAt: String?
    /// running, complete, complete-with-failures, stopped-after-<stage>, interrupted, or failed (a step's error
    /// stopped the study).
    var status: String
    var steps: [Step] = []
    /// The runs this one continues, oldest first.
    var earlierRuns: [EarlierRun] = []
    /// The latest cluster submission's jobs (kept by the runs that continue it).
    var cluster: ClusterRecord?
    /// Seconds per stage in this run (sum of its steps).
    var stageSeconds: [String: Double] {
        steps.reduce(into: [:]) { $0[$1.stage.rawValue, default: 0] += $1.seconds }
    }

    enum CodingKeys: String, CodingKey {
        case command, parameters, inputs, models, software, startedAt, finishedAt, status, steps, stageSeconds
        case earlierRuns, cluster
    }

    init(command: [String], parameters: ExperimentConfig, inputs: Inputs, models: [Model], software: Software,
         startedAt: String, status: String) {
        self.command = command
        self.parameters = parameters
        self.inputs = inputs
        self.models = models
        self.software = software
        self.startedAt = startedAt
        self.status = status
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try c.decode([String].self, forKey: .command)
        parameters = try c.decode(ExperimentConfig.self, forKey: .parameters)
        inputs = try c.decode(Inputs.self, forKey: .inputs)
        models = try c.decode([Model].self, forKey: .models)
        software = try c.decode(Software.self, forKey: .software)
        startedAt = try c.decode(String.self, forKey: .startedAt)
        finishedAt = try c.decodeIfPresent(String.self, forKey: .finishedAt)
        status = try c.decode(String.self, forKey: .status)
        steps = try c.decode([Step].self, forKey: .steps)
        earlierRuns = try c.decodeIfPresent([EarlierRun].self, forKey: .earlierRuns) ?? []
        cluster = try c.decodeIfPresent(ClusterRecord.self, forKey: .cluster)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(models, forKey: .models)
        try c.encode(software, forKey: .software)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encodeIfPresent(finishedAt, forKey: .finishedAt)
        try c.encode(status, forKey: .status)
        try c.encode(steps, forKey: .steps)
        try c.encode(stageSeconds, forKey: .stageSeconds)
        try c.encode(earlierRuns, forKey: .earlierRuns)
        try c.encodeIfPresent(cluster, forKey: .cluster)
    }

    static func software() -> Software {
        Software(
            tool: "facet", toolVersion: FacetVersion.number, sourceRevision: SourceRevision.commit, openBLASConfig: BLAS.config, openBLASCore: BLAS.coreName,
            openBLASThreads: BLAS.threads, processorCount: ProcessInfo.processInfo.activeProcessorCount)
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    func write(to path: String) throws { try AtomicFile.write(try encoded(), to: path) }

    static func read(_ path: String) throws -> RunRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FacetError(.missingInput, "\(path): no such file")
        }
        do { return try JSONDecoder().decode(RunRecord.self, from: data) } catch {
            throw FacetError(.badData, "\(path): not a facet experiment run record")
        }
    }

    /// Continues `previous` (same inputs and parameters, checked): its history and summary carry over.
    mutating func resume(_ previous: RunRecord, path: String) throws {
        try checkResumable(previous: previous, path: path)
        cluster = cluster ?? previous.cluster
        earlierRuns = previous.earlierRuns + [
            EarlierRun(
                command: previous.command, startedAt: previous.startedAt, finishedAt: previous.finishedAt,
                status: previous.status, stageSeconds: previous.stageSeconds)
        ]
    }

    /// Refuses to resume into an output root whose earlier run used other inputs or parameters (mixing them would
    /// make the results meaningless). Threads may differ: they change speed, not results; weight files may move:
    /// their contents (SHA-256) must match.
    func checkResumable(previous: RunRecord, path: String) throws {
        // Paths compare as absolute paths (a relative one taken from here), so a run given `morph` continues as
        // the Slurm tasks, which are given `/data/morph`; the output root is where the record is.
        func absolute(_ path: String?) -> String? { path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }
        // Parts (names of fixed label sets) and groups may be added or left out: finished work stays valid, and
        // a rerun does only the new.
        func comparable(_ c: ExperimentConfig) -> ExperimentConfig {
            var c = c
            (c.threads, c.bisenetWeights, c.arcfaceWeights, c.output) = (nil, nil, nil, nil)
            (c.parts, c.groups) = (nil, nil)
            (c.images, c.metadataCSV, c.labelsDir) = (absolute(c.images), absolute(c.metadataCSV), absolute(c.labelsDir))
            return c
        }
        if comparable(parameters) != comparable(previous.parameters) {
            throw FacetError(
                .cannotCreate,
                "\(path): the output root holds a run with other parameters; use another output folder (or delete it)")
        }
        for model in models {
            guard let earlier = previous.models.first(where: { $0.name == model.name }), !model.hasSameWeights(as: earlier)
            else { continue }
            throw FacetError(
                .cannotCreate,
                "\(path): the output root holds a run with other \(model.name) weights: \(model.path) has SHA-256 \(model.sha256), "
                    + "the run used \(earlier.path) with SHA-256 \(earlier.sha256); pass --\(model.name)-weights \(earlier.path) "
                    + "to continue it, or use another output folder")
        }
        if models.map(\.name) != previous.models.map(\.name) {
            throw FacetError(
                .cannotCreate,
                "\(path): the output root holds a run with other models (\(previous.models.map(\.name).joined(separator: ", "))); "
                    + "use another output folder (or delete it)")
        }
        if let now = inputs.groupListSHA256, let then = previous.inputs.groupListSHA256 {
            for (group, hash) in now.sorted(by: { $0.key < $1.key }) where then[group].map({ $0 != hash }) ?? false {
                throw FacetError(
                    .cannotCreate,
                    "\(path): the output root holds a run on other images of group \(group); use another output folder (or delete it)")
            }
        } else if inputs.listSHA256 != previous.inputs.listSHA256 {
            throw FacetError(
                .cannotCreate,
                "\(path): the output root holds a run on other input images; use another output folder (or delete it)")
        }
    }
}

extension RunRecord {
    /// The record of a run about to start: inputs hashed, models hashed, software noted.
    /// The `source_sha256` a `facet convert` copy records; nil for any other file.
    static func convertedFrom(_ path: String) -> String? {
        guard (try? CheckpointFormat.detect(path: path)) == .safetensors else { return nil }
        return (try? SafeTensors.read(path: path))?.metadata["source_sha256"]
    }

    static func start(
        command: [String], config: ExperimentConfig, dataset: ExperimentDataset, models: [(name: String, path: String)]
    ) throws -> RunRecord {
        let inputs = Inputs(
            images: config.images ?? "", metadataCSV: config.metadataCSV, count: dataset.imageCount,
            perGroup: Dictionary(uniqueKeysWithValues: dataset.groups.map { ($0.name, $0.files.count) }),
            listSHA256: SHA256.hex(Data(dataset.inputList.utf8)),
            groupListSHA256: Dictionary(
                uniqueKeysWithValues: dataset.groups.map { g in
                    (g.name, SHA256.hex(Data(g.files.map { "\(g.name)/\($0)\n" }.sorted().joined().utf8)))
                }))
        let hashed = try models.map { name, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
            return Model(
                name: name, path: path, bytes: size, sha256: try SHA256.hex(fileAt: path), sourceSHA256: convertedFrom(path))
        }
        return RunRecord(
            command: command, parameters: config, inputs: inputs, models: hashed, software: software(),
            startedAt: timestamp(), status: "running")
    }
}
