#include "HeaderReader.h"

#include "radsynth/dicom/ViewDetection.h"

#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace radsynth::dicom::detail {
namespace {

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// "RTPlanStorage" -> "RT Plan"; "ComputedRadiographyImageStorage" -> "Computed Radiography Image".
std::string readableSopClassName(const std::string &uid)
{
    const char *name = uid.empty() ? nullptr : dcmFindNameOfUID(uid.c_str());
    if (!name)
        return uid.empty() ? std::string("unknown object") : "object of class " + uid;
    std::string raw = name;
    if (raw.size() > 7 && raw.compare(raw.size() - 7, 7, "Storage") == 0)
        raw.erase(raw.size() - 7);
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        const bool upperHere = std::isupper(static_cast<unsigned char>(raw[i]));
        const bool lowerBefore = i > 0 && std::islower(static_cast<unsigned char>(raw[i - 1]));
        const bool upperRun = i > 0 && std::isupper(static_cast<unsigned char>(raw[i - 1])) && i + 1 < raw.size()
                              && std::islower(static_cast<unsigned char>(raw[i + 1]));
        if (upperHere && (lowerBefore || upperRun))
            out.push_back(' ');
        out.push_back(raw[i]);
    }
    return out;
}

bool isNonImageWithPixels(const std::string &sopClass)
{
    return sopClass == UID_RTDoseStorage || sopClass == UID_SegmentationStorage;
}

void classify(DcmDataset &dataset, Instance &instance)
{
    const std::string &sop = instance.sopClassUid;
    const bool hasPixels = hasElement(dataset, DCM_PixelData);
    const bool hasOtherPixels = hasElement(dataset, DCM_FloatPixelData) || hasElement(dataset, DCM_DoubleFloatPixelData);
    if (startsWith(sop, "1.2.840.10008.5.1.4.1.1.88.")) {
        instance.kind = ObjectKind::StructuredReport;
        instance.kindDescription = readableSopClassName(sop);
        return;
    }
    if ((hasPixels || hasOtherPixels) && !isNonImageWithPixels(sop)) {
        instance.kind = ObjectKind::Image;
        instance.kindDescription = (instance.modality.empty() ? std::string("image") : instance.modality + " image");
        if (!sop.empty() && dcmFindNameOfUID(sop.c_str()))
            instance.kindDescription += " (" + readableSopClassName(sop) + ")";
        if (hasOtherPixels && !hasPixels)
            instance.error = "floating-point pixel data is not supported";
        return;
    }
    instance.kind = ObjectKind::Other;
    if (startsWith(sop, "1.2.840.10008.5.1.4.1.1.9."))
        instance.kindDescription = "Waveform: " + readableSopClassName(sop);
    else
        instance.kindDescription = readableSopClassName(sop);
    // An image class without pixels is an image the viewer cannot show: say so.
    const std::string name = instance.kindDescription;
    const bool imageClass = name.size() > 5 && name.compare(name.size() - 5, 5, "Image") == 0;
    if (!hasPixels && (imageClass || hasElement(dataset, DCM_Rows))) {
        instance.kind = ObjectKind::Image;
        instance.kindDescription = (instance.modality.empty() ? std::string("image") : instance.modality + " image") + " (" + name + ")";
        instance.error = "image without pixel data";
    }
}

std::string firstCodeMeaning(DcmItem &dataset, const DcmTagKey &sequence)
{
    DcmItem *item = nullptr;
    if (dataset.findAndGetSequenceItem(sequence, item, 0).good() && item)
        return getString(*item, DCM_CodeMeaning);
    return {};
}

} // namespace

bool isDicomDir(DcmFileFormat &file)
{
    const std::string mediaClass = getString(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
    if (mediaClass == UID_MediaStorageDirectoryStorage)
        return true;
    return file.getDataset() && hasElement(*file.getDataset(), DCM_DirectoryRecordSequence);
}

std::string unsupportedTransferSyntaxReason(const std::string &uid)
{
    if (uid.empty())
        return {};
    const DcmXfer xfer(uid.c_str());
    if (xfer.getXfer() == EXS_Unknown)
        return "unknown transfer syntax " + uid;
    if (!xfer.isEncapsulated() || isJpeg2000(uid))
        return {};
    if (DcmCodecList::canChangeCoding(xfer.getXfer(), EXS_LittleEndianExplicit))
        return {};
    return std::string("unsupported transfer syntax: ") + xfer.getXferName();
}

imaging::PixelSpacing readSpacing(DcmItem &dataset)
{
    imaging::PixelSpacing spacing;
    const std::vector<double> pixel = getDoubles(dataset, DCM_PixelSpacing);
    const std::vector<double> imager = getDoubles(dataset, DCM_ImagerPixelSpacing);
    const bool pixelValid = pixel.size() >= 2 && pixel[0] > 0.0 && pixel[1] > 0.0;
    const bool imagerValid = imager.size() >= 2 && imager[0] > 0.0 && imager[1] > 0.0;
    if (pixelValid) {
        spacing.rowMm = pixel[0];
        spacing.columnMm = pixel[1];
        const bool copiedFromDetector = imagerValid && std::fabs(pixel[0] - imager[0]) < 1e-6
                                        && std::fabs(pixel[1] - imager[1]) < 1e-6
                                        && getString(dataset, DCM_PixelSpacingCalibrationType).empty();
        spacing.calibration = copiedFromDetector ? imaging::Calibration::AtDetector : imaging::Calibration::Calibrated;
    } else if (imagerValid) {
        spacing.rowMm = imager[0];
        spacing.columnMm = imager[1];
        spacing.calibration = imaging::Calibration::AtDetector;
    }
    return spacing;
}

std::vector<imaging::WindowLevel> readWindows(DcmItem &dataset)
{
    std::vector<imaging::WindowLevel> windows;
    const std::vector<double> centers = getDoubles(dataset, DCM_WindowCenter);
    const std::vector<double> widths = getDoubles(dataset, DCM_WindowWidth);
    const std::vector<std::string> names = getStrings(dataset, DCM_WindowCenterWidthExplanation);
    const size_t count = std::min(centers.size(), widths.size());
    for (size_t i = 0; i < count; ++i) {
        if (!(widths[i] >= 1.0)) // width must be >= 1 (PS3.3 C.11.2.1.2); skip broken presets
            continue;
        imaging::WindowLevel window;
        window.center = centers[i];
        window.width = widths[i];
        window.name = i < names.size() && !names[i].empty() ? names[i] : "File " + std::to_string(i + 1);
        windows.push_back(window);
    }
    return windows;
}

HeaderRecord readHeader(DcmFileFormat &file, const std::string &path)
{
    HeaderRecord record;
    DcmDataset &ds = *file.getDataset();
    DcmMetaInfo &meta = *file.getMetaInfo();

    record.patient.patientName = getString(ds, DCM_PatientName);
    record.patient.patientId = getString(ds, DCM_PatientID);
    record.patient.birthDate = getString(ds, DCM_PatientBirthDate);
    record.patient.sex = getString(ds, DCM_PatientSex);

    record.study.studyInstanceUid = getString(ds, DCM_StudyInstanceUID);
    record.study.studyDate = getString(ds, DCM_StudyDate);
    record.study.studyTime = getString(ds, DCM_StudyTime);
    record.study.description = getString(ds, DCM_StudyDescription);
    record.study.accessionNumber = getString(ds, DCM_AccessionNumber);

    record.series.seriesInstanceUid = getString(ds, DCM_SeriesInstanceUID);
    record.series.seriesNumber = int(getLong(ds, DCM_SeriesNumber, 0));
    record.series.modality = getString(ds, DCM_Modality);
    record.series.description = getString(ds, DCM_SeriesDescription);
    record.series.bodyPart = getString(ds, DCM_BodyPartExamined);

    Instance &in = record.instance;
    in.path = path;
    in.sopClassUid = getString(ds, DCM_SOPClassUID);
    if (in.sopClassUid.empty())
        in.sopClassUid = getString(meta, DCM_MediaStorageSOPClassUID);
    in.sopInstanceUid = getString(ds, DCM_SOPInstanceUID);
    if (in.sopInstanceUid.empty())
        in.sopInstanceUid = getString(meta, DCM_MediaStorageSOPInstanceUID);
    in.transferSyntaxUid = transferSyntaxUid(file);
    in.transferSyntaxName = transferSyntaxName(in.transferSyntaxUid);
    in.modality = record.series.modality;
    in.instanceNumber = int(getLong(ds, DCM_InstanceNumber, 0));
    classify(ds, in);

    if (in.kind == ObjectKind::Image) {
        in.rows = int(getLong(ds, DCM_Rows, 0));
        in.columns = int(getLong(ds, DCM_Columns, 0));
        in.frames = std::max(1, int(getLong(ds, DCM_NumberOfFrames, 1)));
        in.bitsAllocated = int(getLong(ds, DCM_BitsAllocated, 0));
        in.bitsStored = int(getLong(ds, DCM_BitsStored, in.bitsAllocated));
        in.samplesPerPixel = int(getLong(ds, DCM_SamplesPerPixel, 1));
        in.isSigned = getLong(ds, DCM_PixelRepresentation, 0) == 1;
        in.photometric = upper(getString(ds, DCM_PhotometricInterpretation));
        in.spacing = readSpacing(ds);
        in.windows = readWindows(ds);
        in.imageLaterality = getString(ds, DCM_ImageLaterality);
        if (in.imageLaterality.empty())
            in.imageLaterality = getString(ds, DCM_Laterality);

        ViewAttributes view;
        view.viewPosition = getString(ds, DCM_ViewPosition);
        view.patientOrientation = getAllStrings(ds, DCM_PatientOrientation);
        view.seriesDescription = record.series.description;
        view.protocolName = getString(ds, DCM_ProtocolName);
        view.codeMeaning = firstCodeMeaning(ds, DCM_ViewCodeSequence);
        view.acquisitionDescription = getString(ds, DCM_AcquisitionDeviceProcessingDescription);
        if (view.acquisitionDescription.empty())
            view.acquisitionDescription = firstCodeMeaning(ds, DCM_ProcedureCodeSequence);
        view.studyDescription = record.study.description;
        in.view = detectView(view);

        if (in.error.empty()) {
            if (in.rows <= 0 || in.columns <= 0)
                in.error = "image without valid Rows/Columns";
            else if (!(in.bitsAllocated == 8 || in.bitsAllocated == 16 || in.bitsAllocated == 32 || in.bitsAllocated == 1))
                in.error = "unsupported Bits Allocated " + std::to_string(in.bitsAllocated);
            else
                in.error = unsupportedTransferSyntaxReason(in.transferSyntaxUid);
        }
    }
    return record;
}

} // namespace radsynth::dicom::detail
