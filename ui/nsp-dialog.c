/* nsp-dialog.c: the Neural Style dialog: assembles the style picker, the
 * preview and the parameter widgets, and runs the OK → progress → Stop /
 * Cancel cycle through the plug-in's hooks. */

#include "nsp-dialog.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/procedure.h"
#include "nsp-help.h"
#include "nsp-param-widgets.h"
#include "nsp-style-picker.h"
#include "widgets/layer-names.h"
#include "widgets/live-preview.h"

#define ERROR_LINES 3

enum
{
  RESPONSE_RESET = 1,
  RESPONSE_STOP  = 2
};

typedef struct
{
  NspValues            *values;
  const NspDialogHooks *hooks;
  GtkWidget            *dialog;
  GtkWidget            *editable; /* insensitive while a run works */
  GtkWidget            *params;
  GtkWidget            *styles;
  GtkWidget            *device_label;
  GtkWidget            *error_icon;
  GtkWidget            *error_slot;
  GtkWidget            *error_label;
  GtkWidget            *progress;
  GtkWidget            *ok;
  GtkWidget            *reset;
  GtkWidget            *stop;
  GtkWidget            *cancel;
  NspPreview           *preview;
  NspDialogMachine      machine;
} Dialog;

/* NULL clears the message.  Its slot keeps its size either way (see
 * dialog_build); the tooltip shows a long message whole. */
static void
dialog_show_error (const gchar *message, gpointer data)
{
  Dialog            *d    = data;
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
  gtk_widget_set_sensitive (d->ok, nsp_style_picker_ready (d->values));
}

static void
dialog_update_device (Dialog *d)
{
  gchar *device = d->hooks->device_describe (d->values->params.device,
                                             d->hooks->user_data);
  /* TRANSLATORS: %s is e.g. "CPU, 4 threads" or "NVIDIA H200 (CUDA)". */
  gchar *text = g_strdup_printf (_ ("Device: %s"), device ? device : "");

  gtk_label_set_text (GTK_LABEL (d->device_label), text);
  g_free (text);
  g_free (device);
}

static void
dialog_set_running (Dialog *d, gboolean running)
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
                           running ? _ ("Stop and leave the image as it was")
                                   : _ ("Close without changing the image"),
                           NULL);
  if (running)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), 0.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress),
                                 _ ("Starting…"));
      gtk_widget_grab_focus (d->stop);
    }
  else
    {
      /* As GimpProgressBar leaves it when a run ends: " " keeps the text's
       * line, so the bar keeps its height. */
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), 0.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress), " ");
    }
  nsp_preview_suspend (d->preview, running);
}

/* The run cycle's states, shown: STOPPING and CANCELLING leave only what
 * can still be pressed. */
static void
dialog_state_changed (NspDialogState state, gpointer data)
{
  Dialog *d = data;

  switch (state)
    {
    case NSP_DIALOG_EDITING:
      dialog_set_running (d, FALSE);
      break;

    case NSP_DIALOG_RUNNING:
      dialog_set_running (d, TRUE);
      break;

    case NSP_DIALOG_STOPPING:
      gtk_widget_set_sensitive (d->stop, FALSE);
      break;

    case NSP_DIALOG_CANCELLING:
      gtk_widget_set_sensitive (d->stop, FALSE);
      gtk_widget_set_sensitive (d->cancel, FALSE);
      break;

    case NSP_DIALOG_DONE:
      break;
    }
}

static void
dialog_response (GtkWidget *widget, gint response, Dialog *d)
{
  switch (response)
    {
    case RESPONSE_RESET:
      if (d->machine.state == NSP_DIALOG_EDITING)
        {
          nsp_param_widgets_reset (d->params);
          nsp_style_picker_reset (d->styles);
        }
      break;

    case GTK_RESPONSE_HELP:
      nsp_help_show (GTK_WINDOW (d->dialog));
      break;

    case GTK_RESPONSE_OK:
      if (nsp_style_picker_ready (d->values))
        nsp_dialog_machine_ok (&d->machine, d->values);
      break;

    case RESPONSE_STOP:
      nsp_dialog_machine_stop (&d->machine);
      break;

    default: /* Cancel, Escape, the window closed */
      nsp_dialog_machine_cancel (&d->machine);
      break;
    }
}

static void
param_changed (const NstParamInfo *info, gpointer data)
{
  Dialog *d = data;

  dialog_show_error (NULL, d);
  if (info->offset == G_STRUCT_OFFSET (NstParams, device))
    dialog_update_device (d);
  if (info->engine_uses)
    nsp_preview_invalidate (d->preview);
}

static gboolean
preview_read (gpointer data, gchar **why)
{
  Dialog *d = data;

  if (nsp_style_picker_complete (d->values))
    return TRUE;
  *why = g_strdup (_ ("Choose a style layer to see a preview"));
  return FALSE;
}

static void
styles_changed (gpointer data)
{
  Dialog *d = data;

  dialog_show_error (NULL, d);
  dialog_update_ok (d);
  nsp_preview_invalidate (d->preview);
}

static void
dialog_help (const gchar *help_id, gpointer help_data)
{
  nsp_help_show (GTK_WINDOW (help_data));
}

static void
dialog_add_buttons (Dialog *d)
{
  GtkWidget *help;

  help = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _ ("_Help"),
                                 GTK_RESPONSE_HELP);
  gtk_button_box_set_child_secondary (
      GTK_BUTTON_BOX (gtk_dialog_get_action_area (GTK_DIALOG (d->dialog))),
      help, TRUE);
  gimp_help_set_help_data (help, _ ("Explain what each setting does"), NULL);

  d->reset  = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _ ("_Reset"),
                                      RESPONSE_RESET);
  d->stop   = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _ ("_Stop"),
                                      RESPONSE_STOP);
  d->cancel = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _ ("_Cancel"),
                                      GTK_RESPONSE_CANCEL);
  d->ok     = gimp_dialog_add_button (GIMP_DIALOG (d->dialog), _ ("_OK"),
                                      GTK_RESPONSE_OK);
  gtk_dialog_set_alternative_button_order (
      GTK_DIALOG (d->dialog), RESPONSE_RESET, RESPONSE_STOP, GTK_RESPONSE_OK,
      GTK_RESPONSE_CANCEL, -1);

  gimp_help_set_help_data (d->reset,
                           _ ("Put every setting back to its default"), NULL);
  gimp_help_set_help_data (d->stop, _ ("Finish now and keep the result so far"),
                           NULL);
  gimp_help_set_help_data (d->cancel, _ ("Close without changing the image"),
                           NULL);
  gimp_help_set_help_data (d->ok, _ ("Paint the layer in the chosen style"),
                           NULL);
  gtk_widget_set_sensitive (d->stop, FALSE);
}

/* GTK 2 wraps a label at a width it guesses from the text, not at the
 * width the label gets: wrap the message at the slot's width, less a
 * scrollbar's whether one shows or not, so that the scrollbar coming and
 * going does not re-wrap the text. */
static void
error_slot_allocated (GtkWidget *slot, GtkAllocation *allocation, Dialog *d)
{
  GtkWidget     *vbar;
  GtkRequisition bar;
  gint           spacing;
  gint           width;
  gint           old;

  vbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (slot));
  gtk_widget_size_request (vbar, &bar);
  gtk_widget_style_get (slot, "scrollbar-spacing", &spacing, NULL);
  width = MAX (allocation->width - bar.width - spacing, 1);
  gtk_widget_get_size_request (d->error_label, &old, NULL);
  if (width != old)
    gtk_widget_set_size_request (d->error_label, width, -1);
}

/* The layer painted, the preview, which takes what room the dialog gets,
 * the styles and where the run computes. */
static GtkWidget *
dialog_build_left (Dialog *d, gint32 image_id, gint32 drawable_id)
{
  GtkWidget *vbox = gtk_vbox_new (FALSE, 12);
  GtkWidget *preview;
  GtkWidget *frame;

  gtk_box_pack_start (GTK_BOX (vbox),
                      nsp_painted_layer_new (drawable_id, nsp_layer_label),
                      FALSE, FALSE, 0);
  preview = gtk_vbox_new (FALSE, 6);
  gtk_box_pack_start (GTK_BOX (preview), nsp_preview_get_pane (d->preview),
                      TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (preview), nsp_preview_get_status (d->preview),
                      FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (vbox), preview, TRUE, TRUE, 0);

  frame = gimp_frame_new (_ ("Style"));
  d->styles = nsp_style_picker_new (d->values, image_id, drawable_id,
                                    styles_changed, d);
  gtk_container_add (GTK_CONTAINER (frame), d->styles);
  gtk_box_pack_start (GTK_BOX (vbox), frame, FALSE, FALSE, 0);

  d->device_label = gtk_label_new (NULL);
  gtk_misc_set_alignment (GTK_MISC (d->device_label), 0.0, 1.0);
  gtk_label_set_line_wrap (GTK_LABEL (d->device_label), TRUE);
  gtk_widget_set_name (d->device_label, "device-label");
  gimp_help_set_help_data (d->device_label,
                           _ ("Where the computation runs; choose another "
                              "with the Device setting"),
                           NULL);
  gtk_box_pack_end (GTK_BOX (vbox), d->device_label, FALSE, FALSE, 0);
  dialog_update_device (d);

  return vbox;
}

/* The settings.  No frame title: the preset menu heads them, and the
 * dialog must fit a 768 px screen with Advanced open. */
static GtkWidget *
dialog_build_right (Dialog *d)
{
  d->params = nsp_param_widgets_new (&d->values->params, param_changed, d);
  return d->params;
}

static void
dialog_build (Dialog *d, gint32 image_id, gint32 drawable_id)
{
  GtkWidget *main_vbox;
  GtkWidget *notes;
  GtkWidget *plan;
  GtkWidget *error_bar;
  GtkWidget *viewport;

  d->dialog = gimp_dialog_new (_ ("Neural Style"), NSP_BINARY, NULL, 0,
                               dialog_help, NSP_PROC, NULL);
  gtk_widget_set_name (d->dialog, "nst-dialog");
  dialog_add_buttons (d);
  gimp_window_set_transient (GTK_WINDOW (d->dialog));
  g_signal_connect (d->dialog, "response", G_CALLBACK (dialog_response), d);
  /* Closing the window is a response like Cancel (it may have to cancel a
   * run first); the window goes when nsp_dialog_run () returns. */
  g_signal_connect (d->dialog, "delete-event", G_CALLBACK (gtk_true), NULL);

  main_vbox = gtk_vbox_new (FALSE, 12);
  gtk_container_set_border_width (GTK_CONTAINER (main_vbox), 12);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (d->dialog))), main_vbox,
      TRUE, TRUE, 0);

  d->editable = gtk_hbox_new (FALSE, 12);
  gtk_box_pack_start (GTK_BOX (main_vbox), d->editable, TRUE, TRUE, 0);

  d->preview = nsp_preview_new (d->values, d->hooks, preview_read, d);
  gtk_box_pack_start (GTK_BOX (d->editable),
                      dialog_build_left (d, image_id, drawable_id), TRUE, TRUE,
                      0);
  gtk_box_pack_start (GTK_BOX (d->editable), dialog_build_right (d), FALSE,
                      FALSE, 0);

  /* The plan's line and the error slot, close together: the dialog must
   * fit a 768 px screen with GIMP's panels. */
  notes = gtk_vbox_new (FALSE, 2);
  /* One line across the dialog, cut (its tooltip has it whole), so that
   * neither a long plan nor a refusal resizes the dialog. */
  plan = nsp_preview_get_plan (d->preview);
  gtk_misc_set_alignment (GTK_MISC (plan), 0.0, 0.5);
  gtk_label_set_ellipsize (GTK_LABEL (plan), PANGO_ELLIPSIZE_END);
  gtk_box_pack_start (GTK_BOX (notes), plan, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (main_vbox), notes, FALSE, FALSE, 0);

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
  gtk_widget_set_size_request (
      d->error_slot, -1,
      nsp_lines_height (gtk_widget_get_pango_context (d->error_label),
                        ERROR_LINES));
  g_signal_connect (d->error_slot, "size-allocate",
                    G_CALLBACK (error_slot_allocated), d);
  gtk_box_pack_start (GTK_BOX (error_bar), d->error_slot, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (notes), error_bar, FALSE, FALSE, 0);

  /* GIMP routes the plug-in's gimp_progress_* calls to this bar. */
  d->progress = gimp_progress_bar_new ();
  gtk_widget_set_name (d->progress, "progress");
  gtk_box_pack_start (GTK_BOX (main_vbox), d->progress, FALSE, FALSE, 0);

  gtk_widget_show_all (main_vbox);
  gtk_widget_set_sensitive (d->progress, FALSE);
  dialog_show_error (NULL, d);
  dialog_update_ok (d);
}

gboolean
nsp_dialog_run (NspValues            *values,
                gint32                image_id,
                gint32                drawable_id,
                const NspDialogHooks *hooks,
                gpointer              context)
{
  Dialog   d = { 0 };
  gboolean kept;

  g_return_val_if_fail (values != NULL && hooks != NULL, FALSE);
  g_return_val_if_fail (hooks->run_start && hooks->run_stop && hooks->run_cancel
                            && hooks->preview_start && hooks->preview_cancel
                            && hooks->device_describe,
                        FALSE);

  gimp_ui_init (NSP_BINARY, TRUE);

  d.values = values;
  d.hooks  = hooks;
  nsp_dialog_machine_init (&d.machine, hooks, dialog_state_changed,
                           dialog_show_error, NULL, &d);
  dialog_build (&d, image_id, drawable_id);

  gtk_window_present (GTK_WINDOW (d.dialog));
  /* Return runs the filter, as in GIMP's own filters; the first control
   * would otherwise have the focus, and the preview's zoom menu takes
   * Return for itself. */
  gtk_widget_grab_focus (d.ok);
  nsp_preview_invalidate (d.preview);

  kept = nsp_dialog_machine_run (&d.machine);

  nsp_preview_free (d.preview);
  gtk_widget_destroy (d.dialog);
  gdk_flush ();

  return kept;
}
