// params.cpp: run-time descriptors of nst-params.def, defaults, access by
// name and range checks.  Every value here comes from the table.

#include "params.hpp"

#include "inputs.hpp"

#include "status.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

#include "i18n.hpp"

namespace
{

// Enums are read and written through their offset as int.
static_assert (sizeof (NstDevice) == sizeof (int), "enums must be int-sized");

// One terminated array of choices per enum type: NstDevice_choices, …
// clang-format off
#define NST_CHOICES_BEGIN(ctype, field) const NstChoice ctype##_choices[] = {
#define NST_CHOICE(constant, nick, label) { constant, nick, label },
#define NST_CHOICES_END(ctype, field) { -1, nullptr, nullptr } };
// clang-format on
#include "nst-params.def"

template <size_t N>
constexpr size_t
count_choices (const NstChoice (&)[N])
{
  return N - 1; // without the terminator
}

#define NST_PARAM_INT(field, name, label, help, def, min, max, ui, ui_min,     \
                      ui_max, place)                                           \
  { name,   label,  help, NST_PARAM_TYPE_INT,          def,     min,           \
    max,    ui,     1,    offsetof (NstParams, field), nullptr, 0,             \
    ui_min, ui_max, place },
#define NST_PARAM_DOUBLE(field, name, label, help, def, min, max, ui, ui_min,  \
                         ui_max, place)                                        \
  { name,   label,  help, NST_PARAM_TYPE_DOUBLE,       def,     min,           \
    max,    ui,     1,    offsetof (NstParams, field), nullptr, 0,             \
    ui_min, ui_max, place },
// Enum constants run from 0 in the order of their choices.
#define NST_ENUM_ROW(field, name, label, help, def, ctype, uses, place)        \
  { name,                                                                      \
    label,                                                                     \
    help,                                                                      \
    NST_PARAM_TYPE_ENUM,                                                       \
    def,                                                                       \
    0,                                                                         \
    double (count_choices (ctype##_choices) - 1),                              \
    NST_UI_LINEAR,                                                             \
    uses,                                                                      \
    offsetof (NstParams, field),                                               \
    ctype##_choices,                                                           \
    count_choices (ctype##_choices),                                           \
    0,                                                                         \
    double (count_choices (ctype##_choices) - 1),                              \
    place },
#define NST_PARAM_ENUM(field, name, label, help, def, ctype, place)            \
  NST_ENUM_ROW (field, name, label, help, def, ctype, 1, place)
#define NST_PARAM_ENUM_HOST(field, name, label, help, def, ctype, place)       \
  NST_ENUM_ROW (field, name, label, help, def, ctype, 0, place)
const NstParamInfo param_table[] = {
#include "nst-params.def"
};
#undef NST_ENUM_ROW

constexpr size_t n_param_table = sizeof (param_table) / sizeof (param_table[0]);

const void *
field_ptr (const NstParams *params, const NstParamInfo *info)
{
  return reinterpret_cast<const char *> (params) + info->offset;
}

// Whether the caller's struct, as its header laid it out, has the field.
bool
holds (const NstParams *params, const NstParamInfo *info)
{
  size_t size
      = info->type == NST_PARAM_TYPE_DOUBLE ? sizeof (double) : sizeof (int);
  return info->offset + size <= params->struct_size;
}

// The choices but the last, separated by commas.
std::string
choices_but_last (const NstParamInfo *info)
{
  std::string list;
  for (size_t i = 0; i + 1 < info->n_choices; i++)
    list += (i > 0 ? ", " : "") + std::string (info->choices[i].nick);
  return list;
}

std::string
field_problem (const NstParams *params, const NstParamInfo *info)
{
  double value = nst_params_get (params, info);
  if (info->type == NST_PARAM_TYPE_ENUM)
    {
      // Enum fields are ints: the value converts exactly.
      if (nst_param_choice_by_value (info, static_cast<int> (value)))
        return "";
      /* TRANSLATORS: a parameter's name, its choices but the last
         (separated by commas), its last choice, then the value given, e.g.
         "preserve-colors must be none, luminance or match, not 7." */
      return nst::string_printf (_ ("%s must be %s or %s, not %g."), info->name,
                                 choices_but_last (info).c_str (),
                                 info->choices[info->n_choices - 1].nick,
                                 value);
    }
  if (value >= info->min_value && value <= info->max_value)
    return "";
  /* TRANSLATORS: a parameter's name, its smallest and largest values, then
     the value given, e.g. "iterations must be between 1 and 100000, not 0." */
  return nst::string_printf (_ ("%s must be between %g and %g, not %g."),
                             info->name, info->min_value, info->max_value,
                             value);
}

} // namespace

namespace nst
{

bool
same_name (const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
    {
      char ca = *a == '_' ? '-' : *a;
      char cb = *b == '_' ? '-' : *b;
      if (ca != cb)
        return false;
    }
  return *a == *b;
}

std::string
params_problems (const NstParams *params)
{
  // Mistakes of the program calling the engine: English, for its author.
  if (! params)
    return "No parameters were given.";
  if (! holds (params, &param_table[0]))
    return "The parameters were not set up: call nst_params_init () on "
           "them before use (struct_size is "
           + std::to_string (params->struct_size) + ").";
  if (params->struct_size > sizeof (NstParams))
    return "The program was built against a newer nst.h than this libnst "
           "(struct_size "
           + std::to_string (params->struct_size) + ", this library knows "
           + std::to_string (sizeof (NstParams))
           + "): install the libnst it was built with.";
  std::string problems;
  for (const NstParamInfo &info : param_table)
    {
      std::string problem = field_problem (params, &info);
      if (! problem.empty ())
        problems += (problems.empty () ? "" : " ") + problem;
    }
  return problems;
}

NstParams
checked_params (const NstParams *params)
{
  std::string problems = params_problems (params);
  if (! problems.empty ())
    throw Error (NST_ERROR_INVALID_ARGUMENT, problems);
  NstParams full;
  nst_params_init (&full);
  for (const NstParamInfo &info : param_table)
    nst_params_set (&full, &info, nst_params_get (params, &info));
  return full;
}

} // namespace nst

extern "C"
{

  const NstParamInfo *
  nst_param_table (size_t *n_params)
  {
    if (n_params)
      *n_params = n_param_table;
    return param_table;
  }

  const NstParamInfo *
  nst_param_find (const char *name)
  {
    if (! name)
      return nullptr;
    for (const NstParamInfo &info : param_table)
      if (nst::same_name (info.name, name))
        return &info;
    return nullptr;
  }

  const NstChoice *
  nst_param_choice (const NstParamInfo *info, const char *nick)
  {
    if (! info || ! nick || ! info->choices)
      return nullptr;
    for (size_t i = 0; i < info->n_choices; i++)
      if (nst::same_name (info->choices[i].nick, nick))
        return &info->choices[i];
    return nullptr;
  }

  const NstChoice *
  nst_param_choice_by_value (const NstParamInfo *info, int value)
  {
    if (! info || ! info->choices)
      return nullptr;
    for (size_t i = 0; i < info->n_choices; i++)
      if (info->choices[i].value == value)
        return &info->choices[i];
    return nullptr;
  }

  void
  nst_params_init_size (NstParams *params, size_t struct_size)
  {
    if (! params || struct_size < sizeof params->struct_size)
      return;
    // A newer caller's extra fields are not ours to touch; validation
    // then says the library is too old.
    std::memset (params, 0, std::min (struct_size, sizeof *params));
    params->struct_size = struct_size;
    for (const NstParamInfo &info : param_table)
      nst_params_set (params, &info, info.default_value);
  }

  double
  nst_params_get (const NstParams *params, const NstParamInfo *info)
  {
    if (! params || ! info)
      return 0.0;
    if (! holds (params, info))
      return info->default_value;
    const void *p = field_ptr (params, info);
    if (info->type == NST_PARAM_TYPE_DOUBLE)
      return *static_cast<const double *> (p);
    return *static_cast<const int *> (p);
  }

  void
  nst_params_set (NstParams *params, const NstParamInfo *info, double value)
  {
    if (! params || ! info || ! holds (params, info))
      return;
    void *p = reinterpret_cast<char *> (params) + info->offset;
    if (info->type == NST_PARAM_TYPE_DOUBLE)
      {
        *static_cast<double *> (p) = value;
        return;
      }
    // Saturate instead of overflowing; validation then names the bad value.
    constexpr double lo = std::numeric_limits<int>::min ();
    constexpr double hi = std::numeric_limits<int>::max ();
    int              v;
    if (std::isnan (value) || value <= lo)
      v = std::numeric_limits<int>::min ();
    else if (value >= hi)
      v = std::numeric_limits<int>::max ();
    else
      v = static_cast<int> (std::lround (value));
    *static_cast<int *> (p) = v;
  }

  NstStatus *
  nst_params_validate (const NstParams *params)
  {
    return nst::guarded ([&] { nst::checked_params (params); });
  }

  int
  nst_params_evaluations (const NstParams *params, int width, int height)
  {
    int total  = 0;
    int levels = nst::level_count (std::max (width, height), *params);
    for (int i = 0; i < levels; i++)
      total += nst::level_evaluations (params->iterations, i);
    return total;
  }

  void
  nst_params_working_size (const NstParams *params,
                           int              width,
                           int              height,
                           int             *working_width,
                           int             *working_height)
  {
    nst::Extent e   = nst::working_extent (width, height, *params);
    *working_width  = int (e.width);
    *working_height = int (e.height);
  }

} // extern "C"
