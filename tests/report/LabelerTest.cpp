#include "radsynth/report/Labeler.h"

#include <QtTest>

using namespace radsynth::report;

namespace {
// Expected status "absent" means the observation is not mentioned at all.
QString statusText(const LabelResult &result, Observation observation)
{
    const Finding *finding = findFinding(result.findings, observation);
    return finding ? QString::fromLatin1(statusId(finding->status)) : QStringLiteral("absent");
}
} // namespace

class LabelerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sentences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("observation");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("side");
        QTest::addColumn<QString>("severity");
        auto row = [](const char *name, const char *text, const char *observation, const char *status, const char *side = "unspecified",
                      const char *severity = "unspecified") {
            QTest::newRow(name) << QString::fromUtf8(text) << QString::fromLatin1(observation) << QString::fromLatin1(status)
                                << QString::fromLatin1(side) << QString::fromLatin1(severity);
        };
        // Negation
        row("no evidence of", "There is no evidence of pleural effusion.", "pleural_effusion", "negative");
        row("no list 1", "No focal consolidation, pleural effusion, or pneumothorax.", "pneumothorax", "negative");
        row("no list 2", "No focal consolidation, pleural effusion, or pneumothorax.", "consolidation", "negative");
        row("without", "The lungs are hyperinflated without pneumothorax.", "pneumothorax", "negative");
        row("post not seen", "Pleural effusion or pneumothorax is not seen.", "pleural_effusion", "negative");
        row("post not identified", "A pneumothorax is not identified.", "pneumothorax", "negative");
        row("no visualized", "No visualized pneumothorax.", "pneumothorax", "negative");
        row("clear lungs", "Clear lungs.", "lung_opacity", "negative");
        row("lungs are clear", "The lungs are clear bilaterally.", "consolidation", "negative");
        row("clear of", "The lungs are clear of focal airspace disease, pneumothorax, or pleural effusion.", "pneumothorax", "negative");
        row("heart normal", "The heart is normal in size.", "cardiomegaly", "negative");
        row("heart wnl", "Heart size and pulmonary vascularity are within normal limits.", "cardiomegaly", "negative");
        row("cardiomediastinal normal", "The cardiomediastinal silhouette is within normal limits for size and contour.", "enlarged_cardiomediastinum", "negative");
        row("costophrenic sharp", "The costophrenic angles are sharp.", "pleural_effusion", "negative");
        row("resolved", "Interval resolution of the right lower lobe pneumonia.", "pneumonia", "negative");
        row("no longer seen", "The previously seen left effusion is no longer seen.", "pleural_effusion", "negative");
        row("negative for", "Negative for pneumothorax.", "pneumothorax", "negative");
        row("no pleural line to suggest", "There is no pleural line to suggest pneumothorax.", "pneumothorax", "negative");
        row("removed device", "Interval removal of the right internal jugular catheter.", "support_devices", "negative");
        row("no fracture", "No acute displaced rib fracture.", "fracture", "negative");
        // Uncertainty
        row("cannot exclude", "Cannot exclude pneumonia in the right lower lobe.", "pneumonia", "uncertain", "right");
        row("not excluded", "Early pneumonia is not excluded.", "pneumonia", "uncertain");
        row("may represent", "Left basilar opacity may represent atelectasis.", "atelectasis", "uncertain", "left");
        row("opacity before may", "Left basilar opacity may represent atelectasis.", "lung_opacity", "positive", "left");
        row("upper limits", "Heart size is upper limits of normal.", "cardiomegaly", "uncertain");
        row("borderline", "Borderline cardiomegaly.", "cardiomegaly", "uncertain");
        row("possible", "Possible small right pleural effusion.", "pleural_effusion", "uncertain", "right", "small");
        row("versus", "Bibasilar opacities, atelectasis versus infiltrate.", "atelectasis", "uncertain", "bilateral");
        row("suspicious for", "Findings suspicious for a pulmonary nodule in the left upper lobe.", "lung_lesion", "uncertain", "left");
        row("concerning for", "Right middle lobe airspace disease concerning for pneumonia.", "pneumonia", "uncertain", "right");
        row("probable", "Probable mild pulmonary edema.", "edema", "uncertain", "unspecified", "mild");
        // Positive with side and severity
        row("small left effusion", "There is a small left pleural effusion.", "pleural_effusion", "positive", "left", "small");
        row("bilateral effusions", "Moderate bilateral pleural effusions.", "pleural_effusion", "positive", "bilateral", "moderate");
        row("effusion right after", "Large pleural effusion on the right.", "pleural_effusion", "positive", "right", "large");
        row("right greater than left", "Pleural effusions, right greater than left.", "pleural_effusion", "positive", "bilateral");
        row("mild cardiomegaly", "Mild cardiomegaly.", "cardiomegaly", "positive", "unspecified", "mild");
        row("heart mildly enlarged", "The heart is mildly enlarged.", "cardiomegaly", "positive", "unspecified", "mild");
        row("cardiac silhouette enlarged", "The cardiac silhouette is markedly enlarged.", "cardiomegaly", "positive", "unspecified", "severe");
        row("apical pneumothorax", "Small right apical pneumothorax.", "pneumothorax", "positive", "right", "small");
        row("bibasilar atelectasis", "Bibasilar subsegmental atelectasis.", "atelectasis", "positive", "bilateral");
        row("lingular", "Lingular opacity.", "lung_opacity", "positive", "left");
        row("rib fracture", "Healed left rib fractures.", "fracture", "positive", "left");
        row("pacemaker", "Left-sided pacemaker with leads in the right atrium and right ventricle.", "support_devices", "positive", "left");
        row("sternotomy", "Median sternotomy wires are intact.", "support_devices", "positive");
        row("picc", "Right PICC line tip in the superior vena cava.", "support_devices", "positive", "right");
        row("widened mediastinum", "The mediastinum is widened.", "enlarged_cardiomediastinum", "positive");
        row("edema", "Diffuse interstitial edema.", "edema", "positive");
        row("consolidation", "Dense left lower lobe consolidation.", "consolidation", "positive", "left");
        row("nodule", "A 1 cm nodule in the right upper lobe.", "lung_lesion", "positive", "right");
        row("pleural thickening", "Biapical pleural thickening.", "pleural_other", "positive", "bilateral");
        row("stable cardiomegaly after no", "No acute disease, stable cardiomegaly.", "cardiomegaly", "positive");
        row("no change in", "No change in the moderate left pleural effusion.", "pleural_effusion", "positive", "left", "moderate");
        row("but scope", "No pneumothorax but there is a small right effusion.", "pleural_effusion", "positive", "right", "small");
        row("two sides in one sentence 1", "Left pleural effusion and right pneumothorax.", "pleural_effusion", "positive", "left");
        row("two sides in one sentence 2", "Left pleural effusion and right pneumothorax.", "pneumothorax", "positive", "right");
        // Not mentioned / no finding
        row("normal statement", "No acute cardiopulmonary abnormality.", "no_finding", "positive");
        row("normal blocked", "Mild cardiomegaly. No acute cardiopulmonary abnormality.", "no_finding", "absent");
        row("normal blocked by other", "Calcified granuloma in the right upper lobe. No acute disease.", "no_finding", "absent");
        row("pericardial effusion is not pleural", "Small pericardial effusion.", "pleural_effusion", "absent");
    }

    void sentences()
    {
        QFETCH(QString, text);
        QFETCH(QString, observation);
        QFETCH(QString, status);
        QFETCH(QString, side);
        QFETCH(QString, severity);
        const auto id = observationFromId(observation);
        QVERIFY(id.has_value());
        const LabelResult result = Labeler().label(text);
        QCOMPARE(statusText(result, *id), status);
        if (status == QLatin1String("absent"))
            return;
        const Finding *finding = findFinding(result.findings, *id);
        QCOMPARE(QString::fromLatin1(sideId(finding->side)), side);
        QCOMPARE(QString::fromLatin1(severityId(finding->severity)), severity);
    }

    void offsetsPointAtTheMention()
    {
        const QString text = QStringLiteral("FINDINGS: Small left pleural effusion.\nIMPRESSION: Cannot exclude pneumonia.");
        const ReportDocument document = ReportDocument::fromPlainText(text);
        const LabelResult result = Labeler().label(document);
        const QString labelled = document.findingsAndImpression();
        bool sawEffusion = false, sawPneumonia = false;
        for (const auto &mention : result.mentions) {
            const QString mentionText = labelled.mid(mention.start, mention.length);
            if (mention.observation == Observation::PleuralEffusion) {
                sawEffusion = true;
                QCOMPARE(mentionText, QStringLiteral("pleural effusion"));
                QCOMPARE(labelled.mid(mention.sentenceStart, mention.sentenceLength), QStringLiteral("Small left pleural effusion."));
            }
            if (mention.observation == Observation::Pneumonia) {
                sawPneumonia = true;
                QCOMPARE(mentionText, QStringLiteral("pneumonia"));
                QCOMPARE(mention.status, Status::Uncertain);
            }
        }
        QVERIFY(sawEffusion && sawPneumonia);
        const QJsonObject json = result.toJson(labelled);
        QCOMPARE(json.value(QStringLiteral("mentions")).toArray().first().toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("pleural effusion"));
    }

    void positiveWinsOverNegative()
    {
        const LabelResult result = Labeler().label(QStringLiteral("No right effusion. Small left pleural effusion."));
        QCOMPARE(result.statusOf(Observation::PleuralEffusion), Status::Positive);
        QCOMPARE(findFinding(result.findings, Observation::PleuralEffusion)->side, Side::Left);
        QCOMPARE(result.presentFindings().size(), std::size_t(1));
    }

    // The sides a report states its findings on (what drafting weighs against the classifier's
    // side, and the evaluation's side agreement): positive mentions only, bilateral both sides.
    void sideVectorReadsPositiveMentions()
    {
        const auto at = [](const std::array<int8_t, kObservationCount> &v, Observation o) { return int(v[size_t(o)]); };
        auto v = sideVector("No right effusion. Small left pleural effusion. Right lower lobe pneumonia.");
        QCOMPARE(at(v, Observation::PleuralEffusion), int(kSideLeft));
        QCOMPARE(at(v, Observation::Pneumonia), int(kSideRight));
        QCOMPARE(at(v, Observation::Pneumothorax), 0);
        v = sideVector("Bilateral pleural effusions. Cardiomegaly.");
        QCOMPARE(at(v, Observation::PleuralEffusion), int(kSideLeft | kSideRight));
        QCOMPARE(at(v, Observation::Cardiomegaly), 0); // stated, no side
        v = sideVector("Right pleural effusion. Left pleural effusion.");
        QCOMPARE(at(v, Observation::PleuralEffusion), int(kSideLeft | kSideRight));
        v = sideVector("No left pneumothorax.");
        QCOMPARE(at(v, Observation::Pneumothorax), 0);
    }
};

QTEST_GUILESS_MAIN(LabelerTest)
#include "LabelerTest.moc"
