extension Ops {
    /// y[N,M,OH,OW] = conv(x[N,C,H,W], w[M,C,kh,kw]) + bias[M], zero padding, groups = 1.
    ///
    /// A 1×1 stride-1 convolution is one GEMM per image on the NCHW buffer; anything else goes through im2col
    /// into workspace scratch, then one GEMM per image: y[M, OH·OW] = w[M, K] · cols[K, OH·OW].
    public static func conv2d(
        _ x: Tensor, weight w: Tensor, bias: Tensor?, geometry g: ConvGeometry, into y: Tensor, workspace: Workspace
    ) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let m = w.shape[0]
        let (oh, ow) = g.outputSize(height: h, width: wd)
        precondition(w.shape == Shape(m, c, g.kernelH, g.kernelW), "conv weight \(w.shape) vs input \(x.shape) \(g)")
        precondition(y.shape == Shape(n, m, oh, ow), "conv output \(y.shape), expected \([n, m, oh, ow])")
        precondition(bias == nil || bias!.shape == Shape(m), "conv bias \(bias!.shape), expected [\(m)]")
        let k = c * g.kernelH * g.kernelW
        let spatial = oh * ow
        let cols = g.isPointwise ? nil : workspace.scratch(k * spatial)
        for i in 0..<n {
            let xi = x.pointer + i * c * h * wd
            let yi = y.pointer + i * m * spatial
            let b: UnsafePointer<Float>
            if let cols {
                im2col(xi, channels: c, height: h, width: wd, geometry: g, into: cols)
                b = UnsafePointer(cols)
            } else {
                b = UnsafePointer(xi)
            }
            // y[M, OH·OW] = w[M, K] · cols[K, OH·OW]
            BLAS.sgemm(m: m, n: spatial, k: k, a: w.pointer, lda: k, b: b, ldb: spatial, c: yi, ldc: spatial)
            if let bias {
                for o in 0..<m {
                    let v = bias.pointer[o]
                    let row = yi + o * spatial
                    for p in 0..<spatial { row[p] += v }
                }
            }
        }
    }

    /// Unfolds one image x[C,H,W] into cols[K, OH·OW], row (c, ki, kj), zero outside the image.
    public static func im2col(
        _ x: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, geometry g: ConvGeometry,
        into cols: UnsafeMutablePointer<Float>
    ) {
        let (oh, ow) = g.outputSize(height: h, width: w)
        var row = cols
        for ch in 0..<c {
            let plane = x + ch * h * w
            for ki in 0..<g.kernelH {
                for kj in 0..<g.kernelW {
                    for oy in 0..<oh {
                        let iy = oy * g.strideH - g.padH + ki * g.dilationH
                        let out = row + oy * ow
                        if iy < 0 || iy >= h {
                            out.update(repeating: 0, count: ow)
                            continue
                        }
                        let src = plane + iy * w
                        let x0 = kj * g.dilationW - g.padW
                        if g.strideW == 1 {
                            // Contiguous run: zeros left, a copy, zeros right.
                            let lo = max(0, -x0), hi = min(ow, w - x0)
                            if lo > 0 { out.update(repeating: 0, count: min(lo, ow)) }
                            if hi > lo { (out + lo).update(from: src + x0 + lo, count: hi - lo) }
                            if hi < ow { (out + max(hi, 0)).update(repeating: 0, count: ow - max(hi, 0)) }
                        } else {
                            for ox in 0..<ow {
                                let ix = ox * g.strideW + x0
                                out[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                            }
                        }
                    }
                    row += oh * ow
                }
            }
        }
    }
}
