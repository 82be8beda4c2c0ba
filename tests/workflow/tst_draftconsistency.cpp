// The generation service never hands the reviewer a draft that states an observation both present
// and absent: resolveDraftContradictions on the report and every draft, the classifiers' side kept.
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
};

QTEST_GUILESS_MAIN(TstDraftConsistency)
#include "tst_draftconsistency.moc"
