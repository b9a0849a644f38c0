/* test-precision.c: mixed precision (bf16 activations) against fp32, and
 * what precision=auto picks.
 *
 * usage: test-precision CASE   (losses, run or auto)
 *
 * The bf16 cases need a CPU with bf16 arithmetic (AVX512-BF16 or AMX, as
 * the build machine has); elsewhere bf16 is emulated, slow but just as
 * accurate, so they run there too.
 */

#define _POSIX_C_SOURCE 200809L

#include "nst-device.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

static NstParams
params_at (NstPrecision precision, int iterations)
{
  NstParams params = quick_params (iterations);
  params.precision = precision;
  return params;
}

static NstLosses
evaluate_with (Fixture         *f,
               const NstParams *params,
               const NstImage  *image,
               NstImage        *gradient)
{
  NstLosses l;
  CHECK_OK (nst_job_evaluate (f->job, &f->content, &f->style, NULL, 1, params,
                              image, &l, gradient));
  return l;
}

static NstLosses
evaluate (Fixture        *f,
          NstPrecision    precision,
          const NstImage *image,
          NstImage       *gradient)
{
  NstParams params = params_at (precision, 1);
  return evaluate_with (f, &params, image, gradient);
}

static double
relative (double a, double reference)
{
  return fabs (a - reference) / fabs (reference);
}

/* The content half-way to deterministic noise: every loss is non-zero. */
static NstImage
noisy_content (const NstImage *content)
{
  NstImage image = new_image (content->width, content->height, 3, 0);
  unsigned state = 12345;
  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width * 3; x++)
      {
        state       = state * 1103515245u + 12345u;
        float noise = (float) ((state >> 8) & 0xffff) / 65535.0f;
        pixel (&image, 0, y)[x]
            = 0.5f * pixel (content, x / 3, y)[x % 3] + 0.5f * noise;
      }
  return image;
}

/* The losses at bf16 within 1 % of fp32, the gradient in the same
 * direction (cosine similarity at least 0.99). */
static void
case_losses (void)
{
  Fixture   f     = fixture_setup (3);
  NstImage  image = noisy_content (&f.content);
  NstImage  g32   = new_image (image.width, image.height, 3, 0);
  NstImage  g16   = new_image (image.width, image.height, 3, 0);
  NstLosses l32   = evaluate (&f, NST_PRECISION_FP32, &image, &g32);
  NstLosses l16   = evaluate (&f, NST_PRECISION_BF16, &image, &g16);

  CHECK (l32.content > 0 && l32.style > 0, "losses %g, %g", l32.content,
         l32.style);
  CHECK (relative (l16.total, l32.total) <= 0.01,
         "total %g at bf16, %g at fp32", l16.total, l32.total);
  CHECK (relative (l16.content, l32.content) <= 0.01,
         "content %g at bf16, %g at fp32", l16.content, l32.content);
  CHECK (relative (l16.style, l32.style) <= 0.01,
         "style %g at bf16, %g at fp32", l16.style, l32.style);
  /* On the pixels, outside the network: the same in both. */
  CHECK (l16.tv == l32.tv, "tv %g at bf16, %g at fp32", l16.tv, l32.tv);

  double dot = 0, n32 = 0, n16 = 0;
  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width * 3; x++)
      {
        double a = pixel (&g32, 0, y)[x], b = pixel (&g16, 0, y)[x];
        dot += a * b;
        n32 += a * a;
        n16 += b * b;
      }
  double cosine = dot / sqrt (n32 * n16);
  CHECK (cosine >= 0.99, "gradient cosine similarity %g", cosine);
  printf ("bf16/fp32: total %.5f, content %.5f, style %.5f; cosine %.6f\n",
          l16.total / l32.total, l16.content / l32.content,
          l16.style / l32.style, cosine);

  free_image (&g16);
  free_image (&g32);
  free_image (&image);
  fixture_teardown (&f);
}

/* A short run at bf16 ends, scored in fp32, within 2 % of the fp32 run's
 * loss. */
static void
case_run (void)
{
  Fixture  f   = fixture_setup (3);
  NstImage r32 = new_image (f.content.width, f.content.height, 3, 0);
  NstImage r16 = new_image (f.content.width, f.content.height, 3, 0);
  /* Where L-BFGS converges on the synthetic weights: at the default 1e6
   * its steps are erratic and two runs part after a few. */
  NstParams params    = params_at (NST_PRECISION_FP32, 30);
  params.style_weight = 1e4;
  CHECK_OK (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params, NULL,
                         NULL, &r32));
  NstParams bf16 = params;
  bf16.precision = NST_PRECISION_BF16;
  CHECK_OK (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &bf16, NULL,
                         NULL, &r16));
  /* Every result scored by one fp32 evaluation. */
  params.iterations = 1;
  NstLosses start   = evaluate_with (&f, &params, &f.content, NULL);
  NstLosses l32     = evaluate_with (&f, &params, &r32, NULL);
  NstLosses l16     = evaluate_with (&f, &params, &r16, NULL);
  CHECK (l32.total < 0.9 * start.total,
         "the fp32 run lowered the loss "
         "from %g to %g only",
         start.total, l32.total);
  CHECK (relative (l16.total, l32.total) <= 0.02,
         "final loss %g after bf16, %g after fp32 (from %g)", l16.total,
         l32.total, start.total);
  printf ("final loss in fp32: %g after bf16, %g after fp32 (from %g)\n",
          l16.total, l32.total, start.total);

  free_image (&r16);
  free_image (&r32);
  fixture_teardown (&f);
}

/* Whether /proc/cpuinfo lists a flag, as the kernel reads CPUID: a second
 * opinion on the engine's own reading. */
static int
cpu_has_flag (const char *flag)
{
  FILE *f = fopen ("/proc/cpuinfo", "r");
  char  line[8192];
  int   found = 0;
  if (! f)
    return -1;
  while (! found && fgets (line, sizeof line, f))
    if (strncmp (line, "flags", 5) == 0)
      for (char *word = strtok (line, " \t\n"); word && ! found;
           word       = strtok (NULL, " \t\n"))
        found = strcmp (word, flag) == 0;
  fclose (f);
  return found;
}

/* auto is bf16 exactly where the CPU has bf16 arithmetic, fp32 elsewhere,
 * and the device facts say which. */
static void
case_auto (void)
{
  NstDeviceFacts facts;
  nst_device_facts (NST_DEVICE_CPU, &facts);
  int avx512 = cpu_has_flag ("avx512_bf16"), amx = cpu_has_flag ("amx_bf16");
  if (avx512 >= 0)
    {
      /* AVX512-BF16 alone measured slower than fp32: only AMX counts. */
      CHECK (facts.bf16_fast == (amx == 1),
             "bf16_fast %d, /proc/cpuinfo: avx512_bf16 %d, amx_bf16 %d",
             facts.bf16_fast, avx512, amx);
      CHECK (strcmp (facts.bf16_unit, amx      ? "AMX"
                                      : avx512 ? "AVX512-BF16"
                                               : "")
                 == 0,
             "bf16_unit \"%s\"", facts.bf16_unit);
    }
  char *line = nst_precision_describe (NST_DEVICE_CPU);
  CHECK (strstr (line, facts.bf16_fast ? "automatic precision: bf16"
                                       : "automatic precision: fp32"),
         "\"%s\" says what auto picks", line);
  nst_free (line);

  Fixture   f     = fixture_setup (3);
  NstImage  image = noisy_content (&f.content);
  NstLosses a     = evaluate (&f, NST_PRECISION_AUTO, &image, NULL);
  NstLosses b
      = evaluate (&f, facts.bf16_fast ? NST_PRECISION_BF16 : NST_PRECISION_FP32,
                  &image, NULL);
  NstLosses other
      = evaluate (&f, facts.bf16_fast ? NST_PRECISION_FP32 : NST_PRECISION_BF16,
                  &image, NULL);
  CHECK (a.total == b.total, "auto %g, %s %g", a.total,
         facts.bf16_fast ? "bf16" : "fp32", b.total);
  CHECK (a.total != other.total, "bf16 and fp32 give the same %g", a.total);
  free_image (&image);
  fixture_teardown (&f);
}

#include "test-main.h"
