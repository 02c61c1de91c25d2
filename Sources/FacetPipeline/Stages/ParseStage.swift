import Foundation
import Imaging
import TensorCore

/// The parse stage: a label map per image (`<destination>/<stem>_mask.png`), optionally with a coloured overlay
/// and part masks at the image's size. Images whose label map exists are skipped unless `force`.
public struct ParseStage: Sendable {
    public var parser: any FaceParser
    public var destination: String
    /// Also write `<stem>_color_mask.png`, the image with its parts coloured.
    public var overlay = false
    /// Also write `<stem>_<part>.png`, each part's 0/255 mask resized to the image with INTER_AREA.
    public var partMasks: [FacePart] = []
    public var force = false
    public var load = ImageLoadOptions()
    /// Images per forward pass.
    public var batch = 1

    public init(parser: any FaceParser, destination: String) {
        self.parser = parser
        self.destination = destination
    }

    /// Where the label map of `item` goes.
    public func labelMapPath(_ item: BatchItem) -> String { Self.labelMapPath(item, in: destination) }

    public static func labelMapPath(_ item: BatchItem, in destination: String) -> String {
        item.output(in: destination, named: StageOutputs.labelMap(stem: item.stem))
    }

    /// Readies `destination` and refuses two items with one label map (its other outputs share the stem), before
    /// any work. `run` does this too; a command calls it before loading the weights.
    public static func prepareOutputs(_ items: [BatchItem], destination: String) throws {
        try OutputFolder.prepare(destination, for: items) { [labelMapPath($0, in: destination)] }
    }

    /// Parses every item over `threads` threads, keeping going past bad images.
    public func run(
        _ items: [BatchItem], threads: Int, log: any PipelineLog = SilentLog(), stop: StopRequest = StopRequest()
    ) throws -> BatchSummary {
        try Self.prepareOutputs(items, destination: destination)
        return try BatchRunner.runModel("parse", items: items, batch: batch, threads: threads, log: log, stop: stop) { buffers, chunk in
            process(chunk, buffers: buffers)
        }
    }

    func process(_ chunk: ArraySlice<BatchItem>, buffers: InferenceBuffers) -> [Result<BatchOutcome, Error>] {
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
        let maps = parser.labelMaps(images.map(\.image), buffers: buffers)
        for (entry, map) in zip(images, maps) {
            results[entry.slot] = Result { try write(map, for: entry.item, image: entry.image) }
        }
        return results.map { $0 ?? .failure(FacetError(.io, "no result")) }
    }

    func write(_ map: GrayImage, for item: BatchItem, image: Image) throws -> BatchOutcome {
        if overlay {
            let path = item.output(in: destination, named: StageOutputs.overlay(stem: item.stem))
            try ImageFile.write(LabelOverlay.draw(labels: map, on: image), to: path, format: .png)
        }
        for part in partMasks {
            let mask = part.mask(of: map).resizedOpenCVArea(width: image.width, height: image.height)
            let path = item.output(in: destination, named: StageOutputs.partMask(stem: item.stem, part: part.name))
            try ImageFile.write(mask, to: path, format: .png)
        }
        // The label map goes last: its presence marks the image finished.
        try ImageFile.write(map, to: labelMapPath(item), format: .png)
        return .done
    }
}
