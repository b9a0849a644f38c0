/* nsp-preview.c: the dialog's debounced preview, shown in the pane of
 * plugin/widgets/. */

#include "nsp-preview.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "widgets/preview-pane.h"

/* GTK 2 cannot ellipsise after some lines: the longest note takes three
 * at the pane's width, and the tooltip has it whole. */
#define STATUS_LINES 2
#include "nsp-style-picker.h"

struct _NspPreview
{
  const NspValues      *values;
  const NspDialogHooks *hooks;
  GtkWidget            *vbox;
  NspPreviewPane       *pane;
  GtkWidget            *toggle;
  GtkWidget            *status;
  GtkWidget            *plan;
  gpointer              handle;     /* started and not yet cancelled */
  gboolean              planning;   /* its plan has not come yet */
  guint                 timeout_id; /* pending start */
  gboolean              suspended;
};

static void
preview_set_status (NspPreview *p, const gchar *text)
{
  gchar *markup = g_markup_printf_escaped ("<small>%s</small>", text);

  gtk_label_set_markup (GTK_LABEL (p->status), markup);
  gtk_widget_set_tooltip_text (p->status, text[0] ? text : NULL);
  g_free (markup);
}

static void
preview_set_plan (NspPreview *p, const gchar *text, gboolean refused)
{
  gchar *markup = g_markup_printf_escaped (
      refused ? "<small><b>%s</b></small>" : "<small>%s</small>", text);

  gtk_label_set_markup (GTK_LABEL (p->plan), markup);
  /* One line, ellipsised: the tooltip has it whole. */
  gtk_widget_set_tooltip_text (p->plan, text[0] ? text : NULL);
  g_free (markup);
}

static void
preview_plan (const gchar *text, gboolean refused, gpointer data)
{
  NspPreview *p = data;

  /* The plan of a preview already cancelled: it is of old settings. */
  if (! p->handle)
    return;
  p->planning = FALSE;
  preview_set_plan (p, text, refused);
}

static void
preview_stop (NspPreview *p)
{
  if (p->timeout_id)
    {
      g_source_remove (p->timeout_id);
      p->timeout_id = 0;
    }
  if (p->handle)
    {
      p->hooks->preview_cancel (p->handle);
      p->handle = NULL;
    }
  /* "Planning the run…" would otherwise stay through a run. */
  if (p->planning)
    preview_set_plan (p, "", FALSE);
  p->planning = FALSE;
}

static void
preview_frame (const NspPreviewFrame *frame, gpointer data)
{
  NspPreview *p = data;

  /* A frame of a preview already cancelled: it shows old settings. */
  if (! p->handle)
    return;
  preview_set_status (p, frame->note);
  /* Why it failed instead of an image. */
  if (frame->final && ! frame->rgb)
    nsp_preview_pane_clear (p->pane);
  nsp_preview_pane_show (p->pane, frame);
}

static gboolean
preview_start (gpointer data)
{
  NspPreview    *p  = data;
  gboolean    on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (p->toggle));
  gchar      *error = NULL;
  NspPreviewView view;

  p->timeout_id = 0;
  if (! nsp_style_picker_complete (p->values))
    {
      preview_set_status (p, _ ("Choose a style layer to see a preview"));
      preview_set_plan (p, "", FALSE);
      return G_SOURCE_REMOVE;
    }
  /* With the preview off the plan still comes: it costs no evaluation
   * but the first one's timing. */
  nsp_preview_pane_get_view (p->pane, &view);
  p->handle
      = p->hooks->preview_start (p->values, on ? &view : NULL, preview_frame,
                                 preview_plan, p, p->hooks->user_data, &error);
  if (! p->handle)
    {
      nsp_preview_pane_clear (p->pane);
      preview_set_status (p, error);
      preview_set_plan (p, "", FALSE);
    }
  g_free (error);
  return G_SOURCE_REMOVE;
}

void
nsp_preview_invalidate (NspPreview *p)
{
  preview_stop (p);

  if (p->suspended)
    return;
  /* Sliders emit many changes while dragged: start once they rest. */
  p->timeout_id = g_timeout_add (NSP_PREVIEW_DELAY_MS, preview_start, p);
  preview_set_plan (p, _ ("Planning the run…"), FALSE);
  p->planning = TRUE;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (p->toggle)))
    preview_set_status (p, _ ("Updating…"));
  else
    preview_set_status (p, _ ("Preview is off"));
}

void
nsp_preview_suspend (NspPreview *p, gboolean suspend)
{
  p->suspended = suspend;
  gtk_widget_set_sensitive (p->toggle, ! suspend);
  if (suspend)
    {
      preview_stop (p);
      preview_set_status (p, "");
    }
  else
    {
      nsp_preview_invalidate (p);
    }
}

static void
preview_toggled (GtkToggleButton *toggle, NspPreview *p)
{
  if (! gtk_toggle_button_get_active (toggle))
    nsp_preview_pane_clear (p->pane);
  nsp_preview_invalidate (p);
}

/* GIMP 2.10's themes colour a ticked check box's label as a pressed
 * button's (Dark: greyer than an insensitive one), so that "Preview" looked
 * switched off while on: keep its colour. */
static void
label_keep_colour (GtkWidget *label, GtkStyle *previous, gpointer data)
{
  GtkStyle *style = gtk_widget_get_style (label);

  /* Changing it sets a new style: only when it differs. */
  if (! gdk_color_equal (&style->fg[GTK_STATE_ACTIVE],
                         &style->fg[GTK_STATE_NORMAL]))
    gtk_widget_modify_fg (label, GTK_STATE_ACTIVE,
                          &style->fg[GTK_STATE_NORMAL]);
}

static void
view_changed (gpointer data)
{
  nsp_preview_invalidate (data);
}

NspPreview *
nsp_preview_new (const NspValues *values, const NspDialogHooks *hooks)
{
  NspPreview *p = g_new0 (NspPreview, 1);
  p->values = values;
  p->hooks  = hooks;

  p->vbox = gtk_vbox_new (FALSE, 6);

  p->pane = nsp_preview_pane_new (view_changed, p);
  gtk_box_pack_start (GTK_BOX (p->vbox), nsp_preview_pane_get_widget (p->pane),
                      TRUE, TRUE, 0);

  p->toggle = gtk_check_button_new_with_mnemonic (_ ("Preview"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (p->toggle), TRUE);
  gtk_widget_set_name (p->toggle, "preview-toggle");
  gimp_help_set_help_data (p->toggle,
                           _ ("Paint a small preview after every change; "
                              "turn off to save computing time"),
                           NULL);
  g_signal_connect (p->toggle, "toggled", G_CALLBACK (preview_toggled), p);
  g_signal_connect (gtk_bin_get_child (GTK_BIN (p->toggle)), "style-set",
                    G_CALLBACK (label_keep_colour), NULL);
  nsp_preview_pane_add_to_bar (p->pane, p->toggle);

  p->status = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (p->status), TRUE);
  /* STATUS_LINES high whatever it says, so that the pane above keeps its
   * size. */
  gtk_misc_set_alignment (GTK_MISC (p->status), 0.0, 0.0);
  gtk_widget_set_size_request (
      p->status, NSP_PREVIEW_PANE_WIDTH,
      nsp_lines_height (gtk_widget_get_pango_context (p->status),
                        STATUS_LINES));
  gtk_widget_set_name (p->status, "preview-status");
  gtk_box_pack_start (GTK_BOX (p->vbox), p->status, FALSE, FALSE, 0);

  /* What OK would do: the size, tiles, memory and time, before the wait.
   * One line across the dialog (nsp_preview_get_plan), so that neither a
   * long plan nor a refusal resizes it. */
  p->plan = gtk_label_new (NULL);
  gtk_misc_set_alignment (GTK_MISC (p->plan), 0.0, 0.5);
  gtk_label_set_ellipsize (GTK_LABEL (p->plan), PANGO_ELLIPSIZE_END);
  gtk_widget_set_name (p->plan, "plan");
  gtk_widget_show (p->plan);

  gtk_widget_show_all (p->vbox);
  return p;
}

GtkWidget *
nsp_preview_get_plan (NspPreview *p)
{
  return p->plan;
}

GtkWidget *
nsp_preview_get_widget (NspPreview *p)
{
  return p->vbox;
}

void
nsp_preview_free (NspPreview *p)
{
  if (! p)
    return;
  preview_stop (p);
  g_signal_handlers_disconnect_by_data (p->toggle, p);
  nsp_preview_pane_free (p->pane);
  g_free (p);
}
