// safetensors.hpp: the header of a safetensors file, parsed and checked
// against the file's size and VGG19's layout.  No libtorch here, so that
// the fuzz target (tests/fuzz) exercises exactly this code on its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nst
{

enum class DType
{
  F32,
  F16,
  BF16
};

// One tensor's bytes, checked to lie inside the file.
struct TensorRange
{
  DType         dtype;
  std::uint64_t offset; // from the start of the file
  std::uint64_t bytes;
};

// One convolution of torchvision's vgg19.features, as the header places it.
struct ConvPlan
{
  int                       index; // 0, 2, 5, …, 34
  std::string               name;  // with the prefix, without ".weight"
  std::vector<std::int64_t> wshape, bshape;
  TensorRange               weight, bias;
};

// The index of the deepest convolution of VGG19 (features.34).
constexpr int vgg19_deepest_conv = 34;

// At most a short excerpt of `text`, non-printable bytes escaped, for
// quoting a file's content in a message.
std::string excerpt (const std::string &text);

// The header length from the first 8 bytes, checked against the file size.
std::uint64_t header_length (const unsigned char first8[8],
                             std::uint64_t       file_size,
                             const std::string  &path);

// Parses the header `text` (the bytes after the length) and checks every
// entry of features.0 … features.`deepest_index` against the file size.
// Throws nst::Error (NST_ERROR_WEIGHTS) naming `path` and the problem.
std::vector<ConvPlan> plan_vgg19 (const std::string &text,
                                  std::uint64_t      file_size,
                                  int                deepest_index,
                                  const std::string &path);

// Throws nst::Error (NST_ERROR_WEIGHTS): the sentence printf makes of
// `format` (translated, naming the file and the problem), then what to do.
[[noreturn]] void weights_fail (const char *format, ...)
    __attribute__ ((format (printf, 1, 2)));

} // namespace nst
