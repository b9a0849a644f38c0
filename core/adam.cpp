// adam.cpp: Adam, written out so that the learning rate can differ per
// channel: the engine wants a step of 0.02 in pixel units, which is
// 0.02/std[c] in the normalised space it optimises.  Same update as
// torch.optim.Adam (PyTorch 1.13, amsgrad off, no weight decay).
// Clamping after each step is safe here, unlike under L-BFGS: Adam keeps
// no curvature pairs.

#include "optim.hpp"

#include <torch/torch.h>

#include <cmath>

namespace nst
{

void
run_adam (torch::Tensor       &x,
          const Bounds        &bounds,
          const torch::Tensor &lr,
          Objective           &f)
{
  constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  torch::Tensor    exp_avg    = torch::zeros_like (x);
  torch::Tensor    exp_avg_sq = torch::zeros_like (x);
  for (int step = 1;; step++)
    {
      Evaluation e = f.evaluate (x);
      if (f.finished ())
        return;
      exp_avg.mul_ (beta1).add_ (e.grad, 1 - beta1);
      exp_avg_sq.mul_ (beta2).addcmul_ (e.grad, e.grad, 1 - beta2);
      double        bias_correction1 = 1 - std::pow (beta1, step);
      double        bias_correction2 = 1 - std::pow (beta2, step);
      torch::Tensor denom
          = (exp_avg_sq.sqrt () / std::sqrt (bias_correction2)).add_ (eps);
      x.addcmul_ (exp_avg / denom, lr, -1 / bias_correction1);
      x.clamp_ (bounds.lo, bounds.hi);
    }
}

} // namespace nst
