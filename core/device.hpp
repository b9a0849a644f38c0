// device.hpp: where the engine computes, and how that is told to people.
#pragma once

#include "nst.h"

#include <c10/core/Device.h>

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

} // namespace nst
