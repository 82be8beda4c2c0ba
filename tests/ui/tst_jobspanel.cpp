// The jobs panel on its own, with a real scheduler and real jobs (under Xvfb): newest first; a
// job's state shows as it changes; a failed job shows its message and a Retry button that runs it
// again; Cancel clicked where it is drawn stops a running job; a day's worth of finished jobs (300)
// stays listed, the next job still comes first with its state, and "Clear finished" empties the list.
#include "radsynth/ui/JobsPanel.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QApplication>
#include <QListView>
#include <QPushButton>
#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace radsynth;
using radsynth::ui::JobsPanel;
using workflow::FunctionJob;
using workflow::JobContext;
using workflow::JobId;
using workflow::JobKind;
using workflow::JobScheduler;
using workflow::JobState;

namespace {
std::shared_ptr<FunctionJob> quickJob(const QString &title)
{
    return std::make_shared<FunctionJob>(title, JobKind::Generation, [](JobContext &context) -> Status {
        context.setProgress(1, 1);
        return okStatus();
    });
}

// The panel shown at `size`, as a dock shows it; false when the window never appeared.
bool show(JobsPanel &panel, QSize size)
{
    panel.resize(size);
    panel.show();
    return QTest::qWaitForWindowExposed(&panel);
}

// The row at `row` of the list, as the view shows it (its accessible text: kind, title, bar, status).
QString rowText(const JobsPanel &panel, int row)
{
    return panel.view()->model()->index(row, 0).data(Qt::AccessibleTextRole).toString();
}
} // namespace

class TestJobsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void newestFirstWithStateAsItChanges();
    void failedJobShowsItsMessageAndRetries();
    void cancelClickedWhereItIsDrawn();
    void aDaysJobsStayListedAndClear();
};

void TestJobsPanel::newestFirstWithStateAsItChanges()
{
    JobScheduler scheduler;
    JobsPanel panel(&scheduler);
    QVERIFY(show(panel, QSize(300, 500)));
    const JobId first = scheduler.submit(quickJob(QStringLiteral("First job")));
    const JobId second = scheduler.submit(quickJob(QStringLiteral("Second job")));
    QVERIFY(panel.hasRow(first) && panel.hasRow(second)); // a row as soon as the job is submitted
    QCOMPARE(panel.rowCount(), 2);
    QVERIFY(rowText(panel, 0).contains(QLatin1String("Second job")));
    QVERIFY(rowText(panel, 1).contains(QLatin1String("First job")));
    QVERIFY(scheduler.waitForIdle(10000));
    // Finished: the bar full and "Done", no button (nothing to cancel or retry).
    QTRY_COMPARE(panel.progress(first), 1000);
    QVERIFY(panel.statusText(first).startsWith(workflow::toDisplayString(JobState::Finished)));
    QVERIFY(rowText(panel, 1).contains(QLatin1String("Done")));
    QVERIFY(panel.cancelButtonRect(first).isEmpty());
    QVERIFY(panel.retryButtonRect(first).isEmpty());
}

void TestJobsPanel::failedJobShowsItsMessageAndRetries()
{
    JobScheduler scheduler;
    JobsPanel panel(&scheduler);
    QVERIFY(show(panel, QSize(260, 500)));
    auto attempts = std::make_shared<std::atomic_int>(0);
    const QString message = QStringLiteral("the model bundle cannot be used: /a/long/path/to/models/default/manifest.json is not valid JSON");
    const JobId id = scheduler.submit(std::make_shared<FunctionJob>(QStringLiteral("Generate F2L (seed 1)"), JobKind::Generation,
                                                                    [attempts, message](JobContext &) -> Status {
                                                                        if (attempts->fetch_add(1) == 0)
                                                                            return makeError(message.toStdString());
                                                                        return okStatus();
                                                                    }));
    QTRY_COMPARE_WITH_TIMEOUT(scheduler.info(id).state, JobState::Failed, 10000);
    QTRY_VERIFY(panel.statusText(id).contains(message));
    // The row is tall enough for the wrapped message: taller than a finished job's row.
    const QRect failedRow = panel.view()->visualRect(panel.view()->model()->index(0, 0));
    const JobId done = scheduler.submit(quickJob(QStringLiteral("Short")));
    QVERIFY(scheduler.waitForIdle(10000));
    QTRY_COMPARE(panel.progress(done), 1000);
    QTRY_VERIFY(panel.view()->visualRect(panel.view()->model()->index(0, 0)).height() < failedRow.height());
    // Retry, clicked where it is drawn, runs the job again; this time it finishes.
    const QRect retry = panel.retryButtonRect(id);
    QVERIFY(!retry.isEmpty());
    QVERIFY(panel.cancelButtonRect(id).isEmpty());
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, retry.center());
    QTRY_COMPARE_WITH_TIMEOUT(scheduler.info(id).state, JobState::Finished, 10000);
    QCOMPARE(attempts->load(), 2);
    QTRY_COMPARE(panel.progress(id), 1000);
    QVERIFY(panel.retryButtonRect(id).isEmpty());
}

void TestJobsPanel::cancelClickedWhereItIsDrawn()
{
    JobScheduler scheduler;
    JobsPanel panel(&scheduler);
    QVERIFY(show(panel, QSize(300, 400)));
    const JobId id = scheduler.submit(std::make_shared<FunctionJob>(QStringLiteral("Long job"), JobKind::Generation, [](JobContext &context) -> Status {
        for (int step = 1; step <= 1000 && !context.isCancelled(); ++step) {
            context.setProgress(step, 1000);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return okStatus();
    }));
    QTRY_VERIFY_WITH_TIMEOUT(panel.progress(id) > 0, 10000); // the bar moves (coalesced updates)
    const QRect cancel = panel.cancelButtonRect(id);
    QVERIFY(!cancel.isEmpty());
    // A click beside the button does nothing.
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, QPoint(cancel.left() - 20, cancel.center().y()));
    QTest::qWait(100);
    QVERIFY(scheduler.info(id).isActive());
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, cancel.center());
    QTRY_COMPARE_WITH_TIMEOUT(scheduler.info(id).state, JobState::Cancelled, 10000);
    QTRY_VERIFY(!panel.retryButtonRect(id).isEmpty()); // cancelled: it can run again
    QVERIFY(panel.cancelButtonRect(id).isEmpty());
}

void TestJobsPanel::aDaysJobsStayListedAndClear()
{
    JobScheduler scheduler;
    JobsPanel panel(&scheduler);
    QVERIFY(show(panel, QSize(300, 600)));
    for (int i = 0; i < 300; ++i)
        scheduler.submit(quickJob(QStringLiteral("Earlier job %1").arg(i + 1)));
    QVERIFY(scheduler.waitForIdle(60000));
    QCOMPARE(panel.rowCount(), 300);
    const JobId next = scheduler.submit(quickJob(QStringLiteral("The next study")));
    QCOMPARE(panel.rowCount(), 301);
    QVERIFY(rowText(panel, 0).contains(QLatin1String("The next study")));
    QVERIFY(scheduler.waitForIdle(10000));
    QTRY_COMPARE(panel.progress(next), 1000);
    QVERIFY(rowText(panel, 300).contains(QLatin1String("Earlier job 1")));
    // Clear finished: the list is empty again.
    auto *clear = panel.findChild<QPushButton *>(QStringLiteral("clearFinishedJobs"));
    QVERIFY(clear);
    clear->click();
    QCOMPARE(panel.rowCount(), 0);
    QVERIFY(!panel.hasRow(next));
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestJobsPanel test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_jobspanel.moc"
