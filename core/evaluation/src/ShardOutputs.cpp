// Per-study model outputs of a sharded evaluation (EvaluationInternal.h): a small binary file per
// study, exact floats, so that the merge computes the metrics of a single run from them.
#include "EvaluationInternal.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace radsynth::evaluation {
namespace {
namespace fs = std::filesystem;
constexpr char kMagic[8] = {'R', 'S', 'E', 'V', 'O', 'U', 'T', '1'};

template <typename T>
void put(std::ostream &out, const T &value)
{
    out.write(reinterpret_cast<const char *>(&value), sizeof value);
}

template <typename T>
bool get(std::istream &in, T &value)
{
    return bool(in.read(reinterpret_cast<char *>(&value), sizeof value));
}

void putText(std::ostream &out, const std::string &text)
{
    put(out, uint64_t(text.size()));
    out.write(text.data(), std::streamsize(text.size()));
}

bool getText(std::istream &in, std::string &text)
{
    uint64_t size = 0;
    if (!get(in, size) || size > (uint64_t(1) << 30))
        return false;
    text.resize(size_t(size));
    return bool(in.read(text.data(), std::streamsize(size)));
}
} // namespace

std::string studyOutputPath(const std::string &folder, generation::Task task, size_t index)
{
    return (fs::path(folder) / "outputs" / generation::toString(task) / (std::to_string(index) + ".bin")).string();
}

Status writeStudyOutput(const std::string &path, const StudyOutput &output)
{
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(kMagic, sizeof kMagic);
        putText(out, output.failure);
        put(out, output.seconds);
        putText(out, output.report);
        put(out, uint32_t(output.images.size()));
        for (const auto &[view, image] : output.images) {
            put(out, int32_t(view));
            put(out, int32_t(image.width));
            put(out, int32_t(image.height));
            put(out, uint64_t(image.pixels.size()));
            out.write(reinterpret_cast<const char *>(image.pixels.data()), std::streamsize(image.pixels.size() * sizeof(float)));
        }
        out.close();
        if (!out)
            return makeError("cannot write the study's outputs", partial);
    }
    fs::rename(partial, path, ec);
    if (ec)
        return makeError("cannot move the study's outputs into place: " + ec.message(), path);
    return okStatus();
}

Result<StudyOutput> readStudyOutput(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("no saved outputs (the shard did not reach this study: run it again)", path);
    char magic[sizeof kMagic];
    StudyOutput output;
    uint32_t images = 0;
    bool ok = in.read(magic, sizeof magic) && std::equal(magic, magic + sizeof magic, kMagic) && getText(in, output.failure) &&
              get(in, output.seconds) && getText(in, output.report) && get(in, images) && images <= 2;
    for (uint32_t i = 0; ok && i < images; ++i) {
        int32_t view = 0, width = 0, height = 0;
        uint64_t count = 0;
        ok = get(in, view) && get(in, width) && get(in, height) && get(in, count) && count == uint64_t(width) * uint64_t(height);
        if (!ok)
            break;
        generation::ImageData image;
        image.width = width;
        image.height = height;
        image.pixels.resize(size_t(count));
        ok = bool(in.read(reinterpret_cast<char *>(image.pixels.data()), std::streamsize(count * sizeof(float))));
        output.images[generation::View(view)] = std::move(image);
    }
    if (!ok)
        return makeError("damaged saved outputs (delete the file and run its shard again)", path);
    return output;
}

} // namespace radsynth::evaluation
