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
 * Before the mnemonics, it prints the state of the expander named
 * "advanced" and the names of the widgets inside it that have one (the
 * dialog names each argument's widget after the argument), and the text
 * of the menu named "preset":
 *   NST-EXPANDER|<expanded: 0 or 1>|<name>,<name>,...
 *   NST-PRESET|<text>
 * the text of the label naming the layer painted, and for each ticked
 * check box whether its label is drawn in the colour of an unticked one
 * (GIMP 2.10's themes grey it as if it were off):
 *   NST-PAINTED|<text>
 *   NST-CHECK|<label>|<1: same colour, 0: another>
 * then opens the expander, so that the mnemonics listed are those of every
 * setting, and after them prints the dialog's size, at its largest:
 *   NST-OPEN-SIZE|<width>|<height>
 * then gives the expander back the state it opened with and prints where
 * the preview pane's widgets (named "preview-…") and the expander are, in
 * the dialog's coordinates (those hidden then, such as "preview-regions",
 * each time they are shown later):
 *   NST-WIDGET|<name>|<x>|<y>|<width>|<height>
 * and from then on, each time the expander opens or closes:
 *   NST-ADVANCED|<expanded: 0 or 1>
 * dialog-test.py checks all but the last, which view_checks.py uses for
 * the pane and dialog-test.py to click the expander.  Only the first
 * dialog with that title in a process is listed: GIMP starts the plug-in
 * anew for each call.
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
print_place (GtkWidget *widget)
{
  GtkAllocation box;
  gint          x, y;

  gtk_widget_get_allocation (widget, &box);
  if (gtk_widget_translate_coordinates (widget, gtk_widget_get_toplevel (widget),
                                        0, 0, &x, &y))
    g_printerr ("NST-WIDGET|%s|%d|%d|%d|%d\n", gtk_widget_get_name (widget), x,
                y, box.width, box.height);
}

static gboolean
print_place_later (gpointer data)
{
  if (gtk_widget_get_mapped (data))
    print_place (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Once laid out. */
static void
pane_widget_mapped (GtkWidget *widget, gpointer unused)
{
  g_timeout_add (500, print_place_later, g_object_ref (widget));
}

static void
list_pane (GtkWidget *widget, gpointer data)
{
  const gchar *name = gtk_widget_get_name (widget);

  if (g_str_has_prefix (name, "preview-") || ! g_strcmp0 (name, "advanced"))
    {
      if (gtk_widget_get_mapped (widget))
        print_place (widget);
      else
        g_signal_connect (widget, "map", G_CALLBACK (pane_widget_mapped),
                          NULL);
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), list_pane, data);
}

static gboolean
list_pane_later (gpointer data)
{
  list_pane (data, data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
find_named (GtkWidget *widget, const gchar *name)
{
  GtkWidget *found = NULL;
  GList     *children, *child;

  if (! g_strcmp0 (gtk_widget_get_name (widget), name))
    return widget;
  if (! GTK_IS_CONTAINER (widget))
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (child = children; child && ! found; child = child->next)
    found = find_named (child->data, name);
  g_list_free (children);
  return found;
}

/* The names given to widgets under `widget`, not those inside a named
 * one (its parts); GTK calls an unnamed widget by its type. */
static void
append_names (GtkWidget *widget, GString *names)
{
  GList *children, *child;

  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (child = children; child; child = child->next)
    {
      const gchar *name = gtk_widget_get_name (child->data);

      if (g_strcmp0 (name, G_OBJECT_TYPE_NAME (child->data)))
        g_string_append_printf (names, "%s%s", names->len ? "," : "", name);
      else if (GTK_IS_CONTAINER (child->data))
        append_names (child->data, names);
    }
  g_list_free (children);
}

#if GTK_CHECK_VERSION(3, 0, 0)
static gboolean
same_colour_unticked (GtkWidget *label)
{
  GtkStyleContext *context = gtk_widget_get_style_context (label);
  GtkStateFlags    state   = gtk_style_context_get_state (context);
  GdkRGBA          ticked, unticked;

  gtk_style_context_get_color (context, state, &ticked);
  gtk_style_context_save (context);
  gtk_style_context_set_state (context, state & ~GTK_STATE_FLAG_CHECKED
                                            & ~GTK_STATE_FLAG_ACTIVE);
  gtk_style_context_get_color (context, gtk_style_context_get_state (context),
                               &unticked);
  gtk_style_context_restore (context);
  return gdk_rgba_equal (&ticked, &unticked);
}
#else
/* GTK 2 keeps a ticked check button in the ACTIVE state. */
static gboolean
same_colour_unticked (GtkWidget *label)
{
  GtkStyle *style = gtk_widget_get_style (label);

  return gdk_color_equal (&style->fg[GTK_STATE_ACTIVE],
                          &style->fg[GTK_STATE_NORMAL]);
}
#endif

static void
list_checks (GtkWidget *widget, gpointer data)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget))
      && gtk_widget_get_mapped (widget)
      && GTK_IS_LABEL (gtk_bin_get_child (GTK_BIN (widget))))
    {
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (widget));

      g_printerr ("NST-CHECK|%s|%d\n", gtk_label_get_text (GTK_LABEL (label)),
                  same_colour_unticked (label));
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), list_checks, data);
}

/* The expander and the preset menu as the dialog opened, the layer named
 * and the check boxes, then the expander open (its state as it opened
 * kept on the window, as "nst-advanced-was"). */
static void
show_settings (GtkWidget *window)
{
  GtkWidget *expander = find_named (window, "advanced");
  GtkWidget *preset   = find_named (window, "preset");
  GtkWidget *painted  = find_named (window, "painted-layer");
  GString   *names    = g_string_new (NULL);

  if (GTK_IS_LABEL (painted))
    g_printerr ("NST-PAINTED|%s\n", gtk_label_get_text (GTK_LABEL (painted)));
  list_checks (window, NULL);

  if (GTK_IS_EXPANDER (expander))
    {
      gboolean expanded = gtk_expander_get_expanded (GTK_EXPANDER (expander));

      append_names (expander, names);
      g_printerr ("NST-EXPANDER|%d|%s\n", expanded, names->str);
      g_object_set_data (G_OBJECT (window), "nst-advanced-was",
                         GINT_TO_POINTER (expanded));
      gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    }
  if (GTK_IS_COMBO_BOX_TEXT (preset))
    {
      gchar *text
          = gtk_combo_box_text_get_active_text (GTK_COMBO_BOX_TEXT (preset));

      g_printerr ("NST-PRESET|%s\n", text ? text : "");
      g_free (text);
    }
  g_string_free (names, TRUE);
}

static void
advanced_toggled (GObject *expander, GParamSpec *pspec, gpointer data)
{
  g_printerr ("NST-ADVANCED|%d\n",
              gtk_expander_get_expanded (GTK_EXPANDER (expander)));
}

/* After the expander's opening: everything in the dialog is mapped by
 * then.  The size it has open, then the expander as the user found it
 * (the dialog keeps its state): the pane's places, and the pictures, are
 * those. */
static gboolean
list_later (gpointer data)
{
  GtkWidget *expander = find_named (data, "advanced");
  gint       width, height;

  list_mnemonics (data, NULL);
  g_printerr ("NST-MNEMONIC-END\n");
  gtk_window_get_size (GTK_WINDOW (data), &width, &height);
  g_printerr ("NST-OPEN-SIZE|%d|%d\n", width, height);
  if (GTK_IS_EXPANDER (expander))
    {
      gtk_expander_set_expanded (
          GTK_EXPANDER (expander),
          GPOINTER_TO_INT (g_object_get_data (data, "nst-advanced-was")));
      g_signal_connect (expander, "notify::expanded",
                        G_CALLBACK (advanced_toggled), NULL);
    }
  g_timeout_add (1000, list_pane_later, data);
  return G_SOURCE_REMOVE;
}

/* After the dialog's first frame. */
static gboolean
settings_later (gpointer data)
{
  show_settings (data);
  g_timeout_add (1000, list_later, data);
  return G_SOURCE_REMOVE;
}

static gboolean
window_mapped (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  static gboolean done   = FALSE;
  GObject        *object = g_value_get_object (&values[0]);
  const gchar    *title  = g_getenv ("NST_MNEMONICS_TITLE");

  /* The first such dialog only: the later ones' sizes must stay put. */
  if (! done && GTK_IS_WINDOW (object) && title
      && ! g_strcmp0 (gtk_window_get_title (GTK_WINDOW (object)), title))
    {
      done = TRUE;
      follow_plan (GTK_WIDGET (object), NULL);
      g_timeout_add (1000, settings_later, g_object_ref (object));
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
