// colour.cpp: luminance-only transfer and colour matching.

#include "colour.hpp"

#include <torch/torch.h>

namespace nst
{
namespace
{

torch::Tensor
luma (const torch::Tensor &rgb)
{
  return rgb.select (1, 0).unsqueeze (1) * 0.299
         + rgb.select (1, 1).unsqueeze (1) * 0.587
         + rgb.select (1, 2).unsqueeze (1) * 0.114;
}

// Pixels as a 3×N matrix in double, for statistics.
torch::Tensor
pixel_matrix (const torch::Tensor &rgb)
{
  return rgb.reshape ({ 3, -1 }).to (torch::kDouble);
}

// S^p for a symmetric positive semi-definite 3×3 S; eigenvalues are
// floored so a flat-coloured image does not divide by zero.
torch::Tensor
sym_power (const torch::Tensor &s, double p)
{
  // ATen's name: Debian's libtorch 2.6 ships no torch/linalg.h.
  auto [values, vectors] = at::linalg_eigh (s.cpu (), "L");
  torch::Tensor d        = values.clamp_min (1e-5).pow (p);
  return vectors.matmul (torch::diag (d)).matmul (vectors.t ());
}

} // namespace

torch::Tensor
luminance_image (const torch::Tensor &rgb)
{
  return luma (rgb).expand ({ -1, 3, -1, -1 }).contiguous ();
}

torch::Tensor
match_luminance (const torch::Tensor &style_y, const torch::Tensor &content_y)
{
  torch::Tensor s     = style_y.to (torch::kDouble);
  torch::Tensor c     = content_y.to (torch::kDouble);
  torch::Tensor s_std = s.std (c10::nullopt, /*unbiased=*/false);
  torch::Tensor c_std = c.std (c10::nullopt, false);
  // A flat style has no contrast to scale: only its level moves.
  torch::Tensor gain
      = torch::where (s_std > 1e-6, c_std / s_std, torch::ones_like (s_std));
  return ((s - s.mean ()) * gain + c.mean ())
      .to (torch::kFloat)
      .clamp_ (0.0, 1.0);
}

torch::Tensor
with_chroma_of (const torch::Tensor &result, const torch::Tensor &content)
{
  // YIQ's I and Q rows sum to zero, so (1, 1, 1) is the Y column of the
  // inverse transform: replacing the content's Y by the result's adds the
  // difference to R, G and B alike and leaves I and Q exactly alone.
  return (content + (luma (result) - luma (content))).clamp_ (0.0, 1.0);
}

torch::Tensor
match_colours (const torch::Tensor &style, const torch::Tensor &content)
{
  torch::Tensor s = pixel_matrix (style), c = pixel_matrix (content);
  torch::Tensor mu_s = s.mean (1, true), mu_c = c.mean (1, true);
  torch::Tensor ds = s - mu_s, dc = c - mu_c;
  torch::Tensor cov_s = ds.matmul (ds.t ()) / double (s.size (1));
  torch::Tensor cov_c = dc.matmul (dc.t ()) / double (c.size (1));
  torch::Tensor a     = sym_power (cov_c, 0.5)
                        .matmul (sym_power (cov_s, -0.5))
                        .to (s.device ());
  return (a.matmul (ds) + mu_c)
      .to (torch::kFloat)
      .reshape (style.sizes ())
      .clamp_ (0.0, 1.0);
}

} // namespace nst
