extension Reference {
    /// y[n,m,oy,ox] = bias[m] + Σ_{c,i,j} w[m,c,i,j] · x[n,c, oy·s−p+i·d, ox·s−p+j·d], zero outside the image.
    /// The direct seven-loop form, summed in Float64.
    public static func conv2d(_ x: Tensor, weight w: Tensor, bias: Tensor?, geometry g: ConvGeometry) -> Tensor {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let m = w.shape[0]
        precondition(w.shape == Shape(m, c, g.kernelH, g.kernelW), "conv weight \(w.shape) vs input \(x.shape)")
        let (oh, ow) = g.outputSize(height: h, width: wd)
        let y = Tensor(zeros: Shape(n, m, oh, ow))
        for b in 0..<n {
            for o in 0..<m {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var sum = Double(bias?.pointer[o] ?? 0)
                        for ch in 0..<c {
                            for i in 0..<g.kernelH {
                                for j in 0..<g.kernelW {
                                    let iy = oy * g.strideH - g.padH + i * g.dilationH
                                    let ix = ox * g.strideW - g.padW + j * g.dilationW
                                    guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                    let xv = x.pointer[((b * c + ch) * h + iy) * wd + ix]
                                    let wv = w.pointer[((o * c + ch) * g.kernelH + i) * g.kernelW + j]
                                    sum += Double(xv) * Double(wv)
                                }
                            }
                        }
                        y.pointer[((b * m + o) * oh + oy) * ow + ox] = Float(sum)
                    }
                }
            }
        }
        return y
    }

    /// y[n,o] = bias[o] + Σ_i w[o,i] · x[n,i], summed in Float64. `x` is flattened per item (C-major for NCHW).
    public static func linear(_ x: Tensor, weight w: Tensor, bias: Tensor?) -> Tensor {
        let n = x.shape[0], outputs = w.shape[0], inputs = w.shape[1]
        precondition(x.count == n * inputs, "linear input \(x.shape) vs weight \(w.shape)")
        let y = Tensor(zeros: Shape(n, outputs))
        for r in 0..<n {
            for o in 0..<outputs {
                var sum = Double(bias?.pointer[o] ?? 0)
                for i in 0..<inputs { sum += Double(w.pointer[o * inputs + i]) * Double(x.pointer[r * inputs + i]) }
                y.pointer[r * outputs + o] = Float(sum)
            }
        }
        return y
    }
}
