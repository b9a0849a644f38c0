/* nst-dialog.c: the Neural Style dialog: assembles the style picker, the
 * preview and the parameter widgets, and runs the OK → progress → Stop /
 * Cancel cycle through the plug-in's hooks. */

#include "nst-dialog.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "nst-help.h"
#include "nst-param-widgets.h"
#include "nst-preview.h"
#include "nst-style-picker.h"

#define PLUG_IN_BINARY "gimp-neural-style"
#define PLUG_IN_ROLE   "gimp-neural-style"
#define HELP_ID        "plug-in-neural-style"
#define ERROR_LINES    3

enum
{
  RESPONSE_RESET = 1,
  RESPONSE_STOP  = 2
};

typedef enum
{
  STATE_EDITING,
  STATE_RUNNING,
  STATE_STOPPING,
  STATE_CANCELLING,
  STATE_DONE
} State;

typedef struct
{
  NstValues            *values;
  const NstDialogHooks *hooks;
  GtkWidget            *dialog;
  GtkWidget            *editable; /* insensitive while a run works */
  GtkWidget            *params;
  GtkWidget            *device_label;
  GtkWidget            *error_icon;
  GtkWidget            *error_slot;
  GtkWidget            *error_label;
  GtkWidget            *progress;
  GtkWidget            *ok;
  GtkWidget            *reset;
  GtkWidget            *stop;
  GtkWidget            *cancel;
  NstPreview           *preview;
  GMainLoop            *loop;
  State                 state;
  gpointer              run;
  gboolean              result;
} Dialog;

static void
dialog_finish (Dialog   *d,
               gboolean  result)
{
  d->result = result;
  d->state  = STATE_DONE;
  g_main_loop_quit (d->loop);
}

/* NULL clears the message.  Its slot keeps its size either way (see
 * dialog_build); the tooltip shows a long message whole. */
static void
dialog_show_error (Dialog      *d,
                   const gchar *message)
{
  GtkScrolledWindow *slot = GTK_SCROLLED_WINDOW (d->error_slot);
  GtkAdjustment     *vadj = gtk_scrolled_window_get_vadjustment (slot);

  gtk_label_set_text (GTK_LABEL (d->error_label), message ? message : "");
  /* Selectable only with text: an empty label would take the focus. */
  gtk_label_set_selectable (GTK_LABEL (d->error_label), message != NULL);
  gtk_widget_set_tooltip_text (d->error_label, message);
  gtk_widget_set_child_visible (d->error_icon, message != NULL);
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
}

static void
dialog_update_ok (Dialog *d)
{
  gtk_widget_set_sensitive (d->ok, nst_style_picker_ready (d->values));
}

static void
dialog_update_device (Dialog *d)
{
  gchar *device = d->hooks->device_describe (d->values->params.device,
                                             d->hooks->user_data);
  /* TRANSLATORS: %s is e.g. "CPU, 4 threads" or "NVIDIA H200 (CUDA)". */
  gchar *text = g_strdup_printf (_("Device: %s"), device ? device : "");

  gtk_label_set_text (GTK_LABEL (d->device_label), text);
  g_free (text);
  g_free (device);
}

static void
dialog_set_running (Dialog   *d,
                    gboolean  running)
{
  /* The buttons and the bar stay where they are, only their sensitivity
   * changes: a click meant for Cancel must not land on another button. */
  gtk_widget_set_sensitive (d->editable, ! running);
  gtk_widget_set_sensitive (d->reset, ! running);
  gtk_widget_set_sensitive (d->stop, running);
  gtk_widget_set_sensitive (d->cancel, TRUE);
  gtk_widget_set_sensitive (d->progress, running);
  if (running)
    gtk_widget_set_sensitive (d->ok, FALSE);
  else
    dialog_update_ok (d);
  gimp_help_set_help_data (d->cancel,
                           running ? _("Stop and leave the image as it was")
                                   : _("Close without changing the image"),
                           NULL);
  if (running)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), 0.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress),
                                 _("Starting…"));
      gtk_widget_grab_focus (d->stop);
    }
  else
    {
      /* As GimpProgressBar leaves it when a run ends: " " keeps the text's
       * line, so the bar keeps its height. */
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), 0.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress), " ");
    }
  nst_preview_suspend (d->preview, running);
}

static void
dialog_back_to_editing (Dialog      *d,
                        const gchar *message)
{
  d->state = STATE_EDITING;
  d->run   = NULL;
  dialog_set_running (d, FALSE);
  dialog_show_error (d, message);
}

/* The plug-in's report, on the main thread. */
static void
run_finished (gboolean     success,
              const gchar *message,
              gpointer     data)
{
  Dialog *d     = data;
  State   state = d->state;

  d->run = NULL;
  if (success)
    dialog_finish (d, TRUE);
  else if (! message && (state == STATE_CANCELLING || state == STATE_STOPPING))
    dialog_finish (d, FALSE);
  else
    dialog_back_to_editing (d, message ? message
                                       : _("The run was cancelled."));
}

static void
dialog_start_run (Dialog *d)
{
  gchar    *error = NULL;
  gpointer  run;

  dialog_show_error (d, NULL);
  d->state = STATE_RUNNING;
  dialog_set_running (d, TRUE);

  run = d->hooks->run_start (d->values, run_finished, d,
                             d->hooks->user_data, &error);
  if (! run)
    {
      /* Unless run_finished () already said why. */
      if (d->state == STATE_RUNNING)
        dialog_back_to_editing (d, error ? error
                                         : _("The run could not start."));
      g_free (error);
    }
  else if (d->state != STATE_EDITING && d->state != STATE_DONE)
    {
      d->run = run;
    }
}

static void
dialog_response (GtkWidget *widget,
                 gint       response,
                 Dialog    *d)
{
  switch (response)
    {
    case RESPONSE_RESET:
      if (d->state == STATE_EDITING)
        nst_param_widgets_reset (d->params);
      break;

    case GTK_RESPONSE_HELP:
      nst_help_show (GTK_WINDOW (d->dialog));
      break;

    case GTK_RESPONSE_OK:
      if (d->state == STATE_EDITING && nst_style_picker_ready (d->values))
        dialog_start_run (d);
      break;

    case RESPONSE_STOP:
      if (d->state == STATE_RUNNING && d->run)
        {
          d->state = STATE_STOPPING;
          gtk_widget_set_sensitive (d->stop, FALSE);
          d->hooks->run_stop (d->run);
        }
      break;

    default: /* Cancel, Escape, the window closed */
      if (d->state == STATE_EDITING)
        {
          dialog_finish (d, FALSE);
        }
      else if ((d->state == STATE_RUNNING || d->state == STATE_STOPPING) &&
               d->run)
        {
          d->state = STATE_CANCELLING;
          gtk_widget_set_sensitive (d->stop, FALSE);
          gtk_widget_set_sensitive (d->cancel, FALSE);
          d->hooks->run_cancel (d->run);
        }
      break;
    }
}

static void
param_changed (const NstParamInfo *info,
               gpointer            data)
{
  Dialog *d = data;

  dialog_show_error (d, NULL);
  if (info->offset == G_STRUCT_OFFSET (NstParams, device))
    dialog_update_device (d);
  if (info->engine_uses)
    nst_preview_invalidate (d->preview);
}

static void
styles_changed (gpointer data)
{
  Dialog *d = data;

  dialog_show_error (d, NULL);
  dialog_update_ok (d);
  nst_preview_invalidate (d->preview);
}

static void
dialog_help (const gchar *help_id,
             gpointer     help_data)
{
  nst_help_show (GTK_WINDOW (help_data));
}

static void
dialog_add_buttons (Dialog *d)
{
  GtkWidget *help;

  help = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _("_Help"),
                                 GTK_RESPONSE_HELP);
  gtk_button_box_set_child_secondary (
    GTK_BUTTON_BOX (gtk_dialog_get_action_area (GTK_DIALOG (d->dialog))),
    help, TRUE);
  gimp_help_set_help_data (help, _("Explain what each setting does"), NULL);

  d->reset  = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _("_Reset"),
                                      RESPONSE_RESET);
  d->stop   = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _("_Stop"),
                                      RESPONSE_STOP);
  d->cancel = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _("_Cancel"),
                                      GTK_RESPONSE_CANCEL);
  d->ok     = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _("_OK"),
                                      GTK_RESPONSE_OK);
  gtk_dialog_set_alternative_button_order (GTK_DIALOG (d->dialog),
                                           RESPONSE_RESET, RESPONSE_STOP,
                                           GTK_RESPONSE_OK,
                                           GTK_RESPONSE_CANCEL, -1);

  gimp_help_set_help_data (d->reset,
                           _("Put every setting back to its default"), NULL);
  gimp_help_set_help_data (d->stop,
                           _("Finish now and keep the result so far"), NULL);
  gimp_help_set_help_data (d->cancel,
                           _("Close without changing the image"), NULL);
  gimp_help_set_help_data (d->ok,
                           _("Paint the layer in the chosen style"), NULL);
  gtk_widget_set_sensitive (d->stop, FALSE);
}

/* The height of `lines` lines of `widget`'s text. */
static gint
lines_height (GtkWidget *widget,
              gint       lines)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, "Xg");
  gint         height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);
  return height * lines;
}

/* GTK 2 wraps a label at a width it guesses from the text, not at the
 * width the label gets: wrap the message at the slot's width, less a
 * scrollbar's whether one shows or not, so that the scrollbar coming and
 * going does not re-wrap the text. */
static void
error_slot_allocated (GtkWidget     *slot,
                      GtkAllocation *allocation,
                      Dialog        *d)
{
  GtkWidget      *vbar;
  GtkRequisition  bar;
  gint            spacing;
  gint            width;
  gint            old;

  vbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (slot));
  gtk_widget_size_request (vbar, &bar);
  gtk_widget_style_get (slot, "scrollbar-spacing", &spacing, NULL);
  width = MAX (allocation->width - bar.width - spacing, 1);
  gtk_widget_get_size_request (d->error_label, &old, NULL);
  if (width != old)
    gtk_widget_set_size_request (d->error_label, width, -1);
}

static GtkWidget *
dialog_build_left (Dialog *d,
                   gint32  image_id,
                   gint32  drawable_id)
{
  GtkWidget *vbox = gtk_vbox_new (FALSE, 12);
  GtkWidget *frame;

  gtk_box_pack_start (GTK_BOX (vbox), nst_preview_get_widget (d->preview),
                      FALSE, FALSE, 0);

  frame = gimp_frame_new (_("Style"));
  gtk_container_add (GTK_CONTAINER (frame),
                     nst_style_picker_new (d->values, image_id, drawable_id,
                                           styles_changed, d));
  gtk_box_pack_start (GTK_BOX (vbox), frame, FALSE, FALSE, 0);

  d->device_label = gtk_label_new (NULL);
  gtk_misc_set_alignment (GTK_MISC (d->device_label), 0.0, 1.0);
  gtk_label_set_line_wrap (GTK_LABEL (d->device_label), TRUE);
  gtk_widget_set_name (d->device_label, "device-label");
  gimp_help_set_help_data (d->device_label,
                           _("Where the computation runs; choose another "
                             "with the Device setting"),
                           NULL);
  gtk_box_pack_end (GTK_BOX (vbox), d->device_label, FALSE, FALSE, 0);
  dialog_update_device (d);

  return vbox;
}

static void
dialog_build (Dialog *d,
              gint32  image_id,
              gint32  drawable_id)
{
  GtkWidget *main_vbox;
  GtkWidget *frame;
  GtkWidget *error_bar;
  GtkWidget *viewport;

  d->dialog = gimp_dialog_new (_("Neural Style"), PLUG_IN_ROLE, NULL, 0,
                               dialog_help, HELP_ID, NULL);
  gtk_widget_set_name (d->dialog, "nst-dialog");
  dialog_add_buttons (d);
  gimp_window_set_transient (GTK_WINDOW (d->dialog));
  g_signal_connect (d->dialog, "response", G_CALLBACK (dialog_response), d);
  /* Closing the window is a response like Cancel (it may have to cancel a
   * run first); the window goes when nst_dialog_run () returns. */
  g_signal_connect (d->dialog, "delete-event", G_CALLBACK (gtk_true), NULL);

  main_vbox = gtk_vbox_new (FALSE, 12);
  gtk_container_set_border_width (GTK_CONTAINER (main_vbox), 12);
  gtk_box_pack_start (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (d->dialog))),
                      main_vbox, TRUE, TRUE, 0);

  d->editable = gtk_hbox_new (FALSE, 12);
  gtk_box_pack_start (GTK_BOX (main_vbox), d->editable, TRUE, TRUE, 0);

  d->preview = nst_preview_new (d->values, d->hooks);
  gtk_box_pack_start (GTK_BOX (d->editable),
                      dialog_build_left (d, image_id, drawable_id),
                      FALSE, FALSE, 0);

  frame = gimp_frame_new (_("Settings"));
  d->params = nst_param_widgets_new (&d->values->params, param_changed, d);
  gtk_container_add (GTK_CONTAINER (frame), d->params);
  gtk_box_pack_start (GTK_BOX (d->editable), frame, TRUE, TRUE, 0);

  /* Why a run failed, in the dialog, so that the user can change a
   * setting and try again.  This slot and the bar below it always take
   * their space, so that neither an error nor a run moves the buttons or
   * resizes the dialog.  The slot is ERROR_LINES high and scrolls, with
   * the message as tooltip: GTK 2 cannot ellipsise a label after some
   * lines (gtk_label_set_lines is GTK 3), and an error must stay readable
   * whole, and selectable to copy it into a report. */
  error_bar     = gtk_hbox_new (FALSE, 6);
  d->error_icon = gtk_image_new_from_stock (GTK_STOCK_DIALOG_WARNING,
                                            GTK_ICON_SIZE_LARGE_TOOLBAR);
  gtk_misc_set_alignment (GTK_MISC (d->error_icon), 0.5, 0.0);
  gtk_box_pack_start (GTK_BOX (error_bar), d->error_icon, FALSE, FALSE, 0);
  d->error_label = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (d->error_label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (d->error_label),
                                PANGO_WRAP_WORD_CHAR);
  gtk_misc_set_alignment (GTK_MISC (d->error_label), 0.0, 0.0);
  gtk_widget_set_name (d->error_label, "error-label");
  /* Horizontally AUTOMATIC, not NEVER: the slot then does not ask for the
   * label's width, which follows the slot's (error_slot_allocated). */
  d->error_slot = gtk_scrolled_window_new (NULL, NULL);
  gtk_widget_set_name (d->error_slot, "error-slot");
  /* The message itself takes the focus, when there is one. */
  gtk_widget_set_can_focus (d->error_slot, FALSE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (d->error_slot),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_add_with_viewport (GTK_SCROLLED_WINDOW (d->error_slot),
                                         d->error_label);
  viewport = gtk_bin_get_child (GTK_BIN (d->error_slot));
  gtk_viewport_set_shadow_type (GTK_VIEWPORT (viewport), GTK_SHADOW_NONE);
  gtk_widget_set_size_request (d->error_slot, -1,
                               lines_height (d->error_label, ERROR_LINES));
  g_signal_connect (d->error_slot, "size-allocate",
                    G_CALLBACK (error_slot_allocated), d);
  gtk_box_pack_start (GTK_BOX (error_bar), d->error_slot, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (main_vbox), error_bar, FALSE, FALSE, 0);

  /* GIMP routes the plug-in's gimp_progress_* calls to this bar. */
  d->progress = gimp_progress_bar_new ();
  gtk_widget_set_name (d->progress, "progress");
  gtk_box_pack_start (GTK_BOX (main_vbox), d->progress, FALSE, FALSE, 0);

  gtk_widget_show_all (main_vbox);
  gtk_widget_set_sensitive (d->progress, FALSE);
  dialog_show_error (d, NULL);
  dialog_update_ok (d);
}

gboolean
nst_dialog_run (NstValues            *values,
                gint32                image_id,
                gint32                drawable_id,
                const NstDialogHooks *hooks)
{
  Dialog d = { 0 };

  g_return_val_if_fail (values != NULL && hooks != NULL, FALSE);
  g_return_val_if_fail (hooks->run_start && hooks->run_stop &&
                        hooks->run_cancel && hooks->preview_start &&
                        hooks->preview_cancel && hooks->device_describe,
                        FALSE);

  gimp_ui_init (PLUG_IN_BINARY, TRUE);

  d.values = values;
  d.hooks  = hooks;
  d.state  = STATE_EDITING;
  dialog_build (&d, image_id, drawable_id);

  gtk_window_present (GTK_WINDOW (d.dialog));
  nst_preview_invalidate (d.preview);

  d.loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (d.loop);
  g_main_loop_unref (d.loop);

  nst_preview_free (d.preview);
  gtk_widget_destroy (d.dialog);
  gdk_flush ();

  return d.result;
}
