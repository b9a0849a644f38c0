// time-left.cpp: see time-left.hpp.

#include "time-left.hpp"

#include "tiles.hpp"

#include <algorithm>

namespace nst
{

TimeLeft::TimeLeft (const std::vector<Level>             &levels,
                    const std::vector<LevelMemory>       &memory,
                    double                                per_pixel,
                    std::chrono::steady_clock::time_point start)
    : per_pixel_ (per_pixel), last_ (start)
{
  for (size_t i = 0; i < levels.size (); i++)
    {
      const Level  &l    = levels[i];
      const int64_t tile = memory[i].tile;
      levels_.push_back (
          { evaluation_work (l.height, l.width, tile),
            tile ? int64_t (plan_tiles (l.height, l.width, tile).size ()) : 1,
            l.evaluations,
            0,
            {} });
    }
}

void
TimeLeft::evaluated (size_t                                level,
                     int                                   made,
                     std::chrono::steady_clock::time_point now)
{
  const double seconds = std::chrono::duration<double> (now - last_).count ();
  last_                = now;
  LevelTime &l         = levels_[level];
  if (made == 1)
    l.first = seconds;
  else
    l.later.push_back (seconds);
}

double
TimeLeft::LevelTime::cost () const
{
  std::vector<double> sorted = later;
  const size_t        middle = sorted.size () / 2;
  std::nth_element (sorted.begin (), sorted.begin () + middle, sorted.end ());
  return sorted[middle];
}

// The seconds of one of a level's evaluations after its first: measured,
// else fitted to the two latest levels measured as a fixed part per tile
// plus a part per pixel, else in proportion to the pixels.
double
TimeLeft::cost (size_t level) const
{
  const LevelTime &l = levels_[level];
  if (! l.later.empty ())
    return l.cost ();
  const LevelTime *a = nullptr, *b = nullptr; // b the latest
  for (const LevelTime &m : levels_)
    if (! m.later.empty ())
      {
        a = b;
        b = &m;
      }
  if (! b)
    {
      // Before the second evaluation: the model's timing where a plan
      // measured it, else the first evaluation, setup included.
      const double per_pixel
          = per_pixel_ > 0 ? per_pixel_
                           : levels_[0].first / double (levels_[0].work);
      return per_pixel * double (l.work);
    }
  if (a)
    {
      const double ta = double (a->tiles), wa = double (a->work);
      const double tb = double (b->tiles), wb = double (b->work);
      const double det = ta * wb - tb * wa;
      if (det != 0)
        {
          const double fixed     = (a->cost () * wb - b->cost () * wa) / det;
          const double per_pixel = (ta * b->cost () - tb * a->cost ()) / det;
          if (fixed >= 0 && per_pixel > 0)
            return fixed * double (l.tiles) + per_pixel * double (l.work);
        }
    }
  return b->cost () * double (l.work) / double (b->work);
}

// What a level's setup and first evaluation take beyond one of its later
// evaluations, in those: as in the latest level measured after the first
// (whose time holds the run's own setup too), else one evaluation (the
// targets are a network pass per image, and the first evaluation warms up).
double
TimeLeft::setup_share () const
{
  double share = 1;
  for (size_t i = 1; i < levels_.size (); i++)
    if (! levels_[i].later.empty () && levels_[i].cost () > 0)
      share = std::max (0.0, levels_[i].first / levels_[i].cost () - 1);
  return share;
}

double
TimeLeft::seconds (size_t level, int made) const
{
  const double setup = setup_share ();
  double       left  = (levels_[level].evaluations - made) * cost (level);
  for (size_t i = level + 1; i < levels_.size (); i++)
    left += (levels_[i].evaluations + setup) * cost (i);
  return left;
}

} // namespace nst
