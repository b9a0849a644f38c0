// memory.hpp: what each level of a run needs in memory, planned against
// the run's budget before anything is computed: whether the level is
// evaluated whole or in tiles (tiles.hpp), and how many L-BFGS
// curvature pairs it keeps.
#pragma once

#include "inputs.hpp"

#include <c10/core/Device.h>

#include <cstdint>
#include <vector>

namespace nst
{

struct LevelMemory
{
  int64_t tile;       // inner tile size in px; 0: the whole level at once
  int     history;    // L-BFGS pairs kept (the article's 100 where it fits)
  int64_t peak_bytes; // the estimate the plan was made with, in_use and
                      // fixed_bytes included
};

// What the program holds before the run on `device`: on the CPU its
// resident memory (libtorch, the network, the caller's own data), since a
// budget is for the whole process, as a system monitor shows it; on a GPU
// nothing (free device memory already leaves out the network).
int64_t memory_in_use (c10::Device device);

// What a run may use: params.memory MiB, or with 0 `in_use` and three
// quarters of what `device` has available now (MemAvailable on the CPU,
// free memory on a GPU).
int64_t memory_budget (int memory_mib, c10::Device device, int64_t in_use);

// One plan per level, coarsest first.  `n_regions` is the number of styles
// painted in a region (nst_job_set_style_regions ()), `in_use`
// memory_in_use (), and `fixed_bytes` what the run holds throughout (its
// inputs and result).  Throws nst::Error
// (NST_ERROR_OUT_OF_MEMORY) when a level does not fit even in the smallest
// tiles with the fewest pairs, naming the size, the memory it needs and
// what to change.
std::vector<LevelMemory> plan_memory (const std::vector<Level> &levels,
                                      int                       n_styles,
                                      int                       n_regions,
                                      bool                      lbfgs,
                                      int64_t                   in_use,
                                      int64_t                   fixed_bytes,
                                      int64_t                   budget);

} // namespace nst
