/* progress.c: the progress bar, the plain progress lines and the JSON log. */
#include "progress.h"

#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Redraw the bar at most this often (seconds): tiny images evaluate faster
 * than a terminal wants to be written to. */
#define REDRAW_INTERVAL 0.1

struct CliProgress
{
  int         quiet;
  int         terminal;
  int         drawn;       /* a bar is on screen, without its newline */
  int         last_decile; /* plain lines: the last 10 % step printed */
  double      last_redraw; /* seconds */
  NstProgress last;        /* image not kept: valid only during the callback */
  int         seen;
  double      lowest; /* the result is the image of the lowest total */
};

CliProgress *
progress_new (int quiet)
{
  CliProgress *progress = calloc (1, sizeof *progress);
  if (! progress)
    return NULL;
  progress->quiet       = quiet;
  progress->terminal    = isatty (STDERR_FILENO);
  progress->last_redraw = -INFINITY;
  return progress;
}

void
progress_free (CliProgress *progress)
{
  free (progress);
}

/* "1:02:03" or "2:03". */
static void
format_duration (char *buf, size_t size, double seconds)
{
  long s = seconds > 0 && seconds < 1e9 ? lrint (seconds) : 0;
  if (s >= 3600)
    snprintf (buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    snprintf (buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* How many of `parts` the run has done, by the engine's cost-weighted
 * fraction (the slack keeps 0.3 × 10 from flooring to 2). */
static int
parts_done (const NstProgress *p, int parts)
{
  return (int) (p->fraction * parts + 1e-9);
}

static int
terminal_columns (void)
{
  struct winsize size;
  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 80;
}

/* " 12/350 [=====>        ]   3%  scale 1/1  loss 1.235e+05  ETA 0:42" */
static void
draw_bar (const NstProgress *p)
{
  char eta[32], tail[160];
  format_duration (eta, sizeof eta, p->seconds_left);
  int percent = parts_done (p, 100);
  int tail_length
      = snprintf (tail, sizeof tail, " %3d%%  scale %d/%d  loss %.4g  ETA %s",
                  percent, p->scale, p->scales, p->total, eta);
  char head[48];
  int  head_length
      = snprintf (head, sizeof head, "%d/%d ", p->evaluation, p->evaluations);
  int room  = terminal_columns () - 1 - head_length - tail_length;
  int width = room - 2 > 40 ? 40 : room - 2;

  fputs ("\r\033[K", stderr);
  if (room < 0)
    {
      fputs (head, stderr);
      fflush (stderr);
      return;
    }
  fputs (head, stderr);
  if (width >= 8)
    {
      int filled = parts_done (p, width);
      fputc ('[', stderr);
      for (int i = 0; i < width; i++)
        fputc (i < filled ? '=' : i == filled ? '>' : ' ', stderr);
      fputc (']', stderr);
    }
  fputs (tail, stderr);
  fflush (stderr);
}

void
progress_update (CliProgress *progress, const NstProgress *p)
{
  progress->last       = *p;
  progress->last.image = NULL;
  if (! progress->seen || p->total < progress->lowest)
    progress->lowest = p->total;
  progress->seen = 1;
  if (progress->quiet)
    return;

  if (progress->terminal)
    {
      if (p->seconds - progress->last_redraw >= REDRAW_INTERVAL
          || p->evaluation == p->evaluations)
        {
          draw_bar (p);
          progress->drawn       = 1;
          progress->last_redraw = p->seconds;
        }
      return;
    }

  /* Not a terminal (a log, a pipe): a line every 10 %, but not the last,
   * which progress_finish () sums up. */
  int decile = parts_done (p, 10);
  if (decile > progress->last_decile && p->evaluation < p->evaluations)
    {
      char eta[32];
      format_duration (eta, sizeof eta, p->seconds_left);
      fprintf (stderr,
               "Evaluation %d/%d (%d%%), scale %d/%d, loss %.4g, "
               "about %s left\n",
               p->evaluation, p->evaluations, parts_done (p, 100), p->scale,
               p->scales, p->total, eta);
      progress->last_decile = decile;
    }
}

void
progress_finish (CliProgress *progress, ProgressEnd end)
{
  if (progress->quiet)
    return;
  const NstProgress *p = &progress->last;
  if (progress->drawn)
    {
      draw_bar (p);
      fputc ('\n', stderr);
      progress->drawn = 0;
    }
  if (! progress->seen || end == PROGRESS_FAILED)
    return;
  char took[32];
  format_duration (took, sizeof took, p->seconds);
  if (end == PROGRESS_STOPPED)
    fprintf (stderr,
             "Stopped after %d of %d evaluations (%s), lowest loss %.6g\n",
             p->evaluation, p->evaluations, took, progress->lowest);
  else
    fprintf (stderr, "Done: %d evaluations in %s, lowest loss %.6g\n",
             p->evaluation, took, progress->lowest);
}

static void
json_number (FILE *log, const char *key, double value)
{
  if (isfinite (value))
    fprintf (log, ",\"%s\":%.9g", key, value);
  else
    fprintf (log, ",\"%s\":null", key);
}

int
progress_log_json (FILE *log, const NstProgress *p)
{
  fprintf (log,
           "{\"evaluation\":%d,\"evaluations\":%d,\"scale\":%d,"
           "\"scales\":%d",
           p->evaluation, p->evaluations, p->scale, p->scales);
  json_number (log, "total", p->total);
  json_number (log, "content", p->content);
  json_number (log, "style", p->style);
  json_number (log, "tv", p->tv);
  json_number (log, "seconds", p->seconds);
  fputs ("}\n", log);
  return fflush (log) == 0 && ! ferror (log) ? 0 : -1;
}
