#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H
#include <stddef.h>

/* JPEG decode and encode through libjpeg, with every libjpeg error turned into a return code and a message.
 * libjpeg reports fatal errors through a callback that must not return; the codec longjmps out of it, which
 * Swift cannot do, so these functions live in C. Nothing is ever printed. */

/* Return codes. */
enum {
    FACET_JPEG_OK = 0,
    FACET_JPEG_ERROR = 1,      /* corrupt, truncated or unsupported data; message says which */
    FACET_JPEG_TOO_LARGE = 2,  /* width × height exceeds the caller's limit; nothing was allocated */
    FACET_JPEG_NO_MEMORY = 3
};

/* Decodes a JPEG held in memory to 8-bit interleaved RGB (baseline, progressive, grayscale, RGB, CMYK, YCCK).
 * Grayscale is replicated to three channels. CMYK and YCCK are read as Adobe-inverted CMYK and converted the way
 * Pillow converts CMYK to RGB (R = (255 − K) − round((255 − C')·(255 − K)/255) with C' the stored value inverted).
 * A premature end of data is an error, not a gray-filled image.
 * On success *pixels is malloc'd (free it with facet_codec_free) and holds width*height*3 bytes. */
int facet_jpeg_decode_rgb(const unsigned char *data, size_t size, size_t max_pixels,
                          unsigned char **pixels, int *width, int *height,
                          char *message, size_t message_size);

/* Encodes 8-bit interleaved pixels (components 3 = RGB or 1 = gray) as a baseline JPEG with libjpeg's defaults
 * (4:2:0 chroma subsampling for RGB, standard Huffman tables, integer DCT), as OpenCV's imwrite does.
 * On success *jpeg is malloc'd (free it with facet_codec_free). */
int facet_jpeg_encode(const unsigned char *pixels, int width, int height, int components, int quality,
                      unsigned char **jpeg, size_t *jpeg_size, char *message, size_t message_size);

void facet_codec_free(void *pointer);

#endif
