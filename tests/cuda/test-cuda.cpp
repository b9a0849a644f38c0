// test-cuda.cpp: the engine on CUDA against the engine on the CPU, through
// the C API, on the synthetic weights and the tiny test images.
//
//   usage: test-cuda CASE    (a case_NAME function below)
//
// The device under test is $NST_TEST_DEVICE: cuda (the default; without a
// GPU every case prints "SKIP: no CUDA device" and exits 77, which meson
// counts as skipped) or cpu, which runs every step against a second CPU
// model (tests/gpu/device-check.sh --cpu-smoke: the test itself works
// before a GPU is there).  TF32 is off, so that CUDA computes in fp32 as
// the CPU does.  C++ only to switch TF32 off through libtorch.

#include <ATen/Context.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>

// After libtorch's headers: see check.h.
extern "C"
{
#include "testutil.h"
}

namespace
{

const double tolerance = 1e-4; // losses and gradient, relative

struct Side
{
  NstModel *model;
  NstJob   *job;
};

struct SideBySide
{
  Side     cpu, dut; // dut: the device under test
  NstImage content, style;
};

Side
open_side (NstDevice device)
{
  Side side{ nullptr, nullptr };
  CHECK_OK (nst_model_load (getenv ("NST_TEST_WEIGHTS"), device, &side.model));
  side.job = new_test_job (side.model);
  return side;
}

SideBySide
setup (NstDevice device)
{
  SideBySide f;
  f.cpu     = open_side (NST_DEVICE_CPU);
  f.dut     = open_side (device);
  f.content = load_test_image ("content-64.png", 3);
  f.style   = load_test_image ("style-48.png", 3);
  std::printf ("device under test: %s\n", nst_model_device_name (f.dut.model));
  return f;
}

void
teardown (SideBySide &f)
{
  for (Side *s : { &f.cpu, &f.dut })
    {
      nst_job_free (s->job);
      nst_model_free (s->model);
    }
  free_image (&f.content);
  free_image (&f.style);
}

bool
close (double a, double b)
{
  // The floor is for a loss that is zero on both (content at the content).
  return std::fabs (a - b)
         <= tolerance * std::fmax (std::fabs (a), std::fabs (b)) + 1e-9;
}

// What a run's progress callback saw.
struct Recorder
{
  int              calls  = 0;
  int              frames = 0;
  int              frame_at[16]{};
  double           min_total = INFINITY;
  int              stop_at   = 0; // return 0 here (0: never)
  bool             bad       = false;
  std::atomic<int> seen{ 0 }; // for the cancelling thread
};

int
record (const NstProgress *p, void *data)
{
  Recorder *r = static_cast<Recorder *> (data);
  r->calls++;
  r->min_total = std::fmin (r->min_total, p->total);
  if (p->evaluation != r->calls || ! std::isfinite (p->total))
    r->bad = true;
  if (const NstImage *im = p->image)
    {
      if (r->frames < 16)
        r->frame_at[r->frames] = p->evaluation;
      r->frames++;
      if (im->channels != 3 || im->width <= 0 || im->height <= 0)
        r->bad = true;
      for (int y = 0; y < im->height; y++)
        for (int x = 0; x < im->width * 3; x++)
          {
            float v = im->pixels[y * im->stride + x];
            if (! (v >= 0.0f && v <= 1.0f))
              r->bad = true;
          }
    }
  r->seen.store (p->evaluation);
  return r->stop_at == 0 || p->evaluation < r->stop_at;
}

NstStatus *
run (SideBySide         &f,
     const Side      &side,
     const NstParams &params,
     Recorder        &r,
     NstImage        &result)
{
  return nst_job_run (side.job, &f.content, &f.style, nullptr, 1, &params,
                      record, &r, &result);
}

// Losses and gradient at the content image (the start of every default
// run): 1e-4 relative, the gradient in L2 norm and in max-abs error.
void
case_equivalence (SideBySide &f)
{
  NstParams   params = quick_params (1);
  NstLosses   l[2];
  NstImage    g[2];
  const Side *sides[2] = { &f.cpu, &f.dut };
  for (int i = 0; i < 2; i++)
    {
      g[i] = new_image (f.content.width, f.content.height, 3, 0);
      CHECK_OK (nst_job_evaluate (sides[i]->job, &f.content, &f.style, nullptr,
                                  1, &params, &f.content, &l[i], &g[i]));
    }
  const char *names[] = { "total", "content", "style", "tv" };
  double      a[]     = { l[0].total, l[0].content, l[0].style, l[0].tv };
  double      b[]     = { l[1].total, l[1].content, l[1].style, l[1].tv };
  for (int k = 0; k < 4; k++)
    {
      std::printf ("  %-8s cpu %.9g  device %.9g\n", names[k], a[k], b[k]);
      CHECK (close (a[k], b[k]), "%s loss: cpu %.9g, device %.9g", names[k],
             a[k], b[k]);
    }
  double diff2 = 0, ref2 = 0, max_err = 0, max_ref = 0;
  for (int y = 0; y < f.content.height; y++)
    for (int x = 0; x < f.content.width; x++)
      for (int c = 0; c < 3; c++)
        {
          double ga = pixel (&g[0], x, y)[c], gb = pixel (&g[1], x, y)[c];
          diff2 += (ga - gb) * (ga - gb);
          ref2 += ga * ga;
          max_err = std::fmax (max_err, std::fabs (ga - gb));
          max_ref = std::fmax (max_ref, std::fabs (ga));
        }
  double rel_l2 = std::sqrt (diff2 / ref2), rel_max = max_err / max_ref;
  std::printf ("  gradient: relative L2 %.3g, max error / max %.3g\n", rel_l2,
               rel_max);
  CHECK (ref2 > 0, "the CPU gradient is zero");
  CHECK (rel_l2 <= tolerance && rel_max <= tolerance,
         "gradients differ: relative L2 %.3g, max %.3g", rel_l2, rel_max);
  free_image (&g[0]);
  free_image (&g[1]);
}

// 50 evaluations of L-BFGS: the best loss within 1 % of the CPU's.  Style
// weight 100, as in tests/reference/test_run.py: at 1e6 fixed-step L-BFGS
// on random weights is chaotic, and rounding alone moves the best loss by
// a factor of several.
void
case_lbfgs (SideBySide &f)
{
  NstParams params    = quick_params (50);
  params.style_weight = 100;
  Recorder r[2];
  NstImage result = new_image (f.content.width, f.content.height, 3, 0);
  CHECK_OK (run (f, f.cpu, params, r[0], result));
  CHECK_OK (run (f, f.dut, params, r[1], result));
  std::printf ("  best loss after 50 evaluations: cpu %.9g, device %.9g\n",
               r[0].min_total, r[1].min_total);
  CHECK (r[1].calls == 50 && ! r[1].bad, "%d evaluations", r[1].calls);
  CHECK (std::fabs (r[1].min_total - r[0].min_total) <= 0.01 * r[0].min_total,
         "device %.9g is not within 1 %% of cpu %.9g", r[1].min_total,
         r[0].min_total);
  free_image (&result);
}

// Frames at the same evaluations as on the CPU, in range; a stop from the
// callback keeps the result.
void
case_stream (SideBySide &f)
{
  NstParams params     = quick_params (9);
  params.preview_every = 4;
  NstImage result      = new_image (f.content.width, f.content.height, 3, 0);
  Recorder r[2];
  CHECK_OK (run (f, f.cpu, params, r[0], result));
  CHECK_OK (run (f, f.dut, params, r[1], result));
  CHECK (! r[1].bad, "a frame or a report was malformed");
  CHECK (r[1].frames == 3 && r[0].frames == 3, "%d frames (cpu %d)",
         r[1].frames, r[0].frames);
  for (int i = 0; i < 3; i++)
    CHECK (r[1].frame_at[i] == r[0].frame_at[i],
           "frame %d at evaluation %d (cpu %d)", i, r[1].frame_at[i],
           r[0].frame_at[i]);

  Recorder stop;
  stop.stop_at     = 3;
  result.pixels[0] = -5.0f;
  CHECK_OK (run (f, f.dut, params, stop, result));
  CHECK (stop.calls == 3, "%d evaluations after a stop at 3", stop.calls);
  for (size_t i = 0; i < result.stride * result.height; i++)
    CHECK (result.pixels[i] >= 0.0f && result.pixels[i] <= 1.0f,
           "result value %g", result.pixels[i]);
  free_image (&result);
}

// nst_job_cancel () from another thread after the second evaluation:
// NST_ERROR_CANCELLED and the result untouched, on both devices.
void
case_cancel (SideBySide &f)
{
  NstParams params = quick_params (200);
  NstImage  result = new_image (f.content.width, f.content.height, 3, 0);
  for (const Side *side : { &f.cpu, &f.dut })
    {
      for (size_t i = 0; i < result.stride * result.height; i++)
        result.pixels[i] = -7.0f;
      Recorder    r;
      std::thread canceller ([&] {
        while (r.seen.load () < 2)
          std::this_thread::sleep_for (std::chrono::milliseconds (1));
        nst_job_cancel (side->job);
      });
      NstStatus  *st = run (f, *side, params, r, result);
      canceller.join ();
      CHECK (nst_status_code (st) == NST_ERROR_CANCELLED, "code %d: %s",
             nst_status_code (st), nst_status_message (st));
      nst_status_free (st);
      CHECK (r.calls >= 2 && r.calls < 200, "%d evaluations", r.calls);
      for (size_t i = 0; i < result.stride * result.height; i++)
        CHECK (result.pixels[i] == -7.0f, "the result was written to");
    }
  free_image (&result);
}

/* The cases: every case_NAME function above.  meson.build reads their
 * names from this file and passes them back as NST_TEST_CASES, one test
 * each, so the list is written nowhere. */
#define NST_TEST_CASE(name) { #name, case_##name },
const struct
{
  const char *name;
  void (*run) (SideBySide &);
} cases[] = { NST_TEST_CASES };

} // namespace

int
main (int argc, char **argv)
{
  const char *wanted = getenv ("NST_TEST_DEVICE");
  std::string device = wanted && *wanted ? wanted : "cuda";
  CHECK (device == "cuda" || device == "cpu",
         "NST_TEST_DEVICE is '%s'; use cuda or cpu", device.c_str ());
  if (device == "cuda" && nst_cuda_device_count () == 0)
    {
      std::printf ("SKIP: no CUDA device\n");
      return 77;
    }
  at::globalContext ().setAllowTF32CuDNN (false);
  at::globalContext ().setAllowTF32CuBLAS (false);

  for (const auto &c : cases)
    if (argc == 2 && std::strcmp (argv[1], c.name) == 0)
      {
        SideBySide f = setup (device == "cuda" ? NST_DEVICE_CUDA : NST_DEVICE_CPU);
        c.run (f);
        teardown (f);
        std::printf ("%s: ok\n", c.name);
        return 0;
      }
  std::fprintf (stderr, "usage: %s CASE, one of:", argv[0]);
  for (const auto &c : cases)
    std::fprintf (stderr, " %s", c.name);
  std::fputc ('\n', stderr);
  return 2;
}
