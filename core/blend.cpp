// blend.cpp: the style blend weights, checked and normalised.

#include "blend.hpp"

#include "status.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "i18n.hpp"

namespace nst
{

std::vector<double>
normalised_blend (const double *style_blend, int n_styles)
{
  if (n_styles < 1)
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 _ ("No style image was given: at least one is needed."));
  std::vector<double> blend (n_styles, 1.0);
  if (style_blend)
    for (int i = 0; i < n_styles; i++)
      {
        double w = style_blend[i];
        if (! std::isfinite (w) || w < 0)
          throw Error (
              NST_ERROR_INVALID_ARGUMENT,
              /* TRANSLATORS: the style image's number, then its weight */
              string_printf (_ ("The blend weight of style image %d "
                                "is %g; blend weights must be zero "
                                "or positive numbers."),
                             i + 1, w));
        blend[i] = w;
      }
  // Divided by the largest first: the sum of weights near DBL_MAX would
  // overflow to infinity and make every weight 0.
  double largest = *std::max_element (blend.begin (), blend.end ());
  if (! (largest > 0))
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 _ ("Every style blend weight is zero: give at least one "
                    "style image a positive weight."));
  double sum = 0;
  for (double &w : blend)
    sum += w /= largest;
  for (double &w : blend)
    w /= sum;
  return blend;
}

} // namespace nst

extern "C"
{

  NstStatus *
  nst_style_blend_normalise (const double *style_blend,
                             int           n_styles,
                             double       *normalised)
  {
    return nst::guarded ([&] {
      std::vector<double> blend = nst::normalised_blend (style_blend, n_styles);
      if (normalised)
        std::copy (blend.begin (), blend.end (), normalised);
    });
  }

} // extern "C"
