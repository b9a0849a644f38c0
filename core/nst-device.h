/* nst-device.h: the facts behind nst_device_describe (), for a host that
 * words the device line in its user's language (nst_device_describe ()
 * speaks English, for the CLI).  Part of the C API of nst.h.
 */

#ifndef NST_DEVICE_H
#define NST_DEVICE_H

#include "nst.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct
{
  int gpu;          /* the work runs on a CUDA GPU (nst_device_describe ()
                       names it) */
  int cpu_threads;  /* otherwise: threads on the CPU */
  int cuda_missing; /* cuda or auto was asked for, and no GPU is usable */
  int cuda_built;   /* this libtorch has CUDA (else: why cuda_missing) */
  int bf16_fast;    /* bf16 runs faster than fp32 there (AMX; CUDA 8.0
                       and up): automatic precision picks bf16 */
  char bf16_unit[32]; /* what it has, or for a GPU what it is: "AVX512-BF16",
                         "AMX", "compute capability 8.6"; "" for a CPU
                         with neither */
} NstDeviceFacts;

/* What `requested` resolves to on this machine. */
NST_API void nst_device_facts (NstDevice       requested,
                               NstDeviceFacts *facts);

#ifdef __cplusplus
}
#endif

#endif /* NST_DEVICE_H */
