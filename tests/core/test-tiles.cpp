// test-tiles.cpp: the tiled evaluation (core/tiles.cpp) against the whole
// image at once, on sizes where both fit: the targets, the losses, the
// gradient and a short L-BFGS run must agree.  Odd sizes and tiles
// smaller than the margin included.  C++ because tiling is internal.

#include "losses.hpp"
#include "optim.hpp"
#include "tiles.hpp"
#include "vgg.hpp"
#include "weights.hpp"

#include <torch/torch.h>

#include <cstdlib>

#include "../check.h" // after libtorch's headers: see there

namespace
{

double
relative (const torch::Tensor &a, const torch::Tensor &b)
{
  return (a - b).abs ().max ().item<double> ()
         / std::max (b.abs ().max ().item<double> (), 1e-30);
}

// Smooth noise: neighbouring pixels alike, as in a picture.
torch::Tensor
picture (int64_t height, int64_t width)
{
  torch::Tensor coarse = torch::rand ({ 1, 3, height / 8 + 2, width / 8 + 2 });
  return torch::upsample_bilinear2d (coarse, { height, width }, false)
      .add_ (torch::rand ({ 1, 3, height, width }), 0.1)
      .sub_ (0.5)
      .mul_ (2.0);
}

class Counted : public nst::Objective
{
public:
  Counted (const nst::Vgg19             &vgg,
           const nst::Normalisation     &norm,
           const nst::Targets           &targets,
           const nst::LossWeights       &weights,
           const std::vector<nst::Tile> *tiles)
      : vgg_ (vgg), norm_ (norm), targets_ (targets), weights_ (weights),
        tiles_ (tiles)
  {
  }

  nst::Evaluation
  evaluate (const torch::Tensor &x) override
  {
    made_++;
    torch::Tensor loss, grad;
    if (tiles_)
      {
        nst::TiledEvaluation e
            = nst::tiled_losses (vgg_, norm_, x, targets_, weights_, *tiles_);
        loss = e.parts[nst::LOSS_TOTAL];
        grad = e.grad;
      }
    else
      {
        torch::Tensor xv = x.detach ().requires_grad_ (true);
        nst::Losses   l
            = nst::compute_losses (vgg_, norm_, xv, targets_, weights_);
        loss = l.parts[nst::LOSS_TOTAL];
        grad = torch::autograd::grad ({ l.total }, { xv })[0];
      }
    return { loss.item<double> (), grad.abs ().max ().item<double> (), grad };
  }

  // Three evaluations: from the fourth on, this projected L-BFGS
  // amplifies float rounding itself (a gradient perturbed by 1e-7
  // relative ends 1e-3 away there, tiles or not).
  bool
  finished () const override
  {
    return made_ >= 3;
  }

private:
  const nst::Vgg19             &vgg_;
  const nst::Normalisation     &norm_;
  const nst::Targets           &targets_;
  nst::LossWeights              weights_;
  const std::vector<nst::Tile> *tiles_;
  int                           made_ = 0;
};

// A soft 1×1×H×W mask in [0, 1], smooth as a painted one.
torch::Tensor
soft_mask (int64_t height, int64_t width)
{
  return torch::sigmoid (picture (height, width).narrow (1, 0, 1) * 4.0);
}

// run: also compare a short L-BFGS run (costly: the tiles overlap).
// regions: the first style painted in a soft region of the image and taken
// from a soft part of its own (nst_job_set_style_regions ()), the second
// everywhere.
void
compare (const nst::Vgg19 &vgg,
         int64_t           height,
         int64_t           width,
         int64_t           tile,
         bool              run,
         bool              regions = false)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("%lld×%lld px, %lld px tiles%s:\n", (long long) width,
          (long long) height, (long long) tile,
          regions ? ", a style in a region" : "");
  nst::Normalisation         norm (torch::kCPU);
  torch::Tensor              content = picture (height, width);
  std::vector<torch::Tensor> styles
      = { picture (height * 3 / 4, width), picture (height, width * 5 / 4) };
  std::vector<double>          blend = { 0.3, 0.7 };
  std::vector<nst::StyleMasks> masks;
  if (regions)
    masks = { { soft_mask (height, width), soft_mask (height * 3 / 4, width) },
              {} };

  nst::Targets whole
      = nst::make_targets (vgg, content, styles, blend, 0, masks);
  nst::Targets tiled
      = nst::make_targets (vgg, content, styles, blend, tile, masks);
  CHECK (whole.regions.size () == (regions ? 1u : 0u),
         "%zu regions in the targets", whole.regions.size ());
  double worst = relative (tiled.content, whole.content);
  for (size_t l = 0; l < whole.grams.size (); l++)
    worst = std::max (worst, relative (tiled.grams[l], whole.grams[l]));
  for (size_t r = 0; r < whole.regions.size (); r++)
    for (size_t l = 0; l < whole.regions[r].grams.size (); l++)
      worst = std::max (worst, relative (tiled.regions[r].grams[l],
                                         whole.regions[r].grams[l]));
  CHECK (worst <= 1e-5, "targets differ by %.2g relative (limit 1e-5)", worst);

  // Moderate style weight, TV on: every part of the gradient counts.
  nst::LossWeights       weights{ 1.0, 1e3, 1e-2 };
  std::vector<nst::Tile> tiles = nst::plan_tiles (height, width, tile);
  CHECK (tiles.size () > 1, "only %zu tile", tiles.size ());
  torch::Tensor        x  = picture (height, width);
  torch::Tensor        xv = x.clone ().requires_grad_ (true);
  nst::Losses          l  = nst::compute_losses (vgg, norm, xv, whole, weights);
  torch::Tensor        g  = torch::autograd::grad ({ l.total }, { xv })[0];
  nst::TiledEvaluation e
      = nst::tiled_losses (vgg, norm, x, whole, weights, tiles);
  double parts = relative (e.parts, l.parts);
  double grad  = relative (e.grad, g);
  printf ("  %zu tiles; losses %.2g, gradient %.2g relative\n", tiles.size (),
          parts, grad);
  CHECK (parts <= 1e-5, "losses differ by %.2g relative (limit 1e-5)", parts);
  CHECK (grad <= 1e-4, "gradients differ by %.2g relative (limit 1e-4)", grad);

  if (! run)
    return;
  nst::Bounds   bounds{ norm.normalise (torch::zeros_like (norm.mean)),
                      norm.normalise (torch::ones_like (norm.mean)) };
  torch::Tensor start = norm.normalise (content.clamp (0, 1) * 0.5 + 0.25);
  torch::Tensor a = start.clone (), b = start.clone ();
  Counted       fa (vgg, norm, whole, weights, nullptr);
  Counted       fb (vgg, norm, whole, weights, &tiles);
  nst::run_lbfgs (a, bounds, fa);
  nst::run_lbfgs (b, bounds, fb);
  double image
      = (norm.pixels (a) - norm.pixels (b)).abs ().max ().item<double> ();
  double moved
      = (norm.pixels (a) - norm.pixels (start)).abs ().max ().item<double> ();
  printf ("  3 evaluations of L-BFGS: images differ by %.2g (moved %.2g)\n",
          image, moved);
  CHECK (moved > 1e-3, "the run did not move the image (%.2g)", moved);
  CHECK (image <= 1e-4, "images differ by %.2g (limit 1e-4)", image);
}

} // namespace

int
main ()
{
  const char *path = getenv ("NST_TEST_WEIGHTS");
  CHECK (path && *path, "NST_TEST_WEIGHTS is not set");
  torch::manual_seed (7);
  nst::Vgg19 vgg (nst::load_vgg19_convs (path, nst::deepest_conv_index),
                  torch::kCPU);
  compare (vgg, 256, 384, 128, true);
  // Odd sizes: the poolings drop the last rows and columns; tiles smaller
  // than their margins.
  compare (vgg, 130, 170, 48, false);
  // Regions: the layer masks cropped to each tile as its activations are.
  compare (vgg, 130, 170, 48, false, true);
  return 0;
}
