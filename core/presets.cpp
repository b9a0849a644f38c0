// presets.cpp: the presets of nst-presets.def, applied to NstParams.

#include "params.hpp"

#include "i18n.hpp"

namespace
{

// Each field's name and default, from the parameter table, so that a
// preset names a field (a misspelt one does not compile) and restates no
// default.
struct Row
{
  const char *name;
  double      default_value;
};

struct Rows
{
#define NST_PARAM_INT(field, name, label, help, def, min, max, ui, ui_min,     \
                      ui_max, place)                                           \
  Row field{ name, double (def) };
#define NST_PARAM_DOUBLE(field, name, label, help, def, min, max, ui, ui_min,  \
                         ui_max, place)                                        \
  Row field{ name, double (def) };
#define NST_PARAM_ENUM(field, name, label, help, def, ctype, place)            \
  Row field{ name, double (def) };
#include "nst-params.def"
};

const Rows rows;

// One array of values per preset: quick_sketch_values, …
// clang-format off
#define NST_PRESET_BEGIN(id, nick, label, help) const NstPresetValue id##_values[] = {
#define NST_PRESET_SET(field, value) { rows.field.name, double (value) },
#define NST_PRESET_DEFAULT(field) { rows.field.name, rows.field.default_value },
#define NST_PRESET_END(id) };
// clang-format on
#include "nst-presets.def"

#define NST_PRESET_BEGIN(id, nick, label, help)                                \
  { nick, label, help, id##_values,                                            \
    sizeof (id##_values) / sizeof (id##_values[0]) },
const NstPreset preset_table[] = {
#include "nst-presets.def"
};

} // namespace

extern "C"
{

  const NstPreset *
  nst_preset_table (size_t *n_presets)
  {
    if (n_presets)
      *n_presets = sizeof (preset_table) / sizeof (preset_table[0]);
    return preset_table;
  }

  const NstPreset *
  nst_preset_find (const char *nick)
  {
    if (! nick)
      return nullptr;
    for (const NstPreset &preset : preset_table)
      if (nst::same_name (preset.nick, nick))
        return &preset;
    return nullptr;
  }

  void
  nst_preset_apply (const NstPreset *preset, NstParams *params)
  {
    if (! preset || ! params)
      return;
    for (size_t i = 0; i < preset->n_values; i++)
      nst_params_set (params, nst_param_find (preset->values[i].name),
                      preset->values[i].value);
  }

  int
  nst_preset_matches (const NstPreset *preset, const NstParams *params)
  {
    if (! preset || ! params)
      return 0;
    for (size_t i = 0; i < preset->n_values; i++)
      if (nst_params_get (params, nst_param_find (preset->values[i].name))
          != preset->values[i].value)
        return 0;
    return 1;
  }

} // extern "C"
