// weights-dump: what the loader read, for exact comparison in Python.
//
//   weights-dump PATH DEEPEST OUT
//
// Loads features.0 … features.DEEPEST with nst::load_vgg19_convs, prints
// the feature index of every convolution read, one per line, and writes
// each one's weight then bias to OUT as raw float32.  The C API hides the
// tensors, so this is the one way to check the values, not just success.

#include "status.hpp"
#include "weights.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

int
main (int argc, char **argv)
{
  if (argc != 4)
    {
      std::fprintf (stderr, "usage: %s PATH DEEPEST OUT\n", argv[0]);
      return 2;
    }
  try
    {
      auto convs = nst::load_vgg19_convs (argv[1], std::atoi (argv[2]));
      std::ofstream out (argv[3], std::ios::binary);
      for (const nst::ConvWeights &c : convs)
        {
          std::printf ("%d\n", c.feature_index);
          for (const torch::Tensor &t : { c.weight, c.bias })
            {
              if (t.scalar_type () != torch::kFloat || !t.is_contiguous ())
                {
                  std::fprintf (stderr,
                                "features.%d: not contiguous "
                                "float32\n",
                                c.feature_index);
                  return 1;
                }
              out.write (static_cast<const char *> (t.data_ptr ()),
                         t.numel () * sizeof (float));
            }
        }
      return out ? 0 : 1;
    }
  catch (const nst::Error &e)
    {
      std::printf ("error %s\n%s\n",
                   e.code () == NST_ERROR_WEIGHTS ? "NST_ERROR_WEIGHTS"
                                                  : "another code",
                   e.what ());
      return 1;
    }
}
