#pragma once
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>

#include <string>

namespace radsynth::dicom::detail {
// The content tree of an SR document as indented plain text ("Finding: ...").
// Uses DCMTK's dcmsr; falls back to walking the Content Sequence for documents dcmsr rejects.
std::string structuredReportText(DcmDataset &dataset);
} // namespace radsynth::dicom::detail
