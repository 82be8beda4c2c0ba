// The real IU X-ray reports (../shared/data/iu-xray, Open-i XML in a .tgz, and the R2Gen split):
// every report parses, the split counts match r2gen-split.json. The real images are not available,
// so the studies are report-only here. Skips when the data is absent.
#include "radsynth/datasets/Datasets.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace radsynth;

class TestIuXrayReal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void reportsAndSplits();
    void reportOnlyCache();

private:
    QString m_data;
    QTemporaryDir m_dir;
};

void TestIuXrayReal::initTestCase()
{
    m_data = QStringLiteral(RADSYNTH_SHARED_DATA_DIR) + "/iu-xray";
    if (!QFileInfo::exists(m_data + "/reports-train-val.tgz") || !QFileInfo::exists(m_data + "/r2gen-split.json"))
        QSKIP("the real IU X-ray reports are not available (../shared/data/iu-xray)");
    QVERIFY(m_dir.isValid());
    // Unpacked into a temporary folder (read in place, never copied into the project).
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), m_data + "/reports-train-val.tgz", QStringLiteral("-C"), m_dir.path()});
    QVERIFY(tar.waitForFinished(120000));
    QCOMPARE(tar.exitCode(), 0);
    QVERIFY(QDir(m_dir.path() + "/ecgen-radiology").exists());
}

void TestIuXrayReal::reportsAndSplits()
{
    QCOMPARE(datasets::detectLayout(m_dir.path().toStdString()), datasets::Layout::IuXray);
    // Without a split file: every report is listed, split by hash.
    auto all = datasets::listStudies(m_dir.path().toStdString());
    QVERIFY2(all, all ? "" : all.error().toString().c_str());
    QCOMPARE(all->size(), size_t(3573));
    size_t withReport = 0;
    for (const auto &study : *all) {
        QVERIFY(study.frontalPath.empty() && study.lateralPath.empty());
        withReport += study.report.empty() ? 0 : 1;
    }
    QVERIFY2(withReport > 3500, qPrintable(QString("only %1 reports with findings or impression").arg(withReport)));

    // With the R2Gen split: the counts of r2gen-split.json among the available reports.
    datasets::ListOptions options;
    options.splitFile = (m_data + "/r2gen-split.json").toStdString();
    auto split = datasets::listStudies(m_dir.path().toStdString(), options);
    QVERIFY2(split, split ? "" : split.error().toString().c_str());
    size_t counts[3] = {0, 0, 0};
    for (const auto &study : *split)
        ++counts[int(study.split)];
    QCOMPARE(counts[int(generation::Split::Train)], size_t(3062));
    QCOMPARE(counts[int(generation::Split::Validation)], size_t(382));
    QCOMPARE(counts[int(generation::Split::Test)], size_t(0)); // the test reports are kept out of the data
    // A known report: CXR1 (findings + impression, whitespace simplified).
    for (const auto &study : *all)
        if (study.id == "CXR1")
            QCOMPARE(QString::fromStdString(study.report),
                     QString("The cardiac silhouette and mediastinum size are within normal limits. There is no pulmonary edema. "
                             "There is no focal consolidation. There are no XXXX of a pleural effusion. There is no evidence of "
                             "pneumothorax. Normal chest x-XXXX."));
}

void TestIuXrayReal::reportOnlyCache()
{
    datasets::PrepareOptions options;
    options.root = m_dir.path().toStdString();
    options.splitFile = (m_data + "/r2gen-split.json").toStdString();
    options.cachePath = (m_dir.path() + "/iu-reports.rsc").toStdString();
    options.resolution = 64;
    auto summary = datasets::prepareCacheWithSummary(options);
    QVERIFY2(summary, summary ? "" : summary.error().toString().c_str());
    generation::TrainingCache cache;
    std::string error;
    QVERIFY2(cache.load(options.cachePath, &error), error.c_str());
    QCOMPARE(cache.records().size(), summary->written);
    QCOMPARE(summary->written + summary->skipped, size_t(3062 + 382));
    QVERIFY(summary->written > 3400);
    QCOMPARE(cache.split(generation::Split::Validation).size() + cache.split(generation::Split::Train).size(), summary->written);
}

QTEST_GUILESS_MAIN(TestIuXrayReal)
#include "tst_iu_xray_real.moc"
