#pragma once
// Query/Retrieve window: pick a PACS node, search (patient name with wildcards, patient ID, date
// range, modality, accession number, description), sort the results, retrieve the selected
// studies in the background with progress (C-GET or C-MOVE as the node prefers), test the
// connection. Every network call runs off the GUI thread as a loading job on the job scheduler
// (listed in the jobs panel with its progress; Cancel here or there stops it) and talks to
// core/pacs through its DCMTK-free header.
#include "radsynth/pacs/Pacs.h"
#include "radsynth/pacs/PacsSettings.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QDialog>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace radsynth::ui {

class QueryRetrieveDialog : public QDialog {
    Q_OBJECT
public:
    explicit QueryRetrieveDialog(workflow::JobScheduler *scheduler, QWidget *parent = nullptr);
    ~QueryRetrieveDialog() override;

    // Where retrieved studies go (default: the user's data folder).
    void setLocalStore(const pacs::LocalStoreLocation &location) { m_location = location; }
    // Replaces the nodes and options read from the settings (tests, or a caller that knows better).
    void setPacsSettings(const pacs::PacsSettings &settings);

    QComboBox *nodeBox() const { return m_node; }
    QLineEdit *patientNameEdit() const { return m_patientName; }
    QLineEdit *patientIdEdit() const { return m_patientId; }
    QLineEdit *dateFromEdit() const { return m_dateFrom; }
    QLineEdit *dateToEdit() const { return m_dateTo; }
    QComboBox *modalityBox() const { return m_modality; }
    QLineEdit *accessionEdit() const { return m_accession; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QTableWidget *resultTable() const { return m_results; }
    QPushButton *searchButton() const { return m_search; }
    QPushButton *retrieveButton() const { return m_retrieve; }
    QPushButton *testButton() const { return m_test; }
    QLabel *statusLabel() const { return m_status; }
    bool isBusy() const;
    workflow::JobId currentJob() const { return m_job; } // 0 when idle

public Q_SLOTS:
    void search();
    void retrieveSelected();
    void testConnection();
    void cancel();

Q_SIGNALS:
    void connectionTested(bool ok, const QString &message);
    void searchFinished(int studies, const QString &error);
    // Emitted when a retrieval ends; `files` are the files stored (open them), `error` empty on success.
    void retrieveFinished(const QStringList &files, const QString &error);

private:
    struct FindOutcome {
        std::vector<pacs::StudyResult> studies;
        QString error;
    };
    struct RetrieveOutcome {
        QStringList files;
        QString error;
    };
    // Progress written by the worker, read by a GUI timer: the worker never touches widgets.
    struct SharedProgress {
        std::mutex mutex;
        pacs::Progress progress;
        int study = 0;
        int studies = 0;
    };

    bool currentNode(pacs::Node &node);
    void setBusy(bool busy);
    void showResults(const std::vector<pacs::StudyResult> &studies);
    void reloadNodes();
    void editNodes();
    void updateProgress();

    pacs::PacsSettings m_settings;
    pacs::LocalStoreLocation m_location;
    QComboBox *m_node;
    QLineEdit *m_patientName;
    QLineEdit *m_patientId;
    QLineEdit *m_dateFrom;
    QLineEdit *m_dateTo;
    QComboBox *m_modality;
    QLineEdit *m_accession;
    QLineEdit *m_description;
    QTableWidget *m_results;
    QPushButton *m_search;
    QPushButton *m_retrieve;
    QPushButton *m_test;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTimer *m_progressTimer;
    std::shared_ptr<SharedProgress> m_shared;
    workflow::JobScheduler *m_scheduler;
    workflow::JobId m_job = 0;
};

} // namespace radsynth::ui
