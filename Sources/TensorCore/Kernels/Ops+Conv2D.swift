extension Ops {
    /// y[N,M,OH,OW] = conv(x[N,C,H,W], w[M,C,kh,kw]) + bias[M], zero padding, groups = 1.
    ///
    /// Per image, GEMMs y[M, OH·OW] = w[M, K] · B[K, OH·OW], where B is
    /// - the NCHW input itself for a 1×1, stride-1, unpadded conv (no copy at all);
    /// - a strided subsample of the input for an unpadded 1×1 conv with stride > 1 (the ResNet downsamples);
    /// - otherwise the im2col unfolding, in workspace scratch.
    /// Each image's GEMM is cut into the same pieces whatever the batch and thread count (`convPieces`): bands of
    /// `bandRows` output rows (default: `convBandRows`) by chunks of output channels. OpenBLAS's result for an
    /// element depends on the shape of the sgemm computing it and the element's place in it, so this is what
    /// makes every output bit-identical across batch sizes, batch compositions and `workers`. The pieces of the
    /// whole batch are dealt to `workers` threads in contiguous runs; a worker makes a band's copy, then its
    /// GEMM and bias while the band is still in cache.
    public static func conv2d(
        _ x: Tensor, weight w: Tensor, bias: Tensor?, geometry g: ConvGeometry, into y: Tensor, workspace: Workspace,
        workers: Int, bandRows: Int? = nil
    ) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let m = w.shape[0]
        let (oh, ow) = g.outputSize(height: h, width: wd)
        precondition(w.shape == Shape(m, c, g.kernelH, g.kernelW), "conv weight \(w.shape) vs input \(x.shape) \(g)")
        precondition(y.shape == Shape(n, m, oh, ow), "conv output \(y.shape), expected \([n, m, oh, ow])")
        precondition(bias == nil || bias!.shape == Shape(m), "conv bias \(bias!.shape), expected [\(m)]")
        let k = c * g.kernelH * g.kernelW
        let spatial = oh * ow
        let pieces = convPieces(
            channels: c, outputChannels: m, geometry: g, outputHeight: oh, outputWidth: ow, bandRows: bandRows)
        let bands = (oh + pieces.bandRows - 1) / pieces.bandRows
        let chunks = (m + pieces.chunkChannels - 1) / pieces.chunkChannels
        let total = n * bands * chunks
        let workers = max(1, min(workers, total))
        let colsPerWorker = g.isPointwise ? 0 : k * pieces.bandRows * ow
        let scratch = SendablePointer(workspace.scratch(max(1, workers * colsPerWorker)))
        let input = SendablePointer(x.pointer), output = SendablePointer(y.pointer)
        let (weights, biasPointer) = (SendablePointer(w.pointer), bias.map { SendablePointer($0.pointer) })

        parallelFor(workers, workers: workers) { worker in
            let cols = scratch.base + worker * colsPerWorker
            var madeBand = -1  // the (image, band) whose B matrix `cols` holds: chunks of one band share it
            for piece in total * worker / workers..<total * (worker + 1) / workers {
                let (imageBand, chunk) = piece.quotientAndRemainder(dividingBy: chunks)
                let (i, bandIndex) = imageBand.quotientAndRemainder(dividingBy: bands)
                let firstRow = bandIndex * pieces.bandRows
                let band = firstRow..<min(oh, firstRow + pieces.bandRows)
                let outputs = chunk * pieces.chunkChannels..<min(m, (chunk + 1) * pieces.chunkChannels)
                let xi = UnsafePointer(input.base + i * c * h * wd)
                let columns = band.count * ow
                let b: UnsafePointer<Float>, ldb: Int
                if g.isPointwise {
                    (b, ldb) = (xi + firstRow * ow, spatial)
                } else {
                    if madeBand != imageBand {
                        if g.isStridedPointwise {
                            subsample(xi, channels: c, height: h, width: wd, geometry: g, outputRows: band, into: cols)
                        } else {
                            im2col(xi, channels: c, height: h, width: wd, geometry: g, outputRows: band, into: cols)
                        }
                        madeBand = imageBand
                    }
                    (b, ldb) = (UnsafePointer(cols), columns)
                }
                // y[outputs, band] = w[outputs, K] · B[K, band], the band being columns rows·OW of y[M, OH·OW]
                let yBand = output.base + (i * m + outputs.lowerBound) * spatial + firstRow * ow
                BLAS.sgemm(
                    m: outputs.count, n: columns, k: k, a: weights.base + outputs.lowerBound * k, lda: k, b: b,
                    ldb: ldb, c: yBand, ldc: spatial)
                if let biasPointer {
                    for o in outputs {
                        let v = biasPointer.base[o]
                        let row = yBand + (o - outputs.lowerBound) * spatial
                        for p in 0..<columns { row[p] += v }
                    }
                }
            }
        }
    }

    /// The pieces `conv2d` cuts one image's GEMM into: bands of `bandRows` output rows by chunks of
    /// `chunkChannels` output channels, from the layer shape alone (never the batch or the thread count).
    ///
    /// Bands are `convBandRows` (`bandRows` if given). An image of one band is still cut in two, so that a batch
    /// of one keeps two threads busy: into two bands when each keeps at least 1024 columns (the same floor as
    /// `convBandRows`), else into two chunks of output channels (a multiple of 16, OpenBLAS's row unroll) when
    /// there are at least 32; that second case is the small late maps, whose B matrix is cheap to make twice.
    public static func convPieces(
        channels c: Int, outputChannels m: Int, geometry g: ConvGeometry, outputHeight oh: Int, outputWidth ow: Int,
        bandRows: Int? = nil
    ) -> (bandRows: Int, chunkChannels: Int) {
        let rows = max(1, min(oh, bandRows ?? convBandRows(channels: c, geometry: g, outputHeight: oh, outputWidth: ow)))
        guard rows >= oh else { return (rows, m) }
        if oh >= 2 && (oh / 2) * ow >= 1024 { return ((oh + 1) / 2, m) }
        if m >= 32 { return (rows, ((m + 1) / 2 + 15) / 16 * 16) }
        return (rows, m)
    }

    /// Output rows per band of `conv2d`.
    ///
    /// im2col writes K×(rows·OW) floats that the GEMM reads straight back. For BiSeNet's first layers a whole
    /// image is a 38 MB round trip through memory, so once the matrix reaches 2²¹ floats (8 MB) it is made in
    /// bands of about 2¹⁸ floats (1 MB, half this machine's per-core L2). A band keeps at least 1024 columns,
    /// because every band's GEMM repacks the M×K weights, and narrow bands make that dominate. Measured with
    /// `facet bench kernels` on 2 cores (OpenBLAS splitting each GEMM then): BiSeNet conv1 16.0 → 10.4 ms,
    /// layer1 12.6 → 7.6 ms, IResNet 3×3 @112 7.7 → 6.3 ms; banding the 1.8 M-float IResNet @56 layers was slower.
    public static func convBandRows(channels c: Int, geometry g: ConvGeometry, outputHeight oh: Int, outputWidth ow: Int) -> Int {
        let k = c * g.kernelH * g.kernelW
        if g.isPointwise || k * oh * ow < 1 << 21 { return oh }
        let columns = max((1 << 18) / k, 1024)
        return max(1, min(oh, columns / max(ow, 1)))
    }

    /// Unfolds one image x[C,H,W] into cols[K, OH·OW]: row r = (c, ki, kj) holds x[c, oy·s−p+ki·d, ox·s−p+kj·d]
    /// for every output position, zero outside the image. Rows are independent, so they are split over `workers`.
    public static func im2col(
        _ x: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, geometry g: ConvGeometry,
        into cols: UnsafeMutablePointer<Float>, workers: Int = 1
    ) {
        let oh = g.outputSize(height: h, width: w).height
        im2col(x, channels: c, height: h, width: w, geometry: g, outputRows: 0..<oh, into: cols, workers: workers)
    }

    /// The columns of output rows `outputRows` only: cols[K, rows·OW], for one band of a banded convolution.
    public static func im2col(
        _ x: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, geometry g: ConvGeometry,
        outputRows: Range<Int>, into cols: UnsafeMutablePointer<Float>, workers: Int = 1
    ) {
        let ow = g.outputSize(height: h, width: w).width
        let taps = g.kernelH * g.kernelW
        let source = SendablePointer(UnsafeMutablePointer(mutating: x)), target = SendablePointer(cols)
        parallelFor(c * taps, workers: workers) { r in
            let (ch, tap) = r.quotientAndRemainder(dividingBy: taps)
            let (ki, kj) = tap.quotientAndRemainder(dividingBy: g.kernelW)
            let plane = UnsafePointer(source.base) + ch * h * w
            let row = target.base + r * outputRows.count * ow
            // Output columns whose source column lies inside the image: lo..<hi (the rest read padding).
            let x0 = kj * g.dilationW - g.padW
            let lo = min(ow, x0 >= 0 ? 0 : (-x0 + g.strideW - 1) / g.strideW)
            let hi = max(lo, min(ow, x0 >= w ? 0 : (w - 1 - x0) / g.strideW + 1))
            for oy in outputRows {
                let out = row + (oy - outputRows.lowerBound) * ow
                let iy = oy * g.strideH - g.padH + ki * g.dilationH
                guard iy >= 0 && iy < h else {
                    for ox in 0..<ow { out[ox] = 0 }
                    continue
                }
                let src = plane + iy * w + x0
                for ox in 0..<lo { out[ox] = 0 }
                if g.strideW == 1 && hi - lo >= 32 {
                    (out + lo).update(from: src + lo, count: hi - lo)
                } else if g.strideW == 1 {
                    for ox in lo..<hi { out[ox] = src[ox] }
                } else {
                    for ox in lo..<hi { out[ox] = src[ox * g.strideW] }
                }
                for ox in hi..<ow { out[ox] = 0 }
            }
        }
    }

    /// The B matrix of an unpadded strided 1×1 conv for output rows `outputRows`:
    /// sub[c, (oy − first)·OW + ox] = x[c, oy·s, ox·s]. Channels are split over `workers`.
    public static func subsample(
        _ x: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, geometry g: ConvGeometry,
        outputRows: Range<Int>, into sub: UnsafeMutablePointer<Float>, workers: Int = 1
    ) {
        precondition(g.isStridedPointwise, "subsample needs an unpadded 1×1 conv, got \(g)")
        let ow = g.outputSize(height: h, width: w).width
        let source = SendablePointer(UnsafeMutablePointer(mutating: x)), target = SendablePointer(sub)
        parallelFor(c, workers: workers) { ch in
            let plane = UnsafePointer(source.base) + ch * h * w
            let out = target.base + ch * outputRows.count * ow
            for oy in outputRows {
                let src = plane + oy * g.strideH * w, dst = out + (oy - outputRows.lowerBound) * ow
                for ox in 0..<ow { dst[ox] = src[ox * g.strideW] }
            }
        }
    }
}
