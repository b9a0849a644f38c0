// i18n.cpp: string_printf.

#include "i18n.hpp"

#include <cstdio>

namespace nst
{

std::string
vstring_printf (const char *format, va_list args)
{
  va_list again;
  va_copy (again, args);
  int         n = std::vsnprintf (nullptr, 0, format, args);
  std::string out (n > 0 ? static_cast<std::size_t> (n) : 0, '\0');
  if (n > 0)
    std::vsnprintf (&out[0], out.size () + 1, format, again);
  va_end (again);
  return out;
}

std::string
string_printf (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  std::string out = vstring_printf (format, args);
  va_end (args);
  return out;
}

} // namespace nst
