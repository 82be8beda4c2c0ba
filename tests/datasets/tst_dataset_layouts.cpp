// Layout detection and listing on small folders written in each layout (DatasetFixtures.h).
#include "DatasetFixtures.h"

#include "radsynth/datasets/Datasets.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace radsynth;
using datasets::Layout;
using generation::Split;

namespace {
std::map<std::string, datasets::StudyEntry> byId(const std::vector<datasets::StudyEntry> &studies)
{
    std::map<std::string, datasets::StudyEntry> out;
    for (const auto &study : studies)
        out.emplace(study.id, study);
    return out;
}
QString fileName(const std::string &path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}
int label(const datasets::StudyEntry &study, const char *name)
{
    for (size_t i = 0; i < generation::kObservationNames.size(); ++i)
        if (std::string(generation::kObservationNames[i]) == name)
            return study.labels[i];
    return 99;
}
} // namespace

class TestDatasetLayouts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detection_data();
    void detection();
    void unknownFolder();
    void simulator();
    void iuXrayWithoutMetadata();
    void iuXrayWithSplitFile();
    void iuXrayProjectionsCsv();
    void r2gen();
    void mimic();
    void radiographs();

private:
    QTemporaryDir m_dir;
};

void TestDatasetLayouts::detection_data()
{
    QTest::addColumn<QString>("layout");
    QTest::newRow("simulator") << "radsynth";
    QTest::newRow("iu-xray") << "iu-xray";
    QTest::newRow("r2gen") << "r2gen";
    QTest::newRow("mimic") << "mimic-cxr-jpg";
}

void TestDatasetLayouts::detection()
{
    QFETCH(QString, layout);
    const QString root = m_dir.path() + "/detect-" + layout;
    bool ok = false;
    if (layout == "radsynth")
        ok = fixtures::makeSimulator(root);
    else if (layout == "iu-xray")
        ok = fixtures::makeIuXray(root);
    else if (layout == "r2gen")
        ok = fixtures::makeR2Gen(root);
    else
        ok = fixtures::makeMimic(root);
    QVERIFY(ok);
    QCOMPARE(QString(datasets::toString(datasets::detectLayout(root.toStdString()))), layout);
}

void TestDatasetLayouts::unknownFolder()
{
    const QString root = m_dir.path() + "/empty";
    QVERIFY(QDir().mkpath(root));
    QCOMPARE(datasets::detectLayout(root.toStdString()), Layout::Auto);
    auto studies = datasets::listStudies(root.toStdString());
    QVERIFY(!studies);
    QVERIFY(studies.error().toString().find("unknown dataset layout") != std::string::npos);
    auto missing = datasets::listStudies((m_dir.path() + "/does-not-exist").toStdString());
    QVERIFY(!missing);
    QVERIFY(missing.error().toString().find("does not exist") != std::string::npos);
}

void TestDatasetLayouts::simulator()
{
    const QString root = m_dir.path() + "/sim";
    QVERIFY(fixtures::makeSimulator(root));
    auto studies = datasets::listStudies(root.toStdString());
    QVERIFY2(studies, studies ? "" : studies.error().toString().c_str());
    QCOMPARE(studies->size(), size_t(3));
    auto map = byId(*studies);
    const auto &first = map.at("sim-000001");
    QCOMPARE(first.split, Split::Train);
    QCOMPARE(fileName(first.frontalPath), QString("sim-000001_frontal.png"));
    QCOMPARE(fileName(first.lateralPath), QString("sim-000001_lateral.png"));
    QVERIFY(QFileInfo::exists(QString::fromStdString(first.frontalPath)));
    QCOMPARE(QString::fromStdString(first.report), QString("Enlarged cardiac silhouette. No effusion."));
    QCOMPARE(label(first, "cardiomegaly"), 1);
    QCOMPARE(label(first, "no_finding"), 0);
    const auto &second = map.at("sim-000002");
    QCOMPARE(second.split, Split::Validation);
    QCOMPARE(fileName(second.lateralPath), QString("sim-000002_lateral.png"));
    QCOMPARE(QString::fromStdString(second.report), QString("Left pleural effusion. Effusion."));
    QCOMPARE(label(second, "pleural_effusion"), 1);
    QCOMPARE(label(second, "support_devices"), -1);
    const auto &third = map.at("sim-000003");
    QCOMPARE(third.split, Split::Test);
    QVERIFY(third.lateralPath.empty());
    QCOMPARE(label(third, "no_finding"), 1);

    // A broken line is an error that names the manifest and the line.
    fixtures::writeText(root + "/manifest.jsonl", "{\"id\": \"a\"}\n{not json\n");
    auto broken = datasets::listStudies(root.toStdString());
    QVERIFY(!broken);
    QVERIFY(broken.error().toString().find("line 2") != std::string::npos);
    QVERIFY(broken.error().toString().find("manifest.jsonl") != std::string::npos);
}

void TestDatasetLayouts::iuXrayWithoutMetadata()
{
    const QString root = m_dir.path() + "/iu";
    QVERIFY(fixtures::makeIuXray(root));
    auto studies = datasets::listStudies(root.toStdString(), Layout::IuXray);
    QVERIFY2(studies, studies ? "" : studies.error().toString().c_str());
    QCOMPARE(studies->size(), size_t(3));
    auto map = byId(*studies);
    // No metadata: the mirror-symmetry heuristic picks the frontal of each pair.
    QCOMPARE(fileName(map.at("CXR1").frontalPath), QString("CXR1_1_IM-0001-3001.png"));
    QCOMPARE(fileName(map.at("CXR1").lateralPath), QString("CXR1_1_IM-0001-4001.png"));
    QCOMPARE(fileName(map.at("CXR2").frontalPath), QString("CXR2_1_IM-0652-2001.png"));
    QCOMPARE(fileName(map.at("CXR2").lateralPath), QString("CXR2_1_IM-0652-1001.png"));
    QCOMPARE(QString::fromStdString(map.at("CXR1").report),
             QString("The cardiac silhouette and mediastinum size are within normal limits. There is no pulmonary edema. "
                     "Normal chest x-XXXX."));
    // Report only: the image file is not there, the empty FINDINGS leaves the impression.
    QVERIFY(map.at("CXR3").frontalPath.empty() && map.at("CXR3").lateralPath.empty());
    QCOMPARE(QString::fromStdString(map.at("CXR3").report), QString("Small right pleural effusion."));
    // Hash split: deterministic.
    auto again = datasets::listStudies(root.toStdString(), Layout::IuXray);
    QVERIFY(again);
    for (const auto &study : *again)
        QCOMPARE(study.split, map.at(study.id).split);
}

void TestDatasetLayouts::iuXrayWithSplitFile()
{
    const QString root = m_dir.path() + "/iu-split";
    QVERIFY(fixtures::makeIuXray(root));
    // The split file's image order names CXR1's lateral first: metadata wins over the heuristic.
    QByteArray split = fixtures::r2genSplitJson();
    split.replace("[\"CXR1_IM-0001-3001.png\", \"CXR1_IM-0001-4001.png\"]", "[\"CXR1_IM-0001-4001.png\", \"CXR1_IM-0001-3001.png\"]");
    QVERIFY(fixtures::writeText(m_dir.path() + "/split.json", split));
    datasets::ListOptions options;
    options.splitFile = (m_dir.path() + "/split.json").toStdString();
    auto studies = datasets::listStudies(root.toStdString(), options);
    QVERIFY2(studies, studies ? "" : studies.error().toString().c_str());
    QCOMPARE(studies->size(), size_t(2)); // CXR3 is not in the split file
    auto map = byId(*studies);
    QCOMPARE(map.at("CXR1").split, Split::Train);
    QCOMPARE(map.at("CXR2").split, Split::Validation);
    QCOMPARE(fileName(map.at("CXR1").frontalPath), QString("CXR1_1_IM-0001-4001.png"));
    QCOMPARE(fileName(map.at("CXR2").frontalPath), QString("CXR2_1_IM-0652-2001.png"));
    // The report comes from the XML, not from the split file.
    QVERIFY(map.at("CXR2").report.find("Borderline cardiomegaly.") == 0);

    // A split file found in the root is used by default.
    QVERIFY(fixtures::writeText(root + "/r2gen-split.json", fixtures::r2genSplitJson()));
    auto defaults = datasets::listStudies(root.toStdString());
    QVERIFY(defaults);
    QCOMPARE(defaults->size(), size_t(2));
}

void TestDatasetLayouts::iuXrayProjectionsCsv()
{
    const QString root = m_dir.path() + "/iu-projections";
    QVERIFY(fixtures::makeIuXray(root));
    // Kaggle's indiana_projections.csv names CXR2's views (here against the heuristic's choice).
    QVERIFY(fixtures::writeText(root + "/indiana_projections.csv",
                                "uid,filename,projection\n2,2_IM-0652-1001.dcm.png,Frontal\n2,2_IM-0652-2001.dcm.png,Lateral\n"));
    auto studies = datasets::listStudies(root.toStdString());
    QVERIFY(studies);
    auto map = byId(*studies);
    QCOMPARE(fileName(map.at("CXR2").frontalPath), QString("CXR2_1_IM-0652-1001.png"));
    QCOMPARE(fileName(map.at("CXR2").lateralPath), QString("CXR2_1_IM-0652-2001.png"));
}

void TestDatasetLayouts::r2gen()
{
    const QString root = m_dir.path() + "/r2gen";
    QVERIFY(fixtures::makeR2Gen(root));
    auto studies = datasets::listStudies(root.toStdString());
    QVERIFY2(studies, studies ? "" : studies.error().toString().c_str());
    QCOMPARE(studies->size(), size_t(4));
    auto map = byId(*studies);
    const auto &first = map.at("CXR10_IM-0002");
    QCOMPARE(first.split, Split::Train);
    QVERIFY(QString::fromStdString(first.frontalPath).endsWith("images/CXR10_IM-0002/0.png"));
    QVERIFY(QFileInfo::exists(QString::fromStdString(first.lateralPath)));
    QCOMPARE(QString::fromStdString(first.report), QString("The heart is normal in size. The lungs are clear."));
    QCOMPARE(map.at("CXR12_IM-0004").split, Split::Validation);
    QCOMPARE(map.at("CXR13_IM-0005").split, Split::Test);
    QVERIFY(map.at("CXR13_IM-0005").lateralPath.empty());
    // Labels from the report text when the report labeler is built in, else none.
    if (datasets::reportLabelerAvailable()) {
        QCOMPARE(label(map.at("CXR11_IM-0003"), "lung_opacity"), 1);
        QCOMPARE(label(map.at("CXR13_IM-0005"), "cardiomegaly"), 1);
        QCOMPARE(label(map.at("CXR10_IM-0002"), "no_finding"), 1);
        QCOMPARE(label(map.at("CXR10_IM-0002"), "cardiomegaly"), 0);
    } else {
        for (const auto &study : *studies)
            QVERIFY(std::all_of(study.labels.begin(), study.labels.end(), [](int8_t v) { return v == 0; }));
    }
}

void TestDatasetLayouts::mimic()
{
    const QString root = m_dir.path() + "/mimic";
    QVERIFY(fixtures::makeMimic(root));
    auto studies = datasets::listStudies(root.toStdString());
    QVERIFY2(studies, studies ? "" : studies.error().toString().c_str());
    QCOMPARE(studies->size(), size_t(3)); // s50000003 has only an oblique view
    auto map = byId(*studies);
    const auto &first = map.at("s50000001");
    QCOMPARE(first.split, Split::Train);
    QCOMPARE(fileName(first.frontalPath), QString("d-pa-1.jpg")); // PA preferred over AP
    QCOMPARE(fileName(first.lateralPath), QString("d-lat-1.jpg"));
    QVERIFY(QFileInfo::exists(QString::fromStdString(first.frontalPath)));
    QCOMPARE(QString::fromStdString(first.report),
             QString("There is no focal consolidation, pleural effusion or pneumothorax. Heart size is normal. "
                     "No acute cardiopulmonary process."));
    const auto &second = map.at("s50000002");
    QCOMPARE(second.split, Split::Validation); // "validate"
    QCOMPARE(fileName(second.frontalPath), QString("d-pa-2.jpg")); // an AP is frontal too
    QCOMPARE(fileName(second.lateralPath), QString("d-ll-2.jpg"));
    QCOMPARE(QString::fromStdString(second.report), QString("Moderate left pleural effusion."));
    const auto &fourth = map.at("s50000004");
    QCOMPARE(fourth.split, Split::Test);
    QVERIFY(fourth.report.empty()); // no report file
    QVERIFY(fourth.lateralPath.empty());
}


// Unpaired real radiographs: class folders (Kermany), a metadata.csv (Cohen's COVID-19 collection),
// a normal set named so; splits from split folders or by patient; masks skipped; unlabelled kept.
void TestDatasetLayouts::radiographs()
{
    const QString root = m_dir.path() + "/real-cxr";
    const auto frontal = fixtures::frontalImage(64, 64), lateral = fixtures::lateralImage(64, 64);
    QVERIFY(fixtures::writeImage(root + "/kids/train/NORMAL/IM-0001-0001.jpeg", frontal));
    QVERIFY(fixtures::writeImage(root + "/kids/train/PNEUMONIA/person12_bacteria_1.jpeg", frontal));
    QVERIFY(fixtures::writeImage(root + "/kids/train/PNEUMONIA/person12_bacteria_2.jpeg", frontal));
    QVERIFY(fixtures::writeImage(root + "/kids/val/NORMAL/IM-0002-0001.jpeg", frontal));
    QVERIFY(fixtures::writeImage(root + "/covid/images/a.jpg", frontal));
    QVERIFY(fixtures::writeImage(root + "/covid/images/b.jpg", lateral));
    QVERIFY(fixtures::writeImage(root + "/covid/images/c.jpg", frontal));
    QVERIFY(fixtures::writeText(root + "/covid/metadata.csv", "patientid,finding,view,filename\n"
                                                              "7,COVID-19,PA,a.jpg\n7,\"Pneumonia/Viral/COVID-19\",L,b.jpg\n9,todo,AP Supine,c.jpg\n"));
    QVERIFY(fixtures::writeImage(root + "/some-normal-pa/1-10.jpg", frontal));
    QVERIFY(fixtures::writeImage(root + "/some-normal-pa/1-10@.png", frontal)); // a lung mask
    QCOMPARE(datasets::detectLayout(root.toStdString()), Layout::Radiographs);
    auto listed = datasets::listStudies(root.toStdString());
    QVERIFY2(listed, listed ? "" : listed.error().toString().c_str());
    QCOMPARE(listed->size(), size_t(8)); // the mask is not a radiograph
    const auto studies = byId(*listed);
    const auto &normal = studies.at("RAD/kids/train/NORMAL/IM-0001-0001.jpeg");
    QCOMPARE(normal.split, Split::Train);
    QVERIFY(normal.labelled);
    QCOMPARE(label(normal, "no_finding"), 1);
    QCOMPARE(label(normal, "pneumonia"), 0);
    QVERIFY(normal.report.empty() && normal.lateralPath.empty() && !normal.frontalPath.empty());
    const auto &sick = studies.at("RAD/kids/train/PNEUMONIA/person12_bacteria_1.jpeg");
    QCOMPARE(label(sick, "pneumonia"), 1);
    QCOMPARE(label(sick, "lung_opacity"), 1);
    QCOMPARE(label(sick, "no_finding"), 0);
    QCOMPARE(studies.at("RAD/kids/val/NORMAL/IM-0002-0001.jpeg").split, Split::Validation);
    // Metadata: view, finding and patient; one patient's images share a split.
    const auto &a = studies.at("RAD/covid/images/a.jpg"), &b = studies.at("RAD/covid/images/b.jpg");
    QVERIFY(!a.frontalPath.empty() && a.lateralPath.empty());
    QVERIFY(b.frontalPath.empty() && !b.lateralPath.empty());
    QCOMPARE(label(a, "pneumonia"), 1);
    QCOMPARE(label(b, "pneumonia"), 1);
    QCOMPARE(a.split, b.split);
    const auto &unknown = studies.at("RAD/covid/images/c.jpg");
    QVERIFY(!unknown.labelled); // "todo": nothing says what it shows
    QCOMPARE(label(studies.at("RAD/some-normal-pa/1-10.jpg"), "no_finding"), 1);

    // The training cache keeps "labels unknown" (the finding classifiers skip such records).
    datasets::PrepareOptions prepare;
    prepare.root = root.toStdString();
    prepare.cachePath = (m_dir.path() + "/real.rsc").toStdString();
    prepare.resolution = 32;
    auto written = datasets::prepareCache(prepare);
    QVERIFY2(written, written ? "" : written.error().toString().c_str());
    QCOMPARE(*written, size_t(8));
    generation::TrainingCache cache;
    std::string error;
    QVERIFY2(cache.load(prepare.cachePath, &error), error.c_str());
    int unlabelled = 0;
    for (const auto &r : cache.records())
        unlabelled += r.labelled ? 0 : 1;
    QCOMPARE(unlabelled, 1);
}

QTEST_GUILESS_MAIN(TestDatasetLayouts)
#include "tst_dataset_layouts.moc"
