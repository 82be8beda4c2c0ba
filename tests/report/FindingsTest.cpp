#include "radsynth/report/Findings.h"

#include <QtTest>

using namespace radsynth::report;

class FindingsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void idsMatchTheTrainingCacheOrder()
    {
        const char *expected[] = {"no_finding", "enlarged_cardiomediastinum", "cardiomegaly", "lung_opacity", "lung_lesion", "edema",
                                  "consolidation", "pneumonia", "atelectasis", "pneumothorax", "pleural_effusion", "pleural_other",
                                  "fracture", "support_devices"};
        for (int i = 0; i < kObservationCount; ++i) {
            QCOMPARE(QString::fromLatin1(observationId(static_cast<Observation>(i))), QString::fromLatin1(expected[i]));
            QCOMPARE(observationFromId(QString::fromLatin1(expected[i])), std::optional<Observation>(static_cast<Observation>(i)));
        }
    }

    void parsesCommandLineSyntax()
    {
        auto findings = parseFindings(QStringLiteral("cardiomegaly;pleural_effusion:left:moderate; pneumonia:uncertain"));
        QVERIFY(findings.ok());
        QCOMPARE(int(findings->size()), 3);
        QCOMPARE((*findings)[0], (Finding{Observation::Cardiomegaly, Status::Positive, Side::Unspecified, Severity::Unspecified}));
        QCOMPARE((*findings)[1], (Finding{Observation::PleuralEffusion, Status::Positive, Side::Left, Severity::Moderate}));
        QCOMPARE((*findings)[2].status, Status::Uncertain);
        QCOMPARE(formatFindings(*findings), QStringLiteral("cardiomegaly;pleural_effusion:left:moderate;pneumonia:uncertain"));
    }

    void rejectsUnknownWords()
    {
        QVERIFY(!parseFindings(QStringLiteral("cardiomegally")).ok());
        QVERIFY(!parseFindings(QStringLiteral("pleural_effusion:upper")).ok());
        QVERIFY(parseFindings(QString()).ok());
    }

    void jsonRoundTrip()
    {
        const FindingSet findings = {{Observation::Pneumothorax, Status::Positive, Side::Right, Severity::Small},
                                     {Observation::Edema, Status::Negative, Side::Unspecified, Severity::Unspecified},
                                     {Observation::SupportDevices, Status::Uncertain, Side::Bilateral, Severity::Severe}};
        const QJsonArray json = findingsToJson(findings);
        QCOMPARE(json.at(0).toObject().value(QStringLiteral("side")).toString(), QStringLiteral("right"));
        QVERIFY(!json.at(1).toObject().contains(QStringLiteral("side")));
        auto back = findingsFromJson(json);
        QVERIFY(back.ok());
        QVERIFY(*back == findings);
        QJsonArray broken = json;
        broken.append(QJsonObject{{QStringLiteral("observation"), QStringLiteral("nothing")}});
        QVERIFY(!findingsFromJson(broken).ok());
    }
};

QTEST_GUILESS_MAIN(FindingsTest)
#include "FindingsTest.moc"
