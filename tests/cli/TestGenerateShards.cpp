// A teaching-case batch split into shards (radsynth-cli generate --batch --shard I/N,
// --merge-shards N, --slurm; issue 26) is byte for byte the library a single run writes with the
// same --created time: case.json, report.txt, and the DICOM images and SR, whose UIDs are derived
// from the case. Shards resume; a failed case is recorded with its reason and the shard goes on; a
// real one-node Slurm cluster (scripts/slurm-local.sh; skipped with the reason where it cannot
// start) runs the batch as 3 array tasks and a dependent merge into the same library, and a
// re-submission of a finished run submits only the merge. The shipped model, 2 sampler steps.
#include "../support/ClusterTestSupport.h"

#include <QtTest>

namespace {

using radsynth::testing::CliRun;
using radsynth::testing::runCli;
const auto library = radsynth::testing::digestOutput;

const QString kCreated = QStringLiteral("2026-12-06T09:30:00Z");

} // namespace

class TestGenerateShards : public QObject {
    Q_OBJECT

    radsynth::testing::TestFolder m_folder;
    std::map<QString, QByteArray> m_single; // the single run's files
    QStringList batch(const QString &out) const
    {
        return {QStringLiteral("generate"), QStringLiteral("--bundle"), QStringLiteral(RADSYNTH_SOURCE_DIR) + QStringLiteral("/models/default"),
                QStringLiteral("--batch"), m_folder.path("cases.jsonl"), QStringLiteral("--created"), kCreated, QStringLiteral("--out"), out};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.directory.isValid());
        QFile cases(m_folder.path("cases.jsonl"));
        QVERIFY(cases.open(QIODevice::WriteOnly));
        cases.write("{\"id\":\"heart\",\"findings\":\"cardiomegaly\",\"seed\":1,\"steps\":2}\n"
                    "{\"id\":\"clear\",\"report\":\"FINDINGS: Lungs are clear.\\nIMPRESSION: Normal.\",\"seed\":2,\"steps\":2}\n"
                    "{\"id\":\"ptx\",\"findings\":\"pneumothorax:right:small\",\"seed\":3,\"steps\":2}\n"
                    "{\"id\":\"effusion\",\"findings\":\"pleural_effusion:left:moderate\",\"seed\":4,\"steps\":2}\n"
                    "{\"id\":\"same-seed\",\"findings\":\"cardiomegaly\",\"seed\":1,\"steps\":2}\n");
        cases.close();
        const CliRun single = runCli(batch(m_folder.path("single")));
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        m_single = library(m_folder.path("single"));
        QCOMPARE(int(m_single.size()), 5 * 5); // case.json, report.txt, frontal.dcm, lateral.dcm, report.dcm
        // Two cases with one seed are still two studies (the id goes into the UIDs).
        QVERIFY(m_single[QStringLiteral("heart/frontal.dcm")] != m_single[QStringLiteral("same-seed/frontal.dcm")]);
    }

    void shardsMergeIntoTheSingleRun()
    {
        for (int i = 0; i < 3; ++i) {
            const CliRun shard = runCli(batch(m_folder.path("sharded") + QStringLiteral("/shards/%1").arg(i)) +
                                     QStringList{QStringLiteral("--shard"), QStringLiteral("%1/3").arg(i)});
            QVERIFY2(shard.exitCode == 0, qPrintable(shard.err));
            QVERIFY(QFileInfo::exists(m_folder.path("sharded") + QStringLiteral("/shards/%1/done").arg(i)));
        }
        // A re-run shard finds its cases complete.
        const CliRun again = runCli(batch(m_folder.path("sharded") + QStringLiteral("/shards/2")) + QStringList{QStringLiteral("--shard"), QStringLiteral("2/3")});
        QVERIFY2(again.exitCode == 0 && again.out.contains(QLatin1String("0 built, 2 already complete, 0 failed")), qPrintable(again.out + again.err));
        const CliRun merge = runCli({QStringLiteral("generate"), QStringLiteral("--merge-shards"), QStringLiteral("3"), QStringLiteral("--out"), m_folder.path("sharded")});
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        QVERIFY2(merge.out.contains(QLatin1String("merged 3 shards: 5 cases")), qPrintable(merge.out));
        QVERIFY(library(m_folder.path("sharded")) == m_single);
    }

    void aFailedCaseIsRecordedAndTheShardGoesOn()
    {
        // A file where shard 0's first case folder must go: that case cannot be moved into place.
        const QString shard = m_folder.path("failing") + QStringLiteral("/shards/0");
        QVERIFY(QDir().mkpath(shard));
        QFile blocker(shard + QStringLiteral("/heart"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const CliRun run = runCli(batch(shard) + QStringList{QStringLiteral("--shard"), QStringLiteral("0/2")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("1 built, 0 already complete, 1 failed")), qPrintable(run.out));
        QFile failures(shard + QStringLiteral("/failures.jsonl"));
        QVERIFY(failures.open(QIODevice::ReadOnly));
        const QByteArray line = failures.readAll();
        QVERIFY2(line.startsWith("{\"id\":\"heart\",\"reason\":\"") && line.contains("cannot move the finished case into place"), line.constData());
        QVERIFY(QFileInfo::exists(shard + QStringLiteral("/done")));
        QVERIFY(QFileInfo::exists(shard + QStringLiteral("/clear/case.json")));
        // The merge names the unfinished shard, then (once it is done) gathers the failure and fails.
        CliRun merge = runCli({QStringLiteral("generate"), QStringLiteral("--merge-shards"), QStringLiteral("2"), QStringLiteral("--out"), m_folder.path("failing")});
        QVERIFY(merge.exitCode != 0);
        QVERIFY2(merge.err.contains(QLatin1String("unfinished shards: 1")), qPrintable(merge.err));
        const CliRun other = runCli(batch(m_folder.path("failing") + QStringLiteral("/shards/1")) + QStringList{QStringLiteral("--shard"), QStringLiteral("1/2")});
        QVERIFY2(other.exitCode == 0, qPrintable(other.err));
        merge = runCli({QStringLiteral("generate"), QStringLiteral("--merge-shards"), QStringLiteral("2"), QStringLiteral("--out"), m_folder.path("failing")});
        QVERIFY(merge.exitCode != 0);
        QVERIFY2(merge.err.contains(QLatin1String("1 case(s) failed")), qPrintable(merge.err));
        QVERIFY(QFileInfo::exists(m_folder.path("failing") + QStringLiteral("/failures.jsonl")));
        for (const char *id : {"clear", "ptx", "effusion", "same-seed"})
            QVERIFY2(QFileInfo::exists(m_folder.path("failing") + QLatin1Char('/') + QLatin1String(id) + QStringLiteral("/case.json")), id);
    }

    void dryRunPinsTheCreationTime()
    {
        QStringList arguments = batch(m_folder.path("dry"));
        arguments.removeAt(arguments.indexOf(QStringLiteral("--created")) + 1);
        arguments.removeAll(QStringLiteral("--created"));
        const CliRun dry = runCli(arguments + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("3"),
                                                       QStringLiteral("--time"), QStringLiteral("00:30:00"), QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.contains(QLatin1String("#SBATCH --array=0,1,2")), qPrintable(dry.out));
        QVERIFY(dry.out.contains(QLatin1String("#SBATCH --time=00:30:00")));
        QVERIFY(dry.out.contains(QLatin1String("--shard \"$SLURM_ARRAY_TASK_ID/3\"")));
        QVERIFY(dry.out.contains(QLatin1String("generate --merge-shards 3")));
        // Every shard makes its cases at the first submission's time, kept for re-submissions.
        QFile stamp(m_folder.path("dry") + QStringLiteral("/slurm/created"));
        QVERIFY(stamp.open(QIODevice::ReadOnly));
        const QString created = QString::fromUtf8(stamp.readAll()).trimmed();
        QVERIFY2(dry.out.contains(QStringLiteral("'--created' '%1'").arg(created)), qPrintable(dry.out));
        QVERIFY(!QFileInfo::exists(m_folder.path("dry") + QStringLiteral("/shards")));
        // A batch file with a bad line is refused at submission, not in the jobs.
        QFile bad(m_folder.path("bad.jsonl"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"id\":\"x\",\"findings\":\"unicorn\"}\n");
        bad.close();
        const CliRun refused = runCli({QStringLiteral("generate"), QStringLiteral("--batch"), m_folder.path("bad.jsonl"), QStringLiteral("--out"), m_folder.path("bad"),
                                    QStringLiteral("--slurm"), QStringLiteral("--dry-run")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QLatin1String("bad.jsonl:1")), qPrintable(refused.err));
    }

    void aRealSlurmClusterGivesTheSameLibrary()
    {
        radsynth::testing::LocalSlurm slurm(m_folder.path("slurm-run"));
        if (const QString why = slurm.start(); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no one-node Slurm cluster could be started here: ") + why));
        const QStringList submitArguments =
            batch(m_folder.path("cluster")) + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("3"),
                                                 QStringLiteral("--cpus-per-task"), QStringLiteral("1")};
        const CliRun submit = runCli(submitArguments);
        auto merged = [&] { return QFileInfo::exists(m_folder.path("cluster") + QStringLiteral("/same-seed/case.json")); };
        const bool finished = submit.exitCode == 0 && slurm.waitFor(merged, 120);
        // Re-submitted when every shard is done: only the merge runs again.
        const CliRun again = finished ? runCli(submitArguments) : CliRun{};
        const bool mergedAgain = again.exitCode == 0 && slurm.waitFor([] { return true; }, 60);
        slurm.stop();
        QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
        QVERIFY2(submit.out.contains(QLatin1String("submitted array job")), qPrintable(submit.out));
        QVERIFY2(finished, "the array and merge jobs did not finish within 2 minutes");
        QVERIFY(library(m_folder.path("cluster")) == m_single);
        QVERIFY2(again.exitCode == 0 && !again.out.contains(QLatin1String("array job")) && again.out.contains(QLatin1String("merge job")),
                 qPrintable(again.out + again.err));
        QVERIFY(mergedAgain);
        QVERIFY(library(m_folder.path("cluster")) == m_single);
    }
};

QTEST_GUILESS_MAIN(TestGenerateShards)
#include "TestGenerateShards.moc"
