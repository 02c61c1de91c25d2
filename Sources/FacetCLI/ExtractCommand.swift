import ArgumentParser
import FaceModels
import FacetPipeline
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

    @Option(help: "Images per forward pass (1 to \(ThreadSplit.maximumBatch)).")
    var batch: Int = 8

    func validate() throws {
        try LibraryCheck.run { try ThreadSplit.checkBatch(batch, "--batch") }
        // Each shard would write its own features.npy over the others'.
        if matrix && !io.shard.isWhole { throw ValidationError("--matrix needs every input: run it without --shard") }
    }

    func run() throws {
        let items = try io.items()
        try ExtractStage.prepareOutputs(items, destination: io.destination)  // before the weights load
        let path = try ModelWeights.resolve(weights, kind: .iresnet)
        let embedder = try IResNetEmbedder(weightsAt: path)
        let model = embedder.model
        let log = io.log
        log.info("extract: \(items.count) images, weights \(path) (\(model.family.rawValue), blocks \(model.blocksPerStage))")
        var stage = ExtractStage(embedder: embedder, destination: io.destination)
        stage.flip = flip
        stage.force = io.force
        stage.load = io.loadOptions
        stage.batch = batch
        Interrupt.install()
        let summary = try stage.run(items, threads: io.threads, log: log, stop: Interrupt.stop)
        if matrix { try stage.writeMatrix(items) }
        try summary.finish(log: log)
    }
}
