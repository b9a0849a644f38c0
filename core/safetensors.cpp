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
#include <cstdio>
#include <sstream>

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
    weights_fail (path, "is not a safetensors file (its header nests "
                        "deeper than "
                            + std::to_string (max_depth) + " levels)");
  json header;
  try
    {
      header = json::parse (text);
    }
  catch (const json::parse_error &e)
    {
      weights_fail (path, "is not a safetensors file (its header is not valid "
                          "JSON: error at byte "
                              + std::to_string (e.byte) + ")");
    }
  catch (const json::exception &)
    {
      // Numbers beyond a double (1e999, 400 digits) end up here.
      weights_fail (path, "is not a safetensors file (its header holds a "
                          "number out of range)");
    }
  if (! header.is_object ())
    weights_fail (path, "is not a safetensors file (its header is JSON but "
                        "not an object of tensors)");
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
    weights_fail (path, "has no tensor named features.0.weight (nor with a "
                        "prefix such as model.features.0.weight): it is not "
                        "VGG19 in torchvision's layout");
  if (found.size () > 1)
    weights_fail (path, "holds several networks (features.0.weight with "
                        "prefixes “"
                            + excerpt (found[0]) + "” and “"
                            + excerpt (found[1]) + "”); it is not one VGG19");
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
    weights_fail (path, "has no tensor " + name
                            + " (VGG19 in torchvision's layout has it): it is "
                              "incomplete or another network");
  const json &e = *it;
  if (! e.is_object ())
    weights_fail (path, "has a malformed header entry for " + name);

  auto dtype = e.find ("dtype");
  if (dtype == e.end () || ! dtype->is_string ())
    weights_fail (path, "has no dtype for " + name);
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
    weights_fail (path, "stores " + name + " as " + excerpt (d)
                            + "; F32, F16 or BF16 expected");

  auto shape = e.find ("shape");
  if (shape == e.end () || ! shape->is_array ())
    weights_fail (path, "has no shape for " + name);
  std::vector<std::int64_t> got;
  for (const json &dim : *shape)
    {
      if (! dim.is_number_unsigned () || dim.get<std::uint64_t> () > 1u << 30)
        weights_fail (path, "has an invalid shape for " + name + ": "
                                + excerpt (shape->dump ()));
      got.push_back (dim.get<std::int64_t> ());
    }
  if (got != expected)
    weights_fail (path, "has " + name + " of shape "
                            + excerpt (shape_string (got)) + ", expected "
                            + shape_string (expected)
                            + " (VGG19, torchvision layout)");

  auto offsets = e.find ("data_offsets");
  if (offsets == e.end () || ! offsets->is_array () || offsets->size () != 2
      || ! (*offsets)[0].is_number_unsigned ()
      || ! (*offsets)[1].is_number_unsigned ())
    weights_fail (path, "has invalid data_offsets for " + name
                            + " (two non-negative integers expected)");
  std::uint64_t begin        = (*offsets)[0].get<std::uint64_t> ();
  std::uint64_t end          = (*offsets)[1].get<std::uint64_t> ();
  std::string   offsets_text = offsets->dump ();
  if (begin > end)
    weights_fail (path, "has invalid data_offsets for " + name + ": "
                            + offsets_text + " ends before it begins");
  std::uint64_t numel = 1;
  for (std::int64_t dim : expected)
    numel *= static_cast<std::uint64_t> (dim);
  if (end - begin != numel * itemsize)
    weights_fail (path, "is damaged: " + name + " has data_offsets "
                            + offsets_text + " (" + std::to_string (end - begin)
                            + " bytes) but " + d + " " + shape_string (expected)
                            + " takes " + std::to_string (numel * itemsize)
                            + " bytes");
  if (end > data_size)
    weights_fail (path,
                  "is truncated (an interrupted download?): " + name
                      + " needs bytes " + std::to_string (data_start + begin)
                      + " to " + std::to_string (data_start + end)
                      + " but the file has only "
                      + std::to_string (data_start + data_size) + " bytes");
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
    weights_fail (path, "is truncated (an interrupted download?): its header "
                        "describes "
                            + std::to_string (data_start + described)
                            + " bytes but the file has only "
                            + std::to_string (file_size));
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
    out += "… (" + std::to_string (text.size ()) + " bytes)";
  return out;
}

void
weights_fail (const std::string &path, const std::string &problem)
{
  throw Error (NST_ERROR_WEIGHTS, "The weights file “" + path + "” " + problem
                                      + ". " + what_to_do);
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
    weights_fail (path, "is not a safetensors file (its header length "
                            + std::to_string (n) + " is absurd; at most "
                            + std::to_string (max_header_bytes) + " expected)");
  if (n > file_size - 8)
    weights_fail (path, "is not a safetensors file (its header length "
                            + std::to_string (n) + " is larger than the file, "
                            + std::to_string (file_size) + " bytes)");
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
