import ArgumentParser
import FaceModels
import Foundation
import Imaging
import TensorCore

/// `facet extract`: ArcFace IResNet embeddings, one (512,) float32 .npy per image, as the reference extractor.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract L2-normalized 512-d ArcFace embeddings with an IResNet (MXNet r100, arcface_torch, ONNX).",
        discussion: """
            For each image writes <destination>/<stem>.npy, a (512,) float32 L2-normalized embedding (a zero \
            vector stays zero). With a list as --source, outputs go to <destination>/<parent folder>/, as the \
            reference extractor does. The reference skipped .jpeg files; Facet takes .jpg, .jpeg, .png, .bmp, .ppm.

            Preprocessing is the reference one without landmarks: decode to RGB (EXIF orientation applied \
            unless --ignore-exif-orientation), centre crop (inset 6.25% then grown by 22 px, clipped: the whole \
            image for 224x224 crops), resize to 112x112 with OpenCV's INTER_LINEAR (bit-exact), then the \
            model family's normalization: (x-127.5)*0.0078125 for the MXNet model-r100-ii, (x-127.5)/127.5 for \
            arcface_torch and insightface ONNX packs. --flip adds the embedding of the mirrored image before \
            normalizing (the insightface verification protocol; the reference extractor did not flip).

            Weights: --weights (.params, .pth, .onnx, .safetensors; the depth r18-r200 is read from the file), \
            else $FACET_WEIGHTS/ or ./Weights/: arcface.safetensors, model-r100-ii/model-0000.params, \
            backbone.pth, w600k_r50.onnx, glintr100.onnx. Existing outputs are skipped (rerun to resume); \
            --force redoes them. A bad image is reported and skipped; the exit status is 1 if any failed.
            """)

    @OptionGroup var io: ImageBatchOptions

    @Option(help: "IResNet weights. Default: see the overview.")
    var weights: String?

    @Flag(help: "Sum the embeddings of the image and its mirror image, then normalize.")
    var flip = false

    @Flag(help: "Also write <destination>/features.npy, an (N,512) float32 matrix of every embedding in sorted input order, and features.txt with the matching image paths.")
    var matrix = false

    @Option(help: "Images per forward pass.")
    var batch: Int = 8

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        let items = try io.items()
        let (path, imported) = try ModelWeights.load(weights, kind: .iresnet, reading: WeightFile.iresnet)
        let model = try IResNet(weights: imported)
        if !io.quiet {
            Console.info("extract: \(items.count) images, weights \(path) (\(model.family.rawValue), blocks \(model.blocksPerStage))")
        }
        let job = ExtractJob(
            model: model, destination: io.destination, flip: flip, force: io.force,
            load: io.loadOptions)
        let split = io.configureThreads(itemCount: items.count, batch: batch)
        let summary = try BatchRunner.runChunks(
            "extract", items: items, chunkSize: batch, workers: split.workers, showProgress: io.showProgress,
            makeWorker: { ExtractJob.Worker(threads: split.kernelThreads) }, process: { worker, chunk in job.process(chunk, worker: &worker) })
        if matrix { try job.writeMatrix(items) }
        try summary.finish(quiet: io.quiet)
    }
}

/// One `facet extract` run: the model and settings, and the work for a chunk of images.
struct ExtractJob: Sendable {
    let model: IResNet
    let destination: String
    let flip: Bool
    let force: Bool
    let load: ImageLoadOptions

    struct Worker {
        let model: InferenceWorkspace
        let input = Workspace()

        init(threads: Int) { model = InferenceWorkspace(threads: threads) }
    }

    func outputPath(_ item: BatchItem) -> String { item.output(in: destination, named: "\(item.stem).npy") }

    func process(_ chunk: ArraySlice<BatchItem>, worker: inout Worker) -> [Result<BatchOutcome, Error>] {
        let size = IResNetFamily.inputSize, d = IResNetFamily.embeddingSize
        var results = [Result<BatchOutcome, Error>?](repeating: nil, count: chunk.count)
        var faces: [(slot: Int, item: BatchItem, face: Image)] = []
        for (slot, item) in chunk.enumerated() {
            if !force && FileManager.default.fileExists(atPath: outputPath(item)) {
                results[slot] = .success(.skipped)
                continue
            }
            do { faces.append((slot, item, try ImageFile.read(item.path, options: load).arcFaceInput(size: size))) } catch {
                results[slot] = .failure(error)
            }
        }
        if !faces.isEmpty {
            // x[N·views, 3, 112, 112]: originals first, then their mirror images when flipping.
            let views = flip ? 2 : 1
            worker.input.reset()
            let x = worker.input.tensor(Shape(faces.count * views, 3, size, size))
            for (n, entry) in faces.enumerated() {
                model.inputNormalization.writeInput(rgb: entry.face.pixels, into: x, item: n)
                if flip {
                    let mirror = EXIFOrientation.mirrored.apply(to: entry.face)
                    model.inputNormalization.writeInput(rgb: mirror.pixels, into: x, item: faces.count + n)
                }
            }
            let raw = model(x, workspace: worker.model)  // [N·views, 512]
            if flip {
                for j in 0..<faces.count * d { raw.pointer[j] += raw.pointer[faces.count * d + j] }
            }
            let embeddings = Tensor(shape: Shape(faces.count, d), storage: raw.storage, offset: raw.offset)  // [N, 512]
            Ops.l2NormalizeRows(embeddings, into: embeddings)
            for (n, entry) in faces.enumerated() {
                let e = Array(UnsafeBufferPointer(start: embeddings.pointer + n * d, count: d))
                results[entry.slot] = Result {
                    try NPY.write(floats: e, shape: [d], to: outputPath(entry.item))
                    return .done
                }
            }
        }
        return results.map { $0! }
    }

    /// The (N,512) matrix of every embedding that exists, in input order, with its paths.
    func writeMatrix(_ items: [BatchItem]) throws {
        var rows: [Float] = [], names: [String] = []
        for item in items where FileManager.default.fileExists(atPath: outputPath(item)) {
            let array = try NPY.read(path: outputPath(item))
            guard array.shape == [IResNetFamily.embeddingSize] else {
                throw FacetError(.badData, "\(outputPath(item)): shape \(array.shape), expected [512]")
            }
            rows += try array.floats()
            names.append(item.path)
        }
        let folder = destination as NSString
        try NPY.write(floats: rows, shape: [names.count, IResNetFamily.embeddingSize], to: folder.appendingPathComponent("features.npy"))
        try AtomicFile.write(Data(names.map { $0 + "\n" }.joined().utf8), to: folder.appendingPathComponent("features.txt"))
    }
}
