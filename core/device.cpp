// device.cpp: CPU threads, CUDA discovery and device names.

#include "device.hpp"

#include "nst-device.h"

#include "status.hpp"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>

#ifdef NST_WITH_CUDA
// ATen/cuda/CUDAContext.h pulls in the CUDA toolkit's headers, which a pip
// libtorch does not ship; declare the one function used instead.  The
// device's name is the first member of cudaDeviceProp (char name[256]) in
// every CUDA version.
struct cudaDeviceProp;
namespace at
{
namespace cuda
{
cudaDeviceProp *getDeviceProperties (int64_t device);
}
} // namespace at
#endif

#include <cstdlib>
#include <cstring>
#include <thread>

namespace nst
{
namespace
{

// libtorch leaves intra-op threads at 1 here; use every core unless the
// user said otherwise the usual way.
int
wanted_cpu_threads ()
{
  if (const char *env = std::getenv ("OMP_NUM_THREADS"))
    {
      char *end = nullptr;
      long  n   = std::strtol (env, &end, 10);
      if (end != env && *end == '\0' && n > 0 && n <= 4096)
        return static_cast<int> (n);
    }
  unsigned n = std::thread::hardware_concurrency ();
  return n > 0 ? static_cast<int> (n) : 1;
}

std::string
cpu_name (bool cuda_was_wanted)
{
  int n = wanted_cpu_threads ();
  return "CPU, " + std::to_string (n) + (n == 1 ? " thread" : " threads")
         + (cuda_was_wanted ? " (no CUDA GPU found)" : "");
}

std::string
gpu_name ()
{
#ifdef NST_WITH_CUDA
  const char *name
      = reinterpret_cast<const char *> (at::cuda::getDeviceProperties (0));
  return std::string (name, strnlen (name, 256)) + " (CUDA)";
#else
  return "CUDA GPU";
#endif
}

std::string
no_cuda_reason ()
{
#ifdef NST_WITH_CUDA
  return "no usable NVIDIA GPU was found (check that the NVIDIA driver is "
         "installed and that nvidia-smi lists the GPU)";
#else
  return "this build of gimp-neural-style uses a libtorch without CUDA "
         "(rebuild it with -Dlibtorch_dir= pointing at a CUDA libtorch)";
#endif
}

} // namespace

ResolvedDevice
open_device (NstDevice requested)
{
  bool cuda = torch::cuda::is_available ();
  if (requested == NST_DEVICE_CUDA && ! cuda)
    throw Error (NST_ERROR_DEVICE,
                 "The device is set to cuda, but " + no_cuda_reason ()
                     + ". Set the device to auto or cpu to compute on the "
                       "CPU.");
  if (requested != NST_DEVICE_CPU && cuda)
    {
      // Image sizes stay fixed through a run: autotuning pays off.
      at::globalContext ().setBenchmarkCuDNN (true);
      return { c10::Device (c10::kCUDA, 0), gpu_name () };
    }
  at::set_num_threads (wanted_cpu_threads ());
  return { c10::Device (c10::kCPU), cpu_name (requested == NST_DEVICE_AUTO) };
}

std::string
describe_device (NstDevice requested)
{
  bool cuda = torch::cuda::is_available ();
  if (requested == NST_DEVICE_CUDA && ! cuda)
    return "NVIDIA GPU (CUDA): not available, " + no_cuda_reason ();
  if (requested != NST_DEVICE_CPU && cuda)
    return gpu_name ();
  return cpu_name (requested == NST_DEVICE_AUTO);
}

int
cuda_device_count ()
{
  return static_cast<int> (torch::cuda::device_count ());
}

} // namespace nst

void
nst_device_facts (NstDevice requested, NstDeviceFacts *facts)
{
  bool cuda           = torch::cuda::is_available ();
  facts->gpu          = requested != NST_DEVICE_CPU && cuda;
  facts->cpu_threads  = nst::wanted_cpu_threads ();
  facts->cuda_missing = requested != NST_DEVICE_CPU && !cuda;
#ifdef NST_WITH_CUDA
  facts->cuda_built = 1;
#else
  facts->cuda_built = 0;
#endif
}
