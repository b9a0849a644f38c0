/* png-errors.c: libpng error handling shared by the PNG reader and writer. */

#include "png-errors.h"

#include <stdio.h>

void
cli_png_fail (png_structp png, png_const_charp message)
{
  CliPngMessage *error = png_get_error_ptr (png);
  snprintf (error->text, sizeof error->text, "%s", message);
  png_longjmp (png, 1);
}

void
cli_png_ignore_warning (png_structp png, png_const_charp message)
{
  (void) png;
  (void) message;
}
