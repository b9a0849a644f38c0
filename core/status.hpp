// status.hpp: errors inside the engine, and the wall that turns them into
// NstStatus before they reach C.
#pragma once

#include "nst.h"

#include <stdexcept>
#include <string>

struct NstStatus
{
  NstStatusCode code;
  std::string message;
};

namespace nst
{

// Thrown anywhere inside core/; caught only at the extern "C" wall.
// `message` is for the user: what went wrong and what to do.
class Error : public std::runtime_error
{
public:
  Error (NstStatusCode code, const std::string &message)
    : std::runtime_error (message), code_ (code)
  {
  }
  NstStatusCode code () const { return code_; }

private:
  NstStatusCode code_;
};

NstStatus *make_status (NstStatusCode code, const std::string &message);

// Maps the exception being handled (nst::Error, c10::Error and its
// out-of-memory subclass, std::bad_alloc, std::exception, anything) to a
// status with a readable message.  Call only inside a catch block.
NstStatus *status_from_current_exception () noexcept;

// Runs `body` and turns any exception into an NstStatus (NULL on success).
// A C++ exception escaping an extern "C" function aborts a C caller, so
// every entry point of the API funnels its work through here.
template <typename F>
NstStatus *
guarded (F &&body) noexcept
{
  try
    {
      body ();
      return nullptr;
    }
  catch (...)
    {
      return status_from_current_exception ();
    }
}

} // namespace nst
