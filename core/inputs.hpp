// inputs.hpp: the caller's images checked, moved to the device and
// prepared (colour control), and the working sizes of each scale.
#pragma once

#include "nst.h"

#include <torch/types.h>

#include <vector>

namespace nst
{

// The masks of nst_job_set_style_regions (), checked and copied: both
// empty when none are set, else one of each kind per style, 1×1×H×W float
// on the CPU, undefined where the style takes the whole image.
struct StyleRegions
{
  std::vector<torch::Tensor> content, source;
};

// Checks and copies the masks (nst::Error, INVALID_ARGUMENT).
StyleRegions style_regions (int             n_styles,
                            const NstImage *content_masks,
                            const NstImage *source_masks);

struct Inputs
{
  torch::Tensor              content_rgb; // the content as given, 1×3×H×W
  torch::Tensor              content; // what is stylised (luminance mode: Y)
  std::vector<torch::Tensor> styles;  // prepared, at their own sizes
  std::vector<double>        blend;   // normalised to sum 1
  StyleRegions               regions; // on the device
};

// Checks every image, blend weight and mask against its image
// (nst::Error, INVALID_ARGUMENT) and applies params.preserve_colors.
// Tensors are pixels in [0, 1] on `device`.
Inputs prepare_inputs (const NstImage     *content,
                       const NstImage     *styles,
                       const double       *style_blend,
                       int                 n_styles,
                       const NstParams    &params,
                       c10::Device         device,
                       const StyleRegions &regions = {});

struct Level
{
  int64_t width, height;             // working size
  int64_t style_width, style_height; // working size × style_scale
  int     evaluations;               // the level's budget
};

// The evaluations of the level `levels_above` levels below the final one
// of a run of `iterations`: the schedule, declared here once.
int level_evaluations (int iterations, int levels_above);

struct Extent
{
  int64_t width, height;
};

// The size of a level whose long edge is `edge` px, on content of
// width × height.
Extent level_extent (int64_t width, int64_t height, double edge);

// The final level's size: the long edge params.size, or the content's own.
Extent working_extent (int64_t width, int64_t height, const NstParams &params);

// How many levels a run makes on content with this long edge: `scales`,
// and with size 0 more, until the coarsest is near 512 px (at most
// NST_PLAN_LEVELS).
int level_count (int64_t long_edge, const NstParams &params);

// The scales of a run, coarsest first; the last has the long edge
// params.size (or the content's own) and params.iterations evaluations,
// each coarser level fewer (see level_evaluations in inputs.cpp).  The
// styles are sized as for content of frame_width × frame_height px at the
// final level (nst_job_set_style_frame), or as the content's own when those
// are 0.  Throws nst::Error when a level is too small for the network.
std::vector<Level> plan_levels (int64_t          width,
                                int64_t          height,
                                const NstParams &params,
                                int64_t          frame_width  = 0,
                                int64_t          frame_height = 0);

} // namespace nst
