// vgg.hpp: the VGG19 convolution stack, cut after relu5_1, with the
// activations the losses read.
#pragma once

#include "weights.hpp"

#include <torch/types.h>

#include <vector>

namespace nst
{

// Activations of one forward pass.  content: relu4_2; style: relu1_1,
// relu2_1, relu3_1, relu4_1, relu5_1 (empty when not asked for).
struct Features
{
  torch::Tensor              content;
  std::vector<torch::Tensor> style;
};

constexpr int n_style_layers = 5;

// The deepest convolution used (conv5_1, torchvision features[28]): the
// weights loader reads no further.
constexpr int deepest_conv_index = 28;

// Where the activations sit on the image: each style layer's stride in
// pixels (relu1_1 … relu5_1, after 0 … 4 poolings), the content layer's
// (relu4_2), and the pooling grid of the deepest one.
constexpr int style_tap_strides[n_style_layers] = { 1, 2, 4, 8, 16 };
constexpr int content_tap_stride                = 8;
constexpr int pooling_grid                      = 16;

// How far an activation of relu5_1 reaches beyond its own 16×16 cell: its
// receptive field spans pixels 16q − 70 … 16q + 85 (thirteen 3×3
// convolutions and four 2×2 poolings), i.e. 70 px on either side.
constexpr int receptive_reach = 70;

class Vgg19
{
public:
  // Takes the convolutions features.0 … features.28 and moves them to
  // `device`.  They never require a gradient.
  Vgg19 (const std::vector<ConvWeights> &convs, c10::Device device);

  // This network with its weights, and so its activations, in `type`
  // (bf16 for mixed precision).
  Vgg19 with_type (c10::ScalarType type) const;

  // x: 1×3×H×W, ImageNet-normalised, fp32, on device().  Runs only as
  // deep as the activations asked for need.  The activations come out
  // fp32 whatever the network's type, so that Gram matrices and losses
  // are computed in fp32.
  Features
  forward (const torch::Tensor &x, bool want_content, bool want_style) const;

  c10::Device
  device () const
  {
    return device_;
  }

private:
  struct Conv
  {
    int           index;
    torch::Tensor weight, bias;
  };
  std::vector<Conv> convs_;
  c10::Device       device_;
};

} // namespace nst
