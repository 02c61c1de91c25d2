// Using Facet from Swift: parse a face, blur one part, and compare the ArcFace embeddings of the original and the
// blurred image. The article FacetPipeline.docc/UsingFacetFromSwift.md shows this file; a test runs it.
//
//     UsingFacetFromSwift BISENET_WEIGHTS ARCFACE_WEIGHTS IMAGE PART
import FacetPipeline
import Foundation
import Imaging

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: UsingFacetFromSwift BISENET_WEIGHTS ARCFACE_WEIGHTS IMAGE PART\n".utf8))
    exit(64)
}
let (bisenetWeights, arcfaceWeights, imagePath, partName) = (
    arguments[arguments.startIndex], arguments[arguments.startIndex + 1], arguments[arguments.startIndex + 2],
    arguments[arguments.startIndex + 3]
)

do {
    // Weights in any format Facet reads: .pth, .safetensors, MXNet .params, ONNX.
    let parser = try BiSeNetParser(weightsAt: bisenetWeights)
    let embedder = try IResNetEmbedder(weightsAt: arcfaceWeights)

    // Decode (EXIF orientation applied), parse into 19 classes, blur the part with the reference recipe.
    let image = try ImageFile.read(imagePath)
    let labels = parser.labelMap(of: image)
    let part = try FacePart.parse(partName)
    let blurred = PartBlur.apply(image: image, labels: labels, part: part)

    // L2-normalized embeddings, so their dot product is the cosine similarity `facet match` scores.
    let original = embedder.embedding(of: image)
    let occluded = embedder.embedding(of: blurred)
    let cosine = zip(original, occluded).reduce(Float(0)) { $0 + $1.0 * $1.1 }
    print(String(format: "%.6f", cosine))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
