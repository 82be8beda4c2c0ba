// The generation service never hands the reviewer a draft that states an observation both present
// and absent: resolveDraftContradictions on the report and every draft, the classifiers' side kept.
// It names the sentences the model composed (no training report of the shipped model holds them).
#include "radsynth/report/Consistency.h"
#include "radsynth/workflow/GenerationService.h"

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
};

QTEST_GUILESS_MAIN(TstDraftConsistency)
#include "tst_draftconsistency.moc"
