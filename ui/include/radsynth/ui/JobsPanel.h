#pragma once
// The jobs panel (a dock of the main window): one row per background job of the scheduler, newest
// first, with its kind and title, a progress bar (per sampler step for generation), elapsed and
// remaining time, a Cancel button while it is active, and the failure message with a Retry button
// when it failed or was cancelled (right-click: the same, and Copy message).
// It is a list view over a model of the scheduler's jobs, painted by a delegate: a day's studies
// leave hundreds of finished jobs listed, and a widget per row made every new row lay out and
// re-measure all of them on the GUI thread (docs/BENCHMARKS.md, "a day's jobs"). It only listens to
// the scheduler's signals (the GUI thread never waits for a job); a job's state shows as it changes,
// its progress at most five times a second.
#include "radsynth/workflow/JobScheduler.h"

#include <QRect>
#include <QSet>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTimer;

namespace radsynth::ui {

class JobsModel;

class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(workflow::JobScheduler *scheduler, QWidget *parent = nullptr);
    ~JobsPanel() override;

    // A line above the list for problems that are not a job (the model is missing...); empty hides it.
    void setNotice(const QString &text);
    QString notice() const;

    // What a job's row shows (tests, accessibility): whether it has one, its bar's value (0-1000;
    // -1 while it runs without a count yet, or without a row) and its status text.
    QListView *view() const { return m_view; }
    bool hasRow(workflow::JobId id) const;
    int progress(workflow::JobId id) const;
    QString statusText(workflow::JobId id) const;
    // Where the row's Cancel / Retry button is drawn, in view()->viewport() coordinates; empty when
    // the row shows none (Cancel while the job is active, Retry once it failed or was cancelled).
    QRect cancelButtonRect(workflow::JobId id) const;
    QRect retryButtonRect(workflow::JobId id) const;
    int rowCount() const;

    static QString formatDuration(qint64 milliseconds);

private:
    // Marks a row for the next coalesced update (at most five a second): progress.
    void scheduleRefresh(workflow::JobId id);
    // Updates a row now: a state change (started, finished, failed, cancelled).
    void refreshNow(workflow::JobId id);
    void flushRefresh();
    void refreshAll();
    QRect buttonRect(workflow::JobId id, bool cancel) const;
    void showContextMenu(const QPoint &position);

    workflow::JobScheduler *m_scheduler;
    JobsModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_notice = nullptr;
    QPushButton *m_clear = nullptr;
    QTimer *m_clock = nullptr;
    QTimer *m_coalesce = nullptr;
    QSet<workflow::JobId> m_dirty;
};

} // namespace radsynth::ui
