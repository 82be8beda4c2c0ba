#pragma once
// The study model the loader fills and the UI / CLI read: patient -> study -> series -> instance.
// Plain data, no DCMTK types, so ui/ can use it without touching DCMTK.
#include "radsynth/imaging/Image.h"

#include <string>
#include <vector>

namespace radsynth::dicom {

enum class View { Unknown, Frontal, Lateral };
const char *toString(View view);

struct ViewInfo {
    View view = View::Unknown;
    std::string projection; // "PA", "AP", "LL", "RL", "LATERAL", "" when unknown
    std::string source;     // which attribute decided: "ViewPosition", "PatientOrientation", "SeriesDescription", ...
};

enum class ObjectKind { Image, StructuredReport, Other };

struct Instance {
    std::string path;
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string transferSyntaxUid;
    std::string transferSyntaxName;
    std::string modality;
    int instanceNumber = 0;
    ObjectKind kind = ObjectKind::Other;
    std::string kindDescription; // "CR image", "Basic Text SR", "RT Plan", ...
    // Image attributes (kind == Image)
    int rows = 0;
    int columns = 0;
    int frames = 1;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int samplesPerPixel = 1;
    bool isSigned = false;
    std::string photometric;
    imaging::PixelSpacing spacing;
    std::vector<imaging::WindowLevel> windows;
    ViewInfo view;
    std::string imageLaterality;
    // Text content of an SR document (kind == StructuredReport), readable as plain text.
    std::string srText;
    // Non-empty when the file could not be read or decoded: one line naming the reason.
    std::string error;
};

struct Series {
    std::string seriesInstanceUid;
    int seriesNumber = 0;
    std::string modality;
    std::string description;
    std::string bodyPart;
    std::vector<Instance> instances;
};

struct Study {
    std::string studyInstanceUid;
    std::string studyDate;   // YYYYMMDD as in the file
    std::string studyTime;
    std::string description;
    std::string accessionNumber;
    std::vector<Series> series;
};

struct Patient {
    std::string patientName; // PHI: never logged
    std::string patientId;   // PHI: never logged
    std::string birthDate;   // PHI: never logged
    std::string sex;
    std::vector<Study> studies;
};

struct LoadProblem {
    std::string path;
    std::string reason; // one clear line
};

struct StudyCollection {
    std::vector<Patient> patients;
    std::vector<LoadProblem> problems; // files that could not be read at all
    size_t instanceCount() const;
    // All instances in browsing order (patient, study, series, instance number).
    std::vector<const Instance *> instances() const;
};

} // namespace radsynth::dicom
