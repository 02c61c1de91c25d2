import FacetPipeline
import Foundation
import Imaging

extension ExperimentReport {
    /// Thumbnail width in pixels (height keeps the image's aspect).
    static let thumbnailWidth = 150

    /// What was done to the faces: for the first image of the first group, the original, its parse overlay and
    /// each part blurred, as small embedded JPEGs. Missing files (a stage not run yet) leave their cell out.
    static func thumbnails(plan: ExperimentPlan) -> String {
        guard let group = plan.dataset.groups.first, let item = plan.originalItems(group).first,
            let original = try? ImageFile.read(item.path)
        else { return "" }
        var cells = [(caption: String, image: Image)]()
        cells.append(("original", original))
        let labelMap = (plan.labels(group.name) as NSString).appendingPathComponent(StageOutputs.labelMap(stem: item.stem))
        if let labels = try? ImageFile.readGray(labelMap) {
            cells.append(("parsed (BiSeNet labels)", LabelOverlay.draw(labels: labels, on: original)))
        }
        let blur = plan.blurStage(group.name, labels: .folder(plan.labels(group.name)))
        for part in plan.faceParts {
            if let blurred = try? ImageFile.read(blur.output(for: item, part: part).path) {
                cells.append(("\(part.name) blurred", blurred))
            }
        }
        let figures = cells.compactMap { cell -> String? in
            let height = max(1, cell.image.height * thumbnailWidth / max(1, cell.image.width))
            let small = cell.image.resizedOpenCVArea(width: thumbnailWidth, height: height)
            guard let jpeg = try? JPEGCodec.encode(small, quality: 85) else { return nil }
            return "<figure class=\"thumb\"><img alt=\"\(escape(cell.caption))\" width=\"\(thumbnailWidth)\" "
                + "src=\"data:image/jpeg;base64,\(Data(jpeg).base64EncodedString())\"><figcaption>\(escape(cell.caption))</figcaption></figure>"
        }
        return """
            <h2 id="faces">What was done to the faces</h2>
            <p class="note">\(escape(group.name))/\(escape(item.fileName)): the original, its face parsing, and each part blurred \
            (\(thumbnailWidth) px wide).</p>
            <div class="thumbs">\(figures.joined())</div>

            """
    }
}
