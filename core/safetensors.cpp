// safetensors.cpp: the header of a safetensors file, parsed and checked.
//
// safetensors: an 8-byte little-endian header length N, N bytes of JSON
// ({"name": {"dtype", "shape", "data_offsets": [begin, end]}, …}, offsets
// relative to the end of the header), then the raw tensor data.  The file
// may be truncated, damaged or hostile: everything in the header is checked
// against the file before a byte of data is read, and what the file says is
// quoted in messages only as a short escaped excerpt.

#include "safetensors.hpp"

#include "status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <sstream>

#include "i18n.hpp"

namespace nst
{
namespace
{

using json = nlohmann::json;

// A corrupt header must not make us allocate gigabytes; the real one is
// about 3 KB (100 MB is the limit of the reference implementation).
constexpr std::uint64_t max_header_bytes = 100u * 1000 * 1000;

// The real header nests 3 deep.  Deeper JSON is refused before parsing:
// the library's printing and our messages recurse over it.
constexpr int max_depth = 16;

constexpr std::size_t max_excerpt = 60;

const char *const what_to_do
    = N_ ("Run nst-download-weights to download the VGG19 weights, or "
          "choose torchvision's VGG19 weights in safetensors format as the "
          "weights file (or in NST_WEIGHTS).");

// Byte counts and offsets for %llu.
unsigned long long
ull (std::uint64_t n)
{
  return n;
}

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

// Nesting of arrays and objects, outside strings.
int
json_depth (const std::string &text)
{
  int  depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size (); i++)
    {
      char c = text[i];
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = false;
        }
      else if (c == '"')
        in_string = true;
      else if (c == '[' || c == '{')
        deepest = std::max (deepest, ++depth);
      else if (c == ']' || c == '}')
        depth--;
      if (deepest > max_depth)
        break;
    }
  return deepest;
}

json
parse_header (const std::string &text, const std::string &path)
{
  if (json_depth (text) > max_depth)
    weights_fail (_ ("The weights file “%s” is not a safetensors file (its "
                     "header nests deeper than %d levels)."),
                  path.c_str (), max_depth);
  json header;
  try
    {
      header = json::parse (text);
    }
  catch (const json::parse_error &e)
    {
      weights_fail (_ ("The weights file “%s” is not a safetensors file (its "
                       "header is not valid JSON: error at byte %zu)."),
                    path.c_str (), e.byte);
    }
  catch (const json::exception &)
    {
      // Numbers beyond a double (1e999, 400 digits) end up here.
      weights_fail (_ ("The weights file “%s” is not a safetensors file (its "
                       "header holds a number out of range)."),
                    path.c_str ());
    }
  if (! header.is_object ())
    weights_fail (_ ("The weights file “%s” is not a safetensors file (its "
                     "header is JSON but not an object of tensors)."),
                  path.c_str ());
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
    weights_fail (_ ("The weights file “%s” has no tensor named "
                     "features.0.weight (nor with a prefix such as "
                     "model.features.0.weight): it is not VGG19 in "
                     "torchvision's layout."),
                  path.c_str ());
  if (found.size () > 1)
    /* TRANSLATORS: the second and third %s are the starts of tensor
       names, e.g. "model." */
    weights_fail (_ ("The weights file “%s” holds several networks "
                     "(features.0.weight with prefixes “%s” and “%s”); it is "
                     "not one VGG19."),
                  path.c_str (), excerpt (found[0]).c_str (),
                  excerpt (found[1]).c_str ());
  return found[0];
}

TensorRange
check_entry (const json                      &header,
             const std::string               &key,
             const std::vector<std::int64_t> &expected,
             std::uint64_t                    data_size,
             std::uint64_t                    data_start,
             const std::string               &path)
{
  const std::string name = excerpt (key);
  auto              it   = header.find (key);
  if (it == header.end ())
    /* TRANSLATORS: the second %s is a tensor's name, e.g.
       features.0.weight */
    weights_fail (_ ("The weights file “%s” has no tensor %s (VGG19 in "
                     "torchvision's layout has it): it is incomplete or "
                     "another network."),
                  path.c_str (), name.c_str ());
  const json &e = *it;
  if (! e.is_object ())
    weights_fail (_ ("The weights file “%s” has a malformed header entry "
                     "for %s."),
                  path.c_str (), name.c_str ());

  auto dtype = e.find ("dtype");
  if (dtype == e.end () || ! dtype->is_string ())
    /* TRANSLATORS: dtype is the header's key for a tensor's data type */
    weights_fail (_ ("The weights file “%s” has no dtype for %s."),
                  path.c_str (), name.c_str ());
  TensorRange        out;
  std::uint64_t      itemsize;
  const std::string &d = dtype->get_ref<const std::string &> ();
  if (d == "F32")
    out.dtype = DType::F32, itemsize = 4;
  else if (d == "F16")
    out.dtype = DType::F16, itemsize = 2;
  else if (d == "BF16")
    out.dtype = DType::BF16, itemsize = 2;
  else
    /* TRANSLATORS: a tensor's name, then its data type as the file
       names it (F32, I64, …) */
    weights_fail (_ ("The weights file “%s” stores %s as %s; F32, F16 or "
                     "BF16 expected."),
                  path.c_str (), name.c_str (), excerpt (d).c_str ());

  auto shape = e.find ("shape");
  if (shape == e.end () || ! shape->is_array ())
    weights_fail (_ ("The weights file “%s” has no shape for %s."),
                  path.c_str (), name.c_str ());
  std::vector<std::int64_t> got;
  for (const json &dim : *shape)
    {
      if (! dim.is_number_unsigned () || dim.get<std::uint64_t> () > 1u << 30)
        weights_fail (_ ("The weights file “%s” has an invalid shape for "
                         "%s: %s."),
                      path.c_str (), name.c_str (),
                      excerpt (shape->dump ()).c_str ());
      got.push_back (dim.get<std::int64_t> ());
    }
  if (got != expected)
    /* TRANSLATORS: a tensor's name, the shape it has, e.g. [64, 3, 3, 3],
       and the shape it should have */
    weights_fail (_ ("The weights file “%s” has %s of shape %s, expected %s "
                     "(VGG19, torchvision layout)."),
                  path.c_str (), name.c_str (),
                  excerpt (shape_string (got)).c_str (),
                  shape_string (expected).c_str ());

  auto offsets = e.find ("data_offsets");
  if (offsets == e.end () || ! offsets->is_array () || offsets->size () != 2
      || ! (*offsets)[0].is_number_unsigned ()
      || ! (*offsets)[1].is_number_unsigned ())
    /* TRANSLATORS: data_offsets is the header's key for where a tensor's
       bytes are */
    weights_fail (_ ("The weights file “%s” has invalid data_offsets for %s "
                     "(two non-negative integers expected)."),
                  path.c_str (), name.c_str ());
  std::uint64_t begin        = (*offsets)[0].get<std::uint64_t> ();
  std::uint64_t end          = (*offsets)[1].get<std::uint64_t> ();
  std::string   offsets_text = offsets->dump ();
  if (begin > end)
    weights_fail (_ ("The weights file “%s” has invalid data_offsets for "
                     "%s: %s ends before it begins."),
                  path.c_str (), name.c_str (), offsets_text.c_str ());
  std::uint64_t numel = 1;
  for (std::int64_t dim : expected)
    numel *= static_cast<std::uint64_t> (dim);
  if (end - begin != numel * itemsize)
    /* TRANSLATORS: a tensor's name, its data_offsets, e.g. [0, 6912],
       their difference, then the data type and shape, e.g. F32 [64, 3,
       3, 3], and the bytes those take */
    weights_fail (_ ("The weights file “%s” is damaged: %s has data_offsets "
                     "%s (%llu bytes) but %s %s takes %llu bytes."),
                  path.c_str (), name.c_str (), offsets_text.c_str (),
                  ull (end - begin), d.c_str (),
                  shape_string (expected).c_str (), ull (numel * itemsize));
  if (end > data_size)
    /* TRANSLATORS: a tensor's name, the range of bytes it needs, and the
       file's size */
    weights_fail (_ ("The weights file “%s” is truncated (an interrupted "
                     "download?): %s needs bytes %llu to %llu but the file "
                     "has only %llu bytes."),
                  path.c_str (), name.c_str (), ull (data_start + begin),
                  ull (data_start + end), ull (data_start + data_size));
  out.offset = data_start + begin;
  out.bytes  = end - begin;
  return out;
}

// A download cut short may still hold every needed tensor when the cut
// falls in layers we skip; the file is damaged all the same.  Only the
// header is looked at: unneeded tensors are never read.
void
check_complete (const json        &header,
                std::uint64_t      data_start,
                std::uint64_t      file_size,
                const std::string &path)
{
  std::uint64_t described = 0;
  for (const auto &item : header.items ())
    {
      const json &e       = item.value ();
      auto        offsets = e.find ("data_offsets"); // end () for non-objects
      if (offsets != e.end () && offsets->is_array () && offsets->size () == 2
          && (*offsets)[1].is_number_unsigned ())
        described = std::max (described, (*offsets)[1].get<std::uint64_t> ());
    }
  if (described > file_size - data_start)
    weights_fail (_ ("The weights file “%s” is truncated (an interrupted "
                     "download?): its header describes %llu bytes but the "
                     "file has only %llu."),
                  path.c_str (), ull (data_start + described), ull (file_size));
}

} // namespace

std::string
excerpt (const std::string &text)
{
  std::string out;
  std::size_t n = std::min (text.size (), max_excerpt);
  for (std::size_t i = 0; i < n; i++)
    {
      unsigned char c = static_cast<unsigned char> (text[i]);
      if (c < 0x20 || c >= 0x7f || c == '\\')
        {
          char buf[8];
          std::snprintf (buf, sizeof buf, "\\x%02x", c);
          out += buf;
        }
      else
        out += static_cast<char> (c);
    }
  if (text.size () > n)
    /* TRANSLATORS: after the start of a long text quoted from a file:
       the text's whole length */
    out += string_printf (_ ("… (%zu bytes)"), text.size ());
  return out;
}

void
weights_fail (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  std::string problem = vstring_printf (format, args);
  va_end (args);
  throw Error (NST_ERROR_WEIGHTS, problem + " " + _ (what_to_do));
}

std::uint64_t
header_length (const unsigned char first8[8],
               std::uint64_t       file_size,
               const std::string  &path)
{
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; i--)
    n = (n << 8) | first8[i];
  if (n > max_header_bytes)
    weights_fail (_ ("The weights file “%s” is not a safetensors file (its "
                     "header length %llu is absurd; at most %llu expected)."),
                  path.c_str (), ull (n), ull (max_header_bytes));
  if (n > file_size - 8)
    weights_fail (_ ("The weights file “%s” is not a safetensors file (its "
                     "header length %llu is larger than the file, %llu "
                     "bytes)."),
                  path.c_str (), ull (n), ull (file_size));
  return n;
}

std::vector<ConvPlan>
plan_vgg19 (const std::string &text,
            std::uint64_t      file_size,
            int                deepest_index,
            const std::string &path)
{
  json          header     = parse_header (text, path);
  std::string   prefix     = find_prefix (header, path);
  std::uint64_t data_start = 8 + text.size ();
  std::uint64_t data_size  = file_size - data_start;

  std::vector<ConvPlan> plan;
  for (const ConvShape &c : vgg19_convs)
    {
      if (c.index > deepest_index)
        break;
      ConvPlan p;
      p.index  = c.index;
      p.wshape = { c.out, c.in, 3, 3 };
      p.bshape = { c.out };
      p.name   = prefix + "features." + std::to_string (c.index);
      p.weight = check_entry (header, p.name + ".weight", p.wshape, data_size,
                              data_start, path);
      p.bias   = check_entry (header, p.name + ".bias", p.bshape, data_size,
                              data_start, path);
      plan.push_back (std::move (p));
    }
  check_complete (header, data_start, file_size, path);
  return plan;
}

} // namespace nst
