// image.cpp: crossing the C boundary with pixels, and resizing.

#include "image.hpp"

#include "status.hpp"

#include <ATen/ops/_upsample_bicubic2d_aa.h>
#include <ATen/ops/upsample_bicubic2d.h>
#include <torch/torch.h>

#include "i18n.hpp"

#include <cstring>

namespace nst
{

namespace
{

[[noreturn]] void
bad (const std::string &message)
{
  throw Error (NST_ERROR_INVALID_ARGUMENT, message);
}

// The checks of check_image () and check_mask () but the channels'.
void
check_fields (const NstImage *image, const std::string &what, bool mask)
{
  if (! image)
    /* TRANSLATORS: in these messages %s names an image, e.g. "The content
       image" or "Style image 2" */
    bad (string_printf (_ ("%s is unusable: none was given."), what.c_str ()));
  if (! image->pixels)
    bad (string_printf (_ ("%s is unusable: its pixel pointer is NULL."),
                        what.c_str ()));
  if (image->width < 1 || image->height < 1)
    bad (string_printf (_ ("%s is unusable: its size is %d×%d px."),
                        what.c_str (), image->width, image->height));
  if (mask && image->channels != 1)
    bad (string_printf (
        /* TRANSLATORS: %s names a mask, e.g. "The region mask of style
           image 2" */
        _ ("%s is unusable: it has %d channels; a mask has 1 (grey)."),
        what.c_str (), image->channels));
  if (! mask && image->channels != 3 && image->channels != 4)
    bad (string_printf (_ ("%s is unusable: it has %d channels; only RGB (3) "
                           "and RGBA (4) are supported."),
                        what.c_str (), image->channels));
  if (image->stride < size_t (image->width) * size_t (image->channels))
    bad (string_printf (_ ("%s is unusable: its stride (%zu floats) is less "
                           "than width × channels (%zu)."),
                        what.c_str (), image->stride,
                        size_t (image->width) * size_t (image->channels)));
}

} // namespace

void
check_image (const NstImage *image, const std::string &what)
{
  check_fields (image, what, false);
}

void
check_mask (const NstImage *mask, const std::string &what)
{
  check_fields (mask, what, true);
}

torch::Tensor
mask_to_tensor (const NstImage &mask, const std::string &what)
{
  check_mask (&mask, what);
  int64_t       h = mask.height, w = mask.width;
  torch::Tensor m
      = torch::from_blob (mask.pixels, { 1, 1, h, w },
                          { 0, 0, int64_t (mask.stride), 1 }, torch::kFloat)
            .clone (torch::MemoryFormat::Contiguous);
  if (! torch::isfinite (m).all ().item<bool> ())
    bad (string_printf (_ ("%s has pixels that are not numbers (NaN "
                           "or infinite). Fix or replace those pixels "
                           "first."),
                        what.c_str ()));
  double lo = m.min ().item<double> (), hi = m.max ().item<double> ();
  if (lo < 0 || hi > 1)
    bad (string_printf (
        /* TRANSLATORS: %s names a mask; then its smallest and largest
           values */
        _ ("%s has values from %g to %g, outside 0 to 1. A mask holds 0 "
           "where its style is not wanted, 1 where it is wanted fully, and "
           "values between for soft edges."),
        what.c_str (), lo, hi));
  if (hi == 0)
    bad (string_printf (
        /* TRANSLATORS: %s names a mask */
        _ ("%s is 0 everywhere, so it selects nothing. Paint it white where "
           "the style belongs, or give no mask to use the whole image."),
        what.c_str ()));
  return m;
}

torch::Tensor
image_to_tensor (const NstImage &image, const std::string &what)
{
  int64_t       h = image.height, w = image.width, c = image.channels;
  torch::Tensor hwc
      = torch::from_blob (image.pixels, { h, w, c },
                          { int64_t (image.stride), c, 1 }, torch::kFloat);
  torch::Tensor rgb
      = hwc.narrow (2, 0, 3)
            .permute ({ 2, 0, 1 })
            .unsqueeze (0)
            .clone (torch::MemoryFormat::Contiguous); // a copy: never clamp the
                                                      // caller's pixels
  if (! torch::isfinite (rgb).all ().item<bool> ())
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 /* TRANSLATORS: %s names an image, e.g. "The content image" */
                 string_printf (_ ("%s has pixels that are not numbers (NaN "
                                   "or infinite). Fix or replace those pixels "
                                   "first."),
                                what.c_str ()));
  return rgb.clamp_ (0.0, 1.0);
}

void
tensor_to_image (const torch::Tensor &rgb,
                 const NstImage      *alpha_from,
                 NstImage            &out)
{
  torch::Tensor hwc = rgb.squeeze (0)
                          .permute ({ 1, 2, 0 })
                          .contiguous ()
                          .to (torch::kCPU, torch::kFloat);
  const float *src = hwc.data_ptr<float> ();
  for (int y = 0; y < out.height; y++)
    {
      float       *row     = out.pixels + size_t (y) * out.stride;
      const float *src_row = src + size_t (y) * size_t (out.width) * 3;
      if (out.channels == 3)
        {
          std::memcpy (row, src_row, sizeof (float) * 3 * size_t (out.width));
          continue;
        }
      const float *alpha_row
          = alpha_from && alpha_from->channels == 4
                ? alpha_from->pixels + size_t (y) * alpha_from->stride
                : nullptr;
      for (int x = 0; x < out.width; x++)
        {
          std::memcpy (row + 4 * x, src_row + 3 * x, sizeof (float) * 3);
          row[4 * x + 3] = alpha_row ? alpha_row[4 * x + 3] : 1.0f;
        }
    }
}

torch::Tensor
resize (const torch::Tensor &t, int64_t height, int64_t width)
{
  if (t.size (2) == height && t.size (3) == width)
    return t;
  bool                 shrinks = height < t.size (2) || width < t.size (3);
  std::vector<int64_t> size    = { height, width };
  torch::Tensor        out;
  if (shrinks)
    out = at::_upsample_bicubic2d_aa (t, size, false, c10::nullopt,
                                      c10::nullopt);
  else
    out = at::upsample_bicubic2d (t, size, false, c10::nullopt, c10::nullopt);
  return out.clamp_ (0.0, 1.0);
}

} // namespace nst
