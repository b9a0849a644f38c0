// tiles.hpp: the losses and their gradient computed tile by tile, for
// images whose activations do not fit in memory at once.  The result
// equals compute_losses' (up to float rounding): every tile carries a
// margin as wide as the deepest layer's reach, and tile origins sit on
// the pooling grid, so the activations of a tile's inner region are those
// of the whole image.
#pragma once

#include "losses.hpp"

#include <cstdint>
#include <vector>

namespace nst
{

// A tile's inner region [y0, y1) × [x0, x1), whose activations it
// contributes, inside the region it is computed on (the inner region
// with its margins, clipped to the image).  Image pixels.
struct Tile
{
  int64_t y0, y1, x0, x1;
  int64_t py0, py1, px0, px1;
};

// The margin every tile carries: receptive_reach rounded up to the
// pooling grid, so that the computed regions start on it too.
int64_t tile_margin ();

// Tiles of inner size `tile` (a multiple of the pooling grid) covering a
// height×width image, row by row.
std::vector<Tile> plan_tiles (int64_t height, int64_t width, int64_t tile);

// The cost of one evaluation of a height×width image, in pixels
// evaluated whole: an evaluation's cost grows about linearly with its
// pixel count.  In tiles (tile > 0) every tile's computed region counts,
// margins included, and a third more for the first pass, forward only.
int64_t evaluation_work (int64_t height, int64_t width, int64_t tile);

// A whole normalised image's style-layer Gram matrices (guided by `mask`
// unless it is empty) and its content activation, computed with tiles of
// inner size `tile` (make_targets).
std::vector<torch::Tensor> tiled_grams (const Vgg19         &vgg,
                                        const torch::Tensor &image,
                                        int64_t              tile,
                                        const LayerMasks    &mask = {});
torch::Tensor
tiled_content (const Vgg19 &vgg, const torch::Tensor &image, int64_t tile);

// The loss parts (LossPart order, on x's device) and the gradient of the
// total with respect to the normalised image x.  Two passes: the Gram
// matrices of the whole image first (no gradient kept), then each tile's
// gradient against them, summed into the image's.
struct TiledEvaluation
{
  torch::Tensor parts, grad;
};

TiledEvaluation tiled_losses (const Vgg19             &vgg,
                              const Normalisation     &norm,
                              const torch::Tensor     &x,
                              const Targets           &targets,
                              const LossWeights       &weights,
                              const std::vector<Tile> &tiles);

} // namespace nst
