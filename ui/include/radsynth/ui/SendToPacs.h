#pragma once
// Generate > Send to PACS...: the study's report (Basic Text SR) and synthetic images (Secondary
// Capture) are written to a temporary folder as in the export and sent with C-STORE (core/pacs) in a
// job; every attempt that reaches the network is appended to a JSON-lines log in the data folder
// (<data>/pacs/sent.jsonl: time, node, SOP Instance UIDs, result), viewable in the "Sent to PACS"
// history. Failures (refused, timeout) come back as one line; the network timeouts bound every wait.
#include "radsynth/export/StudyExport.h"
#include "radsynth/pacs/Pacs.h"
#include "radsynth/pacs/PacsSettings.h"
#include "radsynth/workflow/JobScheduler.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QDateTime>
#include <QDialog>
#include <QList>
#include <QStringList>

class QCheckBox;

#include <mutex>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace radsynth::ui {

// One line of the sent log.
struct SentRecord {
    QDateTime time;          // UTC
    QString node;            // the node's label
    QString aeTitle;
    QString host;
    int port = 0;
    QString reportState;     // "generated draft", "edited", "signed", or empty (no report sent)
    QStringList sopInstanceUids; // every object offered, in order
    QStringList sopClassUids;
    int sent = 0;
    int failed = 0;
    QString result;          // "sent", "partly sent", "failed"
    QString message;         // the failure, one line (empty when sent)
};

class SentLog {
public:
    // `path` empty: <data>/pacs/sent.jsonl.
    explicit SentLog(QString path = {});
    QString path() const { return m_path; }
    static QString defaultPath();
    // Appends one JSON line (the folder is created); a clear error when it cannot be written.
    Status append(const SentRecord &record) const;
    // Every readable record, newest first (unreadable lines are skipped).
    QList<SentRecord> records() const;

private:
    QString m_path;
};

// Exports SR + SC into a temporary folder, sends them, logs the attempt. Kind Export.
class SendToPacsJob : public workflow::Job {
public:
    SendToPacsJob(exports::StudyExportRequest request, pacs::Node node, pacs::NetworkOptions options, QString logPath, QString title);
    QString title() const override { return m_title; }
    workflow::JobKind kind() const override { return workflow::JobKind::Export; }
    Status run(workflow::JobContext &context) override;
    SentRecord record() const; // what was logged (valid once the job ended)

private:
    exports::StudyExportRequest m_request;
    pacs::Node m_node;
    pacs::NetworkOptions m_options;
    QString m_logPath;
    QString m_title;
    mutable std::mutex m_mutex;
    SentRecord m_record;
};

// Choose the node and confirm: "Send the signed report and N synthetic images to NODE
// (AE@host:port)?", with a warning when the report is not signed.
class SendToPacsDialog : public QDialog {
    Q_OBJECT
public:
    SendToPacsDialog(const pacs::PacsSettings &settings, bool hasReport, workflow::ReportState state, int imageCount,
                     QWidget *parent = nullptr, bool sourceIsDicom = false);
    // The user's explicit choice to file the objects in the source study (makeSourceStudyChoice).
    bool attachToSourceStudy() const;
    // The chosen node (nullptr when none is configured).
    const pacs::Node *selectedNode() const;
    QComboBox *nodeBox() const { return m_nodes; }
    QLabel *questionLabel() const { return m_question; }
    QLabel *warningLabel() const { return m_warning; }
    QPushButton *sendButton() const { return m_send; }
    static QString question(const pacs::Node &node, bool hasReport, workflow::ReportState state, int imageCount);
    void accept() override; // remembers the node

private:
    void updateQuestion();
    pacs::PacsSettings m_settings;
    bool m_hasReport;
    workflow::ReportState m_state;
    int m_imageCount;
    QComboBox *m_nodes = nullptr;
    QLabel *m_question = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_send = nullptr;
    QCheckBox *m_attach = nullptr;
};

// The sent log as a list: one row per attempt (time, node, objects, result), the SOP Instance UIDs
// below it.
class SentHistoryDialog : public QDialog {
    Q_OBJECT
public:
    explicit SentHistoryDialog(const QString &logPath, QWidget *parent = nullptr);
    QTreeWidget *list() const { return m_list; }
    void reload();

private:
    QString m_logPath;
    QTreeWidget *m_list = nullptr;
    QLabel *m_where = nullptr;
};

} // namespace radsynth::ui
