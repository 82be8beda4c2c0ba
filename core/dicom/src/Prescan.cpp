// Iterative nesting pre-scan of DICOM byte streams (see Prescan.h for why).
#include "radsynth/dicom/Prescan.h"

#include <zlib.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <limits>
#include <vector>

namespace radsynth::dicom {
namespace {

constexpr std::uint32_t kUndefined = 0xFFFFFFFFu;
constexpr std::uint64_t kNoEnd = std::numeric_limits<std::uint64_t>::max();
constexpr char kDeflatedUid[] = "1.2.840.10008.1.2.1.99";

enum class Layout { ExplicitLittle, ImplicitLittle, ExplicitBig };

const char *layoutName(Layout layout)
{
    switch (layout) {
    case Layout::ExplicitLittle: return "explicit VR little endian";
    case Layout::ImplicitLittle: return "implicit VR little endian";
    case Layout::ExplicitBig: return "explicit VR big endian";
    }
    return "";
}

struct Bytes {
    const unsigned char *data = nullptr;
    std::uint64_t size = 0;
    std::uint16_t u16(std::uint64_t at, bool big) const
    {
        return big ? std::uint16_t(data[at] << 8 | data[at + 1]) : std::uint16_t(data[at] | data[at + 1] << 8);
    }
    std::uint32_t u32(std::uint64_t at, bool big) const
    {
        if (big)
            return std::uint32_t(data[at]) << 24 | std::uint32_t(data[at + 1]) << 16 | std::uint32_t(data[at + 2]) << 8 | data[at + 3];
        return std::uint32_t(data[at]) | std::uint32_t(data[at + 1]) << 8 | std::uint32_t(data[at + 2]) << 16
               | std::uint32_t(data[at + 3]) << 24;
    }
};

bool isUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// VRs whose explicit encoding has 2 reserved bytes and a 4-byte length. DCMTK reads a
// non-standard VR with a 4-byte length too (it becomes UN), so anything not in the short list
// is treated as long.
bool hasShortLength(const unsigned char *vr)
{
    static const char *const kShort[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO",
                                         "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"};
    for (const char *s : kShort)
        if (vr[0] == s[0] && vr[1] == s[1])
            return true;
    return false;
}

enum class Kind { Dataset, Sequence, Item, Fragments };

struct Frame {
    Kind kind;
    std::uint64_t end;   // kNoEnd when the length is undefined
    std::uint64_t limit; // the innermost defined end around this frame (its own or a parent's)
    Layout layout;
};

// Walks one data set in one layout. Returns "" or the refusal.
std::string walk(const Bytes &bytes, std::uint64_t start, Layout topLayout, int maxDepth)
{
    std::vector<Frame> stack;
    stack.push_back({Kind::Dataset, kNoEnd, bytes.size, topLayout});
    int depth = 0; // sequences (and stray items) currently open
    std::uint64_t pos = start;

    auto push = [&](Kind kind, std::uint64_t end, Layout layout) -> bool {
        const std::uint64_t limit = std::min(end, stack.back().limit);
        stack.push_back({kind, end, limit, layout});
        if (kind == Kind::Sequence || kind == Kind::Item)
            if (kind == Kind::Sequence || stack[stack.size() - 2].kind != Kind::Sequence)
                ++depth;
        return depth <= maxDepth;
    };
    auto pop = [&] {
        const Frame f = stack.back();
        stack.pop_back();
        if (f.kind == Kind::Sequence || (f.kind == Kind::Item && !stack.empty() && stack.back().kind != Kind::Sequence))
            --depth;
    };
    // Bytes that do not parse: resume after the innermost container with a known end, or stop
    // (DCMTK meets the same bytes and reports the damage).
    auto resync = [&]() -> bool {
        while (stack.size() > 1 && stack.back().end == kNoEnd)
            pop();
        if (stack.size() <= 1)
            return false;
        pos = stack.back().end;
        pop();
        return true;
    };
    auto refusal = [&](std::uint64_t at) {
        return "sequences nested more than " + std::to_string(maxDepth) + " deep (at byte " + std::to_string(at)
               + ", read as " + layoutName(topLayout) + "): refused before parsing, a crafted or corrupt object";
    };

    while (!stack.empty()) {
        Frame &top = stack.back();
        if (top.end != kNoEnd && pos >= top.end) {
            pos = top.end;
            pop();
            continue;
        }
        if (stack.size() == 1 && pos >= bytes.size)
            break;
        const bool big = top.layout == Layout::ExplicitBig;
        const bool isExplicit = top.layout != Layout::ImplicitLittle;
        if (pos + 8 > top.limit || pos + 8 > bytes.size) {
            if (!resync())
                break;
            continue;
        }
        const std::uint16_t group = bytes.u16(pos, big);
        const std::uint16_t element = bytes.u16(pos + 2, big);
        const std::uint64_t tagAt = pos;
        if (group == 0xFFFE) {
            const std::uint32_t length = bytes.u32(pos + 4, big);
            pos += 8;
            if (element == 0xE000) {
                if (top.kind == Kind::Fragments) {
                    if (length == kUndefined || pos + length > top.limit) {
                        if (!resync())
                            break;
                        continue;
                    }
                    pos += length;
                } else {
                    // An item in a sequence, or a stray item DCMTK might still read as one.
                    const std::uint64_t end = length == kUndefined ? kNoEnd : pos + length;
                    if (end != kNoEnd && end > top.limit) {
                        if (!resync())
                            break;
                        continue;
                    }
                    if (!push(Kind::Item, end, top.layout))
                        return refusal(tagAt);
                }
            } else if (element == 0xE00D) {
                if (top.kind == Kind::Item && top.end == kNoEnd)
                    pop();
            } else if (element == 0xE0DD) {
                if ((top.kind == Kind::Sequence || top.kind == Kind::Fragments) && top.end == kNoEnd)
                    pop();
            } else if (!resync()) {
                break;
            }
            continue;
        }
        if (top.kind == Kind::Sequence || top.kind == Kind::Fragments) {
            if (!resync()) // a data element where an item belongs: DCMTK fails here too
                break;
            continue;
        }
        // A data element in a data set or item.
        std::uint32_t length = 0;
        std::uint64_t header = 8;
        const unsigned char *vr = bytes.data + pos + 4;
        bool vrUN = false, vrSQ = false, vrOBOW = false;
        if (isExplicit) {
            vrUN = vr[0] == 'U' && vr[1] == 'N';
            vrSQ = vr[0] == 'S' && vr[1] == 'Q';
            vrOBOW = vr[0] == 'O' && (vr[1] == 'B' || vr[1] == 'W');
            if (isUpper(vr[0]) && isUpper(vr[1]) && hasShortLength(vr)) {
                length = bytes.u16(pos + 6, big);
            } else {
                if (pos + 12 > top.limit || pos + 12 > bytes.size) {
                    if (!resync())
                        break;
                    continue;
                }
                length = bytes.u32(pos + 8, big);
                header = 12;
            }
        } else {
            length = bytes.u32(pos + 4, big);
        }
        pos += header;
        const bool pixelData = group == 0x7FE0 && element == 0x0010;
        // UN values that hold a sequence are encoded in implicit VR little endian.
        const Layout inner = vrUN ? Layout::ImplicitLittle : top.layout;
        if (length == kUndefined) {
            if (pixelData || vrOBOW) {
                if (!push(Kind::Fragments, kNoEnd, top.layout))
                    return refusal(tagAt);
            } else if (!push(Kind::Sequence, kNoEnd, inner)) {
                return refusal(tagAt);
            }
            continue;
        }
        const std::uint64_t end = pos + length;
        if (end > top.limit) {
            if (!resync())
                break;
            continue;
        }
        // A defined-length value is walked as a sequence when it is one (SQ), or when it may be
        // read as one (implicit VR or UN, whose dictionary VR may be SQ) and starts with an item.
        bool descend = vrSQ;
        if (!descend && (!isExplicit || vrUN) && length >= 8 && !pixelData) {
            const bool innerBig = inner == Layout::ExplicitBig;
            descend = bytes.u16(pos, innerBig) == 0xFFFE && bytes.u16(pos + 2, innerBig) == 0xE000;
        }
        if (descend) {
            if (!push(Kind::Sequence, end, inner))
                return refusal(tagAt);
        } else {
            pos = end;
        }
    }
    return {};
}

std::string inflateDataset(const unsigned char *data, std::uint64_t size, std::vector<unsigned char> &out)
{
    z_stream stream;
    std::memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        return "cannot inflate the deflated data set";
    stream.next_in = const_cast<Bytef *>(data);
    stream.avail_in = uInt(std::min<std::uint64_t>(size, std::numeric_limits<uInt>::max()));
    std::uint64_t consumed = 0;
    int rc = Z_OK;
    out.clear();
    while (rc != Z_STREAM_END) {
        if (out.size() >= kMaxInflatedBytes) {
            inflateEnd(&stream);
            return "deflated data set inflates to more than " + std::to_string(kMaxInflatedBytes >> 20) + " MiB: refused";
        }
        const size_t chunk = 1 << 20;
        const size_t old = out.size();
        out.resize(old + chunk);
        stream.next_out = out.data() + old;
        stream.avail_out = uInt(chunk);
        rc = inflate(&stream, Z_NO_FLUSH);
        out.resize(old + chunk - stream.avail_out);
        if (stream.avail_in == 0 && consumed + stream.total_in < size) {
            consumed = stream.total_in;
            stream.avail_in = uInt(std::min<std::uint64_t>(size - consumed, std::numeric_limits<uInt>::max()));
        }
        if (rc == Z_BUF_ERROR && stream.avail_in == 0)
            break; // truncated: scan what inflated, DCMTK reports the damage
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            break; // corrupt: same
    }
    inflateEnd(&stream);
    return {};
}

std::string scanAllLayouts(const unsigned char *data, std::uint64_t size, const std::string &transferSyntaxUid,
                           int maxDepth)
{
    Bytes bytes{data, size};
    std::vector<unsigned char> inflated;
    if (transferSyntaxUid == kDeflatedUid) {
        if (std::string problem = inflateDataset(data, size, inflated); !problem.empty())
            return problem;
        bytes = Bytes{inflated.data(), inflated.size()};
    }
    for (Layout layout : {Layout::ExplicitLittle, Layout::ImplicitLittle, Layout::ExplicitBig})
        if (std::string problem = walk(bytes, 0, layout, maxDepth); !problem.empty())
            return problem;
    return {};
}

// Meta header (group 0002, always explicit VR little endian): its end and the transfer syntax.
std::uint64_t skipMeta(const Bytes &bytes, std::uint64_t pos, std::string &transferSyntax)
{
    while (pos + 8 <= bytes.size && bytes.u16(pos, false) == 0x0002) {
        const std::uint16_t element = bytes.u16(pos + 2, false);
        const unsigned char *vr = bytes.data + pos + 4;
        std::uint64_t length, header = 8;
        if (isUpper(vr[0]) && isUpper(vr[1]) && hasShortLength(vr)) {
            length = bytes.u16(pos + 6, false);
        } else {
            if (pos + 12 > bytes.size)
                break;
            length = bytes.u32(pos + 8, false);
            header = 12;
            if (length == kUndefined)
                break;
        }
        if (pos + header + length > bytes.size)
            break;
        if (element == 0x0010) {
            transferSyntax.assign(reinterpret_cast<const char *>(bytes.data + pos + header), size_t(length));
            while (!transferSyntax.empty() && (transferSyntax.back() == '\0' || transferSyntax.back() == ' '))
                transferSyntax.pop_back();
        }
        pos += header + length;
    }
    return pos;
}

} // namespace

std::string prescanDataset(const void *data, std::size_t size, const std::string &transferSyntaxUid, int maxDepth)
{
    try {
        return scanAllLayouts(static_cast<const unsigned char *>(data), size, transferSyntaxUid, maxDepth);
    } catch (const std::exception &e) {
        return std::string("cannot check the data set (") + e.what() + ")";
    }
}

std::string prescanFile(const std::string &path, int maxDepth)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return std::string("cannot open the file (") + std::strerror(errno) + ")";
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return "not a regular file";
    }
    if (info.st_size == 0) {
        ::close(fd);
        return {};
    }
    void *mapped = ::mmap(nullptr, size_t(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (mapped == MAP_FAILED)
        return std::string("cannot read the file (") + std::strerror(errno) + ")";
    std::string result;
    try {
        const Bytes bytes{static_cast<const unsigned char *>(mapped), std::uint64_t(info.st_size)};
        std::uint64_t start = 0;
        std::string transferSyntax;
        if (bytes.size >= 132 && std::memcmp(bytes.data + 128, "DICM", 4) == 0)
            start = skipMeta(bytes, 132, transferSyntax);
        else
            start = skipMeta(bytes, 0, transferSyntax); // a meta group without preamble, or none
        result = scanAllLayouts(bytes.data + start, bytes.size - start, transferSyntax, maxDepth);
    } catch (const std::exception &e) {
        result = std::string("cannot check the file (") + e.what() + ")";
    }
    ::munmap(mapped, size_t(info.st_size));
    return result;
}

} // namespace radsynth::dicom
