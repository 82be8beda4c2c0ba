#include "radsynth/export/DicomExport.h"

#include "radsynth/common/DerivedUid.h"
#include "radsynth/common/Log.h"
#include "radsynth/common/SafeWrite.h"
#include "radsynth/common/Version.h"
#include "radsynth/dicom/Prescan.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/report/ReportDocument.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QDateTime>
#include <QRandomGenerator>

namespace radsynth::exports {
namespace {

constexpr const char *kSecondaryCaptureSopClass = UID_SecondaryCaptureImageStorage;

std::string text(DcmItem &item, const DcmTagKey &key)
{
    OFString value;
    if (item.findAndGetOFStringArray(key, value).good())
        return value.c_str();
    return {};
}

Status check(const OFCondition &condition, const char *what)
{
    if (condition.good())
        return okStatus();
    return makeError(std::string(what) + ": " + condition.text());
}

#define RADSYNTH_TRY(expression, what)                                                                                  \
    do {                                                                                                                \
        const Status status_ = check((expression), (what));                                                            \
        if (!status_)                                                                                                   \
            return status_.error();                                                                                     \
    } while (false)

QDateTime nowUtc() { return QDateTime::currentDateTimeUtc(); }
std::string dicomDate(const QDateTime &t) { return t.toString(QStringLiteral("yyyyMMdd")).toStdString(); }
std::string dicomTime(const QDateTime &t) { return t.toString(QStringLiteral("HHmmss")).toStdString(); }

// When an object of `study` is written: the study's own date and time in a seeded study (the same
// bytes on every run), else now.
QDateTime objectTime(const TargetStudy &study)
{
    if (study.uidSeed == 0)
        return nowUtc();
    QDateTime at = QDateTime::fromString(QString::fromStdString(study.studyDate + study.studyTime), QStringLiteral("yyyyMMddHHmmss"));
    at.setTimeSpec(Qt::UTC);
    return at.isValid() ? at : nowUtc();
}

// A new UID, or in a seeded study the one derived for `label` (labels: 1 the study, 100+ images,
// 200+ series, 300+ reports).
std::string objectUid(const TargetStudy &study, uint64_t label) { return study.uidSeed ? derivedUid(study.uidSeed, label) : newUid(); }

// Patient and General Study modules (type 2 attributes written even when empty).
OFCondition putStudy(DcmItem &ds, const TargetStudy &study)
{
    OFCondition c = EC_Normal;
    if (c.good()) c = ds.putAndInsertString(DCM_PatientName, study.patientName.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_PatientID, study.patientId.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_PatientBirthDate, study.patientBirthDate.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_PatientSex, study.patientSex.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_StudyInstanceUID, study.studyInstanceUid.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_StudyDate, study.studyDate.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_StudyTime, study.studyTime.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_StudyID, study.studyId.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_AccessionNumber, study.accessionNumber.c_str());
    if (c.good()) c = ds.putAndInsertString(DCM_ReferringPhysicianName, study.referringPhysicianName.c_str());
    if (c.good() && !study.studyDescription.empty())
        c = ds.putAndInsertString(DCM_StudyDescription, study.studyDescription.c_str());
    return c;
}

// Synthetic Data (0008,001C), SOP Common (CP 2129): "YES" on every object RadSynth makes. DCMTK
// 3.6.7's dictionary predates it, so the tag is given with its VR.
const DcmTag kSyntheticData(0x0008, 0x001C, EVR_CS);

// DICOM LO is at most 64 characters; ST (DerivationDescription) 1024.
std::string clip(const QString &value, int length) { return value.left(length).toStdString(); }

// Through a temporary file, checked to the end and renamed into place: a full disk leaves no
// truncated object and never replaces an earlier good one.
Status saveFileSafely(DcmFileFormat &file, const QString &path, const char *what)
{
    files::PendingFile pending(path.toStdString(), what);
    if (const Error *error = pending.openError())
        return *error;
    const OFCondition saved = file.saveFile(pending.temporaryPath().c_str(), EXS_LittleEndianExplicit);
    if (saved.bad())
        return pending.writeError(saved.text());
    return pending.commit();
}

} // namespace

std::string newUid()
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, SITE_INSTANCE_UID_ROOT);
    return buffer;
}

Result<SourceImage> readSourceImage(const QString &path)
{
    // The source is any file the user names: DCMTK's recursive parser sees it only after the
    // nesting pre-scan, as every other DICOM read (it crashed on 8,000 nested sequences).
    if (std::string problem = dicom::prescanFile(path.toStdString()); !problem.empty())
        return makeError("cannot read the source DICOM file: not read: " + problem, path.toStdString());
    DcmFileFormat file;
    const OFCondition status = file.loadFile(path.toStdString().c_str());
    if (status.bad())
        return makeError(std::string("cannot read the source DICOM file: ") + status.text(), path.toStdString());
    DcmDataset &ds = *file.getDataset();
    // Names and descriptions in the source's character set (Latin-1, ...) become UTF-8, the set the
    // exports declare (ISO_IR 192): copied bytes would be invalid UTF-8.
    if (const OFCondition converted = ds.convertToUTF8(); converted.bad()) {
        OFString charset;
        ds.findAndGetOFStringArray(DCM_SpecificCharacterSet, charset);
        return makeError("cannot convert the source's character set (" + std::string(charset.empty() ? "default" : charset.c_str()) +
                             ") to UTF-8: " + converted.text() + "; export into a new synthetic study instead",
                         path.toStdString());
    }
    SourceImage source;
    source.study.fromSource = true;
    source.study.patientName = text(ds, DCM_PatientName);
    source.study.patientId = text(ds, DCM_PatientID);
    source.study.patientBirthDate = text(ds, DCM_PatientBirthDate);
    source.study.patientSex = text(ds, DCM_PatientSex);
    source.study.studyInstanceUid = text(ds, DCM_StudyInstanceUID);
    source.study.studyDate = text(ds, DCM_StudyDate);
    source.study.studyTime = text(ds, DCM_StudyTime);
    source.study.studyId = text(ds, DCM_StudyID);
    source.study.accessionNumber = text(ds, DCM_AccessionNumber);
    source.study.referringPhysicianName = text(ds, DCM_ReferringPhysicianName);
    source.study.studyDescription = text(ds, DCM_StudyDescription);
    source.instance.sopClassUid = text(ds, DCM_SOPClassUID);
    source.instance.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    source.instance.seriesInstanceUid = text(ds, DCM_SeriesInstanceUID);
    source.instance.studyInstanceUid = source.study.studyInstanceUid;
    source.modality = text(ds, DCM_Modality);
    if (source.instance.sopClassUid.empty() || source.instance.sopInstanceUid.empty() || source.study.studyInstanceUid.empty())
        return makeError("the source DICOM file has no SOP class, SOP instance or study instance UID", path.toStdString());
    return source;
}

TargetStudy newSyntheticStudy(uint64_t uidSeed, const QDateTime &at)
{
    TargetStudy study;
    study.uidSeed = uidSeed;
    const QDateTime now = at.isValid() ? at.toUTC() : nowUtc();
    const quint32 number = uidSeed ? quint32(deriveSeed(uidSeed, 2) % 100000000u) : QRandomGenerator::global()->bounded(100000000u);
    study.patientName = "SYNTHETIC^CASE";
    study.patientId = "RS-" + QString::number(number).rightJustified(8, QLatin1Char('0')).toStdString();
    study.studyInstanceUid = objectUid(study, 1);
    study.studyDate = dicomDate(now);
    study.studyTime = dicomTime(now);
    study.studyId = "RS" + QString::number(number % 10000000u).toStdString();
    study.studyDescription = "SYNTHETIC chest X-ray (RadSynth)";
    return study;
}

Result<InstanceReference> writeSecondaryCapture(const imaging::Image &image, const SecondaryCaptureOptions &options,
                                                const QString &path)
{
    if (image.empty())
        return makeError("no image to export", path.toStdString());
    if (options.study.studyInstanceUid.empty())
        return makeError("no target study for the Secondary Capture (use a source image or a new synthetic study)");
    const imaging::Image marked = withSyntheticMarks(image, options.provenance);
    const QDateTime now = objectTime(options.study);

    InstanceReference reference;
    reference.sopClassUid = kSecondaryCaptureSopClass;
    reference.sopInstanceUid = objectUid(options.study, 100 + uint64_t(options.seriesNumber) * 1000 + uint64_t(options.instanceNumber));
    reference.seriesInstanceUid = options.seriesInstanceUid.empty() ? objectUid(options.study, 200 + uint64_t(options.seriesNumber))
                                                                    : options.seriesInstanceUid;
    reference.studyInstanceUid = options.study.studyInstanceUid;

    DcmFileFormat file;
    DcmDataset &ds = *file.getDataset();
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192"), "character set");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SOPClassUID, reference.sopClassUid.c_str()), "SOP class");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SOPInstanceUID, reference.sopInstanceUid.c_str()), "SOP instance");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_InstanceCreationDate, dicomDate(now).c_str()), "creation date");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_InstanceCreationTime, dicomTime(now).c_str()), "creation time");
    RADSYNTH_TRY(putStudy(ds, options.study), "patient and study");

    // General Series
    RADSYNTH_TRY(ds.putAndInsertString(DCM_Modality, options.modality.empty() ? "OT" : options.modality.c_str()), "modality");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SeriesInstanceUID, reference.seriesInstanceUid.c_str()), "series");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_Laterality, ""), "laterality"); // chest: unpaired, type 2C written empty
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SeriesNumber, std::to_string(options.seriesNumber).c_str()), "series number");
    QString seriesDescription = QStringLiteral("SYNTHETIC");
    if (!options.viewPosition.empty())
        seriesDescription += QStringLiteral(" %1").arg(QString::fromStdString(options.viewPosition));
    seriesDescription += QStringLiteral(" %1 %2").arg(options.provenance.task, options.provenance.model);
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SeriesDescription, clip(seriesDescription.simplified(), 64).c_str()), "series description");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SeriesDate, dicomDate(now).c_str()), "series date");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SeriesTime, dicomTime(now).c_str()), "series time");

    // General Equipment + SC Equipment
    RADSYNTH_TRY(ds.putAndInsertString(DCM_Manufacturer, "RadSynth"), "manufacturer");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_ManufacturerModelName, clip(options.provenance.model, 64).c_str()), "model name");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_SoftwareVersions, radsynth::kVersion), "software version");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_ConversionType, "SYN"), "conversion type");

    // General Image
    RADSYNTH_TRY(ds.putAndInsertString(DCM_InstanceNumber, std::to_string(options.instanceNumber).c_str()), "instance number");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_PatientOrientation, ""), "patient orientation");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_ContentDate, dicomDate(now).c_str()), "content date");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_ContentTime, dicomTime(now).c_str()), "content time");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_ImageType, "DERIVED\\SECONDARY"), "image type");
    const QString derivation = QStringLiteral("SYNTHETIC image generated by RadSynth: model %1, version %2, task %3, seed %4")
                                   .arg(options.provenance.model, options.provenance.version, options.provenance.task)
                                   .arg(options.provenance.seed);
    RADSYNTH_TRY(ds.putAndInsertString(DCM_DerivationDescription, clip(derivation, 1024).c_str()), "derivation description");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_BurnedInAnnotation, "YES"), "burned-in annotation");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_LossyImageCompression, "00"), "lossy compression");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_ImageComments, clip(syntheticWarning(), 10240).c_str()), "image comments");
    RADSYNTH_TRY(ds.putAndInsertString(kSyntheticData, "YES"), "synthetic data");
    if (!options.viewPosition.empty())
        RADSYNTH_TRY(ds.putAndInsertString(DCM_ViewPosition, options.viewPosition.c_str()), "view position");
    for (const auto &source : options.sources) {
        DcmItem *item = nullptr;
        RADSYNTH_TRY(ds.findOrCreateSequenceItem(DCM_SourceImageSequence, item, -2), "source image sequence");
        RADSYNTH_TRY(item->putAndInsertString(DCM_ReferencedSOPClassUID, source.sopClassUid.c_str()), "source SOP class");
        RADSYNTH_TRY(item->putAndInsertString(DCM_ReferencedSOPInstanceUID, source.sopInstanceUid.c_str()), "source SOP instance");
    }

    // SC Image
    RADSYNTH_TRY(ds.putAndInsertString(DCM_DateOfSecondaryCapture, dicomDate(now).c_str()), "capture date");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_TimeOfSecondaryCapture, dicomTime(now).c_str()), "capture time");
    if (marked.spacing.valid()) {
        const std::string spacing = QStringLiteral("%1\\%2").arg(marked.spacing.rowMm, 0, 'g', 8).arg(marked.spacing.columnMm, 0, 'g', 8).toStdString();
        RADSYNTH_TRY(ds.putAndInsertString(DCM_NominalScannedPixelSpacing, spacing.c_str()), "pixel spacing");
        RADSYNTH_TRY(ds.putAndInsertString(DCM_PixelSpacing, spacing.c_str()), "pixel spacing");
    }

    // Image Pixel (+ VOI LUT)
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_SamplesPerPixel, 1), "samples per pixel");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2"), "photometric");
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_Rows, Uint16(marked.height)), "rows");
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_Columns, Uint16(marked.width)), "columns");
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_BitsAllocated, 16), "bits allocated");
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_BitsStored, Uint16(marked.bitsStored)), "bits stored");
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_HighBit, Uint16(marked.bitsStored - 1)), "high bit");
    RADSYNTH_TRY(ds.putAndInsertUint16(DCM_PixelRepresentation, 0), "pixel representation");
    if (!marked.windows.empty()) {
        const auto &window = marked.windows.front();
        RADSYNTH_TRY(ds.putAndInsertString(DCM_WindowCenter, QString::number(window.center, 'f', 1).toStdString().c_str()), "window center");
        RADSYNTH_TRY(ds.putAndInsertString(DCM_WindowWidth, QString::number(std::max(1.0, window.width), 'f', 1).toStdString().c_str()), "window width");
    }
    RADSYNTH_TRY(ds.putAndInsertUint16Array(DCM_PixelData, marked.stored.data(), marked.stored.size()), "pixel data");

    if (const Status saved = saveFileSafely(file, path, "the Secondary Capture"); !saved)
        return saved.error();
    spdlog::info("export: wrote Secondary Capture {} ({}x{}, {} bits)", log::pseudonym(reference.sopInstanceUid), marked.width,
                 marked.height, marked.bitsStored);
    return reference;
}

namespace {

struct SectionCode {
    report::Section section;
    const char *code;
    const char *scheme;
    const char *meaning;
    const char *itemCode; // TEXT item concept inside the container (CID 7002)
    const char *itemMeaning;
};

// Section headings of TID 2000 (CID 7001); the comparison heading is LOINC's, which DICOM lists as well.
constexpr SectionCode kSectionCodes[] = {
    {report::Section::Indication, "121109", "DCM", "Indications for Procedure", "121106", "Comment"},
    {report::Section::Comparison, "18834-2", "LN", "Radiology Comparison study", "121106", "Comment"},
    {report::Section::Findings, "121070", "DCM", "Findings", "121071", "Finding"},
    {report::Section::Impression, "121072", "DCM", "Impressions", "121073", "Impression"},
};

} // namespace

Result<InstanceReference> writeBasicTextSr(const report::ReportDraft &draft, const StructuredReportOptions &options,
                                           const QString &path)
{
    if (options.study.studyInstanceUid.empty())
        return makeError("no target study for the report (use a source image or a new synthetic study)");
    const report::ReportDocument document = report::ReportDocument::fromPlainText(draft.text);
    if (document.isEmpty())
        return makeError("the report is empty", path.toStdString());
    if (draft.state == report::ReportState::Signed && draft.reviewer.trimmed().isEmpty())
        return makeError("a signed report needs the reviewer's name");

    DSRDocument sr(DSRTypes::DT_BasicTextSR);
    RADSYNTH_TRY(sr.setSpecificCharacterSetType(DSRTypes::CS_UTF8), "character set");
    RADSYNTH_TRY(sr.createNewSeriesInStudy(options.study.studyInstanceUid.c_str()), "series");
    RADSYNTH_TRY(sr.setPatientName(options.study.patientName.c_str(), false), "patient name");
    RADSYNTH_TRY(sr.setPatientID(options.study.patientId.c_str(), false), "patient ID");
    RADSYNTH_TRY(sr.setPatientBirthDate(options.study.patientBirthDate.c_str(), false), "birth date");
    RADSYNTH_TRY(sr.setPatientSex(options.study.patientSex.c_str(), false), "patient sex");
    RADSYNTH_TRY(sr.setStudyID(options.study.studyId.c_str(), false), "study ID");
    RADSYNTH_TRY(sr.setAccessionNumber(options.study.accessionNumber.c_str(), false), "accession number");
    RADSYNTH_TRY(sr.setReferringPhysicianName(options.study.referringPhysicianName.c_str(), false), "referring physician");
    if (!options.study.studyDescription.empty())
        RADSYNTH_TRY(sr.setStudyDescription(options.study.studyDescription.c_str(), false), "study description");
    RADSYNTH_TRY(sr.setSeriesDescription("SYNTHETIC report draft (RadSynth)", false), "series description");
    RADSYNTH_TRY(sr.setManufacturer("RadSynth"), "manufacturer");
    RADSYNTH_TRY(sr.setSeriesNumber(std::to_string(options.seriesNumber).c_str()), "series number");
    RADSYNTH_TRY(sr.setInstanceNumber(std::to_string(options.instanceNumber).c_str()), "instance number");

    DSRDocumentTree &tree = sr.getTree();
    if (tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container) == 0)
        return makeError("cannot create the report root");
    RADSYNTH_TRY(tree.getCurrentContentItem().setConceptName(DSRCodedEntryValue("18748-4", "LN", "Diagnostic Imaging Report")), "title");

    // Observer context (TID 1002): the generator as device observer, the reviewer as person observer.
    auto addContext = [&](DSRTypes::E_ValueType type, const DSRCodedEntryValue &concept, DSRTypes::E_AddMode mode) -> bool {
        if (tree.addContentItem(DSRTypes::RT_hasObsContext, type, mode) == 0)
            return false;
        return tree.getCurrentContentItem().setConceptName(concept).good();
    };
    if (!addContext(DSRTypes::VT_Code, DSRCodedEntryValue("121005", "DCM", "Observer Type"), DSRTypes::AM_belowCurrent))
        return makeError("cannot add the observer context");
    RADSYNTH_TRY(tree.getCurrentContentItem().setCodeValue(DSRCodedEntryValue("121007", "DCM", "Device")), "observer type");
    addContext(DSRTypes::VT_UIDRef, DSRCodedEntryValue("121012", "DCM", "Device Observer UID"), DSRTypes::AM_afterCurrent);
    RADSYNTH_TRY(tree.getCurrentContentItem().setStringValue(SITE_INSTANCE_UID_ROOT ".1"), "device UID");
    addContext(DSRTypes::VT_Text, DSRCodedEntryValue("121013", "DCM", "Device Observer Name"), DSRTypes::AM_afterCurrent);
    RADSYNTH_TRY(tree.getCurrentContentItem().setStringValue("RadSynth"), "device name");
    addContext(DSRTypes::VT_Text, DSRCodedEntryValue("121015", "DCM", "Device Observer Model Name"), DSRTypes::AM_afterCurrent);
    RADSYNTH_TRY(tree.getCurrentContentItem().setStringValue(
                     clip(QStringLiteral("%1 %2").arg(draft.provenance.model, draft.provenance.version).simplified(), 64).c_str()),
                 "device model");
    const QString reviewer = draft.reviewer.trimmed();
    if (!reviewer.isEmpty()) {
        addContext(DSRTypes::VT_Code, DSRCodedEntryValue("121005", "DCM", "Observer Type"), DSRTypes::AM_afterCurrent);
        RADSYNTH_TRY(tree.getCurrentContentItem().setCodeValue(DSRCodedEntryValue("121006", "DCM", "Person")), "observer type");
        addContext(DSRTypes::VT_PName, DSRCodedEntryValue("121008", "DCM", "Person Observer Name"), DSRTypes::AM_afterCurrent);
        RADSYNTH_TRY(tree.getCurrentContentItem().setStringValue(reviewer.toStdString().c_str(), false), "reviewer");
    }

    // Provenance as a comment: the report text was generated by a model.
    if (tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Text, DSRTypes::AM_afterCurrent) == 0)
        return makeError("cannot add the provenance");
    RADSYNTH_TRY(tree.getCurrentContentItem().setConceptName(DSRCodedEntryValue("121106", "DCM", "Comment")), "comment");
    RADSYNTH_TRY(tree.getCurrentContentItem().setStringValue(
                     (QStringLiteral("SYNTHETIC: report generated by RadSynth (%1) and %2.")
                          .arg(provenanceLine(draft.provenance),
                               draft.state == report::ReportState::Signed ? QStringLiteral("reviewed by the signing physician")
                                                                            : QStringLiteral("not signed")))
                         .toStdString()
                         .c_str(),
                     false),
                 "provenance");

    for (const auto &code : kSectionCodes) {
        const QString body = document.section(code.section);
        const bool findingsWithImages = code.section == report::Section::Findings && !options.images.empty();
        if (body.isEmpty() && !findingsWithImages)
            continue;
        if (tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Container, DSRTypes::AM_afterCurrent) == 0)
            return makeError("cannot add a report section");
        RADSYNTH_TRY(tree.getCurrentContentItem().setConceptName(DSRCodedEntryValue(code.code, code.scheme, code.meaning)), "section");
        DSRTypes::E_AddMode mode = DSRTypes::AM_belowCurrent;
        if (!body.isEmpty()) {
            if (tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Text, mode) == 0)
                return makeError("cannot add a report text");
            RADSYNTH_TRY(tree.getCurrentContentItem().setConceptName(DSRCodedEntryValue(code.itemCode, "DCM", code.itemMeaning)), "text");
            RADSYNTH_TRY(tree.getCurrentContentItem().setStringValue(body.toStdString().c_str(), false), "text value");
            mode = DSRTypes::AM_afterCurrent;
        }
        if (findingsWithImages) {
            for (const auto &image : options.images) {
                if (tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Image, mode) == 0)
                    return makeError("cannot add an image reference");
                mode = DSRTypes::AM_afterCurrent;
                RADSYNTH_TRY(tree.getCurrentContentItem().setImageReference(
                                 DSRImageReferenceValue(image.sopClassUid.c_str(), image.sopInstanceUid.c_str()), false),
                             "image reference");
                RADSYNTH_TRY(sr.getCurrentRequestedProcedureEvidence().addItem(
                                 (image.studyInstanceUid.empty() ? options.study.studyInstanceUid : image.studyInstanceUid).c_str(),
                                 image.seriesInstanceUid.c_str(), image.sopClassUid.c_str(), image.sopInstanceUid.c_str()),
                             "evidence");
            }
        }
        tree.goUp();
    }

    if (draft.state == report::ReportState::Signed) {
        RADSYNTH_TRY(sr.completeDocument(), "completion flag");
        const QDateTime signedAt = draft.signedAt.isValid() ? draft.signedAt.toUTC() : nowUtc();
        RADSYNTH_TRY(sr.verifyDocument(reviewer.toStdString().c_str(), options.institution.left(64).toStdString().c_str(),
                                       signedAt.toString(QStringLiteral("yyyyMMddHHmmss")).toStdString().c_str()),
                     "verification");
    }

    DcmFileFormat file;
    DcmDataset &ds = *file.getDataset();
    RADSYNTH_TRY(sr.write(ds), "SR document");
    RADSYNTH_TRY(ds.putAndInsertString(kSyntheticData, "YES"), "synthetic data");
    // The study's own date and time, not the export's (DSRDocument only sets them for new studies).
    RADSYNTH_TRY(ds.putAndInsertString(DCM_StudyDate, options.study.studyDate.c_str()), "study date");
    RADSYNTH_TRY(ds.putAndInsertString(DCM_StudyTime, options.study.studyTime.c_str()), "study time");
    if (options.study.uidSeed) {
        // A seeded study: DSRDocument's new UIDs and creation times replaced by derived ones.
        const QDateTime at = objectTime(options.study);
        const uint64_t label = 300 + uint64_t(options.seriesNumber) * 1000 + uint64_t(options.instanceNumber);
        const std::string seriesUid = options.seriesInstanceUid.empty() ? objectUid(options.study, 200 + uint64_t(options.seriesNumber))
                                                                        : options.seriesInstanceUid;
        RADSYNTH_TRY(ds.putAndInsertString(DCM_SOPInstanceUID, objectUid(options.study, label).c_str()), "SOP instance");
        RADSYNTH_TRY(ds.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str()), "series");
        for (const DcmTagKey &tag : {DCM_InstanceCreationDate, DCM_ContentDate, DCM_SeriesDate})
            if (ds.tagExists(tag))
                RADSYNTH_TRY(ds.putAndInsertString(tag, dicomDate(at).c_str()), "date");
        for (const DcmTagKey &tag : {DCM_InstanceCreationTime, DCM_ContentTime, DCM_SeriesTime})
            if (ds.tagExists(tag))
                RADSYNTH_TRY(ds.putAndInsertString(tag, dicomTime(at).c_str()), "time");
    }
    if (const Status saved = saveFileSafely(file, path, "the structured report"); !saved)
        return saved.error();

    InstanceReference reference;
    reference.sopClassUid = text(ds, DCM_SOPClassUID);
    reference.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    reference.seriesInstanceUid = text(ds, DCM_SeriesInstanceUID);
    reference.studyInstanceUid = text(ds, DCM_StudyInstanceUID);
    spdlog::info("export: wrote Basic Text SR {} ({})", log::pseudonym(reference.sopInstanceUid),
                 report::toDisplayString(draft.state).toStdString());
    return reference;
}

} // namespace radsynth::exports
