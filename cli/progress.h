/* progress.h: what a run tells people (on stderr) and programs (JSON lines)
 * while it works. */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include "nst.h"

#include <stdio.h>

typedef struct CliProgress CliProgress;

/* On a terminal, a one-line bar redrawn in place; otherwise a plain line
 * about every 10 %; nothing when `quiet`.  Caller frees with
 * progress_free (). */
CliProgress *progress_new (int quiet);
void         progress_free (CliProgress *progress);

void progress_update (CliProgress *progress, const NstProgress *p);

typedef enum
{
  PROGRESS_DONE,    /* every evaluation ran */
  PROGRESS_STOPPED, /* stopped early by Ctrl-C; the result is kept */
  PROGRESS_FAILED   /* cancelled or failed: no summary, the error follows */
} ProgressEnd;

/* Ends the bar and sums up the run. */
void progress_finish (CliProgress *progress, ProgressEnd end);

/* One JSON object on one line: evaluation, evaluations, scale, scales,
 * total, content, style, tv, seconds; numbers as %.9g (null when not
 * finite, which JSON cannot spell).  Flushed.  Returns 0, or -1 when it
 * could not be written. */
int progress_log_json (FILE *log, const NstProgress *p);

#endif /* CLI_PROGRESS_H */
