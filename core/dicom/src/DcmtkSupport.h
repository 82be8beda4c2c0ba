#pragma once
// Small helpers over DCMTK shared by the scanner, the pixel decoder, the tag reader and SR text.
// Private to radsynth_dicom: nothing here leaks DCMTK types into public headers.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcdatset.h>

#include <string>
#include <vector>

namespace radsynth::dicom::detail {

// Values larger than this are left in the file until asked for (pixel data, big LUTs).
constexpr Uint32 kHeaderReadLength = 4096;

// Loads a file's header and data set (large values stay on disk). Returns "" on success,
// otherwise one line saying why the file cannot be read (never throws).
std::string loadFile(const std::string &path, DcmFileFormat &file);

// Checks the cheap things first (exists, regular, readable, not empty) and says what is wrong.
std::string checkReadableFile(const std::string &path);

// Text helpers: trimmed, empty when absent.
std::string getString(DcmItem &item, const DcmTagKey &tag, unsigned long position = 0);
std::string getAllStrings(DcmItem &item, const DcmTagKey &tag); // multi-valued, joined with '\'
std::vector<std::string> getStrings(DcmItem &item, const DcmTagKey &tag);
std::vector<double> getDoubles(DcmItem &item, const DcmTagKey &tag);
long getLong(DcmItem &item, const DcmTagKey &tag, long fallback = 0);
bool hasElement(DcmItem &item, const DcmTagKey &tag);

std::string transferSyntaxUid(DcmFileFormat &file);
std::string transferSyntaxName(const std::string &uid);
bool isJpeg2000(const std::string &transferSyntaxUid);

std::string trim(const std::string &text);
std::string upper(const std::string &text);

} // namespace radsynth::dicom::detail
