// Ground-truth tests of the chest radiograph simulator.
#include "radsynth/simulation/Dataset.h"
#include "radsynth/simulation/DicomWriter.h"
#include "radsynth/simulation/Simulator.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace radsynth::simulation;

namespace {
Findings spec(const char *text)
{
    auto f = parseFindings(text);
    return f.ok() ? f.value() : Findings{};
}

struct Box {
    int x0, y0, x1, y1;
};

// Mean of 12-bit pixels in a box.
double mean(const RenderedView &v, const Box &b)
{
    double s = 0;
    int n = 0;
    for (int y = std::max(0, b.y0); y <= std::min(v.height - 1, b.y1); ++y)
        for (int x = std::max(0, b.x0); x <= std::min(v.width - 1, b.x1); ++x) {
            s += v.pixels[size_t(y) * v.width + x];
            ++n;
        }
    return n ? s / n : 0.0;
}

// Lowest rows of the lung mask in [xLo, xHi]; the costophrenic region is the outer part of them.
Box costophrenicBox(const RenderedView &v, int xLo, int xHi, bool outerIsHighX)
{
    int bottom = -1, top = v.height;
    for (int y = 0; y < v.height; ++y)
        for (int x = xLo; x <= xHi; ++x)
            if (v.lungMask[size_t(y) * v.width + x]) {
                bottom = std::max(bottom, y);
                top = std::min(top, y);
            }
    const int h = bottom - top;
    const int y0 = bottom - h / 6;
    int lo = v.width, hi = -1;
    for (int y = y0; y <= bottom; ++y)
        for (int x = xLo; x <= xHi; ++x)
            if (v.lungMask[size_t(y) * v.width + x]) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    const int w = hi - lo;
    return outerIsHighX ? Box{hi - w / 3, y0, hi, bottom} : Box{lo, y0, lo + w / 3, bottom};
}

// Rows covered by the heart mask.
std::pair<int, int> heartRows(const RenderedView &v)
{
    int top = v.height, bottom = -1;
    for (int y = 0; y < v.height; ++y)
        for (int x = 0; x < v.width; ++x)
            if (v.heartMask[size_t(y) * v.width + x]) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
    return {top, bottom};
}

std::vector<float> unitImage(const RenderedView &v)
{
    std::vector<float> out(v.pixels.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = v.pixels[i] / 4095.0f;
    return out;
}
} // namespace

class TestSimulation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cardiothoracicRatio_data();
    void cardiothoracicRatio();
    void effusionBrightensCostophrenicAngles();
    void heartExtentAgreesBetweenViews();
    void sameSeedSameImages();
    void findingsSpecRoundTrip();
    void fromReportsCarriesFindings();
    void appendWithPrefix();
    void dicomHeader();
    void realismRatios();
};

void TestSimulation::cardiothoracicRatio_data()
{
    QTest::addColumn<qulonglong>("seed");
    for (qulonglong s : {3ull, 17ull, 29ull, 41ull, 57ull})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(s))) << s;
}

void TestSimulation::cardiothoracicRatio()
{
    QFETCH(qulonglong, seed);
    const SimulatedCase normal = simulateCase(seed, {}, {256, false});
    const SimulatedCase enlarged = simulateCase(seed, spec("cardiomegaly:moderate"), {256, false});
    const double normalRatio = radsynth::simulation::cardiothoracicRatio(normal.frontal);
    const double enlargedRatio = radsynth::simulation::cardiothoracicRatio(enlarged.frontal);
    qInfo("seed %llu: CTR normal %.3f, cardiomegaly %.3f", seed, normalRatio, enlargedRatio);
    QVERIFY(normalRatio > 0.3);
    QVERIFY2(normalRatio < 0.5, qPrintable(QString::number(normalRatio)));
    QVERIFY2(enlargedRatio > 0.5, qPrintable(QString::number(enlargedRatio)));
}

void TestSimulation::effusionBrightensCostophrenicAngles()
{
    for (uint64_t seed : {5ull, 23ull}) {
        const SimulatedCase normal = simulateCase(seed, {}, {256, true});
        const SimulatedCase effusion = simulateCase(seed, spec("pleural_effusion:left:moderate"), {256, true});
        // Frontal: the patient's left is on the image right; the angle is the outer lower corner.
        const int w = normal.frontal.width;
        const Box f = costophrenicBox(normal.frontal, w / 2, w - 1, true);
        const double before = mean(normal.frontal, f), after = mean(effusion.frontal, f);
        // Lateral: anterior on the image left; the posterior angle is the lower right part of the lungs.
        const Box l = costophrenicBox(normal.lateral, 0, normal.lateral.width - 1, true);
        const double lateralBefore = mean(normal.lateral, l), lateralAfter = mean(effusion.lateral, l);
        qInfo("seed %llu: frontal CP angle %.0f -> %.0f, lateral posterior angle %.0f -> %.0f", (unsigned long long)seed,
              before, after, lateralBefore, lateralAfter);
        QVERIFY(after > before + 150);
        // Same seed, same noise: the difference is the fluid alone (one of two overlapping lungs on the
        // lateral, under the thick posterior chest wall, high on the display curve): the rise is small
        // (28..54 of 4095 for these seeds) but without fluid it is exactly 0.
        QVERIFY(lateralAfter > lateralBefore + 20);
        // The other (right) angle on the frontal is unchanged within noise.
        const Box r = costophrenicBox(normal.frontal, 0, w / 2, false);
        QVERIFY(std::abs(mean(effusion.frontal, r) - mean(normal.frontal, r)) < 80);
    }
}

void TestSimulation::heartExtentAgreesBetweenViews()
{
    for (uint64_t seed : {7ull, 31ull}) {
        for (const char *s : {"no_finding", "cardiomegaly:large"}) {
            const SimulatedCase c = simulateCase(seed, spec(s), {256, true});
            const auto [ft, fb] = heartRows(c.frontal);
            const auto [lt, lb] = heartRows(c.lateral);
            QVERIFY(fb > ft && lb > lt);
            const double mm = c.frontal.pixelSpacingMm;
            qInfo("seed %llu %s: heart rows frontal %d-%d, lateral %d-%d", (unsigned long long)seed, s, ft, fb, lt, lb);
            QVERIFY2(std::abs(ft - lt) * mm < 20.0, "heart top differs between the views");
            QVERIFY2(std::abs(fb - lb) * mm < 20.0, "heart bottom differs between the views");
            // The heart height on the image matches the phantom (magnified by about 5-15%).
            const double phantomHeightMm = (c.landmarks.heartTopZ - c.landmarks.heartBottomZ) * 10.0;
            const double imageHeightMm = (fb - ft + 1) * mm;
            QVERIFY(imageHeightMm > phantomHeightMm * 0.95 && imageHeightMm < phantomHeightMm * 1.25);
        }
    }
}

void TestSimulation::sameSeedSameImages()
{
    const Findings f = spec("pneumothorax:right:moderate;support_devices:pacemaker");
    const SimulatedCase a = simulateCase(99, f, {128, true});
    const SimulatedCase b = simulateCase(99, f, {128, true});
    const SimulatedCase c = simulateCase(100, f, {128, true});
    QVERIFY(a.frontal.pixels == b.frontal.pixels);
    QVERIFY(a.lateral.pixels == b.lateral.pixels);
    QVERIFY(a.frontal.pixels != c.frontal.pixels);
    // Random findings are drawn from the seed too.
    QCOMPARE(randomFindings(12345).toSpec(), randomFindings(12345).toSpec());
}

void TestSimulation::findingsSpecRoundTrip()
{
    const Findings f = spec("cardiomegaly;pleural_effusion:left:moderate;support_devices:pacemaker;lung_lesion:right:upper:mass");
    QCOMPARE(f.items.size(), size_t(4));
    QCOMPARE(f.toSpec(), std::string("cardiomegaly;pleural_effusion:left:moderate;support_devices:pacemaker;lung_lesion:right:upper:mass"));
    QCOMPARE(int(f.labels()[size_t(Observation::PleuralEffusion)]), 1);
    QCOMPARE(int(f.labels()[size_t(Observation::NoFinding)]), 0);
    QVERIFY(!parseFindings("cardiomegally").ok());
    QVERIFY(!parseFindings("pleural_effusion:sideways").ok());
}

void TestSimulation::fromReportsCarriesFindings()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QDir(temp.path()).mkpath(QStringLiteral("ecgen-radiology"));
    QFile xml(temp.filePath(QStringLiteral("ecgen-radiology/1.xml")));
    QVERIFY(xml.open(QIODevice::WriteOnly));
    xml.write("<?xml version=\"1.0\" encoding=\"utf-8\"?><eCitation><MedlineCitation><Article><Abstract>"
              "<AbstractText Label=\"FINDINGS\">The heart is mildly enlarged. Small right pleural effusion.</AbstractText>"
              "<AbstractText Label=\"IMPRESSION\">Cardiomegaly with small right effusion.</AbstractText>"
              "</Abstract></Article></MedlineCitation><MeSH><major>Cardiomegaly/mild</major>"
              "<major>Pleural Effusion/right/small</major><automatic>Pacemaker, Artificial</automatic></MeSH></eCitation>");
    xml.close();
    QProcess tar;
    tar.setWorkingDirectory(temp.path());
    tar.start(QStringLiteral("tar"), {QStringLiteral("-czf"), QStringLiteral("reports.tgz"), QStringLiteral("ecgen-radiology")});
    QVERIFY(tar.waitForFinished() && tar.exitCode() == 0);
    auto reports = readIuReportArchive(temp.filePath(QStringLiteral("reports.tgz")).toStdString());
    QVERIFY2(reports.ok(), reports.ok() ? "" : reports.error().toString().c_str());
    QCOMPARE(reports.value().size(), size_t(1));
    const IuReport &r = reports.value()[0];
    const Findings f = findingsFromMesh(r.meshTerms);
    QCOMPARE(f.toSpec(), std::string("cardiomegaly:small;pleural_effusion:right:small;support_devices:pacemaker"));

    DatasetOptions options;
    options.outDir = temp.filePath(QStringLiteral("out")).toStdString();
    options.size = 128;
    options.dicom = true;
    std::vector<CaseRequest> requests{{7, f, r.text(), r.id}};
    auto written = writeDataset(options, requests);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
    std::ifstream manifest(options.outDir + "/manifest.jsonl");
    std::string line;
    QVERIFY(std::getline(manifest, line));
    QVERIFY(line.find("Small right pleural effusion.") != std::string::npos);
    QVERIFY(line.find("\"observation\":\"pleural_effusion\",\"side\":\"right\",\"severity\":\"small\"") != std::string::npos);
    QVERIFY(line.find("\"cardiomegaly\":1") != std::string::npos);
    QVERIFY(line.find("\"source_report\":\"1\"") != std::string::npos);
    // The rendered case carries the findings: its CTR is above 0.5 and its images exist.
    const cv::Mat png = cv::imread(options.outDir + "/png/SIM000001_frontal.png", cv::IMREAD_UNCHANGED);
    QCOMPARE(png.depth(), CV_16U);
    QCOMPARE(png.cols, 128);
    QVERIFY(QFile::exists(QString::fromStdString(options.outDir + "/dicom/SIM000001/lateral.dcm")));
    const SimulatedCase c = simulateCase(7, f, {256, false});
    QVERIFY(radsynth::simulation::cardiothoracicRatio(c.frontal) > 0.5);
}

// Two runs into one dataset folder (the default model's data: IU cases + random cases): the
// second appends to the manifest, and the id prefixes keep study ids and file names apart.
void TestSimulation::appendWithPrefix()
{
    QTemporaryDir temp;
    DatasetOptions options;
    options.outDir = temp.filePath(QStringLiteral("ds")).toStdString();
    options.size = 64;
    options.dicom = false;
    options.idPrefix = "IU";
    options.count = 2;
    QVERIFY(writeDataset(options, plannedCases(options)).ok());
    options.idPrefix = "RND";
    options.append = true;
    options.seed = 2;
    options.count = 1;
    QVERIFY(writeDataset(options, plannedCases(options)).ok());
    std::ifstream manifest(options.outDir + "/manifest.jsonl");
    std::vector<std::string> ids;
    for (std::string line; std::getline(manifest, line);)
        ids.push_back(line.substr(0, line.find("\",\"split\"")));
    QCOMPARE(ids.size(), size_t(3));
    QCOMPARE(ids[0], std::string("{\"study_id\":\"IU000001"));
    QCOMPARE(ids[1], std::string("{\"study_id\":\"IU000002"));
    QCOMPARE(ids[2], std::string("{\"study_id\":\"RND000001"));
    QVERIFY(QFile::exists(QString::fromStdString(options.outDir + "/png/RND000001_lateral.png")));
    QVERIFY(QFile::exists(QString::fromStdString(options.outDir + "/png/IU000002_frontal.png")));
}

void TestSimulation::dicomHeader()
{
    QTemporaryDir temp;
    const SimulatedCase c = simulateCase(11, spec("support_devices:sternotomy"), {128, true});
    SimulatedStudy study;
    study.patientName = "SIMULATED^CASE0001";
    study.patientId = "SIM-000001";
    study.patientSex = "M";
    assignUids(study);
    const std::string path = temp.filePath(QStringLiteral("lateral.dcm")).toStdString();
    QVERIFY(writeDicomImage(path, c.lateral, study, "test", 120).ok());
    DcmFileFormat file;
    QVERIFY(file.loadFile(path.c_str()).good());
    DcmDataset *d = file.getDataset();
    OFString value;
    d->findAndGetOFString(DCM_Modality, value);
    QCOMPARE(QString(value.c_str()), QStringLiteral("CR"));
    d->findAndGetOFString(DCM_ViewPosition, value);
    QCOMPARE(QString(value.c_str()), QStringLiteral("LL"));
    d->findAndGetOFString(DCM_PatientName, value);
    QCOMPARE(QString(value.c_str()), QStringLiteral("SIMULATED^CASE0001"));
    d->findAndGetOFString(DCM_BurnedInAnnotation, value);
    QCOMPARE(QString(value.c_str()), QStringLiteral("NO"));
    d->findAndGetOFString(DCM_SeriesDescription, value);
    QVERIFY(QString(value.c_str()).contains(QLatin1String("SIMULATED")));
    d->findAndGetOFString(DCM_StudyInstanceUID, value);
    QCOMPARE(std::string(value.c_str()), study.studyInstanceUid);
    Float64 spacing = 0;
    d->findAndGetFloat64(DCM_ImagerPixelSpacing, spacing, 0);
    QVERIFY(std::abs(spacing - c.lateral.pixelSpacingMm) < 1e-3);
    const Uint16 *pixels = nullptr;
    QVERIFY(d->findAndGetUint16Array(DCM_PixelData, pixels).good());
    QCOMPARE(pixels[500], c.lateral.pixels[500]);
}

void TestSimulation::realismRatios()
{
    const std::string dir = std::string(RADSYNTH_SHARED_DATA_DIR) + "/real-cxr/openist-normal-pa";
    if (!std::filesystem::exists(dir))
        QSKIP("real normal frontals not available (../shared/data/real-cxr/openist-normal-pa)");
    std::vector<double> realMed, realSoft;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        const std::string path = entry.path().string();
        if (entry.path().extension() != ".jpg")
            continue;
        const std::string maskPath = path.substr(0, path.size() - 4) + "@.png";
        cv::Mat image = cv::imread(path, cv::IMREAD_GRAYSCALE), mask = cv::imread(maskPath, cv::IMREAD_GRAYSCALE);
        if (image.empty() || mask.empty() || image.size() != mask.size())
            continue;
        std::vector<float> values(image.total());
        std::vector<uint8_t> lung(image.total());
        for (size_t i = 0; i < values.size(); ++i) {
            values[i] = image.data[i] / 255.0f;
            lung[i] = mask.data[i] > 127 ? 255 : 0;
        }
        const RegionRatios r = measureRegionRatios(values, lung, image.cols, image.rows);
        if (r.valid) {
            realMed.push_back(r.lungToMediastinum);
            realSoft.push_back(r.lungToSoftTissue);
        }
    }
    QVERIFY2(realMed.size() > 200, "fewer than 200 real images could be measured");
    std::sort(realMed.begin(), realMed.end());
    std::sort(realSoft.begin(), realSoft.end());
    auto pct = [](const std::vector<double> &v, double q) { return v[size_t(q * (v.size() - 1))]; };
    qInfo("real (%zu): lung/mediastinum %.3f..%.3f (median %.3f), lung/soft tissue %.3f..%.3f (median %.3f)", realMed.size(),
          realMed.front(), realMed.back(), pct(realMed, 0.5), realSoft.front(), realSoft.back(), pct(realSoft, 0.5));
    qInfo("real percentiles 5/25/75/95: lung/mediastinum %.3f %.3f %.3f %.3f, lung/soft tissue %.3f %.3f %.3f %.3f",
          pct(realMed, 0.05), pct(realMed, 0.25), pct(realMed, 0.75), pct(realMed, 0.95), pct(realSoft, 0.05),
          pct(realSoft, 0.25), pct(realSoft, 0.75), pct(realSoft, 0.95));
    double sumMed = 0, sumSoft = 0;
    const int cases = 16;
    for (int i = 0; i < cases; ++i) {
        const SimulatedCase c = simulateCase(uint64_t(200 + i), {}, {256, false});
        const RegionRatios r = measureRegionRatios(unitImage(c.frontal), c.frontal.lungMask, c.frontal.width, c.frontal.height);
        QVERIFY(r.valid);
        qInfo("simulated normal %d (%s, fat %.2f): lung/mediastinum %.3f, lung/soft tissue %.3f", i, c.patient.female ? "F" : "M",
              c.patient.fat, r.lungToMediastinum, r.lungToSoftTissue);
        // Every simulated normal falls inside the range of the real normals, for both ratios.
        QVERIFY2(r.lungToMediastinum >= realMed.front() && r.lungToMediastinum <= realMed.back(),
                 qPrintable(QStringLiteral("case %1: lung/mediastinum %2").arg(i).arg(r.lungToMediastinum)));
        QVERIFY2(r.lungToSoftTissue >= realSoft.front() && r.lungToSoftTissue <= realSoft.back(),
                 qPrintable(QStringLiteral("case %1: lung/soft tissue %2").arg(i).arg(r.lungToSoftTissue)));
        sumMed += r.lungToMediastinum;
        sumSoft += r.lungToSoftTissue;
    }
    // The typical simulated normal sits within the central 90% of the real ones, for both ratios.
    qInfo("simulated mean: lung/mediastinum %.3f, lung/soft tissue %.3f", sumMed / cases, sumSoft / cases);
    QVERIFY(sumMed / cases >= pct(realMed, 0.05) && sumMed / cases <= pct(realMed, 0.95));
    QVERIFY(sumSoft / cases >= pct(realSoft, 0.05) && sumSoft / cases <= pct(realSoft, 0.95));
}

QTEST_GUILESS_MAIN(TestSimulation)
#include "TestSimulation.moc"
