#include "radsynth/report/IuXml.h"
#include "radsynth/report/ReportDocument.h"

#include <QtTest>

using namespace radsynth::report;

class ReportDocumentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsHeadings()
    {
        const auto document = ReportDocument::fromPlainText(QStringLiteral(
            "Clinical history: cough and fever\ncomparison:\n  None.\nFINDINGS: The heart is normal in size.\n  No pleural effusion.\n\n"
            "IMPRESSION:\nNo acute disease.\n"));
        QCOMPARE(document.indication(), QStringLiteral("cough and fever"));
        QCOMPARE(document.comparison(), QStringLiteral("None."));
        QCOMPARE(document.findings(), QStringLiteral("The heart is normal in size. No pleural effusion."));
        QCOMPARE(document.impression(), QStringLiteral("No acute disease."));
    }

    void textWithoutHeadingsIsFindings()
    {
        const auto document = ReportDocument::fromPlainText(QStringLiteral("Mild cardiomegaly.\nNo effusion."));
        QCOMPARE(document.findings(), QStringLiteral("Mild cardiomegaly. No effusion."));
        QVERIFY(document.impression().isEmpty());
    }

    void plainTextRoundTrip()
    {
        ReportDocument document;
        document.setSection(Section::Indication, QStringLiteral("Shortness of breath"));
        document.setSection(Section::Findings, QStringLiteral("Small left pleural effusion. No pneumothorax."));
        document.setSection(Section::Impression, QStringLiteral("Small left effusion."));
        const QString text = document.toPlainText();
        QVERIFY(text.startsWith(QStringLiteral("INDICATION: Shortness of breath\n\nFINDINGS: ")));
        QCOMPARE(ReportDocument::fromPlainText(text), document);
        QCOMPARE(document.findingsAndImpression(), QStringLiteral("Small left pleural effusion. No pneumothorax.\nSmall left effusion."));
    }

    void iuXmlRoundTrip()
    {
        IuReport report;
        report.id = QStringLiteral("42");
        report.document.setSection(Section::Comparison, QStringLiteral("None."));
        report.document.setSection(Section::Indication, QStringLiteral("Chest pain & <dyspnea>"));
        report.document.setSection(Section::Findings, QStringLiteral("Heart size is upper limits of normal. No effusion."));
        report.document.setSection(Section::Impression, QStringLiteral("No acute cardiopulmonary abnormality."));
        report.meshMajor = QStringList{QStringLiteral("Cardiomegaly/borderline"), QStringLiteral("Pleural Effusion/right/small")};
        report.meshAutomatic = QStringList{QStringLiteral("pleural effusions")};
        report.imageIds = QStringList{QStringLiteral("CXR42_IM-1-1001"), QStringLiteral("CXR42_IM-1-2001")};
        const QByteArray xml = writeIuXml(report);
        auto back = readIuXml(xml);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->id, report.id);
        QCOMPARE(back->document, report.document);
        QCOMPARE(back->meshMajor, report.meshMajor);
        QCOMPARE(back->meshAutomatic, report.meshAutomatic);
        QCOMPARE(back->imageIds, report.imageIds);
    }

    void rejectsOtherXml()
    {
        QVERIFY(!readIuXml("<html><body/></html>").ok());
        QVERIFY(!readIuXml("<eCitation><IUXRId id=\"1\"/>").ok()); // truncated
    }

    void readsRealIuFileWhenPresent()
    {
        const QString archive = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/iu-xray/reports-train-val.tgz");
        if (!QFileInfo::exists(archive))
            QSKIP("shared IU X-ray data not present (../shared/data/iu-xray)");
        auto reports = loadIuCollection(archive);
        QVERIFY(reports.ok());
        QCOMPARE(int(reports->size()), 3573);
        const IuReport &first = reports->front();
        QCOMPARE(first.id, QStringLiteral("1"));
        QVERIFY(!first.document.findings().isEmpty());
        QVERIFY(!first.meshMajor.isEmpty());
        auto again = readIuXml(writeIuXml(first));
        QVERIFY(again.ok());
        QCOMPARE(again->document, first.document);
        QCOMPARE(again->meshMajor, first.meshMajor);
    }
};

QTEST_GUILESS_MAIN(ReportDocumentTest)
#include "ReportDocumentTest.moc"
