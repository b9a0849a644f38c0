// engine.hpp: the opaque handles of nst.h, and the stylisation itself.
#pragma once

#include "nst.h"
#include "vgg.hpp"

#include <atomic>
#include <string>

struct NstModel
{
  nst::Vgg19  vgg;
  std::string device_name;
};

struct NstJob
{
  const NstModel *model;
  // Set by nst_job_cancel (), possibly from a signal handler: a lock-free
  // atomic is async-signal-safe.
  std::atomic<bool> cancel_requested{ false };
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
