/* nsp-preview.c: debounced low-resolution preview in the dialog. */

#include "nsp-preview.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/pixels.h"
#include "nsp-style-picker.h"

struct _NspPreview
{
  const NspValues      *values;
  const NspDialogHooks *hooks;
  GtkWidget            *vbox;
  GtkWidget            *area;
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
preview_frame (const gfloat *rgb,
               gint          width,
               gint          height,
               gboolean      final,
               const gchar  *note,
               gpointer      data)
{
  NspPreview      *p    = data;
  GimpPreviewArea *area = GIMP_PREVIEW_AREA (p->area);
  GtkStyle        *style;
  guchar          *buf;

  /* A frame of a preview already cancelled: it shows old settings. */
  if (! p->handle)
    return;
  preview_set_status (p, note);
  if (! rgb || width <= 0 || height <= 0)
    return;

  buf = nsp_frame_to_bytes (rgb, width, height);

  style = gtk_widget_get_style (p->area);
  gimp_preview_area_fill (area, 0, 0, area->width, area->height,
                          style->bg[GTK_STATE_NORMAL].red >> 8,
                          style->bg[GTK_STATE_NORMAL].green >> 8,
                          style->bg[GTK_STATE_NORMAL].blue >> 8);
  gimp_preview_area_draw (area, (area->width - width) / 2,
                          (area->height - height) / 2, width, height,
                          GIMP_RGB_IMAGE, buf, width * 3);
  g_free (buf);
}

static gboolean
preview_start (gpointer data)
{
  NspPreview *p     = data;
  gboolean    on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (p->toggle));
  gchar      *error = NULL;

  p->timeout_id = 0;
  if (! nsp_style_picker_complete (p->values))
    {
      preview_set_status (p, _ ("Choose a style layer to see a preview"));
      preview_set_plan (p, "", FALSE);
      return G_SOURCE_REMOVE;
    }
  /* With the preview off the plan still comes: it costs no evaluation
   * but the first one's timing. */
  p->handle = p->hooks->preview_start (p->values, on ? NSP_PREVIEW_SIZE : 0,
                                       preview_frame, preview_plan, p,
                                       p->hooks->user_data, &error);
  if (! p->handle)
    {
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
  nsp_preview_invalidate (p);
}

NspPreview *
nsp_preview_new (const NspValues *values, const NspDialogHooks *hooks)
{
  NspPreview *p = g_new0 (NspPreview, 1);
  GtkWidget  *frame;
  GtkWidget  *align;

  p->values = values;
  p->hooks  = hooks;

  p->vbox = gtk_vbox_new (FALSE, 6);

  align = gtk_alignment_new (0.5, 0.0, 0.0, 0.0);
  gtk_box_pack_start (GTK_BOX (p->vbox), align, FALSE, FALSE, 0);

  frame = gtk_frame_new (NULL);
  gtk_frame_set_shadow_type (GTK_FRAME (frame), GTK_SHADOW_IN);
  gtk_container_add (GTK_CONTAINER (align), frame);

  p->area = gimp_preview_area_new ();
  gtk_widget_set_size_request (p->area, NSP_PREVIEW_SIZE, NSP_PREVIEW_SIZE);
  gtk_widget_set_name (p->area, "preview-area");
  gimp_help_set_help_data (p->area,
                           _ ("The result at low resolution, painted with "
                              "the current settings"),
                           NULL);
  gtk_container_add (GTK_CONTAINER (frame), p->area);

  p->toggle = gtk_check_button_new_with_mnemonic (_ ("Preview"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (p->toggle), TRUE);
  gtk_widget_set_name (p->toggle, "preview-toggle");
  gimp_help_set_help_data (p->toggle,
                           _ ("Paint a small preview after every change; "
                              "turn off to save computing time"),
                           NULL);
  g_signal_connect (p->toggle, "toggled", G_CALLBACK (preview_toggled), p);
  gtk_box_pack_start (GTK_BOX (p->vbox), p->toggle, FALSE, FALSE, 0);

  p->status = gtk_label_new (NULL);
  gtk_misc_set_alignment (GTK_MISC (p->status), 0.0, 0.5);
  gtk_label_set_line_wrap (GTK_LABEL (p->status), TRUE);
  gtk_widget_set_size_request (p->status, NSP_PREVIEW_SIZE, -1);
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
  g_free (p);
}
