// test-memory.cpp: every way libtorch and CUDA report an allocation that
// failed becomes NST_ERROR_OUT_OF_MEMORY, "Not enough memory", with the
// amount asked and what to change (a smaller memory budget first), never
// "This is a bug".  The CPU case is
// a real failed allocation; the CUDA forms (no GPU here) are thrown as
// libtorch throws them.  C++ because the exception wall is internal.

#include "status.hpp"

#include <c10/util/Exception.h>
#include <torch/torch.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <new>

#include "../check.h" // after libtorch's headers: see there

namespace
{

void
expect (const char                   *what,
        const std::function<void ()> &body,
        const char                   *amount)
{
  NstStatus  *status  = nst::guarded (body);
  const char *message = nst_status_message (status);
  bool        ok      = nst_status_code (status) == NST_ERROR_OUT_OF_MEMORY
            && std::strstr (message, "Not enough memory")
            && std::strstr (message, "smaller memory budget (memory)")
            && std::strstr (message, "working size")
            && std::strstr (message, "fewer style")
            && ! std::strstr (message, "bug")
            && (! amount || std::strstr (message, amount));
  CHECK (ok, "%s: %s", what, status ? message : "(no error)");
  std::printf ("ok  %s: %s\n", what, message);
  nst_status_free (status);
}

} // namespace

int
main ()
{
  // 16 TiB: more than any test machine has, refused by the allocator.
  expect (
      "CPU allocation",
      [] { torch::empty ({ int64_t (1) << 42 }, torch::kFloat); }, "16.0 TiB");
  expect (
      "c10::OutOfMemoryError (CUDA caching allocator)",
      [] {
        TORCH_CHECK_WITH (OutOfMemoryError, false,
                          "CUDA out of memory. Tried to allocate 2.00 GiB "
                          "(GPU 0; 7.79 GiB total capacity; 5.12 GiB already "
                          "allocated)");
      },
      "2.00 GiB");
  expect (
      "CUDA error: out of memory",
      [] { TORCH_CHECK (false, "CUDA error: out of memory"); }, nullptr);
  expect (
      "cuBLAS",
      [] {
        TORCH_CHECK (false, "CUDA error: CUBLAS_STATUS_ALLOC_FAILED when "
                            "calling `cublasCreate(handle)`");
      },
      nullptr);
  expect (
      "std::bad_alloc", [] { throw std::bad_alloc (); }, nullptr);
  expect (
      "std::runtime_error",
      [] {
        throw std::runtime_error (
            "DefaultCPUAllocator: can't allocate memory: you tried to "
            "allocate 1048576 bytes. Error code 12 (Cannot allocate memory)");
      },
      "1.0 MiB");
  return 0;
}
