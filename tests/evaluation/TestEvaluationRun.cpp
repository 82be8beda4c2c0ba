// End to end: simulated studies rendered in-process, packed into a training cache, a tiny bundle
// (preset tiny, 32 px) trained on them for a few steps per stage, then the whole evaluation
// (every task, baselines, finding classifier, downstream test, out-of-distribution check). Checks
// that metrics.json has every field and metrics.md the tables, and that the OOD detector the
// workstation uses reads the calibration the run saved into the bundle.
#include "radsynth/datasets/Datasets.h"
#include "radsynth/evaluation/Evaluation.h"
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/Json.h"
#include "radsynth/generation/OodDetector.h"
#include "radsynth/generation/Trainer.h"
#include "radsynth/simulation/Dataset.h"

#include "../support/ClusterTestSupport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <fstream>
#include <sstream>

using namespace radsynth;
using generation::Json;

namespace {
// Studies of one split in a simulated dataset's manifest.jsonl.
int studiesInSplit(const std::string &dataset, const std::string &split)
{
    std::ifstream manifest(dataset + "/manifest.jsonl");
    int n = 0;
    for (std::string line; std::getline(manifest, line);)
        n += line.find("\"split\":\"" + split + "\"") != std::string::npos ? 1 : 0;
    return n;
}

// metrics.json parsed; a parse error leaves `error` set and returns null.
Json readMetrics(const std::string &path, std::string &error)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    Json m;
    if (!Json::parse(text.str(), m, &error))
        return Json();
    return m;
}
} // namespace

class TestEvaluationRun : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_data, m_bundle, m_out;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        generation::Generator::setThreads(1); // a loaded 2-core machine: 1 thread is fastest
        // 40 simulated studies at 64 px, about 24 training, 6 validation and 10 test.
        simulation::DatasetOptions sim;
        sim.outDir = m_dir.filePath(QStringLiteral("data")).toStdString();
        sim.count = 40;
        sim.seed = 3;
        sim.size = 64;
        sim.dicom = false;
        sim.validationFraction = 0.15;
        sim.testFraction = 0.25;
        auto written = simulation::writeDataset(sim, simulation::plannedCases(sim));
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        m_data = sim.outDir;

        datasets::PrepareOptions prepare;
        prepare.root = m_data;
        prepare.cachePath = m_dir.filePath(QStringLiteral("cache.rsc")).toStdString();
        prepare.resolution = 32;
        auto packed = datasets::prepareCache(prepare);
        QVERIFY2(packed.ok(), packed.ok() ? "" : packed.error().toString().c_str());

        m_bundle = m_dir.filePath(QStringLiteral("bundle")).toStdString();
        for (auto stage : {generation::Stage::Autoencoder, generation::Stage::Align, generation::Stage::Frontal, generation::Stage::Lateral,
                           generation::Stage::Report}) {
            generation::TrainOptions t;
            t.stage = stage;
            t.cachePath = prepare.cachePath;
            t.bundleDirectory = m_bundle;
            t.preset = "tiny";
            t.steps = 3;
            t.batch = 4;
            t.validateEvery = 0;
            t.sampleEvery = 0;
            t.checkpointEvery = 1000;
            t.tokenizerMinCount = 1;
            t.quiet = true;
            auto result = generation::train(t);
            QVERIFY2(result.isOk(), result.message().c_str());
        }
        m_out = m_dir.filePath(QStringLiteral("out")).toStdString();
    }

    void evaluatesEveryTask()
    {
        evaluation::EvaluationOptions o;
        o.bundle = m_bundle;
        o.data = m_data;
        o.out = m_out;
        o.limit = 5;
        o.trainLimit = 0;
        o.steps = 2;
        o.threads = 1;
        o.reportMaxTokens = 16; // the few-step decoder rarely ends a report by itself
        o.classifierEpochs = 2;
        o.classifierMinimumSteps = 0;
        o.classifierSize = 32;
        o.downstream = 8;
        o.saveOod = true; // the workstation's route below reads it from the bundle
        o.minimumOodCalibration = 1;
        const QString real = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/real-cxr/openist-normal-pa");
        o.realDirectory = QDir(real).exists() ? real.toStdString() : std::string();
        o.log = [](const std::string &line) { qInfo("%s", line.c_str()); };
        // The simulator draws each study's split: count the test studies in the manifest.
        int testStudies = studiesInSplit(m_data, "test");
        QVERIFY(testStudies >= 3);
        testStudies = std::min(testStudies, o.limit);
        auto result = evaluation::evaluate(o);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
        QCOMPARE(result->tasks.size(), size_t(10));
        QCOMPARE(result->testStudies, size_t(testStudies));

        std::string error;
        const Json m = readMetrics(result->metricsJson, error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(m["data"]["test_studies"].toInt(), testStudies);
        for (const char *task : {"F2R", "L2R", "FL2R"}) {
            const Json &t = m["tasks"][task];
            QCOMPARE(t["kind"].toString(), std::string("report"));
            for (const char *method : {"model", "nearest_neighbour", "most_frequent_report"}) {
                const Json &r = t["methods"][method];
                for (const char *metric : {"bleu1", "bleu2", "bleu3", "bleu4", "meteor", "rouge_l", "cider"}) {
                    QVERIFY2(r[metric].isNumber(), (std::string(task) + " " + method + " " + metric).c_str());
                    QVERIFY(r[metric].toNumber() >= 0);
                }
                for (const char *avg : {"micro", "macro", "micro_abnormal"})
                    for (const char *k : {"precision", "recall", "f1"})
                        QVERIFY(r["clinical"][avg][k].isNumber());
                QCOMPARE(r["clinical"]["per_observation"].size(), size_t(14));
                // Every study's report and its reference.
                QCOMPARE(r["per_study"].size(), size_t(testStudies));
                for (const Json &e : r["per_study"].items())
                    QVERIFY(!e["study"].toString().empty() && e["reference"].isString() && e["generated"].isString());
                // Sentences no training report holds: none in a report retrieved from the training split.
                const Json &composed = r["readability"]["composed_sentence_rate"];
                QVERIFY2(composed.isNumber(), (std::string(task) + " " + method).c_str());
                QVERIFY(composed.toNumber() >= 0 && composed.toNumber() <= 1);
                if (std::string(method) != "model")
                    QCOMPARE(composed.toNumber(), 0.0);
            }
            QVERIFY(t["methods"]["model"]["reference_readability"]["composed_sentence_rate"].isNumber());
        }
        for (const char *task : {"F2L", "L2F", "FR2L", "LR2F"}) {
            const Json &t = m["tasks"][task];
            QVERIFY(t["paired"].toBool());
            for (const char *method : {"model", "nearest_neighbour", "mean_image"}) {
                const Json &views = t["methods"][method]["views"];
                QCOMPARE(views.size(), size_t(1));
                const Json &v = views.members().front().second;
                for (const char *metric : {"psnr", "ssim", "frechet_distance", "kid"})
                    QVERIFY2(v[metric].isNumber(), (std::string(task) + " " + method + " " + metric).c_str());
                QVERIFY(v["ssim"].toNumber() <= 1.0);
            }
        }
        for (const char *task : {"R2F", "R2L", "R2FL", "FR2L", "LR2F"})
            for (const char *method : {"model", "nearest_neighbour", "mean_image"})
                for (const auto &[view, v] : m["tasks"][task]["methods"][method]["views"].members()) {
                    QVERIFY2(v["finding_auc"]["per_finding"].size() == 14, (std::string(task) + " " + view).c_str());
                    QVERIFY(v["finding_auc"]["positives"].size() == 14);
                    // A handful of test studies: no finding reaches 5 positives and 5 negatives.
                    QCOMPARE(v["finding_auc"]["findings_in_mean"].toInt(), 0);
                    QVERIFY(v["frechet_distance"].isNumber());
                }
        QCOMPARE(m["tasks"]["R2FL"]["methods"]["model"]["views"].size(), size_t(2));
        // R2FL draws both views: each method's pair SSIM (its lateral against the bundle's F2L of
        // its frontal); single-view tasks have none.
        for (const char *method : {"model", "nearest_neighbour", "mean_image"}) {
            const Json &pair = m["tasks"]["R2FL"]["methods"][method]["pair_ssim"];
            QVERIFY2(pair.isNumber() && pair.toNumber() >= -1 && pair.toNumber() <= 1, method);
        }
        QVERIFY(!m["tasks"]["R2F"]["methods"]["model"].contains("pair_ssim"));
        // The mean image gives every study the same picture: the classifier cannot rank it (AUC 0.5).
        const Json &meanAuc = m["tasks"]["R2F"]["methods"]["mean_image"]["views"]["frontal"]["finding_auc"]["mean"];
        if (meanAuc.isNumber())
            QCOMPARE(meanAuc.toNumber(), 0.5);
        QVERIFY(m["finding_classifier"]["frontal"]["auc_on_ground_truth_test"]["per_finding"].size() == 14);
        QVERIFY(m["downstream"]["trained_on_generated"].isObject());
        QVERIFY(m["downstream"]["trained_on_ground_truth"].isObject());
        QCOMPARE(m["downstream"]["training_studies"].toInt(), 8);
        const Json &ood = m["ood"];
        QVERIFY(ood["reconstruction_threshold"].toNumber() > 0);
        QVERIFY(ood["distance_threshold"].toNumber() > 0);
        QCOMPARE(ood["simulated_test"]["images"].toInt(), 2 * testStudies);
        if (o.realDirectory.empty())
            QVERIFY(ood["real"].isString());
        else
            QCOMPARE(ood["real"]["images"].toInt(), 275);
        QVERIFY(m["notes"]["frechet_distance"].toString().find("NOT on Inception") != std::string::npos);

        QFile md(QString::fromStdString(result->metricsMarkdown));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(md.readAll());
        for (const char *heading : {"## Model versus baselines", "## Reports", "## Images", "## Finding fidelity", "## Out-of-distribution check"})
            QVERIFY2(markdown.contains(QLatin1String(heading)), heading);
        QVERIFY(markdown.contains(QStringLiteral("| F2L | SSIM (lateral) |")));
        QVERIFY(markdown.contains(QStringLiteral("| F2R | BLEU-4 |")));
        QVERIFY(markdown.contains(QStringLiteral("| R2FL | model | ")) && markdown.contains(QStringLiteral("Pair SSIM:")));

        // The workstation's route: the detector reads <bundle>/ood.json.
        auto detector = generation::OodDetector::load(m_bundle);
        QVERIFY2(detector.isOk(), detector.message().c_str());
        generation::ImageData flat;
        flat.width = flat.height = 48;
        flat.pixels.assign(48 * 48, 0.0f);
        auto score = detector.value()->score(flat);
        QVERIFY2(score.isOk(), score.message().c_str());
        QVERIFY(score->distance >= 0 && score->distance <= 2);
        QVERIFY(score->reconstruction >= 0);

        // The finding classifiers are cached for the next run.
        QVERIFY(QFile::exists(QString::fromStdString(m_out + "/finding-classifier-frontal.pt")));
    }

    // The real-image sections on stand-ins written from the simulated test studies: pairs (F2L and
    // L2F against the true view, with the two baselines), a labelled folder (F2R against NORMAL /
    // PNEUMONIA folders), named out-of-distribution sets and the layout score.
    void evaluatesRealImageSections()
    {
        const QDir png(QString::fromStdString(m_data + "/png"));
        const QStringList frontals = png.entryList({QStringLiteral("*_frontal.png")}, QDir::Files, QDir::Name);
        QVERIFY(frontals.size() >= 6);
        const QString pairs = m_dir.filePath(QStringLiteral("real-pairs")), labelled = m_dir.filePath(QStringLiteral("real-labelled/val"));
        QVERIFY(QDir().mkpath(pairs) && QDir().mkpath(labelled + "/NORMAL") && QDir().mkpath(labelled + "/PNEUMONIA"));
        for (int i = 0; i < 3; ++i) {
            const QString id = frontals[i].left(frontals[i].size() - int(strlen("_frontal.png")));
            QVERIFY(QFile::copy(png.filePath(frontals[i]), pairs + "/" + id + "_frontal.png"));
            QVERIFY(QFile::copy(png.filePath(id + "_lateral.png"), pairs + "/" + id + "_lateral.png"));
            QVERIFY(QFile::copy(png.filePath(frontals[i]), labelled + "/NORMAL/" + id + ".png"));
            QVERIFY(QFile::copy(png.filePath(frontals[i + 3]), labelled + "/PNEUMONIA/person" + QString::number(i) + "_bacteria_1.png"));
        }
        // A second labelled set of normals only, as the normal adults beside the adult pneumonias.
        const QString normals = m_dir.filePath(QStringLiteral("real-labelled-normals"));
        QVERIFY(QDir().mkpath(normals + "/NORMAL"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(QFile::copy(png.filePath(frontals[i + 1]), normals + "/NORMAL/n" + QString::number(i) + ".png"));
        // A checkerboard: nothing like a chest.
        QImage board(64, 64, QImage::Format_Grayscale8);
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x)
                board.setPixel(x, y, ((x / 8 + y / 8) % 2) ? qRgb(255, 255, 255) : qRgb(0, 0, 0));
        const QString checker = m_dir.filePath(QStringLiteral("checker.png"));
        QVERIFY(board.save(checker));

        evaluation::EvaluationOptions o;
        o.bundle = m_bundle;
        o.data = m_data;
        o.out = m_dir.filePath(QStringLiteral("out-real")).toStdString();
        o.tasks = {generation::Task::F2L};
        o.limit = 2;
        o.trainLimit = 0;
        o.steps = 2;
        o.reportMaxTokens = 16;
        o.classifierEpochs = 1;
        o.classifierMinimumSteps = 0;
        o.classifierSize = 32;
        o.downstream = 0;
        // Asked to write ood.json into the bundle, with a handful of validation images: refused,
        // the bundle's thresholds stay as they are.
        o.saveOod = true;
        const QString bundleOod = QString::fromStdString(m_bundle + "/ood.json");
        auto bytes = [](const QString &path) { QFile f(path); return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(); };
        const QByteArray oodBefore = bytes(bundleOod);
        o.realPairs = pairs.toStdString();
        o.realLabelled = {labelled.toStdString(), normals.toStdString()};
        o.oodSets = {{"checkerboard", {checker.toStdString()}}, {"labelled stand-ins", {labelled.toStdString()}}};
        // A chest CT volume: 4 axial, coronal and sagittal slices scored as what a user opening a
        // CT series would hand the model.
        const QString ct = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/ct/P001.nii.gz");
        if (QFile::exists(ct))
            o.oodSets.push_back({"chest CT slices", {ct.toStdString()}});
        else
            qInfo("shared CT data absent (%s): the CT slice set is not scored", qPrintable(ct));
        o.log = [](const std::string &line) { qInfo("%s", line.c_str()); };
        auto result = evaluation::evaluate(o);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
        std::string error;
        const Json m = readMetrics(result->metricsJson, error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(m["ood"]["saved_to_bundle"].toBool(true), false);
        QCOMPARE(bytes(bundleOod), oodBefore);
        QVERIFY(QFile::exists(QString::fromStdString(o.out + "/ood.json")));
        const Json &p = m["real"]["pairs"];
        QCOMPARE(p["pairs"].toInt(), 3);
        for (const char *task : {"F2L", "L2F"})
            for (const char *method : {"model", "mean_real_view", "nearest_neighbour"}) {
                QVERIFY2(p[task][method]["ssim"].isNumber(), (std::string(task) + " " + method).c_str());
                QVERIFY(p[task][method]["ssim"].toNumber() <= 1.0);
                QCOMPARE(p[task][method]["pairs"].toInt(), 3);
            }
        const Json &l = m["real"]["labelled_frontals"][labelled.toStdString()];
        QCOMPARE(l["images"].toInt(), 6);
        QCOMPARE(l["abnormal"].toInt(), 3);
        QCOMPARE(l["normal"].toInt(), 3);
        QVERIFY(l["model"]["auc"].isNull()); // this bundle has no finding classifiers: no scores, no AUC
        QVERIFY(l["model"]["sensitivity"].isNumber() && l["model"]["specificity"].isNumber());
        QVERIFY(l["model"]["readability"]["self_contradiction_rate"].isNumber());
        QCOMPARE(l["model"]["readability"]["self_contradiction_rate"].toNumber(), 0.0); // the final pass resolves them all
        QVERIFY(l["most_frequent_report"]["sensitivity"].isNumber());
        // Every image's record, and the two sets pooled (the second adds normals only).
        QCOMPARE(l["model"]["per_image"].size(), size_t(6));
        int abnormalRecords = 0;
        for (const Json &e : l["model"]["per_image"].items()) {
            abnormalRecords += e["abnormal"].toBool();
            QVERIFY(!e["states_abnormal"].isNull() && e["score"].isNull() && !e["draft"].toString().empty());
        }
        QCOMPARE(abnormalRecords, 3);
        const Json &pool = m["real"]["labelled_pooled"];
        QCOMPARE(pool["sets"].toInt(), 2);
        const Json &second = m["real"]["labelled_frontals"][normals.toStdString()];
        QVERIFY(second["images"].toInt() >= 1); // a set's own split may put one in its training share
        QCOMPARE(pool["images"].toInt(), 6 + second["images"].toInt());
        QCOMPARE(pool["abnormal"].toInt(), 3);
        QCOMPARE(pool["normal"].toInt(), 3 + second["images"].toInt());
        QCOMPARE(pool["sensitivity"].toNumber(), l["model"]["sensitivity"].toNumber()); // every abnormal image is in the first set
        QVERIFY(pool["specificity"].isNumber());
        QVERIFY(pool["auc"].isNull());
        // The run scores F2L: each labelled frontal also gets a lateral, read by the lateral classifier.
        const Json &lateral = l["synthesized_lateral"];
        QCOMPARE(lateral["images"].toInt(), 6);
        QVERIFY(lateral["auc"].isNumber() && lateral["auc"].toNumber() >= 0 && lateral["auc"].toNumber() <= 1);
        QVERIFY(lateral["mean_score_abnormal"].isNumber() && lateral["mean_score_normal"].isNumber());
        const Json &sets = m["ood"]["sets"];
        QCOMPARE(sets["checkerboard"]["images"].toInt(), 1);
        QCOMPARE(sets["labelled stand-ins"]["images"].toInt(), 6);
        QVERIFY(m["ood"]["layout_threshold"].toNumber() > 0);
        QVERIFY(sets["checkerboard"]["median_layout"].toNumber() > m["ood"]["layout_threshold"].toNumber());
        QCOMPARE(sets["checkerboard"]["flagged"].toInt(), 1);
        if (QFile::exists(ct)) {
            QCOMPARE(sets["chest CT slices"]["images"].toInt(), 12);
            QVERIFY(sets["chest CT slices"]["median_layout"].isNumber());
        }
        QFile md(QString::fromStdString(result->metricsMarkdown));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(md.readAll());
        QVERIFY(markdown.contains(QLatin1String("## Real images")));
        QVERIFY(markdown.contains(QLatin1String("### F2L on labelled real frontals")));
        // Only the lateral classifier was trained (F2L alone): the finding section gives its size.
        QVERIFY2(markdown.contains(QLatin1String("a small CNN, 32 px")), qPrintable(markdown.mid(markdown.indexOf(QLatin1String("## Finding fidelity")), 200)));
        QVERIFY(markdown.contains(QLatin1String("| F2L | mean_real_view |")));
        QVERIFY(markdown.contains(QLatin1String("### F2R on labelled real frontals")));
        QVERIFY(markdown.contains(QLatin1String("| all 2 sets pooled | ")));
    }

    // Choosing settings without the test split: --split validation scores the first validation
    // studies, sets the out-of-distribution thresholds on the others and leaves the bundle's
    // ood.json alone; the guidance is the bundle's recommendation per task unless one is given.
    void scoresTheValidationSplit()
    {
        const int validationStudies = studiesInSplit(m_data, "validation");
        if (validationStudies < 3)
            QSKIP("the simulated dataset drew fewer than 3 validation studies");
        const std::string ood = m_bundle + "/" + generation::OodDetector::kFileName;
        const bool hadOod = QFile::exists(QString::fromStdString(ood));
        const QByteArray oodBefore = hadOod ? [&] { QFile f(QString::fromStdString(ood)); f.open(QIODevice::ReadOnly); return f.readAll(); }() : QByteArray();
        evaluation::EvaluationOptions o;
        o.bundle = m_bundle;
        o.data = m_data;
        o.out = m_dir.filePath(QStringLiteral("validation-out")).toStdString();
        o.split = "validation";
        o.saveOod = true; // asked for, and still not written: the validation split chooses settings
        o.minimumOodCalibration = 1;
        o.tasks = {generation::Task::F2L};
        o.limit = 2;
        o.trainLimit = 0;
        o.steps = 2;
        o.downstream = 0;
        o.classifierEpochs = 1;
        o.classifierMinimumSteps = 0;
        o.classifierSize = 32;
        auto result = evaluation::evaluate(o);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
        QCOMPARE(result->testStudies, size_t(2));
        std::string error;
        const Json m = readMetrics(result->metricsJson, error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(m["data"]["scored_split"].toString(), std::string("validation"));
        QCOMPARE(m["data"]["validation_studies_used"].toInt(), validationStudies - 2);
        QCOMPARE(m["settings"]["guidance"]["F2L"].toNumber(), generation::kDefaultGuidance);
        QFile md(QString::fromStdString(result->metricsMarkdown));
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(md.readAll().contains("Scored on the validation split"));
        QCOMPARE(QFile::exists(QString::fromStdString(ood)), hadOod);
        if (hadOod) {
            QFile after(QString::fromStdString(ood));
            QVERIFY(after.open(QIODevice::ReadOnly));
            QCOMPARE(after.readAll(), oodBefore);
        }

        // Labelled real frontals (the stand-in folder of evaluatesRealImageSections): scoring the
        // validation split takes those a test run with the same limit never scores.
        const QString labelled = m_dir.filePath(QStringLiteral("real-labelled/val"));
        if (!QDir(labelled).exists())
            QSKIP("the labelled stand-ins of evaluatesRealImageSections are missing");
        o.realLabelled = {labelled.toStdString()};
        o.realLimit = 2;
        auto imagesOf = [&](const std::string &split) {
            o.split = split;
            o.out = m_dir.filePath(QString::fromStdString("labelled-" + split)).toStdString();
            auto run = evaluation::evaluate(o);
            std::set<std::string> images;
            if (!run.ok())
                return images;
            std::string err;
            const Json l = readMetrics(run->metricsJson, err)["real"]["labelled_frontals"][labelled.toStdString()];
            for (const Json &example : l["model"]["examples"].items())
                images.insert(example["image"].toString());
            if (split == "validation" && l["selection"].toString().find("never scores") == std::string::npos)
                images.clear();
            return images;
        };
        const std::set<std::string> validationImages = imagesOf("validation"), testImages = imagesOf("test");
        QCOMPARE(validationImages.size(), size_t(2));
        QCOMPARE(testImages.size(), size_t(2));
        for (const std::string &image : validationImages)
            QVERIFY2(!testImages.count(image), image.c_str());
    }

    // The finding classifier trains on one LibTorch thread whatever the caller set: before, a run
    // with --threads 1 and one with --threads 2 trained different classifiers from the same data
    // and seed, and their finding AUCs differed by up to 0.03.
    void findingClassifierDoesNotDependOnTheThreadCount()
    {
        // 48 images: a disc whose radius carries the first label, plus texture noise.
        std::vector<generation::ImageData> images(48);
        std::vector<generation::FindingLabels> labels(images.size());
        uint32_t state = 12345;
        auto noise = [&] { state = state * 1664525u + 1013904223u; return float(state >> 8) / float(1 << 24); };
        for (size_t i = 0; i < images.size(); ++i) {
            auto &image = images[i];
            image.width = image.height = 32;
            const float radius = i % 2 ? 11.0f : 6.0f;
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    image.pixels.push_back(std::hypot(x - 15.5f, y - 15.5f) < radius ? 0.8f : 0.2f + 0.1f * noise());
            labels[i].fill(0);
            labels[i][1] = int8_t(i % 2);
            labels[i][2] = int8_t(i % 3 == 0);
        }
        std::vector<const generation::ImageData *> pointers;
        for (const auto &image : images)
            pointers.push_back(&image);
        generation::FindingClassifierOptions o;
        o.size = 32;
        o.epochs = 3;
        o.minimumSteps = 0;
        o.batch = 8;
        std::vector<std::vector<generation::FindingScores>> scores;
        for (int threads : {2, 1}) {
            generation::Generator::setThreads(threads);
            auto classifier = generation::FindingClassifier::train(pointers, labels, o);
            QVERIFY2(classifier.isOk(), classifier.message().c_str());
            auto predicted = classifier.value()->predict(pointers);
            QVERIFY2(predicted.isOk(), predicted.message().c_str());
            scores.push_back(predicted.value());
        }
        QCOMPARE(scores[0].size(), images.size());
        for (size_t i = 0; i < images.size(); ++i)
            for (size_t k = 0; k < scores[0][i].size(); ++k)
                QVERIFY2(scores[0][i][k] == scores[1][i][k], // exactly, not QCOMPARE's fuzzy float compare
                         qPrintable(QStringLiteral("image %1, finding %2: %3 vs %4").arg(i).arg(k).arg(double(scores[0][i][k]), 0, 'g', 9).arg(double(scores[1][i][k]), 0, 'g', 9)));
    }

    void commandLine()
    {
        // The command as a user runs it.
        const QString cli = QStringLiteral(RADSYNTH_BINARY_DIR "/bin/radsynth-cli");
        if (!QFile::exists(cli))
            QSKIP("radsynth-cli is not built");
        const QString out = m_dir.filePath(QStringLiteral("cli-out"));
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(cli, {QStringLiteral("evaluate"), QStringLiteral("--bundle"), QString::fromStdString(m_bundle), QStringLiteral("--data"),
                            QString::fromStdString(m_data), QStringLiteral("--tasks"), QStringLiteral("F2L,F2R"), QStringLiteral("--limit"),
                            QStringLiteral("2"), QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--downstream"), QStringLiteral("0"),
                            QStringLiteral("--report-max-tokens"), QStringLiteral("16"), QStringLiteral("--no-save-ood"), QStringLiteral("--real"),
                            QString(), QStringLiteral("--out"), out});
        QVERIFY(process.waitForFinished(300000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QVERIFY(QString::fromUtf8(process.readAllStandardOutput()).contains(QStringLiteral("evaluated 2 task(s) on 2 test studies")));
        std::string error;
        const Json m = readMetrics((out + QStringLiteral("/metrics.json")).toStdString(), error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(m["tasks"].size(), size_t(2));
        QVERIFY(m["tasks"]["F2L"]["methods"]["model"]["views"]["lateral"]["ssim"].isNumber());
        // The autoencoder ceiling of a paired task: the true view through the autoencoder.
        const Json &ceiling = m["tasks"]["F2L"]["methods"]["autoencoder_ceiling"]["views"]["lateral"];
        QVERIFY(ceiling["ssim"].isNumber() && ceiling["psnr"].isNumber());
        QVERIFY(ceiling["ssim"].toNumber() > 0 && ceiling["ssim"].toNumber() <= 1.0);
        QVERIFY(m["tasks"]["F2R"]["methods"]["model"]["bleu4"].isNumber());
        QVERIFY(m["downstream"].contains("skipped"));
        QVERIFY(QFile::exists(out + QStringLiteral("/metrics.md")));

        // A missing --data is a usage error with one line on stderr.
        process.start(cli, {QStringLiteral("evaluate"), QStringLiteral("--bundle"), QString::fromStdString(m_bundle)});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("--data is required")));
    }

private:
    // metrics.json and metrics.md of two runs: every line but the timings.
    static QStringList linesButTimings(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringList{QStringLiteral("cannot read ") + path};
        QStringList kept;
        for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n')))
            if (!line.contains(QLatin1String("\"seconds\"")) && !line.contains(QLatin1String("\"runtime_seconds\"")) &&
                !line.startsWith(QLatin1String("- Runtime")) && !line.startsWith(QLatin1String("F2L ")))
                kept << line;
        return kept;
    }
    static void compareMetricsButTimings(const QString &single, const QString &sharded)
    {
        for (const QString name : {QStringLiteral("metrics.json"), QStringLiteral("metrics.md")}) {
            const QStringList a = linesButTimings(single + QLatin1Char('/') + name), b = linesButTimings(sharded + QLatin1Char('/') + name);
            QVERIFY2(a.size() > 20, qPrintable(name));
            QCOMPARE(b, a);
        }
        // The real-image sections and the out-of-distribution rates are in both, computed (by the merge).
        std::string error;
        const Json m = readMetrics((sharded + QStringLiteral("/metrics.json")).toStdString(), error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(m["real"]["pairs"]["pairs"].toInt(), 3);
        QCOMPARE(m["real"]["labelled_frontals"].size(), size_t(1));
        QCOMPARE(m["ood"]["sets"]["checkerboard"]["images"].toInt(), 1);
    }

    QStringList shardedSettings() const
    {
        return {QStringLiteral("evaluate"), QStringLiteral("--bundle"), QString::fromStdString(m_bundle), QStringLiteral("--data"),
                QString::fromStdString(m_data), QStringLiteral("--tasks"), QStringLiteral("F2L,R2F,F2R"), QStringLiteral("--limit"),
                QStringLiteral("5"), QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--downstream"), QStringLiteral("0"),
                QStringLiteral("--report-max-tokens"), QStringLiteral("16"), QStringLiteral("--classifier-epochs"), QStringLiteral("2"),
                QStringLiteral("--classifier-size"), QStringLiteral("32"), QStringLiteral("--no-save-ood"), QStringLiteral("--real"),
                QString(),
                // The real-image sections (evaluatesRealImageSections' sets): the merge runs them, once.
                QStringLiteral("--real-pairs"), m_dir.filePath(QStringLiteral("real-pairs")), QStringLiteral("--real-labelled"),
                m_dir.filePath(QStringLiteral("real-labelled/val")), QStringLiteral("--ood-set"),
                QStringLiteral("checkerboard=") + m_dir.filePath(QStringLiteral("checker.png"))};
    }


private Q_SLOTS:
    // A cluster run (issue 26): two shards save the model's outputs per study, the merge computes
    // every metric from them; metrics.json and metrics.md are the single run's but for the timings
    // (which differ between any two runs). The Slurm scripts carry the run's settings to the merge.
    void shardsMergeIntoTheSingleRunsMetrics()
    {
        const QString cli = QStringLiteral(RADSYNTH_BINARY_DIR "/bin/radsynth-cli");
        if (!QFile::exists(cli))
            QSKIP("radsynth-cli is not built");
        const QStringList settings = shardedSettings();
        auto run = [&](const QStringList &extra) {
            QProcess process;
            process.start(cli, settings + extra);
            const bool finished = process.waitForFinished(300000);
            return std::make_pair(finished && process.exitCode() == 0, QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
        };
        const QString single = m_dir.filePath(QStringLiteral("single-eval")), sharded = m_dir.filePath(QStringLiteral("sharded-eval"));
        auto done = run({QStringLiteral("--out"), single});
        QVERIFY2(done.first, qPrintable(done.second));
        // The merge refuses before the shards have run.
        done = run({QStringLiteral("--merge-shards"), QStringLiteral("2"), QStringLiteral("--out"), sharded});
        QVERIFY(!done.first);
        QVERIFY2(done.second.contains(QLatin1String("unfinished shards: 0, 1")), qPrintable(done.second));
        for (int i = 0; i < 2; ++i) {
            done = run({QStringLiteral("--shard"), QStringLiteral("%1/2").arg(i), QStringLiteral("--out"), sharded + QStringLiteral("/shards/%1").arg(i)});
            QVERIFY2(done.first && done.second.contains(QLatin1String("model outputs of")), qPrintable(done.second));
        }
        // A shard run again finds its studies saved.
        done = run({QStringLiteral("--shard"), QStringLiteral("1/2"), QStringLiteral("--out"), sharded + QStringLiteral("/shards/1")});
        QVERIFY2(done.first && done.second.contains(QLatin1String("model outputs of 0 studies")), qPrintable(done.second));
        done = run({QStringLiteral("--merge-shards"), QStringLiteral("2"), QStringLiteral("--out"), sharded});
        QVERIFY2(done.first, qPrintable(done.second));
        compareMetricsButTimings(single, sharded);
        // --slurm --dry-run: the merge job runs with the run's settings.
        done = run({QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("2"), QStringLiteral("--dry-run"), QStringLiteral("--out"),
                    m_dir.filePath(QStringLiteral("dry-eval"))});
        QVERIFY2(done.first, qPrintable(done.second));
        QVERIFY2(done.second.contains(QLatin1String("'--tasks' 'F2L,R2F,F2R'")) && done.second.contains(QLatin1String("--merge-shards 2")),
                 qPrintable(done.second));
        QVERIFY(done.second.contains(QLatin1String("'--limit' '5' '--steps' '2'")));
    }

    // The same run submitted to a real one-node Slurm cluster (scripts/slurm-local.sh): 3 array
    // tasks and the dependent merge job; the merged metrics are the single run's but for the
    // timings. Skipped, with the reason, where the cluster cannot start.
    void aRealSlurmClusterGivesTheSingleRunsMetrics()
    {
        const QString cli = QStringLiteral(RADSYNTH_BINARY_DIR "/bin/radsynth-cli");
        const QString single = m_dir.filePath(QStringLiteral("single-eval")), cluster = m_dir.filePath(QStringLiteral("cluster-eval"));
        if (!QFile::exists(cli) || !QFile::exists(single + QStringLiteral("/metrics.json")))
            QSKIP("radsynth-cli is not built, or the single run of shardsMergeIntoTheSingleRunsMetrics is missing");
        radsynth::testing::LocalSlurm slurm(m_dir.filePath(QStringLiteral("slurm-run")));
        if (const QString why = slurm.start(); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no one-node Slurm cluster could be started here: ") + why));
        const auto submit = radsynth::testing::runProgram(cli, shardedSettings() + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"),
                                                                                            QStringLiteral("3"), QStringLiteral("--cpus-per-task"),
                                                                                            QStringLiteral("1"), QStringLiteral("--out"), cluster});
        const bool merged = submit.exitCode == 0 &&
                            slurm.waitFor([&] { return QFileInfo::exists(cluster + QStringLiteral("/metrics.md")); }, 240);
        slurm.stop();
        QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
        QVERIFY2(submit.out.contains(QLatin1String("submitted array job")), qPrintable(submit.out));
        QVERIFY2(merged, "the array and merge jobs did not finish within 4 minutes");
        // Three shards ran as array tasks (each left its done marker), then the merge.
        for (int i = 0; i < 3; ++i)
            QVERIFY2(QFileInfo::exists(cluster + QStringLiteral("/shards/%1/done").arg(i)), qPrintable(QStringLiteral("shard %1").arg(i)));
        compareMetricsButTimings(single, cluster);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationRun)
#include "TestEvaluationRun.moc"
