#include "DcmtkSupport.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/dicom/Prescan.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>
#include <gdcmTrace.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace radsynth::dicom {

void registerCodecs()
{
    static std::once_flag once;
    std::call_once(once, [] {
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
        // Problems reach the user as LoadProblem / Error values; the toolkits' own chatter on
        // stderr would only repeat them (and a mutated file can produce thousands of lines).
        // RADSYNTH_DICOM_TOOLKIT_LOG=1 turns it back on for debugging.
        const char *verbose = std::getenv("RADSYNTH_DICOM_TOOLKIT_LOG");
        if (!verbose || std::string(verbose) != "1") {
            OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
            gdcm::Trace::WarningOff();
            gdcm::Trace::ErrorOff();
            gdcm::Trace::DebugOff();
        }
    });
}

namespace detail {

std::string trim(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n\0", 0, 5);
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n\0", std::string::npos, 5);
    return text.substr(first, last - first + 1);
}

std::string upper(const std::string &text)
{
    std::string out = text;
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return out;
}

std::string checkReadableFile(const std::string &path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return "file not found";
    if (fs::is_directory(status))
        return "is a folder, not a file";
    if (!fs::is_regular_file(status))
        return "not a regular file";
    const auto size = fs::file_size(path, ec);
    if (ec)
        return "cannot read the file size (" + ec.message() + ")";
    if (size == 0)
        return "empty file (0 bytes)";
    std::ifstream probe(path, std::ios::binary);
    if (!probe)
        return "cannot open the file (permission denied?)";
    return {};
}


std::string loadFile(const std::string &path, DcmFileFormat &file)
{
    registerCodecs();
    if (std::string problem = checkReadableFile(path); !problem.empty())
        return problem;
    // DCMTK's parser recurses per nested sequence: bound the nesting before it sees the bytes.
    if (std::string problem = prescanFile(path); !problem.empty())
        return "not read: " + problem;
    OFCondition status;
    try {
        status = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, kHeaderReadLength, ERM_autoDetect);
    } catch (const std::exception &e) {
        return std::string("not readable as DICOM (") + e.what() + ")";
    } catch (...) {
        return "not readable as DICOM";
    }
    if (status.bad()) {
        const std::string reason = status.text() ? status.text() : "unknown error";
        if (!isDicomFile(path))
            return "not a DICOM file (" + reason + ")";
        if (status == EC_StreamNotifyClient || status == EC_InvalidStream || status == EC_CorruptedData
            || status == EC_ItemEnd || status == EC_SequEnd || status == EC_PrematureSequDelimitationItem)
            return "damaged or truncated DICOM file (" + reason + ")";
        return "not readable as DICOM (" + reason + ")";
    }
    DcmDataset *dataset = file.getDataset();
    if (!dataset || dataset->card() == 0)
        return "not a DICOM file (no attributes)";
    return {};
}

std::string getString(DcmItem &item, const DcmTagKey &tag, unsigned long position)
{
    OFString value;
    if (item.findAndGetOFString(tag, value, position).good())
        return trim(std::string(value.c_str(), value.length()));
    return {};
}

std::string getAllStrings(DcmItem &item, const DcmTagKey &tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).good())
        return trim(std::string(value.c_str(), value.length()));
    return {};
}

std::vector<std::string> getStrings(DcmItem &item, const DcmTagKey &tag)
{
    std::vector<std::string> out;
    DcmElement *element = nullptr;
    if (item.findAndGetElement(tag, element).bad() || !element)
        return out;
    const unsigned long count = element->getVM();
    for (unsigned long i = 0; i < count && i < 64; ++i) {
        OFString value;
        if (element->getOFString(value, i).good())
            out.push_back(trim(std::string(value.c_str(), value.length())));
    }
    return out;
}

std::vector<double> getDoubles(DcmItem &item, const DcmTagKey &tag)
{
    std::vector<double> out;
    for (const std::string &text : getStrings(item, tag)) {
        char *end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end != text.c_str() && std::isfinite(v))
            out.push_back(v);
        else
            break; // a malformed value ends the list: never guess past it
    }
    return out;
}

long getLong(DcmItem &item, const DcmTagKey &tag, long fallback)
{
    long value = 0;
    if (item.findAndGetLongInt(tag, value).good())
        return value;
    const std::string text = getString(item, tag);
    if (!text.empty()) {
        char *end = nullptr;
        const long v = std::strtol(text.c_str(), &end, 10);
        if (end != text.c_str())
            return v;
    }
    return fallback;
}

bool hasElement(DcmItem &item, const DcmTagKey &tag)
{
    // Not DcmItem::tagExists(): on data sets with invalid group 0001 elements it answered
    // true for Pixel Data that is not there (pydicom's nested_priv_SQ.dcm).
    DcmElement *element = nullptr;
    return item.findAndGetElement(tag, element, OFFalse).good() && element && element->getTag() == tag;
}

std::string transferSyntaxUid(DcmFileFormat &file)
{
    DcmDataset *dataset = file.getDataset();
    if (!dataset)
        return {};
    const DcmXfer xfer(dataset->getOriginalXfer());
    if (xfer.getXfer() != EXS_Unknown)
        return xfer.getXferID();
    return getString(*file.getMetaInfo(), DCM_TransferSyntaxUID);
}

std::string transferSyntaxName(const std::string &uid)
{
    if (uid.empty())
        return "unknown";
    const DcmXfer xfer(uid.c_str());
    if (xfer.getXfer() != EXS_Unknown)
        return xfer.getXferName();
    const char *name = dcmFindNameOfUID(uid.c_str());
    return name ? name : uid;
}

bool isJpeg2000(const std::string &uid)
{
    return uid == UID_JPEG2000LosslessOnlyTransferSyntax || uid == UID_JPEG2000TransferSyntax
           || uid == UID_JPEG2000Part2MulticomponentImageCompressionLosslessOnlyTransferSyntax
           || uid == UID_JPEG2000Part2MulticomponentImageCompressionTransferSyntax;
}

} // namespace detail
} // namespace radsynth::dicom
