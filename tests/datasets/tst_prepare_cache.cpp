// prepareCache(): round trip through TrainingCache::load, progress, limit, cancellation, a missing or
// corrupt image skipping its study, and the failures that stop the run (missing root, bad output).
#include "DatasetFixtures.h"

#include "radsynth/datasets/Datasets.h"
#include "radsynth/dicom/Loader.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

#include <unistd.h>

using namespace radsynth;
using generation::Split;

class TestPrepareCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void limitAndReportOnly();
    void badImageSkipsStudy();
    void cancellation();
    void failures();

private:
    QTemporaryDir m_dir;
};

void TestPrepareCache::roundTrip_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("withBothViews");
    QTest::newRow("simulator") << "radsynth" << 3 << 2;
    QTest::newRow("r2gen") << "r2gen" << 4 << 3;
    QTest::newRow("mimic") << "mimic" << 3 << 2;
    QTest::newRow("iu-xray") << "iu-xray" << 3 << 2;
}

void TestPrepareCache::roundTrip()
{
    QFETCH(QString, layout);
    QFETCH(int, records);
    QFETCH(int, withBothViews);
    const QString root = m_dir.path() + "/" + layout;
    if (layout == "radsynth")
        QVERIFY(fixtures::makeSimulator(root));
    else if (layout == "r2gen")
        QVERIFY(fixtures::makeR2Gen(root));
    else if (layout == "mimic")
        QVERIFY(fixtures::makeMimic(root));
    else
        QVERIFY(fixtures::makeIuXray(root));

    auto listed = datasets::listStudies(root.toStdString());
    QVERIFY(listed);
    datasets::PrepareOptions options;
    options.root = root.toStdString();
    options.cachePath = (m_dir.path() + "/" + layout + ".rsc").toStdString();
    options.resolution = 32;
    std::vector<std::pair<size_t, size_t>> progress;
    options.progress = [&](size_t done, size_t total) { progress.emplace_back(done, total); };
    auto written = datasets::prepareCache(options);
    QVERIFY2(written, written ? "" : written.error().toString().c_str());
    QCOMPARE(int(*written), records);
    QCOMPARE(progress.size(), listed->size());
    QCOMPARE(progress.back().first, listed->size());
    QVERIFY(!QFileInfo::exists(QString::fromStdString(options.cachePath + ".part")));

    generation::TrainingCache cache;
    std::string error;
    QVERIFY2(cache.load(options.cachePath, &error), error.c_str());
    QCOMPARE(cache.resolution(), 32);
    QCOMPARE(int(cache.records().size()), records);
    std::map<std::string, const datasets::StudyEntry *> studies;
    for (const auto &study : *listed)
        studies[study.id] = &study;
    int both = 0;
    for (const auto &record : cache.records()) {
        QVERIFY(studies.count(record.id));
        const auto &study = *studies[record.id];
        QCOMPARE(record.split, study.split);
        QCOMPARE(record.report, study.report);
        QCOMPARE(record.labels, study.labels);
        QCOMPARE(record.hasFrontal(), !study.frontalPath.empty());
        QCOMPARE(record.hasLateral(), !study.lateralPath.empty());
        both += record.hasFrontal() && record.hasLateral() ? 1 : 0;
        if (record.hasFrontal()) {
            auto expected = dicom::loadModelInput(study.frontalPath, 32);
            QVERIFY(expected);
            QCOMPARE(record.frontal, expected->pixels);
        }
    }
    QCOMPARE(both, withBothViews);
}

void TestPrepareCache::limitAndReportOnly()
{
    const QString root = m_dir.path() + "/iu-limit";
    QVERIFY(fixtures::makeIuXray(root));
    datasets::PrepareOptions options;
    options.root = root.toStdString();
    options.layout = datasets::Layout::IuXray;
    options.cachePath = (m_dir.path() + "/limit.rsc").toStdString();
    options.resolution = 16;
    options.limit = 2;
    auto written = datasets::prepareCache(options);
    QVERIFY(written);
    QCOMPARE(*written, size_t(2));
    // The report-only study CXR3 is written without images.
    options.limit = 0;
    QVERIFY(datasets::prepareCache(options));
    generation::TrainingCache cache;
    QVERIFY(cache.load(options.cachePath, nullptr));
    bool sawReportOnly = false;
    for (const auto &record : cache.records())
        if (record.id == "CXR3")
            sawReportOnly = !record.hasFrontal() && !record.hasLateral() && record.report == "Small right pleural effusion.";
    QVERIFY(sawReportOnly);
}

void TestPrepareCache::badImageSkipsStudy()
{
    const QString root = m_dir.path() + "/r2gen-bad";
    QVERIFY(fixtures::makeR2Gen(root));
    QVERIFY(QFile::remove(root + "/images/CXR11_IM-0003/1.png"));                            // missing
    QVERIFY(fixtures::writeText(root + "/images/CXR12_IM-0004/0.png", "not an image at all")); // corrupt
    datasets::PrepareOptions options;
    options.root = root.toStdString();
    options.cachePath = (m_dir.path() + "/bad.rsc").toStdString();
    options.resolution = 16;
    std::vector<std::string> warnings;
    options.warning = [&](const std::string &problem) { warnings.push_back(problem); };
    auto summary = datasets::prepareCacheWithSummary(options);
    QVERIFY2(summary, summary ? "" : summary.error().toString().c_str());
    QCOMPARE(summary->listed, size_t(4));
    QCOMPARE(summary->written, size_t(2));
    QCOMPARE(summary->skipped, size_t(2));
    QCOMPARE(warnings.size(), size_t(2));
    QCOMPARE(summary->problems, warnings);
    const std::string all = warnings[0] + "\n" + warnings[1];
    QVERIFY(all.find("CXR11_IM-0003/1.png") != std::string::npos);
    QVERIFY(all.find("CXR12_IM-0004/0.png") != std::string::npos);
    generation::TrainingCache cache;
    QVERIFY(cache.load(options.cachePath, nullptr));
    QCOMPARE(cache.records().size(), size_t(2));
}

void TestPrepareCache::cancellation()
{
    const QString root = m_dir.path() + "/sim-cancel";
    QVERIFY(fixtures::makeSimulator(root));
    datasets::PrepareOptions options;
    options.root = root.toStdString();
    options.cachePath = (m_dir.path() + "/cancelled.rsc").toStdString();
    options.resolution = 16;
    std::atomic_bool cancel{false};
    options.cancel = &cancel;
    size_t calls = 0;
    options.progress = [&](size_t, size_t) {
        ++calls;
        cancel = true; // cancel after the first study
    };
    auto result = datasets::prepareCache(options);
    QVERIFY(!result);
    QVERIFY(result.isCancelled());
    QVERIFY(result.error().toString().find("cancelled") != std::string::npos);
    QCOMPARE(calls, size_t(1));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(options.cachePath)));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(options.cachePath + ".part")));
}

void TestPrepareCache::failures()
{
    datasets::PrepareOptions options;
    options.root = (m_dir.path() + "/no-such-dataset").toStdString();
    options.cachePath = (m_dir.path() + "/x.rsc").toStdString();
    auto missingRoot = datasets::prepareCache(options);
    QVERIFY(!missingRoot);
    QVERIFY(missingRoot.error().toString().find("no-such-dataset") != std::string::npos);

    const QString root = m_dir.path() + "/sim-fail";
    QVERIFY(fixtures::makeSimulator(root));
    options.root = root.toStdString();
    options.cachePath = (m_dir.path() + "/no-such-folder/x.rsc").toStdString();
    auto badOutput = datasets::prepareCache(options);
    QVERIFY(!badOutput);
    QVERIFY(badOutput.error().toString().find("no-such-folder") != std::string::npos);

    // An output that exists but cannot be written: a read-only folder.
    const QString readOnly = m_dir.path() + "/read-only";
    QVERIFY(QDir().mkpath(readOnly));
    QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    options.cachePath = (readOnly + "/x.rsc").toStdString();
    auto unwritable = datasets::prepareCache(options);
    QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (QFileInfo(readOnly).isWritable() && ::geteuid() == 0)
        QSKIP("running as root: permissions do not stop writing");
    QVERIFY(!unwritable);
    QVERIFY(unwritable.error().toString().find("x.rsc") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestPrepareCache)
#include "tst_prepare_cache.moc"
