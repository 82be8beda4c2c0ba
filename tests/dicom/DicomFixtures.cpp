#include "DicomFixtures.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcddirif.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrus.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmImageReader.h>
#include <gdcmImageWriter.h>

#include <mutex>

namespace radsynth::testing {
namespace {

void registerEncoders()
{
    static std::once_flag once;
    std::call_once(once, [] {
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

std::string newUid()
{
    char uid[100];
    return dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
}

E_TransferSyntax dcmtkSyntax(Syntax syntax)
{
    switch (syntax) {
    case Syntax::ExplicitLittle: return EXS_LittleEndianExplicit;
    case Syntax::ImplicitLittle: return EXS_LittleEndianImplicit;
    case Syntax::ExplicitBig: return EXS_BigEndianExplicit;
    case Syntax::Deflated: return EXS_DeflatedLittleEndianExplicit;
    case Syntax::JpegLossless: return EXS_JPEGProcess14SV1;
    case Syntax::JpegLsLossless: return EXS_JPEGLSLossless;
    case Syntax::Rle: return EXS_RLELossless;
    case Syntax::JpegBaseline: return EXS_JPEGProcess1;
    case Syntax::JpegExtended: return EXS_JPEGProcess2_4;
    case Syntax::Jpeg2000Lossless: return EXS_LittleEndianExplicit; // then GDCM
    }
    return EXS_LittleEndianExplicit;
}

void put(DcmItem &item, const DcmTagKey &tag, const std::string &value)
{
    if (!value.empty())
        item.putAndInsertString(tag, value.c_str());
}

} // namespace

const char *toString(Syntax syntax)
{
    switch (syntax) {
    case Syntax::ExplicitLittle: return "explicit-little";
    case Syntax::ImplicitLittle: return "implicit-little";
    case Syntax::ExplicitBig: return "explicit-big";
    case Syntax::Deflated: return "deflated";
    case Syntax::JpegLossless: return "jpeg-lossless";
    case Syntax::JpegLsLossless: return "jpeg-ls-lossless";
    case Syntax::Rle: return "rle";
    case Syntax::JpegBaseline: return "jpeg-baseline";
    case Syntax::JpegExtended: return "jpeg-extended";
    case Syntax::Jpeg2000Lossless: return "jpeg2000-lossless";
    }
    return "?";
}

bool isLossless(Syntax syntax)
{
    return syntax != Syntax::JpegBaseline && syntax != Syntax::JpegExtended;
}

std::vector<uint16_t> expectedStored(const FixtureSpec &spec, int frame)
{
    std::vector<uint16_t> values(size_t(spec.width) * size_t(spec.height));
    const uint32_t range = 1u << spec.bitsStored;
    for (int y = 0; y < spec.height; ++y)
        for (int x = 0; x < spec.width; ++x) {
            // A smooth ramp plus a little texture: compressible, and covers most of the range.
            uint32_t v = (uint32_t(x) * (range - 1) / uint32_t(std::max(1, spec.width - 1)) + uint32_t(y * 7 + frame * 31)) % range;
            if (spec.isSigned && v >= range / 2) // two's complement in Bits Stored, sign-extended to 16 bits
                v = uint32_t(int32_t(v) - int32_t(range)) & 0xFFFFu;
            values[size_t(y) * size_t(spec.width) + size_t(x)] = uint16_t(v);
        }
    return values;
}

std::string writeFixture(const std::string &path, const FixtureSpec &spec)
{
    registerEncoders();
    DcmFileFormat file;
    DcmDataset &ds = *file.getDataset();
    const bool cr = spec.modality == "CR";
    put(ds, DCM_SOPClassUID, cr ? UID_ComputedRadiographyImageStorage : UID_SecondaryCaptureImageStorage);
    put(ds, DCM_SOPInstanceUID, newUid());
    put(ds, DCM_StudyInstanceUID, spec.studyUid.empty() ? newUid() : spec.studyUid);
    put(ds, DCM_SeriesInstanceUID, spec.seriesUid.empty() ? newUid() : spec.seriesUid);
    put(ds, DCM_Modality, spec.modality);
    put(ds, DCM_PatientName, spec.patientName);
    put(ds, DCM_PatientID, spec.patientId);
    put(ds, DCM_PatientBirthDate, spec.birthDate);
    put(ds, DCM_PatientSex, "O");
    put(ds, DCM_StudyDate, "20240102");
    put(ds, DCM_StudyTime, "101500");
    put(ds, DCM_StudyDescription, "Fixture study");
    put(ds, DCM_SeriesDescription, spec.seriesDescription);
    ds.putAndInsertString(DCM_SeriesNumber, "1");
    ds.putAndInsertString(DCM_InstanceNumber, std::to_string(spec.instanceNumber).c_str());
    put(ds, DCM_ViewPosition, spec.viewPosition);
    put(ds, DCM_PatientOrientation, spec.patientOrientation);
    put(ds, DCM_PixelSpacing, spec.pixelSpacing);
    put(ds, DCM_ImagerPixelSpacing, spec.imagerPixelSpacing);
    put(ds, DCM_WindowCenter, spec.windowCenter);
    put(ds, DCM_WindowWidth, spec.windowWidth);
    put(ds, DCM_WindowCenterWidthExplanation, spec.windowExplanation);
    if (!cr)
        put(ds, DCM_ConversionType, "WSD");
    if (spec.rescale) {
        put(ds, DCM_RescaleSlope, std::to_string(spec.slope));
        put(ds, DCM_RescaleIntercept, std::to_string(spec.intercept));
        put(ds, DCM_RescaleType, "US");
    }
    ds.putAndInsertUint16(DCM_Rows, Uint16(spec.height));
    ds.putAndInsertUint16(DCM_Columns, Uint16(spec.width));
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    put(ds, DCM_PhotometricInterpretation, spec.photometric);
    ds.putAndInsertUint16(DCM_BitsAllocated, Uint16(spec.bitsAllocated));
    ds.putAndInsertUint16(DCM_BitsStored, Uint16(spec.bitsStored));
    ds.putAndInsertUint16(DCM_HighBit, Uint16(spec.bitsStored - 1));
    ds.putAndInsertUint16(DCM_PixelRepresentation, spec.isSigned ? 1 : 0);
    if (spec.frames > 1)
        ds.putAndInsertString(DCM_NumberOfFrames, std::to_string(spec.frames).c_str());
    if (!spec.voiLut.empty()) {
        DcmItem *item = nullptr;
        ds.findOrCreateSequenceItem(DCM_VOILUTSequence, item, -2);
        const Uint16 descriptor[3] = {Uint16(spec.voiLut.size() == 65536 ? 0 : spec.voiLut.size()), Uint16(spec.voiLutFirstMapped), 16};
        item->putAndInsertUint16Array(DCM_LUTDescriptor, descriptor, 3);
        item->putAndInsertUint16Array(DCM_LUTData, spec.voiLut.data(), static_cast<unsigned long>(spec.voiLut.size()));
        item->putAndInsertString(DCM_LUTExplanation, "FIXTURE LUT");
    }
    if (!spec.omitPixelData) {
        const size_t perFrame = size_t(spec.width) * size_t(spec.height);
        if (spec.bitsAllocated == 8) {
            std::vector<Uint8> pixels;
            for (int f = 0; f < spec.frames; ++f)
                for (uint16_t v : expectedStored(spec, f))
                    pixels.push_back(Uint8(v & 0xFF));
            ds.putAndInsertUint8Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
        } else {
            std::vector<Uint16> pixels;
            pixels.reserve(perFrame * size_t(spec.frames));
            const uint16_t mask = uint16_t((1u << spec.bitsStored) - 1u);
            for (int f = 0; f < spec.frames; ++f)
                for (uint16_t v : expectedStored(spec, f))
                    pixels.push_back(Uint16(v & mask)); // the file holds Bits Stored bits only
            ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
        }
    }

    const E_TransferSyntax xfer = dcmtkSyntax(spec.syntax);
    if (DcmXfer(xfer).isEncapsulated()) {
        OFCondition status;
        if (spec.syntax == Syntax::JpegLossless) {
            DJ_RPLossless params(1, 0);
            status = ds.chooseRepresentation(xfer, &params);
        } else if (spec.syntax == Syntax::JpegLsLossless) {
            DJLSRepresentationParameter params(0, OFTrue);
            status = ds.chooseRepresentation(xfer, &params);
        } else if (spec.syntax == Syntax::JpegBaseline || spec.syntax == Syntax::JpegExtended) {
            DJ_RPLossy params(95);
            status = ds.chooseRepresentation(xfer, &params);
        } else {
            status = ds.chooseRepresentation(xfer, nullptr);
        }
        if (status.bad() || !ds.canWriteXfer(xfer))
            return std::string("cannot encode ") + toString(spec.syntax) + ": " + status.text();
    }
    const OFCondition saved = file.saveFile(path.c_str(), xfer);
    if (saved.bad())
        return std::string("cannot save: ") + saved.text();

    if (spec.syntax == Syntax::Jpeg2000Lossless) {
        gdcm::ImageReader reader;
        reader.SetFileName(path.c_str());
        if (!reader.Read())
            return "GDCM cannot read the fixture back";
        gdcm::ImageChangeTransferSyntax change;
        change.SetTransferSyntax(gdcm::TransferSyntax::JPEG2000Lossless);
        change.SetInput(reader.GetImage());
        if (!change.Change())
            return "GDCM cannot encode JPEG 2000";
        gdcm::ImageWriter writer;
        writer.SetFileName(path.c_str());
        writer.SetFile(reader.GetFile());
        writer.SetImage(change.GetOutput());
        if (!writer.Write())
            return "GDCM cannot write JPEG 2000";
    }
    return {};
}

std::string writeTextSr(const std::string &path, const std::string &finding, const std::string &impression,
                        const std::string &patientName, const std::string &patientId)
{
    DcmFileFormat file;
    DcmDataset &ds = *file.getDataset();
    put(ds, DCM_SOPClassUID, UID_BasicTextSRStorage);
    put(ds, DCM_SOPInstanceUID, newUid());
    put(ds, DCM_StudyInstanceUID, newUid());
    put(ds, DCM_SeriesInstanceUID, newUid());
    put(ds, DCM_Modality, "SR");
    put(ds, DCM_PatientName, patientName);
    put(ds, DCM_PatientID, patientId);
    put(ds, DCM_StudyDate, "20240102");
    ds.putAndInsertString(DCM_SeriesNumber, "2");
    ds.putAndInsertString(DCM_InstanceNumber, "1");
    put(ds, DCM_ValueType, "CONTAINER");
    put(ds, DCM_ContinuityOfContent, "SEPARATE");
    put(ds, DCM_CompletionFlag, "COMPLETE");
    put(ds, DCM_VerificationFlag, "UNVERIFIED");
    put(ds, DCM_ContentDate, "20240102");
    put(ds, DCM_ContentTime, "101500");
    DcmItem *title = nullptr;
    ds.findOrCreateSequenceItem(DCM_ConceptNameCodeSequence, title, -2);
    put(*title, DCM_CodeValue, "18748-4");
    put(*title, DCM_CodingSchemeDesignator, "LN");
    put(*title, DCM_CodeMeaning, "Diagnostic Imaging Report");
    const std::pair<const char *, std::string> items[] = {{"Finding", finding}, {"Impression", impression}};
    const char *codes[] = {"121071", "121073"};
    for (int i = 0; i < 2; ++i) {
        DcmItem *item = nullptr;
        ds.findOrCreateSequenceItem(DCM_ContentSequence, item, -2);
        put(*item, DCM_RelationshipType, "CONTAINS");
        put(*item, DCM_ValueType, "TEXT");
        DcmItem *name = nullptr;
        item->findOrCreateSequenceItem(DCM_ConceptNameCodeSequence, name, -2);
        put(*name, DCM_CodeValue, codes[i]);
        put(*name, DCM_CodingSchemeDesignator, "DCM");
        put(*name, DCM_CodeMeaning, items[i].first);
        put(*item, DCM_TextValue, items[i].second);
    }
    const OFCondition saved = file.saveFile(path.c_str(), EXS_LittleEndianExplicit);
    return saved.good() ? std::string() : std::string("cannot save SR: ") + saved.text();
}

std::string writeUnsupportedSyntax(const std::string &path)
{
    DcmFileFormat file;
    DcmDataset &ds = *file.getDataset();
    put(ds, DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
    put(ds, DCM_SOPInstanceUID, newUid());
    put(ds, DCM_StudyInstanceUID, newUid());
    put(ds, DCM_SeriesInstanceUID, newUid());
    put(ds, DCM_Modality, "OT");
    ds.putAndInsertUint16(DCM_Rows, 8);
    ds.putAndInsertUint16(DCM_Columns, 8);
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    put(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
    ds.putAndInsertUint16(DCM_BitsAllocated, 8);
    ds.putAndInsertUint16(DCM_BitsStored, 8);
    ds.putAndInsertUint16(DCM_HighBit, 7);
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
    auto *pixelData = new DcmPixelData(DCM_PixelData);
    auto *sequence = new DcmPixelSequence(DcmTag(DCM_PixelData, EVR_OB));
    sequence->insert(new DcmPixelItem(DcmTag(DCM_Item, EVR_OB))); // empty offset table
    auto *fragment = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
    const Uint8 bytes[16] = {0, 0, 1, 0xB3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    fragment->putUint8Array(bytes, 16);
    sequence->insert(fragment);
    pixelData->putOriginalRepresentation(EXS_MPEG2MainProfileAtMainLevel, nullptr, sequence);
    ds.insert(pixelData);
    const OFCondition saved = file.saveFile(path.c_str(), EXS_MPEG2MainProfileAtMainLevel);
    return saved.good() ? std::string() : std::string("cannot save: ") + saved.text();
}

std::string writeDicomDir(const std::string &root, const std::vector<std::string> &relativeFiles)
{
    DicomDirInterface dicomdir;
    dicomdir.enableInventMode(OFTrue);
    dicomdir.enableInventPatientIDMode(OFTrue);
    const std::string dirPath = root + "/DICOMDIR";
    OFCondition status = dicomdir.createNewDicomDir(DicomDirInterface::AP_GeneralPurpose, dirPath.c_str(), "RADSYNTH");
    if (status.bad())
        return std::string("cannot create DICOMDIR: ") + status.text();
    for (const std::string &file : relativeFiles) {
        status = dicomdir.addDicomFile(file.c_str(), root.c_str());
        if (status.bad())
            return "cannot add " + file + " to DICOMDIR: " + status.text();
    }
    status = dicomdir.writeDicomDir();
    return status.good() ? std::string() : std::string("cannot write DICOMDIR: ") + status.text();
}

} // namespace radsynth::testing
