// vgg.cpp: VGG19's convolution stack (torchvision's `features`), as far as
// relu5_1.
//
// The losses read activations AFTER the ReLU (relu4_2 for content, relu1_1
// … relu5_1 for style).  The article hooks the convolutions features[21],
// [0], [5], [10], [19], [28], but torchvision's VGG uses ReLU(inplace=True),
// which overwrites the hooked tensor: the article's losses are in fact on
// post-ReLU activations (with torch 1.13 the hooked tensor has no negative
// values and its grad_fn is ReluBackward).  The original Caffe
// implementation and jcjohnson/neural-style use relu4_2, relu1_1… as well.

#include "vgg.hpp"

#include "pool.hpp"
#include "status.hpp"

#include <algorithm>
#include <array>

namespace nst
{
namespace
{

// torchvision vgg19.features up to conv5_1: convolutions by index, each
// followed by a ReLU; a 2×2 max pooling after conv1_2, conv2_2, conv3_4
// and conv4_4.
constexpr std::array<int, 13> conv_indices
    = { 0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28 };
constexpr std::array<int, 4> pool_after               = { 2, 7, 16, 25 };
constexpr std::array<int, n_style_layers> style_taps  = { 0, 5, 10, 19, 28 };
constexpr int                             content_tap = 21;

template <size_t N>
bool
contains (const std::array<int, N> &list, int value)
{
  return std::find (list.begin (), list.end (), value) != list.end ();
}

} // namespace

Vgg19::Vgg19 (const std::vector<ConvWeights> &convs, c10::Device device)
    : device_ (device)
{
  for (int index : conv_indices)
    {
      auto it = std::find_if (
          convs.begin (), convs.end (),
          [&] (const ConvWeights &c) { return c.feature_index == index; });
      if (it == convs.end ())
        throw Error (NST_ERROR_INTERNAL,
                     "The weights loader returned no features."
                         + std::to_string (index)
                         + " convolution. This is a bug; please report it.");
      // Plain tensors without requires_grad: autograd computes no weight
      // gradients (the article's `requries_grad` typo makes it do so).
      auto opts = torch::TensorOptions ().device (device).dtype (torch::kFloat);
      convs_.push_back ({ index, it->weight.to (opts).contiguous (),
                          it->bias.to (opts).contiguous () });
    }
}

Vgg19
Vgg19::with_type (c10::ScalarType type) const
{
  Vgg19 copy = *this;
  for (Conv &conv : copy.convs_)
    {
      conv.weight = conv.weight.to (type);
      conv.bias   = conv.bias.to (type);
    }
  return copy;
}

Features
Vgg19::forward (const torch::Tensor &x,
                bool                 want_content,
                bool                 want_style) const
{
  Features      out;
  int           deepest = want_style ? style_taps.back () : content_tap;
  // Tensor::to returns the tensor itself for fp32: that path is unchanged.
  c10::ScalarType type = convs_.front ().weight.scalar_type ();
  torch::Tensor   h    = x.to (type);
  for (const Conv &conv : convs_)
    {
      // The convolution's backward needs its input, not its output, so the
      // ReLU may work in place (as torchvision's does).
      h = at::conv2d (h, conv.weight, conv.bias, 1, 1);
      h.relu_ ();
      if (want_style && contains (style_taps, conv.index))
        out.style.push_back (h.to (torch::kFloat));
      if (want_content && conv.index == content_tap)
        out.content = h.to (torch::kFloat);
      if (conv.index == deepest)
        break;
      if (contains (pool_after, conv.index))
        h = max_pool_2x2 (h);
    }
  return out;
}

} // namespace nst
