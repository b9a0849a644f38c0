/* image-load.c: PNG (libpng) and JPEG (libjpeg) files into float pixels in
 * [0, 1].  The format is told by the file's first bytes, never its name.
 * Both libraries report errors by longjmp; every failure becomes a sentence
 * for the user, never a crash. */
#include "image-io.h"
#include "png-errors.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

/* Beyond this the float copies alone take gigabytes: refuse rather than let
 * the system kill us.  The fuzz targets build with a smaller limit, so that
 * each input is decoded in well under their per-input time limit. */
#ifndef MAX_PIXELS
#define MAX_PIXELS (100.0 * 1000 * 1000)
#endif

/* A progressive JPEG is decoded scan by scan, each scan a pass over the
 * whole picture; encoders write about ten (jpegtran's progression: 10,
 * optimisers rarely more than a few dozen).  Thousands of empty scans cost
 * seconds per megapixel while the file stays a few kilobytes. */
#define MAX_JPEG_SCANS 100

static const unsigned char png_magic[8]
    = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
static const unsigned char jpeg_magic[3] = { 0xFF, 0xD8, 0xFF };

/* Allocates image->pixels for width x height x channels, or says why not. */
static int
allocate_pixels (const char *path,
                 NstImage   *image,
                 int         width,
                 int         height,
                 int         channels,
                 char      **error)
{
  if ((double) width * height > MAX_PIXELS)
    {
      *error = cli_format ("'%s' is %d x %d pixels, more than this tool "
                           "handles (%.0f megapixels); scale it down first",
                           path, width, height, MAX_PIXELS / 1e6);
      return -1;
    }
  image->pixels = malloc ((size_t) width * height * channels * sizeof (float));
  if (! image->pixels)
    {
      *error = cli_format ("not enough memory for '%s' (%d x %d pixels)", path,
                           width, height);
      return -1;
    }
  image->width    = width;
  image->height   = height;
  image->channels = channels;
  image->stride   = (size_t) width * channels;
  return 0;
}

/* ---- PNG ---------------------------------------------------------------- */

/* On the heap: members change between setjmp and longjmp. */
typedef struct
{
  png_structp png;
  png_infop   info;
  png_bytep   data;
  png_bytep  *rows;
  CliPngMessage message;
} PngReader;



static int
load_png (
    FILE *file, const char *path, int keep_alpha, NstImage *image, char **error)
{
  PngReader *reader = calloc (1, sizeof *reader);
  if (! reader)
    {
      *error = cli_format ("not enough memory to read '%s'", path);
      return -1;
    }
  volatile int status = -1; /* read after longjmp */
  reader->png = png_create_read_struct (PNG_LIBPNG_VER_STRING,
                                        &reader->message, cli_png_fail,
                                        cli_png_ignore_warning);
  if (reader->png)
    reader->info = png_create_info_struct (reader->png);
  if (! reader->info)
    {
      *error = cli_format ("not enough memory to read '%s'", path);
      goto done;
    }
  if (setjmp (png_jmpbuf (reader->png)))
    {
      free (image->pixels);
      image->pixels = NULL;
      *error        = cli_format ("'%s' is a damaged or truncated PNG file "
                                         "(libpng: %s); export it again",
                                  path, reader->message.text);
      goto done;
    }

  png_structp png  = reader->png;
  png_infop   info = reader->info;
  png_set_user_limits (png, 1u << 20, 1u << 20);
  png_init_io (png, file);
  png_read_info (png, info);

  /* Let libpng bring every kind of PNG to 8- or 16-bit RGB(A). */
  int color_type = png_get_color_type (png, info);
  if (color_type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb (png);
  if (color_type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth (png, info) < 8)
    png_set_expand_gray_1_2_4_to_8 (png);
  if (png_get_valid (png, info, PNG_INFO_tRNS))
    png_set_tRNS_to_alpha (png);
  if (! (color_type & PNG_COLOR_MASK_COLOR))
    png_set_gray_to_rgb (png);
  png_set_interlace_handling (png);
  png_read_update_info (png, info);

  int width         = (int) png_get_image_width (png, info);
  int height        = (int) png_get_image_height (png, info);
  int file_channels = png_get_channels (png, info);
  int bytes         = png_get_bit_depth (png, info) == 16 ? 2 : 1;
  int channels      = keep_alpha && file_channels == 4 ? 4 : 3;
  if (allocate_pixels (path, image, width, height, channels, error) < 0)
    goto done;

  size_t row_bytes = png_get_rowbytes (png, info);
  reader->data     = malloc (row_bytes * height);
  reader->rows     = malloc (sizeof (png_bytep) * height);
  if (! reader->data || ! reader->rows)
    {
      free (image->pixels);
      image->pixels = NULL;
      *error        = cli_format ("not enough memory to read '%s'", path);
      goto done;
    }
  for (int y = 0; y < height; y++)
    reader->rows[y] = reader->data + row_bytes * y;
  png_read_image (png, reader->rows);

  /* Divide rather than multiply by the reciprocal: the result is then
     bit-identical to torchvision's ToTensor, which the reference uses. */
  const float max_value = bytes == 2 ? 65535.0f : 255.0f;
  for (int y = 0; y < height; y++)
    {
      const png_byte *in  = reader->rows[y];
      float          *out = image->pixels + image->stride * y;
      for (int x = 0; x < width; x++, in += file_channels * bytes)
        for (int c = 0; c < channels; c++)
          {
            const png_byte *sample = in + c * bytes;
            unsigned v = bytes == 2 ? (unsigned) sample[0] << 8 | sample[1]
                                    : sample[0];
            *out++     = (float) v / max_value;
          }
    }
  status = 0;

done:
  png_destroy_read_struct (&reader->png, &reader->info, NULL);
  free (reader->data);
  free (reader->rows);
  free (reader);
  return status;
}

/* ---- JPEG --------------------------------------------------------------- */

typedef struct
{
  struct jpeg_decompress_struct cinfo;
  struct jpeg_error_mgr         err;
  struct jpeg_progress_mgr      progress;
  jmp_buf                       jump;
  JSAMPLE                      *row;
  char                          message[JMSG_LENGTH_MAX];
  int                           too_many_scans;
} JpegReader;

static void
jpeg_fail (j_common_ptr cinfo)
{
  JpegReader *reader = cinfo->client_data;
  cinfo->err->format_message (cinfo, reader->message);
  longjmp (reader->jump, 1);
}

/* libjpeg fills what a truncated or garbled file lacks with grey and calls
 * it a warning: a few hundred bytes that promise 10000 x 10000 pixels then
 * "decode".  We call the picture damaged.  Other warnings (stray bytes
 * between markers, an unknown JFIF revision, a bad ICC profile, which we do
 * not read) leave the pixels as the file meant them. */
static void
jpeg_message (j_common_ptr cinfo, int level)
{
  if (level >= 0)
    return;
  switch (cinfo->err->msg_code)
    {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
      jpeg_fail (cinfo);
      break;
    default:
      break;
    }
}

static void
jpeg_count_scans (j_common_ptr common)
{
  j_decompress_ptr cinfo = (j_decompress_ptr) common;
  if (cinfo->input_scan_number > MAX_JPEG_SCANS)
    {
      JpegReader *reader     = common->client_data;
      reader->too_many_scans = 1;
      longjmp (reader->jump, 1);
    }
}

static int
load_jpeg (FILE *file, const char *path, NstImage *image, char **error)
{
  JpegReader *reader = calloc (1, sizeof *reader);
  if (! reader)
    {
      *error = cli_format ("not enough memory to read '%s'", path);
      return -1;
    }
  volatile int                   status = -1; /* read after longjmp */
  struct jpeg_decompress_struct *cinfo  = &reader->cinfo;
  cinfo->err                            = jpeg_std_error (&reader->err);
  reader->err.error_exit                = jpeg_fail;
  reader->err.emit_message              = jpeg_message;
  reader->progress.progress_monitor     = jpeg_count_scans;
  cinfo->client_data                    = reader;
  if (setjmp (reader->jump))
    {
      free (image->pixels);
      image->pixels = NULL;
      if (reader->too_many_scans)
        *error = cli_format ("'%s' is a JPEG file of more than %d "
                             "progressive scans (encoders write about 10): "
                             "damaged or made to stall readers; export it "
                             "again",
                             path, MAX_JPEG_SCANS);
      else
        *error = cli_format ("'%s' is a damaged or truncated JPEG file "
                             "(libjpeg: %s); export it again",
                             path, reader->message);
      goto done;
    }
  jpeg_create_decompress (cinfo);
  cinfo->progress = &reader->progress;
  jpeg_stdio_src (cinfo, file);
  jpeg_read_header (cinfo, TRUE);
  /* libjpeg converts grey and YCbCr to RGB itself, but not CMYK. */
  int cmyk = cinfo->jpeg_color_space == JCS_CMYK
             || cinfo->jpeg_color_space == JCS_YCCK;
  cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_start_decompress (cinfo);

  int width      = (int) cinfo->output_width;
  int height     = (int) cinfo->output_height;
  int components = cinfo->output_components;
  if (allocate_pixels (path, image, width, height, 3, error) < 0)
    goto done;
  reader->row = malloc ((size_t) width * components);
  if (! reader->row)
    {
      free (image->pixels);
      image->pixels = NULL;
      *error        = cli_format ("not enough memory to read '%s'", path);
      goto done;
    }
  /* Photoshop (the Adobe marker) stores CMYK inverted. */
  int inverted = cmyk && cinfo->saw_Adobe_marker;
  while (cinfo->output_scanline < cinfo->output_height)
    {
      float   *out = image->pixels + image->stride * cinfo->output_scanline;
      JSAMPROW row = reader->row;
      jpeg_read_scanlines (cinfo, &row, 1);
      for (int x = 0; x < width; x++)
        {
          const JSAMPLE *in = reader->row + (size_t) x * components;
          if (! cmyk)
            for (int c = 0; c < 3; c++)
              *out++ = in[c] / 255.0f;
          else
            {
              float k = (inverted ? in[3] : 255 - in[3]) / 255.0f;
              for (int c = 0; c < 3; c++)
                *out++ = (inverted ? in[c] : 255 - in[c]) / 255.0f * k;
            }
        }
    }
  jpeg_finish_decompress (cinfo);
  status = 0;

done:
  jpeg_destroy_decompress (cinfo);
  free (reader->row);
  free (reader);
  return status;
}

/* ---- by content ------------------------------------------------------- */

/* `path` opened for reading if it is a regular file.  O_NONBLOCK: opening
 * a FIFO must not wait for a writer before its type is known. */
static FILE *
open_regular (const char *path, char **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      *error = cli_format ("cannot open '%s': %s", path, strerror (errno));
      return NULL;
    }
  struct stat info;
  FILE       *file = NULL;
  if (fstat (fd, &info) != 0)
    *error = cli_format ("cannot read '%s': %s", path, strerror (errno));
  else if (S_ISDIR (info.st_mode))
    *error = cli_format ("'%s' is a directory, not an image file", path);
  else if (! S_ISREG (info.st_mode))
    *error = cli_format ("'%s' is not a regular file (a pipe, device or "
                         "socket); save the picture to a file first",
                         path);
  else if (fcntl (fd, F_SETFL, 0) != 0 || ! (file = fdopen (fd, "rb")))
    *error = cli_format ("cannot read '%s': %s", path, strerror (errno));
  if (! file)
    close (fd);
  return file;
}

int
image_load (const char *path, int keep_alpha, NstImage *image, char **error)
{
  memset (image, 0, sizeof *image);
  FILE *file = open_regular (path, error);
  if (! file)
    return -1;
  unsigned char magic[8];
  size_t        got    = fread (magic, 1, sizeof magic, file);
  int           status = -1;
  if (ferror (file))
    *error = cli_format ("cannot read '%s': %s", path, strerror (errno));
  else if (got == 0)
    *error = cli_format ("'%s' is empty, not an image", path);
  else if (fseek (file, 0, SEEK_SET) != 0)
    *error = cli_format ("cannot read '%s': %s", path, strerror (errno));
  else if (got == sizeof png_magic && memcmp (magic, png_magic, got) == 0)
    status = load_png (file, path, keep_alpha, image, error);
  else if (got >= sizeof jpeg_magic
           && memcmp (magic, jpeg_magic, sizeof jpeg_magic) == 0)
    status = load_jpeg (file, path, image, error);
  else
    *error = cli_format ("'%s' is neither a PNG nor a JPEG image (by its "
                         "content); convert it to PNG first, e.g. "
                         "'convert \"%s\" picture.png' (ImageMagick)",
                         path, path);
  fclose (file);
  return status;
}
