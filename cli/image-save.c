/* image-save.c: 8-bit PNG out.  Written to a hidden temporary file beside
 * the destination and renamed over it, so that a failure or an interrupt
 * never leaves a half-written picture under the name the user asked for. */
#include "image-io.h"
#include "png-errors.h"

#include "interrupt.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

/* "dir/.name.XXXXXX" for "dir/name", for mkstemp (); caller frees.  A long
 * name is shortened: the temporary name must fit where the name fits. */
static char *
temp_template (const char *path)
{
  const char *slash      = strrchr (path, '/');
  const char *base       = slash ? slash + 1 : path;
  int         dir_length = slash ? (int) (base - path) : 0;
  return cli_format ("%.*s.%.64s.XXXXXX", dir_length, path, base);
}

static char *
directory_of (const char *path)
{
  const char *slash = strrchr (path, '/');
  if (! slash)
    return cli_format (".");
  if (slash == path)
    return cli_format ("/");
  return cli_format ("%.*s", (int) (slash - path), path);
}

/* A new, empty temporary file beside `path`, with the permissions a plain
 * fopen () would give (mkstemp makes it 0600). */
static int
create_temp (const char *path, char **temp_path, char **error)
{
  const char *base = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
  struct stat info;
  if (! *base || (stat (path, &info) == 0 && S_ISDIR (info.st_mode)))
    {
      *error = cli_format ("'%s' is a directory; give a file name such as "
                           "%s%sout.png",
                           path, path, *base ? "/" : "");
      return -1;
    }
  /* The file is replaced by a rename: a link or a device would be
   * replaced, not written through. */
  if (lstat (path, &info) == 0 && ! S_ISREG (info.st_mode))
    {
      *error = cli_format ("'%s' exists and is not a regular file (a "
                           "symbolic link, device or pipe), which would be "
                           "replaced; give the name of a new or regular file",
                           path);
      return -1;
    }
  const char *dot = strrchr (base, '.');
  if (dot && dot != base && strcasecmp (dot, ".png") != 0)
    {
      *error = cli_format ("'%s': neural-style writes PNG only, and the name "
                           "says %s; give a name ending in .png",
                           path, dot);
      return -1;
    }
  *temp_path = temp_template (path);
  int fd     = mkstemp (*temp_path);
  if (fd < 0)
    {
      char *dir = directory_of (path);
      *error    = cli_format ("cannot write '%s': cannot create files in '%s' "
                                 "(%s); choose another output path",
                              path, dir, strerror (errno));
      free (dir);
      free (*temp_path);
      *temp_path = NULL;
      return -1;
    }
  interrupt_set_temp_file (*temp_path);
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  return fd;
}

/* Removes the temporary file (unless renamed) and forgets it. */
static void
drop_temp (char *temp_path, int renamed)
{
  if (! renamed)
    unlink (temp_path);
  interrupt_set_temp_file (NULL);
  free (temp_path);
}

int
image_check_writable (const char *path, char **error)
{
  char *temp_path;
  int   fd = create_temp (path, &temp_path, error);
  if (fd < 0)
    return -1;
  close (fd);
  drop_temp (temp_path, 0);
  return 0;
}

/* ---- PNG encoding ------------------------------------------------------ */

typedef struct
{
  png_structp png;
  png_infop   info;
  png_bytep   row;
  CliPngMessage message;
} PngWriter;



static png_byte
to_byte (float value)
{
  if (! (value > 0.0f)) /* also NaN */
    return 0;
  if (value >= 1.0f)
    return 255;
  return (png_byte) lrintf (value * 255.0f);
}

/* Encodes `image` into `file`; returns 0, or -1 with writer->message. */
static int
encode_png (FILE *file, const NstImage *image, PngWriter *writer)
{
  volatile int status = -1; /* read after longjmp */
  writer->png         = png_create_write_struct (PNG_LIBPNG_VER_STRING,
                                                 &writer->message, cli_png_fail,
                                                 cli_png_ignore_warning);
  if (writer->png)
    writer->info = png_create_info_struct (writer->png);
  writer->row = malloc ((size_t) image->width * image->channels);
  if (! writer->info || ! writer->row)
    {
      snprintf (writer->message.text, sizeof writer->message.text,
                "out of memory");
      goto done;
    }
  if (setjmp (png_jmpbuf (writer->png)))
    goto done;

  png_init_io (writer->png, file);
  png_set_IHDR (writer->png, writer->info, image->width, image->height, 8,
                image->channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                PNG_FILTER_TYPE_DEFAULT);
  png_write_info (writer->png, writer->info);
  size_t n = (size_t) image->width * image->channels;
  for (int y = 0; y < image->height; y++)
    {
      const float *in = image->pixels + image->stride * y;
      for (size_t i = 0; i < n; i++)
        writer->row[i] = to_byte (in[i]);
      png_write_row (writer->png, writer->row);
    }
  png_write_end (writer->png, writer->info);
  status = 0;

done:
  png_destroy_write_struct (&writer->png, &writer->info);
  free (writer->row);
  writer->row = NULL;
  return status;
}

int
image_save_png (const char     *path,
                const NstImage *image,
                int (*abandon) (void),
                char **error)
{
  char *temp_path;
  int   fd = create_temp (path, &temp_path, error);
  if (fd < 0)
    return -1;
  FILE *file = fdopen (fd, "wb");
  if (! file)
    {
      *error = cli_format ("cannot write '%s': %s", path, strerror (errno));
      close (fd);
      drop_temp (temp_path, 0);
      return -1;
    }

  PngWriter writer = { 0 };
  int       status = encode_png (file, image, &writer);
  /* On disk before the rename, so a crash leaves the old file or the new. */
  int flushed     = fflush (file) == 0 && fsync (fileno (file)) == 0;
  int saved_errno = errno;
  int closed      = fclose (file) == 0;
  if (! closed && flushed)
    saved_errno = errno;

  if (status < 0)
    *error = cli_format ("cannot write '%s': %s", path, writer.message.text);
  else if (! flushed || ! closed)
    *error = cli_format ("cannot write '%s': %s", path, strerror (saved_errno));
  else if (abandon && abandon ())
    status = 1;
  else if (rename (temp_path, path) != 0)
    *error = cli_format ("cannot write '%s': %s", path, strerror (errno));
  else
    {
      drop_temp (temp_path, 1);
      return 0;
    }
  if (status == 0)
    status = -1;
  drop_temp (temp_path, 0);
  return status;
}
