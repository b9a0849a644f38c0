// weights.cpp: VGG19 convolution weights from a safetensors file (its
// header is checked by safetensors.cpp before a byte of data is read), and
// the places the weights are looked for.

#include "weights.hpp"

#include "safetensors.hpp"
#include "status.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.hpp"

#if ! defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors data is little-endian; this loader reads it in place"
#endif

namespace nst
{
namespace
{

// Owns the descriptor, so every error path closes it (also one thrown by
// the constructor: members already built are destroyed).
class File
{
public:
  explicit File (const std::string &path) : path_ (path)
  {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is
    // checked before anything is read.
    fd_.fd = ::open (path.c_str (), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    /* TRANSLATORS: the file's path, then the system's reason, e.g.
       "Permission denied" */
    const char *unreadable = _ ("The weights file “%s” cannot be read: %s.");
    if (fd_.fd < 0)
      weights_fail (unreadable, path.c_str (), std::strerror (errno));
    struct stat st;
    if (::fstat (fd_.fd, &st) != 0)
      weights_fail (unreadable, path.c_str (), std::strerror (errno));
    if (S_ISDIR (st.st_mode))
      weights_fail (_ ("The weights file “%s” is a directory, not a file."),
                    path.c_str ());
    if (! S_ISREG (st.st_mode))
      weights_fail (_ ("The weights file “%s” is not a regular file (a pipe, "
                       "device or socket)."),
                    path.c_str ());
    size_ = static_cast<std::uint64_t> (st.st_size);
  }

  std::uint64_t
  size () const
  {
    return size_;
  }

  // Reads exactly `n` bytes at `offset`; `what` names them in errors (a
  // tensor's name, or a translated phrase).
  void
  read (void              *dest,
        std::uint64_t      n,
        std::uint64_t      offset,
        const std::string &what) const
  {
    auto *p = static_cast<char *> (dest);
    while (n > 0)
      {
        ssize_t got = ::pread (fd_.fd, p, n, static_cast<off_t> (offset));
        if (got < 0 && errno == EINTR)
          continue;
        if (got < 0)
          /* TRANSLATORS: the file's path, what was being read (a tensor's
             name, or "the header"), and the system's reason */
          weights_fail (_ ("The weights file “%s” cannot be read (%s): %s."),
                        path_.c_str (), what.c_str (), std::strerror (errno));
        if (got == 0)
          /* TRANSLATORS: the file's path, then what was being read (a
             tensor's name, or "the header") */
          weights_fail (_ ("The weights file “%s” became shorter while it was "
                           "read (%s)."),
                        path_.c_str (), what.c_str ());
        p += got;
        n -= static_cast<std::uint64_t> (got);
        offset += static_cast<std::uint64_t> (got);
      }
  }

private:
  struct Fd
  {
    int fd = -1;
    ~Fd ()
    {
      if (fd >= 0)
        ::close (fd);
    }
  };
  std::string   path_;
  Fd            fd_;
  std::uint64_t size_ = 0;
};

at::ScalarType
scalar_type (DType dtype)
{
  switch (dtype)
    {
    case DType::F16:
      return at::kHalf;
    case DType::BF16:
      return at::kBFloat16;
    case DType::F32:
      break;
    }
  return at::kFloat;
}

at::Tensor
read_tensor (const File                      &file,
             const TensorRange               &range,
             const std::vector<std::int64_t> &shape,
             const std::string               &key,
             const std::string               &path)
{
  at::ScalarType type = scalar_type (range.dtype);
  at::Tensor     raw  = at::empty (shape, at::TensorOptions ().dtype (type));
  file.read (raw.data_ptr (), range.bytes, range.offset, key);
  at::Tensor   t = type == at::kFloat ? raw : raw.to (at::kFloat);
  const float *v = t.data_ptr<float> ();
  for (std::int64_t i = 0, n = t.numel (); i < n; i++)
    if (! std::isfinite (v[i]))
      /* TRANSLATORS: the file's path, then a tensor's name */
      weights_fail (_ ("The weights file “%s” contains NaN or infinite values "
                       "in %s (the file is damaged)."),
                    path.c_str (), key.c_str ());
  return t;
}

bool
exists (const std::string &path, int *error)
{
  struct stat st;
  if (::stat (path.c_str (), &st) == 0)
    return true;
  *error = errno;
  return false;
}

// The places searched, by name: find_weights () and nst_weights_places ()
// both read these, so help texts cannot drift from the search.
#define ENV_VAR "NST_WEIGHTS"
#define USER_FILE "/gimp-neural-style/vgg19.safetensors"
constexpr char env_var[]   = ENV_VAR;
constexpr char user_file[] = USER_FILE;
constexpr char data_file[] = NST_DATADIR "/vgg19.safetensors";

std::string
user_data_file ()
{
  // XDG base directories: a relative XDG_DATA_HOME is to be ignored.
  const char *xdg = std::getenv ("XDG_DATA_HOME");
  if (xdg && xdg[0] == '/')
    return std::string (xdg) + user_file;
  const char *home = std::getenv ("HOME");
  if (home && home[0])
    return std::string (home) + "/.local/share" + user_file;
  return "";
}

} // namespace

std::vector<ConvWeights>
load_vgg19_convs (const std::string &path, int deepest_index)
{
  if (deepest_index < 0 || deepest_index > vgg19_deepest_conv)
    throw Error (NST_ERROR_INTERNAL,
                 "VGG19 has no layer features." + std::to_string (deepest_index)
                     + " to load weights up to (a bug in the engine).");

  File file (path);
  if (file.size () == 0)
    weights_fail (_ ("The weights file “%s” is empty (an interrupted "
                     "download?)."),
                  path.c_str ());
  if (file.size () < 8)
    weights_fail (_ ("The weights file “%s” is not a safetensors file (it is "
                     "only %d bytes long)."),
                  path.c_str (), static_cast<int> (file.size ()));
  unsigned char first8[8];
  /* TRANSLATORS: what was being read, in "The weights file “%s” cannot be
     read (%s): %s." */
  file.read (first8, 8, 0, _ ("the header length"));
  std::string text (header_length (first8, file.size (), path), '\0');
  /* TRANSLATORS: what was being read, in "The weights file “%s” cannot be
     read (%s): %s." */
  file.read (&text[0], text.size (), 8, _ ("the header"));

  // Every needed entry is checked before any data is read, so a bad file
  // costs no time and the first problem reported is the header's.
  std::vector<ConvWeights> convs;
  for (const ConvPlan &p : plan_vgg19 (text, file.size (), deepest_index, path))
    convs.push_back (
        { p.index,
          read_tensor (file, p.weight, p.wshape, p.name + ".weight", path),
          read_tensor (file, p.bias, p.bshape, p.name + ".bias", path) });
  return convs;
}

std::string
find_weights (const char *explicit_path)
{
  int error = 0;
  if (explicit_path && explicit_path[0])
    {
      if (! exists (explicit_path, &error))
        throw Error (NST_ERROR_WEIGHTS,
                     string_printf (_ ("The weights file “%s” cannot be "
                                       "opened: %s. Check the path, or run "
                                       "nst-download-weights to download the "
                                       "VGG19 weights."),
                                    explicit_path, std::strerror (error)));
      return explicit_path;
    }

  const char *env = std::getenv (env_var);
  if (env && env[0])
    {
      if (! exists (env, &error))
        throw Error (NST_ERROR_WEIGHTS,
                     string_printf (_ ("NST_WEIGHTS is set to “%s”, which "
                                       "cannot be opened: %s. Point "
                                       "NST_WEIGHTS at the VGG19 weights "
                                       "(vgg19.safetensors), or unset it to "
                                       "use the default places."),
                                    env, std::strerror (error)));
      return env;
    }

  std::vector<std::string> places;
  std::string              user = user_data_file ();
  if (! user.empty ())
    places.push_back (user);
  places.push_back (data_file);
  for (const std::string &place : places)
    if (exists (place, &error))
      return place;

  std::string message = _ ("The VGG19 weights were not found. Looked in:");
  for (const std::string &place : places)
    message += "\n  " + place;
  message += "\n";
  if (user.empty ())
    message += _ ("Run nst-download-weights to download them (about 575 MB, "
                  "once; it keeps the 80 MB of convolution weights), or set "
                  "NST_WEIGHTS to the path of a VGG19 safetensors file.");
  else
    /* TRANSLATORS: %s is the file nst-download-weights writes */
    message += string_printf (
        _ ("Run nst-download-weights to download them (about 575 MB, once; "
           "it keeps the 80 MB of convolution weights in %s), or set "
           "NST_WEIGHTS to the path of a VGG19 safetensors file."),
        user.c_str ());
  throw Error (NST_ERROR_WEIGHTS, message);
}

const char *const *
weights_places ()
{
  static const char *const places[]
      = { "$" ENV_VAR, "$XDG_DATA_HOME" USER_FILE, data_file, nullptr };
  return places;
}

} // namespace nst
