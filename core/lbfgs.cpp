// lbfgs.cpp: projected L-BFGS.
//
// A line-by-line transcription of torch.optim.LBFGS.step (PyTorch 1.13,
// torch/optim/lbfgs.py) with line_search_fn=None, called repeatedly with
// its state kept, as the article's `while run[0] < max_epochs:
// optimizer.step(step_fn)`.  Two changes, shared with the Python reference
// in tests/:
//  1. The update x += t·d becomes x = clamp(x + t·d, lo, hi), and where
//     torch then uses the step d·t (the next curvature pair's s, and the
//     lack-of-progress test) the actual displacement x_new − x_old is used:
//     the pairs stay true secant pairs, which clamping inside the closure
//     (the PyTorch tutorial's way) breaks.
//  2. Evaluation stops as soon as the objective is finished, even inside
//     a step (the article only checks between steps).
// Scalars that torch keeps as 0-dim tensors stay tensors here, so the
// two-loop recursion needs no device-to-host copy per history entry.

#include "optim.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <deque>

namespace nst
{
namespace
{

constexpr double lr               = 1.0;
constexpr int    max_iter         = 20;
constexpr int    max_eval         = 25; // max_iter * 5 / 4, torch's default
constexpr double tolerance_grad   = 1e-7;
constexpr double tolerance_change = 1e-9;

class Lbfgs
{
public:
  Lbfgs (const Bounds &bounds, size_t history)
      : bounds_ (bounds), history_ (history)
  {
  }
  void step (torch::Tensor &x, Objective &f);

private:
  void direction (const torch::Tensor &flat_grad);

  Bounds bounds_;
  size_t history_;
  // torch's self.state, kept across step () calls.
  long                       n_iter_ = 0;
  torch::Tensor              d_, s_, h_diag_, prev_flat_grad_;
  double                     prev_loss_ = 0;
  std::deque<torch::Tensor>  old_dirs_, old_stps_, ro_;
  std::vector<torch::Tensor> al_;
};

// d = −H·g from the history, updating it with the last pair first.
void
Lbfgs::direction (const torch::Tensor &flat_grad)
{
  torch::Tensor y  = flat_grad.sub (prev_flat_grad_);
  torch::Tensor ys = y.dot (s_);
  if (ys.item<float> () > 1e-10)
    {
      if (old_dirs_.size () == history_)
        {
          old_dirs_.pop_front ();
          old_stps_.pop_front ();
          ro_.pop_front ();
        }
      old_dirs_.push_back (y);
      old_stps_.push_back (s_);
      ro_.push_back (ys.reciprocal ());
      h_diag_ = ys / y.dot (y);
    }

  size_t num_old = old_dirs_.size ();
  al_.resize (history_);
  torch::Tensor q = flat_grad.neg ();
  for (size_t i = num_old; i-- > 0;)
    {
      al_[i] = old_stps_[i].dot (q) * ro_[i];
      q.addcmul_ (old_dirs_[i], al_[i], -1);
    }
  torch::Tensor r = torch::mul (q, h_diag_);
  for (size_t i = 0; i < num_old; i++)
    {
      torch::Tensor be_i = old_dirs_[i].dot (r) * ro_[i];
      r.addcmul_ (old_stps_[i], al_[i] - be_i);
    }
  d_ = r;
}

void
Lbfgs::step (torch::Tensor &x, Objective &f)
{
  torch::Tensor x_flat = x.view (-1);
  Evaluation    e      = f.evaluate (x);
  if (f.finished ())
    return;
  double        loss          = e.loss;
  torch::Tensor flat_grad     = e.grad.reshape (-1);
  int           current_evals = 1;
  bool          opt_cond      = e.grad_abs_max <= tolerance_grad;
  if (opt_cond)
    return;

  int n_iter = 0;
  while (n_iter < max_iter)
    {
      n_iter++;
      n_iter_++;

      if (n_iter_ == 1)
        {
          d_ = flat_grad.neg ();
          old_dirs_.clear ();
          old_stps_.clear ();
          ro_.clear ();
          h_diag_ = torch::ones ({}, flat_grad.options ());
        }
      else
        direction (flat_grad);

      if (! prev_flat_grad_.defined ())
        prev_flat_grad_ = flat_grad.clone ();
      else
        prev_flat_grad_.copy_ (flat_grad);
      prev_loss_ = loss;

      double t = lr;
      if (n_iter_ == 1)
        t = std::min (1.0,
                      double ((1.0 / flat_grad.abs ().sum ()).item<float> ()))
            * lr;

      double gtd = flat_grad.dot (d_).item<float> ();
      if (gtd > -tolerance_change)
        {
          // No move: the next pair's displacement is zero (and skipped).
          s_ = torch::zeros_like (x_flat);
          break;
        }

      // Projected step; s is what x really moved.
      torch::Tensor s = x_flat.clone ();
      x_flat.add_ (d_, t);
      x.clamp_ (bounds_.lo, bounds_.hi);
      s_ = s.sub_ (x_flat).neg_ ();

      int ls_func_evals = 0;
      if (n_iter != max_iter)
        {
          e = f.evaluate (x);
          if (f.finished ())
            return;
          loss          = e.loss;
          flat_grad     = e.grad.reshape (-1);
          opt_cond      = e.grad_abs_max <= tolerance_grad;
          ls_func_evals = 1;
        }
      current_evals += ls_func_evals;

      if (n_iter == max_iter)
        break;
      if (current_evals >= max_eval)
        break;
      if (opt_cond)
        break;
      if (s_.abs ().max ().item<float> () <= tolerance_change)
        break;
      if (std::abs (loss - prev_loss_) < tolerance_change)
        break;
    }
}

} // namespace

void
run_lbfgs (torch::Tensor &x, const Bounds &bounds, Objective &f, int history)
{
  Lbfgs lbfgs (bounds, size_t (history));
  while (! f.finished ())
    lbfgs.step (x, f);
}

} // namespace nst
