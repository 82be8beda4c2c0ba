// libFuzzer harness: DICOM bytes through everything the workstation and radsynth-cli do with a
// file they are given (core/dicom): the nesting pre-scan of the bytes as a network object
// (prescanDataset), then, from a file, scan() (header, pre-scan, SR text), decodeFrame() (the
// pixel pipeline: native, deflated, JPEG, JPEG-LS, RLE, colour, LUTs), the display rendering and
// the model-input preparation of a decoded frame, and readTags() (the tag browser).
// The bytes are written to one file per process under TMPDIR (a tmpfs in scripts/fuzz.sh):
// the loader's only door is a path.
#include "FuzzCheck.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/dicom/Prescan.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/imaging/ModelInput.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

const std::string &inputPath()
{
    static const std::string path = [] {
        const char *tmp = std::getenv("TMPDIR");
        return std::string(tmp && *tmp ? tmp : "/tmp") + "/radsynth-fuzz-dicom-" + std::to_string(getpid()) + ".dcm";
    }();
    return path;
}

bool writeInput(const uint8_t *data, size_t size)
{
    FILE *out = std::fopen(inputPath().c_str(), "wb");
    if (!out)
        return false;
    const bool written = std::fwrite(data, 1, size, out) == size;
    return std::fclose(out) == 0 && written;
}

void checkImage(const radsynth::imaging::Image &image)
{
    using namespace radsynth::imaging;
    FUZZ_CHECK(image.width > 0 && image.height > 0, "a decoded frame has a size");
    const size_t pixels = size_t(image.width) * size_t(image.height);
    if (image.isColor()) {
        FUZZ_CHECK(image.rgb.size() == pixels * 3, "RGB buffer matches the frame size");
    } else {
        FUZZ_CHECK(image.stored.size() == pixels, "stored buffer matches the frame size");
    }
    const std::vector<uint8_t> gray = renderGray8(image);
    const std::vector<uint8_t> rgb = renderRgb8(image);
    FUZZ_CHECK(rgb.size() == pixels * 3, "renderRgb8 gives 3 bytes a pixel");
    if (!image.isColor())
        FUZZ_CHECK(gray.size() == pixels, "renderGray8 gives 1 byte a pixel");
    // The model input of the frame, at a small resolution (the same code at any size).
    auto input = prepareModelInput(image, 32);
    (void)input;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    radsynth::dicom::registerCodecs();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace radsynth::dicom;
    // A network object is a bare data set: try the bytes as one in the common encodings.
    (void)prescanDataset(data, size, "1.2.840.10008.1.2");
    (void)prescanDataset(data, size, "1.2.840.10008.1.2.1");
    (void)prescanDataset(data, size, "1.2.840.10008.1.2.1.99");

    if (!writeInput(data, size))
        return 0;
    const std::string &path = inputPath();
    const StudyCollection studies = scan({path});
    (void)isDicomFile(path);
    auto image = decodeFrame(path, 0);
    if (image)
        checkImage(*image);
    else
        FUZZ_CHECK(!image.error().message.empty(), "a refused file says why");
    auto tags = readTags(path);
    if (!tags)
        FUZZ_CHECK(!tags.error().message.empty(), "a refused file says why");
    std::remove(path.c_str());
    return 0;
}
