#include "radsynth/simulation/DicomWriter.h"

#include "radsynth/common/DerivedUid.h"
#include "radsynth/common/SafeWrite.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cstdio>

namespace radsynth::simulation {

namespace {
std::string newUid()
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, SITE_INSTANCE_UID_ROOT);
    return buffer;
}
} // namespace


void assignUids(SimulatedStudy &study)
{
    if (study.studyInstanceUid.empty())
        study.studyInstanceUid = study.uidSeed ? derivedUid(study.uidSeed, 1) : newUid();
}

Status writeDicomImage(const std::string &path, const RenderedView &view, const SimulatedStudy &study,
                       const std::string &comments, double kvp)
{
    if (view.pixels.empty())
        return makeError("no image to write", path);
    DcmFileFormat file;
    DcmDataset *d = file.getDataset();
    const bool frontal = view.view == View::Frontal;
    const std::string sopInstance = study.uidSeed ? derivedUid(study.uidSeed, frontal ? 11 : 21) : newUid();
    char number[64];
    auto put = [&](const DcmTagKey &tag, const std::string &value) { d->putAndInsertString(tag, value.c_str()); };
    put(DCM_SOPClassUID, UID_ComputedRadiographyImageStorage);
    put(DCM_SOPInstanceUID, sopInstance);
    put(DCM_SpecificCharacterSet, "ISO_IR 100");
    put(DCM_StudyDate, study.studyDate);
    put(DCM_SeriesDate, study.studyDate);
    put(DCM_ContentDate, study.studyDate);
    put(DCM_StudyTime, study.studyTime);
    put(DCM_SeriesTime, study.studyTime);
    put(DCM_ContentTime, study.studyTime);
    put(DCM_AccessionNumber, study.accessionNumber);
    put(DCM_Modality, "CR");
    put(DCM_Manufacturer, "RadSynth simulator");
    put(DCM_InstitutionName, "SIMULATED");
    put(DCM_ReferringPhysicianName, "");
    put(DCM_StudyDescription, study.studyDescription);
    put(DCM_SeriesDescription, std::string("SIMULATED ") + (frontal ? "PA chest" : "left lateral chest"));
    put(DCM_PatientName, study.patientName);
    put(DCM_PatientID, study.patientId);
    put(DCM_PatientBirthDate, "");
    put(DCM_PatientSex, study.patientSex);
    std::snprintf(number, sizeof number, "%03dY", std::max(0, std::min(study.patientAgeYears, 999)));
    put(DCM_PatientAge, number);
    put(DCM_PatientIdentityRemoved, "NO");
    put(DCM_BodyPartExamined, "CHEST");
    std::snprintf(number, sizeof number, "%.0f", kvp);
    put(DCM_KVP, number);
    put(DCM_ViewPosition, frontal ? "PA" : "LL");
    put(DCM_PatientOrientation, frontal ? "L\\F" : "P\\F");
    put(DCM_StudyInstanceUID, study.studyInstanceUid);
    put(DCM_SeriesInstanceUID, study.uidSeed ? derivedUid(study.uidSeed, frontal ? 12 : 22) : newUid());
    put(DCM_StudyID, study.studyId);
    put(DCM_SeriesNumber, frontal ? "1" : "2");
    put(DCM_InstanceNumber, "1");
    put(DCM_ImageComments, "SIMULATED image (RadSynth physically based simulator), not a patient. " + comments);
    put(DCM_BurnedInAnnotation, "NO");
    put(DCM_ImageType, "DERIVED\\PRIMARY");
    put(DCM_ConversionType, "SYN");
    d->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    put(DCM_PhotometricInterpretation, "MONOCHROME2");
    d->putAndInsertUint16(DCM_Rows, Uint16(view.height));
    d->putAndInsertUint16(DCM_Columns, Uint16(view.width));
    d->putAndInsertUint16(DCM_BitsAllocated, 16);
    d->putAndInsertUint16(DCM_BitsStored, 12);
    d->putAndInsertUint16(DCM_HighBit, 11);
    d->putAndInsertUint16(DCM_PixelRepresentation, 0);
    std::snprintf(number, sizeof number, "%.6f\\%.6f", view.pixelSpacingMm, view.pixelSpacingMm);
    put(DCM_ImagerPixelSpacing, number);
    // PixelSpacing at the patient (corrected for the magnification at the thorax centre).
    const double atPatient = view.pixelSpacingMm / std::max(1.0, view.magnification);
    std::snprintf(number, sizeof number, "%.6f\\%.6f", atPatient, atPatient);
    put(DCM_PixelSpacing, number);
    put(DCM_PixelSpacingCalibrationType, "GEOMETRY");
    put(DCM_PixelSpacingCalibrationDescription, "Magnification at the thorax centre of the simulated geometry");
    std::snprintf(number, sizeof number, "%.1f", 1800.0);
    put(DCM_DistanceSourceToDetector, number);
    put(DCM_WindowCenter, "2048");
    put(DCM_WindowWidth, "4096");
    put(DCM_RescaleIntercept, "0");
    put(DCM_RescaleSlope, "1");
    put(DCM_RescaleType, "US");
    put(DCM_LossyImageCompression, "00");
    d->putAndInsertUint16Array(DCM_PixelData, view.pixels.data(), unsigned(view.pixels.size()));
    files::PendingFile pending(path, "the simulated DICOM image", files::Sync::NoSync); // a dataset can be simulated again
    if (const Error *error = pending.openError())
        return *error;
    const OFCondition status = file.saveFile(pending.temporaryPath().c_str(), EXS_LittleEndianExplicit);
    if (status.bad())
        return pending.writeError(status.text());
    return pending.commit();
}

} // namespace radsynth::simulation
