// The job scheduler: progress, cancellation, failures, retry, priorities, concurrency limit.
#include "radsynth/workflow/JobScheduler.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cerrno>
#endif

using namespace radsynth;
using namespace radsynth::workflow;

namespace {
// A job of `steps` steps of `stepMs` each; records its concurrency and start order.
class StepJob : public Job {
public:
    StepJob(QString name, int steps, int stepMs, std::atomic_int *running = nullptr, std::atomic_int *peak = nullptr,
            QStringList *order = nullptr, std::mutex *orderMutex = nullptr)
        : m_name(std::move(name)), m_steps(steps), m_stepMs(stepMs), m_running(running), m_peak(peak), m_order(order),
          m_orderMutex(orderMutex)
    {
    }
    QString title() const override { return m_name; }
    JobKind kind() const override { return JobKind::Generation; }
    Status run(JobContext &context) override
    {
        if (m_order) {
            std::lock_guard<std::mutex> lock(*m_orderMutex);
            m_order->push_back(m_name);
        }
        if (m_running) {
            const int now = ++*m_running;
            int previous = m_peak->load();
            while (now > previous && !m_peak->compare_exchange_weak(previous, now)) {
            }
        }
        for (int step = 0; step < m_steps; ++step) {
            if (context.isCancelled())
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(m_stepMs));
            context.setProgress(step + 1, m_steps, QStringLiteral("step %1").arg(step + 1));
            ++stepsDone;
        }
        if (m_running)
            --*m_running;
        return okStatus();
    }
    std::atomic_int stepsDone{0};

private:
    QString m_name;
    int m_steps, m_stepMs;
    std::atomic_int *m_running, *m_peak;
    QStringList *m_order;
    std::mutex *m_orderMutex;
};

class FlakyJob : public Job {
public:
    QString title() const override { return QStringLiteral("flaky"); }
    Status run(JobContext &) override
    {
        if (++attempts == 1)
            return makeError("model file missing", "models/default/frontal.pt");
        return okStatus();
    }
    std::atomic_int attempts{0};
};

class ThrowingJob : public Job {
public:
    QString title() const override { return QStringLiteral("throws"); }
    Status run(JobContext &) override { throw std::runtime_error("boom"); }
};
} // namespace

class TestJobScheduler : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void progressFiresPerStepAndFinishes()
    {
        JobScheduler scheduler;
        auto job = std::make_shared<StepJob>(QStringLiteral("gen"), 5, 40);
        QSignalSpy progress(&scheduler, &JobScheduler::jobProgress);
        QSignalSpy finished(&scheduler, &JobScheduler::jobFinished);
        const JobId id = scheduler.submit(job);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 5000); // also when it fired before we looked
        QCOMPARE(job->stepsDone.load(), 5);
        QTRY_COMPARE(progress.count(), 5); // 40 ms steps: above the 30 ms throttle, every step arrives
        QCOMPARE(progress.last().at(1).toLongLong(), 5);
        const JobInfo info = scheduler.info(id);
        QCOMPARE(info.state, JobState::Finished);
        QCOMPARE(info.done, 5);
        QVERIFY(info.elapsedMs() >= 150);
        QCOMPARE(info.attempts, 1);
    }

    void cancelStopsWithinOneStep()
    {
        JobScheduler scheduler;
        auto job = std::make_shared<StepJob>(QStringLiteral("long"), 1000, 20);
        QSignalSpy cancelled(&scheduler, &JobScheduler::jobCancelled);
        QSignalSpy started(&scheduler, &JobScheduler::jobStarted);
        const JobId id = scheduler.submit(job);
        QTRY_VERIFY_WITH_TIMEOUT(started.count() >= 1, 5000); // also when it fired before we looked
        QTRY_VERIFY(job->stepsDone.load() >= 2);
        scheduler.cancel(id);
        QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() >= 1, 5000); // also when it fired before we looked
        const int stepsAtCancel = job->stepsDone.load();
        QVERIFY2(stepsAtCancel < 20, "the job kept running after cancellation");
        QCOMPARE(scheduler.info(id).state, JobState::Cancelled);
    }

    void queuedJobCancelledNeverRuns()
    {
        JobScheduler scheduler;
        scheduler.setMaximumConcurrency(1);
        auto blocker = std::make_shared<StepJob>(QStringLiteral("blocker"), 10, 20);
        auto queued = std::make_shared<StepJob>(QStringLiteral("queued"), 10, 20);
        scheduler.submit(blocker);
        const JobId queuedId = scheduler.submit(queued);
        scheduler.cancel(queuedId);
        QVERIFY(scheduler.waitForIdle(10000));
        QCOMPARE(queued->stepsDone.load(), 0);
        QCOMPARE(scheduler.info(queuedId).state, JobState::Cancelled);
    }

    void failureCarriesMessageAndRetrySucceeds()
    {
        JobScheduler scheduler;
        auto job = std::make_shared<FlakyJob>();
        QSignalSpy failed(&scheduler, &JobScheduler::jobFailed);
        QSignalSpy finished(&scheduler, &JobScheduler::jobFinished);
        const JobId id = scheduler.submit(job);
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 5000); // also when it fired before we looked
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("models/default/frontal.pt: model file missing"));
        QCOMPARE(scheduler.info(id).state, JobState::Failed);
        QVERIFY(scheduler.retry(id));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 5000); // also when it fired before we looked
        QCOMPARE(scheduler.info(id).state, JobState::Finished);
        QCOMPARE(scheduler.info(id).attempts, 2);
        QVERIFY(scheduler.info(id).error.isEmpty());
        QVERIFY(!scheduler.retry(12345)); // unknown job
    }

    void exceptionsBecomeFailures()
    {
        JobScheduler scheduler;
        QSignalSpy failed(&scheduler, &JobScheduler::jobFailed);
        scheduler.submit(std::make_shared<ThrowingJob>());
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 5000); // also when it fired before we looked
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("boom")));
    }

    void concurrencyLimitAndPriorities()
    {
        JobScheduler scheduler;
        scheduler.setMaximumConcurrency(1);
        std::atomic_int running{0}, peak{0};
        QStringList order;
        std::mutex orderMutex;
        auto first = std::make_shared<StepJob>(QStringLiteral("first"), 5, 20, &running, &peak, &order, &orderMutex);
        scheduler.submit(first, Priority::Normal);
        QTRY_VERIFY(first->stepsDone.load() >= 1); // `first` occupies the only thread
        scheduler.submit(std::make_shared<StepJob>(QStringLiteral("low"), 2, 5, &running, &peak, &order, &orderMutex), Priority::Low);
        scheduler.submit(std::make_shared<StepJob>(QStringLiteral("high"), 2, 5, &running, &peak, &order, &orderMutex), Priority::High);
        QVERIFY(scheduler.waitForIdle(10000));
        QCOMPARE(peak.load(), 1);
        QCOMPARE(order, (QStringList{QStringLiteral("first"), QStringLiteral("high"), QStringLiteral("low")}));

        scheduler.setMaximumConcurrency(2);
        peak = 0;
        for (int i = 0; i < 4; ++i)
            scheduler.submit(std::make_shared<StepJob>(QStringLiteral("p%1").arg(i), 5, 20, &running, &peak, &order, &orderMutex));
        QVERIFY(scheduler.waitForIdle(10000));
        QCOMPARE(peak.load(), 2);
        QCOMPARE(scheduler.jobs().size(), 7);
        scheduler.clearFinished();
        QCOMPARE(scheduler.jobs().size(), 0);
    }

    // Cancellation is a value: a job that stops with cancelledError() (a library that saw its own
    // cancel flag) ends Cancelled, not Failed, whatever the message says; a failure whose message
    // mentions "cancelled" is still a failure.
    void cancelledErrorIsCancelledNotFailed()
    {
        JobScheduler scheduler;
        QSignalSpy failed(&scheduler, &JobScheduler::jobFailed);
        const JobId stopped = scheduler.submit(std::make_shared<FunctionJob>(QStringLiteral("stopped"), JobKind::Other, [](JobContext &) -> Status {
            return cancelledError("test", "the export was stopped");
        }));
        const JobId broken = scheduler.submit(std::make_shared<FunctionJob>(QStringLiteral("broken"), JobKind::Other, [](JobContext &) -> Status {
            return makeError("the peer said: cancelled");
        }));
        QVERIFY(scheduler.waitForIdle(10000));
        QCOMPARE(scheduler.info(stopped).state, JobState::Cancelled);
        QCOMPARE(scheduler.info(broken).state, JobState::Failed);
        QCOMPARE(failed.count(), 1);
        QVERIFY(cancelledError().isCancelled());
        QVERIFY(!makeError("cancelled").isCancelled());
        QVERIFY(Result<int>(cancelledError()).isCancelled());
    }

    // A loading job (a study, a thumbnail, a PACS query) waits for no generation: it has a lane of
    // its own beside the concurrency limit; `ended` runs on the receiver's thread with the final
    // state, and a cancelled loading job ends Cancelled with what its work returned.
    void loadingLaneAndEndedCallback()
    {
        JobScheduler scheduler;
        scheduler.setMaximumConcurrency(1);
        std::atomic_bool release{false};
        auto generation = std::make_shared<FunctionJob>(QStringLiteral("generation"), JobKind::Generation, [&release](JobContext &context) -> Status {
            while (!release.load() && !context.isCancelled())
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return okStatus();
        });
        const JobId generationId = scheduler.submit(generation);
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.info(generationId).state, JobState::Running, 5000);

        QObject receiver;
        QList<JobInfo> ended;
        Qt::HANDLE endedThread = nullptr;
        auto loading = std::make_shared<FunctionJob>(QStringLiteral("open"), JobKind::Loading, [](JobContext &context) -> Status {
            context.setProgress(1, 1);
            return okStatus();
        });
        const JobId loadingId = scheduler.submit(loading, Priority::High, &receiver, [&](const JobInfo &info) {
            ended << info;
            endedThread = QThread::currentThreadId();
        });
        // It ends while the generation still holds the only general slot.
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 10000);
        QCOMPARE(ended.front().id, loadingId);
        QCOMPARE(ended.front().state, JobState::Finished);
        QCOMPARE(endedThread, QThread::currentThreadId());
        QCOMPARE(scheduler.info(generationId).state, JobState::Running);

        // Cancelled while it runs: ends Cancelled, and the callback says so.
        std::atomic_bool sawCancel{false};
        auto waiting = std::make_shared<FunctionJob>(QStringLiteral("scan"), JobKind::Loading, [&sawCancel](JobContext &context) -> Status {
            while (!context.isCancelled())
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            sawCancel = true;
            return okStatus();
        });
        const JobId waitingId = scheduler.submit(waiting, Priority::High, &receiver, [&](const JobInfo &info) { ended << info; });
        QTRY_COMPARE_WITH_TIMEOUT(scheduler.info(waitingId).state, JobState::Running, 10000);
        scheduler.cancel(waitingId);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 10000);
        QCOMPARE(ended.back().id, waitingId);
        QCOMPARE(ended.back().state, JobState::Cancelled);
        QVERIFY(sawCancel.load());

        release = true;
        QVERIFY(scheduler.waitForIdle(10000));
        QCOMPARE(ended.size(), 2); // the generation's end is not reported to this receiver
    }

    // Thumbnails (loading at low priority) and generation run below the GUI thread's priority; the
    // study being opened (loading at high priority) does not, also after a thumbnail has run (its
    // lane is its own: a thread's priority cannot be raised again without privileges).
    void backgroundJobsYieldToTheGui()
    {
#if defined(__linux__)
        JobScheduler scheduler;
        auto niceOf = [&scheduler](JobKind kind, Priority priority) {
            auto nice = std::make_shared<std::atomic_int>(-100);
            auto job = std::make_shared<FunctionJob>(QStringLiteral("probe"), kind, [nice](JobContext &) -> Status {
                errno = 0;
                *nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
                return okStatus();
            });
            const JobId id = scheduler.submit(job, priority);
            [&] { QTRY_COMPARE_WITH_TIMEOUT(scheduler.info(id).state, JobState::Finished, 10000); }();
            return nice->load();
        };
        errno = 0;
        const int gui = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
        QVERIFY(niceOf(JobKind::Loading, Priority::Low) > gui);
        QCOMPARE(niceOf(JobKind::Loading, Priority::High), gui);
        QCOMPARE(niceOf(JobKind::Loading, Priority::Normal), gui);
        QVERIFY(niceOf(JobKind::Generation, Priority::Normal) > gui);
        QVERIFY(niceOf(JobKind::Loading, Priority::Low) > gui);
        QCOMPARE(niceOf(JobKind::Loading, Priority::High), gui);
#else
        QSKIP("thread priorities are set on Linux only");
#endif
    }

    void remainingTimeFromRate()
    {
        JobInfo info;
        info.state = JobState::Running;
        info.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-1000);
        info.done = 1;
        info.total = 4;
        QVERIFY(qAbs(info.remainingMs() - 3000) < 200);
        info.done = 0;
        QCOMPARE(info.remainingMs(), -1);
    }
};

QTEST_GUILESS_MAIN(TestJobScheduler)
#include "tst_jobscheduler.moc"
