// Self-contradiction in reports: detection by side, the "otherwise" scope, and resolution that
// keeps the impression's (or the finding classifiers') side.
#include "radsynth/report/Consistency.h"

#include <QtTest>

using namespace radsynth::report;

class ConsistencyTest : public QObject {
    Q_OBJECT

    Labeler m_labeler;

    std::vector<Contradiction> check(const QString &text) { return contradictions(m_labeler.label(text), text); }

private Q_SLOTS:
    void detectsAnObservationStatedBothWays()
    {
        const auto found = check(QStringLiteral("Small right pleural effusion. No pleural effusion or pneumothorax."));
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().observation, Observation::PleuralEffusion);
        QVERIFY(found.front().positive >= 1 && found.front().negative >= 1);
    }

    // A denial of what a finding implies: airspace disease (lung opacity) for a consolidation or a
    // pneumonia, consolidation for a pneumonia. Resolution removes the denial when the classifiers
    // see the pneumonia, the pneumonia when they do not.
    void deniedAirspaceDiseaseContradictsAPneumonia()
    {
        const QString draft = QStringLiteral("FINDINGS: There is a right lower lobe pneumonia. The heart size is normal. "
                                             "No focal airspace disease.\nIMPRESSION: Right lower lobe pneumonia.");
        const auto found = check(draft);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().observation, Observation::Pneumonia);
        QVERIFY(found.front().positive >= 2 && found.front().negative >= 1);
        QCOMPARE(check(QStringLiteral("Left basilar consolidation. No focal airspace disease.")).size(), size_t(1));
        QCOMPARE(check(QStringLiteral("Right lower lobe pneumonia. No consolidation.")).size(), size_t(1));
        // Not contradictions: other sides, "otherwise", atelectasis beside clear airspaces, a
        // pneumonia denied and a consolidation stated (a consolidation need not be a pneumonia).
        QVERIFY(check(QStringLiteral("Right lower lobe pneumonia. No left-sided airspace disease.")).empty());
        QVERIFY(check(QStringLiteral("Right lower lobe pneumonia. No airspace disease otherwise.")).empty());
        QVERIFY(check(QStringLiteral("No focal airspace disease. Mild bibasilar atelectasis.")).empty());
        QVERIFY(check(QStringLiteral("Right basilar consolidation. No pneumonia.")).empty());

        std::array<int8_t, kObservationCount> present;
        present.fill(-1);
        present[size_t(int(Observation::Pneumonia))] = 1;
        Resolution r = resolveContradictions(draft, m_labeler, present);
        QVERIFY2(!r.text.contains(QLatin1String("No focal airspace disease")), qPrintable(r.text));
        QVERIFY(r.text.contains(QLatin1String("There is a right lower lobe pneumonia.")));
        QVERIFY(r.text.contains(QLatin1String("The heart size is normal.")));
        QVERIFY(check(r.text).empty());
        present[size_t(int(Observation::Pneumonia))] = 0;
        r = resolveContradictions(draft, m_labeler, present);
        QVERIFY2(!r.text.contains(QLatin1String("pneumonia")), qPrintable(r.text));
        QVERIFY(r.text.contains(QLatin1String("No focal airspace disease.")));
        QVERIFY(check(r.text).empty());
    }

    // "No acute cardiopulmonary abnormality." denies the acute findings (pneumonia, consolidation,
    // edema, pneumothorax), not the chronic ones radiologists list beside it. A draft of 1.0.3 on a
    // real adult frontal: "Impression: please correlate clinically for pneumonia. No acute
    // cardiopulmonary abnormality."
    void noAcuteAbnormalityContradictsAnAcuteFinding()
    {
        const QString draft = QStringLiteral("Findings: Normal heart size and mediastinal contours. Impression: Right lower lobe pneumonia. "
                                             "No acute cardiopulmonary abnormality.");
        const auto found = check(draft);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().observation, Observation::Pneumonia);
        QCOMPARE(check(QStringLiteral("Small left apical pneumothorax. Impression: No acute cardiopulmonary disease.")).size(), size_t(1));
        QCOMPARE(check(QStringLiteral("Mild pulmonary edema. No acute disease.")).size(), size_t(1));
        // Chronic findings beside it, and a whole-study statement without "acute": no contradiction.
        QVERIFY(check(QStringLiteral("Calcified granuloma. Stable left basilar scarring. Impression: No acute cardiopulmonary abnormality.")).empty());
        QVERIFY(check(QStringLiteral("Small chronic left pleural effusion. No acute cardiopulmonary abnormality.")).empty());
        QVERIFY(check(QStringLiteral("Right lower lobe pneumonia. Otherwise no acute cardiopulmonary abnormality.")).empty());
        // Resolved by the classifiers' reading; without one the finding stays ("no acute" is the
        // stock phrase, the finding was stated on purpose), also when "no acute" comes last.
        std::array<int8_t, kObservationCount> present;
        present.fill(-1);
        present[size_t(int(Observation::Pneumonia))] = 0;
        Resolution r = resolveContradictions(draft, m_labeler, present);
        QVERIFY2(!r.text.contains(QLatin1String("pneumonia")), qPrintable(r.text));
        QVERIFY(r.text.contains(QLatin1String("No acute cardiopulmonary abnormality.")));
        QVERIFY(check(r.text).empty());
        r = resolveContradictions(draft, m_labeler);
        QVERIFY2(!r.text.contains(QLatin1String("No acute")), qPrintable(r.text));
        QVERIFY(r.text.contains(QLatin1String("Right lower lobe pneumonia.")));
        QVERIFY(check(r.text).empty());
        // An explicit denial still counts as the last statement.
        r = resolveContradictions(QStringLiteral("No acute cardiopulmonary abnormality. Right lower lobe pneumonia. No pneumonia."), m_labeler);
        QVERIFY2(!r.text.contains(QLatin1String("lobe pneumonia")), qPrintable(r.text));
    }

    void differentSidesAndScopedDenialsAreNotContradictions()
    {
        QVERIFY(check(QStringLiteral("Small right pleural effusion. No left pleural effusion.")).empty());
        QVERIFY(check(QStringLiteral("Opacity in the right lower lobe. The lungs are otherwise clear.")).empty());
        QVERIFY(check(QStringLiteral("The heart is normal in size. No pneumothorax. No pleural effusion.")).empty());
        QVERIFY(check(QStringLiteral("Possible small effusion. No pleural effusion.")).empty()); // hedged: not a contradiction
    }

    void resolutionKeepsTheImpressionSide()
    {
        const QString draft = QStringLiteral("FINDINGS: Moderate cardiomegaly. No pleural effusion.\n"
                                             "IMPRESSION: Stable cardiomegaly with a small left pleural effusion.");
        const Resolution r = resolveContradictions(draft, m_labeler);
        QCOMPARE(r.resolved.size(), size_t(1));
        QCOMPARE(r.removedSentences, 1);
        QVERIFY2(!r.text.contains(QLatin1String("No pleural effusion")), qPrintable(r.text));
        QVERIFY(r.text.contains(QLatin1String("small left pleural effusion")));
        QVERIFY(r.text.contains(QLatin1String("Moderate cardiomegaly.")));
        QVERIFY(check(r.text).empty());
    }

    void resolutionFollowsTheClassifiersWhenGiven()
    {
        const QString draft = QStringLiteral("FINDINGS: No pneumothorax. IMPRESSION: Small right pneumothorax.");
        std::array<int8_t, kObservationCount> present;
        present.fill(-1);
        present[size_t(int(Observation::Pneumothorax))] = 0; // the classifiers say absent
        const Resolution r = resolveContradictions(draft, m_labeler, present);
        QVERIFY2(!r.text.contains(QLatin1String("Small right pneumothorax")), qPrintable(r.text));
        QVERIFY(r.text.contains(QLatin1String("No pneumothorax.")));
        QVERIFY(check(r.text).empty());
    }

    void namesLobesWithTheirSide()
    {
        QCOMPARE(namedLobes(QStringLiteral("There is a right lower lobe pneumonia.")), int(RightLowerLobe));
        QCOMPARE(namedLobes(QStringLiteral("Right middle lobe and lower lobe infiltrate.")), RightMiddleLobe | RightLowerLobe);
        QCOMPARE(namedLobes(QStringLiteral("Opacities in the right middle and lower lobes.")), RightMiddleLobe | RightLowerLobe);
        QCOMPARE(namedLobes(QStringLiteral("Left upper lobe nodule; lingular atelectasis.")), LeftUpperLobe | Lingula);
        // No lobe: a level without "lobe", without a side, or a left middle lobe.
        QCOMPARE(namedLobes(QStringLiteral("Right lower thoracic spine fusion.")), 0);
        QCOMPARE(namedLobes(QStringLiteral("Bibasilar lower lobe atelectasis.")), 0);
        QCOMPARE(namedLobes(QStringLiteral("Right lower lung opacity.")), 0);
        QCOMPARE(namedLobes(QStringLiteral("Left middle lobe.")), 0);
    }

    // The draft the model wrote on a real frontal: the impression moves the pneumonia.
    void anImpressionThatMovesALungFindingConflicts()
    {
        const QString moved = QStringLiteral("Findings: There is a right lower lobe pneumonia. No pneumothorax or pleural effusion. "
                                             "Impression: Right upper lobe pneumonia.");
        auto found = locationConflicts(m_labeler.label(moved), moved);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(moved.mid(found.front().start, found.front().length).trimmed(), QStringLiteral("Right upper lobe pneumonia."));
        QCOMPARE(found.front().findingsZones, int(RightLowerZone));
        QCOMPARE(found.front().sentenceZones, int(RightUpperZone));
        // A lobe the findings did not name, added to the one they did.
        const QString added = QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: Right middle lobe and lower lobe infiltrate.");
        QCOMPARE(locationConflicts(m_labeler.label(added), added).size(), size_t(1));
        QCOMPARE(locationConflictCount(added.toStdString()), 1);
        // Zones named without lobes: the commonest abnormal draft of 1.0.3 on real adults.
        const QString zone = QStringLiteral("Findings: small amount of left basilar patchy opacities. No pneumothorax or pleural effusions. "
                                            "Impression: few small nodular opacities in the left upper lung.");
        found = locationConflicts(m_labeler.label(zone), zone);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().findingsZones, int(LeftLowerZone));
        QCOMPARE(found.front().sentenceZones, int(LeftUpperZone));
    }

    // The draft 1.0.3 wrote on a real adult frontal (covid-chestxray): the effusion changes side.
    void anImpressionThatMovesAnEffusionToTheOtherSideConflicts()
    {
        const QString moved = QStringLiteral("Findings: there is a small left pleural effusion/hemothorax. The cardiac contours are normal. "
                                             "No pneumothorax. Impression: small right-sided pleural effusion.");
        const auto found = locationConflicts(m_labeler.label(moved), moved);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(moved.mid(found.front().start, found.front().length).trimmed(), QStringLiteral("small right-sided pleural effusion."));
        const QString pneumothorax = QStringLiteral("Findings: Small right apical pneumothorax. Impression: Left pneumothorax.");
        QCOMPARE(locationConflictCount(pneumothorax.toStdString()), 1);
        for (const QString &fine : {
                 // Both sides, or no side, in the findings; the same side; a denial.
                 QStringLiteral("Findings: Small bilateral pleural effusions. Impression: Small right pleural effusion."),
                 QStringLiteral("Findings: Small left and trace right pleural effusions. Impression: Right pleural effusion."),
                 QStringLiteral("Findings: Small pleural effusion. Impression: Small right pleural effusion."),
                 QStringLiteral("Findings: Small left pleural effusion. Impression: Small left-sided pleural effusion."),
                 QStringLiteral("Findings: Small left pleural effusion. Impression: No right pleural effusion."),
             })
            QVERIFY2(locationConflicts(m_labeler.label(fine), fine).empty(), qPrintable(fine));
    }

    void anImpressionOnlyDeviceOrFracture()
    {
        const QString drifted = QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: Right lower thoracic spine fusion.");
        const auto found = impressionOnlyClaims(m_labeler.label(drifted), drifted);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(drifted.mid(found.front().start, found.front().length).trimmed(), QStringLiteral("Right lower thoracic spine fusion."));
        QCOMPARE(found.front().observation, Observation::SupportDevices);
        for (const QString &fine : {
                 QStringLiteral("Findings: Old healed left rib fracture. Impression: Healed left rib fracture."),
                 QStringLiteral("Findings: The lungs are clear. Impression: No acute fracture."),  // a denial
                 QStringLiteral("Findings: Impression: Left PICC line tip in the SVC."),          // no findings
                 QStringLiteral("Right lower thoracic spine fusion."),                              // no impression
             })
            QVERIFY2(impressionOnlyClaims(m_labeler.label(fine), fine).empty(), qPrintable(fine));
    }

    void namesZonesWithTheirSide()
    {
        QCOMPARE(namedZones(QStringLiteral("There is a right lower lobe pneumonia.")), int(RightLowerZone));
        QCOMPARE(namedZones(QStringLiteral("Left upper lobe nodule.")), LeftUpperZone | LeftMidZone);
        QCOMPARE(namedZones(QStringLiteral("Small amount of left basilar patchy opacities.")), int(LeftLowerZone));
        QCOMPARE(namedZones(QStringLiteral("Opacity at the right lung base.")), int(RightLowerZone));
        QCOMPARE(namedZones(QStringLiteral("Few small nodular opacities in the left upper lung.")), int(LeftUpperZone));
        QCOMPARE(namedZones(QStringLiteral("Right mid and lower lung field opacities.")), RightMidZone | RightLowerZone);
        QCOMPARE(namedZones(QStringLiteral("Nodule in the left midlung.")), int(LeftMidZone));
        QCOMPARE(namedZones(QStringLiteral("Right apical pleural thickening.")), int(RightUpperZone));
        QCOMPARE(namedZones(QStringLiteral("Bibasilar atelectasis.")), RightLowerZone | LeftLowerZone);
        QCOMPARE(namedZones(QStringLiteral("Minimal basilar atelectasis.")), RightLowerZone | LeftLowerZone);
        QCOMPARE(namedZones(QStringLiteral("Left greater than right basilar opacity.")), RightLowerZone | LeftLowerZone);
        QCOMPARE(namedZones(QStringLiteral("Decrease in right middle and right lower lobe opacification.")), RightMidZone | RightLowerZone);
        // None: a level without a lung word or a side.
        QCOMPARE(namedZones(QStringLiteral("Right lower thoracic spine fusion.")), 0);
        QCOMPARE(namedZones(QStringLiteral("Lower lobe opacity.")), 0);
        QCOMPARE(namedZones(QStringLiteral("Multifocal right-sided pneumonia.")), 0);
    }

    void anImpressionThatRestatesTheLocationIsFine()
    {
        for (const QString &report : {
                 QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: Right lower lobe pneumonia."),
                 QStringLiteral("Findings: Opacities in the right middle and lower lobes. Impression: Right lower lobe pneumonia."),
                 // The same zone named as a lobe and as a base.
                 QStringLiteral("Findings: Patchy right basilar opacity. Impression: Right lower lobe pneumonia."),
                 QStringLiteral("Findings: There is a left lower lobe consolidation. Impression: Left basilar pneumonia."),
                 // No zone in the findings, or none in the impression: nothing to compare.
                 QStringLiteral("Findings: Patchy opacity. Impression: Right lower lobe pneumonia."),
                 QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: Multifocal right-sided pneumonia."),
                 // Not a lung finding; and a denial places nothing.
                 QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: Right lower thoracic spine fusion."),
                 QStringLiteral("Findings: Left lower lobe atelectasis. Impression: No right upper lobe consolidation."),
                 // No impression header.
                 QStringLiteral("There is a right lower lobe pneumonia. Right upper lobe pneumonia."),
             })
            QVERIFY2(locationConflicts(m_labeler.label(report), report).empty(), qPrintable(report));
    }

    void aConsistentReportIsLeftAlone()
    {
        const QString report = QStringLiteral("FINDINGS: Normal heart size. Clear lungs.\nIMPRESSION: No acute cardiopulmonary abnormality.");
        const Resolution r = resolveContradictions(report, m_labeler);
        QCOMPARE(r.text, report);
        QCOMPARE(r.removedSentences, 0);
    }
};

QTEST_GUILESS_MAIN(ConsistencyTest)
#include "ConsistencyTest.moc"
