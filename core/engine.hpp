// engine.hpp: the opaque handles of nst.h, and the stylisation itself.
#pragma once

#include "inputs.hpp"
#include "nst.h"
#include "vgg.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <string>

struct NstModel
{
  nst::Vgg19  vgg;
  std::string device_name;
  // Seconds per evaluated pixel, timed by the model's first nst_job_plan ()
  // in each activation type: a dialog plans after every change, and the
  // timing would otherwise delay each preview by two evaluations.
  mutable std::mutex                        timing_lock;
  mutable std::map<c10::ScalarType, double> seconds_per_pixel;
};

struct NstJob
{
  const NstModel *model;
  // Set by nst_job_cancel (), possibly from a signal handler: a lock-free
  // atomic is async-signal-safe.
  std::atomic<bool> cancel_requested{ false };
  // nst_job_set_style_frame (); 0 × 0: the content's own size.
  int style_frame_width  = 0;
  int style_frame_height = 0;
  // nst_job_set_style_regions (); empty: none.
  nst::StyleRegions regions{};
};
static_assert (std::atomic<bool>::is_always_lock_free,
               "nst_job_cancel () must be async-signal-safe");

namespace nst
{

// nst_job_run () and nst_job_evaluate () after the NULL checks of api.cpp;
// they throw nst::Error for anything the caller got wrong.
void run_job (NstJob          &job,
              const NstImage  *content,
              const NstImage  *styles,
              const double    *style_blend,
              int              n_styles,
              const NstParams *params,
              NstProgressFunc  progress,
              void            *user_data,
              NstImage        *result);

NstPlan plan_job (NstJob          &job,
                  const NstImage  *content,
                  const NstImage  *styles,
                  const double    *style_blend,
                  int              n_styles,
                  const NstParams *params,
                  bool             measure);

NstLosses evaluate_job (NstJob          &job,
                        const NstImage  *content,
                        const NstImage  *styles,
                        const double    *style_blend,
                        int              n_styles,
                        const NstParams *params,
                        const NstImage  *image,
                        NstImage        *gradient);

} // namespace nst
