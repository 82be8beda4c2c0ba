// Slurm job arrays for radsynth-cli (Slurm.h).
#include "Slurm.h"
#include "CliRegistry.h"

#include "radsynth/common/Shards.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>

namespace radsynth::cli::slurm {

namespace {
const QStringList kValued = {QStringLiteral("--array-size"), QStringLiteral("--partition"), QStringLiteral("--time"),
                             QStringLiteral("--mem"), QStringLiteral("--cpus-per-task"), QStringLiteral("--sbatch"), QStringLiteral("--out")};
const QStringList kFlags = {QStringLiteral("--slurm"), QStringLiteral("--dry-run")};

// Single-quoted for bash.
QString quote(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

bool writeScript(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush())
        return false;
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                               QFileDevice::ReadOther);
}

QString header(const QString &name, const Settings &s, const QString &log)
{
    QString h = QStringLiteral("#!/bin/bash\n#SBATCH --job-name=%1\n#SBATCH --output=%2\n#SBATCH --cpus-per-task=%3\n")
                    .arg(name, log)
                    .arg(s.cpusPerTask);
    if (!s.partition.isEmpty()) h += QStringLiteral("#SBATCH --partition=%1\n").arg(s.partition);
    if (!s.time.isEmpty()) h += QStringLiteral("#SBATCH --time=%1\n").arg(s.time);
    if (!s.memory.isEmpty()) h += QStringLiteral("#SBATCH --mem=%1\n").arg(s.memory);
    return h;
}

// Runs sbatch; returns the job id ("" on failure, with the reason printed).
QString sbatch(const Settings &s, const QStringList &arguments)
{
    QProcess process;
    process.start(s.sbatch, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "sbatch %s failed: %s%s\n", arguments.join(QLatin1Char(' ')).toLocal8Bit().constData(),
                     process.errorString().toLocal8Bit().constData(), process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed().section(QLatin1Char(';'), 0, 0);
}
} // namespace

void addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("slurm"), QStringLiteral("Run on a Slurm cluster as a job array of shards and a merge job (docs/SCALING.md).")});
    parser.addOption({QStringLiteral("array-size"), QStringLiteral("Slurm: number of shards (array tasks; default 4)."), QStringLiteral("N"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("partition"), QStringLiteral("Slurm: partition."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("time"), QStringLiteral("Slurm: time limit of each task (e.g. 01:00:00)."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("mem"), QStringLiteral("Slurm: memory of each task (e.g. 8G)."), QStringLiteral("M")});
    parser.addOption({QStringLiteral("cpus-per-task"), QStringLiteral("Slurm: CPUs of each task (default 2)."), QStringLiteral("C"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Slurm: write and print the job scripts, submit nothing.")});
    parser.addOption({QStringLiteral("sbatch"), QStringLiteral("Slurm: the sbatch program (default sbatch)."), QStringLiteral("PATH"), QStringLiteral("sbatch")});
    parser.addOption({QStringLiteral("shard"),
                      QStringLiteral("Only shard I of N (0-based) into --out, resumably (what each Slurm array task runs)."), QStringLiteral("I/N")});
    parser.addOption({QStringLiteral("merge-shards"),
                      QStringLiteral("Gather OUT/shards/0..N-1 into --out as a single run writes it (the Slurm merge job)."), QStringLiteral("N")});
}

QString readShard(const QCommandLineParser &parser, int &index, int &count)
{
    index = -1;
    count = 1;
    if (!parser.isSet(QStringLiteral("shard")))
        return {};
    if (!shards::parse(parser.value(QStringLiteral("shard")).toStdString(), index, count))
        return QStringLiteral("--shard must be I/N with 0 <= I < N");
    if (!parser.isSet(QStringLiteral("out")))
        return QStringLiteral("--shard needs --out DIR (the shard's folder)");
    return {};
}

QString readMergeShards(const QCommandLineParser &parser, int &count)
{
    count = 0;
    if (!parser.isSet(QStringLiteral("merge-shards")))
        return {};
    bool ok = false;
    count = parser.value(QStringLiteral("merge-shards")).toInt(&ok);
    if (!ok || count < 1 || !parser.isSet(QStringLiteral("out")))
        return QStringLiteral("--merge-shards N needs a positive N and --out DIR");
    return {};
}

int submitCommand(const QString &command, const QCommandLineParser &parser, const QStringList &arguments,
                  const std::function<QStringList(const Settings &)> &extra, bool mergeWithArguments)
{
    Settings settings;
    const QString problem = read(parser, settings);
    if (!problem.isEmpty())
        return fail(command.toStdString(), problem.toStdString());
    if (!parser.isSet(QStringLiteral("out")))
        return fail(command.toStdString(), "--out DIR is required");
    QStringList shardArguments = withoutClusterOptions(arguments);
    if (extra)
        shardArguments << extra(settings);
    const QString out = parser.value(QStringLiteral("out"));
    return submit(command, shardArguments, out, settings, shards::unfinished(out.toStdString(), settings.arraySize),
                  mergeWithArguments ? shardArguments : QStringList());
}

QString read(const QCommandLineParser &parser, Settings &s)
{
    bool ok = false;
    s.arraySize = parser.value(QStringLiteral("array-size")).toInt(&ok);
    if (!ok || s.arraySize < 1 || s.arraySize > 100000)
        return QStringLiteral("--array-size must be between 1 and 100000");
    s.cpusPerTask = parser.value(QStringLiteral("cpus-per-task")).toInt(&ok);
    if (!ok || s.cpusPerTask < 1)
        return QStringLiteral("--cpus-per-task must be a positive number");
    s.partition = parser.value(QStringLiteral("partition"));
    s.time = parser.value(QStringLiteral("time"));
    s.memory = parser.value(QStringLiteral("mem"));
    s.dryRun = parser.isSet(QStringLiteral("dry-run"));
    s.sbatch = parser.value(QStringLiteral("sbatch"));
    return {};
}

QStringList withoutClusterOptions(const QStringList &arguments)
{
    QStringList out;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        const QString name = a.section(QLatin1Char('='), 0, 0);
        if (kFlags.contains(a))
            continue;
        if (kValued.contains(name)) {
            if (!a.contains(QLatin1Char('=')))
                ++i; // its value
            continue;
        }
        out << a;
    }
    return out;
}

int submit(const QString &command, const QStringList &shardArguments, const QString &outDir, const Settings &s, const std::vector<int> &pending,
           const QStringList &mergeArguments)
{
    const QString out = QFileInfo(outDir).absoluteFilePath();
    const QString scripts = out + QStringLiteral("/slurm");
    if (!QDir().mkpath(scripts))
        return fail(command.toStdString(), "cannot create " + scripts.toStdString());
    const QString cli = QCoreApplication::applicationFilePath();
    auto quoted = [](const QStringList &list) {
        QStringList out;
        for (const QString &a : list)
            out << quote(a);
        return out.join(QLatin1Char(' '));
    };
    QString indices;
    for (int i : pending)
        indices += (indices.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(i);
    const QString arrayPath = scripts + QStringLiteral("/%1-array.sbatch").arg(command);
    const QString mergePath = scripts + QStringLiteral("/%1-merge.sbatch").arg(command);
    const QString array = header(QStringLiteral("radsynth-%1").arg(command), s, scripts + QStringLiteral("/%1-%A_%a.log").arg(command)) +
                          QStringLiteral("#SBATCH --array=%1\n"
                                         "# One shard of the run; a re-submitted shard skips the cases it already wrote.\n"
                                         "exec %2 %3 %4 --shard \"$SLURM_ARRAY_TASK_ID/%5\" --out %6/shards/\"$SLURM_ARRAY_TASK_ID\"\n")
                              .arg(indices.isEmpty() ? QStringLiteral("0") : indices, quote(cli), command, quoted(shardArguments))
                              .arg(s.arraySize)
                              .arg(quote(out));
    const QString merge = header(QStringLiteral("radsynth-%1-merge").arg(command), s, scripts + QStringLiteral("/%1-merge-%j.log").arg(command)) +
                          QStringLiteral("# Gathers the shards into the folder as a single-machine run writes it.\n"
                                         "exec %1 %2 %5--merge-shards %3 --out %4\n")
                              .arg(quote(cli), command)
                              .arg(s.arraySize)
                              .arg(quote(out), mergeArguments.isEmpty() ? QString() : quoted(mergeArguments) + QLatin1Char(' '));
    if (!writeScript(arrayPath, array) || !writeScript(mergePath, merge))
        return fail(command.toStdString(), "cannot write the job scripts in " + scripts.toStdString());
    if (s.dryRun) {
        std::printf("%s\n%s\n%s\n%s\n", arrayPath.toLocal8Bit().constData(), array.toLocal8Bit().constData(), mergePath.toLocal8Bit().constData(),
                    merge.toLocal8Bit().constData());
        if (!pending.empty())
            std::printf("would run: %s --parsable %s\n", s.sbatch.toLocal8Bit().constData(), arrayPath.toLocal8Bit().constData());
        std::printf("would run: %s --parsable%s %s\n", s.sbatch.toLocal8Bit().constData(),
                    pending.empty() ? "" : " --dependency=afterok:<array job>", mergePath.toLocal8Bit().constData());
        return 0;
    }
    QStringList mergeSubmission{QStringLiteral("--parsable")};
    if (!pending.empty()) {
        const QString arrayJob = sbatch(s, {QStringLiteral("--parsable"), arrayPath});
        if (arrayJob.isEmpty())
            return fail(command.toStdString(), "the job array was not submitted");
        std::printf("submitted array job %s (%zu of %d shards; the others are finished)\n", arrayJob.toLocal8Bit().constData(), pending.size(),
                    s.arraySize);
        mergeSubmission << QStringLiteral("--dependency=afterok:%1").arg(arrayJob);
    }
    mergeSubmission << mergePath;
    const QString mergeJob = sbatch(s, mergeSubmission);
    if (mergeJob.isEmpty())
        return fail(command.toStdString(), "the merge job was not submitted");
    std::printf("submitted merge job %s: %s will hold the result\n", mergeJob.toLocal8Bit().constData(), out.toLocal8Bit().constData());
    return 0;
}

} // namespace radsynth::cli::slurm
