// CT volumes: the NIfTI-1 reader (zlib for .nii.gz) and the on-disk cache of prepared volumes.
#include "radsynth/simulation/CtEngine.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace radsynth::simulation {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxVoxels = size_t(120) * 1000 * 1000; // 240 MB of int16: far above any chest CT

struct GzFile {
    gzFile file = nullptr;
    explicit GzFile(const std::string &path) : file(gzopen(path.c_str(), "rb")) {}
    ~GzFile() { if (file) gzclose(file); }
    // Reads exactly `size` bytes; false on a short read (a truncated file).
    bool read(void *data, size_t size)
    {
        char *out = static_cast<char *>(data);
        while (size > 0) {
            const unsigned chunk = unsigned(std::min<size_t>(size, 1u << 30));
            const int n = gzread(file, out, chunk);
            if (n <= 0)
                return false;
            out += n;
            size -= size_t(n);
        }
        return true;
    }
    bool skip(size_t size)
    {
        std::array<char, 4096> buffer{};
        while (size > 0) {
            const size_t n = std::min(size, buffer.size());
            if (!read(buffer.data(), n))
                return false;
            size -= n;
        }
        return true;
    }
};

template <typename T>
T get(const unsigned char *header, size_t offset, bool swap)
{
    T value;
    std::memcpy(&value, header + offset, sizeof(T));
    if (swap) {
        unsigned char *b = reinterpret_cast<unsigned char *>(&value);
        std::reverse(b, b + sizeof(T));
    }
    return value;
}

std::string stemOf(const std::string &path)
{
    std::string name = fs::path(path).filename().string();
    for (const char *suffix : {".nii.gz", ".nii"})
        if (name.size() > std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
            return name.substr(0, name.size() - std::strlen(suffix));
    return name;
}

} // namespace

Result<CtVolume> readNiftiCt(const std::string &path)
{
    auto volume = readNiftiVolume(path);
    if (!volume)
        return volume;
    // A CT in Hounsfield units has air (about -1000) around the body and inside the lungs, and
    // tissue around 0; a label map or an MR has neither.
    size_t air = 0, dense = 0, negative = 0;
    for (int16_t hu : volume->hu) {
        air += hu < -900;
        dense += hu > 300;
        negative += hu < 0;
    }
    const double fAir = double(air) / double(volume->voxels()), fNegative = double(negative) / double(volume->voxels());
    if (fAir < 0.05 || fNegative < 0.1 || dense == 0)
        return makeError("not a CT in Hounsfield units (" + std::to_string(int(fAir * 100)) +
                             "% of voxels are air; a chest CT has air around the body and in the lungs)",
                         path);
    return volume;
}

Result<CtVolume> readNiftiVolume(const std::string &path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return makeError("not a readable file", path);
    GzFile in(path);
    if (!in.file)
        return makeError("cannot open the file", path);
    unsigned char header[348];
    if (!in.read(header, sizeof header))
        return makeError("not a NIfTI-1 file: shorter than its 348-byte header", path);
    bool swap = false;
    int32_t sizeofHeader = get<int32_t>(header, 0, false);
    if (sizeofHeader != 348) {
        swap = true;
        sizeofHeader = get<int32_t>(header, 0, true);
    }
    if (sizeofHeader != 348 || (std::memcmp(header + 344, "n+1", 4) != 0 && std::memcmp(header + 344, "ni1", 4) != 0))
        return makeError("not a NIfTI-1 file (no 348-byte header with the n+1 magic)", path);
    if (std::memcmp(header + 344, "ni1", 4) == 0)
        return makeError("two-file NIfTI (.hdr/.img) is not supported: convert it to a single .nii or .nii.gz", path);
    std::array<int16_t, 8> dim{};
    for (int d = 0; d < 8; ++d)
        dim[size_t(d)] = get<int16_t>(header, 40 + 2 * size_t(d), swap);
    if (dim[0] < 3 || dim[0] > 7 || dim[1] < 16 || dim[2] < 16 || dim[3] < 16)
        return makeError("not a 3D volume (a CT needs at least 16 voxels along each axis)", path);
    for (int d = 4; d <= dim[0]; ++d)
        if (dim[size_t(d)] > 1)
            return makeError("a 4D or vector volume, not a CT", path);
    const int16_t datatype = get<int16_t>(header, 70, swap);
    const int16_t bitpix = get<int16_t>(header, 72, swap);
    std::array<float, 8> pixdim{};
    for (int d = 0; d < 8; ++d)
        pixdim[size_t(d)] = get<float>(header, 76 + 4 * size_t(d), swap);
    const float voxOffset = get<float>(header, 108, swap);
    float slope = get<float>(header, 112, swap), intercept = get<float>(header, 116, swap);
    if (!std::isfinite(slope) || slope == 0.0f) { slope = 1.0f; intercept = 0.0f; }
    if (!std::isfinite(intercept))
        intercept = 0.0f;
    const int16_t qformCode = get<int16_t>(header, 252, swap), sformCode = get<int16_t>(header, 254, swap);

    CtVolume v;
    v.name = stemOf(path);
    v.nx = dim[1];
    v.ny = dim[2];
    v.nz = dim[3];
    if (v.voxels() > kMaxVoxels)
        return makeError("volume too large (" + std::to_string(v.voxels() / 1000000) + " million voxels; at most 120)", path);
    for (int d = 0; d < 3; ++d) {
        v.spacingMm[d] = std::fabs(pixdim[size_t(d) + 1]);
        if (!std::isfinite(v.spacingMm[d]) || v.spacingMm[d] < 0.2 || v.spacingMm[d] > 10.0)
            return makeError("implausible voxel spacing for a CT (" + std::to_string(pixdim[size_t(d) + 1]) + " mm)", path);
    }
    size_t bytes = 0;
    switch (datatype) {
    case 2: bytes = 1; break;   // uint8
    case 4: bytes = 2; break;   // int16
    case 8: bytes = 4; break;   // int32
    case 16: bytes = 4; break;  // float32
    case 512: bytes = 2; break; // uint16
    default:
        return makeError("unsupported NIfTI data type " + std::to_string(datatype) + " (a CT is int16, int32, uint16 or float32)", path);
    }
    if (bitpix != int16_t(bytes * 8))
        return makeError("inconsistent header (bitpix " + std::to_string(bitpix) + " for data type " + std::to_string(datatype) + ")", path);
    if (!(voxOffset >= 348.0f) || voxOffset > 1.0e6f)
        return makeError("invalid vox_offset in the header", path);
    if (!in.skip(size_t(voxOffset) - sizeof header))
        return makeError("truncated file (ends inside the header extensions)", path);
    std::vector<unsigned char> raw(v.voxels() * bytes);
    if (!in.read(raw.data(), raw.size()))
        return makeError("truncated file: fewer voxels than the header's " + std::to_string(v.nx) + "x" + std::to_string(v.ny) +
                             "x" + std::to_string(v.nz),
                         path);

    // Orientation: the voxel axes as world (RAS) directions, from the sform (else the qform; else
    // the NIfTI default, which is RAS-ish: i to the right would be unusual for a CT; trust it).
    std::array<std::array<double, 3>, 3> axis{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
    if (sformCode > 0) {
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c)
                axis[size_t(c)][size_t(r)] = get<float>(header, 280 + size_t(r) * 16 + size_t(c) * 4, swap);
    } else if (qformCode > 0) {
        const double b = get<float>(header, 256, swap), c = get<float>(header, 260, swap), d = get<float>(header, 264, swap);
        const double a = std::sqrt(std::max(0.0, 1.0 - (b * b + c * c + d * d)));
        const double qfac = pixdim[0] < 0 ? -1.0 : 1.0;
        const double R[3][3] = {{a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                                {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                                {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
        for (int col = 0; col < 3; ++col)
            for (int r = 0; r < 3; ++r)
                axis[size_t(col)][size_t(r)] = R[r][col] * (col == 2 ? qfac : 1.0);
    }
    // For each voxel axis: which LPS axis it follows and with which sign (RAS -> LPS flips x, y).
    int lpsAxis[3];
    int sign[3];
    for (int a = 0; a < 3; ++a) {
        const double lps[3] = {-axis[size_t(a)][0], -axis[size_t(a)][1], axis[size_t(a)][2]};
        int best = 0;
        for (int w = 1; w < 3; ++w)
            if (std::fabs(lps[w]) > std::fabs(lps[best]))
                best = w;
        lpsAxis[a] = best;
        sign[a] = lps[best] < 0 ? -1 : 1;
    }
    if (lpsAxis[0] == lpsAxis[1] || lpsAxis[1] == lpsAxis[2] || lpsAxis[0] == lpsAxis[2])
        return makeError("degenerate orientation in the header", path);
    if (lpsAxis[2] != 2)
        return makeError("not an axial CT (the slice axis is not head-foot)", path);

    auto value = [&](size_t n) -> double {
        const unsigned char *p = raw.data() + n * bytes;
        switch (datatype) {
        case 2: return *p;
        case 4: { int16_t x; std::memcpy(&x, p, 2); if (swap) x = int16_t(uint16_t(x) >> 8 | uint16_t(x) << 8); return x; }
        case 512: { uint16_t x; std::memcpy(&x, p, 2); if (swap) x = uint16_t(x >> 8 | x << 8); return x; }
        case 8: return get<int32_t>(p, 0, swap);
        default: { const float f = get<float>(p, 0, swap); return std::isfinite(f) ? f : -1024.0; }
        }
    };
    // Output grid in LPS order.
    const int n[3] = {v.nx, v.ny, v.nz};
    int outN[3];
    double outSpacing[3];
    for (int a = 0; a < 3; ++a) {
        outN[lpsAxis[a]] = n[a];
        outSpacing[lpsAxis[a]] = v.spacingMm[a];
    }
    CtVolume out;
    out.name = v.name;
    out.nx = outN[0];
    out.ny = outN[1];
    out.nz = outN[2];
    std::copy(outSpacing, outSpacing + 3, out.spacingMm);
    out.hu.resize(out.voxels());
    for (int k = 0; k < v.nz; ++k)
        for (int j = 0; j < v.ny; ++j)
            for (int i = 0; i < v.nx; ++i) {
                const size_t src = (size_t(k) * size_t(v.ny) + size_t(j)) * size_t(v.nx) + size_t(i);
                const int idx[3] = {i, j, k};
                int o[3];
                for (int a = 0; a < 3; ++a)
                    o[lpsAxis[a]] = sign[a] > 0 ? idx[a] : n[a] - 1 - idx[a];
                const double hu = std::clamp(std::round(value(src) * slope + intercept), -1024.0, 3071.0);
                out.hu[out.index(o[0], o[1], o[2])] = int16_t(hu);
            }
    return out;
}

// ---- the cache of prepared volumes -------------------------------------------------------

namespace {
constexpr char kCacheMagic[8] = {'R', 'S', 'C', 'T', 'P', 'R', 'E', 'P'};
constexpr uint32_t kPreparationVersion = 12;

template <typename T>
void put(std::ofstream &out, const T &value) { out.write(reinterpret_cast<const char *>(&value), sizeof(T)); }
template <typename T>
bool take(std::ifstream &in, T &value) { return bool(in.read(reinterpret_cast<char *>(&value), sizeof(T))); }

void putString(std::ofstream &out, const std::string &s)
{
    put(out, uint32_t(s.size()));
    out.write(s.data(), std::streamsize(s.size()));
}
bool takeString(std::ifstream &in, std::string &s)
{
    uint32_t size = 0;
    if (!take(in, size) || size > 4096)
        return false;
    s.resize(size);
    return bool(in.read(s.data(), size));
}

std::string cacheKey(const std::string &path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto time = fs::last_write_time(path, ec).time_since_epoch().count();
    char key[160];
    std::snprintf(key, sizeof key, "-v%u-%llx-%llx.rsct", kPreparationVersion, static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(time));
    return stemOf(path) + key;
}

Status writeCache(const PreparedCt &ct, const std::string &file)
{
    const std::string temporary = file + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            return makeError("cannot write the CT cache", temporary);
        out.write(kCacheMagic, sizeof kCacheMagic);
        put(out, kPreparationVersion);
        putString(out, ct.name);
        put(out, int32_t(ct.volume.nx));
        put(out, int32_t(ct.volume.ny));
        put(out, int32_t(ct.volume.nz));
        out.write(reinterpret_cast<const char *>(ct.volume.spacingMm), sizeof ct.volume.spacingMm);
        out.write(reinterpret_cast<const char *>(&ct.landmarks), sizeof ct.landmarks);
        out.write(reinterpret_cast<const char *>(ct.lungVolumeMl), sizeof ct.lungVolumeMl);
        put(out, uint32_t(ct.notes.size()));
        for (const std::string &note : ct.notes)
            putString(out, note);
        out.write(reinterpret_cast<const char *>(ct.volume.hu.data()), std::streamsize(ct.volume.hu.size() * 2));
        out.write(reinterpret_cast<const char *>(ct.labels.data()), std::streamsize(ct.labels.size()));
        out.write(reinterpret_cast<const char *>(ct.wallMm.data()), std::streamsize(ct.wallMm.size()));
        out.flush();
        if (!out)
            return makeError("cannot write the CT cache (disk full?)", temporary);
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec)
        return makeError("cannot write the CT cache: " + ec.message(), file);
    return okStatus();
}

std::shared_ptr<const PreparedCt> readCache(const std::string &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return nullptr;
    char magic[sizeof kCacheMagic];
    uint32_t version = 0;
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kCacheMagic, sizeof magic) != 0 || !take(in, version) ||
        version != kPreparationVersion)
        return nullptr;
    auto ct = std::make_shared<PreparedCt>();
    int32_t nx = 0, ny = 0, nz = 0;
    uint32_t notes = 0;
    if (!takeString(in, ct->name) || !take(in, nx) || !take(in, ny) || !take(in, nz) || nx < 16 || ny < 16 || nz < 16 ||
        size_t(nx) * size_t(ny) * size_t(nz) > kMaxVoxels)
        return nullptr;
    ct->volume.name = ct->name;
    ct->volume.nx = nx;
    ct->volume.ny = ny;
    ct->volume.nz = nz;
    if (!in.read(reinterpret_cast<char *>(ct->volume.spacingMm), sizeof ct->volume.spacingMm) ||
        !in.read(reinterpret_cast<char *>(&ct->landmarks), sizeof ct->landmarks) ||
        !in.read(reinterpret_cast<char *>(ct->lungVolumeMl), sizeof ct->lungVolumeMl) || !take(in, notes) || notes > 64)
        return nullptr;
    ct->notes.resize(notes);
    for (std::string &note : ct->notes)
        if (!takeString(in, note))
            return nullptr;
    const size_t n = ct->volume.voxels();
    ct->volume.hu.resize(n);
    ct->labels.resize(n);
    ct->wallMm.resize(n);
    if (!in.read(reinterpret_cast<char *>(ct->volume.hu.data()), std::streamsize(n * 2)) ||
        !in.read(reinterpret_cast<char *>(ct->labels.data()), std::streamsize(n)) ||
        !in.read(reinterpret_cast<char *>(ct->wallMm.data()), std::streamsize(n)))
        return nullptr;
    for (uint8_t label : ct->labels)
        if (label >= kCtLabelCount)
            return nullptr;
    return ct;
}
} // namespace

Result<std::shared_ptr<const PreparedCt>> loadPreparedCt(const std::string &niftiPath, const std::string &cacheDir)
{
    std::string cacheFile;
    if (!cacheDir.empty()) {
        cacheFile = (fs::path(cacheDir) / cacheKey(niftiPath)).string();
        if (auto cached = readCache(cacheFile))
            return cached;
    }
    auto raw = readNiftiCt(niftiPath);
    if (!raw)
        return raw.error();
    auto prepared = prepareCt(raw.value());
    if (!prepared)
        return prepared.error();
    auto ct = std::make_shared<const PreparedCt>(std::move(prepared).value());
    if (!cacheFile.empty()) {
        std::error_code ec;
        fs::create_directories(cacheDir, ec);
        (void)writeCache(*ct, cacheFile); // a cache that cannot be written only costs time
    }
    return ct;
}

std::string defaultCtDirectory()
{
    if (const char *env = std::getenv("RADSYNTH_CT_DIR"); env && *env)
        return env;
#ifdef RADSYNTH_DEFAULT_SHARED_DATA_DIR
    return std::string(RADSYNTH_DEFAULT_SHARED_DATA_DIR) + "/ct";
#else
    return "../shared/data/ct";
#endif
}

std::string defaultCtCacheDirectory()
{
    if (const char *env = std::getenv("RADSYNTH_CT_CACHE"); env && *env)
        return env;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::string(xdg) + "/radsynth/ct";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.cache/radsynth/ct";
    return (fs::temp_directory_path() / "radsynth-ct-cache").string();
}

} // namespace radsynth::simulation
