#include "SampleStudies.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QCryptographicHash>
#include <QDir>

#include <vector>

namespace radsynth::test {

namespace {

std::string newUid(const char *root)
{
    char buffer[100];
    return dcmGenerateUniqueIdentifier(buffer, root);
}

void putPatientStudy(DcmDataset *d, const SampleStudy &s)
{
    d->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    d->putAndInsertString(DCM_PatientName, s.patientName.c_str());
    d->putAndInsertString(DCM_PatientID, s.patientId.c_str());
    d->putAndInsertString(DCM_PatientBirthDate, "19700101");
    d->putAndInsertString(DCM_PatientSex, "O");
    d->putAndInsertString(DCM_StudyInstanceUID, s.studyUid.c_str());
    d->putAndInsertString(DCM_StudyDate, s.studyDate.c_str());
    d->putAndInsertString(DCM_StudyTime, "101500");
    d->putAndInsertString(DCM_AccessionNumber, s.accession.c_str());
    d->putAndInsertString(DCM_StudyDescription, s.description.c_str());
    d->putAndInsertString(DCM_StudyID, "1");
    d->putAndInsertString(DCM_ReferringPhysicianName, "");
}

// A small synthetic radiograph-like gradient with noise (deterministic).
void putImage(DcmDataset *d, int rows, int columns, int bits, unsigned seed)
{
    d->putAndInsertUint16(DCM_Rows, Uint16(rows));
    d->putAndInsertUint16(DCM_Columns, Uint16(columns));
    d->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    d->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    d->putAndInsertUint16(DCM_BitsAllocated, bits > 8 ? 16 : 8);
    d->putAndInsertUint16(DCM_BitsStored, Uint16(bits));
    d->putAndInsertUint16(DCM_HighBit, Uint16(bits - 1));
    d->putAndInsertUint16(DCM_PixelRepresentation, 0);
    const int maxValue = (1 << bits) - 1;
    unsigned state = seed;
    if (bits > 8) {
        std::vector<Uint16> pixels(size_t(rows * columns));
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < columns; ++x) {
                state = state * 1103515245u + 12345u;
                pixels[size_t(y * columns + x)] = Uint16(std::min(maxValue, (x + y) * maxValue / (rows + columns) + int(state >> 28)));
            }
        d->putAndInsertUint16Array(DCM_PixelData, pixels.data(), unsigned(pixels.size()));
    } else {
        std::vector<Uint8> pixels(size_t(rows * columns));
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < columns; ++x) {
                state = state * 1103515245u + 12345u;
                pixels[size_t(y * columns + x)] = Uint8(std::min(maxValue, (x * y) % 256 + int(state >> 29)));
            }
        d->putAndInsertUint8Array(DCM_PixelData, pixels.data(), unsigned(pixels.size()));
    }
}

QString save(DcmFileFormat &file, const QString &folder, const char *name, E_TransferSyntax xfer)
{
    DcmDataset *d = file.getDataset();
    if (xfer != EXS_LittleEndianExplicit) {
        DJ_RPLossless losslessParams; // JPEG lossless (process 14, SV1)
        const OFCondition changed = d->chooseRepresentation(xfer, xfer == EXS_JPEGProcess14SV1 ? &losslessParams : nullptr);
        if (changed.bad() || !d->canWriteXfer(xfer)) return {};
    }
    const QString path = QDir(folder).filePath(QString::fromLatin1(name));
    if (file.saveFile(path.toStdString().c_str(), xfer).bad()) return {};
    return path;
}

} // namespace

SampleObject readObject(const QString &path)
{
    SampleObject object;
    object.path = path;
    DcmFileFormat file;
    if (file.loadFile(path.toStdString().c_str()).bad()) return object;
    DcmDataset *d = file.getDataset();
    OFString value;
    if (d->findAndGetOFString(DCM_StudyInstanceUID, value).good()) object.studyUid = value.c_str();
    if (d->findAndGetOFString(DCM_SeriesInstanceUID, value).good()) object.seriesUid = value.c_str();
    if (d->findAndGetOFString(DCM_SOPInstanceUID, value).good()) object.sopUid = value.c_str();
    if (file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, value).good()) object.transferSyntax = value.c_str();
    DcmElement *element = nullptr;
    if (d->findAndGetElement(DCM_PixelData, element).bad() || !element) return object;
    auto *pixelData = dynamic_cast<DcmPixelData *>(element);
    if (!pixelData) return object;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const E_TransferSyntax xfer = d->getOriginalXfer();
    if (DcmXfer(xfer).isEncapsulated()) {
        const DcmRepresentationParameter *parameter = nullptr;
        DcmPixelSequence *sequence = nullptr;
        if (pixelData->getEncapsulatedRepresentation(xfer, parameter, sequence).bad() || !sequence) return object;
        // Item 0 is the basic offset table; the fragments carry the compressed frames.
        for (unsigned long i = 1; i < sequence->card(); ++i) {
            DcmPixelItem *item = nullptr;
            Uint8 *bytes = nullptr;
            if (sequence->getItem(item, i).good() && item->getUint8Array(bytes).good() && bytes)
                hash.addData(QByteArrayView(reinterpret_cast<const char *>(bytes), qsizetype(item->getLength())));
        }
    } else {
        Uint8 *bytes = nullptr;
        if (pixelData->getUint8Array(bytes).bad() || !bytes) return object;
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(bytes), qsizetype(pixelData->getLength())));
    }
    object.pixelChecksum = hash.result().toHex();
    return object;
}

std::map<std::string, SampleObject> writeSampleStudies(const QString &folder, std::vector<SampleStudy> &studies)
{
    DJEncoderRegistration::registerCodecs();
    DJDecoderRegistration::registerCodecs();
    DcmRLEEncoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    QDir().mkpath(folder);
    studies.clear();
    studies.push_back({newUid(SITE_STUDY_UID_ROOT), "DOE^JANE", "RS-P001", "20240105", "ACC-1001", "CHEST PA", "CR"});
    studies.push_back({newUid(SITE_STUDY_UID_ROOT), "SMITH^JOHN", "RS-P002", "20240310", "ACC-2002",
                       "CHEST PA AND LATERAL", "DX"});
    std::vector<QString> written;

    // Study 1: two uncompressed 12-bit CR images in one series, a Basic Text SR in another.
    const std::string crSeries = newUid(SITE_SERIES_UID_ROOT);
    for (int i = 1; i <= 2; ++i) {
        DcmFileFormat file;
        DcmDataset *d = file.getDataset();
        putPatientStudy(d, studies[0]);
        d->putAndInsertString(DCM_SOPClassUID, UID_ComputedRadiographyImageStorage);
        d->putAndInsertString(DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT).c_str());
        d->putAndInsertString(DCM_Modality, "CR");
        d->putAndInsertString(DCM_SeriesInstanceUID, crSeries.c_str());
        d->putAndInsertString(DCM_SeriesNumber, "1");
        d->putAndInsertString(DCM_SeriesDescription, "PA");
        d->putAndInsertString(DCM_BodyPartExamined, "CHEST");
        d->putAndInsertString(DCM_ViewPosition, i == 1 ? "PA" : "LL");
        d->putAndInsertString(DCM_InstanceNumber, std::to_string(i).c_str());
        putImage(d, 64, 48, 12, unsigned(i));
        written.push_back(save(file, folder, i == 1 ? "study1-cr1.dcm" : "study1-cr2.dcm", EXS_LittleEndianExplicit));
    }
    {
        DSRDocument document(DSRTypes::DT_BasicTextSR);
        document.createNewSeriesInStudy(studies[0].studyUid.c_str());
        document.getTree().addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container);
        document.getTree().getCurrentContentItem().setConceptName(DSRCodedEntryValue("18748-4", "LN", "Diagnostic Imaging Report"));
        document.getTree().addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Text, DSRTypes::AM_belowCurrent);
        document.getTree().getCurrentContentItem().setConceptName(DSRCodedEntryValue("121071", "DCM", "Finding"));
        document.getTree().getCurrentContentItem().setStringValue("No acute cardiopulmonary abnormality.");
        DcmFileFormat file;
        document.write(*file.getDataset());
        putPatientStudy(file.getDataset(), studies[0]);
        file.getDataset()->putAndInsertString(DCM_SeriesNumber, "2");
        written.push_back(save(file, folder, "study1-sr.dcm", EXS_LittleEndianExplicit));
    }

    // Study 2: a 12-bit DX image in JPEG lossless and an 8-bit Secondary Capture in RLE.
    {
        DcmFileFormat file;
        DcmDataset *d = file.getDataset();
        putPatientStudy(d, studies[1]);
        d->putAndInsertString(DCM_SOPClassUID, UID_DigitalXRayImageStorageForPresentation);
        d->putAndInsertString(DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT).c_str());
        d->putAndInsertString(DCM_Modality, "DX");
        d->putAndInsertString(DCM_SeriesInstanceUID, newUid(SITE_SERIES_UID_ROOT).c_str());
        d->putAndInsertString(DCM_SeriesNumber, "1");
        d->putAndInsertString(DCM_InstanceNumber, "1");
        d->putAndInsertString(DCM_ViewPosition, "PA");
        d->putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY");
        d->putAndInsertString(DCM_PresentationIntentType, "FOR PRESENTATION");
        putImage(d, 80, 64, 12, 7);
        written.push_back(save(file, folder, "study2-dx-jpeg-lossless.dcm", EXS_JPEGProcess14SV1));
    }
    {
        DcmFileFormat file;
        DcmDataset *d = file.getDataset();
        putPatientStudy(d, studies[1]);
        d->putAndInsertString(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
        d->putAndInsertString(DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT).c_str());
        d->putAndInsertString(DCM_Modality, "OT");
        d->putAndInsertString(DCM_ConversionType, "WSD");
        d->putAndInsertString(DCM_SeriesInstanceUID, newUid(SITE_SERIES_UID_ROOT).c_str());
        d->putAndInsertString(DCM_SeriesNumber, "2");
        d->putAndInsertString(DCM_InstanceNumber, "1");
        putImage(d, 40, 40, 8, 11);
        written.push_back(save(file, folder, "study2-sc-rle.dcm", EXS_RLELossless));
    }

    std::map<std::string, SampleObject> objects;
    for (const QString &path : written) {
        if (path.isEmpty()) return {}; // a sample could not be written: the caller fails
        SampleObject object = readObject(path);
        objects[object.sopUid] = object;
    }
    return objects;
}

} // namespace radsynth::test
