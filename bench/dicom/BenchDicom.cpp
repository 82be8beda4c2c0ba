// bench-dicom: RadSynth open + decode + renderGray8 of a generated 2800x2300 12-bit CR versus
// DCMTK's own dcm2pnm on the same file (native and JPEG lossless), as a ratio measured in one run,
// and the peak memory of one open image against its pixel data size (measured in a fresh child
// process: VmHWM minus the resident size before opening).
//
// Usage: bench-dicom [repetitions]        (default 7; prints medians)
//        bench-dicom --write DIR          (write the two fixtures into DIR and stop)
//        bench-dicom --memory FILE        (internal: one measurement, prints "peak_bytes retained_bytes")
#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/Image.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr int kWidth = 2800;
constexpr int kHeight = 2300;

// A chest-like 12-bit image: smooth body/lung shapes, ribs, and a little noise (so that
// compression behaves like it does on a radiograph, not on a flat or random image).
std::vector<Uint16> chestLikePixels()
{
    std::vector<Uint16> pixels(size_t(kWidth) * kHeight);
    uint32_t noise = 12345;
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            const double u = (x - kWidth / 2.0) / (kWidth / 2.0), v = (y - kHeight / 2.0) / (kHeight / 2.0);
            double value = 3000.0 - 1800.0 * std::exp(-(u * u) * 1.5 - v * v);           // body
            for (double side : {-0.45, 0.45})                                             // lungs
                value -= 900.0 * std::exp(-std::pow((u - side) / 0.28, 2) - std::pow((v + 0.05) / 0.6, 2));
            value += 120.0 * std::sin(y * 0.02 + std::fabs(u) * 3.0) * std::exp(-u * u);  // ribs
            noise = noise * 1664525u + 1013904223u;
            value += double(noise >> 24) / 16.0 - 8.0;
            pixels[size_t(y) * kWidth + x] = Uint16(std::clamp(value, 0.0, 4095.0));
        }
    return pixels;
}

bool writeCr(const std::string &path, E_TransferSyntax xfer)
{
    DcmFileFormat file;
    DcmDataset &ds = *file.getDataset();
    char uid[100];
    ds.putAndInsertString(DCM_SOPClassUID, UID_ComputedRadiographyImageStorage);
    ds.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    ds.putAndInsertString(DCM_StudyInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT));
    ds.putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT));
    ds.putAndInsertString(DCM_Modality, "CR");
    ds.putAndInsertString(DCM_PatientName, "Bench^Phantom");
    ds.putAndInsertString(DCM_ViewPosition, "PA");
    ds.putAndInsertString(DCM_ImagerPixelSpacing, "0.15\\0.15");
    ds.putAndInsertString(DCM_WindowCenter, "2048");
    ds.putAndInsertString(DCM_WindowWidth, "4096");
    ds.putAndInsertUint16(DCM_Rows, kHeight);
    ds.putAndInsertUint16(DCM_Columns, kWidth);
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME1");
    ds.putAndInsertUint16(DCM_BitsAllocated, 16);
    ds.putAndInsertUint16(DCM_BitsStored, 12);
    ds.putAndInsertUint16(DCM_HighBit, 11);
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
    const auto pixels = chestLikePixels();
    ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
    if (xfer == EXS_JPEGProcess14SV1) {
        DJEncoderRegistration::registerCodecs();
        DJ_RPLossless params(1, 0);
        if (ds.chooseRepresentation(xfer, &params).bad())
            return false;
    }
    return file.saveFile(path.c_str(), xfer).good();
}

double seconds(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

long statusKb(const char *field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::atol(line.c_str() + std::strlen(field));
    return -1;
}

int measureMemory(const std::string &file)
{
    radsynth::dicom::registerCodecs();
    // Warm up what every process pays once (DICOM dictionary, codec tables) on a tiny read.
    (void)radsynth::dicom::readTags(file);
    const long before = statusKb("VmRSS:");
    auto image = radsynth::dicom::decodeFrame(file);
    if (!image)
        return 1;
    const long afterDecode = statusKb("VmRSS:");
    const long peak = statusKb("VmHWM:");
    std::printf("%ld %ld\n", (peak - before) * 1024, (afterDecode - before) * 1024);
    return 0;
}

std::string shellQuote(const std::string &text)
{
    return "'" + text + "'";
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && std::string(argv[1]) == "--memory")
        return measureMemory(argv[2]);
    if (argc == 3 && std::string(argv[1]) == "--write") { // keep the fixtures, e.g. to run dcm2pnm by hand
        const std::string folder = argv[2];
        return writeCr(folder + "/cr-native.dcm", EXS_LittleEndianExplicit)
                       && writeCr(folder + "/cr-jpeg-lossless.dcm", EXS_JPEGProcess14SV1) ? 0 : 1;
    }
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    spdlog::set_level(spdlog::level::warn);
    QTemporaryDir dir;
    const std::string native = dir.filePath(QStringLiteral("cr-native.dcm")).toStdString();
    const std::string jpeg = dir.filePath(QStringLiteral("cr-jpeg-lossless.dcm")).toStdString();
    const std::string pgm = dir.filePath(QStringLiteral("out.pgm")).toStdString();
    if (!writeCr(native, EXS_LittleEndianExplicit) || !writeCr(jpeg, EXS_JPEGProcess14SV1)) {
        std::fprintf(stderr, "bench-dicom: cannot write the fixtures\n");
        return 1;
    }
    const double pixelBytes = double(kWidth) * kHeight * 2.0;
    std::printf("fixture: %dx%d CR, 12 bits stored, MONOCHROME1; pixel data %.1f MB; %d repetitions, medians\n", kWidth,
                kHeight, pixelBytes / 1e6, repetitions);

    // dcm2pnm's start-up alone (a run that fails before reading), to separate process start from work.
    std::vector<double> startup;
    for (int i = 0; i < repetitions; ++i) {
        const auto t = std::chrono::steady_clock::now();
        std::system("dcm2pnm --version >/dev/null 2>&1");
        startup.push_back(seconds(t));
    }
    const double startupS = median(startup);

    // Debian builds dcm2pnm without the JPEG codecs; dcmj2pnm is the same program with them.
    struct Case {
        const char *label;
        std::string file;
        const char *tool;
    };
    for (const Case &c : {Case{"native", native, "dcm2pnm"}, Case{"jpeg-lossless", jpeg, "dcmj2pnm"}}) {
        const char *label = c.label;
        const std::string &file = c.file;
        const std::string tool = c.tool;
        std::vector<double> ours, theirs;
        for (int i = 0; i < repetitions; ++i) {
            auto t = std::chrono::steady_clock::now();
            auto image = radsynth::dicom::decodeFrame(file);
            if (!image) {
                std::fprintf(stderr, "bench-dicom: %s\n", image.error().toString().c_str());
                return 1;
            }
            const auto display = radsynth::imaging::renderGray8(*image);
            ours.push_back(seconds(t));
            if (display.size() != image->pixelCount())
                return 1;
            // dcm2pnm: open, decode, apply the file's first window (+Wi 1), write 8-bit PGM.
            t = std::chrono::steady_clock::now();
            const int rc = std::system((tool + " +Wi 1 " + shellQuote(file) + " " + shellQuote(pgm) + " >/dev/null 2>&1").c_str());
            theirs.push_back(seconds(t));
            if (rc != 0) {
                std::fprintf(stderr, "bench-dicom: %s failed on %s:\n", tool.c_str(), file.c_str());
                std::system((tool + " +Wi 1 " + shellQuote(file) + " " + shellQuote(pgm)).c_str());
                return 1;
            }
        }
        const double a = median(ours), b = median(theirs);
        std::printf("%-14s RadSynth open+decode+renderGray8 %.1f ms | %s %.1f ms (start-up %.1f ms) | "
                    "ratio RadSynth/%s %.2f (%.2f without its start-up)\n",
                    label, a * 1e3, tool.c_str(), b * 1e3, startupS * 1e3, tool.c_str(), a / b, a / std::max(1e-6, b - startupS));

        // Peak memory of one open image in a fresh process.
        FILE *child = popen((shellQuote(argv[0]) + " --memory " + shellQuote(file)).c_str(), "r");
        long long peak = 0, retained = 0;
        if (!child || std::fscanf(child, "%lld %lld", &peak, &retained) != 2) {
            std::fprintf(stderr, "bench-dicom: memory measurement failed\n");
            return 1;
        }
        pclose(child);
        std::printf("%-14s memory: peak while opening %.1f MB = %.2fx pixel data; retained %.1f MB = %.2fx\n", label,
                    double(peak) / 1e6, double(peak) / pixelBytes, double(retained) / 1e6, double(retained) / pixelBytes);
    }

    // A real JPEG 2000 CR (1760 x 1760, 10 bits): the full decode against the first look the
    // workstation shows while it runs (decodeFramePreview: the code stream's coarse levels).
    const std::string j2k = RADSYNTH_SHARED_DATA_DIR "/dicom/pydicom/RG3_J2KR.dcm";
    if (!QFileInfo::exists(QString::fromStdString(j2k))) {
        std::printf("jpeg2000: %s absent, skipped\n", j2k.c_str());
        return 0;
    }
    std::vector<double> full, previews[2];
    int previewSide[2] = {0, 0};
    for (int i = 0; i < repetitions; ++i) {
        auto t = std::chrono::steady_clock::now();
        auto image = radsynth::dicom::decodeFrame(j2k);
        full.push_back(seconds(t));
        if (!image)
            return 1;
        for (int k = 0; k < 2; ++k) {
            t = std::chrono::steady_clock::now();
            auto preview = radsynth::dicom::decodeFramePreview(j2k, 0, k == 0 ? 512 : 1024);
            previews[k].push_back(seconds(t));
            if (!preview)
                return 1;
            previewSide[k] = preview->width;
        }
    }
    std::printf("jpeg2000       real CR 1760x1760 lossless: full decode %.1f ms | first look %dx%d %.1f ms | %dx%d %.1f ms\n",
                median(full) * 1e3, previewSide[0], previewSide[0], median(previews[0]) * 1e3, previewSide[1], previewSide[1],
                median(previews[1]) * 1e3);
    return 0;
}
