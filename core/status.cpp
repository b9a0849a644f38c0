// status.cpp: NstStatus, and the translation of exceptions into messages
// for people at the extern "C" wall.

#include "status.hpp"

#include <c10/util/Exception.h>

#include <new>

namespace nst
{
namespace
{

// Returned when even building a message fails; never freed.
NstStatus no_memory_status{ NST_ERROR_OUT_OF_MEMORY, "Ran out of memory." };

const char *const memory_advice
    = " Lower the working size (size), use the Adam optimizer, which needs "
      "less memory than L-BFGS, or compute on the CPU if the GPU ran out.";

NstStatus *
out_of_memory (const std::string &detail)
{
  return make_status (
      NST_ERROR_OUT_OF_MEMORY,
      "Ran out of memory"
          + (detail.empty () ? std::string (".") : " (" + detail + ").")
          + memory_advice);
}

// The CPU allocator reports exhaustion as a plain c10::Error.
bool
mentions_memory (const std::string &what)
{
  return what.find ("out of memory") != std::string::npos
         || what.find ("not enough memory") != std::string::npos;
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
          return out_of_memory (first_line (e.what_without_backtrace ()));
        }
      catch (const c10::Error &e)
        {
          std::string what = first_line (e.what_without_backtrace ());
          if (mentions_memory (what))
            return out_of_memory (what);
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
