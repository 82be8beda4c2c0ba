#pragma once
// Export... and Send to PACS... for the study the main window shows: asks the window for what
// there is (report draft, synthetic images, source image), opens the dialogs, runs the work as
// jobs on the JobScheduler (so it shows in the Jobs panel) and reports the outcome as a status
// line and, for failures, a message box. The report draft is only read: an export never changes it.
#include "radsynth/export/StudyExport.h"
#include "radsynth/pacs/PacsSettings.h"
#include "radsynth/workflow/JobScheduler.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QWidget;

namespace radsynth::ui {

// What the window has for its current study.
struct ExportContent {
    QString why;        // non-empty: nothing to export, and why
    QString studyLabel; // no patient name
    QString sourcePath; // the source image (DICOM) the synthetic objects reference
    bool hasReport = false;
    workflow::ReportDraft report;
    std::vector<exports::SyntheticImageItem> images;
    bool empty() const { return !hasReport && images.empty(); }
};

class ExportController : public QObject {
    Q_OBJECT
public:
    using ContentProvider = std::function<ExportContent()>;
    ExportController(workflow::JobScheduler *scheduler, ContentProvider provider, QWidget *window);

    // Submits the export job; 0 (and a status message) when there is nothing to export.
    // attachToSourceStudy: the user's explicit choice to file the DICOM objects in the source study.
    workflow::JobId startExport(const QString &folder, exports::ExportFormats formats, bool attachToSourceStudy = false);
    // Submits the send job; 0 (and a status message) when there is nothing to send.
    workflow::JobId startSend(const pacs::Node &node, const pacs::NetworkOptions &options, bool attachToSourceStudy = false);

    // Where sent records go (default SentLog::defaultPath()).
    void setSentLogPath(const QString &path) { m_sentLogPath = path; }
    QString sentLogPath() const;
    // Message boxes for failures (on by default; tests may read lastMessage() instead).
    void setShowErrorDialogs(bool on) { m_errorDialogs = on; }
    // The last outcome line shown in the status bar.
    QString lastMessage() const { return m_lastMessage; }

public Q_SLOTS:
    void exportInteractive();   // ExportDialog, then startExport
    void sendInteractive();     // SendToPacsDialog, then startSend
    void showSentHistory();     // SentHistoryDialog

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);
    void exportFinished(radsynth::workflow::JobId id, const QString &folder, const QStringList &files);
    void exportFailed(radsynth::workflow::JobId id, const QString &message);
    void sendFinished(radsynth::workflow::JobId id, const QString &summary);
    void sendFailed(radsynth::workflow::JobId id, const QString &message);

private:
    void onJobFinished(workflow::JobId id);
    void onJobFailed(workflow::JobId id, const QString &message);
    void onJobCancelled(workflow::JobId id);
    void say(const QString &text, int timeoutMs = 0);
    void showError(const QString &title, const QString &text);
    exports::StudyExportRequest requestFor(const ExportContent &content) const;

    workflow::JobScheduler *m_scheduler;
    ContentProvider m_provider;
    QPointer<QWidget> m_window;
    QSet<workflow::JobId> m_exportJobs;
    QSet<workflow::JobId> m_sendJobs;
    QString m_sentLogPath;
    QString m_lastMessage;
    bool m_errorDialogs = true;
};

} // namespace radsynth::ui
