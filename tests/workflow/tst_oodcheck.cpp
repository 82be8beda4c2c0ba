// The workstation's out-of-distribution check of generation inputs
// (workflow::OodCheck) with real scores: simulated studies rendered in-process,
// a tiny bundle (preset tiny, 32 px) whose autoencoder and encoders are trained
// on them for a few steps, thresholds calibrated with the evaluation's
// calibration (OodDetector::calibrate on training and validation images) and
// saved as <bundle>/ood.json. Simulated test-split images must mostly pass; a
// checkerboard and a noise image must be flagged; real frontals
// (../shared/data/real-cxr, when present) are scored and reported. A bundle
// without ood.json says the check is unavailable instead of failing.
#include "radsynth/datasets/Datasets.h"
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/OodDetector.h"
#include "radsynth/generation/Trainer.h"
#include "radsynth/simulation/Dataset.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/JobScheduler.h"
#include "radsynth/workflow/OodCheck.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace radsynth;
using workflow::OodCheck;
using workflow::OodInput;
using workflow::OodResult;

class TestOodCheck : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data, m_bundle;
    QStringList m_training, m_validation, m_test; // image files by split

    QString writePicture(const QString &name, const QImage &image)
    {
        const QString path = m_dir.filePath(name);
        return image.save(path) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        generation::Generator::setThreads(1); // a loaded 2-core machine: 1 thread is fastest
        simulation::DatasetOptions sim;
        sim.outDir = m_dir.filePath(QStringLiteral("data")).toStdString();
        sim.count = 48;
        sim.seed = 21;
        sim.size = 64;
        sim.dicom = true;
        sim.validationFraction = 0.3;
        sim.testFraction = 0.2;
        auto written = simulation::writeDataset(sim, simulation::plannedCases(sim));
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        m_data = QString::fromStdString(sim.outDir);

        QFile manifest(m_data + QStringLiteral("/manifest.jsonl"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        while (!manifest.atEnd()) {
            const QJsonObject line = QJsonDocument::fromJson(manifest.readLine()).object();
            const QString id = line.value(QStringLiteral("study_id")).toString();
            const QString split = line.value(QStringLiteral("split")).toString();
            // The workstation opens DICOM: the test images go that way, the others as
            // PNG.
            QStringList &list = split == QLatin1String("test") ? m_test : split == QLatin1String("validation") ? m_validation : m_training;
            for (const char *view : {"frontal", "lateral"})
                list << (split == QLatin1String("test") ? m_data + QStringLiteral("/dicom/%1/%2.dcm").arg(id, QLatin1String(view))
                                                        : m_data + QLatin1Char('/') + line.value(QLatin1String(view)).toString());
        }
        QVERIFY2(m_training.size() >= 20 && m_validation.size() >= 10 && m_test.size() >= 6,
                 qPrintable(QStringLiteral("%1/%2/%3").arg(m_training.size()).arg(m_validation.size()).arg(m_test.size())));
        QVERIFY(QFile::exists(m_test.first()));

        datasets::PrepareOptions prepare;
        prepare.root = sim.outDir;
        prepare.cachePath = m_dir.filePath(QStringLiteral("cache.rsc")).toStdString();
        prepare.resolution = 32;
        auto packed = datasets::prepareCache(prepare);
        QVERIFY2(packed.ok(), packed.ok() ? "" : packed.error().toString().c_str());
        m_bundle = m_dir.filePath(QStringLiteral("bundle"));
        // The stages the check uses: the autoencoder and the image/report encoders.
        for (auto stage : {generation::Stage::Autoencoder, generation::Stage::Align}) {
            generation::TrainOptions t;
            t.stage = stage;
            t.cachePath = prepare.cachePath;
            t.bundleDirectory = m_bundle.toStdString();
            t.preset = "tiny";
            t.steps = 150;
            t.batch = 8;
            t.validateEvery = 0;
            t.sampleEvery = 0;
            t.checkpointEvery = 1000;
            t.tokenizerMinCount = 1;
            t.quiet = true;
            auto result = generation::train(t);
            QVERIFY2(result.isOk(), result.message().c_str());
        }
    }

    void unavailableWithoutCalibration()
    {
        QVERIFY(!QFile::exists(m_bundle + QStringLiteral("/ood.json")));
        OodCheck check(m_bundle);
        QVERIFY(!check.calibrated());
        const OodResult result = check.check(OodInput{QStringLiteral("frontal"), m_test.first()});
        QCOMPARE(result.state, OodResult::State::Unavailable);
        QVERIFY(!result.flagged());
        QCOMPARE(result.message, OodCheck::unavailableText());
        QCOMPARE(OodCheck::statusText(result), QStringLiteral("out-of-distribution check unavailable (bundle not evaluated)"));
        QVERIFY(OodCheck::warningText(result).isEmpty());
        QCOMPARE(OodCheck::provenanceText({result}), OodCheck::unavailableText());
    }

    void calibrateAndScore()
    {
        // The evaluation's calibration, on images read the way the workstation
        // reads its inputs.
        std::vector<generation::ImageData> training, validation;
        for (const QString &path : std::as_const(m_training)) {
            auto image = workflow::GenerationService::loadInput(path, 32);
            QVERIFY2(image.ok(), qPrintable(path));
            training.push_back(std::move(image.value()));
        }
        for (const QString &path : std::as_const(m_validation)) {
            auto image = workflow::GenerationService::loadInput(path, 32);
            QVERIFY2(image.ok(), qPrintable(path));
            validation.push_back(std::move(image.value()));
        }
        std::vector<const generation::ImageData *> trainingPointers, validationPointers;
        for (const auto &image : training)
            trainingPointers.push_back(&image);
        for (const auto &image : validation)
            validationPointers.push_back(&image);
        {
            auto features = generation::BundleFeatures::load(m_bundle.toStdString());
            QVERIFY2(features.isOk(), features.message().c_str());
            QVERIFY(features.value()->hasAutoencoder());
            auto calibration = generation::OodDetector::calibrate(*features.value(), trainingPointers, validationPointers);
            QVERIFY2(calibration.isOk(), calibration.message().c_str());
            QVERIFY(calibration->distanceThreshold > 0 && calibration->reconstructionThreshold > 0);
            const generation::Status saved =
                generation::OodDetector::save(calibration.value(), (m_bundle + QStringLiteral("/ood.json")).toStdString());
            QVERIFY2(saved, saved.message().c_str());
            qInfo("thresholds: reconstruction %.5f, distance %.4f (%zu validation "
                  "images)",
                  calibration->reconstructionThreshold, calibration->distanceThreshold, validation.size());
        }

        workflow::GenerationService service(m_bundle);
        OodCheck *check = service.oodCheck();
        QVERIFY(check->calibrated());

        // In distribution: simulated test-split studies, as DICOM files. The
        // thresholds are the 99th percentile of the validation scores, so a few may
        // exceed them; most must not.
        int flagged = 0;
        for (const QString &path : std::as_const(m_test)) {
            const OodResult r = check->check(OodInput{QFileInfo(path).baseName(), path});
            QVERIFY2(r.scored(), qPrintable(r.message));
            qInfo("simulated %s: ratio %.2f (reconstruction %.5f, distance %.4f)", qPrintable(QFileInfo(path).fileName()), r.ratio,
                  r.reconstruction, r.distance);
            flagged += r.flagged() ? 1 : 0;
        }
        qInfo("simulated test images flagged: %d of %lld", flagged, qlonglong(m_test.size()));
        QVERIFY2(flagged * 4 <= m_test.size(),
                 qPrintable(QStringLiteral("%1 of %2 simulated images flagged").arg(flagged).arg(m_test.size())));
        const OodResult inside = check->check(OodInput{QStringLiteral("frontal"), m_test.first()});
        if (!inside.flagged()) {
            QVERIFY(OodCheck::warningText(inside).isEmpty());
            QVERIFY(OodCheck::statusText(inside).startsWith(QStringLiteral("Input within the model's training data")));
        }

        // Clearly different: a checkerboard and uniform noise.
        // The noise is in 8 px blocks: finer noise averages out to grey at the
        // model's resolution.
        QImage board(256, 256, QImage::Format_Grayscale8), noise(256, 256, QImage::Format_Grayscale8);
        std::mt19937 random(7);
        std::vector<uchar> blocks(32 * 32);
        for (uchar &value : blocks)
            value = uchar(random() % 256);
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x) {
                board.scanLine(y)[x] = ((x / 16 + y / 16) % 2) ? 230 : 25;
                noise.scanLine(y)[x] = blocks[size_t(y / 8) * 32 + size_t(x / 8)];
            }
        for (const QString &path :
             {writePicture(QStringLiteral("checkerboard.png"), board), writePicture(QStringLiteral("noise.png"), noise)}) {
            QVERIFY(!path.isEmpty());
            const OodResult r = check->check(OodInput{QStringLiteral("frontal"), path});
            qInfo("%s: ratio %.2f (reconstruction %.5f, distance %.4f)", qPrintable(QFileInfo(path).fileName()), r.ratio, r.reconstruction,
                  r.distance);
            QCOMPARE(r.state, OodResult::State::OutOfDistribution);
            QVERIFY(r.ratio > 1.0);
            const QString warning = OodCheck::warningText(r);
            QVERIFY2(warning.startsWith(QStringLiteral("Input unlike the model's training data (score ")), qPrintable(warning));
            QVERIFY(warning.contains(QStringLiteral(" times the threshold): treat the synthetic output "
                                                    "with extra caution")));
            QVERIFY(warning.contains(QString::number(r.ratio, 'f', r.ratio < 1.05 ? 2 : 1)));
            const QString why = OodCheck::explanation(r);
            QVERIFY(why.contains(QString::number(r.distanceThreshold, 'f', 3)));
            QVERIFY(why.contains(QStringLiteral("reconstruction error")));
            QVERIFY(OodCheck::provenanceText({inside, r}).startsWith(QStringLiteral("frontal: Input unlike")));
        }

        // Real radiographs: the model saw only simulated ones.
        const QDir real(QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/real-cxr/openist-normal-pa"));
        const QStringList files = real.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
        if (files.isEmpty()) {
            qInfo("no real frontals at %s: not scored", qPrintable(real.path()));
        } else {
            int realFlagged = 0, realCount = 0;
            for (const QString &file : files.mid(0, 12)) {
                const OodResult r = check->check(OodInput{QStringLiteral("frontal"), real.filePath(file)});
                QVERIFY2(r.scored(), qPrintable(r.message));
                ++realCount;
                realFlagged += r.flagged() ? 1 : 0;
                qInfo("real %s: ratio %.2f (reconstruction %.5f, distance %.4f)", qPrintable(file), r.ratio, r.reconstruction, r.distance);
            }
            qInfo("real frontals flagged: %d of %d", realFlagged, realCount);
            QVERIFY2(realFlagged * 2 > realCount,
                     qPrintable(QStringLiteral("only %1 of %2 real frontals flagged").arg(realFlagged).arg(realCount)));
        }
    }

    void runsAsAJob()
    {
        // Off the GUI thread: a job on the scheduler, results delivered on the
        // worker thread.
        workflow::GenerationService service(m_bundle);
        workflow::JobScheduler scheduler;
        QList<OodResult> results;
        std::mutex mutex;
        QSignalSpy finished(&scheduler, &workflow::JobScheduler::jobFinished);
        const QString board = m_dir.filePath(QStringLiteral("checkerboard.png"));
        QVERIFY(QFile::exists(board));
        const workflow::JobId id = scheduler.submit(
            service.oodCheck()->makeJob({OodInput{QStringLiteral("frontal"), board}, OodInput{QStringLiteral("lateral"), m_test.at(1)}},
                                        [&](const QList<OodResult> &r) {
                                            std::lock_guard<std::mutex> lock(mutex);
                                            results = r;
                                        }));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
        QCOMPARE(scheduler.info(id).state, workflow::JobState::Finished);
        std::lock_guard<std::mutex> lock(mutex);
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].view, QStringLiteral("frontal"));
        QVERIFY(results[0].flagged());
        QCOMPARE(results[1].view, QStringLiteral("lateral"));
        QVERIFY(results[1].scored());
        QCOMPARE(OodCheck::worst(results).view, QStringLiteral("frontal"));

        // A damaged calibration is a message, not a crash.
        QFile damaged(m_bundle + QStringLiteral("/ood.json"));
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("{ not json");
        damaged.close();
        OodCheck check(m_bundle);
        const OodResult r = check.check(OodInput{QStringLiteral("frontal"), m_test.first()});
        QCOMPARE(r.state, OodResult::State::Failed);
        QVERIFY2(r.message.startsWith(QStringLiteral("out-of-distribution check unavailable: ")), qPrintable(r.message));
    }
};

QTEST_GUILESS_MAIN(TestOodCheck)
#include "tst_oodcheck.moc"
