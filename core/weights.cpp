// weights.cpp: VGG19 convolution weights from a safetensors file, and the
// places the weights are looked for.
//
// safetensors: an 8-byte little-endian header length N, N bytes of JSON
// ({"name": {"dtype", "shape", "data_offsets": [begin, end]}, …}, offsets
// relative to the end of the header), then the raw tensor data.  The file
// may be truncated, damaged or something else entirely: everything in the
// header is checked against the file before a byte of data is read.

#include "weights.hpp"

#include "status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors data is little-endian; this loader reads it in place"
#endif

namespace nst
{
namespace
{

using json = nlohmann::json;

// A corrupt header must not make us allocate gigabytes; the real one is
// about 3 KB (100 MB is the limit of the reference implementation).
constexpr std::uint64_t max_header_bytes = 100u * 1000 * 1000;

const char *const what_to_do
    = "Run nst-download-weights to download the VGG19 weights, or point "
      "NST_WEIGHTS (or --weights) at torchvision's VGG19 weights in "
      "safetensors format.";

// torchvision vgg19.features: index and channels of every convolution.
struct ConvShape
{
  int          index;
  std::int64_t in;
  std::int64_t out;
};
constexpr ConvShape vgg19_convs[] = {
  { 0, 3, 64 },     { 2, 64, 64 },    { 5, 64, 128 },   { 7, 128, 128 },
  { 10, 128, 256 }, { 12, 256, 256 }, { 14, 256, 256 }, { 16, 256, 256 },
  { 19, 256, 512 }, { 21, 512, 512 }, { 23, 512, 512 }, { 25, 512, 512 },
  { 28, 512, 512 }, { 30, 512, 512 }, { 32, 512, 512 }, { 34, 512, 512 },
};

[[noreturn]] void
fail (const std::string &path, const std::string &problem)
{
  throw Error (NST_ERROR_WEIGHTS, "The weights file “" + path + "” " + problem
                                      + ". " + what_to_do);
}

std::string
shape_string (const std::vector<std::int64_t> &shape)
{
  std::ostringstream s;
  s << '[';
  for (std::size_t i = 0; i < shape.size (); i++)
    s << (i ? ", " : "") << shape[i];
  s << ']';
  return s.str ();
}

// Owns the descriptor, so every error path closes it (also one thrown by
// the constructor: members already built are destroyed).
class File
{
public:
  explicit File (const std::string &path) : path_ (path)
  {
    fd_.fd = ::open (path.c_str (), O_RDONLY | O_CLOEXEC);
    if (fd_.fd < 0)
      fail (path, std::string ("cannot be read: ") + std::strerror (errno));
    struct stat st;
    if (::fstat (fd_.fd, &st) != 0)
      fail (path, std::string ("cannot be read: ") + std::strerror (errno));
    if (S_ISDIR (st.st_mode))
      fail (path, "is a directory, not a file");
    if (!S_ISREG (st.st_mode))
      fail (path, "is not a regular file");
    size_ = static_cast<std::uint64_t> (st.st_size);
  }

  std::uint64_t
  size () const
  {
    return size_;
  }

  // Reads exactly `n` bytes at `offset`; `what` names them in errors.
  void
  read (void *dest, std::uint64_t n, std::uint64_t offset,
        const std::string &what) const
  {
    auto *p = static_cast<char *> (dest);
    while (n > 0)
      {
        ssize_t got = ::pread (fd_.fd, p, n, static_cast<off_t> (offset));
        if (got < 0 && errno == EINTR)
          continue;
        if (got < 0)
          fail (path_,
                "cannot be read (" + what + "): " + std::strerror (errno));
        if (got == 0)
          fail (path_, "became shorter while it was read (" + what + ")");
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

json
read_header (const File &file, const std::string &path,
             std::uint64_t *data_start)
{
  if (file.size () == 0)
    fail (path, "is empty (an interrupted download?)");
  if (file.size () < 8)
    fail (path, "is not a safetensors file (it is only "
                    + std::to_string (file.size ()) + " bytes long)");
  unsigned char raw[8];
  file.read (raw, 8, 0, "the header length");
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; i--)
    n = (n << 8) | raw[i];
  if (n > max_header_bytes)
    fail (path, "is not a safetensors file (its header length "
                    + std::to_string (n) + " is absurd; at most "
                    + std::to_string (max_header_bytes) + " expected)");
  if (n > file.size () - 8)
    fail (path, "is not a safetensors file (its header length "
                    + std::to_string (n) + " is larger than the file, "
                    + std::to_string (file.size ()) + " bytes)");
  std::string text (n, '\0');
  file.read (&text[0], n, 8, "the header");

  json header;
  try
    {
      header = json::parse (text);
    }
  catch (const json::parse_error &e)
    {
      fail (path, "is not a safetensors file (its header is not valid "
                  "JSON: error at byte "
                      + std::to_string (e.byte) + ")");
    }
  if (!header.is_object ())
    fail (path, "is not a safetensors file (its header is JSON but not "
                "an object of tensors)");
  *data_start = 8 + n;
  return header;
}

// The prefix before "features.0.weight" ("", "model.", …), the same for
// every tensor.
std::string
find_prefix (const json &header, const std::string &path)
{
  static const std::string anchor = "features.0.weight";
  if (header.contains (anchor))
    return "";
  std::vector<std::string> found;
  for (const auto &item : header.items ())
    {
      const std::string &key = item.key ();
      if (key.size () > anchor.size ()
          && key.compare (key.size () - anchor.size (), anchor.size (), anchor)
                 == 0)
        found.push_back (key.substr (0, key.size () - anchor.size ()));
    }
  if (found.empty ())
    fail (path, "has no tensor named features.0.weight (nor with a prefix "
                "such as model.features.0.weight): it is not VGG19 in "
                "torchvision's layout");
  if (found.size () > 1)
    fail (path, "holds several networks (features.0.weight with prefixes “"
                    + found[0] + "” and “" + found[1]
                    + "”); it is not one VGG19");
  return found[0];
}

// What a tensor entry of the header says, once checked.
struct Entry
{
  at::ScalarType type;
  std::uint64_t  begin; // relative to the start of the data
  std::uint64_t  bytes;
};

Entry
check_entry (const json &header, const std::string &key,
             const std::vector<std::int64_t> &expected, std::uint64_t data_size,
             std::uint64_t data_start, const std::string &path)
{
  auto it = header.find (key);
  if (it == header.end ())
    fail (path, "has no tensor " + key
                    + " (VGG19 in torchvision's layout has it): it is "
                      "incomplete or another network");
  const json &e = *it;
  if (!e.is_object ())
    fail (path, "has a malformed header entry for " + key);

  auto dtype = e.find ("dtype");
  if (dtype == e.end () || !dtype->is_string ())
    fail (path, "has no dtype for " + key);
  Entry              out;
  std::uint64_t      itemsize;
  const std::string &d = dtype->get_ref<const std::string &> ();
  if (d == "F32")
    out.type = at::kFloat, itemsize = 4;
  else if (d == "F16")
    out.type = at::kHalf, itemsize = 2;
  else if (d == "BF16")
    out.type = at::kBFloat16, itemsize = 2;
  else
    fail (path, "stores " + key + " as " + d + "; F32, F16 or BF16 expected");

  auto shape = e.find ("shape");
  if (shape == e.end () || !shape->is_array ())
    fail (path, "has no shape for " + key);
  std::vector<std::int64_t> got;
  for (const json &dim : *shape)
    {
      if (!dim.is_number_unsigned () || dim.get<std::uint64_t> () > 1u << 30)
        fail (path, "has an invalid shape for " + key + ": " + shape->dump ());
      got.push_back (dim.get<std::int64_t> ());
    }
  if (got != expected)
    fail (path, "has " + key + " of shape " + shape_string (got) + ", expected "
                    + shape_string (expected) + " (VGG19, torchvision layout)");

  auto offsets = e.find ("data_offsets");
  if (offsets == e.end () || !offsets->is_array () || offsets->size () != 2
      || !(*offsets)[0].is_number_unsigned ()
      || !(*offsets)[1].is_number_unsigned ())
    fail (path, "has invalid data_offsets for " + key
                    + " (two non-negative integers expected)");
  std::uint64_t begin = (*offsets)[0].get<std::uint64_t> ();
  std::uint64_t end = (*offsets)[1].get<std::uint64_t> ();
  if (begin > end)
    fail (path, "has invalid data_offsets for " + key + ": " + offsets->dump ()
                    + " ends before it begins");
  std::uint64_t numel = 1;
  for (std::int64_t dim : expected)
    numel *= static_cast<std::uint64_t> (dim);
  if (end - begin != numel * itemsize)
    fail (path, "is damaged: " + key + " has data_offsets " + offsets->dump ()
                    + " (" + std::to_string (end - begin) + " bytes) but " + d
                    + " " + shape_string (expected) + " takes "
                    + std::to_string (numel * itemsize) + " bytes");
  if (end > data_size)
    fail (path, "is truncated (an interrupted download?): " + key
                    + " needs bytes " + std::to_string (data_start + begin)
                    + " to " + std::to_string (data_start + end)
                    + " but the file has only "
                    + std::to_string (data_start + data_size) + " bytes");
  out.begin = begin;
  out.bytes = end - begin;
  return out;
}

// A download cut short may still hold every needed tensor when the cut
// falls in layers we skip; the file is damaged all the same.  Only the
// header is looked at: unneeded tensors are never read.
void
check_complete (const json &header, std::uint64_t data_start,
                std::uint64_t file_size, const std::string &path)
{
  std::uint64_t described = 0;
  for (const auto &item : header.items ())
    {
      const json &e = item.value ();
      auto        offsets = e.find ("data_offsets"); // end () for non-objects
      if (offsets != e.end () && offsets->is_array () && offsets->size () == 2
          && (*offsets)[1].is_number_unsigned ())
        described = std::max (described, (*offsets)[1].get<std::uint64_t> ());
    }
  if (described > file_size - data_start)
    fail (path, "is truncated (an interrupted download?): its header "
                "describes "
                    + std::to_string (data_start + described)
                    + " bytes but the file has only "
                    + std::to_string (file_size));
}

at::Tensor
read_tensor (const File &file, const Entry &entry,
             const std::vector<std::int64_t> &shape, std::uint64_t data_start,
             const std::string &key, const std::string &path)
{
  at::Tensor raw = at::empty (shape, at::TensorOptions ().dtype (entry.type));
  file.read (raw.data_ptr (), entry.bytes, data_start + entry.begin, key);
  at::Tensor   t = entry.type == at::kFloat ? raw : raw.to (at::kFloat);
  const float *v = t.data_ptr<float> ();
  for (std::int64_t i = 0, n = t.numel (); i < n; i++)
    if (!std::isfinite (v[i]))
      fail (path, "contains NaN or infinite values in " + key
                      + " (the file is damaged)");
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

std::string
user_data_file ()
{
  // XDG base directories: a relative XDG_DATA_HOME is to be ignored.
  const char *xdg = std::getenv ("XDG_DATA_HOME");
  if (xdg && xdg[0] == '/')
    return std::string (xdg) + "/gimp-neural-style/vgg19.safetensors";
  const char *home = std::getenv ("HOME");
  if (home && home[0])
    return std::string (home)
           + "/.local/share/gimp-neural-style/vgg19.safetensors";
  return "";
}

} // namespace

std::vector<ConvWeights>
load_vgg19_convs (const std::string &path, int deepest_index)
{
  if (deepest_index < 0 || deepest_index > vgg19_convs[15].index)
    throw Error (NST_ERROR_INTERNAL,
                 "VGG19 has no layer features." + std::to_string (deepest_index)
                     + " to load weights up to (a bug in the engine).");

  File          file (path);
  std::uint64_t data_start = 0;
  json          header = read_header (file, path, &data_start);
  std::string   prefix = find_prefix (header, path);
  std::uint64_t data_size = file.size () - data_start;

  // Check every needed entry before reading any data, so a bad file costs
  // no time and the first problem reported is the header's.
  struct Needed
  {
    int                       index;
    std::string               name; // with the prefix, without ".weight"
    std::vector<std::int64_t> wshape, bshape;
    Entry                     w, b;
  };
  std::vector<Needed> needed;
  for (const ConvShape &c : vgg19_convs)
    {
      if (c.index > deepest_index)
        break;
      Needed n;
      n.index = c.index;
      n.wshape = { c.out, c.in, 3, 3 };
      n.bshape = { c.out };
      n.name = prefix + "features." + std::to_string (c.index);
      n.w = check_entry (header, n.name + ".weight", n.wshape, data_size,
                         data_start, path);
      n.b = check_entry (header, n.name + ".bias", n.bshape, data_size,
                         data_start, path);
      needed.push_back (std::move (n));
    }

  check_complete (header, data_start, file.size (), path);

  std::vector<ConvWeights> convs;
  for (const Needed &n : needed)
    convs.push_back ({ n.index,
                       read_tensor (file, n.w, n.wshape, data_start,
                                    n.name + ".weight", path),
                       read_tensor (file, n.b, n.bshape, data_start,
                                    n.name + ".bias", path) });
  return convs;
}

std::string
find_weights (const char *explicit_path)
{
  int error = 0;
  if (explicit_path && explicit_path[0])
    {
      if (!exists (explicit_path, &error))
        throw Error (NST_ERROR_WEIGHTS,
                     std::string ("The weights file “") + explicit_path
                         + "” cannot be opened: " + std::strerror (error)
                         + ". Check the path, or run nst-download-weights to "
                           "download the VGG19 weights.");
      return explicit_path;
    }

  const char *env = std::getenv ("NST_WEIGHTS");
  if (env && env[0])
    {
      if (!exists (env, &error))
        throw Error (NST_ERROR_WEIGHTS,
                     std::string ("NST_WEIGHTS is set to “") + env
                         + "”, which cannot be opened: " + std::strerror (error)
                         + ". Point NST_WEIGHTS at the VGG19 weights "
                           "(vgg19.safetensors), or unset it to use the "
                           "default places.");
      return env;
    }

  std::vector<std::string> places;
  std::string              user = user_data_file ();
  if (!user.empty ())
    places.push_back (user);
  places.push_back (NST_DATADIR "/vgg19.safetensors");
  for (const std::string &place : places)
    if (exists (place, &error))
      return place;

  std::string message = "The VGG19 weights were not found. Looked in:";
  for (const std::string &place : places)
    message += "\n  " + place;
  message += "\nRun nst-download-weights to download them (about 575 MB, "
             "once; it keeps the 80 MB of convolution weights"
             + (user.empty () ? std::string () : " in " + user)
             + "), or set NST_WEIGHTS to the path of a VGG19 "
               "safetensors file.";
  throw Error (NST_ERROR_WEIGHTS, message);
}

} // namespace nst
