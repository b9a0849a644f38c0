// device.cpp: CPU threads, CUDA discovery, device names and memory.

#include "device.hpp"

#include "nst-device.h"

#include "status.hpp"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>

#ifdef NST_WITH_CUDA
#include <c10/cuda/CUDAGuard.h>
#include <cuda_runtime_api.h>
#endif

#include <cstdio>
#include <cstdlib>
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

#ifdef NST_WITH_CUDA
// A CUDA runtime call that failed (driver too old, device lost) says so in
// the user's terms.
void
check_cuda (cudaError_t err, const char *what)
{
  if (err != cudaSuccess)
    throw Error (NST_ERROR_DEVICE,
                 std::string ("Could not ") + what
                     + " of the GPU: " + cudaGetErrorString (err)
                     + ". Check the NVIDIA driver "
                       "(nvidia-smi), or set the device to "
                       "cpu.");
}
#endif

std::string
gpu_name ()
{
#ifdef NST_WITH_CUDA
  cudaDeviceProp prop;
  check_cuda (cudaGetDeviceProperties (&prop, 0), "read the name");
  return std::string (prop.name) + " (CUDA)";
#else
  return "CUDA GPU";
#endif
}

std::string
gibibytes (std::int64_t bytes)
{
  char text[32];
  std::snprintf (text, sizeof text, "%.1f GiB",
                 static_cast<double> (bytes) / (1 << 30));
  return text;
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
    try
      {
        DeviceMemory memory = cuda_memory (0);
        return gpu_name () + ", " + gibibytes (memory.free_bytes) + " free of "
               + gibibytes (memory.total_bytes);
      }
    catch (const Error &e)
      {
        return std::string ("NVIDIA GPU (CUDA): ") + e.what ();
      }
  return cpu_name (requested == NST_DEVICE_AUTO);
}

DeviceMemory
cuda_memory (int index)
{
#ifdef NST_WITH_CUDA
  // cudaMemGetInfo answers for the current device: make it `index` for
  // the call only.
  c10::cuda::CUDAGuard guard (static_cast<c10::DeviceIndex> (index));
  size_t               free_bytes = 0, total_bytes = 0;
  check_cuda (cudaMemGetInfo (&free_bytes, &total_bytes), "read the memory");
  return { static_cast<std::int64_t> (free_bytes),
           static_cast<std::int64_t> (total_bytes) };
#else
  (void) index;
  throw Error (NST_ERROR_DEVICE, "The device's memory was asked for, but "
                                     + no_cuda_reason () + ".");
#endif
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
