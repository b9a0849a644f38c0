// time-left.hpp: the time left in a run (NstProgress.seconds_left),
// predicted level by level from the costs of the run's own evaluations.

#ifndef NST_TIME_LEFT_HPP
#define NST_TIME_LEFT_HPP

#include "inputs.hpp"
#include "memory.hpp"

#include <chrono>
#include <vector>

namespace nst
{

// The time left in a run, level by level, from the costs of its
// evaluations so far: the time since the start holds the setup, and a
// coarse level's evaluations cost more per pixel than a fine one's (fixed
// costs per network pass), so extrapolating it by the work done
// overestimates.
class TimeLeft
{
public:
  TimeLeft () = default;
  TimeLeft (const std::vector<Level>             &levels,
            const std::vector<LevelMemory>       &memory,
            double                                per_pixel,
            std::chrono::steady_clock::time_point start);

  // Records the end of the `made`th evaluation of level `level`.
  void
  evaluated (size_t level, int made, std::chrono::steady_clock::time_point now);
  // Seconds until the last planned evaluation ends.
  double seconds (size_t level, int made) const;

private:
  struct LevelTime
  {
    int64_t work, tiles; // per evaluation
    int     evaluations;
    // From the previous level's last evaluation (or the start) to the end
    // of this level's first: its setup and warm-up included.
    double first = 0;
    // The later evaluations' seconds.  Their median is the level's cost:
    // a pause of the machine's (another program, swapping) is not.
    std::vector<double> later;
    double              cost () const;
  };

  double cost (size_t level) const;
  double setup_share () const;

  std::vector<LevelTime> levels_;
  double                 per_pixel_ = 0;       // the model's timing; 0: none
  std::chrono::steady_clock::time_point last_; // the previous evaluation's end
};

} // namespace nst

#endif
