/* mask.h: the --style-mask and --style-source-mask files as the engine's
 * style regions (nst_job_set_style_regions). */
#ifndef CLI_MASK_H
#define CLI_MASK_H

#include "args.h"

/* Per style, its masks at the size of their images, or NULL arrays when
 * the flag was not given; an entry whose pixels are NULL ('none') is the
 * whole image. */
typedef struct
{
  NstImage *content;
  NstImage *source;
} CliRegions;

/* Reads the masks the options name: each a PNG or JPEG of any size, its
 * luminance (times its alpha, so that transparent is unpainted) resized
 * smoothly to the content's size (source masks: to their style's).
 * Returns 0, or -1 and *error (caller frees).  Free *regions with
 * regions_free () either way. */
int regions_load (const CliOptions *options,
                  const NstImage   *content,
                  const NstImage   *styles,
                  CliRegions       *regions,
                  char            **error);

/* Gives `job` the regions, when any flag was given. */
NstStatus *regions_apply (const CliRegions *regions, int n_styles, NstJob *job);

void regions_free (CliRegions *regions, int n_styles);

#endif /* CLI_MASK_H */
