#pragma once
// Background work as small jobs (CTK style): a Job runs on the scheduler's QThreadPool, reports
// progress through its JobContext and polls for cancellation; the GUI only listens to signals.
// Priorities, a concurrency limit, cancellation, retry of failed or cancelled jobs, and a clear
// failure message per job. Loading jobs (studies, tags, PACS queries and retrieves) run on a lane of
// their own, so opening a study never waits behind a generation that takes minutes; loading jobs of
// low priority (thumbnails: nobody waits for them) run on a third lane, at a lower priority than
// the GUI thread, as generation does.
#include "radsynth/common/Result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace radsynth::workflow {

enum class JobKind { Loading, Generation, Export, Evaluation, Other };
enum class JobState { Queued, Running, Finished, Failed, Cancelled };
enum class Priority { Low = 0, Normal = 5, High = 10 };
QString toDisplayString(JobKind kind);
QString toDisplayString(JobState state);

using JobId = quint64;

class JobContext {
public:
    // Reports progress; `done` of `total` units (sampler steps, files...) and a short detail line.
    virtual void setProgress(qint64 done, qint64 total, const QString &detail = {}) = 0;
    virtual bool isCancelled() const = 0;
    // The flag itself, for libraries that take a std::atomic_bool (generation, loading).
    virtual const std::atomic_bool &cancelFlag() const = 0;
    virtual ~JobContext() = default;
};

class Job {
public:
    virtual ~Job() = default;
    virtual QString title() const = 0;
    virtual JobKind kind() const { return JobKind::Other; }
    // Runs on a worker thread. Returns an error value on failure (never throws across this border:
    // the scheduler also catches exceptions and turns them into failures).
    virtual Status run(JobContext &context) = 0;
};

// A job made of a function: the workstation's loading, thumbnails, tags and PACS operations.
class FunctionJob : public Job {
public:
    using Work = std::function<Status(JobContext &)>;
    FunctionJob(QString title, JobKind kind, Work work) : m_title(std::move(title)), m_kind(kind), m_work(std::move(work)) {}
    QString title() const override { return m_title; }
    JobKind kind() const override { return m_kind; }
    Status run(JobContext &context) override { return m_work(context); }

private:
    QString m_title;
    JobKind m_kind;
    Work m_work;
};

struct JobInfo {
    JobId id = 0;
    QString title;
    JobKind kind = JobKind::Other;
    JobState state = JobState::Queued;
    Priority priority = Priority::Normal;
    qint64 done = 0;
    qint64 total = 0;
    QString detail;
    QString error;          // set when Failed
    QDateTime queuedAt;
    QDateTime startedAt;    // invalid until Running
    QDateTime finishedAt;   // invalid until Finished/Failed/Cancelled
    int attempts = 0;
    double fraction() const { return total > 0 ? double(done) / double(total) : 0.0; }
    qint64 elapsedMs() const;
    // Remaining time from the rate so far; -1 when unknown.
    qint64 remainingMs() const;
    bool isActive() const { return state == JobState::Queued || state == JobState::Running; }
};

class JobScheduler : public QObject {
    Q_OBJECT
public:
    explicit JobScheduler(QObject *parent = nullptr);
    ~JobScheduler() override; // cancels everything and waits for running jobs

    JobId submit(std::shared_ptr<Job> job, Priority priority = Priority::Normal);
    // As submit(), and `ended` runs on `receiver`'s thread each time the job ends (finished, failed
    // or cancelled; again after a retry) with its info then; never after `receiver` is destroyed.
    JobId submit(std::shared_ptr<Job> job, Priority priority, QObject *receiver, std::function<void(const JobInfo &)> ended);
    void cancel(JobId id);
    void cancelAll();
    // Re-queues a failed or cancelled job; false when the job is unknown or still active.
    bool retry(JobId id);

    // Concurrent jobs other than loading (loading jobs have their own lane of two).
    void setMaximumConcurrency(int jobs);
    int maximumConcurrency() const;

    JobInfo info(JobId id) const;
    QList<JobInfo> jobs() const;
    std::shared_ptr<Job> job(JobId id) const;
    int activeCount() const;
    // Removes finished, failed and cancelled jobs from the list.
    void clearFinished();
    // Blocks (processing no events) until no job is active or the timeout passes; true when idle.
    bool waitForIdle(int timeoutMs = -1);

    // Progress signals are throttled to at most one per job every 30 ms (the last one always comes).
Q_SIGNALS:
    void jobAdded(radsynth::workflow::JobId id);
    void jobStarted(radsynth::workflow::JobId id);
    void jobProgress(radsynth::workflow::JobId id, qint64 done, qint64 total, const QString &detail);
    void jobFinished(radsynth::workflow::JobId id);
    void jobFailed(radsynth::workflow::JobId id, const QString &message);
    void jobCancelled(radsynth::workflow::JobId id);
    void jobRemoved(radsynth::workflow::JobId id);

private:
    struct Entry;
    class Runner;
    friend class Runner;
    void start(const std::shared_ptr<Entry> &entry);
    void execute(const std::shared_ptr<Entry> &entry);

    QThreadPool m_pool;
    QThreadPool m_loadingPool;           // JobKind::Loading
    QThreadPool m_backgroundLoadingPool; // JobKind::Loading at Priority::Low
    mutable std::mutex m_mutex;
    QHash<JobId, std::shared_ptr<Entry>> m_entries;
    JobId m_nextId = 1;
};

} // namespace radsynth::workflow
