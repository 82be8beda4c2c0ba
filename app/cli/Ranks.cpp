// Local data-parallel launcher (Ranks.h).
#include "Ranks.h"
#include "CliRegistry.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>
#include <vector>

namespace radsynth::cli {

int launchRanks(const char *command, const QStringList &arguments, int ranks, const QString &cachePath)
{
    QTemporaryDir rendezvous;
    if (!rendezvous.isValid())
        return fail(command, "cannot create a folder for the ranks' rendezvous: " + rendezvous.errorString().toStdString());
    QStringList childArguments{QString::fromLatin1(command)};
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("--ranks")) {
            ++i;
            continue;
        }
        if (a.startsWith(QLatin1String("--ranks=")))
            continue;
        childArguments << a;
    }
    childArguments << QStringLiteral("--data") << cachePath; // the packed cache, read by every rank
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int rank = 0; rank < ranks; ++rank) {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("RADSYNTH_RANK"), QString::number(rank));
        environment.insert(QStringLiteral("RADSYNTH_WORLD_SIZE"), QString::number(ranks));
        environment.insert(QStringLiteral("RADSYNTH_STORE"), rendezvous.filePath(QStringLiteral("store")));
        process->setProcessEnvironment(environment);
        process->setProcessChannelMode(rank == 0 ? QProcess::ForwardedChannels : QProcess::ForwardedErrorChannel);
        if (rank != 0)
            process->setStandardOutputFile(QProcess::nullDevice());
        process->start(QCoreApplication::applicationFilePath(), childArguments);
        if (!process->waitForStarted(30000))
            return fail(command, "cannot start rank " + std::to_string(rank) + ": " + process->errorString().toStdString());
        processes.push_back(std::move(process));
    }
    std::printf("training on %d ranks (processes %s)\n", ranks, [&] {
        QStringList ids;
        for (const auto &p : processes)
            ids << QString::number(p->processId());
        return ids.join(QLatin1Char(' ')).toStdString();
    }().c_str());
    std::fflush(stdout);
    // Wait for all; the first rank that fails stops the others (they would wait for it in vain).
    int failedRank = -1, failedCode = 0;
    for (bool running = true; running;) {
        running = false;
        for (size_t rank = 0; rank < processes.size(); ++rank) {
            QProcess &p = *processes[rank];
            if (p.state() != QProcess::NotRunning && !p.waitForFinished(100)) {
                running = true;
                continue;
            }
            const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 128;
            if (code != 0 && failedRank < 0) {
                failedRank = int(rank);
                failedCode = code;
                for (auto &other : processes)
                    if (other->state() != QProcess::NotRunning)
                        other->kill();
            }
        }
    }
    if (failedRank >= 0)
        return fail(command, "rank " + std::to_string(failedRank) + " of " + std::to_string(ranks) + " failed (exit code " +
                                 std::to_string(failedCode) + "); the other ranks were stopped", failedCode == 2 ? 2 : 1);
    return 0;
}

} // namespace radsynth::cli
