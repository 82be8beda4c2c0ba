// Exports: every DICOM object reopens through the RadSynth loader and passes dciodvfy (dicom3tools)
// without errors; the synthetic marks are in the pixels and in the header; SR flags follow the state.
#include "../support/Dciodvfy.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/DocumentExport.h"
#include "radsynth/export/GenerationExport.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace radsynth;

namespace {

imaging::Image syntheticChest(int width = 320, int height = 360)
{
    std::vector<float> values(size_t(width) * size_t(height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double dx = (x - width / 2.0) / (width * 0.3), dy = (y - height / 2.0) / (height * 0.35);
            values[size_t(y) * size_t(width) + size_t(x)] = float(0.15 + 0.6 * std::exp(-(dx * dx + dy * dy)));
        }
    return imaging::fromUnitFloat(values.data(), width, height, imaging::PixelSpacing{0.5, 0.5, imaging::Calibration::Unknown});
}

workflow::ReportProvenance provenance()
{
    return workflow::ReportProvenance{QStringLiteral("radsynth-test"), QStringLiteral("1.2"), QStringLiteral("F2L"), 4242,
                                      QDateTime::currentDateTimeUtc()};
}

workflow::ReportDraft reportDraft(workflow::ReportState state)
{
    workflow::ReportDraft draft;
    draft.key = QStringLiteral("export-test");
    draft.text = QStringLiteral("INDICATION: Cough and fever.\n\nCOMPARISON: None.\n\nFINDINGS: The heart size is normal. "
                                "There is a small left pleural effusion. No pneumothorax. Possible left basilar atelectasis.\n\n"
                                "IMPRESSION: Small left pleural effusion, è ü ß.");
    draft.provenance = provenance();
    if (state == workflow::ReportState::Signed)
        (void)workflow::ReportDraftStore::sign(draft, QStringLiteral("Rossi^Anna^^Dr."));
    else
        draft.state = state;
    return draft;
}

QString tagValue(const std::string &path, const std::string &keyword)
{
    const auto rows = dicom::readTags(path);
    if (!rows)
        return QStringLiteral("<unreadable: %1>").arg(QString::fromStdString(rows.error().toString()));
    for (const auto &row : *rows)
        if (row.keyword == keyword)
            return QString::fromStdString(row.value);
    return {};
}

using testing::dciodvfyErrors;

const dicom::Instance *onlyInstance(const dicom::StudyCollection &collection)
{
    const auto instances = collection.instances();
    return instances.size() == 1 ? instances.front() : nullptr;
}
// The instance points into the collection: a temporary one was freed before the pointer was read
// (AddressSanitizer, issue 24 finding 6), so the compiler now refuses it.
const dicom::Instance *onlyInstance(dicom::StudyCollection &&) = delete;

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    void checkValid(const QString &path)
    {
        bool available = false;
        const QStringList errors = dciodvfyErrors(path, &available);
        if (!available)
            qWarning("dciodvfy (Debian dicom3tools) not installed: validation skipped");
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void marksAreBurnedIntoThePixels()
    {
        const imaging::Image image = syntheticChest();
        const imaging::Image marked = exports::withSyntheticMarks(image, provenance());
        QCOMPARE(marked.width, image.width);
        QCOMPARE(marked.bitsStored, image.bitsStored);
        const uint16_t maxValue = uint16_t((1u << marked.bitsStored) - 1u);
        int markPixels = 0, changedBelow = 0, frameBelow = 0;
        const int edge = marked.width / 20;
        for (int y = 0; y < marked.height; ++y)
            for (int x = 0; x < marked.width; ++x) {
                const size_t i = size_t(y) * size_t(marked.width) + size_t(x);
                if (y < marked.height / 8 && marked.stored[i] == maxValue)
                    ++markPixels;
                if (y > marked.height / 3 && marked.stored[i] != image.stored[i]) {
                    ++changedBelow;
                    frameBelow += marked.stored[i] == maxValue && (x < edge || x >= marked.width - edge || y >= marked.height - edge);
                }
            }
        QVERIFY2(markPixels > 100, qPrintable(QString::number(markPixels)));
        QVERIFY(frameBelow > 0);               // the frame goes all the way round
        QCOMPARE(changedBelow, frameBelow);    // the anatomy below the marks is untouched but for the frame
    }

    void secondaryCaptureInANewSyntheticStudy()
    {
        exports::SecondaryCaptureOptions options;
        options.study = exports::newSyntheticStudy();
        options.provenance = provenance();
        options.viewPosition = "LL";
        const QString path = m_dir.filePath(QStringLiteral("sc-new.dcm"));
        const auto written = exports::writeSecondaryCapture(syntheticChest(), options, path);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        QCOMPARE(QString::fromStdString(written->studyInstanceUid), QString::fromStdString(options.study.studyInstanceUid));

        const dicom::StudyCollection collection = dicom::scan({path.toStdString()});
        const dicom::Instance *instance = onlyInstance(collection);
        QVERIFY(instance);
        QVERIFY2(instance->error.empty(), instance->error.c_str());
        QCOMPARE(instance->kind, dicom::ObjectKind::Image);
        QCOMPARE(QString::fromStdString(instance->sopInstanceUid), QString::fromStdString(written->sopInstanceUid));
        QCOMPARE(QString::fromStdString(collection.patients.front().patientName), QStringLiteral("SYNTHETIC^CASE"));
        const auto decoded = dicom::decodeFrame(path.toStdString());
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().toString().c_str());
        QCOMPARE(decoded->width, 320);
        QCOMPARE(decoded->height, 360);

        const std::string p = path.toStdString();
        QCOMPARE(tagValue(p, "ImageType"), QStringLiteral("DERIVED\\SECONDARY"));
        QCOMPARE(tagValue(p, "BurnedInAnnotation"), QStringLiteral("YES"));
        QCOMPARE(tagValue(p, "ConversionType"), QStringLiteral("SYN"));
        QVERIFY(tagValue(p, "SeriesDescription").contains(QLatin1String("SYNTHETIC")));
        const QString derivation = tagValue(p, "DerivationDescription");
        for (const char *part : {"radsynth-test", "1.2", "F2L", "4242"})
            QVERIFY2(derivation.contains(QLatin1String(part)), qPrintable(derivation));
        checkValid(path);
    }

    void secondaryCaptureInTheSourceStudy()
    {
        const QString source = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/chest/cr-chest-pa-jpeg-baseline.dcm");
        if (!QFile::exists(source))
            QSKIP("shared data absent: dicom/chest/cr-chest-pa-jpeg-baseline.dcm");
        const auto sourceImage = exports::readSourceImage(source);
        QVERIFY2(sourceImage.ok(), sourceImage.ok() ? "" : sourceImage.error().toString().c_str());
        const auto decodedSource = dicom::decodeFrame(source.toStdString());
        QVERIFY(decodedSource.ok());

        exports::SecondaryCaptureOptions options;
        options.study = sourceImage->study;
        options.provenance = provenance();
        options.sources = {sourceImage->instance};
        const QString path = m_dir.filePath(QStringLiteral("sc-source.dcm"));
        const auto written = exports::writeSecondaryCapture(*decodedSource, options, path);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        QCOMPARE(written->studyInstanceUid, sourceImage->study.studyInstanceUid);
        QVERIFY(written->sopInstanceUid != sourceImage->instance.sopInstanceUid);
        QVERIFY(written->seriesInstanceUid != sourceImage->instance.seriesInstanceUid);
        QCOMPARE(tagValue(path.toStdString(), "ReferencedSOPInstanceUID"), QString::fromStdString(sourceImage->instance.sopInstanceUid));
        const dicom::StudyCollection scanned = dicom::scan({path.toStdString()});
        const dicom::Instance *instance = onlyInstance(scanned);
        QVERIFY(instance && instance->error.empty());
        QVERIFY(dicom::decodeFrame(path.toStdString()).ok());
        checkValid(path);
    }

    void structuredReport_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("completion");
        QTest::addColumn<QString>("verification");
        QTest::newRow("generated draft") << int(workflow::ReportState::GeneratedDraft) << "PARTIAL" << "UNVERIFIED";
        QTest::newRow("edited") << int(workflow::ReportState::Edited) << "PARTIAL" << "UNVERIFIED";
        QTest::newRow("signed") << int(workflow::ReportState::Signed) << "COMPLETE" << "VERIFIED";
    }

    void structuredReport()
    {
        QFETCH(int, state);
        QFETCH(QString, completion);
        QFETCH(QString, verification);
        // An image to reference: a Secondary Capture in a new synthetic study.
        exports::SecondaryCaptureOptions scOptions;
        scOptions.study = exports::newSyntheticStudy();
        scOptions.provenance = provenance();
        const QString scPath = m_dir.filePath(QStringLiteral("sr-image-%1.dcm").arg(state));
        const auto image = exports::writeSecondaryCapture(syntheticChest(), scOptions, scPath);
        QVERIFY(image.ok());

        exports::StructuredReportOptions options;
        options.study = scOptions.study;
        options.images = {*image};
        const QString path = m_dir.filePath(QStringLiteral("sr-%1.dcm").arg(state));
        const auto written = exports::writeBasicTextSr(reportDraft(workflow::ReportState(state)), options, path);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        const std::string p = path.toStdString();
        QCOMPARE(tagValue(p, "CompletionFlag"), completion);
        QCOMPARE(tagValue(p, "VerificationFlag"), verification);
        QCOMPARE(tagValue(p, "StudyInstanceUID"), QString::fromStdString(scOptions.study.studyInstanceUid));
        if (verification == QLatin1String("VERIFIED"))
            QCOMPARE(tagValue(p, "VerifyingObserverName"), QStringLiteral("Rossi^Anna^^Dr."));
        else
            QVERIFY(tagValue(p, "VerifyingObserverName").isEmpty());

        const dicom::StudyCollection scanned = dicom::scan({p});
        const dicom::Instance *instance = onlyInstance(scanned);
        QVERIFY(instance);
        QCOMPARE(instance->kind, dicom::ObjectKind::StructuredReport);
        const QString srText = QString::fromStdString(instance->srText);
        for (const char *part : {"Findings", "small left pleural effusion", "Impressions", "Indications for Procedure", "è ü ß"})
            QVERIFY2(srText.contains(QString::fromUtf8(part)), qPrintable(srText));
        checkValid(path);
    }

    void signedReportNeedsReviewer()
    {
        workflow::ReportDraft draft = reportDraft(workflow::ReportState::Edited);
        draft.state = workflow::ReportState::Signed; // forged: no reviewer
        exports::StructuredReportOptions options;
        options.study = exports::newSyntheticStudy();
        QVERIFY(!exports::writeBasicTextSr(draft, options, m_dir.filePath(QStringLiteral("forged.dcm"))).ok());
    }

    void plainTextKeepsTheWordsAndSaysTheState()
    {
        const workflow::ReportDraft draft = reportDraft(workflow::ReportState::Signed);
        const QString path = m_dir.filePath(QStringLiteral("report.txt"));
        QVERIFY(exports::writePlainText(draft, path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        // The mark first (a header line), then the words exactly as written.
        QVERIFY2(text.startsWith(QLatin1String("SYNTHETIC - not for diagnosis - Signed by")), qPrintable(text.left(80)));
        QVERIFY(text.section(QLatin1String("\n\n"), 1).startsWith(draft.text));
        QVERIFY(text.contains(QLatin1String("Signed by Rossi^Anna^^Dr.")));
        QVERIFY(text.contains(QLatin1String("SYNTHETIC - not for diagnosis")));
        QVERIFY(text.contains(QLatin1String("seed 4242")));
    }

    // report-drafts.txt: when the sides of some findings were weighed, it says on which side the
    // frontal classifier puts each of them (and how sure), beside the 14 probabilities.
    void draftsTextSaysWhereTheSidesWereWeighed()
    {
        generation::Generation g;
        g.reportDrafts = {"Small left pleural effusion.", "Small right pleural effusion."};
        g.reportScores = {-2.0, -1.0};
        g.reportChoice = 1;
        g.findingProbabilities.assign(generation::kObservationCount, 0.1f);
        QString text = exports::reportDraftsText(g);
        QVERIFY(!text.contains(QLatin1String("Sides weighed")));
        QVERIFY(!text.contains(QLatin1String("sides it names")));
        g.sideWeight = 1;
        g.sideObservations = {"pneumothorax", "pleural_effusion"};
        g.findingSideEvidence.assign(generation::kObservationCount, 0.0f);
        g.findingSideEvidence[9] = std::log(3.0f); // pneumothorax: left, 75 %
        g.findingSideEvidence[10] = -std::log(9.0f); // pleural effusion: right, 90 %
        text = exports::reportDraftsText(g);
        QVERIFY2(text.contains(QLatin1String("Sides weighed (weight 1)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("pneumothorax left (75 %), pleural effusion right (90 %)")), qPrintable(text));
        QCOMPARE(text.count(QLatin1String("and of the sides it names")), 2);
        QVERIFY(text.contains(QLatin1String("draft 2 (chosen)")));
    }

    void pngCarriesTheMarks()
    {
        const QString path = m_dir.filePath(QStringLiteral("image.png"));
        QVERIFY(exports::writePng(syntheticChest(), provenance(), path).ok());
        QImage png(path);
        QVERIFY(!png.isNull());
        QCOMPARE(png.size(), QSize(320, 360));
        QVERIFY(png.text(QStringLiteral("Comment")).contains(QLatin1String("seed 4242")));
        int orange = 0; // the mark in the synthetic orange (the picture itself is gray)
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 320; ++x)
                orange += png.pixel(x, y) == qRgb(255, 140, 0);
        QVERIFY2(orange > 100, qPrintable(QString::number(orange)));
        const auto reloaded = exports::loadImageFile(path);
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded->width, 320);
    }

    void pdfHasReportAndImages()
    {
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        const auto written = exports::writePdf(reportDraft(workflow::ReportState::Edited), {syntheticChest(), syntheticChest(200, 240)}, path);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.contains("/Subtype /Image"));
        QVERIFY(bytes.size() > 5000);
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
