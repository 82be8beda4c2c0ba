#include "radsynth/ui/JobsPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace radsynth::ui {

using workflow::JobId;
using workflow::JobInfo;
using workflow::JobState;

JobsPanel::JobsPanel(workflow::JobScheduler *scheduler, QWidget *parent) : QWidget(parent), m_scheduler(scheduler)
{
    setObjectName(QStringLiteral("jobsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("jobsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_notice->setStyleSheet(QStringLiteral("background:#fff3cd; color:#5c4400; padding:4px; border:1px solid #e0c060;"));
    m_notice->setVisible(false);
    layout->addWidget(m_notice);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(scroll);
    m_list = new QVBoxLayout(content);
    m_list->setContentsMargins(0, 0, 0, 0);
    m_list->setSpacing(6);
    m_list->addStretch(1);
    scroll->setWidget(content);
    layout->addWidget(scroll, 1);

    m_clear = new QPushButton(tr("Clear finished"), this);
    m_clear->setObjectName(QStringLiteral("clearFinishedJobs"));
    layout->addWidget(m_clear, 0, Qt::AlignRight);
    connect(m_clear, &QPushButton::clicked, m_scheduler, &workflow::JobScheduler::clearFinished);

    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(200);
    connect(m_coalesce, &QTimer::timeout, this, &JobsPanel::flushRefresh);
    connect(m_scheduler, &workflow::JobScheduler::jobAdded, this, &JobsPanel::addRow);
    for (auto signal : {&workflow::JobScheduler::jobStarted, &workflow::JobScheduler::jobFinished, &workflow::JobScheduler::jobCancelled})
        connect(m_scheduler, signal, this, &JobsPanel::scheduleRefresh);
    connect(m_scheduler, &workflow::JobScheduler::jobFailed, this, [this](JobId id, const QString &) { scheduleRefresh(id); });
    connect(m_scheduler, &workflow::JobScheduler::jobProgress, this, [this](JobId id, qint64, qint64, const QString &) { scheduleRefresh(id); });
    connect(m_scheduler, &workflow::JobScheduler::jobRemoved, this, [this](JobId id) {
        m_dirty.remove(id);
        const Row row = m_rows.take(id);
        if (row.widget)
            row.widget->deleteLater();
    });
    // Elapsed and remaining time move on between progress signals.
    m_clock = new QTimer(this);
    m_clock->setInterval(500);
    connect(m_clock, &QTimer::timeout, this, &JobsPanel::refreshAll);
    m_clock->start();
    for (const JobInfo &info : m_scheduler->jobs())
        addRow(info.id);
}

void JobsPanel::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString JobsPanel::notice() const { return m_notice->text(); }

QProgressBar *JobsPanel::progressBar(JobId id) const { return m_rows.value(id).progress; }
QToolButton *JobsPanel::cancelButton(JobId id) const { return m_rows.value(id).cancel; }
QToolButton *JobsPanel::retryButton(JobId id) const { return m_rows.value(id).retry; }
QLabel *JobsPanel::statusLabel(JobId id) const { return m_rows.value(id).status; }

QString JobsPanel::formatDuration(qint64 milliseconds)
{
    if (milliseconds < 0)
        return tr("unknown");
    const qint64 seconds = (milliseconds + 500) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void JobsPanel::addRow(JobId id)
{
    if (m_rows.contains(id))
        return;
    Row row;
    row.widget = new QWidget(this);
    row.widget->setObjectName(QStringLiteral("job%1").arg(id));
    auto *grid = new QVBoxLayout(row.widget);
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(2);
    auto *top = new QHBoxLayout;
    row.title = new QLabel(row.widget);
    row.title->setWordWrap(true);
    // Texts never widen the dock: a long failure message (a path) would otherwise re-layout the
    // whole window - and re-render every viewport - on each progress update.
    row.title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    top->addWidget(row.title, 1);
    row.cancel = new QToolButton(row.widget);
    row.cancel->setText(tr("Cancel"));
    row.cancel->setToolTip(tr("Cancel this job"));
    row.retry = new QToolButton(row.widget);
    row.retry->setText(tr("Retry"));
    row.retry->setToolTip(tr("Run this job again"));
    top->addWidget(row.cancel);
    top->addWidget(row.retry);
    grid->addLayout(top);
    row.progress = new QProgressBar(row.widget);
    row.progress->setRange(0, 1000);
    row.progress->setTextVisible(true);
    grid->addWidget(row.progress);
    row.status = new QLabel(row.widget);
    row.status->setWordWrap(true);
    row.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    grid->addWidget(row.status);
    connect(row.cancel, &QToolButton::clicked, this, [this, id] { m_scheduler->cancel(id); });
    connect(row.retry, &QToolButton::clicked, this, [this, id] {
        m_scheduler->retry(id);
        refresh(id);
    });
    m_list->insertWidget(m_list->count() - 1, row.widget); // newest last, above the stretch
    m_rows.insert(id, row);
    refresh(id);
}

void JobsPanel::scheduleRefresh(JobId id)
{
    m_dirty.insert(id);
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void JobsPanel::flushRefresh()
{
    const QSet<JobId> dirty = std::exchange(m_dirty, {});
    for (JobId id : dirty)
        refresh(id);
}

void JobsPanel::refresh(JobId id)
{
    const auto it = m_rows.constFind(id);
    if (it == m_rows.constEnd())
        return;
    const Row &row = *it;
    const JobInfo info = m_scheduler->info(id);
    row.title->setText(QStringLiteral("<b>%1</b> &nbsp;%2").arg(workflow::toDisplayString(info.kind).toHtmlEscaped(), info.title.toHtmlEscaped()));
    const bool active = info.isActive();
    // QProgressBar::setValue repaints at once (synchronously) unless updates are off.
    row.progress->setUpdatesEnabled(false);
    row.cancel->setVisible(active);
    row.retry->setVisible(info.state == JobState::Failed || info.state == JobState::Cancelled);
    if (info.state == JobState::Finished) {
        // A report ends at its end token, before the maximum length: done is done.
        row.progress->setRange(0, 1000);
        row.progress->setValue(1000);
        row.progress->setFormat(tr("Done"));
    } else if (info.total > 0) {
        row.progress->setRange(0, 1000);
        row.progress->setValue(int(info.fraction() * 1000.0));
        row.progress->setFormat(info.detail.isEmpty() ? QStringLiteral("%p%") : info.detail);
    } else if (info.state == JobState::Running) {
        row.progress->setRange(0, 0); // busy until the first step
    } else {
        row.progress->setRange(0, 1000);
        row.progress->setValue(info.state == JobState::Finished ? 1000 : 0);
        row.progress->setFormat(QStringLiteral("%p%"));
    }
    row.progress->setUpdatesEnabled(true); // one asynchronous repaint, with the rest of the window
    QString status = workflow::toDisplayString(info.state);
    if (info.state == JobState::Running) {
        status += QStringLiteral(" - ") + tr("elapsed %1").arg(formatDuration(info.elapsedMs()));
        const qint64 remaining = info.remainingMs();
        if (remaining >= 0)
            status += QStringLiteral(", ") + tr("about %1 left").arg(formatDuration(remaining));
    } else if (!info.isActive() && info.startedAt.isValid()) {
        status += QStringLiteral(" - ") + tr("took %1").arg(formatDuration(info.elapsedMs()));
    }
    if (info.state == JobState::Failed && !info.error.isEmpty()) {
        QString error = info.error;
        error.replace(QLatin1Char('/'), QStringLiteral("/\u200b")); // paths may wrap
        status += QLatin1Char('\n') + error;
    }
    row.status->setText(status);
    row.status->setStyleSheet(info.state == JobState::Failed ? QStringLiteral("color:#b00020;") : QString());
}

void JobsPanel::refreshAll()
{
    for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it)
        if (m_scheduler->info(it.key()).isActive())
            scheduleRefresh(it.key());
}

} // namespace radsynth::ui
