/* preview-pane.c: the preview image with zoom, pan and before/after, for
 * GTK 2 and GTK 3. */

#include "preview-pane.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/pixels.h"

#define BACKGROUND 0x80 /* mid grey around the image, in either theme */

static const gdouble zooms[] = { 0.0, 1.0, 2.0 };

/* The outline of each style's region ("Regions"): yellow, cyan and
 * magenta, light and far apart, dashed with black (DASH screen pixels of
 * each along x + y), so that one shows on a dark picture, the other on a
 * light one.  The tooltip names them. */
static const guchar outline_colours[][3] = {
  { 0xff, 0xff, 0x00 },
  { 0x00, 0xff, 0xff },
  { 0xff, 0x00, 0xff },
};
G_STATIC_ASSERT (G_N_ELEMENTS (outline_colours) == NST_MAX_STYLES);
#define DASH 4

typedef struct
{
  guchar *bytes; /* 8-bit RGB, NULL for none */
  gint    width, height;
} Picture;

struct _NspPreviewPane
{
  NspPreviewPaneChangedFunc changed;
  gpointer                  data;
  GtkWidget                *box;
  GtkWidget                *area;
  GtkWidget                *bar;
  GtkWidget                *zoom_combo;
  GtkWidget                *before;
  GtkWidget                *regions;                 /* shows the outlines */
  gint                      width, height;           /* the area's allocation */
  gint                      view_width, view_height; /* last asked for */
  gdouble                   zoom;
  gdouble                   center_x, center_y;
  gint                      working_width, working_height;
  Picture                   original, painted;
  guint8                   *outlines; /* outlines_new's, of the original */
  gboolean                  dragging;
  gdouble                   press_x, press_y; /* less the shift then */
  gint                      press_shift_x, press_shift_y;
  gint                      shift_x, shift_y; /* drawn until the new view */
};

static void
picture_set (Picture *picture, const gfloat *rgb, gint width, gint height)
{
  g_free (picture->bytes);
  picture->bytes  = rgb ? nsp_frame_to_bytes (rgb, width, height) : NULL;
  picture->width  = width;
  picture->height = height;
}

/* The outlines of a new original's regions, at its size: bit s set where
 * a pixel is on the outline of style s's region (in it, with a
 * 4-neighbour out of it); NULL when it has no region.  (A region may have
 * no outline in view: it covers all of it.) */
static guint8 *
outlines_new (const NspPreviewFrame *frame)
{
  guint8 *outlines = NULL;
  gint    w = frame->width, h = frame->height;
  gint    s, x, y;

  for (s = 0; s < NST_MAX_STYLES; s++)
    {
      const gfloat *r = frame->regions[s];

      if (! r)
        continue;
      if (! outlines)
        outlines = g_malloc0 ((gsize) w * h);
      for (y = 0; y < h; y++)
        for (x = 0; x < w; x++)
          {
            gsize i = (gsize) y * w + x;

            if (r[i] >= 0.5f
                && ((x > 0 && r[i - 1] < 0.5f) || (x < w - 1 && r[i + 1] < 0.5f)
                    || (y > 0 && r[i - w] < 0.5f)
                    || (y < h - 1 && r[i + w] < 0.5f)))
              outlines[i] |= 1 << s;
          }
    }
  return outlines;
}

/* The outline over screen pixel (x, y), at `bits` of pane->outlines: the
 * first style's colour, or black, by dashes. */
static void
outline_pixel (guchar *pixel, gint x, gint y, guint8 bits)
{
  gint s = 0;

  while (! (bits & (1 << s)))
    s++;
  if ((x + y) / DASH % 2)
    memset (pixel, 0, 3);
  else
    memcpy (pixel, outline_colours[s], 3);
}

/* The view's part of the working image, in its pixels: what a zoomed
 * preview computes (interactive.c clamps it the same way). */
static void
pane_view_size (const NspPreviewPane *pane, gdouble *vw, gdouble *vh)
{
  *vw = MIN (pane->width / pane->zoom, pane->working_width);
  *vh = MIN (pane->height / pane->zoom, pane->working_height);
}

/* Keeps the centre where the view stays inside the layer. */
static void
pane_clamp_center (NspPreviewPane *pane)
{
  gdouble vw, vh;

  if (pane->zoom <= 0 || pane->working_width <= 0)
    return;
  pane_view_size (pane, &vw, &vh);
  pane->center_x = CLAMP (pane->center_x, vw / 2 / pane->working_width,
                          1.0 - vw / 2 / pane->working_width);
  pane->center_y = CLAMP (pane->center_y, vh / 2 / pane->working_height,
                          1.0 - vh / 2 / pane->working_height);
}

/* The picture on screen: Before's while it is pressed, else the newest
 * painted frame, else the original.  Zoomed, at `zoom` screen pixels per
 * pixel of the final level (a coarser level's frame is enlarged to that
 * size); fitted, filling the pane (a run smaller than the pane is
 * computed at its own size, and shown enlarged).  Nearest neighbour: at
 * 200 % the run's pixels are what is to be seen.  With "Regions" on, the
 * outlines over either picture, at the original's pixels. */
static void
pane_draw (NspPreviewPane *pane)
{
  GimpPreviewArea *area = GIMP_PREVIEW_AREA (pane->area);
  gboolean         before
      = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pane->before));
  const Picture *pic
      = before || ! pane->painted.bytes ? &pane->original : &pane->painted;
  const guint8 *outlines
      = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pane->regions))
            ? pane->outlines
            : NULL;
  gdouble scale;
  gint    tw, th, x0, y0, cx0, cy0, cx1, cy1, x, y;
  guchar *row;

  if (pane->width <= 0 || pane->height <= 0)
    return;
  gimp_preview_area_fill (area, 0, 0, pane->width, pane->height, BACKGROUND,
                          BACKGROUND, BACKGROUND);
  if (! pic->bytes || ! pane->original.bytes)
    return;

  scale = pane->zoom > 0 ? pane->zoom
                         : MIN ((gdouble) pane->width / pane->original.width,
                                (gdouble) pane->height / pane->original.height);

  tw  = (gint) (pane->original.width * scale);
  th  = (gint) (pane->original.height * scale);
  x0  = (pane->width - tw) / 2 + pane->shift_x;
  y0  = (pane->height - th) / 2 + pane->shift_y;
  cx0 = MAX (x0, 0);
  cy0 = MAX (y0, 0);
  cx1 = MIN (x0 + tw, pane->width);
  cy1 = MIN (y0 + th, pane->height);
  if (cx1 <= cx0 || cy1 <= cy0)
    return;

  row = g_malloc ((gsize) (cx1 - cx0) * 3);
  for (y = cy0; y < cy1; y++)
    {
      gint          sy = (gint) ((gint64) (y - y0) * pic->height / th);
      const guint8 *line
          = outlines
                ? outlines
                      + (gsize) ((gint64) (y - y0) * pane->original.height / th)
                            * pane->original.width
                : NULL;

      for (x = cx0; x < cx1; x++)
        {
          gint sx = (gint) ((gint64) (x - x0) * pic->width / tw);

          memcpy (row + (x - cx0) * 3,
                  pic->bytes + ((gsize) sy * pic->width + sx) * 3, 3);
          if (line)
            {
              guint8 bits = line[(gint64) (x - x0) * pane->original.width / tw];

              if (bits)
                outline_pixel (row + (x - cx0) * 3, x, y, bits);
            }
        }
      gimp_preview_area_draw (area, cx0, y, cx1 - cx0, 1, GIMP_RGB_IMAGE, row,
                              (cx1 - cx0) * 3);
    }
  g_free (row);
}

static void
area_size_allocate (GtkWidget      *widget,
                    GtkAllocation  *allocation,
                    NspPreviewPane *pane)
{
  gboolean resized
      = allocation->width != pane->width || allocation->height != pane->height;

  pane->width  = allocation->width;
  pane->height = allocation->height;
  pane_draw (pane);
  /* The first allocation is the dialog's opening, whose preview its owner
   * starts anyway. */
  if (resized && (pane->original.bytes || pane->painted.bytes))
    pane->changed (pane->data);
}

/* GTK 2 has no gtk_box_new, GTK 3 deprecates gtk_vbox_new. */
static GtkWidget *
box_new (gboolean vertical, gint spacing)
{
#if GTK_CHECK_VERSION(3, 0, 0)
  return gtk_box_new (vertical ? GTK_ORIENTATION_VERTICAL
                               : GTK_ORIENTATION_HORIZONTAL,
                      spacing);
#else
  return vertical ? gtk_vbox_new (FALSE, spacing)
                  : gtk_hbox_new (FALSE, spacing);
#endif
}

/* A hand over a zoomed image: it can be dragged. */
static void
pane_set_cursor (NspPreviewPane *pane)
{
  GdkWindow *window = gtk_widget_get_window (pane->area);
  GdkCursor *cursor;

  if (! window)
    return;
  cursor = pane->zoom > 0 ? gdk_cursor_new_for_display (
               gtk_widget_get_display (pane->area), GDK_FLEUR)
                          : NULL;
  gdk_window_set_cursor (window, cursor);
  if (cursor)
#if GTK_CHECK_VERSION(3, 0, 0)
    g_object_unref (cursor);
#else
    gdk_cursor_unref (cursor);
#endif
}

static gboolean
area_button_press (GtkWidget      *widget,
                   GdkEventButton *event,
                   NspPreviewPane *pane)
{
  if (event->button != 1 || pane->zoom <= 0 || pane->working_width <= 0)
    return FALSE;
  pane->dragging      = TRUE;
  pane->press_x       = event->x - pane->shift_x;
  pane->press_y       = event->y - pane->shift_y;
  pane->press_shift_x = pane->shift_x;
  pane->press_shift_y = pane->shift_y;
  return TRUE;
}

static gboolean
area_motion (GtkWidget *widget, GdkEventMotion *event, NspPreviewPane *pane)
{
  if (! pane->dragging)
    return FALSE;
  pane->shift_x = (gint) (event->x - pane->press_x);
  pane->shift_y = (gint) (event->y - pane->press_y);
  pane_draw (pane);
  return TRUE;
}

/* The image moved with the pointer; the view's centre moves the other
 * way, in pixels of the working image at this zoom. */
static gboolean
area_button_release (GtkWidget      *widget,
                     GdkEventButton *event,
                     NspPreviewPane *pane)
{
  if (! pane->dragging || event->button != 1)
    return FALSE;
  pane->dragging = FALSE;
  nsp_preview_pane_set_center (pane,
                               pane->center_x
                                   - (pane->shift_x - pane->press_shift_x)
                                         / (pane->zoom * pane->working_width),
                               pane->center_y
                                   - (pane->shift_y - pane->press_shift_y)
                                         / (pane->zoom * pane->working_height));
  return TRUE;
}

static void
zoom_changed (GtkComboBox *combo, NspPreviewPane *pane)
{
  gint index = gtk_combo_box_get_active (combo);

  if (index < 0 || zooms[index] == pane->zoom)
    return;
  pane->zoom    = zooms[index];
  pane->shift_x = pane->shift_y = 0;
  pane_clamp_center (pane);
  pane_set_cursor (pane);
  gimp_help_set_help_data (
      pane->area,
      pane->zoom > 0 ? _ ("The part in view, at the size the run will paint "
                          "it; drag to move around")
                     : _ ("The whole layer, at low resolution"),
      NULL);
  /* What is shown belongs to the old zoom; "Regions" stays until the next
   * original says. */
  picture_set (&pane->original, NULL, 0, 0);
  picture_set (&pane->painted, NULL, 0, 0);
  g_clear_pointer (&pane->outlines, g_free);
  pane_draw (pane);
  pane->changed (pane->data);
}

/* A switch of the bar under the image that changes what is drawn. */
static GtkWidget *
bar_toggle (NspPreviewPane *pane,
            const gchar    *label,
            const gchar    *name,
            const gchar    *tooltip)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_name (toggle, name);
  gimp_help_set_help_data (toggle, tooltip, NULL);
  g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (pane_draw), pane);
  gtk_box_pack_start (GTK_BOX (pane->bar), toggle, FALSE, FALSE, 0);
  return toggle;
}

static void
area_realize (GtkWidget *widget, NspPreviewPane *pane)
{
  pane_set_cursor (pane);
}

NspPreviewPane *
nsp_preview_pane_new (NspPreviewPaneChangedFunc changed, gpointer data)
{
  NspPreviewPane *pane = g_new0 (NspPreviewPane, 1);
  GtkWidget      *frame;

  pane->changed  = changed;
  pane->data     = data;
  pane->center_x = pane->center_y = 0.5;

  pane->box = box_new (TRUE, 4);

  frame = gtk_frame_new (NULL);
  gtk_frame_set_shadow_type (GTK_FRAME (frame), GTK_SHADOW_IN);
  gtk_box_pack_start (GTK_BOX (pane->box), frame, TRUE, TRUE, 0);

  pane->area = gimp_preview_area_new ();
  gtk_widget_set_name (pane->area, "preview-area");
  gtk_widget_set_size_request (pane->area, NSP_PREVIEW_PANE_WIDTH,
                               NSP_PREVIEW_PANE_HEIGHT);
  gtk_widget_add_events (pane->area, GDK_BUTTON_PRESS_MASK
                                         | GDK_BUTTON_RELEASE_MASK
                                         | GDK_BUTTON1_MOTION_MASK);
  g_signal_connect_after (pane->area, "size-allocate",
                          G_CALLBACK (area_size_allocate), pane);
  g_signal_connect (pane->area, "realize", G_CALLBACK (area_realize), pane);
  g_signal_connect (pane->area, "button-press-event",
                    G_CALLBACK (area_button_press), pane);
  g_signal_connect (pane->area, "motion-notify-event", G_CALLBACK (area_motion),
                    pane);
  g_signal_connect (pane->area, "button-release-event",
                    G_CALLBACK (area_button_release), pane);
  gtk_container_add (GTK_CONTAINER (frame), pane->area);

  pane->bar = box_new (FALSE, 6);
  gtk_box_pack_start (GTK_BOX (pane->box), pane->bar, FALSE, FALSE, 0);

  pane->zoom_combo = gtk_combo_box_text_new ();
  gtk_widget_set_name (pane->zoom_combo, "preview-zoom");
  /* TRANSLATORS: the preview's zoom: the whole layer in the pane. */
  gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (pane->zoom_combo),
                                  _ ("Fit"));
  /* xgettext:no-c-format */
  gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (pane->zoom_combo),
                                  _ ("100 %"));
  /* xgettext:no-c-format */
  gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (pane->zoom_combo),
                                  _ ("200 %"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (pane->zoom_combo), 0);
  gimp_help_set_help_data (pane->zoom_combo,
                           /* xgettext:no-c-format */
                           _ ("Fit shows the whole layer at low resolution; "
                              "100 % and 200 % show a part at the size the "
                              "run will paint it"),
                           NULL);
  g_signal_connect (pane->zoom_combo, "changed", G_CALLBACK (zoom_changed),
                    pane);
  gtk_box_pack_start (GTK_BOX (pane->bar), pane->zoom_combo, FALSE, FALSE, 0);

  /* No mnemonic: the dialog's letters are taken in every language (for
   * "Regions" each one in English: _Reset, Optimiz_er, Start ima_ge,
   * _Iterations, _OK, Style stre_ngth, _Style). */
  pane->before = bar_toggle (pane, _ ("Before"), "preview-before",
                             _ ("Show the layer as it is, unpainted, to "
                                "compare"));
  /* Shown when the preview has a region. */
  pane->regions = bar_toggle (pane, _ ("Regions"), "preview-regions",
                              _ ("Outline where each style paints: style 1 "
                                 "in yellow, style 2 in cyan, style 3 in "
                                 "magenta"));

  gimp_help_set_help_data (pane->area, _ ("The whole layer, at low resolution"),
                           NULL);
  gtk_widget_show_all (pane->box);
  gtk_widget_hide (pane->regions);
  gtk_widget_set_no_show_all (pane->regions, TRUE);
  return pane;
}

GtkWidget *
nsp_preview_pane_get_widget (NspPreviewPane *pane)
{
  return pane->box;
}

void
nsp_preview_pane_add_to_bar (NspPreviewPane *pane, GtkWidget *widget)
{
  gtk_box_pack_end (GTK_BOX (pane->bar), widget, FALSE, FALSE, 0);
}

void
nsp_preview_pane_get_view (NspPreviewPane *pane, NspPreviewView *view)
{
  view->width       = MAX (pane->width, NSP_PREVIEW_PANE_WIDTH);
  view->height      = MAX (pane->height, NSP_PREVIEW_PANE_HEIGHT);
  pane->view_width  = view->width;
  pane->view_height = view->height;
  view->zoom        = pane->zoom;
  view->center_x    = pane->center_x;
  view->center_y    = pane->center_y;
}

void
nsp_preview_pane_show (NspPreviewPane *pane, const NspPreviewFrame *frame)
{
  pane->working_width  = frame->working_width;
  pane->working_height = frame->working_height;
  if (! frame->rgb)
    return;
  if (frame->original)
    {
      /* A new view's first picture: the drag that asked for it is done. */
      pane->shift_x = pane->shift_y = 0;
      picture_set (&pane->original, frame->rgb, frame->width, frame->height);
      picture_set (&pane->painted, NULL, 0, 0);
      g_free (pane->outlines);
      pane->outlines = outlines_new (frame);
      gtk_widget_set_visible (pane->regions, pane->outlines != NULL);
    }
  else
    {
      picture_set (&pane->painted, frame->rgb, frame->width, frame->height);
    }
  pane_draw (pane);
}

void
nsp_preview_pane_clear (NspPreviewPane *pane)
{
  picture_set (&pane->original, NULL, 0, 0);
  picture_set (&pane->painted, NULL, 0, 0);
  g_clear_pointer (&pane->outlines, g_free);
  gtk_widget_hide (pane->regions);
  pane->shift_x = pane->shift_y = 0;
  pane_draw (pane);
}

void
nsp_preview_pane_set_zoom (NspPreviewPane *pane, gdouble zoom)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (zooms); i++)
    if (zooms[i] == zoom)
      gtk_combo_box_set_active (GTK_COMBO_BOX (pane->zoom_combo), (gint) i);
}

void
nsp_preview_pane_set_center (NspPreviewPane *pane,
                             gdouble         center_x,
                             gdouble         center_y)
{
  pane->center_x = CLAMP (center_x, 0.0, 1.0);
  pane->center_y = CLAMP (center_y, 0.0, 1.0);
  pane_clamp_center (pane);
  pane->changed (pane->data);
}

void
nsp_preview_pane_free (NspPreviewPane *pane)
{
  if (! pane)
    return;
  g_signal_handlers_disconnect_by_data (pane->area, pane);
  g_signal_handlers_disconnect_by_data (pane->zoom_combo, pane);
  g_signal_handlers_disconnect_by_data (pane->before, pane);
  g_signal_handlers_disconnect_by_data (pane->regions, pane);
  picture_set (&pane->original, NULL, 0, 0);
  picture_set (&pane->painted, NULL, 0, 0);
  g_free (pane->outlines);
  g_free (pane);
}
