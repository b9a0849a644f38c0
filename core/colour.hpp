// colour.hpp: colour control after Gatys et al. 2017, "Controlling
// Perceptual Factors in Neural Style Transfer".  All images are 1×3×H×W
// pixel tensors in [0, 1], on any device.
#pragma once

#include <torch/types.h>

namespace nst
{

// Y = 0.299 R + 0.587 G + 0.114 B, replicated to three channels: the
// image the luminance-only transfer optimises.
torch::Tensor luminance_image (const torch::Tensor &rgb);

// `style_y` (a luminance image) shifted and scaled so its mean and standard
// deviation are those of `content_y`, clamped.
torch::Tensor match_luminance (const torch::Tensor &style_y,
                               const torch::Tensor &content_y);

// The luminance of `result` with the chroma (YIQ's I and Q) of `content`,
// clamped.  Both images have the same size.
torch::Tensor with_chroma_of (const torch::Tensor &result,
                              const torch::Tensor &content);

// `style` recoloured so its RGB mean and covariance equal `content`'s:
// x' = Σc^½ Σs^−½ (x − μs) + μc, clamped.
torch::Tensor match_colours (const torch::Tensor &style,
                             const torch::Tensor &content);

} // namespace nst
