// Export and send from the workstation, under Xvfb, with an untrained tiny bundle made in the test:
// the study is generated (synthetic lateral + draft report), then Export writes the report (SR, PDF,
// text) and the synthetic lateral (SC, PNG) as a job; the SC and SR reopen with core/dicom, join the
// source study and reference the source image, and the SR's completion/verification flags follow
// the report state (draft, then signed). An unwritable folder is an error message with the draft
// untouched. The export dialog remembers its folder and formats. Send to PACS runs against a real
// Orthanc on loopback (tests/pacs/OrthancServer.h) when it is installed, else skips with a message:
// sent objects arrive, the sent log records them, the history lists them, a refused association
// is a message within the timeout.
#include "OrthancServer.h"
#include "TinyBundle.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/StudyExport.h"
#include "radsynth/pacs/Pacs.h"
#include "radsynth/ui/ExportController.h"
#include "radsynth/ui/ExportDialog.h"
#include "radsynth/ui/JobsPanel.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/SendToPacs.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>

#include <unistd.h>

using namespace radsynth;
using namespace radsynth::ui;
using exports::ExportFormat;

namespace {

constexpr char kSecondaryCapture[] = "1.2.840.10008.5.1.4.1.1.7";
constexpr char kBasicTextSr[] = "1.2.840.10008.5.1.4.1.1.88.11";

std::string tag(const std::vector<dicom::TagRow> &rows, const std::string &keyword, int depth = 0)
{
    for (const auto &row : rows)
        if (row.keyword == keyword && row.depth == depth)
            return row.value;
    return {};
}

bool anyTag(const std::vector<dicom::TagRow> &rows, const std::string &keyword, const std::string &value)
{
    for (const auto &row : rows)
        if (row.keyword == keyword && row.value == value)
            return true;
    return false;
}

QString onlyFile(const QStringList &files, const QString &suffix)
{
    QStringList found;
    for (const QString &file : files)
        if (file.endsWith(suffix))
            found << file;
    return found.size() == 1 ? found.first() : QString();
}

QMessageBox *visibleErrorBox()
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible() && box->objectName() == QLatin1String("exportErrorBox"))
            return box;
    return nullptr;
}

} // namespace

class TestExportFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exportDraft();
    void exportSigned();
    void unwritableFolderIsAMessage();
    void dialogRemembersAndShows();
    void exportFromTheMenu();
    void sendToPacs();
    void cleanupTestCase();

private:
    // Runs an export through the controller; the files written (empty on failure).
    // attachToSourceStudy: the user's explicit choice (these checks follow the objects into the source study).
    QStringList exportAll(const QString &folder, exports::ExportFormats formats, QString *error = nullptr, bool attachToSourceStudy = true);
    void checkSr(const QString &path, const char *completion, const char *verification);

    QTemporaryDir m_temp;
    QString m_bundle;
    QString m_study;
    std::string m_sourceSop;
    std::string m_sourceStudy;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<test::OrthancServer> m_orthanc;
};

void TestExportFlow::initTestCase()
{
    QVERIFY(m_temp.isValid());
    qputenv("RADSYNTH_DATA_DIR", m_temp.filePath(QStringLiteral("data")).toUtf8());
    m_bundle = m_temp.filePath(QStringLiteral("tiny"));
    const QString error = test::createTinyBundle(m_bundle);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_study = QStringLiteral(RADSYNTH_SOURCE_DIR "/resources/sample-study");
    const QString frontal = m_study + QStringLiteral("/SIM000001-PA.dcm");
    auto source = exports::readSourceImage(frontal);
    QVERIFY(source.ok());
    m_sourceSop = source->instance.sopInstanceUid;
    m_sourceStudy = source->study.studyInstanceUid;

    Settings().setAutoGenerate(true);
    m_window = std::make_unique<MainWindow>();
    m_window->setModelDirectory(m_bundle);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    // Nothing to export before a study is generated: a status message, no job.
    QVERIFY(m_window->exportController());
    QCOMPARE(m_window->exportController()->startExport(m_temp.filePath(QStringLiteral("early")), exports::kReportFormats), workflow::JobId(0));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Nothing to export")));

    QSignalSpy shown(m_window.get(), &MainWindow::syntheticShown);
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    m_window->openPaths({m_study});
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 180000);
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 180000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);

    // The actions: Generate menu (Ctrl+E) and the report editor's toolbar.
    QAction *exportAction = m_window->action(QStringLiteral("exportStudy"));
    QVERIFY(exportAction);
    QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QVERIFY(m_window->action(QStringLiteral("sendToPacs")));
    QVERIFY(m_window->action(QStringLiteral("sentHistory")));
    QVERIFY(m_window->reportEditor()->toolBar()->actions().contains(exportAction));
    QVERIFY(m_window->reportEditor()->toolBar()->actions().contains(m_window->action(QStringLiteral("sendToPacs"))));
}

QStringList TestExportFlow::exportAll(const QString &folder, exports::ExportFormats formats, QString *error, bool attachToSourceStudy)
{
    ExportController *controller = m_window->exportController();
    QSignalSpy finished(controller, &ExportController::exportFinished);
    QSignalSpy failed(controller, &ExportController::exportFailed);
    const workflow::JobId id = controller->startExport(folder, formats, attachToSourceStudy);
    if (id == 0)
        return {};
    // A job of kind Export, in the Jobs panel.
    if (m_window->scheduler()->info(id).kind != workflow::JobKind::Export || !m_window->jobsPanel()->hasRow(id))
        return {};
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000)) {
        if (error)
            *error = QStringLiteral("the export job did not end within 60 s");
        return {};
    }
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.first().at(1).toString();
        return {};
    }
    return finished.first().at(2).toStringList();
}

void TestExportFlow::checkSr(const QString &path, const char *completion, const char *verification)
{
    const dicom::StudyCollection collection = dicom::scan({path.toStdString()});
    QCOMPARE(collection.instanceCount(), size_t(1));
    const dicom::Instance &sr = collection.patients.front().studies.front().series.front().instances.front();
    QVERIFY2(sr.error.empty(), sr.error.c_str());
    QCOMPARE(sr.kind, dicom::ObjectKind::StructuredReport);
    QCOMPARE(sr.sopClassUid, std::string(kBasicTextSr));
    // The report text as the radiologist left it.
    const QString firstLine = m_window->reportEditor()->draft().text.section(QLatin1Char('\n'), 0, 0).trimmed().left(20);
    QVERIFY2(QString::fromStdString(sr.srText).contains(firstLine.section(QLatin1Char(':'), -1).trimmed()), sr.srText.c_str());
    auto rows = dicom::readTags(path.toStdString());
    QVERIFY(rows.ok());
    QCOMPARE(tag(*rows, "CompletionFlag"), std::string(completion));
    QCOMPARE(tag(*rows, "VerificationFlag"), std::string(verification));
    QCOMPARE(tag(*rows, "StudyInstanceUID"), m_sourceStudy);
    QVERIFY(anyTag(*rows, "ReferencedSOPInstanceUID", m_sourceSop));
}

void TestExportFlow::exportDraft()
{
    const workflow::ReportDraft before = m_window->reportEditor()->draft();
    QCOMPARE(before.state, workflow::ReportState::GeneratedDraft);
    const QString folder = m_temp.filePath(QStringLiteral("export draft/new folder")); // created, spaces and all
    const QStringList files = exportAll(folder, exports::kReportFormats | exports::kImageFormats);
    QCOMPARE(files.size(), 5);
    for (const QString &file : files) {
        QVERIFY2(QFileInfo(file).isFile() && QFileInfo(file).size() > 0, qPrintable(file));
        QCOMPARE(QFileInfo(file).absolutePath(), QDir(folder).absolutePath());
    }
    QVERIFY(QDir(folder).entryList(QDir::Files | QDir::Hidden).size() == 5); // no probe or temporary file left
    // The folder in the status bar.
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QDir::toNativeSeparators(QDir(folder).absolutePath())),
             qPrintable(m_window->statusBar()->currentMessage()));

    // Secondary Capture: reopens, decodes, joins the source study and references the source image.
    const QString sc = onlyFile(files, QStringLiteral("-synthetic-lateral.dcm"));
    QVERIFY(!sc.isEmpty());
    const dicom::StudyCollection collection = dicom::scan({sc.toStdString()});
    QCOMPARE(collection.instanceCount(), size_t(1));
    const dicom::Instance &image = collection.patients.front().studies.front().series.front().instances.front();
    QVERIFY2(image.error.empty(), image.error.c_str());
    QCOMPARE(image.kind, dicom::ObjectKind::Image);
    QCOMPARE(image.sopClassUid, std::string(kSecondaryCapture));
    auto pixels = dicom::decodeFrame(sc.toStdString());
    QVERIFY(pixels.ok());
    QCOMPARE(pixels->width, m_window->viewport(m_window->syntheticViewportIndex())->image()->width);
    auto rows = dicom::readTags(sc.toStdString());
    QVERIFY(rows.ok());
    QCOMPARE(tag(*rows, "StudyInstanceUID"), m_sourceStudy);
    QVERIFY(anyTag(*rows, "ReferencedSOPInstanceUID", m_sourceSop));
    QVERIFY(QString::fromStdString(tag(*rows, "SeriesDescription")).contains(QStringLiteral("SYNTHETIC")));
    QCOMPARE(tag(*rows, "BurnedInAnnotation"), std::string("YES"));
    QVERIFY2(QString::fromStdString(tag(*rows, "DerivationDescription")).contains(QStringLiteral("F2L")), tag(*rows, "DerivationDescription").c_str());

    // The SR of a generated draft: PARTIAL / UNVERIFIED.
    checkSr(onlyFile(files, QStringLiteral("-report-sr.dcm")), "PARTIAL", "UNVERIFIED");

    // PNG with the mark, PDF, text with the state.
    const QImage png(onlyFile(files, QStringLiteral("-synthetic-lateral.png")));
    QVERIFY(!png.isNull());
    QFile pdf(onlyFile(files, QStringLiteral("-report.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QFile text(onlyFile(files, QStringLiteral("-report.txt")));
    QVERIFY(text.open(QIODevice::ReadOnly));
    const QString body = QString::fromUtf8(text.readAll());
    QVERIFY2(body.startsWith(QLatin1String("SYNTHETIC - not for diagnosis")), qPrintable(body.left(80)));
    QVERIFY(body.section(QLatin1String("\n\n"), 1).startsWith(before.text));
    QVERIFY2(body.contains(QStringLiteral("not reviewed")), qPrintable(body));

    // For a look by eye: the window with the report toolbar, and what was exported.
    if (const QString shots = qEnvironmentVariable("RADSYNTH_SCREENSHOT_DIR"); !shots.isEmpty()) {
        QDir().mkpath(shots);
        QVERIFY(m_window->grab().save(QDir(shots).filePath(QStringLiteral("export-window.png"))));
        for (const QString &file : files)
            QFile::copy(file, QDir(shots).filePath(QFileInfo(file).fileName()));
    }

    // The draft is what it was.
    QCOMPARE(m_window->reportEditor()->draft().text, before.text);
    QCOMPARE(m_window->reportEditor()->draft().state, workflow::ReportState::GeneratedDraft);
}

void TestExportFlow::exportSigned()
{
    ReportEditor *editor = m_window->reportEditor();
    editor->textEdit()->appendPlainText(QStringLiteral("Reviewed against the images."));
    QCOMPARE(editor->draft().state, workflow::ReportState::Edited);
    // Edited, not signed: still PARTIAL / UNVERIFIED; only the SR this time.
    QStringList files = exportAll(m_temp.filePath(QStringLiteral("export edited")), unsigned(ExportFormat::ReportSr));
    QCOMPARE(files.size(), 1);
    checkSr(files.first(), "PARTIAL", "UNVERIFIED");

    QVERIFY(editor->signReport(QStringLiteral("Dr. Test Reviewer")));
    files = exportAll(m_temp.filePath(QStringLiteral("export signed")), ExportFormat::ReportSr | ExportFormat::ReportText);
    QCOMPARE(files.size(), 2);
    checkSr(onlyFile(files, QStringLiteral("-report-sr.dcm")), "COMPLETE", "VERIFIED");
    auto rows = dicom::readTags(onlyFile(files, QStringLiteral("-report-sr.dcm")).toStdString());
    QVERIFY(rows.ok());
    bool reviewer = false;
    for (const auto &row : *rows)
        reviewer = reviewer || (row.keyword == "VerifyingObserverName" && QString::fromStdString(row.value).contains(QStringLiteral("Reviewer")));
    QVERIFY(reviewer);
    QFile text(onlyFile(files, QStringLiteral("-report.txt")));
    QVERIFY(text.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(text.readAll()).contains(QStringLiteral("Signed by Dr. Test Reviewer")));
}

void TestExportFlow::unwritableFolderIsAMessage()
{
    const workflow::ReportDraft before = m_window->reportEditor()->draft();
    // A file where the folder should be: no user (root included) can create that folder.
    const QString blocker = m_temp.filePath(QStringLiteral("a-file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x");
    file.close();
    QString error;
    QStringList files = exportAll(blocker + QStringLiteral("/exports"), exports::kReportFormats | exports::kImageFormats, &error);
    QVERIFY(files.isEmpty());
    QVERIFY2(error.contains(QStringLiteral("cannot create the export folder")), qPrintable(error));
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Export failed")), qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("draft is unchanged")));
    QMessageBox *box = visibleErrorBox();
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("cannot create the export folder")));
    box->close();
    // The folder is the file itself.
    files = exportAll(blocker, unsigned(ExportFormat::ReportText), &error);
    QVERIFY(files.isEmpty());
    QVERIFY2(error.contains(QStringLiteral("is a file")), qPrintable(error));
    QTRY_VERIFY(visibleErrorBox());
    visibleErrorBox()->close();
    // A read-only folder (only meaningful when not root: root writes anyway).
    if (::geteuid() != 0) {
        const QString readOnly = m_temp.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(readOnly));
        QVERIFY(QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        files = exportAll(readOnly, unsigned(ExportFormat::ReportText), &error);
        QVERIFY(files.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("cannot write into the export folder")), qPrintable(error));
        QTRY_VERIFY(visibleErrorBox());
        visibleErrorBox()->close();
        QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    } else {
        qInfo("running as root: the read-only folder case is left out (root writes into it)");
    }
    // The draft: same text, same state, still in the store.
    QCOMPARE(m_window->reportEditor()->draft().text, before.text);
    QCOMPARE(m_window->reportEditor()->draft().state, before.state);
    auto stored = m_window->draftStore()->load(before.key);
    QVERIFY(stored.ok());
    QCOMPARE(stored->text, before.text);
}

void TestExportFlow::dialogRemembersAndShows()
{
    const QString folder = m_temp.filePath(QStringLiteral("remembered"));
    {
        ExportDialog dialog(m_window.get());
        dialog.setContent(QStringLiteral("Chest PA 2024-01-01"), true, workflow::ReportState::Signed, 1, true);
        dialog.setFolder(folder);
        dialog.setFormats(ExportFormat::ReportSr | ExportFormat::ImagePng);
        QCOMPARE(dialog.formats(), ExportFormat::ReportSr | ExportFormat::ImagePng);
        QVERIFY(dialog.exportButton()->isEnabled());
        dialog.setFormats(0);
        QVERIFY(!dialog.exportButton()->isEnabled());
        dialog.formatBox(ExportFormat::ReportSr)->setChecked(true);
        dialog.formatBox(ExportFormat::ImagePng)->setChecked(true);
        QVERIFY(dialog.exportButton()->isEnabled());
        dialog.folderEdit()->clear();
        QVERIFY(!dialog.exportButton()->isEnabled());
        dialog.setFolder(folder);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    ExportDialog dialog(m_window.get());
    QCOMPARE(QDir::fromNativeSeparators(dialog.folder()), folder);
    QCOMPARE(dialog.formats(), ExportFormat::ReportSr | ExportFormat::ImagePng);
    // Without a report the report formats are off (and not exported), whatever was remembered.
    dialog.setContent(QString(), false, workflow::ReportState::GeneratedDraft, 1, true);
    QVERIFY(!dialog.formatBox(ExportFormat::ReportSr)->isEnabled());
    QCOMPARE(dialog.formats(), unsigned(ExportFormat::ImagePng));

    // What the user sees for the shown study (a screenshot when RADSYNTH_SCREENSHOT_DIR is set).
    const ExportContent content = m_window->exportContent();
    QVERIFY(content.hasReport);
    QCOMPARE(int(content.images.size()), 1);
    QCOMPARE(content.images.front().provenance.task, QStringLiteral("F2L"));
    QCOMPARE(content.images.front().provenance.model, QStringLiteral("radsynth-test-tiny"));
    dialog.setContent(content.studyLabel, content.hasReport, content.report.state, int(content.images.size()), true);
    dialog.setFormats(exports::kReportFormats | exports::kImageFormats);
    dialog.setFolder(QStringLiteral("/home/reader/Documents/RadSynth exports"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.summaryLabel()->text().contains(QStringLiteral("COMPLETE, VERIFIED")));
    const QString shots = qEnvironmentVariable("RADSYNTH_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QDir().mkpath(shots);
        QVERIFY(dialog.grab().save(QDir(shots).filePath(QStringLiteral("export-dialog.png"))));
    }
    dialog.hide();
}

void TestExportFlow::exportFromTheMenu()
{
    // Ctrl+E on the window opens the dialog (modal); fill it in and press Export.
    const QString folder = m_temp.filePath(QStringLiteral("from the menu"));
    QSignalSpy finished(m_window->exportController(), &ExportController::exportFinished);
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        QTRY_VERIFY(qobject_cast<ExportDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget());
        seen = true;
        // The identity choice: offered (the source is DICOM), never pre-ticked.
        QVERIFY(dialog->sourceStudyBox()->isEnabled());
        QVERIFY(!dialog->sourceStudyBox()->isChecked());
        dialog->setFolder(folder);
        dialog->setFormats(ExportFormat::ReportPdf | ExportFormat::ImageSc);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
    });
    m_window->activateWindow();
    m_window->action(QStringLiteral("exportStudy"))->trigger(); // what Ctrl+E does; returns when the dialog closes
    QVERIFY(seen);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    const QStringList files = finished.first().at(2).toStringList();
    QCOMPARE(files.size(), 2);
    QVERIFY(!onlyFile(files, QStringLiteral("-report.pdf")).isEmpty());
    const QString sc = onlyFile(files, QStringLiteral("-synthetic-lateral.dcm"));
    QVERIFY(!sc.isEmpty());
    // Not ticked: a new synthetic patient and study, nothing of the source (not even a reference).
    auto rows = dicom::readTags(sc.toStdString());
    QVERIFY(rows.ok());
    QVERIFY(tag(*rows, "StudyInstanceUID") != m_sourceStudy);
    QCOMPARE(tag(*rows, "PatientName"), std::string("SYNTHETIC^CASE"));
    QVERIFY(!anyTag(*rows, "ReferencedSOPInstanceUID", m_sourceSop));
    // Remembered for next time.
    QCOMPARE(QDir::fromNativeSeparators(ExportDialog::rememberedFolder()), folder);
    QCOMPARE(ExportDialog::rememberedFormats(), ExportFormat::ReportPdf | ExportFormat::ImageSc);
}

void TestExportFlow::sendToPacs()
{
    if (test::OrthancServer::executable().isEmpty())
        QSKIP("the Orthanc binary is not installed (Debian package orthanc): the send-to-PACS flow is not tested");
    pacs::NetworkOptions options;
    options.ourAeTitle = "RADSYNTHUI";
    options.setTimeout(5);
    m_orthanc = std::make_unique<test::OrthancServer>();
    const QString problem = m_orthanc->start(m_temp.filePath(QStringLiteral("orthanc")), QStringLiteral("ORTHANCUI"), QJsonObject());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const pacs::Node node{"test pacs", "ORTHANCUI", "127.0.0.1", m_orthanc->dicomPort, pacs::RetrieveMethod::Get};

    // The confirmation names what goes where; the report is signed by now (exportSigned).
    pacs::PacsSettings settings;
    settings.nodes = {node};
    {
        SendToPacsDialog dialog(settings, true, workflow::ReportState::Signed, 1, m_window.get());
        QCOMPARE(dialog.questionLabel()->text(), QStringLiteral("Send the signed report and 1 synthetic image to test pacs (ORTHANCUI@127.0.0.1:%1)?")
                                                     .arg(m_orthanc->dicomPort));
        QVERIFY(dialog.warningLabel()->isHidden());
        QVERIFY(dialog.sendButton()->isEnabled());
        QCOMPARE(dialog.selectedNode()->name, node.name);
    }
    {
        SendToPacsDialog dialog(settings, true, workflow::ReportState::GeneratedDraft, 2, m_window.get());
        dialog.show();
        QVERIFY(dialog.questionLabel()->text().contains(QStringLiteral("UNSIGNED report and 2 synthetic images")));
        QVERIFY(dialog.warningLabel()->isVisible());
        QVERIFY(dialog.warningLabel()->text().contains(QStringLiteral("PARTIAL / UNVERIFIED")));
        const QString shots = qEnvironmentVariable("RADSYNTH_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(dialog.grab().save(QDir(shots).filePath(QStringLiteral("send-dialog.png"))));
    }
    {
        SendToPacsDialog dialog(pacs::PacsSettings{}, true, workflow::ReportState::Signed, 1, m_window.get());
        QVERIFY(!dialog.sendButton()->isEnabled()); // no node configured
    }

    ExportController *controller = m_window->exportController();
    const QString log = m_temp.filePath(QStringLiteral("data/pacs/sent.jsonl"));
    QCOMPARE(controller->sentLogPath(), log); // the data folder (RADSYNTH_DATA_DIR here)
    QSignalSpy finished(controller, &ExportController::sendFinished);
    QSignalSpy failed(controller, &ExportController::sendFailed);
    const workflow::JobId id = controller->startSend(node, options, true); // filed in the source study, by choice
    QVERIFY(id != 0);
    QVERIFY(m_window->jobsPanel()->hasRow(id));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString() + QLatin1Char('\n') + m_orthanc->log()));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Sent 2 objects to test pacs")),
             qPrintable(m_window->statusBar()->currentMessage()));

    // The log: one record with both SOP Instance UIDs.
    QList<SentRecord> records = SentLog(log).records();
    QCOMPARE(records.size(), 1);
    const SentRecord sent = records.first();
    QCOMPARE(sent.result, QStringLiteral("sent"));
    QCOMPARE(sent.node, QStringLiteral("test pacs"));
    QCOMPARE(sent.port, m_orthanc->dicomPort);
    QCOMPARE(sent.reportState, QStringLiteral("signed"));
    QCOMPARE(sent.sopInstanceUids.size(), 2);
    QCOMPARE(sent.sent, 2);
    QVERIFY(sent.sopClassUids.contains(QString::fromLatin1(kSecondaryCapture)));
    QVERIFY(sent.sopClassUids.contains(QString::fromLatin1(kBasicTextSr)));

    // They arrived, in the source study: an SR series and an SC series.
    auto series = pacs::findSeries(node, m_sourceStudy, options);
    QVERIFY2(series.ok(), series.ok() ? "" : series.error().message.c_str());
    QCOMPARE(int(series->size()), 2);
    bool srSeries = false;
    for (const auto &s : *series)
        srSeries = srSeries || s.modality == "SR";
    QVERIFY(srSeries);

    // The history lists the record with its UIDs.
    {
        SentHistoryDialog history(log, m_window.get());
        QCOMPARE(history.list()->topLevelItemCount(), 1);
        QCOMPARE(history.list()->topLevelItem(0)->childCount(), 2);
        QCOMPARE(history.list()->topLevelItem(0)->child(0)->text(2), sent.sopInstanceUids.first());
        QVERIFY(history.list()->topLevelItem(0)->text(4).startsWith(QStringLiteral("sent")));
    }

    // Refused: the server is gone. A message within the timeout, and a "failed" record.
    m_orthanc->stop();
    finished.clear();
    QElapsedTimer timer;
    timer.start();
    const workflow::JobId refused = controller->startSend(node, options);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 30000);
    QVERIFY2(timer.elapsed() < 25000, "the refused send did not end within the timeout");
    QCOMPARE(failed.first().at(0).value<workflow::JobId>(), refused);
    QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("refused")), qPrintable(failed.first().at(1).toString()));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Sending to PACS failed")));
    QTRY_VERIFY(visibleErrorBox());
    visibleErrorBox()->close();
    records = SentLog(log).records();
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.first().result, QStringLiteral("failed"));
    QVERIFY(records.first().message.contains(QStringLiteral("refused")));
    QCOMPARE(m_window->reportEditor()->draft().state, workflow::ReportState::Signed);
}

void TestExportFlow::cleanupTestCase()
{
    if (m_orthanc)
        m_orthanc->stop();
    m_window.reset(); // waits for its jobs
}

QTEST_MAIN(TestExportFlow)
#include "tst_exportflow.moc"
