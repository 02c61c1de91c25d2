import Imaging
import Testing

/// The whole reference recipe (cv2.imread mask → INTER_AREA → dilate → gaussian_filter → /255 → blend with
/// cv2.blur 15×15 → truncate), run in Python by `Tools/make_image_fixtures.py`, against `PartBlur.apply`.
@Suite struct PartBlurRecipeTests {
    @Test(arguments: FixtureManifest.shared.recipes)
    func partBlurEqualsPythonRecipePixelForPixel(_ recipe: FixtureManifest.RecipeCase) throws {
        let image = try FixtureManifest.rgb(recipe.image)
        let labels = try FixtureManifest.gray(recipe.labels)
        let expected = try FixtureManifest.rgb(recipe.expected)
        let part = try FacePart.parse(recipe.part)
        let actual = PartBlur.apply(image: image, labels: labels, part: part)
        #expect(actual.width == expected.width && actual.height == expected.height)
        let d = difference(actual.pixels, expected.pixels)
        #expect(d.count == 0, "\(d.count) values differ, by up to \(d.max)")
        #expect(actual != image, "the part must change some pixels (else the fixture proves nothing)")
    }
}
