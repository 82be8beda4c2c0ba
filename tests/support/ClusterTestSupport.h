#pragma once
// What the cluster tests share (issue 26): radsynth-cli as a process, SHA-256 digests of an output
// folder, and a one-node Slurm cluster started by scripts/slurm-local.sh in a folder of the test's
// (the test skips with the reason where it cannot start). Header-only, for Qt Test classes; runCli
// where the test defines RADSYNTH_CLI_PATH.
#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <map>

namespace radsynth::testing {

struct CliRun {
    int exitCode = -1;
    QString out, err;
};

inline CliRun runProgram(const QString &program, const QStringList &arguments, int timeoutMs = 300000,
                         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Relative path -> SHA-256 of every file under `folder`, except those whose relative path starts
// with one of `skip` (e.g. "shards/", "slurm/").
inline std::map<QString, QByteArray> digestFolder(const QString &folder, const QStringList &skip = {})
{
    std::map<QString, QByteArray> files;
    for (QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString path = it.next();
        const QString relative = path.mid(folder.size() + 1);
        if (std::any_of(skip.begin(), skip.end(), [&](const QString &prefix) { return relative.startsWith(prefix); }))
            continue;
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            files[relative] = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return files;
}

// A test's temporary folder and the paths in it.
struct TestFolder {
    QTemporaryDir directory;
    QString path(const char *name) const { return directory.path() + QLatin1Char('/') + QLatin1String(name); }
};

// An output folder without the cluster's bookkeeping (OUT/shards, OUT/slurm): what a single run writes.
inline std::map<QString, QByteArray> digestOutput(const QString &folder)
{
    return digestFolder(folder, {QStringLiteral("shards/"), QStringLiteral("slurm/")});
}

#ifdef RADSYNTH_CLI_PATH
inline CliRun runCli(const QStringList &arguments) { return runProgram(QStringLiteral(RADSYNTH_CLI_PATH), arguments); }
#endif

// scripts/slurm-local.sh start|stop in `runDirectory`; SLURM_CONF points at it while it runs.
class LocalSlurm {
public:
    explicit LocalSlurm(QString runDirectory) : m_run(std::move(runDirectory)) {}
    ~LocalSlurm() { stop(); }

    // Empty when the cluster is up; the reason otherwise.
    QString start()
    {
        QProcess start;
        start.setProcessEnvironment(environment());
        start.start(QStringLiteral("bash"), {script(), QStringLiteral("start")});
        if (!start.waitForFinished(90000) || start.exitStatus() != QProcess::NormalExit || start.exitCode() != 0) {
            const QString reason = QString::fromUtf8(start.readAllStandardError()).trimmed();
            return reason.isEmpty() ? QStringLiteral("slurm-local.sh start failed") : reason;
        }
        m_started = true;
        qputenv("SLURM_CONF", (m_run + QStringLiteral("/slurm.conf")).toLocal8Bit());
        return {};
    }

    // Waits until the queue is empty and `done` holds (at most `seconds`); true when it did.
    bool waitFor(const std::function<bool()> &done, int seconds)
    {
        for (int second = 0; second < seconds; ++second) {
            QTest::qWait(1000);
            QProcess queue;
            queue.start(QStringLiteral("squeue"), {QStringLiteral("-h")});
            queue.waitForFinished(10000);
            if (queue.readAllStandardOutput().trimmed().isEmpty() && done())
                return true;
        }
        return false;
    }

    void stop()
    {
        if (!m_started)
            return;
        m_started = false;
        QProcess stop;
        stop.setProcessEnvironment(environment());
        stop.start(QStringLiteral("bash"), {script(), QStringLiteral("stop")});
        stop.waitForFinished(30000);
        qunsetenv("SLURM_CONF");
    }

private:
    static QString script() { return QStringLiteral(RADSYNTH_SOURCE_DIR) + QStringLiteral("/scripts/slurm-local.sh"); }
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RADSYNTH_SLURM_DIR"), m_run);
        return env;
    }
    QString m_run;
    bool m_started = false;
};

} // namespace radsynth::testing
