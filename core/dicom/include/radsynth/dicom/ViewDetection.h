#pragma once
// View detection for chest radiographs (frontal PA/AP or lateral LL/RL), from the attributes
// real files carry. Order: ViewPosition, then PatientOrientation, then descriptions (series,
// protocol, acquisition/procedure code meaning, study); "unknown" when nothing says.
#include "radsynth/dicom/StudyModel.h"

#include <string>

namespace radsynth::dicom {

struct ViewAttributes {
    std::string viewPosition;        // (0018,5101), e.g. "PA", "LL", "LATERAL", ""
    std::string patientOrientation;  // (0020,0020) as in the file, e.g. "L\F" or "A\F"
    std::string seriesDescription;   // (0008,103E)
    std::string protocolName;        // (0018,1030)
    std::string codeMeaning;         // first View Code Sequence meaning, e.g. "postero-anterior"
    std::string acquisitionDescription; // (0018,1400) / procedure code meaning
    std::string studyDescription;    // (0008,1030)
};

ViewInfo detectView(const ViewAttributes &attributes);

// Keyword rule used on free text ("CHEST PA", "Thorax lat.", "XR CHEST 2V FRONTAL/LATERAL"):
// returns Unknown when the text names both views or none.
ViewInfo viewFromDescription(const std::string &text);

} // namespace radsynth::dicom
