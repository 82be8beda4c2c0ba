#include "radsynth/ui/ExportController.h"

#include "radsynth/ui/ExportDialog.h"
#include "radsynth/ui/SendToPacs.h"
#include "radsynth/ui/StudyExportJob.h"

#include "radsynth/dicom/Loader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QWidget>

#include <spdlog/spdlog.h>

namespace radsynth::ui {

ExportController::ExportController(workflow::JobScheduler *scheduler, ContentProvider provider, QWidget *window)
    : QObject(window), m_scheduler(scheduler), m_provider(std::move(provider)), m_window(window)
{
    connect(m_scheduler, &workflow::JobScheduler::jobFinished, this, &ExportController::onJobFinished);
    connect(m_scheduler, &workflow::JobScheduler::jobFailed, this, &ExportController::onJobFailed);
    connect(m_scheduler, &workflow::JobScheduler::jobCancelled, this, &ExportController::onJobCancelled);
}

QString ExportController::sentLogPath() const { return m_sentLogPath.isEmpty() ? SentLog::defaultPath() : m_sentLogPath; }

exports::StudyExportRequest ExportController::requestFor(const ExportContent &content) const
{
    exports::StudyExportRequest request;
    request.hasReport = content.hasReport;
    request.report = content.report; // a copy: the editor keeps the draft, the job never touches it
    request.images = content.images;
    request.sourcePath = content.sourcePath;
    return request;
}

workflow::JobId ExportController::startExport(const QString &folder, exports::ExportFormats formats, bool attachToSourceStudy)
{
    const ExportContent content = m_provider();
    if (content.empty()) {
        say(content.why.isEmpty() ? tr("Nothing to export: generate a lateral view or a report first.") : content.why, 8000);
        return 0;
    }
    exports::StudyExportRequest request = requestFor(content);
    request.directory = QDir::fromNativeSeparators(folder.trimmed());
    request.formats = formats;
    request.attachToSourceStudy = attachToSourceStudy;
    const QString title = tr("Export %1 to %2").arg(content.studyLabel.isEmpty() ? tr("results") : content.studyLabel,
                                                      QDir::toNativeSeparators(request.directory));
    const workflow::JobId id = m_scheduler->submit(std::make_shared<StudyExportJob>(std::move(request), title), workflow::Priority::High);
    m_exportJobs.insert(id);
    say(tr("Exporting to %1...").arg(QDir::toNativeSeparators(folder)), 8000);
    spdlog::info("export job {} submitted: {}", id, exports::formatNames(formats).join(QLatin1Char(',')).toStdString());
    return id;
}

workflow::JobId ExportController::startSend(const pacs::Node &node, const pacs::NetworkOptions &options, bool attachToSourceStudy)
{
    const ExportContent content = m_provider();
    if (content.empty()) {
        say(content.why.isEmpty() ? tr("Nothing to send: generate a lateral view or a report first.") : content.why, 8000);
        return 0;
    }
    const QString target = QStringLiteral("%1 (%2@%3:%4)")
                               .arg(QString::fromStdString(node.name), QString::fromStdString(node.aeTitle), QString::fromStdString(node.host))
                               .arg(node.port);
    const QString title = tr("Send %1 to %2").arg(content.studyLabel.isEmpty() ? tr("results") : content.studyLabel, target);
    exports::StudyExportRequest request = requestFor(content);
    request.attachToSourceStudy = attachToSourceStudy;
    const workflow::JobId id =
        m_scheduler->submit(std::make_shared<SendToPacsJob>(std::move(request), node, options, sentLogPath(), title), workflow::Priority::High);
    m_sendJobs.insert(id);
    say(tr("Sending to %1...").arg(target), 8000);
    spdlog::info("send job {} submitted", id);
    return id;
}

void ExportController::exportInteractive()
{
    const ExportContent content = m_provider();
    if (content.empty()) {
        say(content.why.isEmpty() ? tr("Nothing to export: generate a lateral view or a report first.") : content.why, 8000);
        return;
    }
    ExportDialog dialog(m_window);
    dialog.setContent(content.studyLabel, content.hasReport, content.report.state, int(content.images.size()),
                      !content.sourcePath.isEmpty() && dicom::isDicomFile(content.sourcePath.toStdString()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    startExport(dialog.folder(), dialog.formats(), dialog.attachToSourceStudy());
}

void ExportController::sendInteractive()
{
    const ExportContent content = m_provider();
    if (content.empty()) {
        say(content.why.isEmpty() ? tr("Nothing to send: generate a lateral view or a report first.") : content.why, 8000);
        return;
    }
    const pacs::PacsSettings settings = pacs::loadSettings();
    if (settings.nodes.empty()) {
        showError(tr("Send to PACS"), tr("No PACS node is configured. Add one in File > Query/Retrieve... (Nodes), then send again."));
        return;
    }
    SendToPacsDialog dialog(settings, content.hasReport, content.report.state, int(content.images.size()), m_window,
                            !content.sourcePath.isEmpty() && dicom::isDicomFile(content.sourcePath.toStdString()));
    if (dialog.exec() != QDialog::Accepted || !dialog.selectedNode())
        return;
    startSend(*dialog.selectedNode(), settings.networkOptions(), dialog.attachToSourceStudy());
}

void ExportController::showSentHistory()
{
    auto *dialog = new SentHistoryDialog(sentLogPath(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ExportController::onJobFinished(workflow::JobId id)
{
    if (m_exportJobs.contains(id)) {
        auto job = std::dynamic_pointer_cast<StudyExportJob>(m_scheduler->job(id));
        if (!job)
            return;
        const exports::StudyExportResult result = job->result();
        const QString folder = QDir::toNativeSeparators(result.directory);
        say((result.objects.size() == 1 ? tr("Exported 1 file to %1").arg(folder) : tr("Exported %1 files to %2").arg(int(result.objects.size())).arg(folder)), 30000);
        Q_EMIT exportFinished(id, result.directory, result.paths());
    } else if (m_sendJobs.contains(id)) {
        auto job = std::dynamic_pointer_cast<SendToPacsJob>(m_scheduler->job(id));
        if (!job)
            return;
        const SentRecord record = job->record();
        const QString summary = (record.sent == 1 ? tr("Sent 1 object to %1.") : tr("Sent %1 objects to %2.").arg(record.sent))
                                  .arg(QStringLiteral("%1 (%2@%3:%4)").arg(record.node, record.aeTitle, record.host).arg(record.port));
        say(summary, 30000);
        Q_EMIT sendFinished(id, summary);
    }
}

void ExportController::onJobFailed(workflow::JobId id, const QString &message)
{
    if (m_exportJobs.contains(id)) {
        const QString text = tr("Export failed: %1. Nothing was left half-written; the report draft is unchanged.").arg(message);
        say(text);
        showError(tr("Export failed"), text);
        Q_EMIT exportFailed(id, message);
    } else if (m_sendJobs.contains(id)) {
        const QString text = tr("Sending to PACS failed: %1. The report draft is unchanged; see Generate > Sent to PACS... for the log.").arg(message);
        say(text);
        showError(tr("Send to PACS failed"), text);
        Q_EMIT sendFailed(id, message);
    }
}

void ExportController::onJobCancelled(workflow::JobId id)
{
    if (m_exportJobs.contains(id))
        say(tr("Export cancelled; the files written so far were removed."), 8000);
    else if (m_sendJobs.contains(id))
        say(tr("Sending to PACS cancelled."), 8000);
}

void ExportController::say(const QString &text, int timeoutMs)
{
    m_lastMessage = text;
    Q_EMIT statusMessage(text, timeoutMs);
}

void ExportController::showError(const QString &title, const QString &text)
{
    m_lastMessage = text;
    if (!m_errorDialogs || !m_window) {
        Q_EMIT statusMessage(text, 0);
        return;
    }
    // Not modal: the radiologist keeps reading and editing while the box is up.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("exportErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

} // namespace radsynth::ui
