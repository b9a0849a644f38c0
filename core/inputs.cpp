// inputs.cpp: checking and preparing what nst_job_run () is given.

#include "inputs.hpp"

#include "blend.hpp"
#include "colour.hpp"
#include "image.hpp"
#include "status.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace nst
{
namespace
{

constexpr int64_t min_side = NST_MIN_SIDE;

std::string
size_text (int64_t w, int64_t h)
{
  return std::to_string (w) + "×" + std::to_string (h) + " px";
}

std::string
style_name (int i, int n)
{
  return n == 1 ? "style image" : "style image " + std::to_string (i + 1);
}

} // namespace

Inputs
prepare_inputs (const NstImage  *content,
                const NstImage  *styles,
                const double    *style_blend,
                int              n_styles,
                const NstParams &params,
                c10::Device      device)
{
  check_image (content, "content image");
  if (n_styles < 1 || ! styles)
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 "No style image was given: at least one is needed.");
  for (int i = 0; i < n_styles; i++)
    check_image (&styles[i], style_name (i, n_styles));

  Inputs in;
  in.blend       = normalised_blend (style_blend, n_styles);
  in.content_rgb = image_to_tensor (*content, "content image").to (device);
  for (int i = 0; i < n_styles; i++)
    in.styles.push_back (
        image_to_tensor (styles[i], style_name (i, n_styles)).to (device));

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

std::vector<Level>
plan_levels (int64_t width, int64_t height, const NstParams &params)
{
  int64_t long_edge  = std::max (width, height);
  double  final_edge = params.size > 0 ? params.size : double (long_edge);
  std::vector<Level> levels;
  for (int i = 0; i < params.scales; i++)
    {
      double edge = final_edge / std::pow (2.0, params.scales - 1 - i);
      double f    = edge / double (long_edge);
      Level  l;
      l.width        = std::max<int64_t> (1, std::llround (width * f));
      l.height       = std::max<int64_t> (1, std::llround (height * f));
      l.style_width  = std::llround (l.width * params.style_scale);
      l.style_height = std::llround (l.height * params.style_scale);
      if (l.width < min_side || l.height < min_side)
        throw Error (
            NST_ERROR_INVALID_ARGUMENT,
            "The working image would be only " + size_text (l.width, l.height)
                + (params.scales > 1
                       ? " at the coarsest of " + std::to_string (params.scales)
                             + " scales"
                       : std::string ())
                + ", and the network needs at least "
                + std::to_string (min_side)
                + " px on each side. Raise size (0 works at the "
                  "content's own size) or lower scales.");
      if (l.style_width < min_side || l.style_height < min_side)
        throw Error (NST_ERROR_INVALID_ARGUMENT,
                     "The style image would be only "
                         + size_text (l.style_width, l.style_height)
                         + " (style-scale times the working size "
                         + size_text (l.width, l.height)
                         + "), and the network needs at least "
                         + std::to_string (min_side)
                         + " px on each side. Raise style-scale or size.");
      levels.push_back (l);
    }
  return levels;
}

} // namespace nst
