/* stylise.c: the run itself.  Cheap checks come first (can we write the
 * output? are the pictures readable?) so that mistakes show up before the
 * weights are loaded, not after a long run. */
#include "stylise.h"

#include "image-io.h"
#include "interrupt.h"
#include "mask.h"
#include "plan.h"
#include "progress.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct
{
  const CliOptions *options;
  CliProgress      *progress;
  FILE             *log;
  char             *error; /* set by the callback, which then stops the run */
} RunState;

/* "out.png" -> "out-0010.png" (working-size snapshots); caller frees. */
static char *
snapshot_path (const char *output, int evaluation)
{
  size_t length = strlen (output);
  if (length > 4 && strcasecmp (output + length - 4, ".png") == 0)
    length -= 4;
  return cli_format ("%.*s-%04d.png", (int) length, output, evaluation);
}

static int
on_progress (const NstProgress *p, void *user_data)
{
  RunState         *state   = user_data;
  const CliOptions *options = state->options;

  /* Created once the run has started: a run that fails before leaves an
   * existing file as it was. */
  if (options->log_json && ! state->log)
    {
      state->log = fopen (options->log_json, "w");
      if (! state->log)
        {
          state->error = cli_format ("cannot write the log '%s': %s; choose "
                                     "another --log-json file",
                                     options->log_json, strerror (errno));
          return 0;
        }
    }
  if (state->log && progress_log_json (state->log, p) < 0)
    {
      state->error = cli_format ("cannot write the log '%s': %s",
                                 options->log_json, strerror (errno));
      return 0;
    }
  if (options->save_every > 0 && p->image
      && p->evaluation % options->save_every == 0)
    {
      char *path  = snapshot_path (options->output, p->evaluation);
      char *error = NULL;
      if (image_save_png (path, p->image, NULL, &error) < 0)
        state->error = error;
      free (path);
      if (state->error)
        return 0;
    }
  progress_update (state->progress, p);
  return ! interrupt_stop_requested ();
}

static void
free_image (NstImage *image)
{
  free (image->pixels);
  image->pixels = NULL;
}

/* Reports `status` (freeing it); returns the exit status for it. */
static int
engine_failed (NstStatus *status)
{
  cli_error ("%s", nst_status_message (status));
  nst_status_free (status);
  return CLI_EXIT_FAILURE;
}

static int
stylise (const CliOptions *options,
         const NstImage   *content,
         const NstImage   *styles,
         const CliRegions *regions,
         NstModel         *model,
         FILE            **log,
         NstImage         *result)
{
  RunState state = { options, progress_new (options->quiet), *log, NULL };
  if (! state.progress)
    {
      cli_error ("out of memory");
      return CLI_EXIT_FAILURE;
    }
  int        exit_status = CLI_EXIT_FAILURE;
  NstJob    *job         = NULL;
  NstStatus *status      = NULL;

  status = nst_job_new (model, &job);
  if (! status)
    status = regions_apply (regions, options->n_styles, job);
  if (status)
    {
      exit_status = engine_failed (status);
      goto done;
    }
  if (interrupt_stop_requested ())
    {
      cli_error ("interrupted before the run started; nothing written");
      exit_status = CLI_EXIT_CANCELLED;
      goto done;
    }

  interrupt_set_job (job);
  status = nst_job_run (job, content, styles, options->style_blend,
                        options->n_styles, &options->params, on_progress,
                        &state, result);
  interrupt_set_job (NULL);

  if (interrupt_cancel_requested () || status || state.error)
    progress_finish (state.progress, PROGRESS_FAILED);
  else
    progress_finish (state.progress, interrupt_stop_requested ()
                                         ? PROGRESS_STOPPED
                                         : PROGRESS_DONE);
  if (interrupt_cancel_requested ())
    {
      nst_status_free (status);
      cli_error ("cancelled; nothing written");
      exit_status = CLI_EXIT_CANCELLED;
    }
  else if (status)
    exit_status = engine_failed (status);
  else if (state.error)
    cli_error ("%s", state.error);
  else
    exit_status = CLI_EXIT_OK;

done:
  *log = state.log;
  free (state.error);
  nst_job_free (job);
  progress_free (state.progress);
  return exit_status;
}

/* Whether the log could be written, checked without creating or
 * truncating it: a wrong name shows up before the weights are loaded. */
static int
log_check_writable (const char *path, char **error)
{
  const char *slash = strrchr (path, '/');
  char       *dir = slash ? cli_format ("%.*s", (int) (slash - path + 1), path)
                          : cli_format (".");
  int         ok  = access (path, F_OK) == 0 ? access (path, W_OK) == 0
                                             : access (dir, W_OK | X_OK) == 0;
  if (! ok)
    *error = cli_format ("cannot write the log '%s': %s; choose another "
                         "--log-json file",
                         path, strerror (errno));
  free (dir);
  return ok ? 0 : -1;
}

int
stylise_run (const CliOptions *options)
{
  int        exit_status  = CLI_EXIT_FAILURE;
  char      *error        = NULL;
  char      *weights_path = NULL;
  NstModel  *model        = NULL;
  FILE      *log          = NULL;
  NstImage   content = { 0 }, result = { 0 };
  CliRegions regions = { 0 };
  NstImage  *styles  = calloc ((size_t) options->n_styles, sizeof (NstImage));
  if (! styles)
    {
      cli_error ("out of memory");
      return CLI_EXIT_FAILURE;
    }

  interrupt_install (options->quiet);
  if ((options->output && image_check_writable (options->output, &error) < 0)
      || image_load (options->content, 1, &content, &error) < 0)
    goto done;
  /* Styles drop their alpha: transparency is not a style. */
  for (int i = 0; i < options->n_styles; i++)
    if (image_load (options->styles[i], 0, &styles[i], &error) < 0)
      goto done;
  if (regions_load (options, &content, styles, &regions, &error) < 0)
    goto done;

  if (options->log_json && strcmp (options->log_json, "-") == 0)
    log = stdout;
  else if (options->log_json
           && log_check_writable (options->log_json, &error) < 0)
    goto done;

  NstStatus *status = nst_weights_find (options->weights, &weights_path);
  if (! status)
    status = nst_model_load (weights_path, options->params.device, &model);
  if (status)
    {
      exit_status = engine_failed (status);
      goto done;
    }
  if (interrupt_cancel_requested ())
    {
      cli_error ("cancelled; nothing written");
      exit_status = CLI_EXIT_CANCELLED;
      goto done;
    }
  if (! options->quiet)
    fprintf (stderr, "Using weights %s on %s\n", weights_path,
             nst_model_device_name (model));
  if (options->plan)
    {
      exit_status = plan_print (options, &content, styles, &regions, model);
      goto done;
    }

  result        = content;
  result.stride = (size_t) content.width * content.channels;
  result.pixels = malloc (result.stride * content.height * sizeof (float));
  if (! result.pixels)
    {
      error = cli_format ("not enough memory for a %d x %d result",
                          content.width, content.height);
      goto done;
    }

  exit_status
      = stylise (options, &content, styles, &regions, model, &log, &result);
  if (exit_status != CLI_EXIT_OK)
    goto done;
  int saved = image_save_png (options->output, &result,
                              interrupt_cancel_requested, &error);
  if (saved == 1)
    {
      cli_error ("cancelled; nothing written");
      exit_status = CLI_EXIT_CANCELLED;
    }
  else if (saved < 0)
    exit_status = CLI_EXIT_FAILURE;
  else if (! options->quiet)
    fprintf (stderr, "Wrote %s (%d x %d)\n", options->output, result.width,
             result.height);

done:
  if (log && log != stdout && fclose (log) != 0 && exit_status == CLI_EXIT_OK)
    error = cli_format ("cannot write the log '%s': %s", options->log_json,
                        strerror (errno));
  if (error)
    {
      cli_error ("%s", error);
      exit_status = exit_status == CLI_EXIT_OK ? CLI_EXIT_FAILURE : exit_status;
    }
  free (error);
  free_image (&result);
  free_image (&content);
  for (int i = 0; i < options->n_styles; i++)
    free_image (&styles[i]);
  free (styles);
  regions_free (&regions, options->n_styles);
  nst_model_free (model);
  nst_free (weights_path);
  return exit_status;
}
