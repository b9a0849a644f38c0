// weights.hpp: VGG19 convolution weights from a safetensors file.
#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

namespace nst
{

// One convolution of torchvision's vgg19.features, by index in that list.
struct ConvWeights
{
  int feature_index;  // 0, 2, 5, 7, 10, …, 34
  torch::Tensor weight; // [out, in, 3, 3], float32, CPU, contiguous
  torch::Tensor bias;   // [out], float32, CPU
};

// Reads the convolutions features.0 … features.`deepest_index` (inclusive)
// from `path`.  Names may carry a common prefix ("model.", "vgg.") before
// "features.N.weight"; F32, F16 and BF16 are converted to float32.  Every
// shape, dtype and byte range is checked against the file before use.
// Throws nst::Error (NST_ERROR_WEIGHTS) naming the file, what is wrong and
// what to do.  Tensors not needed are never read.
std::vector<ConvWeights> load_vgg19_convs (const std::string &path,
                                           int deepest_index);

// The search order of nst_weights_find (); throws nst::Error
// (NST_ERROR_WEIGHTS) listing the places tried and how to get the file.
std::string find_weights (const char *explicit_path);

// What find_weights () searches without an explicit path, in order, as
// people write the places (nst_weights_places).
const char *const *weights_places ();

} // namespace nst
