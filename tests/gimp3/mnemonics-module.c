/* mnemonics-module.c: a GTK module (GTK_MODULES=/path/to/it) that lists
 * the live mnemonics of a dialog in any GTK 3 program it is loaded into,
 * here GIMP 3.0 and its plug-ins (and built for GTK 2, GIMP 2.10's
 * plug-in: tests/dialog/meson.build).
 *
 * When a window titled $NST_MNEMONICS_TITLE is shown, it prints on stderr
 * one line per label with a mnemonic whose widget the key would reach now
 * (sensitive and shown, as GTK requires):
 *   NST-MNEMONIC|<key>|<label text>
 * and then NST-MNEMONIC-END.  The whole dialog: the plug-in's widgets and
 * GimpProcedureDialog's own buttons alike.  It also follows the label
 * named "plan" (what OK would do) and prints each text it shows:
 *   NST-PLAN|<text>
 * and where the preview pane's widgets (named "preview-…") are, in the
 * dialog's coordinates:
 *   NST-WIDGET|<name>|<x>|<y>|<width>|<height>
 * dialog-test.py checks the first two, view_checks.py uses the last.
 */

#include <gdk/gdkkeysyms.h>
#include <gtk/gtk.h>

static void
list_mnemonics (GtkWidget *widget,
                gpointer   data)
{
  if (GTK_IS_LABEL (widget))
    {
      guint      key    = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));
      GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));

      /* A button's own label reaches the button. */
      if (! target)
        target = gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON);
      if (key != GDK_KEY_VoidSymbol && target &&
          gtk_widget_is_sensitive (target) && gtk_widget_get_mapped (target))
        g_printerr ("NST-MNEMONIC|%s|%s\n",
                    gdk_keyval_name (gdk_keyval_to_lower (key)),
                    gtk_label_get_label (GTK_LABEL (widget)));
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), list_mnemonics, data);
}

static void
plan_changed (GObject *label, GParamSpec *pspec, gpointer data)
{
  g_printerr ("NST-PLAN|%s\n", gtk_label_get_text (GTK_LABEL (label)));
}

static void
follow_plan (GtkWidget *widget, gpointer data)
{
  if (GTK_IS_LABEL (widget)
      && ! g_strcmp0 (gtk_widget_get_name (widget), "plan"))
    g_signal_connect (widget, "notify::label", G_CALLBACK (plan_changed), NULL);
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), follow_plan, data);
}

static void
list_pane (GtkWidget *widget, gpointer data)
{
  GtkWidget   *toplevel = data;
  const gchar *name     = gtk_widget_get_name (widget);

  if (g_str_has_prefix (name, "preview-") && gtk_widget_get_mapped (widget))
    {
      GtkAllocation box;
      gint          x, y;

      gtk_widget_get_allocation (widget, &box);
      if (gtk_widget_translate_coordinates (widget, toplevel, 0, 0, &x, &y))
        g_printerr ("NST-WIDGET|%s|%d|%d|%d|%d\n", name, x, y, box.width,
                    box.height);
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), list_pane, data);
}

/* After the dialog's first frame: everything in it is mapped by then. */
static gboolean
list_later (gpointer data)
{
  list_mnemonics (data, NULL);
  g_printerr ("NST-MNEMONIC-END\n");
  list_pane (data, data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gboolean
window_mapped (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  GObject     *object = g_value_get_object (&values[0]);
  const gchar *title  = g_getenv ("NST_MNEMONICS_TITLE");

  if (GTK_IS_WINDOW (object) && title &&
      ! g_strcmp0 (gtk_window_get_title (GTK_WINDOW (object)), title))
    {
      follow_plan (GTK_WIDGET (object), NULL);
      g_timeout_add (1000, list_later, g_object_ref (object));
    }
  return TRUE;
}

G_MODULE_EXPORT void
gtk_module_init (gint    *argc,
                 gchar ***argv)
{
  /* GtkWidget's signals exist once its class does. */
  g_type_class_ref (GTK_TYPE_WIDGET);
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              window_mapped, NULL, NULL);
}
