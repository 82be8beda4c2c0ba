// The CT engine: NIfTI reading and its refusals, preparation checked against real organ masks,
// determinism, agreement of the two views, and findings that change the image where they should.
// Tests that need the real CTs (../shared/data/ct) skip with a message when they are absent.
#include "radsynth/simulation/CtEngine.h"
#include "radsynth/simulation/Dataset.h"

#include <zlib.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace radsynth::simulation;

namespace {

const std::string kCtDir = std::string(RADSYNTH_SHARED_DATA_DIR) + "/ct";

// Writes a gzipped NIfTI-1 volume with a diagonal sform (x spacing negative: i to the patient's
// left, as the shared CTs are stored). `cut` drops that many bytes from the end.
void writeNifti(const std::string &path, int nx, int ny, int nz, int16_t datatype, const std::vector<char> &data,
                float xSign = -1.0f, size_t cut = 0, int16_t dim4 = 1)
{
    unsigned char h[352] = {};
    auto put32 = [&](size_t o, int32_t v) { std::memcpy(h + o, &v, 4); };
    auto put16 = [&](size_t o, int16_t v) { std::memcpy(h + o, &v, 2); };
    auto putF = [&](size_t o, float v) { std::memcpy(h + o, &v, 4); };
    put32(0, 348);
    put16(40, dim4 > 1 ? 4 : 3);
    put16(42, int16_t(nx));
    put16(44, int16_t(ny));
    put16(46, int16_t(nz));
    put16(48, dim4);
    put16(70, datatype);
    put16(72, int16_t(datatype == 2 ? 8 : 16));
    for (int d = 1; d <= 3; ++d)
        putF(76 + 4 * size_t(d), 2.0f);
    putF(108, 352.0f);
    putF(112, 1.0f);
    put16(254, 2); // sform
    putF(280, xSign * 2.0f);
    putF(280 + 16 + 4, -2.0f);
    putF(280 + 32 + 8, 2.0f);
    std::memcpy(h + 344, "n+1\0", 4);
    std::vector<char> all(reinterpret_cast<char *>(h), reinterpret_cast<char *>(h) + 352);
    all.insert(all.end(), data.begin(), data.end());
    all.resize(all.size() - std::min(cut, all.size()));
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, all.data(), unsigned(all.size()));
    gzclose(f);
}

// A small CT-like volume: air around a soft-tissue cylinder, optionally with two air "lungs".
std::vector<char> syntheticChest(int nx, int ny, int nz, bool lungs)
{
    std::vector<int16_t> hu(size_t(nx) * ny * nz, -1000);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const double x = (i - nx / 2.0) / (nx * 0.42), y = (j - ny / 2.0) / (ny * 0.4);
                int16_t v = -1000;
                if (x * x + y * y < 1.0)
                    v = 40;
                if (std::fabs(i - nx / 2.0) < 2 && j > ny * 0.7 && j < ny * 0.8)
                    v = 700; // spine
                if (lungs && k > 4 && k < nz - 4)
                    for (int side : {-1, 1}) {
                        const double lx = (i - nx / 2.0 - side * nx * 0.2) / (nx * 0.15), ly = (j - ny / 2.0) / (ny * 0.28);
                        if (lx * lx + ly * ly < 1.0)
                            v = -850;
                    }
                hu[(size_t(k) * ny + j) * nx + i] = v;
            }
    std::vector<char> bytes(hu.size() * 2);
    std::memcpy(bytes.data(), hu.data(), bytes.size());
    return bytes;
}

struct Region { int x0, y0, x1, y1; };

// Pixels that a finding changed: |finding - normal| above `threshold` (12-bit) after a 3x3 mean;
// returns how many, and how many of them fall inside `region`.
std::pair<int, int> changedPixels(const RenderedView &normal, const RenderedView &finding, const Region &region, int threshold = 160)
{
    const int W = normal.width, H = normal.height;
    int changed = 0, inside = 0;
    for (int y = 1; y < H - 1; ++y)
        for (int x = 1; x < W - 1; ++x) {
            double d = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const size_t p = size_t(y + dy) * W + size_t(x + dx);
                    d += double(finding.pixels[p]) - double(normal.pixels[p]);
                }
            if (std::fabs(d / 9.0) > threshold) {
                ++changed;
                inside += x >= region.x0 && x <= region.x1 && y >= region.y0 && y <= region.y1;
            }
        }
    return {changed, inside};
}

// First and last rows where a mask is set.
std::pair<int, int> rowsOf(const std::vector<uint8_t> &mask, int W, int H)
{
    int top = H, bottom = -1;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            if (mask[size_t(y) * W + x]) { top = std::min(top, y); bottom = std::max(bottom, y); }
    return {top, bottom};
}

Findings spec(const char *text)
{
    auto f = parseFindings(text);
    return f.ok() ? f.value() : Findings{};
}

} // namespace

class TestCtEngine : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<CtLibrary> m_library; // LIDC-IDRI-0001 (train) and LIDC-IDRI-0002 (test)

    std::string file(const char *name) const { return (m_dir.path() + QLatin1Char('/') + QLatin1String(name)).toStdString(); }

    bool haveCts() const { return std::filesystem::exists(kCtDir + "/LIDC-IDRI-0001.nii.gz"); }

    const CtLibrary &library()
    {
        if (!m_library) {
            m_library = std::make_shared<CtLibrary>();
            for (const char *name : {"LIDC-IDRI-0001", "LIDC-IDRI-0002"}) {
                auto ct = loadPreparedCt(kCtDir + "/" + name + ".nii.gz", file("cache"));
                if (!ct)
                    qFatal("%s", ct.error().toString().c_str());
                m_library->volumes.push_back(ct.value());
                m_library->split.push_back(CtLibrary::defaultSplit(name));
            }
        }
        return *m_library;
    }

private Q_SLOTS:
    void niftiReaderReadsAndRefuses()
    {
        const int nx = 48, ny = 40, nz = 24;
        const std::vector<char> chest = syntheticChest(nx, ny, nz, true);
        writeNifti(file("chest.nii.gz"), nx, ny, nz, 4, chest);
        auto ct = readNiftiCt(file("chest.nii.gz"));
        QVERIFY2(ct.ok(), ct.ok() ? "" : ct.error().toString().c_str());
        QCOMPARE(ct->nx, nx);
        QCOMPARE(ct->name, std::string("chest"));
        int16_t first;
        std::memcpy(&first, chest.data() + 2 * ((size_t(10) * ny + 20) * nx + 5), 2);
        QCOMPARE(ct->hu[ct->index(5, 20, 10)], first);

        // The same voxels stored with i to the patient's right come back mirrored to LPS.
        writeNifti(file("mirrored.nii.gz"), nx, ny, nz, 4, chest, +1.0f);
        auto mirrored = readNiftiCt(file("mirrored.nii.gz"));
        QVERIFY(mirrored.ok());
        QCOMPARE(mirrored->hu[mirrored->index(nx - 1 - 5, 20, 10)], first);

        // Refusals, each with one message naming the file.
        writeNifti(file("truncated.nii.gz"), nx, ny, nz, 4, chest, -1.0f, 5000);
        auto truncated = readNiftiCt(file("truncated.nii.gz"));
        QVERIFY(!truncated.ok());
        QVERIFY2(truncated.error().message.find("truncated") != std::string::npos, truncated.error().toString().c_str());
        QVERIFY(truncated.error().toString().find("truncated.nii.gz") != std::string::npos);

        std::vector<char> labels(size_t(nx) * ny * nz);
        for (size_t p = 0; p < labels.size(); ++p)
            labels[p] = char(p % 5);
        writeNifti(file("labels.nii.gz"), nx, ny, nz, 2, labels);
        auto notCt = readNiftiCt(file("labels.nii.gz"));
        QVERIFY(!notCt.ok());
        QVERIFY2(notCt.error().message.find("not a CT in Hounsfield units") != std::string::npos, notCt.error().toString().c_str());
        QVERIFY(readNiftiVolume(file("labels.nii.gz")).ok()); // a label map is still a readable volume

        std::ofstream(file("text.nii")) << "this is not a volume\n";
        auto text = readNiftiCt(file("text.nii"));
        QVERIFY(!text.ok());
        QVERIFY2(text.error().message.find("NIfTI") != std::string::npos, text.error().toString().c_str());

        writeNifti(file("series.nii.gz"), nx, ny, nz, 4, chest, -1.0f, 0, 3);
        auto series = readNiftiCt(file("series.nii.gz"));
        QVERIFY(!series.ok());
        QVERIFY2(series.error().message.find("4D") != std::string::npos, series.error().toString().c_str());
    }

    void aVolumeWithoutLungsIsRefusedByName()
    {
        const int nx = 160, ny = 120, nz = 60; // a 32 x 24 x 12 cm body, all soft tissue
        writeNifti(file("no-lungs.nii.gz"), nx, ny, nz, 4, syntheticChest(nx, ny, nz, false));
        auto ct = readNiftiCt(file("no-lungs.nii.gz"));
        QVERIFY(ct.ok());
        auto prepared = prepareCt(ct.value());
        QVERIFY(!prepared.ok());
        QVERIFY2(prepared.error().message.find("no lungs") != std::string::npos, prepared.error().toString().c_str());
        QCOMPARE(prepared.error().context, std::string("no-lungs"));
    }

    void preparationMatchesTheRealOrganMasks()
    {
        if (!haveCts())
            QSKIP("../shared/data/ct is absent: the real CT volumes are needed");
        const PreparedCt &ct = *library().volumes[0];
        auto organs = readNiftiVolume(kCtDir + "/LIDC-IDRI-0001_organs.nii.gz");
        QVERIFY2(organs.ok(), organs.ok() ? "" : organs.error().toString().c_str());
        QCOMPARE(organs->nx, ct.volume.nx);
        const int offset = int(std::lround(ct.landmarks.fieldBottomMm / 2.0));
        // Dice of each lung (organ labels: left 10-11, right 12-14) and the share of the heart (51)
        // inside the engine's heart label.
        double both[2] = {0, 0}, mine[2] = {0, 0}, theirs[2] = {0, 0}, heart = 0, heartFound = 0;
        for (int k = 0; k < ct.volume.nz; ++k) {
            const int raw = k + offset;
            if (raw < 0 || raw >= organs->nz)
                continue;
            for (int j = 0; j < ct.volume.ny; ++j)
                for (int i = 0; i < ct.volume.nx; ++i) {
                    const int o = organs->hu[organs->index(i, j, raw)];
                    const uint8_t label = ct.labels[ct.volume.index(i, j, k)];
                    for (int side = 0; side < 2; ++side) {
                        const bool ref = side == 0 ? (o >= 12 && o <= 14) : (o == 10 || o == 11);
                        const bool got = label == uint8_t(side == 0 ? CtLabel::LungRight : CtLabel::LungLeft);
                        both[side] += ref && got;
                        mine[side] += got;
                        theirs[side] += ref;
                    }
                    if (o == 51) {
                        ++heart;
                        heartFound += label == uint8_t(CtLabel::Heart);
                    }
                }
        }
        for (int side = 0; side < 2; ++side) {
            const double dice = 2 * both[side] / (mine[side] + theirs[side]);
            qInfo("lung %s: Dice %.3f against the organ masks", side ? "left" : "right", dice);
            QVERIFY2(dice > 0.9, side ? "left lung" : "right lung");
        }
        qInfo("heart: %.0f%% of the organ mask's heart inside the engine's heart label", 100 * heartFound / heart);
        // The engine's heart label is the cardiac silhouette below the carina in front of the
        // spine: the atria's upper part and the posterior wall are outside it.
        QVERIFY(heart > 0 && heartFound / heart > 0.5);
        QVERIFY(ct.landmarks.airwayFound);
        QVERIFY(ct.landmarks.carinaZ < ct.landmarks.apexZ && ct.landmarks.carinaZ > ct.landmarks.baseZ);
    }

    void casesAreDeterministicPerSeed()
    {
        if (!haveCts())
            QSKIP("../shared/data/ct is absent: the real CT volumes are needed");
        const Findings f = spec("pleural_effusion:left:moderate;support_devices:pacemaker");
        const SimulatedCase a = simulateCtCase(library(), 31, f, {128, true}, 0);
        const SimulatedCase b = simulateCtCase(library(), 31, f, {128, true}, 0);
        const SimulatedCase c = simulateCtCase(library(), 32, f, {128, true}, 0);
        QCOMPARE(a.engine, std::string("ct"));
        QCOMPARE(a.ctPatient, std::string("LIDC-IDRI-0001"));
        QVERIFY(a.frontal.pixels == b.frontal.pixels);
        QVERIFY(a.lateral.pixels == b.lateral.pixels);
        QVERIFY(a.frontal.pixels != c.frontal.pixels);
    }

    void frontalAndLateralAgree()
    {
        if (!haveCts())
            QSKIP("../shared/data/ct is absent: the real CT volumes are needed");
        for (int patient = 0; patient < 2; ++patient) {
            const SimulatedCase normal = simulateCtCase(library(), 41, {}, {256, true}, patient);
            const int W = 256;
            // The heart and the diaphragm at the same height in both views (one exposure height,
            // magnifications within a few per cent).
            const auto heartF = rowsOf(normal.frontal.heartMask, W, W), heartL = rowsOf(normal.lateral.heartMask, W, W);
            const auto lungF = rowsOf(normal.frontal.lungMask, W, W), lungL = rowsOf(normal.lateral.lungMask, W, W);
            qInfo("%s heart rows %d-%d / %d-%d, lung rows %d-%d / %d-%d", normal.ctPatient.c_str(), heartF.first, heartF.second,
                  heartL.first, heartL.second, lungF.first, lungF.second, lungL.first, lungL.second);
            QVERIFY(heartF.second > heartF.first + 20);
            QVERIFY(std::abs(heartF.first - heartL.first) <= 10 && std::abs(heartF.second - heartL.second) <= 10);
            // The apices at the same height (the heart's base, on the diaphragm, is checked above;
            // the lung fields' lower edges differ by nature: the posterior sulci on the lateral).
            QVERIFY(std::abs(lungF.first - lungL.first) <= 10);
            // A pacemaker's generator at the same height in both views.
            const SimulatedCase paced = simulateCtCase(library(), 41, spec("support_devices:pacemaker"), {256, true}, patient);
            auto brightRows = [&](const RenderedView &with, const RenderedView &without) {
                double sum = 0, count = 0;
                for (int y = 0; y < W; ++y)
                    for (int x = 0; x < W; ++x) {
                        const size_t p = size_t(y) * W + x;
                        if (int(with.pixels[p]) - int(without.pixels[p]) > 600) { sum += y; ++count; }
                    }
                return count > 0 ? sum / count : -1.0;
            };
            const double rowF = brightRows(paced.frontal, normal.frontal), rowL = brightRows(paced.lateral, normal.lateral);
            qInfo("pacemaker centroid row: frontal %.1f, lateral %.1f", rowF, rowL);
            QVERIFY(rowF > 0 && rowL > 0);
            QVERIFY(std::fabs(rowF - rowL) < 16);
        }
    }

    void findingsChangeTheImageWhereTheyShould()
    {
        if (!haveCts())
            QSKIP("../shared/data/ct is absent: the real CT volumes are needed");
        const int W = 256;
        const SimulatedCase normal = simulateCtCase(library(), 51, {}, {W, false}, 1);
        const auto lungRows = rowsOf(normal.frontal.lungMask, W, W);
        const int mid = lungRows.first + (lungRows.second - lungRows.first) / 2;
        // On a PA the patient's left is on the image right.
        struct Case { const char *finding; Region region; int minimum; };
        const Case cases[] = {
            {"pleural_effusion:left:large", {W / 2, mid - 10, W - 1, W - 1}, 300},
            {"pneumothorax:right:large", {0, 0, W / 2 + 4, W - 1}, 60},
            {"consolidation:right:middle:large", {0, 0, W / 2 + 4, W - 1}, 150},
            {"lung_lesion:left:mass", {W / 2 - 4, 0, W - 1, W - 1}, 40},
            {"cardiomegaly:large", {W / 5, mid - 20, 4 * W / 5, lungRows.second + 20}, 150},
            {"atelectasis:left:large", {W / 2 - 10, mid - 10, W - 1, W - 1}, 80},
        };
        for (const Case &c : cases) {
            const SimulatedCase with = simulateCtCase(library(), 51, spec(c.finding), {W, false}, 1);
            const auto [changed, inside] = changedPixels(normal.frontal, with.frontal, c.region);
            qInfo("%-34s %5d pixels changed, %5.1f%% where expected", c.finding, changed, changed ? 100.0 * inside / changed : 0.0);
            QVERIFY2(changed >= c.minimum, c.finding);
            QVERIFY2(inside >= 0.9 * changed, c.finding);
        }
    }

    void datasetSplitsByCtPatient()
    {
        if (!haveCts())
            QSKIP("../shared/data/ct is absent: the real CT volumes are needed");
        DatasetOptions options;
        options.outDir = file("dataset");
        options.count = 8;
        options.size = 64;
        options.dicom = false;
        options.ct = std::make_shared<const CtLibrary>(library());
        auto written = writeDataset(options, plannedCases(options));
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        std::ifstream manifest(options.outDir + "/manifest.jsonl");
        std::string line;
        int lines = 0;
        while (std::getline(manifest, line)) {
            ++lines;
            QVERIFY(line.find("\"engine\":\"ct\"") != std::string::npos);
            const bool test = line.find("\"ct_patient\":\"LIDC-IDRI-0002\"") != std::string::npos;
            QVERIFY2(line.find(test ? "\"split\":\"test\"" : "\"split\":\"train\"") != std::string::npos, line.c_str());
        }
        QCOMPARE(lines, 8);
    }

    void cliFallsBackToThePhantomWithANote()
    {
        QProcess cli;
        cli.start(QStringLiteral(RADSYNTH_CLI_PATH),
                  {QStringLiteral("simulate"), QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--size"), QStringLiteral("64"),
                   QStringLiteral("--no-dicom"), QStringLiteral("--ct-dir"), m_dir.path() + QStringLiteral("/no-such-folder"),
                   QStringLiteral("--out"), m_dir.path() + QStringLiteral("/fallback")});
        QVERIFY(cli.waitForFinished(60000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(err.contains(QLatin1String("using the phantom engine")), qPrintable(err));
        QVERIFY(QString::fromUtf8(cli.readAllStandardOutput()).contains(QLatin1String("phantom engine")));

        cli.start(QStringLiteral(RADSYNTH_CLI_PATH),
                  {QStringLiteral("simulate"), QStringLiteral("--engine"), QStringLiteral("ct"), QStringLiteral("--ct-dir"),
                   m_dir.path() + QStringLiteral("/no-such-folder"), QStringLiteral("--out"), m_dir.path() + QStringLiteral("/none")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY(cli.exitCode() != 0);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QLatin1String("no CT folder")));
    }
};

QTEST_GUILESS_MAIN(TestCtEngine)
#include "TestCtEngine.moc"
