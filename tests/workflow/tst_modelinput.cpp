// One radiograph through every door to the model: the real chest CR (DICOM), a PNG export of the
// same pixels in 8 and 16 bits, the same image tagged MONOCHROME1 against a PNG of the inverted
// pixels, and a non-square crop (padding) as PNG and in memory. Every door must hand the model the
// same input: the training cache (datasets::prepareCache, also what `evaluate` reads), the one
// preparation (dicom::loadModelInput / imaging::prepareModelInput), the generation service's
// door (GenerationService::loadInput: the GUI's comparison view, `radsynth-cli generate`) and its
// model request (GenerationService::makeRequest: the GUI, `radsynth-cli demo`, the any-to-any
// panel), the model's own input tensor (generation::modelInputTensor) and the out-of-distribution
// check (same scores). Skips when ../shared/data is absent.
#include "radsynth/datasets/Datasets.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/TrainingCache.h"
#include "radsynth/imaging/ModelInput.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/OodCheck.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace radsynth;

namespace {
const QString kChest = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/chest/cr-chest-pa-jpeg-baseline.dcm");
const QString kChestMonochrome1 = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/chest/cr-chest-pa-jpeg-baseline-monochrome1.dcm");
const QString kBundle = QStringLiteral(RADSYNTH_SOURCE_DIR "/models/default");

// The image's stored values as a cv::Mat (8-bit) and the same values scaled to 16 bits.
cv::Mat storedAsMat(const imaging::Image &image)
{
    cv::Mat out(image.height, image.width, CV_8U);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            out.at<uint8_t>(y, x) = uint8_t(image.stored[size_t(y) * size_t(image.width) + size_t(x)]);
    return out;
}

imaging::Image imageFromMat(const cv::Mat &gray8)
{
    imaging::Image image;
    image.width = gray8.cols;
    image.height = gray8.rows;
    image.bitsStored = 8;
    image.stored.assign(gray8.begin<uint8_t>(), gray8.end<uint8_t>());
    return image;
}

bool writePng(const QString &path, const cv::Mat &gray8, bool sixteenBits)
{
    cv::Mat out;
    if (sixteenBits)
        gray8.convertTo(out, CV_16U, 257.0); // 255 -> 65535: the same pixels at full 16-bit range
    else
        out = gray8;
    return cv::imwrite(path.toStdString(), out);
}
} // namespace

class TestModelInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFileGivesTheSameInput_data();
    void everyFileGivesTheSameInput();
    void inMemoryImageGivesTheSameInput();
    void trainingCacheHoldsTheSameInput();
    void serviceRequestAndOodCheckUseTheSameInput();

private:
    QTemporaryDir m_dir;
    int m_resolution = 128;
    std::map<QString, QString> m_files; // name -> path
    cv::Mat m_crop;                     // the non-square crop, 8-bit
};

void TestModelInput::initTestCase()
{
    if (!QFile::exists(kChest) || !QFile::exists(kChestMonochrome1))
        QSKIP("real chest radiograph not found (../shared/data/dicom/chest): the door comparison needs it");
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true); // the generation cache goes to a test location
    auto manifest = generation::readManifest(kBundle.toStdString());
    QVERIFY2(manifest.isOk(), manifest.message().c_str());
    m_resolution = manifest->config.resolution;

    auto decoded = dicom::decodeFrame(kChest.toStdString());
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().toString().c_str());
    QCOMPARE(decoded->bitsStored, 8); // the test's PNG exports hold exactly these values
    QVERIFY(!decoded->monochrome1 && decoded->windows.empty() && !decoded->voiLut);
    const cv::Mat stored = storedAsMat(*decoded);
    cv::Mat inverted = 255 - stored;
    m_crop = stored(cv::Rect(100, 40, 700, 960)).clone(); // 700 x 960: padded to a square

    m_files["dicom"] = kChest;
    m_files["dicom monochrome1"] = kChestMonochrome1;
    for (auto [name, mat] : {std::pair{"full", stored}, std::pair{"inverted", inverted}, std::pair{"crop", m_crop}})
        for (bool sixteen : {false, true}) {
            const QString file = QStringLiteral("%1-%2.png").arg(QLatin1String(name)).arg(sixteen ? 16 : 8);
            const QString path = m_dir.filePath(file);
            QVERIFY2(writePng(path, mat, sixteen), qPrintable(path));
            m_files[QStringLiteral("%1 png%2").arg(QLatin1String(name)).arg(sixteen ? 16 : 8)] = path;
        }
}

void TestModelInput::everyFileGivesTheSameInput_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("other");
    QTest::newRow("DICOM = PNG 8-bit") << "dicom" << "full png8";
    QTest::newRow("DICOM = PNG 16-bit") << "dicom" << "full png16";
    QTest::newRow("DICOM MONOCHROME1 = inverted PNG 8-bit") << "dicom monochrome1" << "inverted png8";
    QTest::newRow("DICOM MONOCHROME1 = inverted PNG 16-bit") << "dicom monochrome1" << "inverted png16";
    QTest::newRow("crop PNG 8-bit = crop PNG 16-bit") << "crop png8" << "crop png16";
}

void TestModelInput::everyFileGivesTheSameInput()
{
    QFETCH(QString, reference);
    QFETCH(QString, other);
    const std::string referencePath = m_files.at(reference).toStdString(), otherPath = m_files.at(other).toStdString();
    auto expected = dicom::loadModelInput(referencePath, m_resolution);
    QVERIFY2(expected.ok(), expected.ok() ? "" : expected.error().toString().c_str());
    QCOMPARE(expected->side, m_resolution);
    QCOMPARE(int(expected->pixels.size()), m_resolution * m_resolution);
    // Not a degenerate image: the normalisation spreads the radiograph over the full range.
    const auto [lo, hi] = std::minmax_element(expected->pixels.begin(), expected->pixels.end());
    QVERIFY(*lo < 1000 && *hi > 64000);

    // The one preparation, from the other file: the same 16-bit pixels.
    auto input = dicom::loadModelInput(otherPath, m_resolution);
    QVERIFY2(input.ok(), input.ok() ? "" : input.error().toString().c_str());
    QCOMPARE(input->sourceWidth, expected->sourceWidth);
    QCOMPARE(input->sourceHeight, expected->sourceHeight);
    QVERIFY2(input->pixels == expected->pixels, qPrintable(reference + QStringLiteral(" and ") + other + QStringLiteral(" differ")));

    // The generation service's door (GUI, generate, the OOD check): the same floats.
    const generation::ImageData expectedImage = generation::imageFromCachePixels(expected->pixels, expected->side);
    for (const std::string &path : {referencePath, otherPath}) {
        int side = 0;
        auto image = workflow::GenerationService::loadInput(QString::fromStdString(path), m_resolution, &side);
        QVERIFY2(image.ok(), image.ok() ? "" : image.error().toString().c_str());
        QCOMPARE(side, expected->sourceSide());
        QCOMPARE(image->width, m_resolution);
        QCOMPARE(image->height, m_resolution);
        QVERIFY(image->pixels == expectedImage.pixels);
        // And the tensor the model's encoders receive is that image, unchanged.
        const generation::ImageData tensor = generation::modelInputTensor(*image, m_resolution);
        QCOMPARE(tensor.width, m_resolution);
        QVERIFY(tensor.pixels == expectedImage.pixels);
    }
}

void TestModelInput::inMemoryImageGivesTheSameInput()
{
    // An image already in memory goes through the same preparation as its file.
    auto fromMemory = imaging::prepareModelInput(imageFromMat(m_crop), m_resolution);
    QVERIFY2(fromMemory.ok(), fromMemory.ok() ? "" : fromMemory.error().toString().c_str());
    auto fromFile = dicom::loadModelInput(m_files.at("crop png16").toStdString(), m_resolution);
    QVERIFY(fromFile.ok());
    QVERIFY(fromMemory->pixels == fromFile->pixels);
    QCOMPARE(fromMemory->sourceSide(), 960);
    // Padded to a square: the outer columns are one constant value (the border's median).
    const int band = m_resolution * (960 - 700) / 2 / 960; // padded columns on each side
    QVERIFY(band >= 10);
    const uint16_t fill = fromFile->pixels[0];
    for (int y = 0; y < m_resolution; ++y)
        for (int x : {0, band - 2, m_resolution - 1, m_resolution - band + 1})
            QCOMPARE(fromFile->pixels[size_t(y) * size_t(m_resolution) + size_t(x)], fill);
}

void TestModelInput::trainingCacheHoldsTheSameInput()
{
    // The training door: a dataset folder (the simulator's manifest layout) listing the DICOM and
    // the PNGs as studies, packed by prepareCache as `radsynth-cli dataset prepare` packs it.
    const QString root = m_dir.filePath(QStringLiteral("dataset"));
    QVERIFY(QDir().mkpath(root));
    QFile manifest(root + QStringLiteral("/manifest.jsonl"));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    const QStringList names{QStringLiteral("dicom"), QStringLiteral("full png8"), QStringLiteral("full png16")};
    for (int i = 0; i < names.size(); ++i)
        manifest.write(QJsonDocument(QJsonObject{{QStringLiteral("study_id"), QStringLiteral("s%1").arg(i)},
                                                 {QStringLiteral("split"), QStringLiteral("train")},
                                                 {QStringLiteral("frontal"), m_files.at(names[i])},
                                                 {QStringLiteral("report"), QStringLiteral("heart size is normal .")}})
                           .toJson(QJsonDocument::Compact) +
                       '\n');
    manifest.close();
    datasets::PrepareOptions options;
    options.root = root.toStdString();
    options.cachePath = m_dir.filePath(QStringLiteral("cache.rsc")).toStdString();
    options.resolution = m_resolution;
    auto written = datasets::prepareCache(options);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
    QCOMPARE(int(*written), 3);
    generation::TrainingCache cache;
    std::string error;
    QVERIFY2(cache.load(options.cachePath, &error), error.c_str());
    auto expected = dicom::loadModelInput(kChest.toStdString(), m_resolution);
    QVERIFY(expected.ok());
    for (const auto &record : cache.records())
        QVERIFY2(record.frontal == expected->pixels, record.id.c_str());
}

void TestModelInput::serviceRequestAndOodCheckUseTheSameInput()
{
    workflow::GenerationService service(kBundle);
    // Loaded first: it sets LibTorch's thread count, and scores are compared to the last digit.
    auto model = service.generator();
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
    auto expected = dicom::loadModelInput(kChest.toStdString(), m_resolution);
    QVERIFY(expected.ok());
    const generation::ImageData expectedImage = generation::imageFromCachePixels(expected->pixels, expected->side);
    workflow::OodCheck *check = service.oodCheck();
    QVERIFY(check->calibrated());
    const workflow::OodResult expectedScore = check->check(expectedImage, QStringLiteral("frontal"));
    QVERIFY2(expectedScore.scored(), qPrintable(expectedScore.message));
    for (const char *name : {"dicom", "full png8", "full png16"}) {
        const QString path = m_files.at(QString::fromLatin1(name));
        // The model request the GUI, demo and the any-to-any panel sample (frontal and lateral doors).
        workflow::GenerationInputs inputs;
        inputs.frontalPath = path;
        inputs.lateralPath = path;
        workflow::GenerationSettings settings;
        settings.task = generation::Task::FL2R;
        settings.eta = 0.25; // the full request, as the any-to-any panel sets it
        settings.beamWidth = 3;
        settings.reportCandidates = 5;
        auto request = service.makeRequest(inputs, settings);
        QVERIFY2(request.ok(), request.ok() ? "" : request.error().toString().c_str());
        QCOMPARE(request->eta, 0.25);
        QCOMPARE(request->beamWidth, 3);
        QCOMPARE(request->reportCandidates, 5);
        QVERIFY2(request->frontal.pixels == expectedImage.pixels, name);
        QVERIFY2(request->lateral.pixels == expectedImage.pixels, name);
        QCOMPARE(request->outputSide, 1024); // synthesized views are upsampled to the radiograph's size
        // The out-of-distribution check of the file: the scores of the prepared image.
        const workflow::OodResult score = check->check(workflow::OodInput{QStringLiteral("frontal"), path});
        QVERIFY2(score.scored(), qPrintable(score.message));
        QCOMPARE(score.reconstruction, expectedScore.reconstruction);
        QCOMPARE(score.distance, expectedScore.distance);
        QCOMPARE(score.ratio, expectedScore.ratio);
    }
}

QTEST_GUILESS_MAIN(TestModelInput)
#include "tst_modelinput.moc"
