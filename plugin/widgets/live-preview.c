/* live-preview.c: the dialogs' debounced preview, shown in the pane of
 * preview-pane.c. */

#include "live-preview.h"

#include <glib/gi18n-lib.h>

#include "preview-pane.h"

/* GTK 2 cannot ellipsise after some lines, and its dialog is the tighter:
 * a smaller font there, the tooltip has the text whole. */
#if GTK_CHECK_VERSION(3, 0, 0)
#define STATUS_LINES 3
#define MARKUP(text) text
#else
#define STATUS_LINES 2
#define MARKUP(text) "<small>" text "</small>"
#endif

struct _NspPreview
{
  const NspValues      *values;
  const NspDialogHooks *hooks;
  NspPreviewReadFunc    read;
  gpointer              read_data;
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
  gchar *markup = g_markup_printf_escaped (MARKUP ("%s"), text);

  gtk_label_set_markup (GTK_LABEL (p->status), markup);
  gtk_widget_set_tooltip_text (p->status, text[0] ? text : NULL);
  g_free (markup);
}

static void
preview_set_plan (NspPreview *p, const gchar *text, gboolean refused)
{
  gchar *markup = g_markup_printf_escaped (
      refused ? MARKUP ("<b>%s</b>") : MARKUP ("%s"), text);

  gtk_label_set_markup (GTK_LABEL (p->plan), markup);
  /* The dialogs cut it: the tooltip has it whole. */
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
  NspPreview *p  = data;
  gboolean    on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (p->toggle));
  gchar      *error = NULL;
  NspPreviewView view;

  p->timeout_id = 0;
  if (! p->read (p->read_data, &error))
    {
      nsp_preview_pane_clear (p->pane);
      preview_set_status (p, error ? error : "");
      preview_set_plan (p, "", FALSE);
      g_free (error);
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

#if ! GTK_CHECK_VERSION(3, 0, 0)
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
#endif

static void
view_changed (gpointer data)
{
  nsp_preview_invalidate (data);
}

/* What the preview shows: progress, the untouched start image, or why
 * there is none; wrapped to the pane's width, STATUS_LINES high whatever
 * it says, so that the pane above keeps its size. */
static GtkWidget *
status_new (void)
{
  GtkWidget *status = gtk_label_new (NULL);

  gtk_label_set_line_wrap (GTK_LABEL (status), TRUE);
#if GTK_CHECK_VERSION(3, 0, 0)
  gtk_label_set_xalign (GTK_LABEL (status), 0.0);
  gtk_label_set_yalign (GTK_LABEL (status), 0.0);
  gtk_label_set_lines (GTK_LABEL (status), STATUS_LINES);
  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  /* Else it asks for its whole text's width. */
  gtk_label_set_max_width_chars (GTK_LABEL (status), 20);
#else
  gtk_misc_set_alignment (GTK_MISC (status), 0.0, 0.0);
#endif
  gtk_widget_set_size_request (
      status, NSP_PREVIEW_PANE_WIDTH,
      nsp_lines_height (gtk_widget_get_pango_context (status), STATUS_LINES));
  gtk_widget_set_name (status, "preview-status");
  return status;
}

NspPreview *
nsp_preview_new (const NspValues      *values,
                 const NspDialogHooks *hooks,
                 NspPreviewReadFunc    read,
                 gpointer              read_data)
{
  NspPreview *p = g_new0 (NspPreview, 1);

  p->values    = values;
  p->hooks     = hooks;
  p->read      = read;
  p->read_data = read_data;

  p->pane = nsp_preview_pane_new (view_changed, p);

  p->toggle = gtk_check_button_new_with_label (_ ("Preview"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (p->toggle), TRUE);
  gtk_widget_set_name (p->toggle, "preview-toggle");
  gtk_widget_set_tooltip_text (p->toggle,
                               _ ("Paint a small preview after every change; "
                                  "turn off to save computing time"));
  g_signal_connect (p->toggle, "toggled", G_CALLBACK (preview_toggled), p);
#if ! GTK_CHECK_VERSION(3, 0, 0)
  g_signal_connect (gtk_bin_get_child (GTK_BIN (p->toggle)), "style-set",
                    G_CALLBACK (label_keep_colour), NULL);
#endif
  nsp_preview_pane_add_to_bar (p->pane, p->toggle);

  p->status = status_new ();

  /* What OK would do: the size, tiles, memory and time, before the wait. */
  p->plan = gtk_label_new (NULL);
  gtk_widget_set_name (p->plan, "plan");

  return p;
}

GtkWidget *
nsp_preview_get_pane (NspPreview *p)
{
  return nsp_preview_pane_get_widget (p->pane);
}

GtkWidget *
nsp_preview_get_status (NspPreview *p)
{
  return p->status;
}

GtkWidget *
nsp_preview_get_plan (NspPreview *p)
{
  return p->plan;
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
