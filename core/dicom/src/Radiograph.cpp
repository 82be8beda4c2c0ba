// Radiograph files of any kind (DICOM, PNG, JPEG) as images and as model input.
#include "radsynth/dicom/Loader.h"

#include <cstring>
#include <filesystem>
#include <fstream>

namespace radsynth::dicom {

bool isDicomFile(const std::string &path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return false; // a FIFO or a device is never opened to look for the magic
    std::ifstream in(path, std::ios::binary);
    char head[132] = {};
    return in.read(head, sizeof head) && std::memcmp(head + 128, "DICM", 4) == 0;
}

Result<imaging::Image> loadRadiograph(const std::string &path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return makeError("image file not found", path);
    if (isDicomFile(path))
        return decodeFrame(path, 0);
    auto image = imaging::readImageFile(path);
    if (image.ok())
        return image;
    auto bare = decodeFrame(path, 0); // a DICOM data set without the Part 10 preamble
    if (bare.ok())
        return bare;
    return image.error();
}

Result<imaging::ModelInput> loadModelInput(const std::string &path, int resolution)
{
    auto image = loadRadiograph(path);
    if (!image.ok())
        return image.error();
    if (image->empty())
        return makeError("the file has no image", path);
    auto prepared = imaging::prepareModelInput(*image, resolution);
    if (!prepared.ok())
        return makeError(prepared.error().message, path);
    return prepared;
}

} // namespace radsynth::dicom
