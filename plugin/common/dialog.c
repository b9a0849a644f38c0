/* dialog.c: the dialog's run cycle, for both toolkits. */

#include <glib/gi18n-lib.h>

#include "dialog.h"

static void
machine_enter (NspDialogMachine *m, NspDialogState state)
{
  m->state = state;
  m->state_changed (state, m->ui);
}

static void
machine_finish (NspDialogMachine *m, gboolean kept)
{
  m->kept = kept;
  machine_enter (m, NSP_DIALOG_DONE);
  g_main_loop_quit (m->loop);
}

static void
machine_back_to_editing (NspDialogMachine *m, const gchar *message)
{
  m->run = NULL;
  machine_enter (m, NSP_DIALOG_EDITING);
  m->show_error (message, m->ui);
}

/* The plug-in's report, on the main thread. */
static void
machine_run_finished (gboolean success, const gchar *message, gpointer data)
{
  NspDialogMachine *m     = data;
  NspDialogState    state = m->state;

  m->run = NULL;
  if (success)
    machine_finish (m, TRUE);
  else if (! message
           && (state == NSP_DIALOG_CANCELLING || state == NSP_DIALOG_STOPPING))
    machine_finish (m, FALSE);
  else
    machine_back_to_editing (m,
                             message ? message : _ ("The run was cancelled."));
}

void
nsp_dialog_machine_init (NspDialogMachine     *m,
                         const NspDialogHooks *hooks,
                         NspDialogStateFunc    state_changed,
                         NspDialogErrorFunc    show_error,
                         NspRunProgressFunc    progress,
                         gpointer              ui)
{
  *m = (NspDialogMachine){ hooks, state_changed,      show_error, progress,
                           ui,    NSP_DIALOG_EDITING, NULL,       FALSE,
                           NULL };
}

gboolean
nsp_dialog_machine_run (NspDialogMachine *m)
{
  m->loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (m->loop);
  g_clear_pointer (&m->loop, g_main_loop_unref);
  return m->kept;
}

void
nsp_dialog_machine_ok (NspDialogMachine *m, const NspValues *values)
{
  gchar   *error = NULL;
  gpointer run;

  if (m->state != NSP_DIALOG_EDITING)
    return;

  m->show_error (NULL, m->ui);
  machine_enter (m, NSP_DIALOG_RUNNING);

  run = m->hooks->run_start (values, machine_run_finished, m,
                             m->hooks->user_data, &error);
  if (! run)
    {
      /* Unless machine_run_finished () already said why. */
      if (m->state == NSP_DIALOG_RUNNING)
        machine_back_to_editing (m, error ? error
                                          : _ ("The run could not start."));
      g_free (error);
    }
  else if (m->state != NSP_DIALOG_EDITING && m->state != NSP_DIALOG_DONE)
    {
      m->run = run;
      if (m->progress)
        m->hooks->run_watch (run, m->progress, m->ui);
    }
}

void
nsp_dialog_machine_stop (NspDialogMachine *m)
{
  if (m->state != NSP_DIALOG_RUNNING || ! m->run)
    return;
  machine_enter (m, NSP_DIALOG_STOPPING);
  m->hooks->run_stop (m->run);
}

void
nsp_dialog_machine_cancel (NspDialogMachine *m)
{
  if (m->state == NSP_DIALOG_EDITING)
    {
      machine_finish (m, FALSE);
    }
  else if ((m->state == NSP_DIALOG_RUNNING || m->state == NSP_DIALOG_STOPPING)
           && m->run)
    {
      /* Leave the image as it was; the loop ends in
       * machine_run_finished (). */
      machine_enter (m, NSP_DIALOG_CANCELLING);
      m->hooks->run_cancel (m->run);
    }
}

gint
nsp_lines_height (PangoContext *context, gint lines)
{
  PangoLayout *layout = pango_layout_new (context);
  gint         height;

  pango_layout_set_text (layout, "Xg", -1);
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);
  return height * lines;
}
