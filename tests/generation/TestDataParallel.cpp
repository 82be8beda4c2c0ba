// Data-parallel training (issue 26; docs/SCALING.md): two ranks on this machine, joined through
// c10d (ProcessGroupGloo, FileStore rendezvous), end a few steps with the weights of one process
// that takes the same combined batch as two data shards (gradient accumulation), within float
// tolerance; and those weights are not what one shard of the same batch gives (the comparison can
// fail). Both launchers are exercised: RADSYNTH_RANK / RADSYNTH_WORLD_SIZE / RADSYNTH_STORE with
// the LibTorch-only radsynth-train (what srun starts on a GPU cluster), and radsynth-cli train
// --ranks 2. A tiny autoencoder at 32 px (tests/support/TinyTrainingCache.h): seconds.
#include "../support/ClusterTestSupport.h"
#include "../support/TinyTrainingCache.h"

#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/Distributed.h"
#include "radsynth/generation/TrainingCache.h"
#include "radsynth/generation/Trainer.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <random>
#include <string>

using namespace radsynth::generation;

namespace {
constexpr double kTolerance = 1e-5; // float32 sums in another order
} // namespace

class TestDataParallel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_cache;

    std::string bundle(const char *name) const { return m_dir.filePath(QLatin1String(name)).toStdString(); }

    QStringList trainArguments(const std::string &bundleDirectory) const
    {
        return {QStringLiteral("--stage"), QStringLiteral("autoencoder"), QStringLiteral("--data"), QString::fromStdString(m_cache),
                QStringLiteral("--bundle"), QString::fromStdString(bundleDirectory), QStringLiteral("--preset"), QStringLiteral("tiny"),
                QStringLiteral("--steps"), QStringLiteral("4"), QStringLiteral("--batch"), QStringLiteral("4"), QStringLiteral("--lr"),
                QStringLiteral("0.001"), QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--validate-every"), QStringLiteral("0"),
                QStringLiteral("--sample-every"), QStringLiteral("0"), QStringLiteral("--checkpoint-every"), QStringLiteral("0")};
    }

    // One process, in this test: the combined batch of 4 as `shards` data shards.
    void trainHere(const std::string &bundleDirectory, int shards)
    {
        TrainOptions o = radsynth::testing::tinyAutoencoderOptions(m_cache, bundleDirectory, 4);
        o.seed = 7;
        o.dataShards = shards;
        auto result = train(o);
        QVERIFY2(result.isOk(), result.message().c_str());
    }

    double difference(const std::string &a, const std::string &b)
    {
        auto d = weightDifference(a, b, Component::Autoencoder);
        if (!d.isOk())
            qWarning("%s", d.message().c_str());
        return d.isOk() ? d.value() : 1e9;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!distributedAvailable())
            QSKIP("this build has no c10d (libgloo-dev was missing at build time)");
        m_cache = m_dir.filePath(QStringLiteral("cache.rsc")).toStdString();
        std::string error;
        QVERIFY2(radsynth::testing::writeTinyTrainingCache(m_cache, 14, 12, 11, error), error.c_str());
        trainHere(bundle("one-process-two-shards"), 2);
        trainHere(bundle("one-process-one-shard"), 1);
        // The reference differs from a plain one-shard run: the comparisons below can fail.
        QVERIFY(difference(bundle("one-process-two-shards"), bundle("one-process-one-shard")) > 100 * kTolerance);
    }

    void twoRanksFromTheEnvironmentMatchOneProcess()
    {
        // Two radsynth-train processes, each told its rank (as torchrun-like launchers and srun do).
        const std::string target = bundle("two-ranks-environment");
        std::vector<std::unique_ptr<QProcess>> ranks;
        for (int rank = 0; rank < 2; ++rank) {
            auto process = std::make_unique<QProcess>();
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("RADSYNTH_RANK"), QString::number(rank));
            environment.insert(QStringLiteral("RADSYNTH_WORLD_SIZE"), QStringLiteral("2"));
            environment.insert(QStringLiteral("RADSYNTH_STORE"), m_dir.filePath(QStringLiteral("store")));
            process->setProcessEnvironment(environment);
            process->setProcessChannelMode(QProcess::MergedChannels);
            process->start(QStringLiteral(RADSYNTH_TRAIN_PATH), trainArguments(target));
            ranks.push_back(std::move(process));
        }
        for (int rank = 0; rank < 2; ++rank) {
            QVERIFY2(ranks[size_t(rank)]->waitForFinished(120000), "a rank did not finish within 2 minutes");
            const QByteArray output = ranks[size_t(rank)]->readAll();
            QVERIFY2(ranks[size_t(rank)]->exitCode() == 0, output.constData());
            // Each rank read the images of its share only: half the 12 training studies (i mod 2 ==
            // rank), and the leader the 2 validation studies too.
            const QByteArray share = QStringLiteral("rank %1 of 2: read the images of %2 of the cache's 14 records").arg(rank).arg(rank == 0 ? 8 : 6).toUtf8();
            QVERIFY2(output.contains(share), (share + " not in:\n" + output).constData());
        }
        const double d = difference(target, bundle("one-process-two-shards"));
        QVERIFY2(d <= kTolerance, qPrintable(QStringLiteral("2 ranks and 1 process differ by %1").arg(d)));
    }

    void aRankLoadsOnlyItsRecords()
    {
        // The cache read as rank 1 of 2 would: the training studies i mod 2 == 1, by their offsets.
        TrainingCache whole, share;
        std::string error;
        QVERIFY2(whole.load(m_cache, &error), error.c_str());
        QVERIFY2(share.load(m_cache, [](const CacheRecordHeader &h) {
            return h.split == Split::Train && h.splitIndex % 2 == 1 ? CacheLoad::Whole : CacheLoad::Skip;
        }, &error), error.c_str());
        QCOMPARE(whole.records().size(), size_t(14));
        QCOMPARE(whole.recordsWithImages(), size_t(14));
        QCOMPARE(share.records().size(), size_t(6));
        QCOMPARE(share.recordsWithImages(), size_t(6));
        QCOMPARE(share.splitSize(Split::Train), size_t(12));
        QCOMPARE(share.splitSize(Split::Validation), size_t(2));
        for (const CacheRecord &r : share.records()) {
            const CacheRecord &same = whole.records()[size_t(r.splitIndex)];
            QCOMPARE(r.id, same.id);
            QVERIFY(r.frontal == same.frontal && r.lateral == same.lateral && r.report == same.report);
            QCOMPARE(r.splitIndex % 2, 1u);
        }
        // Its reads are its share's bytes and the other records' headers: under half the file's.
        QVERIFY2(share.bytesRead() < whole.bytesRead() / 2,
                 qPrintable(QStringLiteral("%1 of %2 bytes").arg(share.bytesRead()).arg(whole.bytesRead())));
        // Text: the reports without the images.
        TrainingCache text;
        QVERIFY(text.load(m_cache, [](const CacheRecordHeader &) { return CacheLoad::Text; }, &error));
        QCOMPARE(text.records().size(), size_t(14));
        QCOMPARE(text.recordsWithImages(), size_t(0));
        QVERIFY(!text.records()[3].hasFrontal() && text.records()[3].report == whole.records()[3].report);
        QCOMPARE(text.records()[13].splitIndex, 1u); // the second validation study
    }

    void cliLaunchesTwoRanks()
    {
        const std::string target = bundle("two-ranks-cli");
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(QStringLiteral(RADSYNTH_CLI_PATH), QStringList{QStringLiteral("train")} + trainArguments(target) +
                                                         QStringList{QStringLiteral("--ranks"), QStringLiteral("2")});
        QVERIFY(cli.waitForFinished(120000));
        const QByteArray output = cli.readAll();
        QVERIFY2(cli.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("training on 2 ranks"), output.constData());
        const double d = difference(target, bundle("one-process-two-shards"));
        QVERIFY2(d <= kTolerance, qPrintable(QStringLiteral("radsynth-cli --ranks 2 and 1 process differ by %1").arg(d)));
    }

    void srunOnALocalClusterMatchesOneProcess()
    {
        // `srun` on a one-node Slurm cluster (scripts/slurm-local.sh) starts the two ranks; each
        // learns its rank and the rendezvous (the first node, port from the job id) from Slurm's
        // environment alone. Skipped, with the reason, where the cluster cannot start.
        radsynth::testing::LocalSlurm slurm(m_dir.filePath(QStringLiteral("slurm-run")));
        if (const QString why = slurm.start(); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("no one-node Slurm cluster could be started here: ") + why));
        const std::string target = bundle("two-ranks-srun");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"RADSYNTH_RANK", "RADSYNTH_WORLD_SIZE", "RADSYNTH_STORE", "RADSYNTH_MASTER_ADDR", "RADSYNTH_MASTER_PORT", "MASTER_ADDR",
                                 "MASTER_PORT"})
            environment.remove(QLatin1String(name));
        const auto run = radsynth::testing::runProgram(QStringLiteral("srun"),
                                                       QStringList{QStringLiteral("--ntasks=2"), QStringLiteral("--nodes=1"), QStringLiteral("--cpus-per-task=1"),
                                                                   QStringLiteral("--time=5"), QStringLiteral(RADSYNTH_TRAIN_PATH)} +
                                                           trainArguments(target),
                                                       180000, environment);
        slurm.stop();
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1String("rank 0 of 2: read the images of 8 of the cache's 14 records")) &&
                     run.out.contains(QLatin1String("rank 1 of 2: read the images of 6 of the cache's 14 records")),
                 qPrintable(run.out + run.err));
        const double d = difference(target, bundle("one-process-two-shards"));
        QVERIFY2(d <= kTolerance, qPrintable(QStringLiteral("srun's 2 ranks and 1 process differ by %1").arg(d)));
    }

    void slurmNodeListsAndBadSettings()
    {
        QCOMPARE(firstSlurmHost("gpu[03-05,9],cpu1"), std::string("gpu03"));
        QCOMPARE(firstSlurmHost("node7,node8"), std::string("node7"));
        QCOMPARE(firstSlurmHost("login"), std::string("login"));
        // The batch must split into the shards, the shards among the ranks.
        TrainOptions o;
        o.cachePath = m_cache;
        o.bundleDirectory = bundle("refused");
        o.preset = "tiny";
        o.batch = 3;
        o.dataShards = 2;
        o.quiet = true;
        auto refused = train(o);
        QVERIFY(!refused.isOk());
        QVERIFY2(refused.message().find("split evenly") != std::string::npos, refused.message().c_str());
    }
};

QTEST_GUILESS_MAIN(TestDataParallel)
#include "TestDataParallel.moc"
