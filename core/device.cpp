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

#include "i18n.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

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
// the user's terms: `message` is a translated sentence whose %s is CUDA's
// reason.
void
check_cuda (cudaError_t err, const char *message)
{
  if (err != cudaSuccess)
    throw Error (NST_ERROR_DEVICE,
                 string_printf (message, cudaGetErrorString (err)));
}
#endif

std::string
gpu_name ()
{
#ifdef NST_WITH_CUDA
  cudaDeviceProp prop;
  check_cuda (cudaGetDeviceProperties (&prop, 0),
              /* TRANSLATORS: %s is the CUDA runtime's reason */
              _ ("Could not read the name of the GPU: %s. Check the NVIDIA "
                 "driver (nvidia-smi), or set the device to cpu."));
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

#if defined(__x86_64__) || defined(__i386__)
// The state components the OS saves (XCR0): without them the instructions
// fault even where CPUID lists them.
unsigned long long
os_saved_state ()
{
  unsigned a, b, c, d;
  if (! __get_cpuid (1, &a, &b, &c, &d) || ! (c & bit_OSXSAVE))
    return 0;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (static_cast<unsigned long long> (hi) << 32) | lo;
}
#endif

// What gives this CPU bf16 arithmetic that oneDNN uses for convolutions,
// or "" when nothing does (bf16 would then be emulated, slower than fp32).
std::string
cpu_bf16_unit ()
{
#if defined(__x86_64__) || defined(__i386__)
  unsigned a, b, c, d;
  if (! __get_cpuid_count (7, 0, &a, &b, &c, &d))
    return "";
  unsigned                     subleaves    = a;
  bool                         amx_bf16     = d & (1u << 22);
  unsigned long long           xcr0         = os_saved_state ();
  constexpr unsigned long long avx512_state = 0xe6;    // SSE, AVX, opmask, ZMM
  constexpr unsigned long long amx_state    = 0x60000; // tile config, data
  if (amx_bf16 && (xcr0 & amx_state) == amx_state)
    return "AMX";
  if (subleaves >= 1 && __get_cpuid_count (7, 1, &a, &b, &c, &d)
      && (a & (1u << 5)) && (xcr0 & avx512_state) == avx512_state)
    return "AVX512-BF16";
#endif
  return "";
}

// Compute capability 8.0 (Ampere) brought bf16 tensor cores.
constexpr int cuda_bf16_major = 8;

} // namespace

Bf16Support
bf16_support (c10::Device device)
{
  if (device.is_cpu ())
    {
      // Measured on an AVX512-BF16 CPU (AMD EPYC, libtorch 1.13's oneDNN):
      // bf16 costs 1.3x fp32 per evaluation, so only AMX's tile units,
      // built for bf16 matrix products, count as fast.
      std::string unit = cpu_bf16_unit ();
      return { unit == "AMX", unit };
    }
#ifdef NST_WITH_CUDA
  cudaDeviceProp prop;
  check_cuda (cudaGetDeviceProperties (
                  &prop, device.has_index () ? device.index () : 0),
              /* TRANSLATORS: %s is the CUDA runtime's reason */
              _ ("Could not read the compute capability of the GPU: %s. "
                 "Check the NVIDIA driver (nvidia-smi), or set the device to "
                 "cpu."));
  return { prop.major >= cuda_bf16_major,
           "compute capability " + std::to_string (prop.major) + "."
               + std::to_string (prop.minor) };
#else
  return { false, "" };
#endif
}

c10::ScalarType
activation_type (NstPrecision precision, c10::Device device)
{
  bool bf16
      = precision == NST_PRECISION_BF16
        || (precision == NST_PRECISION_AUTO && bf16_support (device).fast);
  return bf16 ? c10::kBFloat16 : c10::kFloat;
}

ResolvedDevice
open_device (NstDevice requested)
{
  bool cuda = torch::cuda::is_available ();
  if (requested == NST_DEVICE_CUDA && ! cuda)
#ifdef NST_WITH_CUDA
    throw Error (NST_ERROR_DEVICE,
                 _ ("The device is set to cuda, but no usable NVIDIA GPU was "
                    "found (check that the NVIDIA driver is installed and "
                    "that nvidia-smi lists the GPU). Set the device to auto "
                    "or cpu to compute on the CPU."));
#else
    throw Error (NST_ERROR_DEVICE,
                 _ ("The device is set to cuda, but this build of "
                    "gimp-neural-style uses a libtorch without CUDA (rebuild "
                    "it with -Dlibtorch_dir= pointing at a CUDA libtorch). "
                    "Set the device to auto or cpu to compute on the CPU."));
#endif
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
        // The plug-in shows this line for a GPU (it words the others).
        return string_printf (
            /* TRANSLATORS: a GPU's name, then its free and its total memory,
               e.g. "NVIDIA H200 (CUDA), 130.2 GiB free of 139.8 GiB" */
            _ ("%s, %s free of %s"), gpu_name ().c_str (),
            gibibytes (memory.free_bytes).c_str (),
            gibibytes (memory.total_bytes).c_str ());
      }
    catch (const Error &e)
      {
        return std::string ("NVIDIA GPU (CUDA): ") + e.what ();
      }
  return cpu_name (requested == NST_DEVICE_AUTO);
}

std::string
describe_precision (NstDevice requested)
{
  bool cuda = torch::cuda::is_available ();
  if (requested == NST_DEVICE_CUDA && ! cuda)
    return "";
  c10::Device device = requested != NST_DEVICE_CPU && cuda
                           ? c10::Device (c10::kCUDA, 0)
                           : c10::Device (c10::kCPU);
  Bf16Support bf16   = bf16_support (device);
  if (bf16.fast)
    return "automatic precision: bf16 (" + bf16.unit + ")";
  if (device.is_cpu () && ! bf16.unit.empty ())
    return "automatic precision: fp32 (bf16 is slower than fp32 with "
           "AVX512-BF16 alone; it pays with AMX)";
  if (device.is_cpu ())
    return "automatic precision: fp32 (this CPU has neither AVX512-BF16 "
           "nor AMX)";
  return "automatic precision: fp32 (" + bf16.unit + ", bf16 needs 8.0)";
}

DeviceMemory
cuda_memory (int index)
{
#ifdef NST_WITH_CUDA
  // cudaMemGetInfo answers for the current device: make it `index` for
  // the call only.
  c10::cuda::CUDAGuard guard (static_cast<c10::DeviceIndex> (index));
  size_t               free_bytes = 0, total_bytes = 0;
  check_cuda (cudaMemGetInfo (&free_bytes, &total_bytes),
              /* TRANSLATORS: %s is the CUDA runtime's reason */
              _ ("Could not read the memory of the GPU: %s. Check the NVIDIA "
                 "driver (nvidia-smi), or set the device to cpu."));
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
  bool cuda             = torch::cuda::is_available ();
  facts->gpu            = requested != NST_DEVICE_CPU && cuda;
  facts->cpu_threads    = nst::wanted_cpu_threads ();
  facts->cuda_missing   = requested != NST_DEVICE_CPU && ! cuda;
  nst::Bf16Support bf16 = nst::bf16_support (
      facts->gpu ? c10::Device (c10::kCUDA, 0) : c10::Device (c10::kCPU));
  facts->bf16_fast = bf16.fast;
  std::snprintf (facts->bf16_unit, sizeof facts->bf16_unit, "%s",
                 bf16.unit.c_str ());
#ifdef NST_WITH_CUDA
  facts->cuda_built = 1;
#else
  facts->cuda_built = 0;
#endif
}
