#include "radsynth/generation/TrainingCache.h"

#include <cstdio>
#include <cstring>

namespace radsynth::generation {
namespace {
constexpr char kMagic[8] = {'R', 'S', 'C', 'A', 'C', 'H', 'E', '1'};

template <typename T>
void put(std::ofstream &out, T value)
{
    out.write(reinterpret_cast<const char *>(&value), sizeof(T));
}

template <typename T>
bool get(std::ifstream &in, T &value)
{
    return bool(in.read(reinterpret_cast<char *>(&value), sizeof(T)));
}
} // namespace

TrainingCacheWriter::~TrainingCacheWriter()
{
    if (m_out.is_open()) {
        m_out.close();
        std::remove((m_path + ".part").c_str());
    }
}

bool TrainingCacheWriter::open(const std::string &path, int resolution, std::string *error)
{
    m_path = path;
    m_resolution = resolution;
    m_count = 0;
    m_out.open(path + ".part", std::ios::binary | std::ios::trunc);
    if (!m_out) {
        if (error)
            *error = "cannot create training cache " + path + ".part";
        return false;
    }
    m_out.write(kMagic, sizeof(kMagic));
    put<uint32_t>(m_out, uint32_t(resolution));
    put<uint32_t>(m_out, 0u);
    put<uint32_t>(m_out, uint32_t(kObservationCount));
    return bool(m_out);
}

bool TrainingCacheWriter::append(const CacheRecord &record, std::string *error)
{
    const size_t pixels = size_t(m_resolution) * size_t(m_resolution);
    if ((record.hasFrontal() && record.frontal.size() != pixels) || (record.hasLateral() && record.lateral.size() != pixels)) {
        if (error)
            *error = "record " + record.id + ": image is not " + std::to_string(m_resolution) + "x" + std::to_string(m_resolution);
        return false;
    }
    put<uint8_t>(m_out, uint8_t(record.split));
    put<uint8_t>(m_out, uint8_t((record.hasFrontal() ? 1 : 0) | (record.hasLateral() ? 2 : 0) | (record.hasReport() ? 4 : 0) | (record.labelled ? 0 : 8)));
    const std::string id = record.id.substr(0, 65535);
    put<uint16_t>(m_out, uint16_t(id.size()));
    m_out.write(id.data(), std::streamsize(id.size()));
    if (record.hasFrontal())
        m_out.write(reinterpret_cast<const char *>(record.frontal.data()), std::streamsize(pixels * 2));
    if (record.hasLateral())
        m_out.write(reinterpret_cast<const char *>(record.lateral.data()), std::streamsize(pixels * 2));
    m_out.write(reinterpret_cast<const char *>(record.labels.data()), kObservationCount);
    put<uint32_t>(m_out, uint32_t(record.report.size()));
    m_out.write(record.report.data(), std::streamsize(record.report.size()));
    if (!m_out) {
        if (error)
            *error = "cannot write training cache " + m_path + " (disk full?)";
        return false;
    }
    ++m_count;
    return true;
}

bool TrainingCacheWriter::close(std::string *error)
{
    m_out.seekp(sizeof(kMagic) + sizeof(uint32_t));
    put<uint32_t>(m_out, m_count);
    m_out.flush();
    const bool good = bool(m_out);
    m_out.close();
    if (!good || std::rename((m_path + ".part").c_str(), m_path.c_str()) != 0) {
        if (error)
            *error = "cannot finish training cache " + m_path + " (disk full or folder not writable?)";
        std::remove((m_path + ".part").c_str());
        return false;
    }
    return true;
}

bool TrainingCache::load(const std::string &path, std::string *error)
{
    return load(path, [](const CacheRecordHeader &) { return CacheLoad::Whole; }, error);
}

bool TrainingCache::load(const std::string &path, const CacheSelection &select, std::string *error)
{
    m_records.clear();
    m_splitSizes = {};
    m_recordsWithImages = 0;
    m_bytesRead = 0;
    auto failWith = [&](const std::string &why) {
        if (error)
            *error = path + ": " + why;
        m_records.clear();
        return false;
    };
    // A small stream buffer: a skipped record costs the read of its header, not of a buffer's worth
    // of its images (reads larger than the buffer go straight to the file).
    std::vector<char> buffer(2048);
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), std::streamsize(buffer.size()));
    in.open(path, std::ios::binary);
    if (!in)
        return failWith("cannot open training cache");
    in.seekg(0, std::ios::end);
    const uint64_t fileSize = uint64_t(in.tellg());
    in.seekg(0);
    auto read = [&](void *into, size_t bytes) {
        m_bytesRead += bytes;
        return bool(in.read(static_cast<char *>(into), std::streamsize(bytes)));
    };
    // Moves `bytes` ahead; false when that passes the end of the file.
    auto skip = [&](uint64_t bytes) {
        const uint64_t at = uint64_t(in.tellg());
        if (!in || at + bytes > fileSize)
            return false;
        in.seekg(std::streamoff(at + bytes));
        return bool(in);
    };
    char magic[8];
    if (!read(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0)
        return failWith("not a RadSynth training cache (bad magic)");
    uint32_t resolution = 0, count = 0, labelCount = 0;
    if (!read(&resolution, 4) || !read(&count, 4) || !read(&labelCount, 4))
        return failWith("truncated header");
    if (resolution < 8 || resolution > 2048 || labelCount != kObservationCount)
        return failWith("unsupported resolution or label count");
    m_resolution = int(resolution);
    const size_t pixels = size_t(resolution) * resolution;
    for (uint32_t i = 0; i < count; ++i) {
        uint8_t split = 0, flags = 0;
        uint16_t idLength = 0;
        if (!read(&split, 1) || !read(&flags, 1) || !read(&idLength, 2) || split > 2)
            return failWith("record " + std::to_string(i) + " is truncated or corrupt");
        CacheRecordHeader header;
        header.index = i;
        header.split = Split(split);
        header.splitIndex = uint32_t(m_splitSizes[split]++);
        header.hasFrontal = flags & 1;
        header.hasLateral = flags & 2;
        const CacheLoad what = select ? select(header) : CacheLoad::Whole;
        const uint64_t imageBytes = uint64_t((header.hasFrontal ? 1 : 0) + (header.hasLateral ? 1 : 0)) * pixels * 2;
        if (what == CacheLoad::Skip) {
            uint32_t reportLength = 0;
            if (!skip(idLength + imageBytes + kObservationCount) || !read(&reportLength, 4) || reportLength > (1u << 20) || !skip(reportLength))
                return failWith("record " + std::to_string(i) + " is truncated or corrupt");
            continue;
        }
        CacheRecord record;
        record.split = header.split;
        record.splitIndex = header.splitIndex;
        record.labelled = !(flags & 8);
        record.id.resize(idLength);
        read(record.id.data(), idLength);
        if (what == CacheLoad::Text) {
            if (!skip(imageBytes))
                return failWith("record " + std::to_string(i) + " is truncated");
        } else {
            if (header.hasFrontal) {
                record.frontal.resize(pixels);
                read(record.frontal.data(), pixels * 2);
            }
            if (header.hasLateral) {
                record.lateral.resize(pixels);
                read(record.lateral.data(), pixels * 2);
            }
            ++m_recordsWithImages;
        }
        read(record.labels.data(), kObservationCount);
        uint32_t reportLength = 0;
        if (!in || !read(&reportLength, 4) || reportLength > (1u << 20))
            return failWith("record " + std::to_string(i) + " is truncated or corrupt");
        record.report.resize(reportLength);
        if (!read(record.report.data(), reportLength))
            return failWith("record " + std::to_string(i) + " is truncated");
        m_records.push_back(std::move(record));
    }
    return true;
}

std::vector<const CacheRecord *> TrainingCache::split(Split which) const
{
    std::vector<const CacheRecord *> out;
    for (const auto &record : m_records)
        if (record.split == which)
            out.push_back(&record);
    return out;
}

} // namespace radsynth::generation
