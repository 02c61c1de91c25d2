import Foundation
import TensorCore
import TestSupport

/// The bad (and a few good) inputs of `BadInputMatrixTests`, each made on demand by name in a case's folder, so a
/// row names what it needs and no row pays for the weights or images of another.
enum BadInputFiles {
    static func make(_ name: String, in folder: String) throws {
        let path = folder + "/" + name
        func text(_ contents: String) throws { try Data(contents.utf8).write(to: URL(fileURLWithPath: path)) }
        func mkdir(_ path: String) throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func features(_ change: (Int, inout [Float]) -> Void) throws {
            for k in 0..<4 {
                var v = NamedRandom.uniform("\(name)/\(k)", count: 512)
                change(k, &v)
                try NPY.write(floats: v, shape: [v.count], to: "\(path)/\(100_000 + k / 2)_\(k % 2)M30.npy")
            }
        }
        switch name {
        case "imgs": try BatchInvarianceCommandTests.writeImages(2, to: path)
        case "empty", "labels", "weights.safetensors": try mkdir(path)
        case "bisenet.safetensors": try SyntheticWeightFiles.writeBiSeNet(to: path)
        case "iresnet.safetensors": try SyntheticWeightFiles.writeTinyIResNet(to: path)
        case "garbage.safetensors": try text("not a checkpoint at all")
        case "zero.pth", "zero.npy": try text("")
        case "missing.txt": try text("\(folder)/imgs/0.png\n\(folder)/imgs/gone.png\n")
        case "folder.txt": try text("\(folder)/imgs/0.png\n\(folder)/imgs\n")
        case "newline":
            try mkdir(path)
            try Data("not an image".utf8).write(to: URL(fileURLWithPath: path + "/x\ny.png"))
        case "dims": try features { k, v in if k == 2 { v = Array(v[..<256]) } }
        case "nan-features": try features { k, v in if k == 1 { v[3] = .nan } }
        case "inf-features": try features { k, v in if k == 1 { v[3] = .infinity } }
        case "a.npy": try NPY.write(floats: [0.9, 0.8, 0.7, 0.4], shape: [4], to: path)
        case "i.npy": try NPY.write(floats: [0.1, 0.2, 0.3, 0.5], shape: [4], to: path)
        case "inf.npy": try NPY.write(floats: [0.9, .infinity, 0.7], shape: [3], to: path)
        case "empty.npy": try NPY.write(floats: [], shape: [0], to: path)
        case "k2.npy": try NPY.write(floats: [0, 1, 0, 2], shape: [2, 2], to: path)
        case "object.npy", "big-endian.npy":
            let array = name == "object.npy" ? "np.array([1, 'x'], dtype=object)" : "np.array([0.9, 0.8], dtype='>f4')"
            _ = try Python.run("import numpy as np, sys; np.save(sys.argv[1], \(array), allow_pickle=True)", [path])
        case "bad.json": try text("{\"images\": \"x\",")
        case "duplicate.json": try text("{\"images\": \"a\", \"parts\": [\"nose\"], \"images\": \"b\"}")
        case "unknown.json": try text("{\"images\": \"a\", \"colour\": 1}")
        default: fatalError("no bad input named \(name)")
        }
    }
}
