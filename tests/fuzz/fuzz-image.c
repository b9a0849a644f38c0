/* fuzz-image: libFuzzer target for the CLI's picture reader
 * (cli/image-load.c), built once per format: FUZZ_MAGIC is the signature
 * the input must start with (PNG or JPEG), so that each target spends its
 * time in one library's reader.  The reader takes a path: the input goes
 * to a memfd, read back through /proc/self/fd. */
#define _GNU_SOURCE
#include "image-io.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const unsigned char magic[] = FUZZ_MAGIC;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static int  fd = -1;
  static char path[64];
  if (size < sizeof magic - 1 || memcmp (data, magic, sizeof magic - 1) != 0)
    return 0;
  if (fd < 0)
    {
      fd = memfd_create ("fuzz-image", 0);
      if (fd < 0)
        abort ();
      snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
    }
  if (ftruncate (fd, 0) != 0 || pwrite (fd, data, size, 0) != (ssize_t) size)
    abort ();

  for (int keep_alpha = 0; keep_alpha < 2; keep_alpha++)
    {
      NstImage image;
      char    *error = NULL;
      if (image_load (path, keep_alpha, &image, &error) == 0)
        {
          /* Every pixel was written, and in [0, 1]. */
          size_t n = image.stride * image.height;
          for (size_t i = 0; i < n; i++)
            if (! (image.pixels[i] >= 0.0f && image.pixels[i] <= 1.0f))
              abort ();
          free (image.pixels);
        }
      else if (! error || strlen (error) > 1000)
        abort ();
      free (error);
    }
  return 0;
}
