// memory.cpp: the memory plan of a run's levels (see memory.hpp).
//
// The estimates are per pixel, measured with libtorch 1.13 on the CPU:
// peak RSS of two-evaluation runs at 768, 1024 and 1536 px grew by
// 1.85–1.98 KiB per pixel in fp32 and 1.71–1.78 KiB in bf16 (activations
// kept for the backward pass, the widest gradients, the image buffers),
// so one rule, rounded up, serves both precisions.  A tile costs more per
// pixel of its region: six-evaluation runs at 1024×640 px in 2 and 4
// tiles peaked at 2.37–2.42 KiB per region pixel above what the process
// held before (fp32), and overran budgets planned with 2 KiB by 7–10 %.

#include "memory.hpp"

#include "device.hpp"
#include "optim.hpp"
#include "status.hpp"
#include "tiles.hpp"

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdio>
#include <limits>

#include "i18n.hpp"

namespace nst
{
namespace
{

constexpr int64_t evaluation_bytes = 2048; // per pixel, the whole level
constexpr int64_t tile_bytes       = 2560; // per pixel of a tile's region
constexpr int64_t forward_bytes    = 512;  // a no-gradient pass, per pixel
constexpr int64_t image_bytes      = 12;   // 3 fp32 channels
constexpr int64_t content_bytes    = 32;   // relu4_2: 512 channels / 64
constexpr int     state_images     = 10;   // x, best, gradients, direction…
constexpr int     adam_images      = 8;    // x, best, gradient, m, v…
constexpr int     fewest_pairs     = 5;
constexpr int64_t smallest_tile    = 128;
constexpr int64_t roomy_tile       = 512; // tiles shrink below this last
// A style painted in a region keeps F∘m of each style layer for the
// backward pass: (64 + 128/4 + 256/16 + 512/64 + 512/256) channels of fp32,
// 488 bytes per pixel, rounded up (computed, not measured).
constexpr int64_t region_bytes = 512;

int64_t
region_pixels (const Level &l, int64_t tile)
{
  if (tile == 0)
    return l.width * l.height;
  int64_t side = tile + 2 * tile_margin ();
  return std::min (side, l.height) * std::min (side, l.width);
}

// Everything but the evaluation: the optimizer's state, the targets and
// the resized styles.
int64_t
state_bytes (const Level &l, int n_styles, bool lbfgs, int history)
{
  int64_t pixels = l.width * l.height;
  int64_t images = lbfgs ? state_images + 2 * history : adam_images;
  return pixels * (images * image_bytes + content_bytes)
         + int64_t (n_styles) * l.style_width * l.style_height * image_bytes
               * 2;
}

int64_t
peak (const Level &l,
      int          n_styles,
      int          n_regions,
      bool         lbfgs,
      int          history,
      int64_t      tile)
{
  int64_t styles = l.style_width * l.style_height;
  int64_t target = forward_bytes
                   * (tile == 0 ? std::max (region_pixels (l, 0), styles)
                                : region_pixels (l, tile));
  int64_t evaluation
      = (tile == 0 ? evaluation_bytes : tile_bytes) * region_pixels (l, tile)
        + n_regions * region_bytes * region_pixels (l, tile);
  return state_bytes (l, n_styles, lbfgs, history)
         + std::max (evaluation, target);
}

std::string
mebibytes (int64_t bytes)
{
  return string_printf ("%lld MiB", (long long) ((bytes + (1 << 20) - 1)
                                                 >> 20));
}

// The largest tile from `from` down to `to` (multiples of the pooling
// grid) with which the level fits, or 0.  A tile as large as the level's
// long edge would be the whole level: never offered.
int64_t
largest_tile (const Level &l,
              int          n_styles,
              int          n_regions,
              bool         lbfgs,
              int          history,
              int64_t      room,
              int64_t      from,
              int64_t      to)
{
  from = std::min (from, std::max (l.width, l.height) - 1);
  for (int64_t t = from / pooling_grid * pooling_grid; t >= to;
       t -= pooling_grid)
    if (peak (l, n_styles, n_regions, lbfgs, history, t) <= room)
      return t;
  return 0;
}

// The article's history if it fits, then halved down to the fewest pairs;
// at each, the whole level, else tiles no smaller than a roomy size.
// Only then smaller tiles, with the fewest pairs: small tiles repeat
// their margins' work many times over.
LevelMemory
plan_level (const Level &l,
            int          n_styles,
            int          n_regions,
            bool         lbfgs,
            int64_t      in_use,
            int64_t      fixed,
            int64_t      budget)
{
  const int64_t room = budget - in_use - fixed;
  // L-BFGS keeps at most a pair per iteration: a level of few evaluations
  // never fills the article's history.
  int history = lbfgs ? std::min (lbfgs_full_history, l.evaluations) : 0;
  for (;;)
    {
      if (peak (l, n_styles, n_regions, lbfgs, history, 0) <= room)
        return { 0, history, peak (l, n_styles, n_regions, lbfgs, history, 0) };
      int64_t t
          = largest_tile (l, n_styles, n_regions, lbfgs, history, room,
                          std::numeric_limits<int64_t>::max (), roomy_tile);
      if (t)
        return { t, history, peak (l, n_styles, n_regions, lbfgs, history, t) };
      if (! lbfgs || history <= fewest_pairs)
        break;
      history = std::max (fewest_pairs, history / 2);
    }
  int64_t t = largest_tile (l, n_styles, n_regions, lbfgs, history, room,
                            roomy_tile, smallest_tile);
  if (t)
    return { t, history, peak (l, n_styles, n_regions, lbfgs, history, t) };
  // The least any plan needs: the smallest tiles, or the whole level
  // where it is no larger.
  int64_t least = peak (l, n_styles, n_regions, lbfgs, history, 0);
  if (smallest_tile < std::max (l.width, l.height))
    least = std::min (
        least, peak (l, n_styles, n_regions, lbfgs, history, smallest_tile));
  int64_t state = fixed + state_bytes (l, n_styles, lbfgs, history);
  throw Error (
      NST_ERROR_OUT_OF_MEMORY,
      /* TRANSLATORS: the working image's width and height, the memory the
         smallest plan needs, its three parts, then the budget, e.g.
         "512 MiB" */
      string_printf (
          _ ("At %lld×%lld px the run needs at least %s (%s already in use "
             "by the program, %s for the image and the optimizer, %s for "
             "the network in its smallest tiles), but its memory budget is "
             "%s. Raise the memory budget (memory), lower the working size "
             "(size) or the style scale, or use the Adam optimizer."),
          (long long) l.width, (long long) l.height,
          mebibytes (in_use + fixed + least).c_str (),
          mebibytes (in_use).c_str (), mebibytes (state).c_str (),
          mebibytes (fixed + least - state).c_str (),
          mebibytes (budget).c_str ()));
}

int64_t
available_ram ()
{
  if (FILE *f = std::fopen ("/proc/meminfo", "r"))
    {
      char      line[128];
      long long kib = -1;
      while (std::fgets (line, sizeof line, f))
        if (std::sscanf (line, "MemAvailable: %lld kB", &kib) == 1)
          break;
      std::fclose (f);
      if (kib >= 0)
        return kib * 1024;
    }
  return int64_t (sysconf (_SC_AVPHYS_PAGES)) * sysconf (_SC_PAGESIZE);
}

// The process's resident memory now, from /proc/self/statm.  What an
// earlier run freed, glibc's heap keeps resident for reuse: handed back
// first, so that it is not counted as in use (a plug-in's previews run in
// the process that then runs the filter).
int64_t
resident_bytes ()
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  long long pages = 0;
  if (FILE *f = std::fopen ("/proc/self/statm", "r"))
    {
      if (std::fscanf (f, "%*d %lld", &pages) != 1)
        pages = 0;
      std::fclose (f);
    }
  return pages * int64_t (sysconf (_SC_PAGESIZE));
}

} // namespace

int64_t
memory_in_use (c10::Device device)
{
  return device.is_cuda () ? 0 : resident_bytes ();
}

int64_t
memory_budget (int memory_mib, c10::Device device, int64_t in_use)
{
  if (memory_mib > 0)
    return int64_t (memory_mib) << 20;
  int64_t available = device.is_cuda ()
                          ? cuda_memory (std::max<int> (0, device.index ())).free_bytes
                          : available_ram ();
  return in_use + available / 4 * 3;
}

std::vector<LevelMemory>
plan_memory (const std::vector<Level> &levels,
             int                       n_styles,
             int                       n_regions,
             bool                      lbfgs,
             int64_t                   in_use,
             int64_t                   fixed_bytes,
             int64_t                   budget)
{
  std::vector<LevelMemory> plans;
  for (const Level &l : levels)
    {
      plans.push_back (plan_level (l, n_styles, n_regions, lbfgs, in_use,
                                   fixed_bytes, budget));
      plans.back ().peak_bytes += in_use + fixed_bytes;
    }
  return plans;
}

} // namespace nst
