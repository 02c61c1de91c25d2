import TensorCore

/// The reference part-blurring recipe (SEED `create_blur_part.blur_image`) on one image, bit-exact:
/// 1. binary mask 0/255 of the part's labels, at label-map resolution (512×512 from BiSeNet);
/// 2. `cv2.resize(mask, image size, INTER_AREA)`;
/// 3. `cv2.dilate` with the part's k×k ones kernel, n iterations;
/// 4. `scipy.ndimage.gaussian_filter(mask, 5)` on the three identical uint8 channels (uint8 after every axis);
/// 5. α = mask/255; occluded = `cv2.blur(image, (15, 15))`;
/// 6. α·occluded + (1 − α)·image in float64, truncated to uint8.
public enum PartBlur {
    /// The blend weights (0…255) for `part` at `width`×`height`: steps 1–4.
    public static func weights(labels: GrayImage, part: FacePart, width: Int, height: Int, options: PartBlurOptions)
        -> GrayImage
    {
        let binary = part.mask(of: labels)
        let resized = binary.resizedOpenCVArea(width: width, height: height)
        let dilation = options.dilation(for: part)
        let dilated = resized.dilated(kernelSize: dilation.kernelSize, iterations: dilation.iterations)
        guard options.featherSigma > 0 else { return dilated }
        return dilated.gaussianFilteredAsThreeChannels(SciPyGaussian(sigma: options.featherSigma))
    }

    /// `image` with `part` occluded. `labels` is the BiSeNet label map of this image (any size; 512×512 normally).
    public static func apply(image: Image, labels: GrayImage, part: FacePart, options: PartBlurOptions = PartBlurOptions())
        -> Image
    {
        apply(image: image, occluded: options.occlusion.occlude(image), labels: labels, part: part, options: options)
    }

    /// The same, with `options.occlusion.occlude(image)` computed once by the caller and shared across parts.
    public static func apply(image: Image, occluded: Image, labels: GrayImage, part: FacePart, options: PartBlurOptions)
        -> Image
    {
        let alpha = weights(labels: labels, part: part, width: image.width, height: image.height, options: options)
        return image.composited(with: occluded, weights: alpha)
    }
}
