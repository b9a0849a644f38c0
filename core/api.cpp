// api.cpp: the extern "C" wall.  Every entry point that can fail runs its
// body through nst::guarded, so no C++ exception reaches a C caller.

#include "nst.h"

#include "device.hpp"
#include "engine.hpp"
#include "status.hpp"
#include "weights.hpp"

#include <cstdlib>
#include <cstring>

namespace
{

char *
c_string (const std::string &s)
{
  char *copy = static_cast<char *> (std::malloc (s.size () + 1));
  if (! copy)
    throw std::bad_alloc ();
  std::memcpy (copy, s.c_str (), s.size () + 1);
  return copy;
}

// Misuse of the API: English, for the author of the program calling it.
void
require (bool ok, const char *message)
{
  if (! ok)
    throw nst::Error (NST_ERROR_INVALID_ARGUMENT, message);
}

} // namespace

extern "C"
{

  const char *
  nst_version (void)
  {
    return NST_VERSION;
  }

  int
  nst_api_version (void)
  {
    return NST_API_VERSION;
  }

  void
  nst_free (void *ptr)
  {
    std::free (ptr);
  }

  int
  nst_cuda_device_count (void)
  {
    try
      {
        return nst::cuda_device_count ();
      }
    catch (...)
      {
        return 0;
      }
  }

  char *
  nst_device_describe (NstDevice device)
  {
    try
      {
        return c_string (nst::describe_device (device));
      }
    catch (...)
      {
        return nullptr;
      }
  }

  char *
  nst_precision_describe (NstDevice device)
  {
    try
      {
        return c_string (nst::describe_precision (device));
      }
    catch (...)
      {
        return nullptr;
      }
  }

  NstStatus *
  nst_weights_find (const char *explicit_path, char **path)
  {
    return nst::guarded ([&] {
      require (path, "nst_weights_find () needs somewhere to put the path.");
      *path = nullptr;
      *path = c_string (nst::find_weights (explicit_path));
    });
  }

  const char *const *
  nst_weights_places (void)
  {
    return nst::weights_places ();
  }

  NstStatus *
  nst_model_load (const char *path, NstDevice device, NstModel **model)
  {
    return nst::guarded ([&] {
      require (model, "nst_model_load () needs somewhere to put the model.");
      *model = nullptr;
      require (path, "No weights file was given to load.");
      nst::ResolvedDevice dev = nst::open_device (device);
      auto convs = nst::load_vgg19_convs (path, nst::deepest_conv_index);
      *model = new NstModel{ nst::Vgg19 (convs, dev.device), dev.name, {}, {} };
    });
  }

  void
  nst_model_free (NstModel *model)
  {
    delete model;
  }

  const char *
  nst_model_device_name (const NstModel *model)
  {
    return model ? model->device_name.c_str () : "";
  }

  NstStatus *
  nst_job_new (const NstModel *model, NstJob **job)
  {
    return nst::guarded ([&] {
      require (job, "nst_job_new () needs somewhere to put the job.");
      *job = nullptr;
      require (model, "A job needs a model: load one with nst_model_load ().");
      *job = new NstJob{ model };
    });
  }

  void
  nst_job_free (NstJob *job)
  {
    delete job;
  }

  void
  nst_job_cancel (NstJob *job)
  {
    if (job)
      job->cancel_requested.store (true);
  }

  NstStatus *
  nst_job_set_style_frame (NstJob *job, int width, int height)
  {
    return nst::guarded ([&] {
      require (job, "nst_job_set_style_frame () needs a job.");
      require (width >= 0 && height >= 0 && (width > 0) == (height > 0),
               "nst_job_set_style_frame () takes a size of at least 1 × 1 "
               "px, or 0 × 0 for the content's own.");
      job->style_frame_width  = width;
      job->style_frame_height = height;
    });
  }

  NstStatus *
  nst_job_set_style_regions (NstJob         *job,
                             int             n_styles,
                             const NstImage *content_masks,
                             const NstImage *source_masks)
  {
    return nst::guarded ([&] {
      require (job, "nst_job_set_style_regions () needs a job.");
      require (n_styles >= 1 || (! content_masks && ! source_masks),
               "nst_job_set_style_regions () needs at least one style for "
               "its masks.");
      // Checked whole before the job's regions change.
      job->regions = nst::style_regions (n_styles, content_masks, source_masks);
    });
  }

  NstStatus *
  nst_job_run (NstJob          *job,
               const NstImage  *content,
               const NstImage  *styles,
               const double    *style_blend,
               int              n_styles,
               const NstParams *params,
               NstProgressFunc  progress,
               void            *user_data,
               NstImage        *result)
  {
    NstStatus *status = nst::guarded ([&] {
      require (job, "No job was given to run.");
      nst::run_job (*job, content, styles, style_blend, n_styles, params,
                    progress, user_data, result);
    });
    if (job)
      job->cancel_requested.store (false);
    return status;
  }

  NstStatus *
  nst_job_plan (NstJob          *job,
                const NstImage  *content,
                const NstImage  *styles,
                const double    *style_blend,
                int              n_styles,
                const NstParams *params,
                int              measure,
                NstPlan         *plan)
  {
    return nst::guarded ([&] {
      require (job, "No job was given to plan.");
      require (plan, "nst_job_plan () needs somewhere to put the plan.");
      *plan = nst::plan_job (*job, content, styles, style_blend, n_styles,
                             params, measure != 0);
    });
  }

  NstStatus *
  nst_job_evaluate (NstJob          *job,
                    const NstImage  *content,
                    const NstImage  *styles,
                    const double    *style_blend,
                    int              n_styles,
                    const NstParams *params,
                    const NstImage  *image,
                    NstLosses       *losses,
                    NstImage        *gradient)
  {
    return nst::guarded ([&] {
      require (job, "No job was given to evaluate with.");
      require (losses,
               "nst_job_evaluate () needs somewhere to put the losses.");
      *losses = nst::evaluate_job (*job, content, styles, style_blend, n_styles,
                                   params, image, gradient);
    });
  }

} // extern "C"
