#pragma once
// Running a radsynth-cli command on a Slurm cluster as a job array: N shards of the same command,
// each into OUT/shards/<i> with a resumable manifest, and a merge job that depends on them
// (--dependency=afterok) and writes OUT exactly as a single-machine run does (docs/SCALING.md).
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace radsynth::cli::slurm {

struct Settings {
    int arraySize = 4;
    QString partition, time, memory;
    int cpusPerTask = 2;
    bool dryRun = false;
    QString sbatch = QStringLiteral("sbatch");
};

// --slurm, --array-size N, --partition P, --time T, --mem M, --cpus-per-task C, --dry-run, --sbatch PATH,
// and what the jobs run: --shard I/N and --merge-shards N.
void addOptions(QCommandLineParser &parser);
// Empty string when the options are valid; the reason otherwise.
QString read(const QCommandLineParser &parser, Settings &settings);
// --shard I/N: index -1 when not given. Empty string when valid; the reason otherwise.
QString readShard(const QCommandLineParser &parser, int &index, int &count);
// --merge-shards N (needs --out): 0 when not given. Empty string when valid; the reason otherwise.
QString readMergeShards(const QCommandLineParser &parser, int &count);

// The whole --slurm path of a command: reads the options above, requires --out, and submits one
// array task per unfinished shard, each running `arguments` without the cluster options (plus
// what `extra` adds for these settings), and the merge. Returns the exit code.
// With `mergeWithArguments`, the merge job runs with the same arguments as the shards.
int submitCommand(const QString &command, const QCommandLineParser &parser, const QStringList &arguments,
                  const std::function<QStringList(const Settings &)> &extra = {}, bool mergeWithArguments = false);
// `arguments` without the Slurm options and without --out (and their values).
QStringList withoutClusterOptions(const QStringList &arguments);

// Writes OUT/slurm/<command>-array.sbatch (the shards in `pending`, each running
// `<cli> <command> <shardArguments> --shard $SLURM_ARRAY_TASK_ID/N --out OUT/shards/$SLURM_ARRAY_TASK_ID`)
// and OUT/slurm/<command>-merge.sbatch (`<cli> <command> --merge-shards N --out OUT`), then submits
// them with sbatch (the merge after the array, afterok), or prints them with dryRun. Returns the
// exit code; prints the job ids.
// `mergeArguments` go on the merge's command line too (a merge that recomputes from the shards'
// outputs needs the run's settings: evaluate).
int submit(const QString &command, const QStringList &shardArguments, const QString &outDir, const Settings &settings,
           const std::vector<int> &pending, const QStringList &mergeArguments = {});


} // namespace radsynth::cli::slurm
