// tiles.cpp: the losses and their gradient, tile by tile (see tiles.hpp).

#include "tiles.hpp"

#include <torch/torch.h>

#include <algorithm>

namespace nst
{
namespace
{

// Where a tile's inner region lies in a stride-`stride` activation, along
// one axis: from `image` in the whole image's activation, from `computed`
// in the tile's own, `length` long.  The last tile of an axis takes the
// activation's remainder (the network's poolings round down).
struct Span
{
  int64_t image, computed, length;
};

Span
inner_span (
    int64_t lo, int64_t hi, int64_t computed_lo, int64_t extent, int64_t stride)
{
  int64_t a = lo / stride;
  int64_t b = hi == extent ? extent / stride : hi / stride;
  return { a, a - computed_lo / stride, b - a };
}

struct Inner
{
  Span rows, cols;
};

Inner
inner_of (const Tile &t, int64_t height, int64_t width, int64_t stride)
{
  return { inner_span (t.y0, t.y1, t.py0, height, stride),
           inner_span (t.x0, t.x1, t.px0, width, stride) };
}

// The tile's inner part of its own activation f.
torch::Tensor
computed_part (const torch::Tensor &f, const Inner &in)
{
  return f.narrow (2, in.rows.computed, in.rows.length)
      .narrow (3, in.cols.computed, in.cols.length);
}

// The same part of the whole image's activation.
torch::Tensor
image_part (const torch::Tensor &f, const Inner &in)
{
  return f.narrow (2, in.rows.image, in.rows.length)
      .narrow (3, in.cols.image, in.cols.length);
}

torch::Tensor
computed_region (const torch::Tensor &x, const Tile &t)
{
  return x.narrow (2, t.py0, t.py1 - t.py0).narrow (3, t.px0, t.px1 - t.px0);
}

// C·H·W of a whole image's activation at `stride`: the divisor of its
// Gram matrix.
double
gram_divisor (const torch::Tensor &f, int64_t height, int64_t width, int stride)
{
  return double (f.size (1)) * double (height / stride)
         * double (width / stride);
}

// The tile's share of the whole image's Gram matrix of style layer l.
torch::Tensor
tile_gram (
    const Features &f, int l, const Tile &t, int64_t height, int64_t width)
{
  int s = style_tap_strides[l];
  return gram (computed_part (f.style[l], inner_of (t, height, width, s)),
               gram_divisor (f.style[l], height, width, s));
}

// The tile's share of the whole image's Gram matrix of style layer l
// guided by `mask`: the mask's part where the tile's activations are.
torch::Tensor
tile_guided_gram (const Features   &f,
                  int               l,
                  const Tile       &t,
                  int64_t           height,
                  int64_t           width,
                  const LayerMasks &mask)
{
  Inner in = inner_of (t, height, width, style_tap_strides[l]);
  return guided_gram (computed_part (f.style[l], in),
                      image_part (mask.masks[l], in), mask.energy[l]);
}

// Σ (F − P)² over the tile's inner part of the content layer.
torch::Tensor
tile_content_error (const Features &f,
                    const Targets  &targets,
                    const Tile     &t,
                    int64_t         height,
                    int64_t         width)
{
  Inner in = inner_of (t, height, width, content_tap_stride);
  return (computed_part (f.content, in) - image_part (targets.content, in))
      .pow (2)
      .sum ();
}

// Adds the tile's shares of the whole image's Gram matrices (guided by
// `mask` unless it is empty) to `grams`.
void
add_grams (std::vector<torch::Tensor> &grams,
           const Features             &f,
           const Tile                 &t,
           int64_t                     height,
           int64_t                     width,
           const LayerMasks           &mask = {})
{
  for (int l = 0; l < n_style_layers; l++)
    {
      torch::Tensor g = mask.masks.empty ()
                            ? tile_gram (f, l, t, height, width)
                            : tile_guided_gram (f, l, t, height, width, mask);
      grams[l]        = grams[l].defined () ? grams[l].add_ (g) : g;
    }
}

// d style / d G of mean((G − A)²), times the style weight, per layer: each
// tile's Gram share is weighted by it, which gives the tile's gradient.
std::vector<torch::Tensor>
grams_gradient (const std::vector<torch::Tensor> &grams,
                const std::vector<torch::Tensor> &targets,
                double                            style_weight)
{
  std::vector<torch::Tensor> grad;
  for (size_t l = 0; l < targets.size (); l++)
    grad.push_back (
        (grams[l] - targets[l])
            .mul_ (2.0 * style_weight / double (grams[l].numel ())));
  return grad;
}

} // namespace

int64_t
tile_margin ()
{
  return (receptive_reach + pooling_grid - 1) / pooling_grid * pooling_grid;
}

std::vector<Tile>
plan_tiles (int64_t height, int64_t width, int64_t tile)
{
  const int64_t     m = tile_margin ();
  std::vector<Tile> tiles;
  for (int64_t y0 = 0; y0 < height; y0 += tile)
    for (int64_t x0 = 0; x0 < width; x0 += tile)
      {
        int64_t y1 = std::min (y0 + tile, height);
        int64_t x1 = std::min (x0 + tile, width);
        tiles.push_back ({ y0, y1, x0, x1, std::max<int64_t> (0, y0 - m),
                           std::min (height, y1 + m),
                           std::max<int64_t> (0, x0 - m),
                           std::min (width, x1 + m) });
      }
  return tiles;
}

int64_t
evaluation_work (int64_t height, int64_t width, int64_t tile)
{
  if (tile == 0)
    return height * width;
  int64_t pixels = 0;
  for (const Tile &t : plan_tiles (height, width, tile))
    pixels += (t.py1 - t.py0) * (t.px1 - t.px0);
  return pixels * 4 / 3;
}

std::vector<torch::Tensor>
tiled_grams (const Vgg19         &vgg,
             const torch::Tensor &image,
             int64_t              tile,
             const LayerMasks    &mask)
{
  torch::NoGradGuard         no_grad;
  const int64_t              h = image.size (2), w = image.size (3);
  std::vector<torch::Tensor> grams (n_style_layers);
  for (const Tile &t : plan_tiles (h, w, tile))
    {
      add_grams (grams, vgg.forward (computed_region (image, t), false, true),
                 t, h, w, mask);
    }
  return grams;
}

torch::Tensor
tiled_content (const Vgg19 &vgg, const torch::Tensor &image, int64_t tile)
{
  torch::NoGradGuard no_grad;
  const int64_t      h = image.size (2), w = image.size (3);
  const int          s = content_tap_stride;
  torch::Tensor      content;
  for (const Tile &t : plan_tiles (h, w, tile))
    {
      torch::Tensor f
          = vgg.forward (computed_region (image, t), true, false).content;
      if (! content.defined ())
        content = torch::empty ({ 1, f.size (1), h / s, w / s }, f.options ());
      Inner in = inner_of (t, h, w, s);
      image_part (content, in).copy_ (computed_part (f, in));
    }
  return content;
}

TiledEvaluation
tiled_losses (const Vgg19             &vgg,
              const Normalisation     &norm,
              const torch::Tensor     &x,
              const Targets           &targets,
              const LossWeights       &weights,
              const std::vector<Tile> &tiles)
{
  const int64_t h = x.size (2), w = x.size (3);

  // Pass 1: the whole image's Gram matrices (those of the styles painted
  // everywhere, then each region's) and content loss.
  const std::vector<Region>               &regions = targets.regions;
  std::vector<torch::Tensor>               grams (n_style_layers);
  std::vector<std::vector<torch::Tensor> > region_grams (
      regions.size (), std::vector<torch::Tensor> (n_style_layers));
  torch::Tensor content_sum;
  {
    torch::NoGradGuard no_grad;
    for (const Tile &t : tiles)
      {
        Features f = vgg.forward (computed_region (x, t), true, true);
        if (! targets.grams.empty ())
          add_grams (grams, f, t, h, w);
        for (size_t r = 0; r < regions.size (); r++)
          add_grams (region_grams[r], f, t, h, w, regions[r].mask);
        torch::Tensor d = tile_content_error (f, targets, t, h, w);
        content_sum     = content_sum.defined () ? content_sum + d : d;
      }
  }
  const double  content_n = double (targets.content.numel ());
  torch::Tensor content   = content_sum / content_n;
  torch::Tensor style;
  auto          add = [&style] (const torch::Tensor &term) {
    style = style.defined () ? style + term : term;
  };
  for (size_t l = 0; l < targets.grams.size (); l++)
    add (torch::mse_loss (grams[l], targets.grams[l]));
  for (size_t r = 0; r < regions.size (); r++)
    for (int l = 0; l < n_style_layers; l++)
      add (torch::mse_loss (region_grams[r][l], regions[r].grams[l]));

  std::vector<torch::Tensor> grams_grad
      = grams_gradient (grams, targets.grams, weights.style);
  std::vector<std::vector<torch::Tensor> > region_grad;
  for (size_t r = 0; r < regions.size (); r++)
    region_grad.push_back (
        grams_gradient (region_grams[r], regions[r].grams, weights.style));

  // Pass 2: each tile's gradient against the whole image's Gram matrices.
  torch::Tensor grad = torch::zeros_like (x);
  for (const Tile &t : tiles)
    {
      torch::Tensor xt = computed_region (x, t).detach ().clone ();
      xt.requires_grad_ (true);
      Features      f     = vgg.forward (xt, true, true);
      torch::Tensor share = tile_content_error (f, targets, t, h, w)
                            * (weights.content / content_n);
      for (size_t l = 0; l < grams_grad.size (); l++)
        share
            = share + (grams_grad[l] * tile_gram (f, int (l), t, h, w)).sum ();
      for (size_t r = 0; r < regions.size (); r++)
        for (int l = 0; l < n_style_layers; l++)
          share = share
                  + (region_grad[r][l]
                     * tile_guided_gram (f, l, t, h, w, regions[r].mask))
                        .sum ();
      computed_region (grad, t).add_ (
          torch::autograd::grad ({ share }, { xt })[0]);
    }

  // The TV term is per pixel: on the whole image at once.
  torch::Tensor xv = x.detach ();
  if (weights.tv != 0)
    xv.requires_grad_ (true);
  torch::Tensor tv = tv_loss (norm.pixels (xv));
  if (weights.tv != 0)
    grad.add_ (torch::autograd::grad ({ tv * weights.tv }, { xv })[0]);
  tv = tv.detach ();

  torch::Tensor total = weighted_total (content, style, tv, weights);
  return { torch::stack ({ total, content, style, tv }), grad };
}

} // namespace nst
