/* nst-ref-evaluate: the engine's losses and gradient at one image, through
 * the public C API (nst_job_evaluate), for the reference test.
 *
 * usage: nst-ref-evaluate WEIGHTS CONTENT IMAGE GRADIENT_OUT STYLE BLEND
 *                         [STYLE BLEND]... [NAME=VALUE]...
 *                         [region-mask=MASK]... [source-mask=MASK]...
 *
 * IMAGE is where the loss is evaluated (the content itself at the start).
 * Images are raw files written by test_initial.py: three little-endian
 * int32 (width, height, channels = 3), then float32 RGB interleaved, row by
 * row, in [0, 1].  GRADIENT_OUT receives d(total)/d(pixel) in the same
 * format.  NAME=VALUE sets a parameter of the table ("style-weight=1e5",
 * "device=cpu").  region-mask= and source-mask= give the styles' masks
 * (nst_job_set_style_regions), the Nth of each kind the Nth style's: a raw
 * file as above with channels = 1, or "none" for the whole image.  The
 * losses go to stdout as one JSON object.
 */

#include "nst.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
read_image_channels (const char *path, NstImage *image, int channels)
{
  FILE *f = fopen (path, "rb");
  int32_t dims[3];
  if (!f)
    {
      perror (path);
      return 0;
    }
  int ok = fread (dims, sizeof dims, 1, f) == 1 && dims[0] > 0 && dims[1] > 0
           && dims[2] == channels;
  if (ok)
    {
      size_t n = (size_t) dims[0] * dims[1] * channels;
      image->pixels = malloc (n * sizeof (float));
      image->width = dims[0];
      image->height = dims[1];
      image->channels = channels;
      image->stride = (size_t) dims[0] * channels;
      ok = image->pixels && fread (image->pixels, sizeof (float), n, f) == n;
    }
  fclose (f);
  if (!ok)
    fprintf (stderr, "%s: not a raw float image of %d channels\n", path,
             channels);
  return ok;
}

static int
read_image (const char *path, NstImage *image)
{
  return read_image_channels (path, image, 3);
}

/* "region-mask=PATH" or "source-mask=PATH": appends the mask to `masks`
 * (count `*n`); returns 0 when `arg` is neither. */
static int
mask_arg (const char *arg, const char *prefix, NstImage *masks, int *n,
          int *ok)
{
  size_t length = strlen (prefix);
  if (strncmp (arg, prefix, length) != 0 || *n >= 8)
    return 0;
  const char *path = arg + length;
  masks[*n] = (NstImage) { 0 };
  if (strcmp (path, "none") != 0)
    *ok &= read_image_channels (path, &masks[*n], 1);
  (*n)++;
  return 1;
}

static int
write_image (const char *path, const NstImage *image)
{
  FILE *f = fopen (path, "wb");
  int32_t dims[3] = { image->width, image->height, 3 };
  size_t n = (size_t) image->width * image->height * 3;
  int ok = f && fwrite (dims, sizeof dims, 1, f) == 1
           && fwrite (image->pixels, sizeof (float), n, f) == n;
  if (f && fclose (f) != 0)
    ok = 0;
  if (!ok)
    perror (path);
  return ok;
}

static int
set_param (NstParams *params, const char *arg)
{
  char name[64];
  const char *eq = strchr (arg, '=');
  if (!eq || (size_t) (eq - arg) >= sizeof name)
    return 0;
  memcpy (name, arg, eq - arg);
  name[eq - arg] = '\0';
  const NstParamInfo *info = nst_param_find (name);
  if (!info)
    return 0;
  if (info->type == NST_PARAM_TYPE_ENUM)
    {
      const NstChoice *choice = nst_param_choice (info, eq + 1);
      if (!choice)
        return 0;
      nst_params_set (params, info, choice->value);
    }
  else
    {
      char *end;
      double v = strtod (eq + 1, &end);
      if (*end)
        return 0;
      nst_params_set (params, info, v);
    }
  return 1;
}

int
main (int argc, char **argv)
{
  if (argc < 7)
    {
      fprintf (stderr, "usage: %s WEIGHTS CONTENT IMAGE GRADIENT_OUT STYLE BLEND "
                       "[STYLE BLEND]... [NAME=VALUE]...\n", argv[0]);
      return 2;
    }

  NstParams params;
  nst_params_init (&params);
  NstImage content = { 0 }, image = { 0 }, gradient = { 0 };
  NstImage styles[8] = { { 0 } };
  double blend[8];
  NstImage region_masks[8] = { { 0 } }, source_masks[8] = { { 0 } };
  int n_region_masks = 0, n_source_masks = 0, masks_ok = 1;
  int n_styles = 0;
  int i = 5;
  for (; i + 1 < argc && !strchr (argv[i], '=') && n_styles < 8; i += 2)
    {
      if (!read_image (argv[i], &styles[n_styles]))
        return 1;
      blend[n_styles++] = strtod (argv[i + 1], NULL);
    }
  for (; i < argc; i++)
    if (!mask_arg (argv[i], "region-mask=", region_masks, &n_region_masks,
                   &masks_ok)
        && !mask_arg (argv[i], "source-mask=", source_masks,
                      &n_source_masks, &masks_ok)
        && !set_param (&params, argv[i]))
      {
        fprintf (stderr, "bad parameter setting: %s\n", argv[i]);
        return 2;
      }
  if (!masks_ok || !read_image (argv[2], &content)
      || !read_image (argv[3], &image))
    return 1;
  if ((n_region_masks && n_region_masks != n_styles)
      || (n_source_masks && n_source_masks != n_styles))
    {
      fprintf (stderr, "give region-mask= and source-mask= once per style\n");
      return 2;
    }
  gradient = content;
  gradient.pixels = malloc ((size_t) content.width * content.height * 3
                            * sizeof (float));

  NstModel *model = NULL;
  NstJob *job = NULL;
  NstLosses losses;
  NstStatus *st = nst_params_validate (&params);
  if (!st)
    st = nst_model_load (argv[1], params.device, &model);
  if (!st)
    st = nst_job_new (model, &job);
  if (!st && (n_region_masks || n_source_masks))
    st = nst_job_set_style_regions (job, n_styles,
                                    n_region_masks ? region_masks : NULL,
                                    n_source_masks ? source_masks : NULL);
  if (!st)
    st = nst_job_evaluate (job, &content, styles, blend, n_styles, &params,
                           &image, &losses, &gradient);
  int rc = 0;
  if (st)
    {
      fprintf (stderr, "%s\n", nst_status_message (st));
      rc = 1;
    }
  else if (!write_image (argv[4], &gradient))
    rc = 1;
  else
    printf ("{\"total\": %.17g, \"content\": %.17g, \"style\": %.17g, "
            "\"tv\": %.17g}\n",
            losses.total, losses.content, losses.style, losses.tv);

  nst_status_free (st);
  nst_job_free (job);
  nst_model_free (model);
  free (content.pixels);
  free (image.pixels);
  free (gradient.pixels);
  for (int k = 0; k < n_styles; k++)
    free (styles[k].pixels);
  for (int k = 0; k < 8; k++)
    {
      free (region_masks[k].pixels);
      free (source_masks[k].pixels);
    }
  return rc;
}
