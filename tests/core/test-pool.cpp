// test-pool.cpp: the engine's own 2×2 max pooling (core/pool.cpp) against
// ATen's max_pool2d: the same values and the same gradient, ties (flat
// image regions, dead ReLUs), NaNs and odd sizes included.  C++ because
// the kernel is internal; everything else is tested through the C API.

#include "pool.hpp"

#include <torch/torch.h>

#include <cmath>

#include "../check.h" // after libtorch's headers: see there

int
main ()
{
  torch::manual_seed (3);
  const char *names[] = { "random", "ties", "NaN" };
  for (int trial = 0; trial < 3; trial++)
    {
      torch::Tensor x = torch::rand ({ 1, 5, 13, 10 });
      if (trial == 1)
        x = torch::floor (x * 3) / 3;
      if (trial == 2)
        {
          x = torch::floor (x * 2);
          x.index_put_ ({ 0, 1, 3, 4 }, NAN);
          x.index_put_ ({ 0, 2, 0, 0 }, NAN);
          x.index_put_ ({ 0, 2, 1, 1 }, NAN);
        }
      torch::Tensor a  = x.clone ().requires_grad_ (true);
      torch::Tensor b  = x.clone ().requires_grad_ (true);
      torch::Tensor ya = nst::max_pool_2x2 (a);
      torch::Tensor yb = at::max_pool2d (b, { 2, 2 }, { 2, 2 });
      torch::Tensor go = torch::rand (ya.sizes ());
      torch::Tensor ga = torch::autograd::grad ({ ya }, { a }, { go })[0];
      torch::Tensor gb = torch::autograd::grad ({ yb }, { b }, { go })[0];
      bool          same_values = ya.sizes () == yb.sizes ()
                         && torch::equal (ya.isnan (), yb.isnan ())
                         && torch::equal (torch::nan_to_num (ya, 9),
                                          torch::nan_to_num (yb, 9));
      CHECK (same_values && torch::equal (ga, gb),
             "%s input: the %s differ from ATen's", names[trial],
             same_values ? "gradients" : "values");
    }
  return 0;
}
