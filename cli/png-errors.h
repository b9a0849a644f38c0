/* png-errors.h: libpng error handling shared by the PNG reader and writer.
 *
 * libpng reports errors through a callback that must not return.  Both
 * sides pass a CliPngMessage as libpng's error pointer: cli_png_fail ()
 * copies libpng's text into it and longjmps back to the caller's setjmp. */

#ifndef CLI_PNG_ERRORS_H
#define CLI_PNG_ERRORS_H

#include <png.h>

typedef struct
{
  char text[200];
} CliPngMessage;

void cli_png_fail (png_structp png, png_const_charp message);

/* libpng's warnings (e.g. about colour profiles) are not the user's
   concern: the image is read or written all the same. */
void cli_png_ignore_warning (png_structp png, png_const_charp message);

#endif /* CLI_PNG_ERRORS_H */
