// blend.hpp: the rule for the style blend weights, in one place for the
// engine, the CLI and the plug-ins (nst_style_blend_normalise).
#pragma once

#include <vector>

namespace nst
{

// `style_blend` (NULL: equal) checked (finite, not negative, one above 0;
// nst::Error INVALID_ARGUMENT otherwise) and scaled to sum 1.
std::vector<double> normalised_blend (const double *style_blend, int n_styles);

} // namespace nst
