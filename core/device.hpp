// device.hpp: where the engine computes, and how that is told to people.
#pragma once

#include "nst.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <string>

namespace nst
{

struct ResolvedDevice
{
  c10::Device device;
  std::string name; // "NVIDIA H200 (CUDA)", "CPU, 16 threads"
};

// The device `requested` resolves to, set up for computing (CPU threads,
// cuDNN autotuning).  Throws nst::Error (NST_ERROR_DEVICE) when CUDA is
// asked for but unusable.
ResolvedDevice open_device (NstDevice requested);

// What `requested` would resolve to, without setting anything up; never
// throws for a missing GPU (the text says so instead).
std::string describe_device (NstDevice requested);

int cuda_device_count ();

// What precision auto picks on the device `requested` resolves to, and
// why, for people; "" where that device is unavailable.
std::string describe_precision (NstDevice requested);

// Whether `device` computes bf16 convolutions fast, and what it has:
// "AVX512-BF16", "AMX", "compute capability 8.6" (for a GPU also when
// too old); "" for a CPU without either.
struct Bf16Support
{
  bool        fast;
  std::string unit;
};
Bf16Support bf16_support (c10::Device device);

// The network's activation type for `precision` on `device`: automatic
// picks bf16 where bf16_support () says it is fast.
c10::ScalarType activation_type (NstPrecision precision, c10::Device device);

struct DeviceMemory
{
  std::int64_t free_bytes;  // what new allocations can still get
  std::int64_t total_bytes; // the device's whole memory
};

// Free and total memory of CUDA device `index` now, as the CUDA runtime
// counts them (memory libtorch's allocator caches counts as used).  For
// planning how much a run may allocate.  Throws nst::Error
// (NST_ERROR_DEVICE) in a build without CUDA or when the query fails.
DeviceMemory cuda_memory (int index);

} // namespace nst
