#include "CImageCodecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

/* libjpeg error manager extended with the jump target and the caller's message buffer. */
struct facet_error_manager {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t message_size;
};

static void facet_copy_message(j_common_ptr cinfo) {
    struct facet_error_manager *err = (struct facet_error_manager *)cinfo->err;
    char buffer[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buffer);
    if (err->message && err->message_size > 0) snprintf(err->message, err->message_size, "%s", buffer);
}

/* Fatal errors: keep the message, unwind to the setjmp in the caller. */
static void facet_error_exit(j_common_ptr cinfo) {
    struct facet_error_manager *err = (struct facet_error_manager *)cinfo->err;
    facet_copy_message(cinfo);
    longjmp(err->jump, 1);
}

/* Warnings (level −1) and trace messages. libjpeg's default prints them to stderr; we print nothing.
 * A premature end of data is a truncated file: stop and report it instead of returning a gray-filled image.
 * So is a scan cut short by a marker (such as EOI): else a few hundred bytes declaring 10^8 pixels decode to a
 * 300 MB gray image. */
static void facet_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level < 0) {
        cinfo->err->num_warnings++;
        struct facet_error_manager *err = (struct facet_error_manager *)cinfo->err;
        if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
            snprintf(err->message, err->message_size, "truncated JPEG (premature end of data)");
            longjmp(err->jump, 1);
        }
        if (cinfo->err->msg_code == JWRN_HIT_MARKER) {
            snprintf(err->message, err->message_size, "truncated JPEG (image data ends at a marker)");
            longjmp(err->jump, 1);
        }
    }
}

static void facet_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void facet_install_errors(struct facet_error_manager *err, char *message, size_t message_size) {
    jpeg_std_error(&err->base);
    err->base.error_exit = facet_error_exit;
    err->base.emit_message = facet_emit_message;
    err->base.output_message = facet_output_message;
    err->message = message;
    err->message_size = message_size;
    if (message && message_size > 0) message[0] = 0;
}

/* Pillow's CMYK → RGB (Convert.c cmyk2rgb) on Adobe-inverted samples: channel = nk − nk·c/255 rounded, nk = 255 − k. */
static unsigned char facet_cmyk_channel(unsigned char stored_ink, unsigned char stored_black) {
    int c = 255 - stored_ink;
    int nk = stored_black; /* 255 − (255 − stored) */
    int t = c * nk + 128;
    int product = ((t >> 8) + t) >> 8;
    int value = nk - product;
    return (unsigned char)(value < 0 ? 0 : (value > 255 ? 255 : value));
}

int facet_jpeg_decode_rgb(const unsigned char *data, size_t size, size_t max_pixels,
                          unsigned char **pixels, int *width, int *height,
                          char *message, size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    struct facet_error_manager err;
    /* volatile: modified between setjmp and longjmp. */
    unsigned char *volatile output = NULL;
    unsigned char *volatile row = NULL;
    *pixels = NULL;
    *width = 0;
    *height = 0;

    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.base);
    facet_install_errors(&err, message, message_size);
    if (setjmp(err.jump)) {
        free(output);
        free(row);
        jpeg_destroy_decompress(&cinfo);
        return FACET_JPEG_ERROR;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);

    size_t w = cinfo.image_width, h = cinfo.image_height;
    if (w == 0 || h == 0 || w * h > max_pixels) {
        snprintf(message, message_size, "image is %zux%zu pixels, above the limit of %zu pixels", w, h, max_pixels);
        jpeg_destroy_decompress(&cinfo);
        return FACET_JPEG_TOO_LARGE;
    }

    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    int gray = cinfo.jpeg_color_space == JCS_GRAYSCALE;
    cinfo.out_color_space = cmyk ? JCS_CMYK : (gray ? JCS_GRAYSCALE : JCS_RGB);
    jpeg_start_decompress(&cinfo);

    int components = cinfo.output_components;
    output = malloc(w * h * 3);
    row = malloc(w * (size_t)components);
    if (!output || !row) {
        free(output);
        free(row);
        jpeg_destroy_decompress(&cinfo);
        snprintf(message, message_size, "out of memory");
        return FACET_JPEG_NO_MEMORY;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        size_t y = cinfo.output_scanline;
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&cinfo, rows, 1);
        unsigned char *out = output + y * w * 3;
        for (size_t x = 0; x < w; x++) {
            const unsigned char *in = row + x * (size_t)components;
            if (components == 1) {
                out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = in[0];
            } else if (components == 4) {
                out[3 * x] = facet_cmyk_channel(in[0], in[3]);
                out[3 * x + 1] = facet_cmyk_channel(in[1], in[3]);
                out[3 * x + 2] = facet_cmyk_channel(in[2], in[3]);
            } else {
                out[3 * x] = in[0];
                out[3 * x + 1] = in[1];
                out[3 * x + 2] = in[2];
            }
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    *pixels = output;
    *width = (int)w;
    *height = (int)h;
    return FACET_JPEG_OK;
}

int facet_jpeg_encode(const unsigned char *pixels, int width, int height, int components, int quality,
                      unsigned char **jpeg, size_t *jpeg_size, char *message, size_t message_size) {
    struct jpeg_compress_struct cinfo;
    struct facet_error_manager err;
    unsigned char *volatile buffer = NULL;
    unsigned long buffer_size = 0;
    *jpeg = NULL;
    *jpeg_size = 0;

    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.base);
    facet_install_errors(&err, message, message_size);
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return FACET_JPEG_ERROR;
    }
    if (components != 1 && components != 3) {
        snprintf(message, message_size, "JPEG encoding needs 1 or 3 channels, got %d", components);
        return FACET_JPEG_ERROR;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, &buffer_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW rows[1] = {(JSAMPROW)(pixels + (size_t)cinfo.next_scanline * (size_t)width * (size_t)components)};
        jpeg_write_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *jpeg = buffer;
    *jpeg_size = buffer_size;
    return FACET_JPEG_OK;
}

void facet_codec_free(void *pointer) { free(pointer); }
