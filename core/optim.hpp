// optim.hpp: the optimisers, on an image tensor kept inside box bounds.
#pragma once

#include <torch/types.h>

namespace nst
{

// One evaluation of the objective.
struct Evaluation
{
  double        loss;
  double        grad_abs_max; // max |grad|, read back with the loss in one copy
  torch::Tensor grad;         // d(loss)/dx, shaped like x, not aliasing it
};

// The function being minimised.  It owns the evaluation budget: the
// optimisers evaluate until finished () says so.
class Objective
{
public:
  virtual ~Objective ()                                = default;
  virtual Evaluation evaluate (const torch::Tensor &x) = 0;
  // True once no further evaluation may be made (budget spent, or the
  // caller asked to stop).
  virtual bool finished () const = 0;
};

// Per-channel box, 1×3×1×1 tensors on x's device.
struct Bounds
{
  torch::Tensor lo, hi;
};

// torch.optim.LBFGS's history size, the article's.
constexpr int lbfgs_full_history = 100;

// Projected L-BFGS: torch.optim.LBFGS.step (PyTorch 1.13; lr 1, max_iter
// 20, max_eval 25, tolerance_grad 1e-7, tolerance_change 1e-9, no line
// search) called until `f` is finished, with the update projected onto the
// bounds and the actual displacement used as the curvature pair's s.
// `history` pairs are kept: torch's 100 unless memory is short
// (memory.hpp).  x (1×3×H×W, contiguous) is updated in place.
void run_lbfgs (torch::Tensor &x,
                const Bounds  &bounds,
                Objective     &f,
                int            history = lbfgs_full_history);

// torch.optim.Adam (betas 0.9, 0.999, eps 1e-8) with a per-channel
// learning rate `lr` (1×3×1×1), x clamped to the bounds after each step.
void run_adam (torch::Tensor       &x,
               const Bounds        &bounds,
               const torch::Tensor &lr,
               Objective           &f);

} // namespace nst
