// decodeFrame(): one frame through the pixel pipeline into imaging::Image.
// Grayscale frames come from DcmPixelData::getUncompressedFrame (native, deflated, JPEG, JPEG-LS,
// RLE), written straight into Image::stored when 16 bits are allocated, so an open image costs
// its pixel data plus, at most, the compressed stream. Colour frames go through DicomImage,
// which knows every colour model (RGB, YBR_*, palette). JPEG 2000 goes through GDCM.
#include "DcmtkSupport.h"
#include "HeaderReader.h"
#include "PixelDecoder.h"

#include "radsynth/dicom/Loader.h"

#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmimage/diregist.h>
#include <dcmtk/dcmimgle/dcmimage.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace radsynth::dicom {
namespace detail {
namespace {

template <typename T>
void extract(const T *src, size_t count, const PixelGeometry &g, uint16_t *dst)
{
    const int shift = std::clamp(g.highBit + 1 - g.bitsStored, 0, g.bitsAllocated - 1);
    const uint32_t mask = g.bitsStored >= 32 ? 0xFFFFFFFFu : ((1u << g.bitsStored) - 1u);
    const uint32_t signBit = 1u << (g.bitsStored - 1);
    for (size_t i = 0; i < count; ++i) {
        uint32_t v = (uint32_t(src[i]) >> shift) & mask;
        if (g.isSigned && (v & signBit))
            v |= ~mask; // sign-extend; the low 16 bits are the int16 two's complement
        dst[i] = uint16_t(v);
    }
}

} // namespace

Status storeGrayFrame(const uint8_t *data, size_t size, const PixelGeometry &g, imaging::Image &image)
{
    const size_t count = g.pixelCount();
    if (size < count * size_t(g.bitsAllocated / 8))
        return makeError("pixel data shorter than one frame");
    image.stored.assign(count, 0);
    if (g.bitsAllocated == 8) {
        extract(data, count, g, image.stored.data());
    } else if (g.bitsAllocated == 16) {
        std::memcpy(image.stored.data(), data, count * 2);
        finishGray16InPlace(g, image);
        return okStatus();
    } else if (g.bitsAllocated == 32) {
        const int shift = std::clamp(g.highBit + 1 - g.bitsStored, 0, 31);
        const uint64_t mask = g.bitsStored >= 32 ? 0xFFFFFFFFull : ((1ull << g.bitsStored) - 1ull);
        auto valueAt = [&](size_t i) -> double {
            uint32_t raw;
            std::memcpy(&raw, data + 4 * i, 4);
            const uint64_t v = (uint64_t(raw) >> shift) & mask;
            if (g.isSigned && (v >> (g.bitsStored - 1)) & 1u)
                return double(int64_t(v) - int64_t(mask) - 1);
            return double(v);
        };
        double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
        for (size_t i = 0; i < count; ++i) {
            const double v = valueAt(i);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const double step = hi - lo > 65535.0 ? (hi - lo) / 65535.0 : 1.0;
        for (size_t i = 0; i < count; ++i)
            image.stored[i] = uint16_t(std::lround((valueAt(i) - lo) / step));
        // modality = raw * slope + intercept = (stored * step + lo) * slope + intercept
        image.rescaleIntercept += lo * image.rescaleSlope;
        image.rescaleSlope *= step;
        image.bitsStored = 16;
        image.isSigned = false;
        return okStatus();
    } else {
        return makeError("unsupported Bits Allocated " + std::to_string(g.bitsAllocated));
    }
    return okStatus();
}

void finishGray16InPlace(const PixelGeometry &g, imaging::Image &image)
{
    const bool plain = !g.isSigned && g.bitsStored == 16 && g.highBit == 15;
    if (!plain) {
        std::vector<uint16_t> &s = image.stored;
        extract(s.data(), s.size(), g, s.data()); // element-wise, safe in place
    }
}

Status storeRgbFrame(const uint8_t *data, size_t size, const PixelGeometry &g, imaging::Image &image)
{
    const size_t count = g.pixelCount();
    const size_t bytes = size_t(g.bitsAllocated / 8);
    if (g.samplesPerPixel != 3 || (bytes != 1 && bytes != 2))
        return makeError("unsupported colour layout");
    if (size < count * 3 * bytes)
        return makeError("pixel data shorter than one frame");
    image.rgb.assign(count * 3, 0);
    const int shift = std::max(0, g.bitsStored - 8);
    for (size_t i = 0; i < count; ++i)
        for (size_t c = 0; c < 3; ++c) {
            const size_t index = g.planarConfiguration == 1 ? c * count + i : 3 * i + c;
            uint32_t v = bytes == 1 ? data[index] : uint32_t(reinterpret_cast<const uint16_t *>(data)[index]);
            image.rgb[3 * i + c] = uint8_t(std::min<uint32_t>(255u, v >> shift));
        }
    return okStatus();
}

namespace {

PixelGeometry readGeometry(DcmItem &ds)
{
    PixelGeometry g;
    g.rows = int(getLong(ds, DCM_Rows, 0));
    g.columns = int(getLong(ds, DCM_Columns, 0));
    g.frames = int(getLong(ds, DCM_NumberOfFrames, 1));
    g.bitsAllocated = int(getLong(ds, DCM_BitsAllocated, 0));
    g.bitsStored = int(getLong(ds, DCM_BitsStored, g.bitsAllocated));
    g.highBit = int(getLong(ds, DCM_HighBit, g.bitsStored - 1));
    g.samplesPerPixel = int(getLong(ds, DCM_SamplesPerPixel, 1));
    g.isSigned = getLong(ds, DCM_PixelRepresentation, 0) == 1;
    g.planarConfiguration = int(getLong(ds, DCM_PlanarConfiguration, 0));
    g.photometric = upper(getString(ds, DCM_PhotometricInterpretation));
    if (g.photometric.empty() && g.samplesPerPixel == 1)
        g.photometric = "MONOCHROME2";
    if (g.bitsStored <= 0 || g.bitsStored > g.bitsAllocated)
        g.bitsStored = g.bitsAllocated;
    if (g.highBit < g.bitsStored - 1 || g.highBit >= g.bitsAllocated)
        g.highBit = g.bitsStored - 1;
    return g;
}

std::string validate(const PixelGeometry &g, int frame)
{
    if (g.rows <= 0 || g.columns <= 0)
        return "image without valid Rows/Columns";
    if (std::string problem = imaging::checkImageSize(g.columns, g.rows); !problem.empty())
        return problem;
    if (g.frames < 1)
        return "invalid Number of Frames";
    if (frame < 0 || frame >= g.frames)
        return "frame " + std::to_string(frame + 1) + " does not exist (the image has " + std::to_string(g.frames) + ")";
    if (g.samplesPerPixel != 1 && g.samplesPerPixel != 3)
        return "unsupported Samples per Pixel " + std::to_string(g.samplesPerPixel);
    if (g.bitsAllocated != 8 && g.bitsAllocated != 16 && g.bitsAllocated != 32)
        return "unsupported Bits Allocated " + std::to_string(g.bitsAllocated);
    return {};
}

// DCMTK 3.6.7 decodes an RLE frame (getUncompressedFrame, also inside DicomImage) at the segment
// offsets its header gives without checking them against the data: an offset past the end made
// it read far outside the buffer and the process died (SIGSEGV; found by fuzz_dicom, issue 24
// finding 6). The header is checked first (PS3.5 G.5: 1 to 15 segments, the first at byte 64,
// each after the previous, all inside the frame). A frame is one fragment (PS3.5 G.1); a single
// frame split over several fragments (DCMTK can write that) is checked against their total.
std::string checkRleFrame(DcmDataset &ds, int frame, int frames)
{
    DcmElement *element = nullptr;
    DcmPixelData *pixelData = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, element).good() && element)
        pixelData = dynamic_cast<DcmPixelData *>(element);
    DcmPixelSequence *sequence = nullptr;
    if (!pixelData || pixelData->getEncapsulatedRepresentation(ds.getOriginalXfer(), nullptr, sequence).bad() || !sequence)
        return "damaged RLE pixel data (not encapsulated)";
    const unsigned long fragments = sequence->card() > 0 ? sequence->card() - 1 : 0; // item 0: the offset table
    if (fragments == 0 || (frames > 1 && fragments != static_cast<unsigned long>(frames)))
        return "damaged RLE pixel data (" + std::to_string(fragments) + " fragments for " + std::to_string(frames)
               + " frames; DICOM stores one per frame)";
    const unsigned long first = frames > 1 ? static_cast<unsigned long>(frame) + 1 : 1;
    const unsigned long last = frames > 1 ? first : fragments;
    Uint64 length = 0;
    Uint8 *header = nullptr;
    for (unsigned long index = first; index <= last; ++index) {
        DcmPixelItem *item = nullptr;
        if (sequence->getItem(item, index).bad() || !item)
            return "damaged RLE pixel data (a fragment is missing)";
        if (index == first && (item->getLength() < 64 || item->getUint8Array(header).bad() || !header))
            return "damaged RLE pixel data (no frame header)";
        length += item->getLength();
    }
    auto word = [&](int i) {
        const Uint8 *b = header + 4 * i;
        return Uint32(b[0]) | Uint32(b[1]) << 8 | Uint32(b[2]) << 16 | Uint32(b[3]) << 24;
    };
    const Uint32 segments = word(0);
    if (segments < 1 || segments > 15 || word(1) != 64)
        return "damaged RLE pixel data (invalid frame header)";
    for (int s = 1; s <= int(segments); ++s)
        if (word(s) >= length || (s > 1 && word(s) <= word(s - 1)))
            return "damaged RLE pixel data (segment " + std::to_string(s) + " lies outside its frame)";
    return {};
}

bool isGray(const PixelGeometry &g)
{
    return g.samplesPerPixel == 1 && (g.photometric == "MONOCHROME1" || g.photometric == "MONOCHROME2");
}

Status decodeGrayDcmtk(DcmDataset &ds, int frame, const PixelGeometry &g, imaging::Image &image)
{
    DcmElement *element = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, element).bad() || !element)
        return makeError("no pixel data");
    DcmPixelData *pixelData = dynamic_cast<DcmPixelData *>(element);
    if (!pixelData)
        return makeError("pixel data has an unexpected type");
    Uint32 frameSize = 0;
    if (pixelData->getUncompressedFrameSize(&ds, frameSize).bad() || frameSize == 0)
        return makeError("cannot compute the frame size");
    const size_t expected = g.bytesPerFrame();
    if (frameSize < expected)
        return makeError("pixel description is inconsistent (frame size)");
    const E_TransferSyntax xfer = ds.getOriginalXfer();
    if (!DcmXfer(xfer).isEncapsulated() && size_t(element->getLength()) < expected * size_t(frame + 1))
        return makeError("pixel data truncated (" + std::to_string(element->getLength()) + " of "
                         + std::to_string(expected * size_t(g.frames)) + " bytes)");

    Uint32 startFragment = 0;
    OFString colorModel;
    DcmFileCache cache;
    if (g.bitsAllocated == 16 && frameSize == expected) {
        image.stored.assign(g.pixelCount(), 0);
        const OFCondition status = pixelData->getUncompressedFrame(&ds, Uint32(frame), startFragment, image.stored.data(),
                                                                   frameSize, colorModel, &cache);
        if (status.bad()) {
            image.stored.clear();
            image.stored.shrink_to_fit();
            return makeError(std::string("cannot decode pixel data (") + status.text() + ")");
        }
        finishGray16InPlace(g, image);
        return okStatus();
    }
    // DCMTK wants an even buffer size (it may swap bytes in place), one pad byte for odd frames.
    std::vector<uint8_t> buffer(size_t(frameSize) + (frameSize & 1u));
    const OFCondition status = pixelData->getUncompressedFrame(&ds, Uint32(frame), startFragment, buffer.data(),
                                                               Uint32(buffer.size()), colorModel, &cache);
    if (status.bad())
        return makeError(std::string("cannot decode pixel data (") + status.text() + ")");
    return storeGrayFrame(buffer.data(), buffer.size(), g, image);
}

Status decodeColorDcmtk(DcmDataset &ds, int frame, const PixelGeometry &g, imaging::Image &image)
{
    DicomImage dicomImage(&ds, ds.getOriginalXfer(), CIF_UsePartialAccessToPixelData, Uint32(frame), 1);
    if (dicomImage.getStatus() != EIS_Normal)
        return makeError(std::string("cannot decode colour pixel data (")
                         + DicomImage::getString(dicomImage.getStatus()) + ")");
    if (dicomImage.isMonochrome()) // e.g. a palette the toolkit maps to gray: render it as RGB
        dicomImage.setMinMaxWindow();
    const size_t count = g.pixelCount();
    if (dicomImage.getWidth() != unsigned(g.columns) || dicomImage.getHeight() != unsigned(g.rows))
        return makeError("decoded colour image has an unexpected size");
    const void *out = dicomImage.getOutputData(8, 0, 0);
    if (!out)
        return makeError("cannot render colour pixel data");
    const uint8_t *bytes = static_cast<const uint8_t *>(out);
    image.rgb.assign(count * 3, 0);
    if (dicomImage.isMonochrome()) {
        for (size_t i = 0; i < count; ++i)
            image.rgb[3 * i] = image.rgb[3 * i + 1] = image.rgb[3 * i + 2] = bytes[i];
    } else {
        std::memcpy(image.rgb.data(), bytes, count * 3);
    }
    return okStatus();
}

bool readLut(DcmItem &item, imaging::VoiLut &lut, bool signedFirstValue)
{
    DcmElement *descriptor = nullptr;
    if (item.findAndGetElement(DCM_LUTDescriptor, descriptor).bad() || !descriptor || descriptor->getVM() < 3)
        return false;
    Uint16 count = 0, first = 0, bits = 0;
    if (descriptor->getUint16(count, 0).bad() || descriptor->getUint16(first, 1).bad() || descriptor->getUint16(bits, 2).bad())
        return false;
    const size_t entries = count == 0 ? 65536 : count;
    const Uint16 *data = nullptr;
    unsigned long available = 0;
    if (item.findAndGetUint16Array(DCM_LUTData, data, &available).bad() || !data)
        return false;
    lut.firstMapped = signedFirstValue ? int(int16_t(first)) : int(first);
    lut.bits = std::clamp(int(bits), 1, 16);
    if (available >= entries) {
        lut.table.assign(data, data + entries);
    } else if (lut.bits <= 8 && available * 2 >= entries) { // 8-bit entries packed two per word
        lut.table.resize(entries);
        for (size_t i = 0; i < entries; ++i)
            lut.table[i] = (i % 2 == 0) ? (data[i / 2] & 0xFF) : (data[i / 2] >> 8);
    } else {
        return false;
    }
    lut.explanation = getString(item, DCM_LUTExplanation);
    return true;
}

// Modality LUT Sequence (non-linear): folded into the stored values, which then are modality values.
void applyModalityLut(DcmDataset &ds, const PixelGeometry &g, imaging::Image &image)
{
    DcmItem *item = nullptr;
    if (ds.findAndGetSequenceItem(DCM_ModalityLUTSequence, item, 0).bad() || !item || image.stored.empty())
        return;
    imaging::VoiLut lut;
    if (!readLut(*item, lut, g.isSigned) || lut.table.empty())
        return;
    const long last = long(lut.table.size()) - 1;
    for (uint16_t &value : image.stored) {
        const long raw = image.isSigned ? long(int16_t(value)) : long(value);
        value = lut.table[size_t(std::clamp(raw - lut.firstMapped, 0L, last))];
    }
    image.isSigned = false;
    image.bitsStored = lut.bits;
    image.rescaleSlope = 1.0;
    image.rescaleIntercept = 0.0;
}

void applyDisplayAttributes(DcmDataset &ds, const PixelGeometry &g, imaging::Image &image)
{
    image.spacing = readSpacing(ds);
    if (image.isColor())
        return;
    image.monochrome1 = g.photometric == "MONOCHROME1";
    const std::vector<double> slope = getDoubles(ds, DCM_RescaleSlope);
    const std::vector<double> intercept = getDoubles(ds, DCM_RescaleIntercept);
    if (!slope.empty() && slope[0] != 0.0)
        image.rescaleSlope *= slope[0];
    if (!intercept.empty())
        image.rescaleIntercept += intercept[0];
    applyModalityLut(ds, g, image);
    image.windows = readWindows(ds);
    DcmItem *voiItem = nullptr;
    if (ds.findAndGetSequenceItem(DCM_VOILUTSequence, voiItem, 0).good() && voiItem) {
        imaging::VoiLut lut;
        // The first mapped value is signed when the modality values can be negative.
        const bool signedFirst = image.isSigned || image.rescaleIntercept < 0.0;
        if (readLut(*voiItem, lut, signedFirst))
            image.voiLut = std::move(lut);
    }
}

} // namespace
} // namespace detail

namespace detail {
namespace {
// Reads the file and makes the checks every decode makes before any pixel is touched; an error
// reason, or "" with `geometry` and `syntax` set.
std::string openFrame(const std::string &path, DcmFileFormat &file, int frame, PixelGeometry &geometry, std::string &syntax)
{
    if (std::string reason = loadFile(path, file); !reason.empty())
        return reason;
    if (isDicomDir(file))
        return "is a DICOMDIR (a list of files), not an image";
    DcmDataset &ds = *file.getDataset();
    if (!hasElement(ds, DCM_PixelData))
        return "no pixel data (not an image)";
    geometry = readGeometry(ds);
    if (std::string reason = validate(geometry, frame); !reason.empty())
        return reason;
    syntax = transferSyntaxUid(file);
    if (std::string reason = unsupportedTransferSyntaxReason(syntax); !reason.empty())
        return reason;
    if (syntax == UID_RLELosslessTransferSyntax)
        if (std::string reason = checkRleFrame(ds, frame, geometry.frames); !reason.empty())
            return reason;
    return {};
}

// Opens the file (openFrame) and runs `decode(dataset, geometry, syntax)`, never throwing: memory
// and library exceptions become errors naming the file.
template <typename Decode>
Result<imaging::Image> decodeOpened(const std::string &path, int frame, Decode &&decode)
{
    registerCodecs();
    try {
        DcmFileFormat file;
        PixelGeometry geometry;
        std::string syntax;
        if (std::string reason = openFrame(path, file, frame, geometry, syntax); !reason.empty())
            return makeError(reason, path);
        return decode(*file.getDataset(), geometry, syntax);
    } catch (const std::bad_alloc &) {
        return makeError("not enough memory to decode the image", path);
    } catch (const std::exception &e) {
        return makeError(std::string("cannot decode (") + e.what() + ")", path);
    } catch (...) {
        return makeError("cannot decode (unexpected error)", path);
    }
}
} // namespace
} // namespace detail

bool hasReducedResolutionDecode(const std::string &transferSyntaxUid)
{
    return detail::isJpeg2000(transferSyntaxUid);
}

Result<imaging::Image> decodeFramePreview(const std::string &path, int frame, int maxSide)
{
    using namespace detail;
    return decodeOpened(path, frame, [&](DcmDataset &ds, const PixelGeometry &g, const std::string &syntax) -> Result<imaging::Image> {
        if (!isJpeg2000(syntax) || frame != 0)
            return makeError("no reduced-resolution decoding for this transfer syntax", path);
        imaging::Image image;
        if (Status status = decodeJpeg2000Reduced(ds, syntax, g, std::max(1, maxSide), image); !status)
            return makeError(status.error().message, path);
        applyDisplayAttributes(ds, g, image);
        if (image.spacing.valid()) {
            image.spacing.columnMm *= double(g.columns) / double(image.width);
            image.spacing.rowMm *= double(g.rows) / double(image.height);
        }
        return image;
    });
}

Result<imaging::Image> decodeFrame(const std::string &path, int frame)
{
    using namespace detail;
    return decodeOpened(path, frame, [&](DcmDataset &ds, const PixelGeometry &g, const std::string &syntax) -> Result<imaging::Image> {
        imaging::Image image;
        image.width = g.columns;
        image.height = g.rows;
        image.samplesPerPixel = isGray(g) ? 1 : 3;
        image.bitsStored = std::min(g.bitsStored, 16);
        image.isSigned = g.isSigned;

        Status status = okStatus();
        if (isJpeg2000(syntax))
            status = decodeJpeg2000Frame(path, frame, g, image);
        else if (isGray(g))
            status = decodeGrayDcmtk(ds, frame, g, image);
        else
            status = decodeColorDcmtk(ds, frame, g, image);
        if (!status)
            return makeError(status.error().message, path);
        applyDisplayAttributes(ds, g, image);
        spdlog::debug("DICOM decoded {} frame {} ({}x{}, {} bits)", path, frame, g.columns, g.rows, g.bitsStored);
        return image;
    });
}

} // namespace radsynth::dicom
