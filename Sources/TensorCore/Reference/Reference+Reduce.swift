extension Reference {
    /// labels[n,h,w] = the smallest c with x[n,c,h,w] = max_c' x[n,c',h,w] (the first maximum wins ties).
    public static func argmaxChannels(_ x: Tensor) -> [UInt8] {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var labels = [UInt8](repeating: 0, count: n * h * w)
        for i in 0..<n {
            for p in 0..<h * w {
                let values = (0..<c).map { x.pointer[(i * c + $0) * h * w + p] }
                let best = values.max()!
                labels[i * h * w + p] = UInt8(values.firstIndex(of: best)!)
            }
        }
        return labels
    }

    /// y[r] = x[r] / ‖x[r]‖₂ per row of x[N, D]; a zero row is returned unchanged (scikit-learn `normalize`).
    public static func l2NormalizeRows(_ x: Tensor) -> Tensor {
        let n = x.shape[0], d = x.count / n
        let y = Tensor(zeros: x.shape)
        for r in 0..<n {
            var sumOfSquares = 0.0
            for j in 0..<d { sumOfSquares += Double(x.pointer[r * d + j]) * Double(x.pointer[r * d + j]) }
            let norm = sumOfSquares.squareRoot()
            for j in 0..<d { y.pointer[r * d + j] = norm > 0 ? Float(Double(x.pointer[r * d + j]) / norm) : x.pointer[r * d + j] }
        }
        return y
    }
}
