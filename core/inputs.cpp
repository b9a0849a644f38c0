// inputs.cpp: checking and preparing what nst_job_run () is given.

#include "inputs.hpp"

#include "blend.hpp"
#include "colour.hpp"
#include "image.hpp"
#include "status.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "i18n.hpp"

namespace nst
{
namespace
{

constexpr int64_t min_side = NST_MIN_SIDE;

// The subject of the image checks' sentences.
std::string
style_name (int i, int n)
{
  if (n == 1)
    /* TRANSLATORS: the subject of sentences such as "%s is unusable: …" */
    return _ ("The style image");
  /* TRANSLATORS: the subject of sentences such as "%s is unusable: …" */
  return string_printf (_ ("Style image %d"), i + 1);
}

// The subjects of the mask checks' sentences.
std::string
region_mask_name (int i, int n)
{
  if (n == 1)
    /* TRANSLATORS: the subject of sentences such as "%s is unusable: …" */
    return _ ("The region mask of the style image");
  /* TRANSLATORS: the subject of sentences such as "%s is unusable: …" */
  return string_printf (_ ("The region mask of style image %d"), i + 1);
}

std::string
source_mask_name (int i, int n)
{
  if (n == 1)
    /* TRANSLATORS: the subject of sentences such as "%s is unusable: …" */
    return _ ("The source mask of the style image");
  /* TRANSLATORS: the subject of sentences such as "%s is unusable: …" */
  return string_printf (_ ("The source mask of style image %d"), i + 1);
}

// Throws unless `mask` (when defined) is width × height px.
void
check_mask_size (const torch::Tensor &mask,
                 const std::string   &what,
                 const std::string   &image,
                 const NstImage      &of)
{
  if (! mask.defined ()
      || (mask.size (2) == of.height && mask.size (3) == of.width))
    return;
  throw Error (NST_ERROR_INVALID_ARGUMENT,
               /* TRANSLATORS: a mask, its width and height, the image it
                  belongs to ("the content image", "style image 2"), then
                  that image's width and height */
               string_printf (_ ("%s is %lld×%lld px, but it must have the "
                                 "size of %s, %d×%d px: resize the mask "
                                 "to it."),
                              what.c_str (), (long long) mask.size (3),
                              (long long) mask.size (2), image.c_str (),
                              of.width, of.height));
}

} // namespace

StyleRegions
style_regions (int             n_styles,
               const NstImage *content_masks,
               const NstImage *source_masks)
{
  StyleRegions regions;
  if (! content_masks && ! source_masks)
    return regions;
  for (int i = 0; i < n_styles; i++)
    {
      const NstImage *c = content_masks ? &content_masks[i] : nullptr;
      const NstImage *s = source_masks ? &source_masks[i] : nullptr;
      regions.content.push_back (
          c && c->pixels ? mask_to_tensor (*c, region_mask_name (i, n_styles))
                         : torch::Tensor ());
      regions.source.push_back (
          s && s->pixels ? mask_to_tensor (*s, source_mask_name (i, n_styles))
                         : torch::Tensor ());
    }
  return regions;
}

// A coarser level only prepares the next one's start, and it has a quarter
// of the pixels: it makes a quarter of the next level's evaluations (at
// least one).  Measured on the 2-core build machine (README, Benchmarks):
// an evaluation at 256 px costs 0.29 of one at 512 px, at 128 px 0.38 of
// one at 256 px, so a level costs at most a tenth of the next one's time;
// and at 128 px (style weight 1e4) the loss had made 98 % of its
// 150-evaluation drop after 50 evaluations, 94 % after 20.
// size 0 reaches the content's own size from near the default working
// size (512 px): the coarse levels are cheap, each finer one starts from
// the last one's result, and only the last ones need tiles.  "Near": the
// coarsest long edge is at most 512·√2 px.
constexpr double pyramid_start_max = 724;

int
level_evaluations (int iterations, int levels_above)
{
  double share = std::pow (0.25, levels_above);
  return std::max (1, int (std::lround (iterations * share)));
}

Inputs
prepare_inputs (const NstImage     *content,
                const NstImage     *styles,
                const double       *style_blend,
                int                 n_styles,
                const NstParams    &params,
                c10::Device         device,
                const StyleRegions &regions)
{
  check_image (content, _ ("The content image"));
  if (n_styles < 1 || ! styles)
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 _ ("No style image was given: at least one is needed."));
  for (int i = 0; i < n_styles; i++)
    check_image (&styles[i], style_name (i, n_styles));
  const int n_regions = int (regions.content.size ());
  if (n_regions > 0 && n_regions != n_styles)
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 /* TRANSLATORS: two numbers of style images */
                 string_printf (_ ("The style regions were set for %d style "
                                   "images, but the run was given %d. Set "
                                   "them again for these style images, or "
                                   "clear them."),
                                n_regions, n_styles));
  for (int i = 0; i < n_regions; i++)
    {
      check_mask_size (regions.content[i], region_mask_name (i, n_styles),
                       /* TRANSLATORS: the object of "… the size of %s" */
                       _ ("the content image"), *content);
      check_mask_size (regions.source[i], source_mask_name (i, n_styles),
                       n_styles == 1
                           /* TRANSLATORS: the object of "… the size of %s" */
                           ? std::string (_ ("the style image"))
                           /* TRANSLATORS: the object of "… the size of %s" */
                           : string_printf (_ ("style image %d"), i + 1),
                       styles[i]);
    }

  Inputs in;
  in.blend = normalised_blend (style_blend, n_styles);
  in.content_rgb
      = image_to_tensor (*content, _ ("The content image")).to (device);
  for (int i = 0; i < n_styles; i++)
    in.styles.push_back (
        image_to_tensor (styles[i], style_name (i, n_styles)).to (device));
  for (int i = 0; i < n_regions; i++)
    for (auto kind : { &StyleRegions::content, &StyleRegions::source })
      {
        const torch::Tensor &m = (regions.*kind)[i];
        (in.regions.*kind).push_back (m.defined () ? m.to (device) : m);
      }

  switch (params.preserve_colors)
    {
    case NST_PRESERVE_COLORS_NONE:
      in.content = in.content_rgb;
      break;
    case NST_PRESERVE_COLORS_LUMINANCE:
      // Transfer luminance only; the content's chroma returns at the end.
      in.content = luminance_image (in.content_rgb);
      for (torch::Tensor &s : in.styles)
        s = match_luminance (luminance_image (s), in.content);
      break;
    case NST_PRESERVE_COLORS_MATCH:
      in.content = in.content_rgb;
      for (torch::Tensor &s : in.styles)
        s = match_colours (s, in.content_rgb);
      break;
    }
  return in;
}

int
level_count (int64_t long_edge, const NstParams &params)
{
  int levels = params.scales;
  if (params.size == 0)
    while (levels < NST_PLAN_LEVELS
           && double (long_edge) / std::ldexp (1.0, levels - 1)
                  > pyramid_start_max)
      levels++;
  return levels;
}

Extent
level_extent (int64_t width, int64_t height, double edge)
{
  double f = edge / double (std::max (width, height));
  return { std::max<int64_t> (1, std::llround (width * f)),
           std::max<int64_t> (1, std::llround (height * f)) };
}

Extent
working_extent (int64_t width, int64_t height, const NstParams &params)
{
  return level_extent (width, height,
                       params.size > 0 ? params.size
                                       : double (std::max (width, height)));
}

std::vector<Level>
plan_levels (int64_t          width,
             int64_t          height,
             const NstParams &params,
             int64_t          frame_width,
             int64_t          frame_height)
{
  int64_t long_edge  = std::max (width, height);
  double  final_edge = params.size > 0 ? params.size : double (long_edge);
  int     n          = level_count (long_edge, params);
  std::vector<Level> levels;
  for (int i = 0; i < n; i++)
    {
      double edge   = final_edge / std::pow (2.0, n - 1 - i);
      Extent extent = level_extent (width, height, edge);
      Level  l;
      l.width  = extent.width;
      l.height = extent.height;
      if (frame_width > 0 && frame_height > 0)
        {
          // A crop of a larger picture: its strokes at the picture's scale.
          double g       = edge / final_edge * params.style_scale;
          l.style_width  = std::llround (frame_width * g);
          l.style_height = std::llround (frame_height * g);
        }
      else
        {
          l.style_width  = std::llround (l.width * params.style_scale);
          l.style_height = std::llround (l.height * params.style_scale);
        }
      l.evaluations = level_evaluations (params.iterations, n - 1 - i);
      long long w = l.width, h = l.height, side = min_side;
      if ((w < side || h < side) && n > 1)
        throw Error (
            NST_ERROR_INVALID_ARGUMENT,
            /* TRANSLATORS: the working image's width and height, the number of
               scales, and the smallest side the network takes */
            string_printf (_ ("The working image would be only "
                              "%lld×%lld px at the coarsest of %d "
                              "scales, and the network needs at "
                              "least %lld px on each side. Raise size "
                              "(0 works at the content's own size) "
                              "or lower scales."),
                           w, h, n, side));
      if (w < side || h < side)
        throw Error (NST_ERROR_INVALID_ARGUMENT,
                     /* TRANSLATORS: the working image's width and height, then
                        the smallest side the network takes */
                     string_printf (_ ("The working image would be only "
                                       "%lld×%lld px, and the network needs at "
                                       "least %lld px on each side. Raise size "
                                       "(0 works at the content's own size) "
                                       "or lower scales."),
                                    w, h, side));
      if (l.style_width < min_side || l.style_height < min_side)
        throw Error (
            NST_ERROR_INVALID_ARGUMENT,
            string_printf (
                /* TRANSLATORS: the style image's width and height, the working
                   image's, then the smallest side the network takes */
                _ ("The style image would be only "
                   "%lld×%lld px (style-scale times the "
                   "working size %lld×%lld px), and the "
                   "network needs at least %lld px on each side. Raise "
                   "style-scale or size."),
                (long long) l.style_width, (long long) l.style_height, w, h,
                side));
      levels.push_back (l);
    }
  return levels;
}

} // namespace nst
