import Foundation
import Imaging
import TensorCore

/// The extract stage: an embedding per image, `<destination>/<stem>.npy` (a (D,) float32 array). Images whose
/// embedding exists are skipped unless `force`.
public struct ExtractStage: Sendable {
    public var embedder: any FaceEmbedder
    public var destination: String
    /// Sum the embeddings of each face and its mirror image before normalizing.
    public var flip = false
    public var force = false
    public var load = ImageLoadOptions()
    /// Images per forward pass.
    public var batch = 8

    public init(embedder: any FaceEmbedder, destination: String) {
        self.embedder = embedder
        self.destination = destination
    }

    /// Where the embedding of `item` goes.
    public func outputPath(_ item: BatchItem) -> String { Self.outputPath(item, in: destination) }

    public static func outputPath(_ item: BatchItem, in destination: String) -> String {
        item.output(in: destination, named: StageOutputs.embedding(stem: item.stem))
    }

    /// Readies `destination` and refuses two items with one embedding file, before any work. `run` does this
    /// too; a command calls it before loading the weights.
    public static func prepareOutputs(_ items: [BatchItem], destination: String) throws {
        try OutputFolder.prepare(destination, for: items) { [outputPath($0, in: destination)] }
    }

    /// Embeds every item over `threads` threads, keeping going past bad images.
    public func run(
        _ items: [BatchItem], threads: Int, log: any PipelineLog = SilentLog(), stop: StopRequest = StopRequest()
    ) throws -> BatchSummary {
        try Self.prepareOutputs(items, destination: destination)
        return try BatchRunner.runModel("extract", items: items, batch: batch, threads: threads, log: log, stop: stop) { buffers, chunk in
            process(chunk, buffers: buffers)
        }
    }

    func process(_ chunk: ArraySlice<BatchItem>, buffers: InferenceBuffers) -> [Result<BatchOutcome, Error>] {
        var results = [Result<BatchOutcome, Error>?](repeating: nil, count: chunk.count)
        var faces: [(slot: Int, item: BatchItem, face: Image)] = []
        for (slot, item) in chunk.enumerated() {
            if !force && FileManager.default.fileExists(atPath: outputPath(item)) {
                results[slot] = .success(.skipped)
                continue
            }
            do { faces.append((slot, item, embedder.face(from: try ImageFile.read(item.path, options: load)))) } catch {
                results[slot] = .failure(error)
            }
        }
        let embeddings = embedder.embeddings(faces.map(\.face), flip: flip, buffers: buffers)
        for (entry, embedding) in zip(faces, embeddings) {
            results[entry.slot] = Result {
                try NPY.write(floats: embedding, shape: [embedding.count], to: outputPath(entry.item))
                return .done
            }
        }
        return results.map { $0 ?? .failure(FacetError(.io, "no result")) }
    }

    /// Writes `features.npy`, the (N, D) matrix of every embedding that exists, in input order, and
    /// `features.txt` with the image path of each row.
    public func writeMatrix(_ items: [BatchItem]) throws {
        let d = embedder.embeddingSize
        var rows: [Float] = [], names: [String] = []
        for item in items where FileManager.default.fileExists(atPath: outputPath(item)) {
            let array = try NPY.read(path: outputPath(item))
            guard array.shape == [d] else {
                throw FacetError(.badData, "\(outputPath(item)): shape \(array.shape), expected [\(d)]")
            }
            rows += try array.floats()
            names.append(item.path)
        }
        let folder = destination as NSString
        try NPY.write(floats: rows, shape: [names.count, d], to: folder.appendingPathComponent(StageOutputs.embeddingMatrix))
        try AtomicFile.write(
            Data(names.map { $0 + "\n" }.joined().utf8), to: folder.appendingPathComponent(StageOutputs.embeddingMatrixPaths))
    }
}
