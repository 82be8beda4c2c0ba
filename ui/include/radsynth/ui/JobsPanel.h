#pragma once
// The jobs panel (a dock of the main window): one row per background job of the scheduler with its
// kind and title, a progress bar (per sampler step for generation), elapsed and remaining time, a
// cancel button while it is active, and the failure message with a retry button when it failed.
// It only listens to the scheduler's signals (the GUI thread never waits for a job).
#include "radsynth/workflow/JobScheduler.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace radsynth::ui {

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(workflow::JobScheduler *scheduler, QWidget *parent = nullptr);

    // A line above the list for problems that are not a job (the model is missing...); empty hides it.
    void setNotice(const QString &text);
    QString notice() const;

    // Widgets of one job's row, for tests (nullptr when the job has no row).
    QProgressBar *progressBar(workflow::JobId id) const;
    QToolButton *cancelButton(workflow::JobId id) const;
    QToolButton *retryButton(workflow::JobId id) const;
    QLabel *statusLabel(workflow::JobId id) const;
    int rowCount() const { return int(m_rows.size()); }

    static QString formatDuration(qint64 milliseconds);

private:
    struct Row {
        QWidget *widget = nullptr;
        QLabel *title = nullptr;
        QProgressBar *progress = nullptr;
        QLabel *status = nullptr;
        QToolButton *cancel = nullptr;
        QToolButton *retry = nullptr;
    };
    void addRow(workflow::JobId id);
    // Marks a row for the next coalesced update (at most five a second: every repaint of the
    // window composes the OpenGL viewports, which is not free on a software renderer).
    void scheduleRefresh(workflow::JobId id);
    void flushRefresh();
    void refresh(workflow::JobId id);
    void refreshAll();

    workflow::JobScheduler *m_scheduler;
    QLabel *m_notice = nullptr;
    QVBoxLayout *m_list = nullptr;
    QPushButton *m_clear = nullptr;
    QTimer *m_clock = nullptr;
    QTimer *m_coalesce = nullptr;
    QSet<workflow::JobId> m_dirty;
    QHash<workflow::JobId, Row> m_rows;
};

} // namespace radsynth::ui
