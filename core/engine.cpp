// engine.cpp: one stylisation, scale by scale, and single evaluations.

#include "engine.hpp"

#include "colour.hpp"
#include "device.hpp"
#include "image.hpp"
#include "inputs.hpp"
#include "losses.hpp"
#include "optim.hpp"
#include "params.hpp"
#include "status.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "i18n.hpp"

namespace nst
{
namespace
{

// Adam's step in pixel units (0.02 of the [0, 1] range).
constexpr double adam_pixel_lr = 0.02;

using Clock = std::chrono::steady_clock;

// What lives across the scales of one run.
struct RunState
{
  const std::atomic<bool> *cancel;
  NstProgressFunc          progress;
  void                    *user_data;
  int                      preview_every;
  int                      evaluations; // planned, all scales
  int                      scales;
  Clock::time_point        start;
  int                      evaluation = 0; // made so far, all scales
  // The work planned and done, in pixels evaluated: an evaluation's cost
  // grows about linearly with its level's pixel count.
  int64_t work_planned = 0;
  int64_t work_done    = 0;
  bool    stopped      = false;
};

// The loss at one scale, with the bookkeeping of every evaluation: the
// budget, cancellation, the best image and the progress callback.
class RunObjective : public Objective
{
public:
  RunObjective (const Vgg19         &vgg,
                const Normalisation &norm,
                const Targets       &targets,
                const LossWeights   &weights,
                const torch::Tensor &x0,
                const torch::Tensor *chroma,
                int                  scale,
                const Level         &level,
                RunState            &state)
      : vgg_ (vgg), norm_ (norm), targets_ (targets), weights_ (weights),
        chroma_ (chroma), scale_ (scale), budget_ (level.evaluations),
        pixels_ (level.width * level.height), state_ (state),
        best_ (x0.clone ())
  {
  }

  Evaluation evaluate (const torch::Tensor &x) override;
  bool
  finished () const override
  {
    return state_.stopped || made_ >= budget_;
  }

  // The pixels of the evaluation with the lowest total loss.
  torch::Tensor
  best_pixels () const
  {
    return norm_.pixels (best_).clamp_ (0.0, 1.0);
  }

private:
  void report (const float *stats);

  const Vgg19         &vgg_;
  const Normalisation &norm_;
  const Targets       &targets_;
  LossWeights          weights_;
  const torch::Tensor *chroma_; // luminance mode: the content to colour with
  int                  scale_, budget_;
  int64_t              pixels_; // per evaluation
  RunState            &state_;
  int                  made_      = 0;
  int                  best_made_ = 0; // 1: the start image (x0) is best
  torch::Tensor        best_;
  double               best_loss_ = std::numeric_limits<double>::infinity ();
};

Evaluation
RunObjective::evaluate (const torch::Tensor &x)
{
  if (state_.cancel->load ())
    throw Error (NST_ERROR_CANCELLED, _ ("Cancelled; nothing was changed."));

  torch::Tensor xv     = x.detach ().requires_grad_ (true);
  Losses        losses = compute_losses (vgg_, norm_, xv, targets_, weights_);
  torch::Tensor grad   = torch::autograd::grad ({ losses.total }, { xv })[0];

  torch::NoGradGuard no_grad;
  // One small device-to-host copy per evaluation: the loss parts, then the
  // gradient's largest magnitude.
  torch::Tensor stats
      = torch::cat ({ losses.parts, grad.abs ().max ().unsqueeze (0) })
            .to (torch::kCPU);
  const float *v = stats.data_ptr<float> ();
  made_++;
  if (v[LOSS_TOTAL] < best_loss_)
    {
      best_loss_ = v[LOSS_TOTAL];
      best_made_ = made_;
      best_.copy_ (x);
    }
  state_.evaluation++;
  state_.work_done += pixels_;
  report (v);
  return { v[LOSS_TOTAL], v[LOSS_PARTS], grad };
}

void
RunObjective::report (const float *stats)
{
  if (! state_.progress)
    return;
  NstProgress p{};
  p.evaluation  = state_.evaluation;
  p.evaluations = state_.evaluations;
  p.scale       = scale_;
  p.scales      = state_.scales;
  p.total       = stats[LOSS_TOTAL];
  p.content     = stats[LOSS_CONTENT];
  p.style       = stats[LOSS_STYLE];
  p.tv          = stats[LOSS_TV];
  p.seconds
      = std::chrono::duration<double> (Clock::now () - state_.start).count ();
  p.image_is_start = best_made_ <= 1;
  p.fraction       = double (state_.work_done)
               / double (std::max<int64_t> (state_.work_planned, 1));
  p.seconds_left = p.seconds * (1.0 - p.fraction) / p.fraction;

  bool frame = made_ == budget_
               || (state_.preview_every > 0
                   && state_.evaluation % state_.preview_every == 0);
  NstImage      image{};
  torch::Tensor hwc;
  if (frame)
    {
      torch::Tensor rgb = best_pixels ();
      if (chroma_)
        rgb = with_chroma_of (rgb, *chroma_);
      // Interleaved on the device, so that one plain copy reaches the host.
      hwc = rgb.squeeze (0)
                .permute ({ 1, 2, 0 })
                .contiguous ()
                .to (torch::kCPU);
      image.pixels   = hwc.data_ptr<float> ();
      image.height   = int (hwc.size (0));
      image.width    = int (hwc.size (1));
      image.channels = 3;
      image.stride   = size_t (image.width) * 3;
      p.image        = &image;
    }
  if (! state_.progress (&p, state_.user_data))
    state_.stopped = true;
}

torch::Tensor
start_image (const Inputs &in, const NstParams &params, const Level &l)
{
  switch (params.init)
    {
    case NST_INIT_NOISE:
      {
        // Drawn on the CPU so a seed gives the same image on any device.
        auto gen
            = at::make_generator<at::CPUGeneratorImpl> (uint64_t (params.seed));
        return torch::rand ({ 1, 3, l.height, l.width }, gen, torch::kFloat)
            .to (in.content.device ());
      }
    case NST_INIT_STYLE:
      return resize (in.styles[0], l.height, l.width);
    case NST_INIT_CONTENT:
      break;
    }
  return resize (in.content, l.height, l.width);
}

Targets
level_targets (const Vgg19         &vgg,
               const Normalisation &norm,
               const Inputs        &in,
               const Level         &l)
{
  std::vector<torch::Tensor> styles;
  for (const torch::Tensor &s : in.styles)
    styles.push_back (
        norm.normalise (resize (s, l.style_height, l.style_width)));
  return make_targets (vgg,
                       norm.normalise (resize (in.content, l.height, l.width)),
                       styles, in.blend);
}

// The model's network in the run's precision (for fp32 the model's own
// weights, shared).
Vgg19
network (const NstModel &model, NstPrecision precision)
{
  return model.vgg.with_type (activation_type (precision, model.vgg.device ()));
}

LossWeights
loss_weights (const NstParams &p)
{
  return { p.content_weight, p.style_weight, p.tv_weight };
}

void
check_result (const NstImage *result,
              const NstImage *content,
              const char     *what,
              bool            rgb_only)
{
  check_image (result, what);
  if (result->width != content->width || result->height != content->height)
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 /* TRANSLATORS: an image, e.g. "The result image", its width
                    and height, then the content image's */
                 string_printf (_ ("%s is %d×%d px, but it must have the "
                                   "content image's size, %d×%d px."),
                                what, result->width, result->height,
                                content->width, content->height));
  if (rgb_only && result->channels != 3)
    throw Error (NST_ERROR_INVALID_ARGUMENT,
                 /* TRANSLATORS: %s names an image, e.g. "The gradient image" */
                 string_printf (_ ("%s must have 3 channels (RGB)."), what));
}

} // namespace

void
run_job (NstJob          &job,
         const NstImage  *content,
         const NstImage  *styles,
         const double    *style_blend,
         int              n_styles,
         const NstParams *params,
         NstProgressFunc  progress,
         void            *user_data,
         NstImage        *result)
{
  RunState state{};
  state.start = Clock::now ();
  NstParams p = checked_params (params);
  check_image (content, _ ("The content image"));
  check_result (result, content, _ ("The result image"), false);
  const Vgg19 vgg = network (*job.model, p.precision);
  Inputs      in  = prepare_inputs (content, styles, style_blend, n_styles, p,
                                    vgg.device ());
  std::vector<Level> levels = plan_levels (content->width, content->height, p);

  state.cancel        = &job.cancel_requested;
  state.progress      = progress;
  state.user_data     = user_data;
  state.preview_every = p.preview_every;
  state.evaluations   = 0;
  for (const Level &l : levels)
    {
      state.evaluations += l.evaluations;
      state.work_planned += l.evaluations * l.width * l.height;
    }
  state.scales = p.scales;

  Normalisation norm (vgg.device ());
  Bounds        bounds{ norm.normalise (torch::zeros_like (norm.mean)),
                 norm.normalise (torch::ones_like (norm.mean)) };
  torch::Tensor adam_lr = adam_pixel_lr / norm.std;

  torch::Tensor pixels; // the best image of the last scale run
  for (size_t i = 0; i < levels.size () && ! state.stopped; i++)
    {
      const Level  &l       = levels[i];
      Targets       targets = level_targets (vgg, norm, in, l);
      torch::Tensor start   = i == 0 ? start_image (in, p, l)
                                     : resize (pixels, l.height, l.width);
      torch::Tensor x       = norm.normalise (start).contiguous ();
      torch::Tensor chroma;
      if (p.preserve_colors == NST_PRESERVE_COLORS_LUMINANCE)
        chroma = resize (in.content_rgb, l.height, l.width);
      RunObjective f (vgg, norm, targets, loss_weights (p), x,
                      chroma.defined () ? &chroma : nullptr, int (i) + 1, l,
                      state);
      if (p.optimizer == NST_OPTIMIZER_ADAM)
        run_adam (x, bounds, adam_lr, f);
      else
        run_lbfgs (x, bounds, f);
      pixels = f.best_pixels ();
    }

  torch::NoGradGuard no_grad;
  torch::Tensor      out = resize (pixels, content->height, content->width);
  if (p.preserve_colors == NST_PRESERVE_COLORS_LUMINANCE)
    out = with_chroma_of (out, in.content_rgb);
  tensor_to_image (out, content, *result);
}

NstLosses
evaluate_job (NstJob          &job,
              const NstImage  *content,
              const NstImage  *styles,
              const double    *style_blend,
              int              n_styles,
              const NstParams *params,
              const NstImage  *image,
              NstImage        *gradient)
{
  NstParams p = checked_params (params);
  check_image (content, _ ("The content image"));
  check_result (image, content, _ ("The image to evaluate"), false);
  if (gradient)
    check_result (gradient, content, _ ("The gradient image"), true);
  const Vgg19 vgg = network (*job.model, p.precision);
  Inputs      in  = prepare_inputs (content, styles, style_blend, n_styles, p,
                                    vgg.device ());
  // The content's own size, whatever params.size says.
  p.size   = 0;
  p.scales = 1;
  Level l  = plan_levels (content->width, content->height, p)[0];

  Normalisation norm (vgg.device ());
  Targets       targets = level_targets (vgg, norm, in, l);
  torch::Tensor x
      = norm.normalise (image_to_tensor (*image, _ ("The image to evaluate"))
                            .to (vgg.device ()))
            .requires_grad_ (true);
  Losses losses = compute_losses (vgg, norm, x, targets, loss_weights (p));
  torch::Tensor parts = losses.parts.to (torch::kCPU, torch::kDouble);
  if (gradient)
    {
      torch::Tensor grad = torch::autograd::grad ({ losses.total }, { x })[0];
      // x = (pixel − mean) / std, so d/dpixel = d/dx / std.
      tensor_to_image (grad / norm.std, nullptr, *gradient);
    }
  const double *v = parts.data_ptr<double> ();
  return { v[LOSS_TOTAL], v[LOSS_CONTENT], v[LOSS_STYLE], v[LOSS_TV] };
}

} // namespace nst
