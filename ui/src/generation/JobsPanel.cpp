#include "radsynth/ui/JobsPanel.h"

#include <QAbstractListModel>
#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace radsynth::ui {

using workflow::JobId;
using workflow::JobInfo;
using workflow::JobState;

// One row as it is drawn: the job's state when the row was last refreshed and its texts.
struct JobRow {
    JobInfo info;
    QString kind;   // "Generation", "Loading"...
    QString status; // "Running - elapsed 3 s, about 2 s left"; the failure message on its own lines
    int progress = 0;
    bool busy = false; // running, no count yet
    QString barText;
};

// The scheduler's jobs, newest first. Rows are refreshed from the scheduler by the panel (coalesced).
class JobsModel : public QAbstractListModel {
public:
    explicit JobsModel(workflow::JobScheduler *scheduler, QObject *parent) : QAbstractListModel(parent), m_scheduler(scheduler) {}

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= int(m_rows.size()))
            return {};
        const JobRow &row = m_rows[size_t(index.row())];
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return QStringLiteral("%1 %2: %3, %4").arg(row.kind, row.info.title, row.barText, row.status);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1 %2\n%3").arg(row.kind, row.info.title, row.status);
        return {};
    }

    const JobRow *row(int index) const { return index >= 0 && index < int(m_rows.size()) ? &m_rows[size_t(index)] : nullptr; }
    int rowOf(JobId id) const
    {
        for (size_t i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].info.id == id)
                return int(i);
        return -1;
    }

    void add(JobId id)
    {
        if (rowOf(id) >= 0)
            return;
        beginInsertRows({}, 0, 0); // newest first
        m_rows.insert(m_rows.begin(), JobRow{});
        m_rows.front().info.id = id;
        fill(m_rows.front());
        endInsertRows();
    }
    void remove(JobId id)
    {
        const int at = rowOf(id);
        if (at < 0)
            return;
        beginRemoveRows({}, at, at);
        m_rows.erase(m_rows.begin() + at);
        endRemoveRows();
    }
    void refresh(JobId id)
    {
        const int at = rowOf(id);
        if (at < 0)
            return;
        fill(m_rows[size_t(at)]);
        const QModelIndex changed = index(at);
        Q_EMIT dataChanged(changed, changed);
    }
    QList<JobId> activeIds() const
    {
        QList<JobId> ids;
        for (const JobRow &row : m_rows)
            if (row.info.isActive())
                ids << row.info.id;
        return ids;
    }

private:
    void fill(JobRow &row) const
    {
        const JobInfo info = m_scheduler->info(row.info.id);
        row.info = info;
        row.kind = workflow::toDisplayString(info.kind);
        row.busy = false;
        if (info.state == JobState::Finished) {
            // A report ends at its end token, before the maximum length: done is done.
            row.progress = 1000;
            row.barText = JobsPanel::tr("Done");
        } else if (info.total > 0) {
            row.progress = std::clamp(int(info.fraction() * 1000.0), 0, 1000);
            row.barText = info.detail.isEmpty() ? QStringLiteral("%1%").arg(row.progress / 10) : info.detail;
        } else if (info.state == JobState::Running) {
            row.progress = -1;
            row.busy = true;
            row.barText = JobsPanel::tr("Starting...");
        } else {
            row.progress = 0;
            row.barText = QStringLiteral("0%");
        }
        QString status = workflow::toDisplayString(info.state);
        if (info.state == JobState::Running) {
            status += QStringLiteral(" - ") + JobsPanel::tr("elapsed %1").arg(JobsPanel::formatDuration(info.elapsedMs()));
            const qint64 remaining = info.remainingMs();
            if (remaining >= 0)
                status += QStringLiteral(", ") + JobsPanel::tr("about %1 left").arg(JobsPanel::formatDuration(remaining));
        } else if (!info.isActive() && info.startedAt.isValid()) {
            status += QStringLiteral(" - ") + JobsPanel::tr("took %1").arg(JobsPanel::formatDuration(info.elapsedMs()));
        }
        if (info.state == JobState::Failed && !info.error.isEmpty())
            status += QLatin1Char('\n') + info.error;
        row.status = status;
    }

    workflow::JobScheduler *m_scheduler;
    std::vector<JobRow> m_rows;
};

namespace {
constexpr int kMargin = 4;
constexpr int kMaxErrorLines = 8;

bool showsCancel(const JobRow &row) { return row.info.isActive(); }
bool showsRetry(const JobRow &row) { return row.info.state == JobState::Failed || row.info.state == JobState::Cancelled; }
QString cancelText() { return JobsPanel::tr("Cancel"); }
QString retryText() { return JobsPanel::tr("Retry"); }

// The parts of a row, from its rectangle: the title line, the bar with the button at its right (as
// in a download list: the title keeps the row's whole width), the status.
struct RowLayout {
    QRect title, button, bar, status;
};

RowLayout layoutRow(const QRect &rect, const JobRow &row, const QFontMetrics &metrics)
{
    RowLayout layout;
    const QRect inner = rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const int line = metrics.height();
    layout.title = QRect(inner.left(), inner.top(), inner.width(), line + 4);
    const int barTop = layout.title.bottom() + 3;
    const QString buttonText = showsCancel(row) ? cancelText() : showsRetry(row) ? retryText() : QString();
    int barRight = inner.right();
    if (!buttonText.isEmpty()) {
        const int width = metrics.horizontalAdvance(buttonText) + 16;
        layout.button = QRect(inner.right() - width + 1, barTop, width, line + 6);
        barRight = layout.button.left() - 6;
    }
    layout.bar = QRect(inner.left(), barTop + 1, barRight - inner.left() + 1, line + 4);
    layout.status = QRect(inner.left(), barTop + line + 9, inner.width(), inner.bottom() - (barTop + line + 9) + 1);
    return layout;
}

// A failed job's status with its message, laid out at `width`: words stay whole where they fit,
// a path longer than the line breaks anywhere; at most kMaxErrorLines lines (the tooltip and Copy
// message have all of it). The same layout measures the row and draws it.
void layoutFailure(QTextLayout &layout, const QString &status, const QFont &font, int width)
{
    layout.setText(status);
    layout.setFont(font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal y = 0;
    for (int lines = 0; lines < kMaxErrorLines; ++lines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(std::max(40, width));
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
}

int statusLines(const JobRow &row, const QFont &font, int width)
{
    if (row.info.state != JobState::Failed)
        return 1;
    QTextLayout layout;
    layoutFailure(layout, row.status, font, width);
    return std::max(1, layout.lineCount());
}

class JobDelegate : public QStyledItemDelegate {
public:
    JobDelegate(const JobsModel *model, workflow::JobScheduler *scheduler, QObject *parent)
        : QStyledItemDelegate(parent), m_model(model), m_scheduler(scheduler)
    {
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const JobRow *row = m_model->row(index.row());
        if (!row)
            return {};
        const QFontMetrics &metrics = option.fontMetrics;
        // The list lays its rows out at its viewport's width (it follows the dock): the failure
        // message wraps at that width.
        const auto *view = qobject_cast<const QAbstractScrollArea *>(option.widget);
        const int width = view ? view->viewport()->width() : option.rect.width() > 0 ? option.rect.width() : 260;
        const int lines = statusLines(*row, option.font, width - 2 * kMargin);
        return QSize(width, 2 * kMargin + (metrics.height() + 4) + 3 + (metrics.height() + 6) + 3 + lines * metrics.height());
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const JobRow *row = m_model->row(index.row());
        if (!row)
            return;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        QStyleOptionViewItem background = option;
        background.text.clear();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);
        const RowLayout layout = layoutRow(option.rect, *row, option.fontMetrics);
        const bool selected = option.state & QStyle::State_Selected;
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;

        painter->save();
        // Title: the kind in bold, then the job's title, elided.
        QFont bold = option.font;
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);
        painter->setPen(option.palette.color(textRole));
        painter->setFont(bold);
        const int kindWidth = std::min(boldMetrics.horizontalAdvance(row->kind) + 1, layout.title.width());
        painter->drawText(QRect(layout.title.left(), layout.title.top(), kindWidth, layout.title.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          boldMetrics.elidedText(row->kind, Qt::ElideRight, kindWidth));
        painter->setFont(option.font);
        const QRect titleRest = layout.title.adjusted(std::min(kindWidth + 2 * option.fontMetrics.horizontalAdvance(QLatin1Char(' ')), layout.title.width()), 0, 0, 0);
        painter->drawText(titleRest, Qt::AlignLeft | Qt::AlignVCenter, option.fontMetrics.elidedText(row->info.title, Qt::ElideMiddle, titleRest.width()));

        if (!layout.button.isNull()) {
            QStyleOptionButton button;
            button.rect = layout.button;
            button.text = showsCancel(*row) ? cancelText() : retryText();
            button.state = QStyle::State_Enabled | QStyle::State_Raised;
            if (m_pressed == row->info.id)
                button.state |= QStyle::State_Sunken;
            button.fontMetrics = option.fontMetrics;
            button.palette = option.palette;
            style->drawControl(QStyle::CE_PushButton, &button, painter, widget);
        }

        QStyleOptionProgressBar bar;
        bar.rect = layout.bar;
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = 1000; // a job without a count yet shows an empty bar that says so, never a full one
        bar.progress = row->busy ? 0 : row->progress;
        bar.text = row->barText;
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.fontMetrics = option.fontMetrics;
        bar.palette = option.palette;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);

        if (row->info.state == JobState::Failed) {
            painter->setPen(selected ? option.palette.color(textRole) : QColor(0xb0, 0x00, 0x20));
            QTextLayout failure;
            layoutFailure(failure, row->status, option.font, layout.status.width());
            failure.draw(painter, layout.status.topLeft());
        } else {
            painter->setPen(option.palette.color(textRole));
            painter->drawText(layout.status, Qt::AlignLeft | Qt::AlignTop, option.fontMetrics.elidedText(row->status, Qt::ElideRight, layout.status.width()));
        }
        painter->restore();
    }

    bool editorEvent(QEvent *event, QAbstractItemModel *, const QStyleOptionViewItem &option, const QModelIndex &index) override
    {
        const JobRow *row = m_model->row(index.row());
        if (!row || (event->type() != QEvent::MouseButtonPress && event->type() != QEvent::MouseButtonRelease))
            return false;
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QRect button = layoutRow(option.rect, *row, option.fontMetrics).button;
        if (mouse->button() != Qt::LeftButton || button.isNull() || !button.contains(mouse->position().toPoint())) {
            m_pressed = 0;
            return false;
        }
        if (event->type() == QEvent::MouseButtonPress) {
            m_pressed = row->info.id;
            return true;
        }
        const bool clicked = m_pressed == row->info.id;
        m_pressed = 0;
        if (clicked) {
            if (showsCancel(*row))
                m_scheduler->cancel(row->info.id);
            else if (showsRetry(*row))
                m_scheduler->retry(row->info.id);
        }
        return true;
    }

private:
    const JobsModel *m_model;
    workflow::JobScheduler *m_scheduler;
    JobId m_pressed = 0; // the row whose button is held down
};
} // namespace

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

    m_model = new JobsModel(m_scheduler, this);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("jobsList"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new JobDelegate(m_model, m_scheduler, m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust); // rows follow the dock's width
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QListView::customContextMenuRequested, this, &JobsPanel::showContextMenu);
    layout->addWidget(m_view, 1);

    m_clear = new QPushButton(tr("Clear finished"), this);
    m_clear->setObjectName(QStringLiteral("clearFinishedJobs"));
    layout->addWidget(m_clear, 0, Qt::AlignRight);
    connect(m_clear, &QPushButton::clicked, m_scheduler, &workflow::JobScheduler::clearFinished);

    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(200);
    connect(m_coalesce, &QTimer::timeout, this, &JobsPanel::flushRefresh);
    connect(m_scheduler, &workflow::JobScheduler::jobAdded, m_model, [this](JobId id) { m_model->add(id); });
    // A job's state shows at once (a row is one model update; the view repaints it with the next
    // frame); progress, which comes many times a second, is coalesced.
    for (auto signal : {&workflow::JobScheduler::jobStarted, &workflow::JobScheduler::jobFinished, &workflow::JobScheduler::jobCancelled})
        connect(m_scheduler, signal, this, [this](JobId id) { refreshNow(id); });
    connect(m_scheduler, &workflow::JobScheduler::jobFailed, this, [this](JobId id, const QString &) { refreshNow(id); });
    connect(m_scheduler, &workflow::JobScheduler::jobProgress, this, [this](JobId id, qint64, qint64, const QString &) { scheduleRefresh(id); });
    connect(m_scheduler, &workflow::JobScheduler::jobRemoved, this, [this](JobId id) {
        m_dirty.remove(id);
        m_model->remove(id);
    });
    // Elapsed and remaining time move on between progress signals.
    m_clock = new QTimer(this);
    m_clock->setInterval(500);
    connect(m_clock, &QTimer::timeout, this, &JobsPanel::refreshAll);
    m_clock->start();
    for (const JobInfo &info : m_scheduler->jobs())
        m_model->add(info.id);
}

JobsPanel::~JobsPanel() = default;

void JobsPanel::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString JobsPanel::notice() const { return m_notice->text(); }

bool JobsPanel::hasRow(JobId id) const { return m_model->rowOf(id) >= 0; }

int JobsPanel::progress(JobId id) const
{
    const JobRow *row = m_model->row(m_model->rowOf(id));
    return row ? row->progress : -1;
}

QString JobsPanel::statusText(JobId id) const
{
    const JobRow *row = m_model->row(m_model->rowOf(id));
    return row ? row->status : QString();
}

int JobsPanel::rowCount() const { return m_model->rowCount(); }

QRect JobsPanel::buttonRect(JobId id, bool cancel) const
{
    const int at = m_model->rowOf(id);
    const JobRow *row = m_model->row(at);
    if (!row || (cancel ? !showsCancel(*row) : !showsRetry(*row)))
        return {};
    return layoutRow(m_view->visualRect(m_model->index(at)), *row, m_view->fontMetrics()).button;
}

QRect JobsPanel::cancelButtonRect(JobId id) const { return buttonRect(id, true); }
QRect JobsPanel::retryButtonRect(JobId id) const { return buttonRect(id, false); }

void JobsPanel::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    const JobRow *row = m_model->row(index.row());
    if (!row)
        return;
    const JobId id = row->info.id;
    QMenu menu(this);
    QAction *cancel = menu.addAction(cancelText(), this, [this, id] { m_scheduler->cancel(id); });
    cancel->setEnabled(showsCancel(*row));
    QAction *retry = menu.addAction(retryText(), this, [this, id] { m_scheduler->retry(id); });
    retry->setEnabled(showsRetry(*row));
    menu.addSeparator();
    const QString message = QStringLiteral("%1 %2\n%3").arg(row->kind, row->info.title, row->status);
    menu.addAction(tr("Copy message"), this, [message] { QApplication::clipboard()->setText(message); });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

QString JobsPanel::formatDuration(qint64 milliseconds)
{
    if (milliseconds < 0)
        return tr("unknown");
    const qint64 seconds = (milliseconds + 500) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void JobsPanel::scheduleRefresh(JobId id)
{
    m_dirty.insert(id);
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void JobsPanel::refreshNow(JobId id)
{
    m_dirty.remove(id);
    m_model->refresh(id);
}

void JobsPanel::flushRefresh()
{
    const QSet<JobId> dirty = std::exchange(m_dirty, {});
    for (JobId id : dirty)
        m_model->refresh(id);
}

void JobsPanel::refreshAll()
{
    for (JobId id : m_model->activeIds())
        scheduleRefresh(id);
}

} // namespace radsynth::ui
