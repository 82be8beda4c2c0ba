// A simulated dataset split into shards (radsynth-cli simulate --shard I/N, --merge-shards N) is
// byte for byte the single-machine run; shards resume; the same run through a real one-node Slurm
// cluster (scripts/slurm-local.sh; skipped with a message where it cannot start) gives the same
// folder; --dry-run prints the array and the dependent merge job.
#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList &arguments, int timeoutMs = 300000)
{
    QProcess process;
    process.start(QStringLiteral(RADSYNTH_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Relative path -> SHA-256 of every file of a dataset folder (manifest, PNGs, DICOMs).
std::map<QString, QByteArray> digest(const QString &folder)
{
    std::map<QString, QByteArray> files;
    for (const QString &sub : {QStringLiteral("manifest.jsonl"), QStringLiteral("png"), QStringLiteral("dicom")}) {
        const QFileInfo info(folder + QLatin1Char('/') + sub);
        QStringList paths;
        if (info.isFile())
            paths << info.filePath();
        else
            for (QDirIterator it(info.filePath(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
                paths << it.next();
        for (const QString &path : paths) {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                files[path.mid(folder.size() + 1)] = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
        }
    }
    return files;
}

const QStringList kCase = {QStringLiteral("simulate"), QStringLiteral("--engine"), QStringLiteral("phantom"), QStringLiteral("--count"),
                           QStringLiteral("9"), QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--seed"), QStringLiteral("3"),
                           QStringLiteral("--threads"), QStringLiteral("1")};

} // namespace

class TestShards : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::map<QString, QByteArray> m_single;

    QString path(const char *name) const { return m_dir.path() + QLatin1Char('/') + QLatin1String(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Run single = cli(kCase + QStringList{QStringLiteral("--out"), path("single")});
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        m_single = digest(path("single"));
        QCOMPARE(int(m_single.size()), 1 + 9 * 2 + 9 * 2); // manifest, 18 PNGs, 18 DICOMs
    }

    void shardsMergeIntoTheSingleRun()
    {
        for (int i = 0; i < 3; ++i) {
            const Run shard = cli(kCase + QStringList{QStringLiteral("--shard"), QStringLiteral("%1/3").arg(i), QStringLiteral("--out"),
                                                      path("sharded") + QStringLiteral("/shards/%1").arg(i)});
            QVERIFY2(shard.exitCode == 0, qPrintable(shard.err));
            QVERIFY(QFileInfo::exists(path("sharded") + QStringLiteral("/shards/%1/done").arg(i)));
        }
        // A re-run shard finds its cases done and writes nothing new.
        const Run again = cli(kCase + QStringList{QStringLiteral("--shard"), QStringLiteral("1/3"), QStringLiteral("--out"),
                                                  path("sharded") + QStringLiteral("/shards/1")});
        QVERIFY2(again.exitCode == 0 && again.out.contains(QLatin1String("wrote 0 ")), qPrintable(again.out + again.err));
        const Run merge = cli({QStringLiteral("simulate"), QStringLiteral("--merge-shards"), QStringLiteral("3"), QStringLiteral("--out"), path("sharded")});
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        QVERIFY(digest(path("sharded")) == m_single);
    }

    void aMissingShardIsNamed()
    {
        const Run shard = cli(kCase + QStringList{QStringLiteral("--shard"), QStringLiteral("0/2"), QStringLiteral("--out"),
                                                  path("partial") + QStringLiteral("/shards/0")});
        QVERIFY(shard.exitCode == 0);
        const Run merge = cli({QStringLiteral("simulate"), QStringLiteral("--merge-shards"), QStringLiteral("2"), QStringLiteral("--out"), path("partial")});
        QVERIFY(merge.exitCode != 0);
        QVERIFY2(merge.err.contains(QLatin1String("unfinished shards: 1")), qPrintable(merge.err));
    }

    void dryRunPrintsTheArrayAndTheDependentMerge()
    {
        const Run dry = cli(kCase + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("3"),
                                                QStringLiteral("--partition"), QStringLiteral("gpu"), QStringLiteral("--dry-run"),
                                                QStringLiteral("--out"), path("dry")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.contains(QLatin1String("#SBATCH --array=0,1,2")), qPrintable(dry.out));
        QVERIFY(dry.out.contains(QLatin1String("#SBATCH --partition=gpu")));
        QVERIFY(dry.out.contains(QLatin1String("--shard \"$SLURM_ARRAY_TASK_ID/3\"")));
        QVERIFY(dry.out.contains(QLatin1String("--merge-shards 3")));
        QVERIFY(dry.out.contains(QLatin1String("--dependency=afterok")));
        QVERIFY(!dry.out.contains(QLatin1String("'--dry-run'")));
        QVERIFY(!QFileInfo::exists(path("dry") + QStringLiteral("/manifest.jsonl")));
    }

    void aRealSlurmClusterGivesTheSameFolder()
    {
        const QString script = QStringLiteral(RADSYNTH_SOURCE_DIR) + QStringLiteral("/scripts/slurm-local.sh");
        const QString run = path("slurm-run");
        QProcess start;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RADSYNTH_SLURM_DIR"), run);
        start.setProcessEnvironment(env);
        start.start(QStringLiteral("bash"), {script, QStringLiteral("start")});
        if (!start.waitForFinished(90000) || start.exitCode() != 0)
            QSKIP(qPrintable(QStringLiteral("no one-node Slurm cluster could be started here: ") +
                             QString::fromUtf8(start.readAllStandardError()).trimmed()));
        qputenv("SLURM_CONF", (run + QStringLiteral("/slurm.conf")).toLocal8Bit());
        const Run submit = cli(kCase + QStringList{QStringLiteral("--slurm"), QStringLiteral("--array-size"), QStringLiteral("3"),
                                                   QStringLiteral("--cpus-per-task"), QStringLiteral("1"), QStringLiteral("--out"), path("cluster")});
        bool merged = false;
        if (submit.exitCode == 0)
            for (int second = 0; second < 240 && !merged; ++second) {
                QTest::qWait(1000);
                QProcess queue;
                queue.start(QStringLiteral("squeue"), {QStringLiteral("-h")});
                queue.waitForFinished(10000);
                merged = QFileInfo::exists(path("cluster") + QStringLiteral("/manifest.jsonl")) && queue.readAllStandardOutput().trimmed().isEmpty();
            }
        QProcess stop;
        stop.setProcessEnvironment(env);
        stop.start(QStringLiteral("bash"), {script, QStringLiteral("stop")});
        stop.waitForFinished(30000);
        QVERIFY2(submit.exitCode == 0, qPrintable(submit.out + submit.err));
        QVERIFY2(submit.out.contains(QLatin1String("submitted array job")), qPrintable(submit.out));
        QVERIFY2(merged, "the array and merge jobs did not finish within 4 minutes");
        auto cluster = digest(path("cluster"));
        QVERIFY(digest(path("cluster")) == m_single);
    }
};

QTEST_GUILESS_MAIN(TestShards)
#include "TestShards.moc"
