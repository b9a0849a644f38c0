// image.hpp: NstImage <-> tensors, and resizing.
#pragma once

#include "nst.h"

#include <torch/types.h>

#include <string>

namespace nst
{

// Throws nst::Error (NST_ERROR_INVALID_ARGUMENT) naming `what` (translated,
// the subject of a sentence: "The content image") when a field of `image`
// is unusable.
void check_image (const NstImage *image, const std::string &what);

// The same for a mask (nst_job_set_style_regions ()): 1 channel.
void check_mask (const NstImage *mask, const std::string &what);

// A checked mask as a contiguous 1×1×H×W float tensor on the CPU, a copy.
// Values outside [0, 1], NaN, or 0 everywhere are refused (nst::Error
// naming `what`).
torch::Tensor mask_to_tensor (const NstImage &mask, const std::string &what);

// The RGB of `image` as a contiguous 1×3×H×W float tensor on the CPU,
// clamped to [0, 1].  NaN or infinite pixels are refused.
torch::Tensor image_to_tensor (const NstImage &image, const std::string &what);

// Writes the 1×3×H×W tensor `rgb` (any device, H and W those of `out`)
// into `out`; a fourth channel of `out` gets the alpha of `alpha_from`
// (or 1 when it has none).
void tensor_to_image (const torch::Tensor &rgb,
                      const NstImage      *alpha_from,
                      NstImage            &out);

// `t` (1×C×H×W) at height × width: bicubic, antialiased where it shrinks,
// clamped to [0, 1]; `t` itself when the size already matches.
torch::Tensor resize (const torch::Tensor &t, int64_t height, int64_t width);

} // namespace nst
