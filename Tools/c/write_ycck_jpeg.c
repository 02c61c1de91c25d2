/* Writes a YCCK JPEG (Adobe inverted CMYK, transform 2) for the imaging fixtures; Pillow and OpenCV cannot.
 *   cc Tools/c/write_ycck_jpeg.c -ljpeg -o /tmp/write_ycck_jpeg && /tmp/write_ycck_jpeg out.jpg
 * The image is 40x24 inverted-CMYK samples from a fixed formula. Used by Tools/make_image_fixtures.py. */
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    FILE *file = fopen(argv[1], "wb");
    if (!file) return 1;
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, file);
    cinfo.image_width = 40;
    cinfo.image_height = 24;
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_colorspace(&cinfo, JCS_YCCK); /* writes the Adobe marker with transform 2 */
    jpeg_set_quality(&cinfo, 90, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    unsigned char row[40 * 4];
    for (int y = 0; y < 24; y++) {
        for (int x = 0; x < 40; x++) {
            row[4 * x + 0] = (unsigned char)(255 - x * 6);         /* stored (inverted) cyan */
            row[4 * x + 1] = (unsigned char)(255 - y * 10);        /* magenta */
            row[4 * x + 2] = (unsigned char)(128 + (x * y) % 120); /* yellow */
            row[4 * x + 3] = (unsigned char)(255 - (x + y) * 2);   /* black */
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    fclose(file);
    return 0;
}
