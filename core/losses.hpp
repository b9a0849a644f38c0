// losses.hpp: content, style (Gram) and total-variation losses.
#pragma once

#include "vgg.hpp"

#include <torch/types.h>

#include <vector>

namespace nst
{

// ImageNet statistics of the torchvision weights, as 1×3×1×1 tensors.
struct Normalisation
{
  torch::Tensor mean, std;
  explicit Normalisation (c10::Device device);
  torch::Tensor normalise (const torch::Tensor &pixels) const;
  torch::Tensor pixels (const torch::Tensor &x) const;
};

// F·Fᵀ / (C·H·W) of a 1×C×H×W activation.
torch::Tensor gram (const torch::Tensor &features);
// F·Fᵀ / divisor: a tile's share of a larger activation's Gram matrix.
torch::Tensor gram (const torch::Tensor &features, double divisor);

// A region's mask (Gatys et al. 2017) brought to each style layer's
// resolution, 1×1×h×w, and the sum of its squares there.
struct LayerMasks
{
  std::vector<torch::Tensor> masks;
  std::vector<double>        energy;
};

// `mask`, 1×1×H×W at the size of the image the layers see.
LayerMasks layer_masks (const torch::Tensor &mask);

// The Gram matrix of `features` (1×C×h×w) guided by a layer mask m:
// (F∘m)(F∘m)ᵀ / (C·energy), energy the Σm² of the whole image's mask
// (a tile passes its part of F and of m).
torch::Tensor guided_gram (const torch::Tensor &features,
                           const torch::Tensor &mask,
                           double               energy);

// A style painted in a region of the image: the region, and the style's
// Gram matrices it is compared with.
struct Region
{
  LayerMasks                 mask;
  std::vector<torch::Tensor> grams;
};

// What the image is compared with: the content's relu4_2, the
// blend-weighted Gram matrices of the styles painted everywhere (empty when
// there are none), and the regions of the others.
struct Targets
{
  torch::Tensor              content;
  std::vector<torch::Tensor> grams;
  std::vector<Region>        regions;
};

// A style's masks at the level's sizes, 1×1×H×W; undefined: the whole
// image.
struct StyleMasks
{
  torch::Tensor content, source;
};

// content, styles: normalised 1×3×H×W images on the model's device;
// blend: non-negative, summing to 1, one per style.  tile > 0: the
// activations are computed with tiles of that inner size (tiles.hpp).
// masks: empty, or one per style (nst_job_set_style_regions ()).
Targets make_targets (const Vgg19                      &vgg,
                      const torch::Tensor              &content,
                      const std::vector<torch::Tensor> &styles,
                      const std::vector<double>        &blend,
                      int64_t                           tile  = 0,
                      const std::vector<StyleMasks>    &masks = {});

// Mean squared difference of neighbouring pixel values, vertically plus
// horizontally, of a 1×3×H×W image.
torch::Tensor tv_loss (const torch::Tensor &pixels);

struct LossWeights
{
  double content, style, tv;
};

// Where each loss sits in Losses::parts.
enum LossPart
{
  LOSS_TOTAL,
  LOSS_CONTENT, // this and the next two unweighted
  LOSS_STYLE,
  LOSS_TV,
  LOSS_PARTS // their number
};

// The losses at the normalised image x (which may require grad).
// `parts` holds them in LossPart order as a vector on x's device, so that
// one copy brings them to the host; `total` is kept for backward.
struct Losses
{
  torch::Tensor total;
  torch::Tensor parts;
};

// The total of the unweighted parts: the one place the weights apply.
torch::Tensor weighted_total (const torch::Tensor &content,
                              const torch::Tensor &style,
                              const torch::Tensor &tv,
                              const LossWeights   &weights);

Losses compute_losses (const Vgg19         &vgg,
                       const Normalisation &norm,
                       const torch::Tensor &x,
                       const Targets       &targets,
                       const LossWeights   &weights);

} // namespace nst
