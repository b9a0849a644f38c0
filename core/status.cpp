// status.cpp: NstStatus, and the translation of exceptions into messages
// for people at the extern "C" wall.

#include "status.hpp"

#include <c10/util/Exception.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "i18n.hpp"

namespace nst
{
namespace
{

// Returned when even building a message fails; never freed.  English: a
// translation would need memory.
NstStatus no_memory_status{ NST_ERROR_OUT_OF_MEMORY, "Not enough memory." };

// The run was planned within its memory budget (memory.cpp): a failure
// means the budget was more than the memory free now, so a smaller budget,
// and with it smaller tiles, comes first.
const char *const memory_advice = N_ (
    "Set a smaller memory budget (memory), so that the run works in smaller "
    "tiles, lower the working size (size) or the style scale, use fewer "
    "style images, use the Adam optimizer, which needs less memory than "
    "L-BFGS, or compute on the CPU if the GPU ran out.");

// "1099511627776 bytes" -> "1.0 TiB"; other spellings ("2.00 GiB", as
// CUDA says) are kept.
std::string
readable_size (const std::string &amount)
{
  char  *end   = nullptr;
  double bytes = std::strtod (amount.c_str (), &end);
  if (end == amount.c_str () || std::string (end) != " bytes")
    return amount;
  const char *units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  int         unit    = 0;
  while (bytes >= 1024 && unit < 6)
    bytes /= 1024, unit++;
  char buf[64];
  std::snprintf (buf, sizeof buf, unit ? "%.1f %s" : "%.0f %s", bytes,
                 units[unit]);
  return buf;
}

// The amount an allocator says it was asked for: "you tried to allocate
// N bytes." (CPU), "Tried to allocate 2.00 GiB (GPU 0; …)" (CUDA).
std::string
amount_asked (const std::string &what)
{
  static const std::string key = "ried to allocate ";
  std::size_t              at  = what.find (key);
  if (at == std::string::npos)
    return "";
  at += key.size ();
  std::size_t end = what.find_first_of ("(;.\n", at);
  // "2.00 GiB": a point between digits is part of the number.
  while (end != std::string::npos && what[end] == '.' && end + 1 < what.size ()
         && std::isdigit (static_cast<unsigned char> (what[end + 1])))
    end = what.find_first_of ("(;.\n", end + 1);
  std::string amount = what.substr (
      at, end == std::string::npos ? std::string::npos : end - at);
  while (! amount.empty () && amount.back () == ' ')
    amount.pop_back ();
  return amount.size () > 40 ? "" : readable_size (amount);
}

NstStatus *
out_of_memory (const std::string &what)
{
  std::string amount = amount_asked (what);
  std::string message
      = amount.empty ()
            ? std::string (_ ("Not enough memory."))
            /* TRANSLATORS: %s is an amount of memory, e.g. "2.0 GiB" */
            : string_printf (_ ("Not enough memory: the computation asked "
                                "for %s more."),
                             amount.c_str ());
  return make_status (NST_ERROR_OUT_OF_MEMORY,
                      message + " " + _ (memory_advice));
}

// Allocation failures as libtorch, CUDA, cuBLAS and cuDNN word them; the
// CPU allocator's is a plain c10::Error.
bool
mentions_memory (const std::string &what)
{
  for (const char *words : { "out of memory", "not enough memory",
                             "can't allocate memory", "Cannot allocate memory",
                             "ALLOC_FAILED", "cudaErrorMemoryAllocation" })
    if (what.find (words) != std::string::npos)
      return true;
  return false;
}

std::string
first_line (const std::string &text)
{
  return text.substr (0, text.find ('\n'));
}

} // namespace

NstStatus *
make_status (NstStatusCode code, const std::string &message)
{
  return new NstStatus{ code, message };
}

NstStatus *
status_from_current_exception () noexcept
{
  try
    {
      try
        {
          throw;
        }
      catch (const Error &e)
        {
          return make_status (e.code (), e.what ());
        }
      catch (const c10::OutOfMemoryError &e)
        {
          return out_of_memory (e.what_without_backtrace ());
        }
      // Failures inside libtorch or elsewhere are bugs, reported in
      // English to be read by the developers.
      catch (const c10::Error &e)
        {
          std::string what = first_line (e.what_without_backtrace ());
          if (mentions_memory (e.what_without_backtrace ()))
            return out_of_memory (e.what_without_backtrace ());
          return make_status (NST_ERROR_INTERNAL,
                              "The computation failed inside libtorch: " + what
                                  + ". This is a bug; please report it with "
                                    "the parameters and image sizes used.");
        }
      catch (const std::bad_alloc &)
        {
          return out_of_memory ("");
        }
      catch (const std::exception &e)
        {
          if (mentions_memory (e.what ()))
            return out_of_memory (e.what ());
          return make_status (NST_ERROR_INTERNAL,
                              std::string ("Unexpected error: ") + e.what ()
                                  + ". This is a bug; please report it.");
        }
      catch (...)
        {
          return make_status (NST_ERROR_INTERNAL,
                              "Unexpected error of unknown type. This is a "
                              "bug; please report it.");
        }
    }
  catch (...)
    {
      // Building the message itself failed (no memory even for that).
      return &no_memory_status;
    }
}

} // namespace nst

extern "C"
{

  NstStatusCode
  nst_status_code (const NstStatus *status)
  {
    return status ? status->code : NST_OK;
  }

  const char *
  nst_status_message (const NstStatus *status)
  {
    return status ? status->message.c_str () : "";
  }

  void
  nst_status_free (NstStatus *status)
  {
    if (status != &nst::no_memory_status)
      delete status;
  }

} // extern "C"
