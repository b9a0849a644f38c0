/* test-dialog.c: drives nsp_dialog_run () with fake hooks under Xvfb.
 *
 * No GIMP and no engine: fake-gimp.c answers libgimpui's questions, the
 * hooks below record what the dialog asks the plug-in to do.  Four runs
 * of the dialog:
 *   1. the front rows shown, the advanced ones in the closed Advanced
 *      expander, the dialog shorter closed; the presets set the widgets,
 *      Custom otherwise; "1e6" and "Full size" in the number fields;
 *      every table row has its widget (label, mnemonic, tooltip, value),
 *      every change reaches NspValues, the log slider, the style picker,
 *      the device label, the debounced preview and the run's plan under
 *      it (also with the preview off), zoom, pan, Before and the
 *      regions' outlines, Help, Reset, the window size, OK → run_start
 *      with the values, progress, Stop → run_stop;
 *   2. OK then Cancel → run_cancel, and the dialog returns FALSE;
 *   3. a run that cannot start and one that fails show their messages and
 *      leave the dialog usable; closing the window returns FALSE;
 *   1-3. nothing moves and the dialog keeps its size between idle, running
 *      and error, whatever the length of the message;
 *   4. Advanced opens as run 3 left it; with no layer to take the style
 *      from, OK and the preview wait.
 * With --expect-translation (run with LANGUAGE=de), checks instead that
 * the dialog shows translated labels.
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include <gdk/gdkkeysyms.h>
#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "../check.h"
#include "common/number-text.h"
#include "fake-gimp.h"
#include "nsp-dialog.h"

/* ---- fake hooks -------------------------------------------------------- */

typedef struct
{
  gint               run_starts;
  gint               run_stops;
  gint               run_cancels;
  const gchar       *fail_start; /* the next run_start fails with this */
  NspValues          run_values;
  NspRunFinishedFunc finished;
  gpointer           finished_data;

  gint                preview_starts;
  gint                preview_cancels;
  gint                previews_live;
  gint64              preview_start_time;
  gboolean            have_view; /* FALSE: the plan alone was asked */
  NspPreviewView      view;
  NspPreviewFrameFunc on_frame;
  NspPlanFunc         on_plan;
  gpointer            frame_data;
} Fake;

static Fake fake;

static gboolean
report_stopped (gpointer data)
{
  fake.finished (TRUE, NULL, fake.finished_data);
  return G_SOURCE_REMOVE;
}

static gboolean
report_cancelled (gpointer data)
{
  fake.finished (FALSE, NULL, fake.finished_data);
  return G_SOURCE_REMOVE;
}

static gpointer
fake_run_start (const NspValues   *values,
                NspRunFinishedFunc finished,
                gpointer           finished_data,
                gpointer           user_data,
                gchar            **error_message)
{
  CHECK (user_data == &fake, "the hooks get another user_data");
  fake.run_starts++;
  if (fake.fail_start)
    {
      *error_message  = g_strdup (fake.fail_start);
      fake.fail_start = NULL;
      return NULL;
    }
  fake.run_values    = *values;
  fake.finished      = finished;
  fake.finished_data = finished_data;
  return &fake.run_values;
}

/* Like the plug-in, report the end later, from the main loop. */
static void
fake_run_stop (gpointer run)
{
  CHECK (run == &fake.run_values, "Stop names another run");
  fake.run_stops++;
  g_idle_add (report_stopped, NULL);
}

static void
fake_run_cancel (gpointer run)
{
  CHECK (run == &fake.run_values, "Cancel names another run");
  fake.run_cancels++;
  g_idle_add (report_cancelled, NULL);
}

static gpointer
fake_preview_start (const NspValues      *values,
                    const NspPreviewView *view,
                    NspPreviewFrameFunc   on_frame,
                    NspPlanFunc           on_plan,
                    gpointer              frame_data,
                    gpointer              user_data,
                    gchar               **error_message)
{
  /* The previous one was cancelled. */
  CHECK (fake.previews_live == 0, "a preview started while %d ran",
         fake.previews_live);
  fake.preview_starts++;
  fake.previews_live++;
  fake.preview_start_time = g_get_monotonic_time ();
  fake.have_view          = view != NULL;
  if (view)
    fake.view = *view;
  fake.on_frame           = on_frame;
  fake.on_plan            = on_plan;
  fake.frame_data         = frame_data;
  return GINT_TO_POINTER (fake.preview_starts);
}

static void
fake_preview_cancel (gpointer preview)
{
  CHECK (GPOINTER_TO_INT (preview) == fake.preview_starts,
         "cancelled preview %d, the latest is %d", GPOINTER_TO_INT (preview),
         fake.preview_starts);
  fake.preview_cancels++;
  fake.previews_live--;
}

static gchar *
fake_device_describe (NstDevice device, gpointer user_data)
{
  return g_strdup (device == NST_DEVICE_CUDA ? "Fake GPU (CUDA)"
                                             : "Fake CPU, 2 threads");
}

static const NspDialogHooks hooks = {
  fake_run_start,
  fake_run_stop,
  fake_run_cancel,
  fake_preview_start,
  fake_preview_cancel,
  fake_device_describe,
  NULL,
  &fake,
};

/* ---- helpers ----------------------------------------------------------- */

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the dialog work for `ms` milliseconds. */
static void
pump (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (! done)
    g_main_context_iteration (NULL, TRUE);
}

#define WAIT_FOR(cond, max_ms)                                                 \
  G_STMT_START                                                                 \
  {                                                                            \
    gint waited_ = 0;                                                          \
    while (! (cond) && waited_ < (max_ms))                                     \
      {                                                                        \
        pump (10);                                                             \
        waited_ += 10;                                                         \
      }                                                                        \
    CHECK (cond, "not within %d ms", (max_ms));                                \
  }                                                                            \
  G_STMT_END

static GtkWidget *
find_in (GtkWidget *widget, const gchar *name)
{
  GList     *children;
  GList     *list;
  GtkWidget *found = NULL;

  if (strcmp (gtk_widget_get_name (widget), name) == 0)
    return widget;
  if (! GTK_IS_CONTAINER (widget))
    return NULL;

  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (list = children; list && ! found; list = list->next)
    found = find_in (list->data, name);
  g_list_free (children);
  return found;
}

/* The widget named `name` in any window. */
static GtkWidget *
find (const gchar *name)
{
  GList     *windows = gtk_window_list_toplevels ();
  GList     *list;
  GtkWidget *found = NULL;

  for (list = windows; list && ! found; list = list->next)
    found = find_in (list->data, name);
  g_list_free (windows);
  CHECK (found, "no widget named \"%s\"", name);
  return found;
}

static GtkWidget *
button_for (GtkWidget *dialog, gint response)
{
  return gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), response);
}

static gdouble
widget_value (GtkWidget *widget)
{
  gint value = 0;

  if (GTK_IS_SPIN_BUTTON (widget))
    return gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));
  if (GIMP_IS_INT_COMBO_BOX (widget))
    {
      gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (widget), &value);
      return value;
    }
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget));
}

static void
set_widget_value (GtkWidget *widget, gdouble value)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), value);
  else if (GIMP_IS_INT_COMBO_BOX (widget))
    gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (widget), (gint) value);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), value != 0.0);
}

static gboolean
same (gdouble a, gdouble b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static const gchar *
mnemonic_label_text (GtkWidget *widget)
{
  GList       *labels = gtk_widget_list_mnemonic_labels (widget);
  const gchar *text   = labels ? gtk_label_get_label (labels->data) : NULL;

  g_list_free (labels);
  return text;
}

static void
check_fits_screen (GtkWidget *dialog)
{
  GtkRequisition req;

  /* 1366×768 less a panel or two. */
  gtk_widget_size_request (dialog, &req);
  CHECK (req.width <= 1366 && req.height <= 700, "needs %d×%d px", req.width,
         req.height);
}

/* Where the dialog's parts are.  None may move between idle, running and
 * error: the user aims at a button before the state changes. */
typedef struct
{
  GtkAllocation parts[8];
} Layout;

static const gchar *const layout_parts[] = {
  "dialog", "action area", "Help", "Reset",
  "Stop",   "Cancel",      "OK",   "progress bar",
};

static void
layout_get (GtkWidget *dialog, Layout *layout)
{
  GtkWidget *widgets[G_N_ELEMENTS (layout_parts)];
  gsize      i;

  G_STATIC_ASSERT (G_N_ELEMENTS (layout_parts) == G_N_ELEMENTS (layout->parts));
  /* Resizes happen from the main loop, with the X server's answer. */
  pump (300);
  widgets[0] = dialog;
  widgets[1] = gtk_dialog_get_action_area (GTK_DIALOG (dialog));
  widgets[2] = button_for (dialog, GTK_RESPONSE_HELP);
  widgets[3] = button_for (dialog, 1);
  widgets[4] = button_for (dialog, 2);
  widgets[5] = button_for (dialog, GTK_RESPONSE_CANCEL);
  widgets[6] = button_for (dialog, GTK_RESPONSE_OK);
  widgets[7] = find ("progress");
  for (i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      CHECK (gtk_widget_get_mapped (widgets[i]), "%s is not shown",
             layout_parts[i]);
      gtk_widget_get_allocation (widgets[i], &layout->parts[i]);
    }
}

static void
check_same_layout (GtkWidget *dialog, const Layout *before, const gchar *state)
{
  Layout now;
  gsize  i;

  layout_get (dialog, &now);
  for (i = 0; i < G_N_ELEMENTS (layout_parts); i++)
    {
      const GtkAllocation *a = &before->parts[i];
      const GtkAllocation *b = &now.parts[i];

      CHECK (a->x == b->x && a->y == b->y && a->width == b->width
                 && a->height == b->height,
             "%s: the %s moved from %d,%d %d×%d to %d,%d %d×%d", state,
             layout_parts[i], a->x, a->y, a->width, a->height, b->x, b->y,
             b->width, b->height);
    }
}

/* ---- run 1 ------------------------------------------------------------- */

static void check_unique_mnemonics (GtkWidget *dialog);

static gint
requested_height (GtkWidget *dialog)
{
  GtkRequisition req;

  gtk_widget_size_request (dialog, &req);
  return req.height;
}

/* The front rows in view, exactly the table's advanced rows in the closed
 * expander; opened, the dialog grows and still fits. */
static void
check_advanced (GtkWidget *dialog)
{
  gsize               n, i;
  const NstParamInfo *table    = nst_param_table (&n);
  GtkWidget          *expander = find ("advanced");
  gint                closed_height;

  CHECK (GTK_IS_EXPANDER (expander)
             && ! gtk_expander_get_expanded (GTK_EXPANDER (expander)),
         "Advanced is not a closed expander");
  for (i = 0; i < n; i++)
    {
      GtkWidget *widget = find (table[i].name);
      gboolean   inside = gtk_widget_is_ancestor (widget, expander);

      CHECK (inside == (table[i].place == NST_ADVANCED), "%s is %s Advanced",
             table[i].name, inside ? "inside" : "outside");
      CHECK (gtk_widget_get_mapped (widget) == ! inside, "%s is %s",
             table[i].name, inside ? "shown" : "hidden");
    }
  CHECK (gtk_widget_get_mapped (find ("preset"))
             && ! gtk_widget_is_ancestor (find ("preset"), expander),
         "the preset menu is not in front");
  check_unique_mnemonics (dialog);
  check_fits_screen (dialog);

  /* The settings, not the dialog: the left column may be the taller. */
  g_print ("dialog %d px high with Advanced closed\n",
           requested_height (dialog));
  closed_height = requested_height (gtk_widget_get_parent (expander));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  WAIT_FOR (gtk_widget_get_mapped (find ("seed")), 2000);
  CHECK (requested_height (gtk_widget_get_parent (expander)) > closed_height,
         "the settings need %d px open, %d closed",
         requested_height (gtk_widget_get_parent (expander)), closed_height);
  g_print ("dialog %d px high with Advanced open; settings %d px closed, "
           "%d open\n",
           requested_height (dialog), closed_height,
           requested_height (gtk_widget_get_parent (expander)));
  for (i = 0; i < n; i++)
    CHECK (gtk_widget_get_mapped (find (table[i].name)), "%s is hidden open",
           table[i].name);
}

/* The preset's label the menu shows, or "" */
static gint
active_preset (void)
{
  gint index = -2;

  gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (find ("preset")), &index);
  return index;
}

/* Choosing a preset sets its rows' widgets and values, and the menu shows
 * it; a value no preset has shows Custom (-1). */
static void
check_presets (const NspValues *values)
{
  gsize            n, i, v;
  const NstPreset *presets = nst_preset_table (&n);
  GtkWidget       *menu    = find ("preset");

  /* run_all's saved iterations, 123, are no preset's. */
  CHECK (active_preset () == -1, "the menu shows %d, not Custom",
         active_preset ());
  for (i = 0; i < n; i++)
    {
      gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (menu), (gint) i);
      pump (10);
      for (v = 0; v < presets[i].n_values; v++)
        {
          const NstParamInfo *info = nst_param_find (presets[i].values[v].name);

          CHECK (same (widget_value (find (info->name)),
                       presets[i].values[v].value)
                     && same (nst_params_get (&values->params, info),
                              presets[i].values[v].value),
                 "%s: %s shows %g, holds %g, not %g", presets[i].nick,
                 info->name, widget_value (find (info->name)),
                 nst_params_get (&values->params, info),
                 presets[i].values[v].value);
        }
      CHECK (active_preset () == (gint) i, "%s: the menu shows %d",
             presets[i].nick, active_preset ());
    }
  set_widget_value (find ("iterations"), 123);
  CHECK (active_preset () == -1, "iterations 123: the menu shows %d",
         active_preset ());
  /* Back to a preset's values by hand: the menu finds it. */
  set_widget_value (find ("iterations"), presets[n - 1].values[0].value);
  CHECK (active_preset () == (gint) n - 1,
         "%s's values by hand: the menu shows %d", presets[n - 1].nick,
         active_preset ());
}

/* Weights read "1e6", "2.5e4"; "3e5" typed is 300000. */
static void
check_compact_numbers (const NspValues *values)
{
  GtkWidget   *spin = find ("style-weight");
  GtkWidget   *size = find ("size");
  const gchar *text;

  set_widget_value (spin, 1e6);
  text = gtk_entry_get_text (GTK_ENTRY (spin));
  CHECK (strcmp (text, "1e6") == 0, "1e6 reads \"%s\"", text);
  set_widget_value (spin, 2.5e4);
  text = gtk_entry_get_text (GTK_ENTRY (spin));
  CHECK (strcmp (text, "2.5e4") == 0, "2.5e4 reads \"%s\"", text);
  gtk_entry_set_text (GTK_ENTRY (spin), "3e5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  CHECK (same (values->params.style_weight, 3e5), "\"3e5\" gave %g",
         values->params.style_weight);
  CHECK (strcmp (gtk_entry_get_text (GTK_ENTRY (spin)), "3e5") == 0,
         "3e5 reads \"%s\"", gtk_entry_get_text (GTK_ENTRY (spin)));

  /* The working size's 0 in words, both ways. */
  set_widget_value (size, 0);
  text = gtk_entry_get_text (GTK_ENTRY (size));
  CHECK (strcmp (text, nsp_full_size_text ()) == 0, "size 0 reads \"%s\"",
         text);
  set_widget_value (size, 640);
  CHECK (strcmp (gtk_entry_get_text (GTK_ENTRY (size)), "640") == 0,
         "size 640 reads \"%s\"", gtk_entry_get_text (GTK_ENTRY (size)));
  gtk_entry_set_text (GTK_ENTRY (size), nsp_full_size_text ());
  gtk_spin_button_update (GTK_SPIN_BUTTON (size));
  CHECK (values->params.size == 0, "typing \"%s\" gave size %d",
         nsp_full_size_text (), values->params.size);
  gtk_entry_set_text (GTK_ENTRY (size), "384");
  gtk_spin_button_update (GTK_SPIN_BUTTON (size));
  CHECK (values->params.size == 384, "typing 384 gave size %d",
         values->params.size);
}

static void
check_table_rows (const NspValues *values)
{
  gsize               n;
  const NstParamInfo *table = nst_param_table (&n);
  gsize               i;

  for (i = 0; i < n; i++)
    {
      const NstParamInfo *info   = &table[i];
      GtkWidget          *widget = find (info->name);
      const gchar        *label;
      gchar              *tooltip;

      if (! widget)
        continue;
      CHECK (gtk_widget_get_mapped (widget), "%s", info->name);
      if (info->type == NST_PARAM_TYPE_ENUM)
        CHECK (GIMP_IS_INT_COMBO_BOX (widget), "%s", info->name);
      else
        CHECK (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget),
               "%s", info->name);

      label = mnemonic_label_text (widget);
      CHECK (label && strcmp (label, _ (info->label)) == 0, "%s: label \"%s\"",
             info->name, label ? label : "(none)");

      tooltip = gtk_widget_get_tooltip_text (widget);
      CHECK (tooltip && strcmp (tooltip, _ (info->help)) == 0,
             "%s: tooltip \"%s\"", info->name, tooltip ? tooltip : "");
      g_free (tooltip);

      CHECK (
          same (widget_value (widget), nst_params_get (&values->params, info)),
          "%s shows %g, values hold %g", info->name, widget_value (widget),
          nst_params_get (&values->params, info));

      if (info->type == NST_PARAM_TYPE_ENUM)
        {
          GtkTreeModel *model
              = gtk_combo_box_get_model (GTK_COMBO_BOX (widget));
          gsize c;

          CHECK ((gsize) gtk_tree_model_iter_n_children (model, NULL)
                     == info->n_choices,
                 "%s", info->name);
          for (c = 0; c < info->n_choices; c++)
            {
              GtkTreeIter iter;
              gchar      *text = NULL;

              if (gimp_int_store_lookup_by_value (model, info->choices[c].value,
                                                  &iter))
                gtk_tree_model_get (model, &iter, GIMP_INT_STORE_LABEL, &text,
                                    -1);
              CHECK (text && strcmp (text, _ (info->choices[c].label)) == 0,
                     "%s: choice %s", info->name, info->choices[c].nick);
              g_free (text);
            }
        }
    }
}

/* Every widget writes what it shows into the values. */
static void
check_changes_reach_values (const NspValues *values)
{
  gsize               n;
  const NstParamInfo *table = nst_param_table (&n);
  gsize               i;

  for (i = 0; i < n; i++)
    {
      const NstParamInfo *info   = &table[i];
      GtkWidget          *widget = find (info->name);
      gdouble             value  = info->max_value;

      if (! widget)
        continue;
      if (info->type == NST_PARAM_TYPE_ENUM)
        value = info->choices[info->n_choices - 1].value;
      set_widget_value (widget, value);
      CHECK (same (nst_params_get (&values->params, info), value),
             "%s: set %g, values hold %g", info->name, value,
             nst_params_get (&values->params, info));
    }
}

static void
check_log_scale (const NspValues *values)
{
  const NstParamInfo *info = nst_param_find ("style-weight");
  GtkWidget          *spin = find ("style-weight");
  GtkAdjustment      *adj;
  GtkRange           *scale;

  CHECK (info && info->ui == NST_UI_LOG, "style-weight is no log-scale row");
  adj   = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin));
  scale = g_object_get_data (G_OBJECT (adj), "scale");
  CHECK (GTK_IS_HSCALE (scale), "the log-scale row has no slider");
  /* The slider spans the table's UI range, the field the whole range. */
  CHECK (
      same (gtk_adjustment_get_lower (gtk_range_get_adjustment (scale)),
            log10 (info->ui_min))
          && same (gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)),
                   log10 (info->ui_max)),
      "the slider spans %g to %g",
      gtk_adjustment_get_lower (gtk_range_get_adjustment (scale)),
      gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)));
  CHECK (gtk_adjustment_get_lower (adj) == info->min_value
             && gtk_adjustment_get_upper (adj) == info->max_value,
         "the field spans %g to %g", gtk_adjustment_get_lower (adj),
         gtk_adjustment_get_upper (adj));

  /* The exact value, typed in scientific notation. */
  gtk_entry_set_text (GTK_ENTRY (spin), "2.5e7");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  CHECK (same (values->params.style_weight, 2.5e7),
         "style weight %g after typing 2.5e7", values->params.style_weight);
  CHECK (same (gtk_range_get_value (scale), log10 (2.5e7)),
         "the slider is at %g", gtk_range_get_value (scale));
  CHECK (strcmp (gtk_entry_get_text (GTK_ENTRY (spin)), "2.5e7") == 0,
         "the entry shows \"%s\"", gtk_entry_get_text (GTK_ENTRY (spin)));

  /* Text that is no number leaves the value alone. */
  gtk_entry_set_text (GTK_ENTRY (spin), "lots");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  CHECK (same (values->params.style_weight, 2.5e7),
         "text that is no number changed the value to %g",
         values->params.style_weight);

  /* The slider moves in decades. */
  gtk_range_set_value (scale, 3.0);
  CHECK (same (values->params.style_weight, 1000.0),
         "style weight %g at the slider's 3", values->params.style_weight);
  CHECK (strcmp (gtk_entry_get_text (GTK_ENTRY (spin)), "1000") == 0,
         "the entry shows \"%s\"", gtk_entry_get_text (GTK_ENTRY (spin)));

  /* Its left end is the table's minimum, 0. */
  gtk_range_set_value (
      scale, gtk_adjustment_get_lower (gtk_range_get_adjustment (scale)));
  CHECK (values->params.style_weight == info->min_value,
         "style weight %g at the slider's left end",
         values->params.style_weight);
}

static gboolean
model_has (GtkWidget *combo, gint value)
{
  GtkTreeIter iter;

  return gimp_int_store_lookup_by_value (
      gtk_combo_box_get_model (GTK_COMBO_BOX (combo)), value, &iter);
}

/* The label the menu shows for its choice. */
static gchar *
active_label (GtkWidget *combo)
{
  GtkTreeIter iter;
  gchar      *label = NULL;

  if (gtk_combo_box_get_active_iter (GTK_COMBO_BOX (combo), &iter))
    gtk_tree_model_get (gtk_combo_box_get_model (GTK_COMBO_BOX (combo)), &iter,
                        GIMP_INT_STORE_LABEL, &label, -1);
  return label;
}

static void
check_styles (GtkWidget *dialog, NspValues *values)
{
  GtkWidget     *style1 = find ("style-1");
  GtkWidget     *add    = find ("style-add");
  GtkWidget     *blend2 = find ("style-blend-2");
  GtkRequisition before, after;
  gchar         *label, *tooltip;

  /* Suitable layers of every image, not the content nor indexed ones; the
   * content's own image first. */
  CHECK (model_has (style1, FAKE_STYLE_SAME),
         "the other style layer of the content's image is not offered");
  CHECK (model_has (style1, FAKE_STYLE_OTHER),
         "the style layer of another image is not offered");
  CHECK (! model_has (style1, FAKE_CONTENT),
         "the content layer is offered as a style");
  CHECK (! model_has (style1, FAKE_INDEXED),
         "an indexed layer is offered as a style");
  CHECK (values->n_styles == 1 && values->style_ids[0] == FAKE_STYLE_SAME,
         "%d styles, the first %d", values->n_styles, values->style_ids[0]);
  CHECK (widget_value (style1) == FAKE_STYLE_SAME, "the picker shows layer %g",
         widget_value (style1));
  CHECK (strcmp (mnemonic_label_text (style1), _ ("Style _1")) == 0,
         "the first style's label is \"%s\"", mnemonic_label_text (style1));
  CHECK (! gtk_widget_get_mapped (find ("style-2")),
         "a second style is shown with one");
  CHECK (! gtk_widget_get_mapped (find ("style-blend-1")),
         "a blend weight is shown with one style");
  CHECK (gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK is insensitive with a style chosen");

  /* "image — layer", no ids, whole in the tooltip; cut at the end. */
  label   = active_label (style1);
  tooltip = gtk_widget_get_tooltip_text (style1);
  CHECK (label && strcmp (label, "content.png — Starry") == 0,
         "the first style reads \"%s\"", label);
  CHECK (tooltip && g_str_has_prefix (tooltip, "content.png — Starry\n"),
         "the first style's tooltip is \"%s\"", tooltip);
  g_free (label);
  g_free (tooltip);

  gtk_widget_size_request (dialog, &before);
  gtk_button_clicked (GTK_BUTTON (add));
  pump (50);
  gtk_widget_size_request (dialog, &after);
  CHECK (after.width == before.width,
         "adding a style widened the dialog from %d to %d px", before.width,
         after.width);
  CHECK (values->n_styles == 2 && values->style_ids[1] == FAKE_STYLE_OTHER,
         "%d styles after Add, the second %d", values->n_styles,
         values->style_ids[1]);
  CHECK (gtk_widget_get_mapped (find ("style-2")),
         "the second style is not shown");
  CHECK (gtk_widget_get_mapped (find ("style-blend-1")),
         "the first blend weight is not shown");
  CHECK (gtk_widget_get_mapped (blend2),
         "the second blend weight is not shown");

  /* The engine's blend rule: a weight may be 0, not every one. */
  set_widget_value (blend2, 0.0);
  CHECK (same (values->style_blend[1], 0.0), "blend weight %g",
         values->style_blend[1]);
  CHECK (gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK is insensitive with one blend weight 0");
  set_widget_value (find ("style-blend-1"), 0.0);
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK is sensitive with every blend weight 0");
  set_widget_value (find ("style-blend-1"), NST_STYLE_BLEND_DEFAULT);
  CHECK (gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK stays insensitive with a blend weight above 0");

  set_widget_value (blend2, 0.5);
  CHECK (same (values->style_blend[1], 0.5), "blend weight %g",
         values->style_blend[1]);

  gtk_button_clicked (GTK_BUTTON (add));
  pump (50);
  CHECK (values->n_styles == 3 && values->style_ids[2] != -1,
         "%d styles after Add, the third %d", values->n_styles,
         values->style_ids[2]);
  CHECK (! gtk_widget_get_mapped (add), "Add is shown at the most styles");
  check_fits_screen (dialog);

  gtk_button_clicked (GTK_BUTTON (find ("style-remove-1")));
  CHECK (values->n_styles == 2, "%d styles after Remove", values->n_styles);
  CHECK (values->style_ids[0] == FAKE_STYLE_OTHER, "the first style is %d",
         values->style_ids[0]);
  CHECK (same (values->style_blend[0], 0.5), "the first blend weight is %g",
         values->style_blend[0]);
  CHECK (widget_value (style1) == FAKE_STYLE_OTHER, "the picker shows layer %g",
         widget_value (style1));

  gtk_button_clicked (GTK_BUTTON (find ("style-remove-2")));
  pump (50);
  CHECK (values->n_styles == 1 && values->style_ids[0] == FAKE_STYLE_OTHER,
         "%d styles, the first %d", values->n_styles, values->style_ids[0]);
  CHECK (! gtk_widget_get_mapped (find ("style-2")),
         "a second style is shown with one");

  set_widget_value (style1, FAKE_STYLE_SAME);
  CHECK (values->style_ids[0] == FAKE_STYLE_SAME, "the first style is %d",
         values->style_ids[0]);
}

static void
check_device (void)
{
  GtkWidget *label  = find ("device-label");
  GtkWidget *device = find ("device");

  set_widget_value (device, NST_DEVICE_AUTO);
  CHECK (strstr (gtk_label_get_text (GTK_LABEL (label)), "Fake CPU, 2 threads"),
         "the device label says \"%s\"",
         gtk_label_get_text (GTK_LABEL (label)));
  set_widget_value (device, NST_DEVICE_CUDA);
  CHECK (strstr (gtk_label_get_text (GTK_LABEL (label)), "Fake GPU (CUDA)"),
         "the device label says \"%s\"",
         gtk_label_get_text (GTK_LABEL (label)));
  set_widget_value (device, NST_DEVICE_AUTO);
}

/* The layer OK paints is named, as the style menus name layers. */
static void
check_painted_layer (void)
{
  const gchar *text = gtk_label_get_text (GTK_LABEL (find ("painted-layer")));

  CHECK (strstr (text, "content.png — Background"),
         "the painted layer reads \"%s\"", text);
}

/* A preview's report of a width × height frame of one colour, or none
 * (rgb NULL) where r is negative; of a run working at 4000 × 3000 px. */
static void
send (gboolean     original,
      gboolean     final,
      gint         width,
      gint         height,
      gfloat       r,
      gfloat       g,
      gfloat       b,
      const gchar *note)
{
  gfloat         *rgb   = g_new (gfloat, width * height * 3);
  NspPreviewFrame frame = { .rgb            = r < 0 ? NULL : rgb,
                            .width          = width,
                            .height         = height,
                            .original       = original,
                            .final          = final,
                            .note           = note,
                            .working_width  = 4000,
                            .working_height = 3000 };
  gint            i;

  for (i = 0; i < width * height * 3; i += 3)
    {
      rgb[i]     = r;
      rgb[i + 1] = g;
      rgb[i + 2] = b;
    }
  fake.on_frame (&frame, fake.frame_data);
  g_free (rgb);
}

static void
send_frame (gfloat r, gfloat g, gfloat b)
{
  send (FALSE, TRUE, 40, 30, r, g, b, "");
}

static const gchar *
preview_status (void)
{
  return gtk_label_get_text (GTK_LABEL (find ("preview-status")));
}

static const gchar *
plan_text (void)
{
  return gtk_label_get_text (GTK_LABEL (find ("plan")));
}

/* The area's pixel at (dx, dy) from its centre. */
static const guchar *
preview_at (gint dx, gint dy)
{
  GimpPreviewArea *area = GIMP_PREVIEW_AREA (find ("preview-area"));

  CHECK (area->buf, "the preview area has no picture");
  return area->buf + (area->height / 2 + dy) * area->rowstride
         + (area->width / 2 + dx) * 3;
}

static const guchar *
preview_centre (void)
{
  return preview_at (0, 0);
}

static void
check_preview (void)
{
  GtkWidget *iterations = find ("iterations");
  GtkWidget *output     = find ("output");
  GtkWidget *toggle     = find ("preview-toggle");
  gint64     changes[5];
  gint       stalls = 0;
  gint       starts;
  gint       i;

  /* Let pending restarts happen, then draw a frame. */
  pump (600);
  CHECK (fake.previews_live == 1, "%d previews running", fake.previews_live);
  CHECK (fake.have_view && fake.view.zoom == 0.0
             && MAX (fake.view.width, fake.view.height) >= 320,
         "the first preview fits the layer into %d × %d px (zoom %g)",
         fake.view.width, fake.view.height, fake.view.zoom);
  send (TRUE, FALSE, 40, 30, 0.0f, 0.0f, 1.0f, "");
  send_frame (1.0f, 0.0f, 0.0f);
  CHECK (memcmp (preview_centre (), "\377\0\0", 3) == 0,
         "the frame is not drawn");

  /* The plug-in's notes replace "Updating…": its progress, and a failure
   * (with no frame): its reason instead of an image. */
  send (FALSE, FALSE, 0, 0, -1.0f, 0.0f, 0.0f, "Computing: evaluation 3 of 40");
  CHECK (strcmp (preview_status (), "Computing: evaluation 3 of 40") == 0,
         "the preview status says \"%s\"", preview_status ());
  CHECK (memcmp (preview_centre (), "\377\0\0", 3) == 0,
         "a note without a frame dropped the picture");
  send (FALSE, TRUE, 0, 0, -1.0f, 0.0f, 0.0f,
        "The weights file is damaged: download it again.");
  CHECK (strcmp (preview_status (), "The weights file is damaged: "
                                    "download it again.")
             == 0,
         "the preview status says \"%s\"", preview_status ());
  CHECK (memcmp (preview_centre (), "\200\200\200", 3) == 0,
         "a picture is shown beside the error");
  send (TRUE, FALSE, 40, 30, 0.0f, 0.0f, 1.0f, "");
  send_frame (1.0f, 0.0f, 0.0f);

  /* The full run's plan, as the plug-in words it, under the preview; a
   * refusal too (in bold), until the next change asks again. */
  fake.on_plan ("The run: 4000 × 3000 px in 4 levels", FALSE, fake.frame_data);
  CHECK (strcmp (plan_text (), "The run: 4000 × 3000 px in 4 levels") == 0,
         "the plan says \"%s\"", plan_text ());
  fake.on_plan ("Too big: 9 GiB needed", TRUE, fake.frame_data);
  CHECK (strcmp (plan_text (), "Too big: 9 GiB needed") == 0
             && strstr (gtk_label_get_label (GTK_LABEL (find ("plan"))), "<b>"),
         "the refusal says \"%s\", in bold", plan_text ());

  /* A burst of changes: the running preview is cancelled at once, its late
   * frames are ignored, and a new one starts once they rest. */
  starts = fake.preview_starts;
  for (i = 0; i < 5; i++)
    {
      set_widget_value (iterations, 40 + i);
      changes[i] = g_get_monotonic_time ();
      CHECK (fake.previews_live == 0, "%d previews running after a change",
             fake.previews_live);
      if (i == 0)
        {
          send_frame (0.0f, 1.0f, 0.0f);
          CHECK (memcmp (preview_centre (), "\377\0\0", 3) == 0,
                 "a late frame of a cancelled preview was drawn");
          fake.on_plan ("stale", FALSE, fake.frame_data);
          CHECK (strcmp (plan_text (), "stale") != 0,
                 "a late plan of a cancelled preview was shown");
        }
      pump (50);
      if (i > 0 && changes[i] - changes[i - 1] >= 400 * 1000)
        stalls++;
    }
  WAIT_FOR (fake.preview_start_time > changes[4], 3000);
  pump (600);
  CHECK (fake.preview_start_time - changes[4] >= 395 * 1000,
         "started %d ms after the last change",
         (gint) ((fake.preview_start_time - changes[4]) / 1000));
  /* Changes 50 ms apart start one preview (more only if this machine
   * stalled for 400 ms between two of them). */
  CHECK (fake.preview_starts - starts <= 1 + stalls,
         "%d previews for one burst", fake.preview_starts - starts);
  starts = fake.preview_starts;

  /* What the engine ignores does not restart it. */
  set_widget_value (output, widget_value (output) == NST_OUTPUT_REPLACE
                                ? NST_OUTPUT_NEW_LAYER
                                : NST_OUTPUT_REPLACE);
  pump (600);
  CHECK (fake.preview_starts == starts && fake.previews_live == 1,
         "%d previews started, %d running", fake.preview_starts - starts,
         fake.previews_live);

  /* Turned off: cancelled, and changes ask only for the plan (size 0). */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  CHECK (fake.previews_live == 0,
         "%d previews running after turning the preview off",
         fake.previews_live);
  set_widget_value (iterations, 77);
  pump (600);
  CHECK (strcmp (preview_status (), "Preview is off") == 0,
         "the preview status says \"%s\"", preview_status ());
  CHECK (fake.preview_starts > starts && ! fake.have_view,
         "with the preview off: %d starts, a view %d",
         fake.preview_starts - starts, fake.have_view);
  starts = fake.preview_starts;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  WAIT_FOR (fake.preview_starts == starts + 1, 3000);
  CHECK (fake.have_view, "turned on, no view asked");
}

/* A button or motion event at (x, y) of the preview area, as the pointer
 * would send it. */
static void
pointer_event (GdkEventType type, gdouble x, gdouble y)
{
  GtkWidget *area  = find ("preview-area");
  GdkEvent  *event = gdk_event_new (type);

  event->any.window = g_object_ref (gtk_widget_get_window (area));
  if (type == GDK_MOTION_NOTIFY)
    {
      event->motion.x     = x;
      event->motion.y     = y;
      event->motion.state = GDK_BUTTON1_MASK;
    }
  else
    {
      event->button.x      = x;
      event->button.y      = y;
      event->button.button = 1;
    }
  gtk_widget_event (area, event);
  gdk_event_free (event);
}

/* Before/after, zoom and pan: Before shows the original while pressed;
 * 100 % asks for the part in view at the run's scale, dragging moves it,
 * 200 % shows each of the run's pixels as 2 × 2. */
static void
check_preview_view (void)
{
  GtkWidget *zoom   = find ("preview-zoom");
  GtkWidget *before = find ("preview-before");
  gint       starts;

  pump (600);
  send (TRUE, FALSE, 40, 30, 0.0f, 0.0f, 1.0f, "");
  send_frame (1.0f, 0.0f, 0.0f);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (before), TRUE);
  CHECK (memcmp (preview_centre (), "\0\0\377", 3) == 0,
         "Before does not show the original");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (before), FALSE);
  CHECK (memcmp (preview_centre (), "\377\0\0", 3) == 0,
         "the painted frame is not back after Before");

  starts = fake.preview_starts;
  gtk_combo_box_set_active (GTK_COMBO_BOX (zoom), 1);
  WAIT_FOR (fake.preview_starts > starts, 3000);
  CHECK (fake.view.zoom == 1.0 && fake.view.center_x == 0.5
             && fake.view.center_y == 0.5,
         "100 %% asks for zoom %g at (%g, %g)", fake.view.zoom,
         fake.view.center_x, fake.view.center_y);

  /* The part in view of a 4000 × 3000 px run: dragging the image 100 px
   * left and 50 px up shows what lay right and below. */
  send (TRUE, FALSE, 100, 100, 0.0f, 1.0f, 0.0f, "");
  starts = fake.preview_starts;
  pointer_event (GDK_BUTTON_PRESS, 200, 150);
  pointer_event (GDK_MOTION_NOTIFY, 150, 125);
  pointer_event (GDK_MOTION_NOTIFY, 100, 100);
  CHECK (memcmp (preview_at (-100, -50), "\0\377\0", 3) == 0
             && memcmp (preview_at (40, 40), "\200\200\200", 3) == 0,
         "the image does not follow the pointer");
  pointer_event (GDK_BUTTON_RELEASE, 100, 100);
  WAIT_FOR (fake.preview_starts > starts, 3000);
  CHECK (fabs (fake.view.center_x - (0.5 + 100.0 / 4000)) < 1e-9
             && fabs (fake.view.center_y - (0.5 + 50.0 / 3000)) < 1e-9,
         "after the drag the view is centred at (%g, %g)", fake.view.center_x,
         fake.view.center_y);

  /* 200 %: a 2 × 1 frame of the run's pixels shows as 4 × 2 screen
   * pixels, each of the run's pixels 2 × 2. */
  gtk_combo_box_set_active (GTK_COMBO_BOX (zoom), 2);
  WAIT_FOR (fake.view.zoom == 2.0, 3000);
  {
    gfloat          rgb[6] = { 1, 0, 0, 0, 0, 1 };
    NspPreviewFrame frame  = { .rgb            = rgb,
                               .width          = 2,
                               .height         = 1,
                               .original       = TRUE,
                               .note           = "",
                               .working_width  = 4000,
                               .working_height = 3000 };

    fake.on_frame (&frame, fake.frame_data);
  }
  CHECK (memcmp (preview_at (-2, -1), "\377\0\0", 3) == 0
             && memcmp (preview_at (-1, 0), "\377\0\0", 3) == 0
             && memcmp (preview_at (0, -1), "\0\0\377", 3) == 0
             && memcmp (preview_at (1, 0), "\0\0\377", 3) == 0
             && memcmp (preview_at (2, 0), "\200\200\200", 3) == 0,
         "at 200 %% a pixel of the run is not 2 × 2 on screen");
  gtk_combo_box_set_active (GTK_COMBO_BOX (zoom), 0);
  pump (600);
}

/* The area's pixel at the middle of pixel (x, y) of a 40 × 30 px original
 * fitted into it. */
static const guchar *
fitted_at (gint x, gint y)
{
  GimpPreviewArea *area  = GIMP_PREVIEW_AREA (find ("preview-area"));
  gdouble          scale = MIN (area->width / 40.0, area->height / 30.0);

  return preview_at ((gint) ((x + 0.5 - 20) * scale),
                     (gint) ((y + 0.5 - 15) * scale));
}

/* Counts the area's pixels of colour `rgb` over the 40 × 30 px original
 * fitted into it, and whether each lies on the original's column `column`
 * or row `row` (-1: either), as the pane maps the screen to it. */
static gint
count_colour (const guchar *rgb, gint column, gint row, gboolean *placed)
{
  GimpPreviewArea *area  = GIMP_PREVIEW_AREA (find ("preview-area"));
  gdouble          scale = MIN (area->width / 40.0, area->height / 30.0);
  gint             tw = (gint) (40 * scale), th = (gint) (30 * scale);
  gint             x0 = (area->width - tw) / 2, y0 = (area->height - th) / 2;
  gint             n = 0;
  gint             x, y;

  *placed = TRUE;
  CHECK (area->buf, "the preview area has no picture");
  for (y = 0; y < area->height; y++)
    for (x = 0; x < area->width; x++)
      if (memcmp (area->buf + y * area->rowstride + x * 3, rgb, 3) == 0)
        {
          gint ox = (x - x0) * 40 / tw, oy = (y - y0) * 30 / th;

          n++;
          if ((column >= 0 && ox != column) || (row >= 0 && oy != row))
            *placed = FALSE;
        }
  return n;
}

/* "Regions": shown for a preview whose styles have regions, it outlines
 * them over the picture (painted or Before), style 1 in yellow, style 2 in
 * cyan, dashed with black; hidden for a preview without regions. */
static void
check_preview_regions (void)
{
  GtkWidget      *toggle = find ("preview-regions");
  GtkWidget      *before = find ("preview-before");
  gfloat          rgb[40 * 30 * 3];
  gfloat          top[40 * 30], left[40 * 30];
  NspPreviewFrame frame     = { .rgb            = rgb,
                                .width          = 40,
                                .height         = 30,
                                .original       = TRUE,
                                .note           = "",
                                .working_width  = 4000,
                                .working_height = 3000,
                                .regions        = { top, left } };
  const guchar    yellow[3] = { 255, 255, 0 }, cyan[3] = { 0, 255, 255 };
  const guchar    black[3] = { 0, 0, 0 };
  gboolean        placed_yellow, placed_cyan, placed_black;
  gint            i;

  pump (600);
  CHECK (! gtk_widget_get_visible (toggle), "Regions is shown without regions");

  /* Style 1 paints the top 10 rows (its outline: row 9), style 2 the left
   * 20 columns (its outline: column 19, but for row 9's pixel, style 1's). */
  for (i = 0; i < 40 * 30; i++)
    {
      rgb[i * 3] = rgb[i * 3 + 1] = 0.0f;
      rgb[i * 3 + 2]              = 1.0f;
      top[i]                      = i / 40 < 10 ? 1.0f : 0.0f;
      left[i]                     = i % 40 < 20 ? 0.8f : 0.1f;
    }
  fake.on_frame (&frame, fake.frame_data);
  send_frame (1.0f, 0.0f, 0.0f);
  pump (100);
  CHECK (gtk_widget_get_visible (toggle) && gtk_widget_get_mapped (toggle),
         "Regions is hidden for a preview with regions");
  CHECK (gtk_widget_get_has_tooltip (toggle), "Regions has no tooltip");
  CHECK (! gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)),
         "Regions starts on");
  CHECK (count_colour (yellow, -1, -1, &placed_yellow) == 0
             && count_colour (cyan, -1, -1, &placed_cyan) == 0
             && count_colour (black, -1, -1, &placed_black) == 0,
         "outlines are drawn with Regions off");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  CHECK (count_colour (yellow, -1, 9, &placed_yellow) > 0 && placed_yellow,
         "style 1's outline is not drawn on row 9 in yellow");
  CHECK (count_colour (cyan, 19, -1, &placed_cyan) > 0 && placed_cyan,
         "style 2's outline is not drawn on column 19 in cyan");
  CHECK (count_colour (black, -1, -1, &placed_black) > 0,
         "the outlines are not dashed with black");
  CHECK (memcmp (fitted_at (30, 20), "\377\0\0", 3) == 0
             && memcmp (fitted_at (10, 5), "\377\0\0", 3) == 0,
         "the painted frame is not under the outlines");

  /* Before: the same outlines over the original. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (before), TRUE);
  CHECK (count_colour (cyan, 19, -1, &placed_cyan) > 0 && placed_cyan
             && memcmp (fitted_at (30, 20), "\0\0\377", 3) == 0,
         "Before does not show the original with the outlines");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (before), FALSE);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  CHECK (count_colour (yellow, -1, -1, &placed_yellow) == 0
             && count_colour (cyan, -1, -1, &placed_cyan) == 0,
         "the outlines stay with Regions off");

  /* The next preview's original has no region: no button, no outline. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  send (TRUE, FALSE, 40, 30, 0.0f, 0.0f, 1.0f, "");
  send_frame (1.0f, 0.0f, 0.0f);
  pump (100);
  CHECK (! gtk_widget_get_visible (toggle),
         "Regions is shown for a preview without regions");
  CHECK (count_colour (cyan, -1, -1, &placed_cyan) == 0,
         "an outline is drawn for a preview without regions");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
}

static gboolean
text_contains (GtkWidget *view, const gchar *needle)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter    start, end;
  gchar         *text;
  gboolean       found;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text  = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  found = strstr (text, needle) != NULL;
  g_free (text);
  return found;
}

static void
check_help (GtkWidget *dialog)
{
  gsize               n;
  const NstParamInfo *table = nst_param_table (&n);
  GtkWidget          *view;
  gsize               i;

  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_HELP)));
  pump (100);
  view = find ("help-text");
  if (! view)
    return;
  CHECK (gtk_widget_get_mapped (view), "the help is not shown");
  for (i = 0; i < n; i++)
    CHECK (text_contains (view, _ (table[i].help)), "%s", table[i].name);

  gtk_dialog_response (GTK_DIALOG (gtk_widget_get_toplevel (view)),
                       GTK_RESPONSE_CLOSE);
  pump (50);
}

static void
check_reset (GtkWidget *dialog, const NspValues *values)
{
  gsize               n;
  const NstParamInfo *table = nst_param_table (&n);
  gsize               i;

  /* Reset also leaves one style, the first, at the default weight. */
  if (values->n_styles < 2)
    gtk_button_clicked (GTK_BUTTON (find ("style-add")));
  pump (50);
  CHECK (values->n_styles >= 2, "%d styles before Reset", values->n_styles);
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, 1)));
  pump (50);
  CHECK (values->n_styles == 1 && ! gtk_widget_get_mapped (find ("style-2"))
             && same (values->style_blend[0], NST_STYLE_BLEND_DEFAULT),
         "after Reset: %d styles, the first weighted %g", values->n_styles,
         values->style_blend[0]);
  for (i = 0; i < n; i++)
    {
      CHECK (same (nst_params_get (&values->params, &table[i]),
                   table[i].default_value),
             "%s", table[i].name);
      CHECK (same (widget_value (find (table[i].name)), table[i].default_value),
             "%s", table[i].name);
    }
}

/* Every control the user can reach explains itself. */
static void
check_tooltips (GtkWidget *widget, gpointer unused)
{
  if (gtk_widget_get_can_focus (widget) && gtk_widget_get_mapped (widget)
      && gtk_widget_is_sensitive (widget))
    {
      GtkWidget *w;
      gboolean   has = FALSE;

      for (w = widget; w && ! has; w = gtk_widget_get_parent (w))
        has = gtk_widget_get_has_tooltip (w);
      CHECK (has, "%s (%s) has no tooltip", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_name (widget));
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), check_tooltips, NULL);
}

static void
collect_mnemonics (GtkWidget *widget, gpointer data)
{
  GHashTable *seen = data;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));

      if (key != GDK_KEY_VoidSymbol)
        {
          const gchar *other;

          key   = gdk_keyval_to_lower (key);
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));
          CHECK (! other, "\"%s\" and \"%s\" share the mnemonic %s", other,
                 gtk_label_get_label (GTK_LABEL (widget)),
                 gdk_keyval_name (key));
          g_hash_table_insert (
              seen, GUINT_TO_POINTER (key),
              (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
        }
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), collect_mnemonics, seen);
}

/* Alt+letter reaches one control: a shared letter would only move the
 * focus (and would not press OK or Cancel). */
static void
check_unique_mnemonics (GtkWidget *dialog)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (dialog, seen);
  CHECK (g_hash_table_size (seen) > 10, "only %u mnemonics",
         g_hash_table_size (seen));
  g_hash_table_unref (seen);
}

static gboolean
values_equal (const NspValues *a, const NspValues *b)
{
  gsize               n;
  const NstParamInfo *table = nst_param_table (&n);
  gsize               i;
  gint                s;

  for (i = 0; i < n; i++)
    if (! same (nst_params_get (&a->params, &table[i]),
                nst_params_get (&b->params, &table[i])))
      return FALSE;
  if (a->n_styles != b->n_styles)
    return FALSE;
  for (s = 0; s < a->n_styles; s++)
    if (a->style_ids[s] != b->style_ids[s]
        || ! same (a->style_blend[s], b->style_blend[s]))
      return FALSE;
  return strcmp (a->weights_path, b->weights_path) == 0;
}

/* OK: the run starts with the values, the settings lock, progress shows;
 * nothing moves. */
static void
start_run (GtkWidget *dialog, const NspValues *values)
{
  gint                      starts = fake.run_starts;
  gint                      previews;
  gpointer                  bar;
  const GimpProgressVtable *progress = fake_gimp_progress (&bar);
  Layout                    idle;

  pump (600);
  layout_get (dialog, &idle);
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_OK)));
  CHECK (fake.run_starts == starts + 1, "%d runs started",
         fake.run_starts - starts);
  CHECK (values_equal (&fake.run_values, values),
         "the run got other values than the dialog's");
  CHECK (fake.previews_live == 0, "%d previews running with the run",
         fake.previews_live);
  pump (50);
  CHECK (! gtk_widget_is_sensitive (find ("iterations")),
         "the iterations stay editable during the run");
  CHECK (! gtk_widget_is_sensitive (find ("style-1")),
         "the style picker stays editable during the run");
  CHECK (! gtk_widget_is_sensitive (find ("preview-toggle")),
         "the preview toggle stays editable during the run");
  CHECK (gtk_widget_is_sensitive (find ("progress")),
         "the progress bar is insensitive during the run");
  CHECK (gtk_widget_is_sensitive (button_for (dialog, 2)),
         "Stop is insensitive during the run");
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK is sensitive during the run");
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, 1)),
         "Reset is sensitive during the run");

  /* GIMP sends the plug-in's progress to the dialog's bar. */
  CHECK (progress != NULL, "GIMP was given no progress for the dialog");
  if (progress)
    {
      GtkProgressBar *pbar = GTK_PROGRESS_BAR (find ("progress"));

      CHECK (bar == (gpointer) pbar,
             "the progress goes elsewhere than the dialog's bar");
      progress->start ("Evaluation 5 of 40, 0:12 left", FALSE, bar);
      progress->set_value (0.25, bar);
      CHECK (same (gtk_progress_bar_get_fraction (pbar), 0.25),
             "the bar is at %g", gtk_progress_bar_get_fraction (pbar));
      CHECK (strcmp (gtk_progress_bar_get_text (pbar),
                     "Evaluation 5 of 40, 0:12 left")
                 == 0,
             "the bar says \"%s\"", gtk_progress_bar_get_text (pbar));
      progress->set_text ("Evaluation 6 of 40, 0:11 left; the layer still "
                          "shows the start image: the loss has not fallen "
                          "below its own yet",
                          bar);
    }
  check_same_layout (dialog, &idle, "running");

  /* No preview competes with the run. */
  previews = fake.preview_starts;
  pump (600);
  CHECK (fake.preview_starts == previews, "%d previews started during the run",
         fake.preview_starts - previews);
}

static gboolean
run1 (gpointer data)
{
  NspValues *values = data;
  GtkWidget *dialog = find ("nst-dialog");

  WAIT_FOR (gtk_widget_get_mapped (dialog), 5000);

  /* Idle, the bar and Stop hold their places, unusable. */
  CHECK (gtk_widget_get_mapped (find ("progress")),
         "no progress bar when idle");
  CHECK (! gtk_widget_is_sensitive (find ("progress")),
         "the progress bar is sensitive when idle");
  CHECK (gtk_widget_get_mapped (button_for (dialog, 2)),
         "no Stop button when idle");
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, 2)),
         "Stop is sensitive when idle");
  check_advanced (dialog);
  check_presets (values);
  check_table_rows (values);
  check_unique_mnemonics (dialog);
  check_fits_screen (dialog);
  check_tooltips (dialog, NULL);
  check_compact_numbers (values);
  check_styles (dialog, values);
  check_changes_reach_values (values);
  check_log_scale (values);
  check_device ();
  check_painted_layer ();
  check_preview ();
  check_preview_view ();
  check_preview_regions ();
  check_help (dialog);
  check_reset (dialog, values);
  /* Run 4 checks that Advanced opens as run 3 leaves it, open. */
  gtk_expander_set_expanded (GTK_EXPANDER (find ("advanced")), FALSE);

  set_widget_value (find ("iterations"), 12);
  start_run (dialog, values);

  gtk_button_clicked (GTK_BUTTON (button_for (dialog, 2)));
  CHECK (fake.run_stops == 1, "%d stops", fake.run_stops);
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, 2)),
         "Stop stays sensitive once pressed");
  return G_SOURCE_REMOVE;
}

/* ---- run 2: Cancel during the run ------------------------------------- */

static gboolean
run2 (gpointer data)
{
  NspValues *values = data;
  GtkWidget *dialog = find ("nst-dialog");

  WAIT_FOR (gtk_widget_get_mapped (dialog), 5000);
  CHECK (widget_value (find ("iterations")) == 12,
         "iterations %g, not the last run's",
         widget_value (find ("iterations")));

  start_run (dialog, values);
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_CANCEL)));
  CHECK (fake.run_cancels == 1 && fake.run_stops == 1, "%d cancels, %d stops",
         fake.run_cancels, fake.run_stops);
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, 2)),
         "Stop stays sensitive after Cancel");
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_CANCEL)),
         "Cancel stays sensitive once pressed");
  return G_SOURCE_REMOVE;
}

/* ---- run 3: errors ----------------------------------------------------- */

/* The message in its slot, whole; the dialog usable and as it was. */
static void
check_error_shown (GtkWidget *dialog, const gchar *message, const Layout *idle)
{
  GtkWidget   *label = find ("error-label");
  const gchar *state = message;
  gchar       *tooltip;

  pump (50);
  CHECK (gtk_widget_get_mapped (label), "the error label is not shown");
  CHECK (strcmp (gtk_label_get_text (GTK_LABEL (label)), message) == 0,
         "the error label says \"%s\"", gtk_label_get_text (GTK_LABEL (label)));
  tooltip = gtk_widget_get_tooltip_text (label);
  CHECK (tooltip && strcmp (tooltip, message) == 0,
         "the error tooltip says \"%s\"", tooltip ? tooltip : "(none)");
  g_free (tooltip);
  CHECK (gtk_widget_is_sensitive (find ("iterations")),
         "the settings are insensitive after an error");
  CHECK (gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK is insensitive after an error");
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, 2)),
         "Stop is sensitive after an error");
  CHECK (! gtk_widget_is_sensitive (find ("progress")),
         "the progress bar is sensitive after an error");
  CHECK (same (gtk_progress_bar_get_fraction (
                   GTK_PROGRESS_BAR (find ("progress"))),
               0.0),
         "the bar is not empty after an error");
  if (strlen (state) > 60)
    state = "a long error";
  check_same_layout (dialog, idle, state);
}

static gboolean
run3 (gpointer data)
{
  GtkWidget     *dialog     = find ("nst-dialog");
  const gchar   *no_start   = "No weights: run nst-download-weights.";
  const gchar   *run_error  = "Out of memory: try a smaller working size.";
  GString       *long_error = g_string_new (NULL);
  GtkWidget     *slot;
  GtkAdjustment *vadj;
  GtkAllocation  slot_size;
  gint           text_width;
  Layout         idle;
  gint           i;

  WAIT_FOR (gtk_widget_get_mapped (dialog), 5000);
  layout_get (dialog, &idle);

  fake.fail_start = no_start;
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_OK)));
  check_error_shown (dialog, no_start, &idle);

  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_OK)));
  CHECK (fake.run_starts == 4, "%d runs started", fake.run_starts);
  fake.finished (FALSE, run_error, fake.finished_data);
  check_error_shown (dialog, run_error, &idle);
  check_fits_screen (dialog);

  /* A message longer than its slot: the slot scrolls, the text wraps at
   * its width (a word wider than the slot too). */
  for (i = 0; i < 12; i++)
    g_string_append (long_error,
                     "The engine stopped: CUDA error: an illegal "
                     "memory access was encountered; try the CPU. ");
  g_string_append (long_error,
                   "/a/path/without/spaces/that/is/longer/than/"
                   "the/slot/is/wide/if/it/does/not/wrap/within/a/word/"
                   "which/it/must/weights/vgg19-imagenet-conv1-to-conv5.pt");
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_OK)));
  CHECK (fake.run_starts == 5, "%d runs started", fake.run_starts);
  fake.finished (FALSE, long_error->str, fake.finished_data);
  check_error_shown (dialog, long_error->str, &idle);
  slot = find ("error-slot");
  if (slot)
    {
      vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (slot));
      CHECK (gtk_adjustment_get_upper (vadj)
                 > gtk_adjustment_get_page_size (vadj),
             "the long error does not scroll");
      CHECK (gtk_adjustment_get_value (vadj) == 0.0,
             "the long error is scrolled to %g",
             gtk_adjustment_get_value (vadj));
      gtk_widget_get_allocation (slot, &slot_size);
      pango_layout_get_pixel_size (
          gtk_label_get_layout (GTK_LABEL (find ("error-label"))), &text_width,
          NULL);
      /* GTK 2 alone would wrap it at about half the slot's width. */
      CHECK (text_width <= slot_size.width
                 && text_width >= slot_size.width * 3 / 4,
             "the message is %d px wide in a slot of %d px", text_width,
             slot_size.width);
    }
  g_string_free (long_error, TRUE);

  /* Editing again clears the message. */
  set_widget_value (find ("iterations"), 13);
  pump (50);
  CHECK (*gtk_label_get_text (GTK_LABEL (find ("error-label"))) == '\0',
         "the error stays after editing");
  check_same_layout (dialog, &idle, "the message cleared");

  gtk_expander_set_expanded (GTK_EXPANDER (find ("advanced")), TRUE);
  /* Closing the window (or Escape) is Cancel. */
  g_signal_emit_by_name (dialog, "close");
  return G_SOURCE_REMOVE;
}

/* ---- run 4: nothing to take the style from ------------------------------ */

static gboolean
run4 (gpointer data)
{
  const NspValues *values = data;
  GtkWidget       *dialog = find ("nst-dialog");
  gint             starts = fake.preview_starts;

  WAIT_FOR (gtk_widget_get_mapped (dialog), 5000);
  CHECK (gtk_expander_get_expanded (GTK_EXPANDER (find ("advanced"))),
         "Advanced closed again: run 3 left it open");
  pump (600);
  CHECK (values->style_ids[0] == -1, "style %d, with no layer to take it from",
         values->style_ids[0]);
  CHECK (! gtk_widget_is_sensitive (button_for (dialog, GTK_RESPONSE_OK)),
         "OK is sensitive with no style");
  CHECK (! gtk_widget_is_sensitive (find ("style-add")),
         "Add is sensitive with no style");
  CHECK (fake.preview_starts == starts, "a preview started with no style");
  CHECK (strcmp (gtk_label_get_text (GTK_LABEL (find ("preview-status"))),
                 _ ("Choose a style layer to see a preview"))
             == 0,
         "the preview status says \"%s\"",
         gtk_label_get_text (GTK_LABEL (find ("preview-status"))));

  /* Return (OK's shortcut) does nothing either. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  CHECK (fake.run_starts == 5, "Return started a run with no style");
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_CANCEL)));
  return G_SOURCE_REMOVE;
}

/* ---- translated ---------------------------------------------------------- */

static gboolean
run_translated (gpointer data)
{
  gsize               n;
  const NstParamInfo *table  = nst_param_table (&n);
  GtkWidget          *dialog = find ("nst-dialog");
  gsize               i;

  WAIT_FOR (gtk_widget_get_mapped (dialog), 5000);
  CHECK (strcmp (gtk_window_get_title (GTK_WINDOW (dialog)), "Neural Style"),
         "the title is not translated");
  for (i = 0; i < n; i++)
    {
      const gchar *label = mnemonic_label_text (find (table[i].name));

      CHECK (label && strcmp (label, table[i].label) != 0,
             "\"%s\" is not translated", table[i].label);
    }
  check_unique_mnemonics (dialog);
  check_fits_screen (dialog);
  gtk_button_clicked (GTK_BUTTON (button_for (dialog, GTK_RESPONSE_CANCEL)));
  return G_SOURCE_REMOVE;
}

/* Runs 1 to 4, one after the other on the same values. */
static void
run_all (NspValues *values)
{
  gpointer bar;

  /* Saved values that are not the defaults, and a style no longer open. */
  values->params.iterations      = 123;
  values->params.style_weight    = 5e4;
  values->params.preserve_colors = NST_PRESERVE_COLORS_MATCH;
  values->style_ids[0]           = 99;

  g_idle_add (run1, values);
  CHECK (nsp_dialog_run (values, FAKE_IMAGE, FAKE_CONTENT, &hooks, NULL),
         "OK with a result returned FALSE");
  CHECK (fake.run_stops == 1 && fake.run_cancels == 0, "%d stops, %d cancels",
         fake.run_stops, fake.run_cancels);
  CHECK (values->params.iterations == 12, "iterations %d, not the dialog's 12",
         values->params.iterations);
  CHECK (fake.previews_live == 0, "%d previews left running",
         fake.previews_live);
  CHECK (fake_gimp_progress (&bar) == NULL,
         "GIMP still has the dialog's progress");

  g_idle_add (run2, values);
  CHECK (! nsp_dialog_run (values, FAKE_IMAGE, FAKE_CONTENT, &hooks, NULL),
         "Cancel returned TRUE");
  CHECK (fake.previews_live == 0, "%d previews left running",
         fake.previews_live);

  g_idle_add (run3, values);
  CHECK (! nsp_dialog_run (values, FAKE_IMAGE, FAKE_CONTENT, &hooks, NULL),
         "Cancel returned TRUE");
  CHECK (fake.run_cancels == 1 && fake.run_starts == 5, "%d cancels, %d runs",
         fake.run_cancels, fake.run_starts);
  CHECK (fake.previews_live == 0, "%d previews left running",
         fake.previews_live);

  fake_gimp_only_content (TRUE);
  g_idle_add (run4, values);
  CHECK (! nsp_dialog_run (values, FAKE_IMAGE, FAKE_CONTENT, &hooks, NULL),
         "Cancel returned TRUE");
  CHECK (fake.run_starts == 5, "%d runs started", fake.run_starts);
}

/* ------------------------------------------------------------------------ */

int
main (int argc, char **argv)
{
  const gchar *localedir = g_getenv ("NST_TEST_LOCALEDIR");
  NspValues    values;

  setlocale (LC_ALL, "");
  if (localedir)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  nsp_values_init (&values);

  if (argc > 1 && strcmp (argv[1], "--expect-translation") == 0)
    {
      g_idle_add (run_translated, NULL);
      CHECK (! nsp_dialog_run (&values, FAKE_IMAGE, FAKE_CONTENT, &hooks, NULL),
             "Cancel returned TRUE");
    }
  else
    {
      run_all (&values);
    }

  g_print ("all dialog checks passed\n");
  return 0;
}
