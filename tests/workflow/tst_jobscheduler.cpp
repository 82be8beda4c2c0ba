// The job scheduler: progress, cancellation, failures, retry, priorities, concurrency limit.
#include "radsynth/workflow/JobScheduler.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

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
