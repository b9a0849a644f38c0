// losses.cpp: the article's losses.  Content: mean((F − P)²) at relu4_2.
// Style: Σ_layers mean((G − A)²) with G = F·Fᵀ/(C·H·W), plus the same with
// guided Gram matrices for each style painted in a region (Gatys et al.
// 2017).  TV: mean squared difference of neighbouring pixels, vertically
// plus horizontally, on pixel values.

#include "losses.hpp"

#include "tiles.hpp"

#include <torch/torch.h>

#include <cstdint>

namespace nst
{

Normalisation::Normalisation (c10::Device device)
{
  auto opts = torch::TensorOptions ().dtype (torch::kFloat).device (device);
  mean      = torch::tensor ({ 0.485f, 0.456f, 0.406f })
             .view ({ 1, 3, 1, 1 })
             .to (opts);
  std = torch::tensor ({ 0.229f, 0.224f, 0.225f })
            .view ({ 1, 3, 1, 1 })
            .to (opts);
}

torch::Tensor
Normalisation::normalise (const torch::Tensor &pixels) const
{
  return (pixels - mean) / std;
}

torch::Tensor
Normalisation::pixels (const torch::Tensor &x) const
{
  return x * std + mean;
}

#ifdef NST_HAVE_BLAS_SYRK
// BLAS's symmetric rank-k update (Fortran interface, with the hidden
// lengths of the two character arguments).
extern "C" void ssyrk_ (const char  *uplo,
                        const char  *trans,
                        const int   *n,
                        const int   *k,
                        const float *alpha,
                        const float *a,
                        const int   *lda,
                        const float *beta,
                        float       *c,
                        const int   *ldc,
                        size_t       uplo_len,
                        size_t       trans_len);
#endif

namespace
{

// F·Fᵀ of a contiguous C×K matrix (K may be 0: a tile's empty part,
// which syrk refuses).  On the CPU, BLAS's syrk computes one
// triangle only: half the work of torch::mm, which does not know the
// product is symmetric (numpy uses syrk for A @ A.T for the same reason).
torch::Tensor
self_product (const torch::Tensor &f)
{
#ifdef NST_HAVE_BLAS_SYRK
  if (f.device ().is_cpu () && f.scalar_type () == torch::kFloat
      && f.is_contiguous () && f.size (1) > 0 && f.size (1) <= INT32_MAX)
    {
      int           n = int (f.size (0)), k = int (f.size (1));
      float         one = 1, zero = 0;
      torch::Tensor g   = torch::empty ({ n, n }, f.options ());
      float        *out = g.data_ptr<float> ();
      // Row-major F is the column-major K×C matrix A: G = AᵀA.  Its upper
      // triangle (column-major) is the lower one in row-major terms.
      ssyrk_ ("U", "T", &n, &k, &one, f.data_ptr<float> (), &k, &zero, out, &n,
              1, 1);
      for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
          out[i * n + j] = out[j * n + i];
      return g;
    }
#endif
  return torch::mm (f, f.t ());
}

// G = F·Fᵀ/N with a backward of one matrix product instead of autograd's
// two (one per operand of mm): dF = (dG + dGᵀ)·F/N.  The Gram products
// are a sixth of an evaluation's time on the CPU.
struct GramFunction : public torch::autograd::Function<GramFunction>
{
  static torch::Tensor
  forward (torch::autograd::AutogradContext *ctx,
           const torch::Tensor              &f,
           double                            divisor)
  {
    ctx->save_for_backward ({ f });
    ctx->saved_data["divisor"] = divisor;
    return self_product (f).div_ (divisor);
  }

  static torch::autograd::variable_list
  backward (torch::autograd::AutogradContext *ctx,
            torch::autograd::variable_list    grad_out)
  {
    torch::Tensor f       = ctx->get_saved_variables ()[0];
    torch::Tensor g       = grad_out[0];
    double        divisor = ctx->saved_data["divisor"].toDouble ();
    return { (g + g.t ()).mm (f).div_ (divisor), torch::Tensor () };
  }
};

} // namespace

torch::Tensor
gram (const torch::Tensor &features, double divisor)
{
  auto          c = features.size (1);
  torch::Tensor f = features.reshape ({ c, -1 }).contiguous ();
  return GramFunction::apply (f, divisor);
}

torch::Tensor
gram (const torch::Tensor &features)
{
  return gram (features, double (features.numel ()));
}

LayerMasks
layer_masks (const torch::Tensor &mask)
{
  // The paper's simple propagation of a guidance channel: down-sampled to
  // each layer's size.  Here by averaging over the s×s cell of pixels
  // each activation of a stride-s layer sits on (the area average on the
  // pooling grid): it rounds the size down as the network's poolings do,
  // so a layer's mask has its activation's size, and a tile's part of it
  // is the whole mask's, cropped as the activations are (tiles.cpp).
  torch::NoGradGuard no_grad;
  LayerMasks         out;
  for (int l = 0; l < n_style_layers; l++)
    {
      const int64_t s = style_tap_strides[l];
      torch::Tensor m
          = s == 1 ? mask : torch::avg_pool2d (mask, { s, s }, { s, s });
      out.masks.push_back (m.contiguous ());
      out.energy.push_back (
          m.to (torch::kDouble).pow (2).sum ().item<double> ());
    }
  return out;
}

torch::Tensor
guided_gram (const torch::Tensor &features,
             const torch::Tensor &mask,
             double               energy)
{
  // C·Σm², not C·Σm: the Gram matrix is then the region's mean of the
  // feature products weighted by m², whatever the mask's overall level,
  // and compares with a style's as a whole image's does (with Σm a region
  // painted at 0.5 throughout would ask for features √2 as strong).  An
  // all-ones mask gives C·H·W, the plain Gram matrix's divisor.  A layer
  // that sees nothing of the region (it lies in the last rows or columns,
  // which the poolings drop) has F∘m = 0: its Gram matrix is 0.
  return gram (features * mask,
               double (features.size (1)) * (energy > 0 ? energy : 1.0));
}

namespace
{

// The Gram matrices of a normalised style image, guided by its source
// mask where it has one.
std::vector<torch::Tensor>
style_grams (const Vgg19         &vgg,
             const torch::Tensor &style,
             const torch::Tensor &source,
             int64_t              tile)
{
  const LayerMasks mask
      = source.defined () ? layer_masks (source) : LayerMasks ();
  if (tile > 0)
    return tiled_grams (vgg, style, tile, mask);
  std::vector<torch::Tensor> grams;
  std::vector<torch::Tensor> f = vgg.forward (style, false, true).style;
  for (size_t l = 0; l < f.size (); l++)
    grams.push_back (mask.masks.empty ()
                         ? gram (f[l])
                         : guided_gram (f[l], mask.masks[l], mask.energy[l]));
  return grams;
}

} // namespace

Targets
make_targets (const Vgg19                      &vgg,
              const torch::Tensor              &content,
              const std::vector<torch::Tensor> &styles,
              const std::vector<double>        &blend,
              int64_t                           tile,
              const std::vector<StyleMasks>    &masks)
{
  torch::NoGradGuard no_grad;
  Targets            targets;
  targets.content = tile > 0 ? tiled_content (vgg, content, tile)
                             : vgg.forward (content, true, false).content;
  // The styles painted everywhere are blended, their weights normalised
  // among them; without regions that is every style, weights as given.
  const StyleMasks whole;
  size_t           everywhere = 0;
  double           weight_sum = 0;
  for (size_t i = 0; i < styles.size (); i++)
    if (masks.empty () || ! masks[i].content.defined ())
      everywhere++, weight_sum += blend[i];
  for (size_t i = 0; i < styles.size (); i++)
    {
      const StyleMasks          &m = masks.empty () ? whole : masks[i];
      std::vector<torch::Tensor> grams
          = style_grams (vgg, styles[i], m.source, tile);
      if (m.content.defined ())
        {
          targets.regions.push_back ({ layer_masks (m.content), grams });
          continue;
        }
      // Every style painted everywhere has weight 0: no such term.
      if (weight_sum == 0)
        continue;
      for (size_t l = 0; l < grams.size (); l++)
        {
          torch::Tensor g = grams[l];
          // One style: its Gram as is, so the article's case is exact.
          if (everywhere > 1)
            g.mul_ (everywhere < styles.size () ? blend[i] / weight_sum
                                                : blend[i]);
          if (targets.grams.size () <= l)
            targets.grams.push_back (g);
          else
            targets.grams[l].add_ (g);
        }
    }
  return targets;
}

torch::Tensor
weighted_total (const torch::Tensor &content,
                const torch::Tensor &style,
                const torch::Tensor &tv,
                const LossWeights   &weights)
{
  torch::Tensor total = content * weights.content + style * weights.style;
  // Without a TV weight the TV term is only reported.
  if (weights.tv != 0)
    total = total + tv * weights.tv;
  return total;
}

torch::Tensor
tv_loss (const torch::Tensor &p)
{
  auto h = p.size (2), w = p.size (3);
  return (p.narrow (2, 1, h - 1) - p.narrow (2, 0, h - 1)).pow (2).mean ()
         + (p.narrow (3, 1, w - 1) - p.narrow (3, 0, w - 1)).pow (2).mean ();
}

Losses
compute_losses (const Vgg19         &vgg,
                const Normalisation &norm,
                const torch::Tensor &x,
                const Targets       &targets,
                const LossWeights   &weights)
{
  Features      f       = vgg.forward (x, true, true);
  torch::Tensor content = torch::mse_loss (f.content, targets.content);
  torch::Tensor style;
  auto          add = [&style] (const torch::Tensor &term) {
    style = style.defined () ? style + term : term;
  };
  for (size_t l = 0; l < targets.grams.size (); l++)
    add (torch::mse_loss (gram (f.style[l]), targets.grams[l]));
  for (const Region &r : targets.regions)
    for (size_t l = 0; l < r.grams.size (); l++)
      add (torch::mse_loss (
          guided_gram (f.style[l], r.mask.masks[l], r.mask.energy[l]),
          r.grams[l]));

  // Without a TV term its value is only reported: keep it off the graph.
  torch::Tensor tv = tv_loss (norm.pixels (weights.tv != 0 ? x : x.detach ()));

  torch::Tensor total = weighted_total (content, style, tv, weights);
  Losses        out;
  out.total = total;
  // In LossPart order.
  out.parts = torch::stack ({ total, content, style, tv }).detach ();
  return out;
}

} // namespace nst
