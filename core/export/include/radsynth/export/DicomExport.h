#pragma once
// DICOM exports (DCMTK): synthetic images as Secondary Capture, the report as Basic Text SR.
// Every object gets new UIDs; nothing is ever written into the source files.
#include "radsynth/common/Result.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/report/ReportDraft.h"

#include <QDateTime>
#include <QString>

#include <string>
#include <vector>

namespace radsynth::exports {

// Where an exported object goes: the patient and study it belongs to. Read from a source DICOM file
// (the study the synthetic image was made from), or a synthetic patient in a new study.
struct TargetStudy {
    bool fromSource = false;
    std::string patientName; // PHI when fromSource: never logged
    std::string patientId;
    std::string patientBirthDate;
    std::string patientSex;
    std::string studyInstanceUid;
    std::string studyDate;
    std::string studyTime;
    std::string studyId;
    std::string accessionNumber;
    std::string referringPhysicianName;
    std::string studyDescription;
    // Non-zero: every UID of the objects written into this study is derived from it and their
    // creation and content dates and times are the study's, so that the same case gives
    // byte-identical objects on any machine or cluster shard (docs/SCALING.md). 0: new random
    // UIDs and the time of writing.
    uint64_t uidSeed = 0;
};

// One DICOM instance, as other objects reference it.
struct InstanceReference {
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
};

struct SourceImage {
    TargetStudy study;
    InstanceReference instance;
    std::string modality;
};

// Reads the study, patient and instance identity of a source DICOM file (header only).
Result<SourceImage> readSourceImage(const QString &path);
// A synthetic patient ("SYNTHETIC^CASE", ID "RS-" + random) in a new study: nothing from any real source.
// With a non-zero `uidSeed`, the patient ID and the UIDs are derived from it and the study is dated
// `at` (UTC; the time of the call when invalid): the same seed and time give the same study.
TargetStudy newSyntheticStudy(uint64_t uidSeed = 0, const QDateTime &at = {});

struct SecondaryCaptureOptions {
    TargetStudy study;                    // required: newSyntheticStudy() or readSourceImage().study
    report::ReportProvenance provenance;
    std::vector<InstanceReference> sources; // the source image(s): SourceImageSequence
    std::string seriesInstanceUid;       // empty: a new series
    int seriesNumber = 900;
    int instanceNumber = 1;
    std::string modality = "OT";
    std::string viewPosition;            // "PA", "LL"... (SeriesDescription mentions it)
};

// Writes `image` with the synthetic marks burned in as a Secondary Capture Image (explicit little
// endian): ImageType DERIVED\SECONDARY, ConversionType SYN, DerivationDescription with the
// provenance, SourceImageSequence, SeriesDescription containing "SYNTHETIC", BurnedInAnnotation YES.
Result<InstanceReference> writeSecondaryCapture(const imaging::Image &image, const SecondaryCaptureOptions &options,
                                                const QString &path);

struct StructuredReportOptions {
    TargetStudy study;
    std::vector<InstanceReference> images; // referenced from the Findings container and the evidence
    std::string seriesInstanceUid;         // empty: a new series
    int seriesNumber = 901;
    int instanceNumber = 1;
    QString institution = QStringLiteral("RadSynth");
};

// Writes the report as a Basic Text SR through DCMTK's DSRDocument: a "Chest X-ray report" root
// container with the device observer (the generator) and, when reviewed, the person observer; one
// coded CONTAINER per non-empty section (Indication, Comparison, Findings, Impression); IMAGE
// references. Draft and edited reports are PARTIAL/UNVERIFIED; signed reports COMPLETE/VERIFIED
// with the reviewer as verifying observer and the signing time.
Result<InstanceReference> writeBasicTextSr(const report::ReportDraft &report, const StructuredReportOptions &options,
                                           const QString &path);

// The DICOM UID root RadSynth generates UIDs under (DCMTK's site root + RadSynth suffix).
std::string newUid();

} // namespace radsynth::exports
