// pool.hpp: VGG's 2×2 max pooling.
#pragma once

#include <torch/types.h>

namespace nst
{

// at::max_pool2d (x, 2, 2) for a 1×C×H×W map, with the same values,
// gradient and tie-breaking (the first maximum of the window in row order
// gets the gradient).  On the CPU a kernel for this one case, several
// times faster than ATen's general NCHW one, with one byte of index per
// output instead of eight.
torch::Tensor max_pool_2x2 (const torch::Tensor &x);

} // namespace nst
