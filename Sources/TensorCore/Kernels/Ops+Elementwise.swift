import Foundation

extension Ops {
    /// y[n,c,:,:] = x[n,c,:,:]·scale[c] + shift[c] (inference batch norm, or any per-channel affine). In place is fine.
    ///
    /// Like every elementwise kernel here, `workers` threads take whole planes (or equal runs of elements); each
    /// element's arithmetic is the same whatever the split.
    public static func channelAffine(_ x: Tensor, scale: Tensor, shift: Tensor, into y: Tensor, workers: Int = 1) {
        let (n, c) = (x.shape[0], x.shape[1])
        let plane = x.count / (n * c)
        precondition(y.shape == x.shape && scale.count == c && shift.count == c, "affine \(x.shape) \(scale.shape)")
        parallelFor(n * c, workers: workers) { i in
            let s = scale.pointer[i % c], t = shift.pointer[i % c]
            let src = x.pointer + i * plane, dst = y.pointer + i * plane
            for p in 0..<plane { dst[p] = src[p] * s + t }
        }
    }

    /// y = max(0, x). In place is fine.
    public static func relu(_ x: Tensor, into y: Tensor, workers: Int = 1) {
        precondition(y.count == x.count)
        forEachRun(x.count, workers: workers) { run in
            for i in run { y.pointer[i] = max(0, x.pointer[i]) }
        }
    }

    /// y = x for x > 0, slope[c]·x otherwise (one slope per channel). In place is fine.
    public static func prelu(_ x: Tensor, slope: Tensor, into y: Tensor, workers: Int = 1) {
        let (n, c) = (x.shape[0], x.shape[1])
        let plane = x.count / (n * c)
        precondition(y.shape == x.shape && slope.count == c, "prelu \(x.shape) slope \(slope.shape)")
        parallelFor(n * c, workers: workers) { i in
            let a = slope.pointer[i % c]
            let src = x.pointer + i * plane, dst = y.pointer + i * plane
            for p in 0..<plane { let v = src[p]; dst[p] = v > 0 ? v : a * v }
        }
    }

    /// y = 1/(1 + e^(−x)). In place is fine.
    public static func sigmoid(_ x: Tensor, into y: Tensor, workers: Int = 1) {
        precondition(y.count == x.count)
        forEachRun(x.count, workers: workers) { run in
            for i in run { y.pointer[i] = 1 / (1 + expf(-x.pointer[i])) }
        }
    }

    /// y = a + b, same shapes. In place is fine.
    public static func add(_ a: Tensor, _ b: Tensor, into y: Tensor, workers: Int = 1) {
        precondition(a.shape == b.shape && y.shape == a.shape, "add \(a.shape) + \(b.shape)")
        forEachRun(a.count, workers: workers) { run in
            for i in run { y.pointer[i] = a.pointer[i] + b.pointer[i] }
        }
    }

    /// y[n,c,h,w] = x[n,c,h,w] + v[n,c] (v shaped [N,C,1,1]). In place is fine.
    public static func addChannels(_ x: Tensor, _ v: Tensor, into y: Tensor, workers: Int = 1) {
        broadcastChannels(x, v, into: y, workers: workers) { $0 + $1 }
    }

    /// y[n,c,h,w] = x[n,c,h,w] · v[n,c] (v shaped [N,C,1,1]). In place is fine.
    public static func mulChannels(_ x: Tensor, _ v: Tensor, into y: Tensor, workers: Int = 1) {
        broadcastChannels(x, v, into: y, workers: workers) { $0 * $1 }
    }

    @inline(__always)
    private static func broadcastChannels(
        _ x: Tensor, _ v: Tensor, into y: Tensor, workers: Int, _ f: @Sendable (Float, Float) -> Float
    ) {
        let (n, c) = (x.shape[0], x.shape[1])
        let plane = x.count / (n * c)
        precondition(y.shape == x.shape && v.shape == Shape(n, c, 1, 1), "broadcast \(x.shape) with \(v.shape)")
        parallelFor(n * c, workers: workers) { i in
            let s = v.pointer[i]
            let src = x.pointer + i * plane, dst = y.pointer + i * plane
            for p in 0..<plane { dst[p] = f(src[p], s) }
        }
    }

    /// `body(run)` for `workers` equal runs of 0..<count (one run when `workers` is 1, or the tensor small).
    @inline(__always)
    private static func forEachRun(_ count: Int, workers: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let runs = max(1, min(workers, count / minimumRun))
        parallelFor(runs, workers: runs) { r in body(count * r / runs..<count * (r + 1) / runs) }
    }

    /// Elements below which splitting an elementwise run costs more than it saves.
    private static let minimumRun = 4096

    /// y[N, Ca+Cb, H, W] = [a; b] along channels, `a` first.
    public static func concatChannels(_ a: Tensor, _ b: Tensor, into y: Tensor) {
        let (n, ca, cb) = (a.shape[0], a.shape[1], b.shape[1])
        let plane = a.shape[2] * a.shape[3]
        precondition(b.shape == Shape(n, cb, a.shape[2], a.shape[3]), "concat \(a.shape) with \(b.shape)")
        precondition(y.shape == Shape(n, ca + cb, a.shape[2], a.shape[3]), "concat output \(y.shape)")
        for i in 0..<n {
            let dst = y.pointer + i * (ca + cb) * plane
            dst.update(from: a.pointer + i * ca * plane, count: ca * plane)
            (dst + ca * plane).update(from: b.pointer + i * cb * plane, count: cb * plane)
        }
    }
}
