import ArgumentParser
import FaceModels
import Foundation
import Imaging
import TensorCore

/// `facet parse`: BiSeNet face parsing into 512×512 label maps, as face-parsing.PyTorch's `test.py` does.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse faces into 19-class label maps with BiSeNet (face-parsing.PyTorch, 79999_iter.pth).",
        discussion: """
            For each image writes <destination>/<stem>_mask.png: the 512x512 label map, one byte per pixel with \
            values 0-18 (0 background, 1 skin, 2/3 brows, 4/5 eyes, 6 eyeglasses, 7/8 ears, 9 earring, 10 nose, \
            11 mouth, 12/13 lips, 14 neck, 15 necklace, 16 cloth, 17 hair, 18 hat). With a list as --source, \
            outputs go to <destination>/<parent folder>/, as the reference scripts do.

            Preprocessing is the reference one: decode to RGB (EXIF orientation applied unless \
            --ignore-exif-orientation), resize to 512x512 with Pillow's bilinear rule (bit-exact), scale to \
            0-1 and normalize with the ImageNet mean and std. The main head's logits are upsampled bilinearly \
            (align_corners=True) to 512x512 and the first maximal class wins.

            Weights: --weights, else $FACET_WEIGHTS/ or ./Weights/ 79999_iter.safetensors or 79999_iter.pth. \
            Images whose label map exists are skipped (rerun to resume); --force redoes them. A bad image is \
            reported and skipped; the exit status is 1 if any failed.
            """)

    @OptionGroup var io: ImageBatchOptions

    @Option(help: "BiSeNet weights (.pth, .safetensors). Default: see the overview.")
    var weights: String?

    @Flag(help: "Also write <stem>_color_mask.png: the image at its own size with parts coloured.")
    var overlay = false

    @Option(help: "Also write binary masks at the image's own size for these parts (comma-separated, as in `facet blur`), as <stem>_<part>.png: the 0/255 mask resized with INTER_AREA.")
    var partMasks: String?

    @Option(help: "Images per forward pass.")
    var batch: Int = 1

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        let parts = try partMasks.map { try $0.split(separator: ",").map { try FacePart.parse(String($0)) } } ?? []
        let items = try io.items()
        let (path, store) = try ModelWeights.load(weights, kind: .bisenet, reading: WeightFile.bisenet)
        let model = try BiSeNet(weights: store)
        if !io.quiet { Console.info("parse: \(items.count) images, weights \(path)") }
        let job = ParseJob(
            mapper: LabelMapper(model: model), destination: io.destination, overlay: overlay, parts: parts, force: io.force,
            load: io.loadOptions)
        let split = io.configureThreads(itemCount: items.count, batch: batch)
        let summary = try BatchRunner.runChunks(
            "parse", items: items, chunkSize: batch, workers: split.workers, showProgress: io.showProgress,
            makeWorker: { LabelMapper.Worker(threads: split.kernelThreads) }, process: { worker, chunk in job.process(chunk, worker: &worker) })
        try summary.finish(quiet: io.quiet)
    }
}

/// One `facet parse` run: the model and settings, and the work for a chunk of images.
struct ParseJob: Sendable {
    let mapper: LabelMapper
    let destination: String
    let overlay: Bool
    let parts: [FacePart]
    let force: Bool
    let load: ImageLoadOptions

    func labelMapPath(_ item: BatchItem) -> String { item.output(in: destination, named: "\(item.stem)_mask.png") }

    func process(_ chunk: ArraySlice<BatchItem>, worker: inout LabelMapper.Worker) -> [Result<BatchOutcome, Error>] {
        var results = [Result<BatchOutcome, Error>?](repeating: nil, count: chunk.count)
        var images: [(slot: Int, item: BatchItem, image: Image)] = []
        for (slot, item) in chunk.enumerated() {
            if !force && FileManager.default.fileExists(atPath: labelMapPath(item)) {
                results[slot] = .success(.skipped)
                continue
            }
            do { images.append((slot, item, try ImageFile.read(item.path, options: load))) } catch {
                results[slot] = .failure(error)
            }
        }
        let maps = mapper.labelMaps(images.map(\.image), worker: &worker)
        for (entry, map) in zip(images, maps) {
            results[entry.slot] = Result { try write(map, for: entry.item, image: entry.image) }
        }
        return results.map { $0! }
    }

    func write(_ map: GrayImage, for item: BatchItem, image: Image) throws -> BatchOutcome {
        if overlay {
            let path = item.output(in: destination, named: "\(item.stem)_color_mask.png")
            try ImageFile.write(LabelOverlay.draw(labels: map, on: image), to: path, format: .png)
        }
        for part in parts {
            let mask = part.mask(of: map).resizedOpenCVArea(width: image.width, height: image.height)
            try ImageFile.write(mask, to: item.output(in: destination, named: "\(item.stem)_\(part.name).png"), format: .png)
        }
        // The label map goes last: its presence marks the image finished.
        try ImageFile.write(map, to: labelMapPath(item), format: .png)
        return .done
    }
}
