// Tests on the real IU X-ray reports (skipped when ../shared/data/iu-xray is absent): labeler
// macro-F1 against MeSH on the val split, sentence-bank mining on the train split, and the composer
// writing reports that the labeler reads back as the requested findings, for all 14 observations.
#include "radsynth/report/Composer.h"
#include "radsynth/report/IuXml.h"
#include "radsynth/report/LabelerEvaluation.h"
#include "radsynth/report/SentenceBank.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace radsynth::report;

class IuDataTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString folder = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/iu-xray");
        if (!QFileInfo::exists(folder + QStringLiteral("/reports-train-val.tgz")))
            return;
        auto reports = loadIuCollection(folder + QStringLiteral("/reports-train-val.tgz"));
        QVERIFY2(reports.ok(), reports.ok() ? "" : reports.error().toString().c_str());
        auto splits = readR2GenSplit(folder + QStringLiteral("/r2gen-split.json"));
        QVERIFY(splits.ok());
        m_reports = std::move(*reports);
        for (const auto &report : m_reports) {
            const IuSplit split = splits->value(report.id, IuSplit::Unassigned);
            if (split == IuSplit::Train)
                m_train.push_back(&report);
            else if (split == IuSplit::Validation)
                m_val.push_back(&report);
        }
        m_bank = SentenceBank::mine(m_train, Labeler());
        m_haveData = true;
    }

    void splitSizes()
    {
        if (!m_haveData)
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        QCOMPARE(int(m_train.size()), 3062);
        QCOMPARE(int(m_val.size()), 382);
    }

    void meshMapping()
    {
        QCOMPARE(observationsForMeshTerm(QStringLiteral("Pleural Effusion/right/small")), std::vector<Observation>{Observation::PleuralEffusion});
        QCOMPARE(observationsForMeshTerm(QStringLiteral("Cardiomegaly/borderline")), std::vector<Observation>{Observation::Cardiomegaly});
        QCOMPARE(observationsForMeshTerm(QStringLiteral("normal")), std::vector<Observation>{Observation::NoFinding});
        QVERIFY(observationsForMeshTerm(QStringLiteral("Calcified Granuloma/lung/upper lobe/right")).empty());
        QVERIFY(!meshReference({QStringLiteral("No Indexing")}).has_value());
    }

    void macroF1OnValidation()
    {
        if (!m_haveData)
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        const auto evaluation = evaluateLabeler(Labeler(), m_val, QStringLiteral("val"), 30);
        qInfo().noquote() << evaluation.markdownTable();
        QVERIFY(evaluation.macroClasses().size() >= 3);
        QVERIFY2(evaluation.macroF1() >= 0.85, qPrintable(QStringLiteral("macro-F1 %1").arg(evaluation.macroF1())));
    }

    void sentenceBankMining()
    {
        if (!m_haveData)
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        QVERIFY(m_bank.sentences().size() > 500);
        const auto groups = m_bank.groups();
        QVERIFY(groups.count(QStringLiteral("normal:no_finding")) == 1);
        QVERIFY(groups.count(QStringLiteral("cardiomegaly:positive:unspecified:mild")) == 1);
        // Every sentence in a group reads back as its group.
        const Labeler labeler;
        for (const auto &sentence : m_bank.sentences()) {
            QVERIFY(!sentence.text.contains(QLatin1String("XXXX")));
            const LabelResult result = labeler.label(sentence.text);
            const Finding *present = sentence.presentFinding();
            if (present)
                QCOMPARE(result.statusOf(present->observation), present->status);
        }
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("bank.json"));
        QVERIFY(m_bank.save(path, QStringLiteral("test")).ok());
        auto loaded = SentenceBank::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->sentences().size(), m_bank.sentences().size());
        QCOMPARE(loaded->groups().size(), m_bank.groups().size());
        const auto missing = SentenceBank::load(folder.filePath(QStringLiteral("absent.json")));
        QVERIFY(!missing.ok());
        QVERIFY(QString::fromStdString(missing.error().message).contains(QLatin1String("radsynth-cli sentence-bank")));
    }

    void composerReadsBack_data()
    {
        QTest::addColumn<QString>("findings");
        for (Observation observation : allObservations())
            QTest::newRow(observationId(observation)) << QString::fromLatin1(observationId(observation));
        QTest::newRow("effusion left moderate") << QStringLiteral("pleural_effusion:left:moderate");
        QTest::newRow("two findings") << QStringLiteral("cardiomegaly;pleural_effusion:left:moderate");
        QTest::newRow("uncertain pneumonia") << QStringLiteral("pneumonia:uncertain");
        QTest::newRow("three findings") << QStringLiteral("edema;pleural_effusion:bilateral:small;support_devices");
    }

    void composerReadsBack()
    {
        if (!m_haveData)
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        QFETCH(QString, findings);
        auto requested = parseFindings(findings);
        QVERIFY(requested.ok());
        const Composer composer(m_bank);
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            auto composed = composer.compose(*requested, seed);
            QVERIFY2(composed.ok(), composed.ok() ? "" : composed.error().message.c_str());
            const LabelResult result = Labeler().label(composed->document);
            for (const auto &wanted : *requested)
                QCOMPARE(result.statusOf(wanted.observation), wanted.status);
            for (const auto &found : result.presentFindings())
                QVERIFY2(findFinding(*requested, found.observation),
                         qPrintable(QStringLiteral("unrequested %1 in: %2").arg(QLatin1String(observationId(found.observation)),
                                                                                  composed->document.toPlainText())));
            QVERIFY(!composed->document.findings().isEmpty());
            QVERIFY(!composed->document.impression().isEmpty());
            // Deterministic for a seed.
            auto again = composer.compose(*requested, seed);
            QVERIFY(again.ok());
            QCOMPARE(again->document, composed->document);
        }
    }

    void exactSideAndSeverityWhenTheBankHasThem()
    {
        if (!m_haveData)
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        const Finding wanted{Observation::PleuralEffusion, Status::Positive, Side::Left, Severity::Small};
        QVERIFY(m_bank.groups().count(SentenceBank::keyFor(wanted)) == 1);
        auto composed = Composer(m_bank).compose({wanted}, 7);
        QVERIFY(composed.ok());
        QCOMPARE(composed->stated.front(), wanted);
        // The labelling is kept in a variable: findFinding points into it (a temporary here was
        // read after it was freed; AddressSanitizer, issue 24 finding 6).
        const LabelResult labelled = Labeler().label(composed->document);
        const Finding *read = findFinding(labelled.findings, Observation::PleuralEffusion);
        QVERIFY(read);
        QCOMPARE(read->side, Side::Left);
        QCOMPARE(read->severity, Severity::Small);
    }

    void realReportToFindings()
    {
        if (!m_haveData)
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        // The reverse direction: each val report gives a findings set the simulator can take, and
        // it survives the CLI syntax round trip.
        for (const IuReport *report : m_val) {
            const FindingSet present = Labeler().label(report->document).presentFindings();
            auto parsed = parseFindings(formatFindings(present));
            QVERIFY(parsed.ok());
            QVERIFY(*parsed == present);
        }
    }

private:
    bool m_haveData = false;
    std::vector<IuReport> m_reports;
    std::vector<const IuReport *> m_train, m_val;
    SentenceBank m_bank;
};

QTEST_GUILESS_MAIN(IuDataTest)
#include "IuDataTest.moc"
