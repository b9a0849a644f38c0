// engine.cpp: one stylisation, scale by scale, and single evaluations.

#include "engine.hpp"

#include "colour.hpp"
#include "device.hpp"
#include "image.hpp"
#include "inputs.hpp"
#include "losses.hpp"
#include "memory.hpp"
#include "optim.hpp"
#include "params.hpp"
#include "status.hpp"
#include "tiles.hpp"
#include "time-left.hpp"

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
  // The work planned and done, in pixels evaluated (evaluation_work).
  int64_t  work_planned = 0;
  int64_t  work_done    = 0;
  TimeLeft time_left;
  bool     stopped = false;
};

// The loss parts and their gradient with respect to the normalised image
// x: tile by tile where the level is tiled (`tiles` not empty), else the
// whole image at once.
TiledEvaluation
losses_and_gradient (const Vgg19             &vgg,
                     const Normalisation     &norm,
                     const torch::Tensor     &x,
                     const Targets           &targets,
                     const LossWeights       &weights,
                     const std::vector<Tile> &tiles)
{
  if (! tiles.empty ())
    return tiled_losses (vgg, norm, x, targets, weights, tiles);
  torch::Tensor xv     = x.detach ().requires_grad_ (true);
  Losses        losses = compute_losses (vgg, norm, xv, targets, weights);
  return { losses.parts, torch::autograd::grad ({ losses.total }, { xv })[0] };
}

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
                int64_t              tile,
                RunState            &state)
      : vgg_ (vgg), norm_ (norm), targets_ (targets), weights_ (weights),
        chroma_ (chroma),
        tiles_ (tile ? plan_tiles (level.height, level.width, tile)
                     : std::vector<Tile> ()),
        scale_ (scale), budget_ (level.evaluations),
        work_ (evaluation_work (level.height, level.width, tile)),
        state_ (state),
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
  std::vector<Tile>    tiles_;  // empty: the whole level at once
  int                  scale_, budget_;
  int64_t              work_; // per evaluation
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

  TiledEvaluation e
      = losses_and_gradient (vgg_, norm_, x, targets_, weights_, tiles_);
  const torch::Tensor &grad = e.grad;

  torch::NoGradGuard no_grad;
  // One small device-to-host copy per evaluation: the loss parts, then the
  // gradient's largest magnitude.
  torch::Tensor stats
      = torch::cat ({ e.parts.detach (), grad.abs ().max ().unsqueeze (0) })
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
  state_.work_done += work_;
  state_.time_left.evaluated (scale_ - 1, made_, Clock::now ());
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
  p.seconds_left = state_.time_left.seconds (scale_ - 1, made_);

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
               const Level         &l,
               int64_t              tile = 0)
{
  std::vector<torch::Tensor> styles;
  for (const torch::Tensor &s : in.styles)
    styles.push_back (
        norm.normalise (resize (s, l.style_height, l.style_width)));
  // The masks follow their images: resized alike, so that they stay on
  // the same pixels.
  std::vector<StyleMasks> masks;
  const StyleRegions     &r = in.regions;
  for (size_t i = 0; i < r.content.size (); i++)
    masks.push_back ({ r.content[i].defined ()
                           ? resize (r.content[i], l.height, l.width)
                           : torch::Tensor (),
                       r.source[i].defined ()
                           ? resize (r.source[i], l.style_height, l.style_width)
                           : torch::Tensor () });
  return make_targets (vgg,
                       norm.normalise (resize (in.content, l.height, l.width)),
                       styles, in.blend, tile, masks);
}

// The styles painted in a region: each adds its guided Gram matrices to
// an evaluation.
int
region_count (const Inputs &in)
{
  int n = 0;
  for (const torch::Tensor &m : in.regions.content)
    n += m.defined ();
  return n;
}

// What a run holds from start to end: its inputs, and the result at the
// content's size (resized, then coloured).
int64_t
fixed_bytes (const Inputs &in, const NstImage &content)
{
  int64_t bytes = in.content_rgb.nbytes () + in.content.nbytes ();
  for (const torch::Tensor &s : in.styles)
    bytes += s.nbytes ();
  for (const auto &masks : { in.regions.content, in.regions.source })
    for (const torch::Tensor &m : masks)
      bytes += m.defined () ? m.nbytes () : 0;
  return bytes + 2 * int64_t (content.width) * content.height * 3 * 4;
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

// A run before it starts: its parameters, network and inputs, its levels
// and their memory plan.
struct Prepared
{
  NstParams                params;
  Vgg19                    vgg;
  Inputs                   inputs;
  std::vector<Level>       levels;
  std::vector<LevelMemory> memory;
  int64_t                  budget;
};

Prepared
prepare (NstJob          &job,
         const NstImage  *content,
         const NstImage  *styles,
         const double    *style_blend,
         int              n_styles,
         const NstParams *params)
{
  NstParams p   = checked_params (params);
  Vgg19     vgg = network (*job.model, p.precision);
  check_image (content, _ ("The content image"));
  Inputs in = prepare_inputs (content, styles, style_blend, n_styles, p,
                              vgg.device (), job.regions);
  std::vector<Level> levels
      = plan_levels (content->width, content->height, p, job.style_frame_width,
                     job.style_frame_height);
  int64_t            in_use = memory_in_use (vgg.device ());
  int64_t            budget = memory_budget (p.memory, vgg.device (), in_use);
  std::vector<LevelMemory> memory
      = plan_memory (levels, n_styles, region_count (in),
                     p.optimizer == NST_OPTIMIZER_LBFGS, in_use,
                     fixed_bytes (in, *content), budget);
  return { p,         std::move (vgg),    std::move (in),
           std::move (levels), std::move (memory), budget };
}

// The longest edge of the image nst_job_plan () times evaluations on.
constexpr int64_t probe_edge = 256;

// Seconds an evaluation takes here per pixel: the second of two
// evaluations (the first sets up the convolutions) at the coarsest
// level's size, shrunk to probe_edge.
double
seconds_per_pixel (const Prepared &run)
{
  Level  probe = run.levels[0];
  double f = std::min (1.0, double (probe_edge)
                                / double (std::max (probe.width, probe.height)));
  auto   side = [f] (int64_t n) {
    return std::max<int64_t> (NST_MIN_SIDE, std::llround (double (n) * f));
  };
  probe.width        = side (probe.width);
  probe.height       = side (probe.height);
  probe.style_width  = side (probe.style_width);
  probe.style_height = side (probe.style_height);

  Normalisation norm (run.vgg.device ());
  Targets       targets = level_targets (run.vgg, norm, run.inputs, probe);
  torch::Tensor x
      = norm.normalise (resize (run.inputs.content, probe.height, probe.width));
  double seconds = 0;
  for (int i = 0; i < 2; i++)
    {
      Clock::time_point start = Clock::now ();
      // item () waits for a GPU to finish.
      losses_and_gradient (run.vgg, norm, x, targets,
                           loss_weights (run.params), {})
          .grad.sum ()
          .item<float> ();
      seconds = std::chrono::duration<double> (Clock::now () - start).count ();
    }
  return seconds / double (probe.width * probe.height);
}

// seconds_per_pixel () of `run`, timed once per model and activation type;
// without `measure`, 0 where no plan has timed it yet.
double
model_seconds_per_pixel (const NstModel &model, const Prepared &run,
                         bool measure = true)
{
  const c10::ScalarType type
      = activation_type (run.params.precision, model.vgg.device ());
  std::lock_guard<std::mutex> lock (model.timing_lock);
  auto                        known = model.seconds_per_pixel.find (type);
  if (known != model.seconds_per_pixel.end ())
    return known->second;
  if (! measure)
    return 0;
  const double seconds          = seconds_per_pixel (run);
  model.seconds_per_pixel[type] = seconds;
  return seconds;
}

} // namespace

NstPlan
plan_job (NstJob          &job,
          const NstImage  *content,
          const NstImage  *styles,
          const double    *style_blend,
          int              n_styles,
          const NstParams *params,
          bool             measure)
{
  Prepared run = prepare (job, content, styles, style_blend, n_styles, params);
  double   per_pixel = measure ? model_seconds_per_pixel (*job.model, run) : 0;
  if (run.levels.size () > NST_PLAN_LEVELS)
    throw Error (NST_ERROR_INTERNAL, "NstPlan has no room for every level: "
                                     "raise NST_PLAN_LEVELS.");
  NstPlan plan{};
  plan.levels       = int (run.levels.size ());
  plan.budget_bytes = double (run.budget);
  for (size_t i = 0; i < run.levels.size (); i++)
    {
      const Level       &l = run.levels[i];
      const LevelMemory &m = run.memory[i];
      NstLevelPlan      &o = plan.level[i];
      o.width       = int (l.width);
      o.height      = int (l.height);
      o.evaluations = l.evaluations;
      o.tile        = int (m.tile);
      o.tiles       = m.tile ? int (plan_tiles (l.height, l.width, m.tile).size ())
                             : 1;
      o.history    = m.history;
      o.peak_bytes = double (m.peak_bytes);
      o.seconds    = per_pixel * l.evaluations
                  * double (evaluation_work (l.height, l.width, m.tile));
    }
  return plan;
}

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
  check_image (content, _ ("The content image"));
  check_result (result, content, _ ("The result image"), false);
  Prepared run = prepare (job, content, styles, style_blend, n_styles, params);
  const NstParams                &p      = run.params;
  const Vgg19                    &vgg    = run.vgg;
  const Inputs                   &in     = run.inputs;
  const std::vector<Level>       &levels = run.levels;
  const std::vector<LevelMemory> &memory = run.memory;

  state.cancel        = &job.cancel_requested;
  state.progress      = progress;
  state.user_data     = user_data;
  state.preview_every = p.preview_every;
  state.evaluations   = 0;
  for (size_t i = 0; i < levels.size (); i++)
    {
      const Level &l = levels[i];
      state.evaluations += l.evaluations;
      state.work_planned
          += l.evaluations * evaluation_work (l.height, l.width, memory[i].tile);
    }
  state.scales    = int (levels.size ());
  state.time_left = TimeLeft (
      levels, memory, model_seconds_per_pixel (*job.model, run, false), state.start);

  Normalisation norm (vgg.device ());
  Bounds        bounds{ norm.normalise (torch::zeros_like (norm.mean)),
                 norm.normalise (torch::ones_like (norm.mean)) };
  torch::Tensor adam_lr = adam_pixel_lr / norm.std;

  torch::Tensor pixels; // the best image of the last scale run
  for (size_t i = 0; i < levels.size () && ! state.stopped; i++)
    {
      const Level  &l       = levels[i];
      const int64_t tile    = memory[i].tile;
      Targets       targets = level_targets (vgg, norm, in, l, tile);
      torch::Tensor start   = i == 0 ? start_image (in, p, l)
                                     : resize (pixels, l.height, l.width);
      torch::Tensor x       = norm.normalise (start).contiguous ();
      torch::Tensor chroma;
      if (p.preserve_colors == NST_PRESERVE_COLORS_LUMINANCE)
        chroma = resize (in.content_rgb, l.height, l.width);
      RunObjective f (vgg, norm, targets, loss_weights (p), x,
                      chroma.defined () ? &chroma : nullptr, int (i) + 1, l,
                      tile, state);
      if (p.optimizer == NST_OPTIMIZER_ADAM)
        run_adam (x, bounds, adam_lr, f);
      else
        run_lbfgs (x, bounds, f, memory[i].history);
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
                                    vgg.device (), job.regions);
  // The content's own size, whatever params.size says: the finest level.
  p.size   = 0;
  p.scales = 1;
  Level l  = plan_levels (content->width, content->height, p).back ();

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
