// A simulated dataset split into shards (radsynth-cli simulate --shard I/N, --merge-shards N) is
// byte for byte the single-machine run; shards resume; the same run through a real one-node Slurm
// cluster (scripts/slurm-local.sh; skipped with a message where it cannot start) gives the same
// folder; --dry-run prints the array and the dependent merge job.
#include "../support/ClusterTestSupport.h"

#include <QtTest>

namespace {

using radsynth::testing::CliRun;
using radsynth::testing::runCli;
const auto digest = radsynth::testing::digestOutput;

const QStringList kCase = {QStringLiteral("simulate"), QStringLiteral("--engine"), QStringLiteral("phantom"), QStringLiteral("--count"),
                           QStringLiteral("9"), QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--seed"), QStringLiteral("3"),
                           QStringLiteral("--threads"), QStringLiteral("1")};

} // namespace

class TestShards : public QObject {
    Q_OBJECT

    radsynth::testing::TestFolder m_folder;
    std::map<QString, QByteArray> m_single; // the single run's files

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.directory.isValid());
        const CliRun single = runCli(kCase + QStringList{QStringLiteral("--out"), m_folder.path("single")});
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        m_single = digest(m_folder.path("single"));
        QCOMPARE(int(m_single.size()), 1 + 9 * 2 + 9 * 2); // manifest, 18 PNGs, 18 DICOMs
    }

    void shardsMergeIntoTheSingleRun()
    {
        for (int i = 0; i < 3; ++i) {
            const CliRun shard = runCli(kCase + QStringList{QStringLiteral("--shard"), QStringLiteral("%1/3").arg(i), QStringLiteral("--out"),
                                                      m_folder.path("sharded") + QStringLiteral("/shards/%1").arg(i)});
            QVERIFY2(shard.exitCode == 0, qPrintable(shard.err));
            QVERIFY(QFileInfo::exists(m_folder.path("sharded") + QStringLiteral("/shards/%1/done").arg(i)));
        }
        // A re-run shard finds its cases done and writes nothing new.
        const CliRun again = runCli(kCase + QStringList{QStringLiteral("--shard"), QStringLiteral("1/3"), QStringLiteral("--out"),
                                                  m_folder.path("sharded") + QStringLiteral("/shards/1")});
        QVERIFY2(again.exitCode == 0 && again.out.contains(QLatin1String("wrote 0 ")), qPrintable(again.out + again.err));
        const CliRun merge = runCli({QStringLiteral("simulate"), QStringLiteral("--merge-shards"), QStringLiteral("3"), QStringLiteral("--out"), m_folder.path("sharded")});
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        QVERIFY(digest(m_folder.path("sharded")) == m_single);
    }

    void aMissingShardIsNamed()
    {
        const CliRun shard = runCli(kCase + QStringList{QStringLiteral("--shard"), QStringLiteral("0/2"), QStringLiteral("--out"),
                                                  m_folder.path("partial") + QStringLiteral("/shards/0")});
        QVERIFY(shard.exitCode == 0);
        const CliRun merge = runCli({QStringLiteral("simulate"), QStringLiteral("--merge-shards"), QStringLiteral("2"), QStringLiteral("--out"), m_folder.path("partial")});
        QVERIFY(merge.exitCode != 0);
        QVERIFY2(merge.err.contains(QLatin1String("unfinished shards: 1")), qPrintable(merge.err));
    }

    void dryRunPrintsTheArrayAndTheDependentMerge()
    {
        const CliRun dry = runCli(kCase + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("3"),
                                                QStringLiteral("--partition"), QStringLiteral("gpu"), QStringLiteral("--dry-run"),
                                                QStringLiteral("--out"), m_folder.path("dry")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.contains(QLatin1String("#SBATCH --array=0,1,2")), qPrintable(dry.out));
        QVERIFY(dry.out.contains(QLatin1String("#SBATCH --partition=gpu")));
        QVERIFY(dry.out.contains(QLatin1String("--shard \"$SLURM_ARRAY_TASK_ID/3\"")));
        QVERIFY(dry.out.contains(QLatin1String("--merge-shards 3")));
        QVERIFY(dry.out.contains(QLatin1String("--dependency=afterok")));
        QVERIFY(!dry.out.contains(QLatin1String("'--dry-run'")));
        QVERIFY(!QFileInfo::exists(m_folder.path("dry") + QStringLiteral("/manifest.jsonl")));
    }

    void aRealSlurmClusterGivesTheSameFolder()
    {
        radsynth::testing::LocalSlurm slurm(m_folder.path("slurm-run"));
        if (const QString why = slurm.start(); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no one-node Slurm cluster could be started here: ") + why));
        const CliRun submit = runCli(kCase + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("3"),
                                                      QStringLiteral("--cpus-per-task"), QStringLiteral("1"), QStringLiteral("--out"), m_folder.path("cluster")});
        const bool merged = submit.exitCode == 0 &&
                            slurm.waitFor([&] { return QFileInfo::exists(m_folder.path("cluster") + QStringLiteral("/manifest.jsonl")); }, 240);
        slurm.stop();
        QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
        QVERIFY2(submit.out.contains(QLatin1String("submitted array job")), qPrintable(submit.out));
        QVERIFY2(merged, "the array and merge jobs did not finish within 4 minutes");
        QVERIFY(digest(m_folder.path("cluster")) == m_single);
    }
};

QTEST_GUILESS_MAIN(TestShards)
#include "TestShards.moc"
