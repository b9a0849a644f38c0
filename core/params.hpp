// params.hpp: the parameter table's checks, for the engine.
#pragma once

#include "nst.h"

#include <string>

namespace nst
{

// Whether two names are the same, a dash and an underscore being equal
// ("style-weight", "style_weight").
bool same_name (const char *a, const char *b);

// Every problem with `params`, one sentence each; "" when all is well.
std::string params_problems (const NstParams *params);

// A complete, validated copy of `params`: fields past a smaller
// struct_size (a caller built against an older header) take the table's
// defaults.  Throws nst::Error (NST_ERROR_INVALID_ARGUMENT) when a field is
// out of range or struct_size is not one this library can read.
NstParams checked_params (const NstParams *params);

} // namespace nst
