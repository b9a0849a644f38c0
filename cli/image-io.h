/* image-io.h: reading PNG and JPEG into the engine's float images, writing
 * PNG without ever leaving a half-written file behind. */
#ifndef CLI_IMAGE_IO_H
#define CLI_IMAGE_IO_H

#include "nst.h"

/* Reads the PNG or JPEG at `path` (recognised by its content, not its
 * name): 8 or 16 bits, grey, grey+alpha, palette, RGB or RGBA.  The result
 * has 3 channels, or 4 when `keep_alpha` and the file has alpha; its pixels
 * are the caller's, to free with free ().  Returns 0 on success; otherwise
 * -1 and *error, a sentence for the user (caller frees with free ()). */
int
image_load (const char *path, int keep_alpha, NstImage *image, char **error);

/* Writes `image` (3 or 4 channels, values clamped to [0, 1]) as an 8-bit
 * PNG at `path`: first to a hidden temporary file in the same directory,
 * then renamed over `path`.  When `abandon` is not NULL and returns nonzero
 * just before the rename, the temporary file is removed and `path` is left
 * alone (returns 1).  Returns 0 when written; -1 and *error otherwise. */
int image_save_png (const char     *path,
                    const NstImage *image,
                    int (*abandon) (void),
                    char **error);

/* Checks that a file can be created beside `path`, by creating and removing
 * a temporary one: a long run should not end in "cannot write".  Returns 0,
 * or -1 and *error. */
int image_check_writable (const char *path, char **error);

#endif /* CLI_IMAGE_IO_H */
