#include "radsynth/workflow/JobScheduler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRunnable>
#include <QThread>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <utility>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace radsynth::workflow {

QString toDisplayString(JobKind kind)
{
    switch (kind) {
    case JobKind::Loading: return QCoreApplication::translate("radsynth::workflow", "Loading");
    case JobKind::Generation: return QCoreApplication::translate("radsynth::workflow", "Generation");
    case JobKind::Export: return QCoreApplication::translate("radsynth::workflow", "Export");
    case JobKind::Evaluation: return QCoreApplication::translate("radsynth::workflow", "Evaluation");
    case JobKind::Other: break;
    }
    return QCoreApplication::translate("radsynth::workflow", "Task");
}

QString toDisplayString(JobState state)
{
    switch (state) {
    case JobState::Queued: return QCoreApplication::translate("radsynth::workflow", "Queued");
    case JobState::Running: return QCoreApplication::translate("radsynth::workflow", "Running");
    case JobState::Finished: return QCoreApplication::translate("radsynth::workflow", "Finished");
    case JobState::Failed: return QCoreApplication::translate("radsynth::workflow", "Failed");
    case JobState::Cancelled: return QCoreApplication::translate("radsynth::workflow", "Cancelled");
    }
    return {};
}

qint64 JobInfo::elapsedMs() const
{
    if (!startedAt.isValid())
        return 0;
    const QDateTime end = finishedAt.isValid() ? finishedAt : QDateTime::currentDateTimeUtc();
    return startedAt.msecsTo(end);
}

qint64 JobInfo::remainingMs() const
{
    if (state != JobState::Running || total <= 0 || done <= 0)
        return -1;
    const double perUnit = double(elapsedMs()) / double(done);
    return qint64(perUnit * double(total - done));
}

struct JobScheduler::Entry : public JobContext {
    JobInfo info;
    std::shared_ptr<Job> job;
    std::atomic_bool cancel{false};
    JobScheduler *scheduler = nullptr;
    QElapsedTimer lastProgress;

    void setProgress(qint64 done, qint64 total, const QString &detail) override
    {
        bool emitNow = false;
        {
            std::lock_guard<std::mutex> lock(scheduler->m_mutex);
            info.done = done;
            info.total = total;
            info.detail = detail;
            if (!lastProgress.isValid() || lastProgress.elapsed() >= 30 || done >= total) {
                lastProgress.restart();
                emitNow = true;
            }
        }
        if (emitNow)
            Q_EMIT scheduler->jobProgress(info.id, done, total, detail);
    }
    bool isCancelled() const override { return cancel.load(); }
    const std::atomic_bool &cancelFlag() const override { return cancel; }
};

class JobScheduler::Runner : public QRunnable {
public:
    Runner(JobScheduler *scheduler, std::shared_ptr<Entry> entry) : m_scheduler(scheduler), m_entry(std::move(entry)) {}
    void run() override { m_scheduler->execute(m_entry); }

private:
    JobScheduler *m_scheduler;
    std::shared_ptr<Entry> m_entry;
};

namespace {
// Generation, export and evaluation threads yield the processor to the GUI thread and to the
// software renderer's threads (llvmpipe) whenever both want it: on a 2-core workstation a
// generation thread at the same priority delayed each window composition by up to a frame's worth
// of its time slices (issue 25). Thumbnails too: made while a study opens, they took processor
// time from the GUI thread's first frames of that study. Linux gives each thread its own nice value;
// raising it is always allowed, so it is done once per pool thread and never undone (those pools run
// only such jobs). The loading lane (the study the user opens) keeps the default priority. The step
// is relative to the nice value the thread started with (the GUI's): a workstation started under
// `nice` keeps its background threads below its GUI thread.
constexpr int kBackgroundNice = 10;

bool isLoading(const JobInfo &info) { return info.kind == JobKind::Loading; }
// What runs below the GUI thread's priority: everything but the loading of what the user opens.
bool isBackground(const JobInfo &info) { return !isLoading(info) || info.priority == Priority::Low; }

void yieldToInteractiveThreads()
{
#if defined(__linux__)
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    const auto thread = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, thread);
    const int target = std::min(19, current + kBackgroundNice);
    if (errno == 0 && current < target && ::setpriority(PRIO_PROCESS, thread, target) != 0)
        spdlog::debug("background job thread keeps its priority: {}", std::strerror(errno));
#endif
}
} // namespace

JobScheduler::JobScheduler(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
    m_loadingPool.setMaxThreadCount(2);
    m_backgroundLoadingPool.setMaxThreadCount(1);
}

JobScheduler::~JobScheduler()
{
    cancelAll();
    m_pool.clear();
    m_loadingPool.clear();
    m_backgroundLoadingPool.clear();
    m_pool.waitForDone();
    m_loadingPool.waitForDone();
    m_backgroundLoadingPool.waitForDone();
}

JobId JobScheduler::submit(std::shared_ptr<Job> job, Priority priority)
{
    auto entry = std::make_shared<Entry>();
    entry->scheduler = this;
    entry->job = std::move(job);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        entry->info.id = m_nextId++;
        entry->info.title = entry->job->title();
        entry->info.kind = entry->job->kind();
        entry->info.priority = priority;
        entry->info.queuedAt = QDateTime::currentDateTimeUtc();
        m_entries.insert(entry->info.id, entry);
    }
    Q_EMIT jobAdded(entry->info.id);
    start(entry);
    return entry->info.id;
}

JobId JobScheduler::submit(std::shared_ptr<Job> job, Priority priority, QObject *receiver, std::function<void(const JobInfo &)> ended)
{
    // Connected before the job can end; the id is set before the GUI thread (where the queued
    // signals arrive) looks at it again.
    auto id = std::make_shared<JobId>(0);
    auto connections = std::make_shared<QList<QMetaObject::Connection>>();
    auto handle = [this, id, ended](JobId which) {
        if (which == *id)
            ended(info(which));
    };
    *connections << connect(this, &JobScheduler::jobFinished, receiver, handle)
                 << connect(this, &JobScheduler::jobFailed, receiver, [handle](JobId which, const QString &) { handle(which); })
                 << connect(this, &JobScheduler::jobCancelled, receiver, handle);
    *connections << connect(this, &JobScheduler::jobRemoved, receiver, [id, connections](JobId which) {
        if (which == *id)
            for (const QMetaObject::Connection &connection : std::as_const(*connections))
                disconnect(connection);
    });
    *id = submit(std::move(job), priority);
    return *id;
}

void JobScheduler::start(const std::shared_ptr<Entry> &entry)
{
    auto *runner = new Runner(this, entry);
    runner->setAutoDelete(true);
    QThreadPool &lane = !isLoading(entry->info) ? m_pool : isBackground(entry->info) ? m_backgroundLoadingPool : m_loadingPool;
    lane.start(runner, int(entry->info.priority));
}

void JobScheduler::execute(const std::shared_ptr<Entry> &entry)
{
    const JobId id = entry->info.id;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (entry->cancel.load()) {
            entry->info.state = JobState::Cancelled;
            entry->info.finishedAt = QDateTime::currentDateTimeUtc();
        } else {
            entry->info.state = JobState::Running;
            entry->info.startedAt = QDateTime::currentDateTimeUtc();
            entry->info.finishedAt = QDateTime();
            ++entry->info.attempts;
        }
    }
    if (entry->info.state == JobState::Cancelled) {
        Q_EMIT jobCancelled(id);
        return;
    }
    if (isBackground(entry->info))
        yieldToInteractiveThreads();
    Q_EMIT jobStarted(id);
    spdlog::info("job {} started: {}", id, entry->info.title.toStdString());

    Status status = okStatus();
    try {
        status = entry->job->run(*entry);
    } catch (const std::exception &e) {
        status = makeError(std::string("unexpected error: ") + e.what());
    } catch (...) {
        status = makeError("unexpected error of unknown type");
    }

    JobState state;
    QString message;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        entry->info.finishedAt = QDateTime::currentDateTimeUtc();
        if (entry->cancel.load() || status.isCancelled())
            state = JobState::Cancelled;
        else if (!status.ok()) {
            state = JobState::Failed;
            message = QString::fromStdString(status.error().toString());
            entry->info.error = message;
        } else
            state = JobState::Finished;
        entry->info.state = state;
    }
    switch (state) {
    case JobState::Cancelled:
        spdlog::info("job {} cancelled after {} ms", id, entry->info.elapsedMs());
        Q_EMIT jobCancelled(id);
        break;
    case JobState::Failed:
        spdlog::warn("job {} failed: {}", id, message.toStdString());
        Q_EMIT jobFailed(id, message);
        break;
    default:
        spdlog::info("job {} finished in {} ms", id, entry->info.elapsedMs());
        Q_EMIT jobFinished(id);
    }
}

void JobScheduler::cancel(JobId id)
{
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        entry = m_entries.value(id);
    }
    if (!entry)
        return;
    entry->cancel.store(true);
    // A queued job is dropped from the pool right away; a running one stops at its next check.
    bool wasQueued = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        wasQueued = entry->info.state == JobState::Queued;
    }
    if (wasQueued) {
        // The runner still runs once and turns itself into Cancelled without calling the job.
        std::lock_guard<std::mutex> lock(m_mutex);
        entry->info.detail = tr("Cancelling...");
    }
}

void JobScheduler::cancelAll()
{
    QList<JobId> ids;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ids = m_entries.keys();
    }
    for (JobId id : ids)
        cancel(id);
}

bool JobScheduler::retry(JobId id)
{
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        entry = m_entries.value(id);
        if (!entry || entry->info.isActive())
            return false;
        entry->cancel.store(false);
        entry->info.state = JobState::Queued;
        entry->info.error.clear();
        entry->info.done = 0;
        entry->info.detail.clear();
        entry->info.queuedAt = QDateTime::currentDateTimeUtc();
        entry->info.startedAt = QDateTime();
        entry->info.finishedAt = QDateTime();
        entry->lastProgress.invalidate();
    }
    Q_EMIT jobAdded(id);
    start(entry);
    return true;
}

void JobScheduler::setMaximumConcurrency(int jobs) { m_pool.setMaxThreadCount(std::max(1, jobs)); }
int JobScheduler::maximumConcurrency() const { return m_pool.maxThreadCount(); }

JobInfo JobScheduler::info(JobId id) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto entry = m_entries.value(id);
    return entry ? entry->info : JobInfo{};
}

QList<JobInfo> JobScheduler::jobs() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QList<JobInfo> out;
    for (const auto &entry : m_entries)
        out.push_back(entry->info);
    std::sort(out.begin(), out.end(), [](const JobInfo &a, const JobInfo &b) { return a.id < b.id; });
    return out;
}

std::shared_ptr<Job> JobScheduler::job(JobId id) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto entry = m_entries.value(id);
    return entry ? entry->job : nullptr;
}

int JobScheduler::activeCount() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    int count = 0;
    for (const auto &entry : m_entries)
        count += entry->info.isActive() ? 1 : 0;
    return count;
}

void JobScheduler::clearFinished()
{
    QList<JobId> removed;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            if (!it.value()->info.isActive()) {
                removed.push_back(it.key());
                it = m_entries.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (JobId id : removed)
        Q_EMIT jobRemoved(id);
}

bool JobScheduler::waitForIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (activeCount() > 0) {
        if (timeoutMs >= 0 && timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(5);
    }
    return true;
}

} // namespace radsynth::workflow
