// Fragments (sentences no radiologist would write) and the final pass over drafts: what the check
// catches, what real radiologists' sentences it leaves alone, and the draft that comes out.
#include "radsynth/report/Readability.h"

#include "radsynth/generation/SentenceSet.h"

#include <QtTest>

using namespace radsynth::report;

class ReadabilityTest : public QObject {
    Q_OBJECT

    static QStringList reasons(const QString &text)
    {
        QStringList out;
        for (const auto &f : fragments(text))
            out << f.reason;
        return out;
    }

private Q_SLOTS:
    void catchesWhatTheOldModelWrote()
    {
        // Drafts 0.6.0 wrote from a real CR chest PA (issue 23).
        QCOMPARE(reasons(QStringLiteral("Impression: the cardiac and mediastinum.")), QStringList{QStringLiteral("no statement")});
        QCOMPARE(reasons(QStringLiteral("Impression: stable cm lung are inflammatory XXXX would be secondary to these edema")).size(), 1);
        QCOMPARE(reasons(QStringLiteral("The heart is normal in size and the.")), QStringList{QStringLiteral("ends on 'the'")});
        QCOMPARE(reasons(QStringLiteral("Stable cm lung opacity is seen.")), QStringList{QStringLiteral("'cm' without a number")});
        QCOMPARE(reasons(QStringLiteral("No acute acute disease.")), QStringList{QStringLiteral("repeats 'acute'")});
        QCOMPARE(reasons(QStringLiteral("And scattered calcified granulomas.")), QStringList{QStringLiteral("starts with 'and'")});
        // 1.0's first F2R draft on the real CR, and a sampled one.
        QCOMPARE(reasons(QStringLiteral("No with no pulmonary disease.")), QStringList{QStringLiteral("'no with'")});
        QCOMPARE(reasons(QStringLiteral("Findings: Lungs are clear.\nImpression: 1.")), QStringList{QStringLiteral("list number without an item")});
        QCOMPARE(reasons(QStringLiteral("Findings: the be difficult to completely exclude a superimposed pneumonia.")), QStringList{QStringLiteral("'the be'")});
        // 1.0.3 on real adult frontals, 2026-12-07: a verb "to be" before a modal, a part of the
        // chest named alone.
        QCOMPARE(reasons(QStringLiteral("Impression: small left is may be difficult to completely exclude a superimposed pneumonia.")),
                 QStringList{QStringLiteral("'is may'")});
        QCOMPARE(reasons(QStringLiteral("Heart size is stable. Heart. The right hemidiaphragm is noted.")), QStringList{QStringLiteral("'heart' alone")});
        QCOMPARE(reasons(QStringLiteral("There is a right lower lobe pneumonia. Lobe.")), QStringList{QStringLiteral("'lobe' alone")});
        QCOMPARE(reasons(QStringLiteral("Findings: there is a right lower lobe pneumonia. Impression: right lower lobes.")),
                 QStringList{QStringLiteral("a place and nothing in it")});
        // Evening of 2026-12-07: a heart or mediastinum that "is" a lung finding; a sentence
        // repeated word for word in its section (not an impression restating the findings).
        QCOMPARE(reasons(QStringLiteral("Findings: there is a right lower lobe pneumonia. The cardiomediastinal silhouette is focal airspace disease.")),
                 QStringList{QStringLiteral("'cardiomediastinal silhouette is' a lung finding")});
        QCOMPARE(reasons(QStringLiteral("Impression: heart size is normal and lungs are clear. No airspace disease. no  airspace disease.")),
                 QStringList{QStringLiteral("repeats a sentence of its section")});
        QVERIFY(reasons(QStringLiteral("Findings: Right lower lobe pneumonia. No effusion. Impression: Right lower lobe pneumonia.\n1. No effusion."))
                    .isEmpty());
        QCOMPARE(fragmentPenalty("The heart is focal airspace disease. No effusion. No effusion."), 0.0);
        // These two are removed, not charged in the choice among drafts.
        QCOMPARE(fragmentPenalty("There is a right lower lobe pneumonia. Lobe."), 0.0);
        QCOMPARE(fragmentPenalty("There is a right lower lobe pneumonia. Lobe. And the."), kFragmentPenalty);
    }

    void leavesRadiologistsSentencesAlone()
    {
        const QString report = QStringLiteral(
            "FINDINGS: The heart is normal in size. The mediastinum is unremarkable. Lungs are clear. No pneumothorax.\n"
            "Nodule measuring 1.2 cm in the right midlung. Left lower lobe airspace disease, left greater than right.\n"
            "IMPRESSION: 1. Basilar atelectasis. 2. No acute cardiopulmonary abnormality. The opacity may represent atelectasis.\n"
            "Chest. Cardiomegaly. Emphysema. Normal. The effusion is probably small. Right lower lobe pneumonia.\n"
            "Left basilar atelectasis. Right upper lobe mass. The heart is enlarged. The mediastinum is widened.\n"
            "The heart is normal in size, the lungs show patchy opacity.");
        QVERIFY2(fragments(report).empty(), qPrintable(reasons(report).join(QLatin1String("; "))));
    }

    void finalDraftDropsFragmentsAndEmptySections()
    {
        const Labeler labeler;
        const FinalDraft d = finalizeDraft(QStringLiteral("Findings: The heart is normal in size. The lungs are clear.\nImpression: the cardiac and mediastinum."),
                                           labeler);
        QCOMPARE(d.fragmentsRemoved, 1);
        // The impression went; one restating the (normal) findings takes its place.
        QVERIFY(d.impressionAdded);
        QCOMPARE(d.text, QStringLiteral("Findings: The heart is normal in size. The lungs are clear. Impression: no acute cardiopulmonary abnormality."));
        QVERIFY(fragments(d.text).empty());
        // Contradictions first, then fragments; a clean draft is left as it is.
        const FinalDraft both = finalizeDraft(QStringLiteral("Findings: No pleural effusion. Small left pleural effusion. Heart size the.\n"
                                                             "Impression: Small left pleural effusion."),
                                              labeler);
        QCOMPARE(both.contradictingRemoved, 1);
        QCOMPARE(both.fragmentsRemoved, 1);
        QVERIFY2(!both.text.contains(QLatin1String("No pleural effusion")) && !both.text.contains(QLatin1String("Heart size the")), qPrintable(both.text));
        const QString clean = QStringLiteral("Findings: Lungs are clear.\nImpression: No acute cardiopulmonary abnormality.");
        QCOMPARE(finalizeDraft(clean, labeler).text, clean);
        // Nothing but fragments (an untrained model): the draft is kept as written, not emptied.
        const QString garbage = QStringLiteral("the the of. and lung the.");
        QCOMPARE(finalizeDraft(garbage, labeler).text, garbage);
        QCOMPARE(finalizeDraft(garbage, labeler).fragmentsRemoved, 0);
        // A header the decoder left with nothing after it goes; one with its sentences on the next
        // line stays.
        QCOMPARE(finalizeDraft(QStringLiteral("Findings: Heart size within normal limits. No pneumothorax. Impression:"), labeler).text,
                 QStringLiteral("Findings: Heart size within normal limits. No pneumothorax. Impression: no acute cardiopulmonary abnormality."));
        QCOMPARE(finalizeDraft(QStringLiteral("Findings: Impression: No acute disease."), labeler).text, QStringLiteral("Impression: No acute disease."));
        const QString ownLines = QStringLiteral("FINDINGS:\nLungs are clear.\nIMPRESSION:\nNo acute disease.");
        QCOMPARE(finalizeDraft(ownLines, labeler).text, ownLines);
    }

    // An impression that moves the findings' pneumonia to another lobe goes (the findings keep
    // the location).
    void finalDraftDropsAnImpressionThatMovesALungFinding()
    {
        const Labeler labeler;
        const QString draft = QStringLiteral("Findings: There is a right lower lobe pneumonia. The cardiomediastinal silhouette is within "
                                             "normal limits. Impression: Right upper lobe pneumonia.");
        const FinalDraft d = finalizeDraft(draft, labeler);
        QCOMPARE(d.locationRemoved, 1);
        // The findings' own statement, restated, is the impression now.
        QCOMPARE(d.text, QStringLiteral("Findings: There is a right lower lobe pneumonia. The cardiomediastinal silhouette is within normal limits. "
                                        "Impression: right lower lobe pneumonia."));
        // The header stays with the impression's other sentences.
        QCOMPARE(finalizeDraft(QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: Right upper lobe pneumonia. "
                                              "No pleural effusion."), labeler).text,
                 QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: No pleural effusion."));
        // Not charged in the choice: the draft the classifiers prefer stays the report (its
        // findings keep the pneumonia), without the impression that moved it.
        QCOMPARE(fragmentPenalty(draft.toStdString()), 0.0);
        std::string report;
        std::vector<std::string> drafts{draft.toStdString(), "Findings: Normal heart size. Impression: No acute cardiopulmonary process."};
        int choice = -1;
        finishGeneratedReport(report, drafts, {-4.0, -5.0}, choice, {});
        QCOMPARE(choice, 0);
        QCOMPARE(QString::fromStdString(report), d.text);
    }

    // With the training sentences and the classifiers' reading, a composed sentence that states
    // what the classifiers read absent goes; a radiologist's sentence stating the same stays, as
    // does a composed one where the classifiers have no opinion; a draft is never emptied.
    void unsupportedComposedClaimsGo()
    {
        const Labeler labeler;
        const auto known = radsynth::generation::SentenceSet::fromReports(
            {"Findings: The heart size is normal. No pneumothorax. Impression: Sternotomy wires are intact."});
        std::array<int8_t, kObservationCount> present;
        present.fill(-1);
        present[size_t(int(Observation::SupportDevices))] = 0; // the classifiers see no device
        const UnsupportedClaims claims{&known};
        const QString draft = QStringLiteral("Findings: The heart size is normal. No pneumothorax. Impression: Right lower cervical spine fusion and sternotomy.");
        const FinalDraft d = finalizeDraft(draft, labeler, present, claims);
        QCOMPARE(d.unsupportedRemoved, 1);
        QCOMPARE(d.text, QStringLiteral("Findings: The heart size is normal. No pneumothorax. Impression: no acute cardiopulmonary abnormality."));
        // Without the training sentences the same sentence goes too, as a device only the
        // impression names (impressionOnlyClaims); with the device in the findings it would stay.
        QCOMPARE(finalizeDraft(draft, labeler, present).impressionOnlyRemoved, 1);
        const QString inFindings = QStringLiteral("Findings: Sternotomy wires are intact. No pneumothorax. Impression: Right lower cervical spine fusion and sternotomy.");
        QCOMPARE(finalizeDraft(inFindings, labeler, present).text, inFindings); // without the training sentences: kept
        QCOMPARE(finalizeDraft(inFindings, labeler, present, claims).unsupportedRemoved, 1);
        const QString radiologists = QStringLiteral("Findings: The heart size is normal. Sternotomy wires are intact. Impression: Sternotomy wires are intact.");
        QCOMPARE(finalizeDraft(radiologists, labeler, present, claims).text, radiologists);
        present[size_t(int(Observation::SupportDevices))] = -1; // no opinion: kept
        QCOMPARE(finalizeDraft(inFindings, labeler, present, claims).text, inFindings);
        present[size_t(int(Observation::SupportDevices))] = 0;
        const QString only = QStringLiteral("Impression: Right lower cervical spine fusion.");
        QCOMPARE(finalizeDraft(only, labeler, present, claims).text, only); // never emptied
    }

    // A draft without an impression gets one that restates its findings and nothing else.
    void anImpressionRestatesTheFindings()
    {
        const Labeler labeler;
        auto added = [&](QString text, const radsynth::generation::SentenceSet *known = nullptr) {
            addImpressionFromFindings(text, labeler, known);
            return text;
        };
        QCOMPARE(added(QStringLiteral("Findings: there is a right lower lobe pneumonia. Negative for pneumothorax or pleural effusion.")),
                 QStringLiteral("Findings: there is a right lower lobe pneumonia. Negative for pneumothorax or pleural effusion. "
                                "Impression: right lower lobe pneumonia."));
        // Uncertain findings stay uncertain; at most two sentences.
        QCOMPARE(added(QStringLiteral("Findings: Possible left basilar atelectasis. Small right pleural effusion. The heart is enlarged.")),
                 QStringLiteral("Findings: Possible left basilar atelectasis. Small right pleural effusion. The heart is enlarged. "
                                "Impression: Possible left basilar atelectasis. Small right pleural effusion."));
        // Normal findings: the usual impression.
        QCOMPARE(added(QStringLiteral("Findings: The lungs are clear. No pleural effusion or pneumothorax.")),
                 QStringLiteral("Findings: The lungs are clear. No pleural effusion or pneumothorax. Impression: no acute cardiopulmonary abnormality."));
        // Only a fracture present: not "no acute abnormality", and not the fracture either: none.
        const QString fracture = QStringLiteral("Findings: Old healed left 5th rib fracture. The lungs are clear.");
        QCOMPARE(added(fracture), fracture);
        // Only pleural thickening or a device present (an L2R test draft of 1.0.3, 2026-12-07):
        // the usual impression, as radiologists write after such findings.
        QCOMPARE(added(QStringLiteral("Findings: irregularity of the posterior right rib with underlying pleural thickening. "
                                      "No pneumothorax or pleural effusion.")),
                 QStringLiteral("Findings: irregularity of the posterior right rib with underlying pleural thickening. "
                                "No pneumothorax or pleural effusion. Impression: no acute cardiopulmonary abnormality."));
        QVERIFY(added(QStringLiteral("Findings: Endotracheal tube tip 4 cm above the carina. The lungs are clear."))
                    .endsWith(QLatin1String("Impression: no acute cardiopulmonary abnormality.")));
        // An impression already there, or nothing labelled: left alone.
        const QString has = QStringLiteral("Findings: Right lower lobe pneumonia. Impression: Pneumonia.");
        QCOMPARE(added(has), has);
        const QString nothing = QStringLiteral("Findings: Comparison none.");
        QCOMPARE(added(nothing), nothing);
        // With the training sentences, a composed sentence is not repeated...
        const auto known = radsynth::generation::SentenceSet::fromReports({"Findings: There is a right lower lobe pneumonia."});
        const QString composed = QStringLiteral("Findings: there is minimal patchy right lower lobe pleural based focal airspace disease.");
        QCOMPARE(added(composed, &known), composed + QStringLiteral(" Impression: right lower lobe airspace disease."));
        // ...but its finding is named in an impression's words, where no other sentence can be
        // restated: the lobe or zone it names, the size, the hedge (1.0.3's drafts on real adult
        // frontals, 2026-12-07).
        QCOMPARE(added(QStringLiteral("Findings: small amount of left basilar patchy opacities. The cardiomediastinal silhouette is within "
                                      "normal limits. There is no pneumothorax or pleural effusion."),
                       &known),
                 QStringLiteral("Findings: small amount of left basilar patchy opacities. The cardiomediastinal silhouette is within "
                                "normal limits. There is no pneumothorax or pleural effusion. Impression: left basilar opacity."));
        QVERIFY(added(QStringLiteral("Findings: Possible small bibasilar pleural based atelectases noted."), &known)
                    .endsWith(QLatin1String("Impression: possible small bibasilar atelectasis.")));
        QVERIFY(added(QStringLiteral("Findings: Blunting of the right costophrenic angle by a small effusion seen."), &known)
                    .endsWith(QLatin1String("Impression: small right pleural effusion.")));
        // "There is" goes only where a training report has the sentence without it.
        QVERIFY(added(QStringLiteral("Findings: There is a right lower lobe pneumonia."), &known)
                    .endsWith(QLatin1String("Impression: There is a right lower lobe pneumonia.")));
        const auto both = radsynth::generation::SentenceSet::fromReports({"Findings: There is a right lower lobe pneumonia. Impression: Right lower lobe pneumonia."});
        QVERIFY(added(QStringLiteral("Findings: There is a right lower lobe pneumonia."), &both).endsWith(QLatin1String("Impression: right lower lobe pneumonia.")));
    }

    // A composed sentence the labeler reads nothing in goes; a training sentence stating nothing
    // stays, and so do composed ones naming an observation or another abnormality. Sentences of
    // 1.0.3's drafts on real adult frontals, 2026-12-07.
    void aComposedSentenceStatingNothingGoes()
    {
        const Labeler labeler;
        const auto known = radsynth::generation::SentenceSet::fromReports({"Findings: 2 images. There is a right lower lobe pneumonia."});
        const QString draft = QStringLiteral("Findings: 2 images. There is a right lower lobe pneumonia. Two venous in the lingula. "
                                             "Mild degenerative changes noted of the thoracic spine. The right hemidiaphragm is noted. "
                                             "Impression: right lower lobe pneumonia.");
        const FinalDraft d = finalizeDraft(draft, labeler, std::nullopt, {}, &known);
        QCOMPARE(d.emptyComposedRemoved, 2);
        QCOMPARE(d.text, QStringLiteral("Findings: 2 images. There is a right lower lobe pneumonia. Mild degenerative changes noted of the "
                                        "thoracic spine. Impression: right lower lobe pneumonia."));
        // Without the training sentences nothing is known to be composed: nothing goes.
        QCOMPARE(finalizeDraft(draft, labeler).emptyComposedRemoved, 0);
        // A list number left without its item goes with it (the removal comes before the fragment
        // check), and the draft still ends with an impression.
        const FinalDraft listed =
            finalizeDraft(QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: 1. Two venous in the lingula."), labeler,
                          std::nullopt, {}, &known);
        QVERIFY2(fragments(listed.text).empty(), qPrintable(listed.text));
        QVERIFY2(!listed.text.contains(QLatin1String("1.")) && !listed.text.contains(QLatin1String("venous")), qPrintable(listed.text));
        QVERIFY2(listed.text.contains(QLatin1String("Impression: There is a right lower lobe pneumonia.")), qPrintable(listed.text));
        // A draft of nothing else is never emptied (nor left as a bare list number).
        const QString only = QStringLiteral("Impression: 1. Two venous in the lingula.");
        QCOMPARE(finalizeDraft(only, labeler, std::nullopt, {}, &known).text, only);
        // ... and so does one whose item was a fragment.
        const FinalDraft numbered = finalizeDraft(QStringLiteral("Findings: There is a right lower lobe pneumonia. Impression: 1. Two venous "
                                                                 "in the lingula. 2. Recommend follow the."),
                                                  labeler, std::nullopt, {}, &known);
        QVERIFY2(fragments(numbered.text).empty(), qPrintable(numbered.text));
        QVERIFY2(!numbered.text.contains(QLatin1String("2.")), qPrintable(numbered.text));
    }

    // An impression stating a device or a fracture the findings never mention goes, unless the
    // classifiers read it present; the findings are then restated.
    void anImpressionOnlyDeviceGoes()
    {
        const Labeler labeler;
        const QString draft = QStringLiteral("Findings: There is a right lower lobe pneumonia. The heart size and pulmonary vascularity appear "
                                             "within normal limits. No large pleural effusion or pneumothorax. Impression: right lower "
                                             "thoracic spine fusion.");
        std::array<int8_t, kObservationCount> present;
        present.fill(-1);
        const FinalDraft d = finalizeDraft(draft, labeler, present);
        QCOMPARE(d.impressionOnlyRemoved, 1);
        QVERIFY(d.impressionAdded);
        QVERIFY2(d.text.endsWith(QLatin1String("Impression: right lower lobe pneumonia.")), qPrintable(d.text));
        // The classifiers see a device: kept.
        present[size_t(int(Observation::SupportDevices))] = 1;
        QCOMPARE(finalizeDraft(draft, labeler, present).text, draft);
        // Mentioned in the findings: kept.
        const QString described = QStringLiteral("Findings: Sternotomy wires are intact. The lungs are clear. Impression: Postoperative changes of sternotomy.");
        present[size_t(int(Observation::SupportDevices))] = 0;
        QCOMPARE(finalizeDraft(described, labeler, present).text, described);
    }

    // A repeated "Impression:" (or "Findings:") goes; its sentences join the first section. Drafts
    // of 1.0.3 on real adult frontals, 2026-12-07.
    void aRepeatedSectionJoinsTheFirst()
    {
        const Labeler labeler;
        const FinalDraft twice = finalizeDraft(QStringLiteral("Findings: No pleural effusion or pneumothorax is seen. The heart is not enlarged. "
                                                              "Impression: no acute cardiopulmonary abnormality. Impression: 1. No acute cardiopulmonary disease"),
                                               labeler);
        QCOMPARE(twice.repeatedHeadersRemoved, 1);
        QCOMPARE(twice.text.count(QLatin1String("Impression:"), Qt::CaseInsensitive), 1);
        QVERIFY2(twice.text.contains(QLatin1String("Impression: no acute cardiopulmonary abnormality.")), qPrintable(twice.text));
        QVERIFY2(twice.text.contains(QLatin1String("No acute cardiopulmonary disease")), qPrintable(twice.text));
        const FinalDraft lower = finalizeDraft(QStringLiteral("Findings: The lungs are clear. impression: normal chest. impression: heart size is normal."), labeler);
        QCOMPARE(lower.repeatedHeadersRemoved, 1);
        QVERIFY2(lower.text.endsWith(QLatin1String("normal chest. Heart size is normal.")), qPrintable(lower.text));
        const FinalDraft findings = finalizeDraft(QStringLiteral("Findings: The lungs are clear. Findings: The heart is normal in size. Impression: normal chest."), labeler);
        QCOMPARE(findings.repeatedHeadersRemoved, 1);
        QCOMPARE(findings.text.count(QLatin1String("Findings:")), 1);
        // One of each: nothing changes.
        const QString once = QStringLiteral("Findings: The lungs are clear. Impression: Normal chest.");
        const FinalDraft kept = finalizeDraft(once, labeler);
        QCOMPARE(kept.repeatedHeadersRemoved, 0);
        QCOMPARE(kept.text, once);
    }

    void theReadableCandidateWins()
    {
        // The greedy draft has a fragment; a sampled one, a little less likely under the
        // classifiers, reads well: it is the one the user gets.
        std::string report;
        std::vector<std::string> drafts = {"Impression: the cardiac and mediastinum.", "Impression: No acute cardiopulmonary abnormality."};
        int choice = 0;
        finishGeneratedReport(report, drafts, {-1.0, -2.0}, choice, {});
        QCOMPARE(choice, 1);
        QCOMPARE(QString::fromStdString(report), QStringLiteral("Impression: No acute cardiopulmonary abnormality."));
        // A much likelier draft with one fragment still wins over an unlikely clean one; the pass
        // then removes its fragment.
        drafts = {"Findings: Small right pleural effusion. The the heart.\nImpression: Right pleural effusion.", "Impression: Normal chest."};
        finishGeneratedReport(report, drafts, {-1.0, -9.0}, choice, {});
        QCOMPARE(choice, 0);
        QVERIFY2(fragments(QString::fromStdString(report)).empty(), report.c_str());
        QVERIFY(QString::fromStdString(report).contains(QLatin1String("Small right pleural effusion.")));
    }
};

QTEST_GUILESS_MAIN(ReadabilityTest)
#include "ReadabilityTest.moc"
