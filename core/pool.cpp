// pool.cpp: 2×2, stride 2 max pooling on the CPU.

#include "pool.hpp"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace nst
{
namespace
{

// Window positions in ATen's scan order (row by row).
constexpr int window_dy[4] = { 0, 0, 1, 1 };
constexpr int window_dx[4] = { 0, 1, 0, 1 };

struct MaxPool2x2 : public torch::autograd::Function<MaxPool2x2>
{
  static torch::Tensor
  forward (torch::autograd::AutogradContext *ctx, const torch::Tensor &input)
  {
    torch::Tensor x = input.contiguous ();
    const int64_t c = x.size (1), h = x.size (2), w = x.size (3);
    const int64_t oh = h / 2, ow = w / 2;
    torch::Tensor out = torch::empty ({ 1, c, oh, ow }, x.options ());
    torch::Tensor index
        = torch::empty ({ 1, c, oh, ow }, x.options ().dtype (torch::kUInt8));
    const float *in  = x.data_ptr<float> ();
    float       *o   = out.data_ptr<float> ();
    uint8_t     *idx = index.data_ptr<uint8_t> ();
    at::parallel_for (0, c, 1, [&] (int64_t begin, int64_t end) {
      for (int64_t ch = begin; ch < end; ch++)
        for (int64_t i = 0; i < oh; i++)
          for (int64_t j = 0; j < ow; j++)
            {
              const float *win = in + (ch * h + 2 * i) * w + 2 * j;
              // As ATen's cpu_max_pool: the first maximum wins, a NaN
              // always does.
              float   best = -std::numeric_limits<float>::infinity ();
              uint8_t at   = 0;
              for (uint8_t k = 0; k < 4; k++)
                {
                  float v = win[window_dy[k] * w + window_dx[k]];
                  if (v > best || std::isnan (v))
                    {
                      best = v;
                      at   = k;
                    }
                }
              int64_t n = (ch * oh + i) * ow + j;
              o[n]      = best;
              idx[n]    = at;
            }
    });
    ctx->save_for_backward ({ index });
    ctx->saved_data["height"] = h;
    ctx->saved_data["width"]  = w;
    return out;
  }

  static torch::autograd::variable_list
  backward (torch::autograd::AutogradContext *ctx,
            torch::autograd::variable_list    grad_out)
  {
    torch::Tensor index = ctx->get_saved_variables ()[0];
    const int64_t h     = ctx->saved_data["height"].toInt ();
    const int64_t w     = ctx->saved_data["width"].toInt ();
    const int64_t c = index.size (1), oh = index.size (2), ow = index.size (3);
    torch::Tensor g = grad_out[0].contiguous ();
    // Every input of a window is written, so only an odd last row or
    // column (outside every window) needs zeroing.
    torch::Tensor grad_in = torch::empty ({ 1, c, h, w }, g.options ());
    if (h % 2)
      grad_in.select (2, h - 1).zero_ ();
    if (w % 2)
      grad_in.select (3, w - 1).zero_ ();
    const float   *go  = g.data_ptr<float> ();
    const uint8_t *idx = index.data_ptr<uint8_t> ();
    float         *gi  = grad_in.data_ptr<float> ();
    at::parallel_for (0, c, 1, [&] (int64_t begin, int64_t end) {
      for (int64_t ch = begin; ch < end; ch++)
        for (int64_t i = 0; i < oh; i++)
          for (int64_t j = 0; j < ow; j++)
            {
              int64_t n   = (ch * oh + i) * ow + j;
              float  *win = gi + (ch * h + 2 * i) * w + 2 * j;
              for (int k = 0; k < 4; k++)
                win[window_dy[k] * w + window_dx[k]]
                    = k == idx[n] ? go[n] : 0.0f;
            }
    });
    return { grad_in };
  }
};

} // namespace

torch::Tensor
max_pool_2x2 (const torch::Tensor &x)
{
  if (x.device ().is_cpu () && x.scalar_type () == torch::kFloat
      && x.dim () == 4 && x.size (0) == 1)
    return MaxPool2x2::apply (x);
  return at::max_pool2d (x, { 2, 2 }, { 2, 2 });
}

} // namespace nst
