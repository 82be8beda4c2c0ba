// The training data's image preparation (dicom::loadModelInput, the one preparation of model
// inputs): PNG 8/16-bit, JPEG, DICOM (MONOCHROME1 inverted), percentile normalisation, padding to
// square with the border value, area resize, errors naming the file.
#include "DatasetFixtures.h"

#include "radsynth/datasets/Datasets.h"
#include "radsynth/dicom/Loader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QTemporaryDir>
#include <QTest>

using namespace radsynth;

namespace {
// The R*R 16-bit pixels a training cache stores for the file.
Result<std::vector<uint16_t>> prepared(const std::string &path, int resolution)
{
    auto input = dicom::loadModelInput(path, resolution);
    if (!input)
        return input.error();
    return std::move(input->pixels);
}

// A 2-row x 4-column grid of the values: the mean of a block of the output.
double blockMean(const std::vector<uint16_t> &image, int resolution, int x0, int y0, int x1, int y1)
{
    double sum = 0;
    int count = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x, ++count)
            sum += image[size_t(y) * size_t(resolution) + size_t(x)];
    return sum / std::max(1, count) / 65535.0;
}

// A small uncompressed 16-bit DICOM image written with DCMTK's API (left half dark, right half bright
// in stored values).
bool writeDicom(const QString &path, const char *photometric, int width, int height)
{
    DcmFileFormat file;
    DcmDataset *data = file.getDataset();
    char uid[100];
    data->putAndInsertString(DCM_SOPClassUID, UID_ComputedRadiographyImageStorage);
    data->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    data->putAndInsertString(DCM_StudyInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT));
    data->putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT));
    data->putAndInsertString(DCM_Modality, "CR");
    data->putAndInsertString(DCM_PatientName, "Test^Phantom");
    data->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    data->putAndInsertString(DCM_PhotometricInterpretation, photometric);
    data->putAndInsertUint16(DCM_Rows, Uint16(height));
    data->putAndInsertUint16(DCM_Columns, Uint16(width));
    data->putAndInsertUint16(DCM_BitsAllocated, 16);
    data->putAndInsertUint16(DCM_BitsStored, 12);
    data->putAndInsertUint16(DCM_HighBit, 11);
    data->putAndInsertUint16(DCM_PixelRepresentation, 0);
    std::vector<Uint16> pixels(size_t(width) * size_t(height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            pixels[size_t(y) * size_t(width) + size_t(x)] = x < width / 2 ? 400 : 3600;
    data->putAndInsertUint16Array(DCM_PixelData, pixels.data(), unsigned(pixels.size()));
    return file.saveFile(path.toStdString().c_str(), EXS_LittleEndianExplicit).good();
}
} // namespace

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paddingToSquare_data();
    void paddingToSquare();
    void formats_data();
    void formats();
    void monochrome1Inverted();
    void errorsNameTheFile();

private:
    QTemporaryDir m_dir;
};

void TestPreprocess::paddingToSquare_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("landscape 200x100") << 200 << 100;
    QTest::newRow("portrait 90x180") << 90 << 180;
}

void TestPreprocess::paddingToSquare()
{
    QFETCH(int, width);
    QFETCH(int, height);
    // A grey border (value 100) around a bright centre (220): the padding must take the border
    // value, so the whole band outside the original image is grey, not black.
    cv::Mat image(height, width, CV_8U, cv::Scalar(100));
    cv::rectangle(image, cv::Rect(width / 4, height / 4, width / 2, height / 2), cv::Scalar(220), -1);
    image.at<uint8_t>(0, 0) = 0;   // one dark and one bright outlier: the percentiles ignore them
    image.at<uint8_t>(1, 1) = 255;
    const QString path = m_dir.path() + QString("/pad-%1x%2.png").arg(width).arg(height);
    QVERIFY(fixtures::writeImage(path, image));
    const int r = 64;
    auto out = prepared(path.toStdString(), r);
    QVERIFY2(out, out ? "" : out.error().toString().c_str());
    QCOMPARE(out->size(), size_t(r * r));
    // Normalised: border 100 -> 0, centre 220 -> 1 (robust percentiles).
    QVERIFY(blockMean(*out, r, 28, 28, 36, 36) > 0.95);
    // The padded band (a quarter of the side on each side of the short axis) has the border value.
    if (width > height) {
        QVERIFY(blockMean(*out, r, 0, 0, r, 12) < 0.05);
        QVERIFY(blockMean(*out, r, 0, r - 12, r, r) < 0.05);
        // The bright centre is half the original height, a quarter of the square: rows 24..40.
        QVERIFY(blockMean(*out, r, 28, 20, 36, 23) < 0.05);
        QVERIFY(blockMean(*out, r, 28, 25, 36, 39) > 0.95);
    } else {
        QVERIFY(blockMean(*out, r, 0, 0, 12, r) < 0.05);
        QVERIFY(blockMean(*out, r, r - 12, 0, r, r) < 0.05);
        QVERIFY(blockMean(*out, r, 20, 28, 23, 36) < 0.05);
        QVERIFY(blockMean(*out, r, 25, 28, 39, 36) > 0.95);
    }
}

void TestPreprocess::formats_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("depth");
    QTest::newRow("png 8-bit") << "f8.png" << int(CV_8U);
    QTest::newRow("png 16-bit") << "f16.png" << int(CV_16U);
    QTest::newRow("jpeg") << "f.jpg" << int(CV_8U);
}

void TestPreprocess::formats()
{
    QFETCH(QString, name);
    QFETCH(int, depth);
    const QString path = m_dir.path() + "/" + name;
    QVERIFY(fixtures::writeImage(path, fixtures::frontalImage(80, 80, depth)));
    auto out = prepared(path.toStdString(), 32);
    QVERIFY2(out, out ? "" : out.error().toString().c_str());
    QCOMPARE(out->size(), size_t(32 * 32));
    // Full range used, lungs darker than the mediastinum.
    const auto [lo, hi] = std::minmax_element(out->begin(), out->end());
    QVERIFY(*lo < 2000 && *hi > 63000);
    QVERIFY(blockMean(*out, 32, 8, 12, 11, 16) < blockMean(*out, 32, 15, 12, 17, 16) - 0.3);
}

void TestPreprocess::monochrome1Inverted()
{
    const QString mono2 = m_dir.path() + "/mono2.dcm", mono1 = m_dir.path() + "/mono1.dcm";
    QVERIFY(writeDicom(mono2, "MONOCHROME2", 40, 40));
    QVERIFY(writeDicom(mono1, "MONOCHROME1", 40, 40));
    auto a = prepared(mono2.toStdString(), 16);
    auto b = prepared(mono1.toStdString(), 16);
    QVERIFY2(a, a ? "" : a.error().toString().c_str());
    QVERIFY2(b, b ? "" : b.error().toString().c_str());
    // MONOCHROME2: high stored values (right half) are bright; MONOCHROME1: they are dark.
    QVERIFY(blockMean(*a, 16, 0, 0, 8, 16) < 0.05 && blockMean(*a, 16, 8, 0, 16, 16) > 0.95);
    QVERIFY(blockMean(*b, 16, 0, 0, 8, 16) > 0.95 && blockMean(*b, 16, 8, 0, 16, 16) < 0.05);
}

void TestPreprocess::errorsNameTheFile()
{
    const QString missing = m_dir.path() + "/missing.png";
    auto a = prepared(missing.toStdString(), 32);
    QVERIFY(!a);
    QVERIFY(a.error().toString().find("missing.png") != std::string::npos);
    QVERIFY(a.error().toString().find("not found") != std::string::npos);
    const QString corrupt = m_dir.path() + "/corrupt.png";
    QVERIFY(fixtures::writeText(corrupt, QByteArray("\x89PNG\r\n\x1a\nthis is not a png", 24)));
    auto b = prepared(corrupt.toStdString(), 32);
    QVERIFY(!b);
    QVERIFY(b.error().toString().find("corrupt.png") != std::string::npos);
    const QString brokenDicom = m_dir.path() + "/broken.dcm";
    QVERIFY(fixtures::writeText(brokenDicom, QByteArray(200, 'x')));
    auto c = prepared(brokenDicom.toStdString(), 32);
    QVERIFY(!c);
    QVERIFY(c.error().toString().find("broken.dcm") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestPreprocess)
#include "tst_preprocess.moc"
