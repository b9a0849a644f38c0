// fuzz-weights: libFuzzer target for the safetensors header (length,
// JSON, every check of core/safetensors.cpp).  The input is a whole file:
// its size is the file size the header is checked against.  A message
// (nst::Error) is the expected answer to bad input; any other exception,
// a crash or a sanitizer report is a finding.

#include "safetensors.hpp"
#include "status.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput (const std::uint8_t *data, std::size_t size)
{
  if (size < 8)
    return 0;
  try
    {
      std::uint64_t n = nst::header_length (data, size, "fuzz");
      std::string   text (reinterpret_cast<const char *> (data) + 8, n);
      nst::plan_vgg19 (text, size, nst::vgg19_deepest_conv, "fuzz");
    }
  catch (const nst::Error &e)
    {
      // Messages stay short whatever the input (the path is 4 bytes).
      if (std::string (e.what ()).size () > 1000)
        __builtin_trap ();
    }
  return 0;
}
