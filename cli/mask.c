/* mask.c: the --style-mask and --style-source-mask files as the engine's
 * style regions. */
#include "mask.h"

#include "image-io.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Resamples `in` samples of `src` (every `src_step` floats) to `out`
 * samples of `dst` (every `dst_step`): a triangle filter, i.e. linear
 * interpolation, widened by the factor when shrinking so that every pixel
 * counts (Pillow's BILINEAR).  A mask's soft edges stay soft and its
 * values stay in [0, 1], where a cubic filter would ring. */
static void
resample (const float *src,
          size_t       src_step,
          int          in,
          float       *dst,
          size_t       dst_step,
          int          out)
{
  double scale   = (double) in / out;
  double support = scale > 1 ? scale : 1;
  for (int o = 0; o < out; o++)
    {
      double center = (o + 0.5) * scale;
      int    lo     = (int) floor (center - support);
      int    hi     = (int) ceil (center + support);
      double sum = 0, weights = 0;
      for (int i = lo < 0 ? 0 : lo; i < hi && i < in; i++)
        {
          double w = 1 - fabs ((i + 0.5 - center) / support);
          if (w > 0)
            {
              sum += w * src[(size_t) i * src_step];
              weights += w;
            }
        }
      dst[(size_t) o * dst_step] = weights > 0 ? (float) (sum / weights) : 0;
    }
}

/* The picture at `path` as a width × height mask: its luminance (Rec. 601,
 * as the engine's luminance mode) times its alpha. */
static int
mask_load (
    const char *path, int width, int height, NstImage *mask, char **error)
{
  NstImage picture;
  if (image_load (path, 1, &picture, error) < 0)
    return -1;
  int    w = picture.width, h = picture.height;
  float *grey  = malloc ((size_t) w * h * sizeof (float));
  float *rows  = malloc ((size_t) width * h * sizeof (float));
  mask->pixels = malloc ((size_t) width * height * sizeof (float));
  if (! grey || ! rows || ! mask->pixels)
    {
      *error = cli_format ("not enough memory for the mask '%s'", path);
      free (grey);
      free (rows);
      free (picture.pixels);
      return -1;
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const float *p = picture.pixels + (size_t) y * picture.stride
                         + (size_t) x * picture.channels;
        double v = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        if (picture.channels == 4)
          v *= p[3];
        grey[(size_t) y * w + x] = (float) fmin (1.0, fmax (0.0, v));
      }
  for (int y = 0; y < h; y++)
    resample (grey + (size_t) y * w, 1, w, rows + (size_t) y * width, 1, width);
  for (int x = 0; x < width; x++)
    resample (rows + x, (size_t) width, h, mask->pixels + x, (size_t) width,
              height);
  mask->width    = width;
  mask->height   = height;
  mask->channels = 1;
  mask->stride   = (size_t) width;
  free (grey);
  free (rows);
  free (picture.pixels);
  return 0;
}

/* The masks `paths` names (n_paths, 0: the flag was not given), each at
 * the size of its image. */
static int
load_kind (const char *const *paths,
           int                n_paths,
           const NstImage    *images,
           int                image_step,
           int                n_styles,
           NstImage         **masks,
           char             **error)
{
  if (n_paths == 0)
    return 0;
  *masks = calloc ((size_t) n_styles, sizeof (NstImage));
  if (! *masks)
    {
      *error = cli_format ("out of memory");
      return -1;
    }
  for (int i = 0; i < n_styles; i++)
    {
      const NstImage *of = &images[i * image_step];
      if (strcmp (paths[i], "none") != 0
          && mask_load (paths[i], of->width, of->height, &(*masks)[i], error)
                 < 0)
        return -1;
    }
  return 0;
}

int
regions_load (const CliOptions *options,
              const NstImage   *content,
              const NstImage   *styles,
              CliRegions       *regions,
              char            **error)
{
  memset (regions, 0, sizeof *regions);
  if (load_kind (options->style_masks, options->n_style_masks, content, 0,
                 options->n_styles, &regions->content, error)
      < 0)
    return -1;
  return load_kind (options->source_masks, options->n_source_masks, styles, 1,
                    options->n_styles, &regions->source, error);
}

NstStatus *
regions_apply (const CliRegions *regions, int n_styles, NstJob *job)
{
  if (! regions->content && ! regions->source)
    return NULL;
  return nst_job_set_style_regions (job, n_styles, regions->content,
                                    regions->source);
}

void
regions_free (CliRegions *regions, int n_styles)
{
  for (int i = 0; i < n_styles; i++)
    {
      if (regions->content)
        free (regions->content[i].pixels);
      if (regions->source)
        free (regions->source[i].pixels);
    }
  free (regions->content);
  free (regions->source);
  memset (regions, 0, sizeof *regions);
}
