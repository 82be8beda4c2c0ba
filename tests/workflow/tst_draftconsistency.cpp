// The generation service never hands the reviewer a draft that states an observation both present
// and absent: resolveDraftContradictions on the report and every draft, the classifiers' side kept.
// It names the sentences the model composed (no training report of the shipped model holds them).
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/imaging/ModelInput.h"
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/Readability.h"
#include "radsynth/simulation/Simulator.h"
#include "radsynth/workflow/GenerationService.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace radsynth;

class TstDraftConsistency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void contradictingSentencesLeaveTheDrafts()
    {
        generation::Generation g;
        g.report = "Findings: There is a small right pleural effusion. The heart is normal. Impression: No pleural effusion.";
        g.reportDrafts = {g.report, "Findings: No pneumothorax. Impression: Large left pneumothorax."};
        g.reportScores = {-1.0, -2.0};
        g.findingProbabilities.assign(14, 0.5f);
        g.findingProbabilities[size_t(int(report::Observation::PleuralEffusion))] = 0.9f; // the classifiers see fluid
        workflow::GenerationService::resolveDraftContradictions(g);
        const report::Labeler labeler;
        QVERIFY2(g.report.find("small right pleural effusion") != std::string::npos, g.report.c_str());
        QVERIFY2(g.report.find("No pleural effusion") == std::string::npos, g.report.c_str());
        QVERIFY(g.report.find("The heart is normal.") != std::string::npos);
        for (const std::string &draft : g.reportDrafts) {
            const QString text = QString::fromStdString(draft);
            QVERIFY2(report::contradictions(labeler.label(text), text).empty(), draft.c_str());
        }
        // No classifier opinion on pneumothorax (0.5): the draft's impression wins.
        QVERIFY2(g.reportDrafts[1].find("Large left pneumothorax") != std::string::npos, g.reportDrafts[1].c_str());
    }

    // With the shipped model's training sentences (models/default/report_sentences.bin): the
    // garbled sentence of a real adult frontal's draft is composed, the radiologists' are not; the
    // terminal note quotes the report's own composed sentences only.
    void composedSentencesOfTheShippedModel()
    {
        workflow::GenerationService service(QStringLiteral(RADSYNTH_SOURCE_DIR "/models/default"));
        generation::Generation g;
        g.report = "Findings: Heart size and mediastinum difficult to expected thoracic aorta has normal contour. There is no pleural "
                   "effusion or pneumothorax. Impression: no acute cardiopulmonary finding.";
        g.reportDrafts = {g.report, "Findings: There is a right lower lobe pneumonia. Abnormal separation of tuberculous infection."};
        QCOMPARE(service.composedSentences(g),
                 (QStringList{QStringLiteral("Heart size and mediastinum difficult to expected thoracic aorta has normal contour."),
                              QStringLiteral("Abnormal separation of tuberculous infection.")}));
        const QString note = service.composedNote(g);
        QVERIFY2(note.contains(QLatin1String("\"Heart size and mediastinum difficult")) && !note.contains(QLatin1String("tuberculous")),
                 qPrintable(note));
        g.report = "Findings: There is no pleural effusion or pneumothorax.";
        QVERIFY(service.composedNote(g).isEmpty());
    }

    // The shipped model rewrites composed sentences of its chosen draft (Request::composedRetries)
    // on phantom frontals, seeds 0-23: the same draft chosen, the other drafts untouched, each
    // sentence rewritten is one a training report holds, the draft states the same findings
    // (the labeler's 14 values) and contradicts itself no more than before; over the 24 seeds
    // at least one sentence is rewritten.
    void theShippedModelRewritesComposedSentences()
    {
        auto loaded = generation::Generator::load(RADSYNTH_SOURCE_DIR "/models/default");
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        generation::Generator &model = *loaded.value();
        model.setReportLabeler(report::labelVector);
        model.setContradictionCounter(report::contradictionCount);
        model.setDraftPenalty(report::fragmentPenalty);
        const generation::SentenceSet &known = model.trainingSentences();
        QVERIFY(!known.empty());
        int rewritten = 0;
        // At least 24 studies; more until one chosen draft had a composed sentence to rewrite (since
        // 1.0.4 weighs drafts as finished, its picks hold fewer: none in the first 24 under 1.0.5).
        for (uint64_t seed = 0; seed < 24 || (rewritten == 0 && seed < 96); ++seed) {
            const auto simulated = simulation::simulateCase(100 + seed, {}, {256, false});
            auto input = imaging::prepareModelInput(simulated.frontal.toImage(), model.info().config.resolution);
            QVERIFY(input.ok());
            generation::Request r;
            r.task = generation::Task::F2R;
            r.frontal.width = r.frontal.height = input.value().side;
            for (uint16_t v : input.value().pixels)
                r.frontal.pixels.push_back(float(v) / 65535.0f);
            r.seed = seed;
            r.composedRetries = 0;
            auto plain = model.run(r);
            QVERIFY2(plain.isOk(), plain.message().c_str());
            r.composedRetries = 16;
            auto fixed = model.run(r);
            QVERIFY2(fixed.isOk(), fixed.message().c_str());
            const size_t chosen = size_t(plain->reportChoice);
            QCOMPARE(fixed->reportChoice, plain->reportChoice);
            QCOMPARE(fixed->reportDrafts.size(), plain->reportDrafts.size());
            for (size_t i = 0; i < plain->reportDrafts.size(); ++i)
                if (i != chosen)
                    QCOMPARE(fixed->reportDrafts[i], plain->reportDrafts[i]);
            QCOMPARE(known.novelSentences(fixed->report), known.novelSentences(plain->report) - fixed->composedRewritten);
            QCOMPARE(report::labelVector(fixed->report), report::labelVector(plain->report));
            QVERIFY2(report::contradictionCount(fixed->report) <= report::contradictionCount(plain->report), fixed->report.c_str());
            QCOMPARE(fixed->composedRewritten > 0, fixed->report != plain->report);
            // The final pass keeps the draft the generator chose and rewrote.
            generation::Generation finished = fixed.value();
            report::finishGeneratedReport(finished.report, finished.reportDrafts, finished.reportScores, finished.reportChoice,
                                          finished.findingProbabilities);
            QCOMPARE(finished.reportChoice, fixed->reportChoice);
            if (fixed->composedRewritten > 0)
                qInfo("seed %llu: %s\n  -> %s", (unsigned long long)seed, plain->report.c_str(), fixed->report.c_str());
            rewritten += fixed->composedRewritten;
        }
        QVERIFY(rewritten > 0);
    }

    // The generation cache on disk keeps what the reviewer's draft list says of each draft: its
    // composed-sentence count and how many the model rewrote (a restart reads them back).
    void theDiskCacheKeepsTheDraftCounts()
    {
        QTemporaryDir home;
        qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
        workflow::GenerationInputs inputs;
        inputs.studyKey = QStringLiteral("1.2.3.4.5");
        inputs.frontalPath = QStringLiteral(RADSYNTH_SOURCE_DIR "/resources/sample-study/SIM000001-PA.dcm");
        workflow::GenerationSettings settings;
        settings.task = generation::Task::F2R;
        workflow::GenerationService first(QStringLiteral(RADSYNTH_SOURCE_DIR "/models/default"));
        auto made = first.run(inputs, settings);
        QVERIFY2(made.ok(), made.ok() ? "" : made.error().toString().c_str());
        QCOMPARE(made.value().reportNovelSentences.size(), made.value().reportDrafts.size());
        QVERIFY(!made.value().reportDrafts.empty());
        workflow::GenerationService second(QStringLiteral(RADSYNTH_SOURCE_DIR "/models/default")); // an empty memory cache
        QVERIFY(second.generator().ok()); // the cache key names the model
        auto again = second.cached(second.cacheKey(inputs, settings));
        QVERIFY(again.has_value());
        QCOMPARE(again->report, made.value().report);
        QCOMPARE(again->reportDrafts, made.value().reportDrafts);
        QCOMPARE(again->reportNovelSentences, made.value().reportNovelSentences);
        QCOMPARE(again->composedRewritten, made.value().composedRewritten);
        qunsetenv("XDG_CACHE_HOME");
    }
};

QTEST_GUILESS_MAIN(TstDraftConsistency)
#include "tst_draftconsistency.moc"
