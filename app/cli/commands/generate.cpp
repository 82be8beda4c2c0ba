// radsynth-cli generate: any-to-any generation from a model bundle (frontal, lateral, report).
#include "CliRegistry.h"
#include "Progress.h"
#include "Slurm.h"

#include "radsynth/common/Paths.h"
#include "radsynth/common/Shards.h"
#include "radsynth/export/GenerationExport.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/Tokenizer.h"
#include "radsynth/report/SentenceBank.h"
#include "radsynth/teaching/TeachingCase.h"
#include "radsynth/workflow/GenerationService.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <chrono>
#include <filesystem>
#include <csignal>
#include <cstdio>
#include <memory>

namespace gen = radsynth::generation;

namespace {
const char *kName = "generate";

// --report: "@FILE" reads the report from a file; anything else is the report's text. A value that
// looks like a file name (no white space; a path separator or a .txt/.xml/.md ending) but names no
// file is an error: a mistyped path must not become the report (issue 24). An existing file named
// without "@" is still read, with a note.
bool reportArgument(const QString &value, QString &report, std::string &error)
{
    constexpr qint64 kMaximumBytes = 64 * 1024; // a chest radiograph report is a few KB
    auto readFile = [&](const QString &path) {
        QFile file(path);
        if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
            error = "cannot read the report file " + path.toStdString() + (QFileInfo::exists(path) ? " (not a readable file)" : " (no such file)");
            return false;
        }
        if (file.size() > kMaximumBytes) {
            error = "the report file " + path.toStdString() + " is " + std::to_string(file.size() / 1024) +
                    " KB; a report is at most 64 KB (is it the right file?)";
            return false;
        }
        report = QString::fromUtf8(file.readAll());
        return true;
    };
    if (value.startsWith(QLatin1Char('@')))
        return readFile(value.mid(1));
    const bool looksLikePath = !value.contains(QRegularExpression(QStringLiteral("\\s"))) &&
                               (value.contains(QLatin1Char('/')) || value.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive) ||
                                value.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive) || value.endsWith(QLatin1String(".md"), Qt::CaseInsensitive));
    if (QFileInfo(value).isFile()) {
        std::fprintf(stderr, "note: reading the report from the file %s (write --report @FILE to say so)\n", qPrintable(value));
        return readFile(value);
    }
    if (looksLikePath) {
        error = "no report file " + value.toStdString() + " (for a file write --report @FILE; report text is given as it is)";
        return false;
    }
    report = value;
    return true;
}

// Says so when the model reads only the beginning of a long report (its max_tokens).
void noteLongReport(const QString &report, int maxTokens)
{
    const size_t tokens = gen::Tokenizer::split(report.toStdString()).size() + 2; // <bos>, <eos>
    if (maxTokens > 0 && tokens > size_t(maxTokens))
        std::fprintf(stderr, "note: the report has %zu tokens; the model reads the first %d (about %d words) and ignores the rest\n", tokens,
                     maxTokens, maxTokens * 3 / 4);
}

std::atomic_bool g_interrupted{false};
extern "C" void onInterrupt(int) { g_interrupted.store(true); }

// Educator mode: one case (--case ID with --report or --findings) or a JSONL batch, into a case
// library folder. Resumable: complete cases are skipped.
int runTeaching(const QCommandLineParser &parser, gen::Generator &generator)
{
    namespace tc = radsynth::teaching;
    std::shared_ptr<radsynth::report::SentenceBank> bank;
    if (parser.isSet(QStringLiteral("bank"))) {
        auto loaded = radsynth::report::SentenceBank::load(parser.value(QStringLiteral("bank")));
        if (!loaded)
            return radsynth::cli::fail(kName, loaded.error().toString());
        bank = std::make_shared<radsynth::report::SentenceBank>(std::move(loaded).value());
    }
    tc::CaseBuilder builder(generator, bank);
    builder.setWritePngs(parser.isSet(QStringLiteral("png")));
    if (parser.isSet(QStringLiteral("created"))) {
        const QDateTime created = QDateTime::fromString(parser.value(QStringLiteral("created")), Qt::ISODate);
        if (!created.isValid())
            return radsynth::cli::fail(kName, "--created takes an ISO 8601 time, e.g. 2026-12-06T10:00:00Z", 2);
        builder.setCreated(created);
    }
    int shardIndex = -1, shardCount = 1;
    if (const QString problem = radsynth::cli::slurm::readShard(parser, shardIndex, shardCount); !problem.isEmpty())
        return radsynth::cli::fail(kName, problem.toStdString(), 2);
    if (shardIndex >= 0 && !parser.isSet(QStringLiteral("batch")))
        return radsynth::cli::fail(kName, "--shard needs --batch FILE", 2);
    if (const QString why = builder.whyUnsupported(); !why.isEmpty())
        return radsynth::cli::fail(kName, why.toStdString());
    tc::CaseRequest defaults;
    bool ok = true;
    defaults.steps = parser.value(QStringLiteral("steps")).toInt(&ok);
    if (parser.isSet(QStringLiteral("guidance")))
        defaults.guidance = ok ? parser.value(QStringLiteral("guidance")).toDouble(&ok) : 0;
    defaults.seed = ok ? parser.value(QStringLiteral("seed")).toULongLong(&ok) : 0;
    if (!ok)
        return radsynth::cli::fail(kName, "a numeric option has a value that is not a number", 2);
    std::vector<tc::CaseRequest> requests;
    if (parser.isSet(QStringLiteral("batch"))) {
        auto read = tc::readBatchFile(parser.value(QStringLiteral("batch")), defaults);
        if (!read)
            return radsynth::cli::fail(kName, read.error().toString(), 2);
        requests = std::move(read).value();
        if (shardIndex >= 0) {
            // One shard of the batch (a Slurm array task): its own cases, into its own library.
            const auto [first, last] = radsynth::shards::range(requests.size(), shardIndex, shardCount);
            requests = std::vector<tc::CaseRequest>(requests.begin() + std::ptrdiff_t(first), requests.begin() + std::ptrdiff_t(last));
        }
    } else {
        tc::CaseRequest request = defaults;
        request.id = parser.value(QStringLiteral("case"));
        if (parser.isSet(QStringLiteral("report"))) {
            std::string error;
            if (!reportArgument(parser.value(QStringLiteral("report")), request.report, error))
                return radsynth::cli::fail(kName, error, 2);
            noteLongReport(request.report, generator.info().config.maxTokens);
        }
        request.findings = parser.value(QStringLiteral("findings"));
        if (const auto valid = tc::validate(request); !valid)
            return radsynth::cli::fail(kName, valid.error().toString(), 2);
        requests.push_back(request);
    }
    const QString library = parser.value(QStringLiteral("out"));
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    tc::BatchCallbacks callbacks;
    // The shared progress display: a bar on a terminal, plain lines in logs, nothing when quiet.
    radsynth::cli::Progress progress("cases", "cases");
    callbacks.caseProgress = [&](int index, int total, const QString &id, const QString &phase, int step, int steps) {
        progress.update(index, total, QStringLiteral("case %1: %2 %3/%4").arg(id, phase).arg(step).arg(steps).toStdString());
    };
    callbacks.caseDone = [&](int index, int total, const QString &id, const QString &outcome) {
        progress.update(index + 1, total, QStringLiteral("case %1 %2").arg(id, outcome).toStdString());
        progress.finish(); // the result line below never lands inside a redrawn bar
        std::printf("%s %s\n", qPrintable(outcome), qPrintable(QDir(library).filePath(id)));
        std::fflush(stdout);
    };
    const tc::BatchSummary summary = tc::runBatch(builder, requests, library, callbacks, &g_interrupted);
    progress.finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    for (const QString &error : summary.errors)
        std::fprintf(stderr, "%s\n", qPrintable(error));
    std::printf("cases: %d built, %d already complete, %d failed, into %s\n", summary.built, summary.skipped, summary.failed, qPrintable(library));
    if (g_interrupted.load())
        return radsynth::cli::fail(kName, "interrupted: run the same command again to resume");
    if (shardIndex >= 0) {
        // A shard records its failed cases with their reasons and finishes: the merge gathers them.
        const std::string folder = library.toStdString();
        std::error_code ignored;
        std::filesystem::remove(std::filesystem::path(folder) / "failures.jsonl", ignored); // this run retried them
        for (size_t i = 0; i < summary.failedIds.size(); ++i) {
            const QString &id = summary.failedIds[i];
            const auto recorded =
                radsynth::shards::recordFailure(folder, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("reason"), summary.errors[i].mid(id.size() + 2)}});
            if (!recorded)
                return radsynth::cli::fail(kName, recorded.error().toString());
        }
        if (const auto marked = radsynth::shards::markDone(folder, shardIndex, shardCount); !marked)
            return radsynth::cli::fail(kName, marked.error().toString());
        return 0;
    }
    if (summary.failed > 0)
        return radsynth::cli::fail(kName, std::to_string(summary.failed) + " case(s) failed");
    return 0;
}

// The Slurm merge job of a sharded batch: the case library as a single run writes it.
int mergeTeachingShards(const QString &library, int shardCount)
{
    auto merged = radsynth::teaching::mergeShards(library, shardCount);
    if (!merged)
        return radsynth::cli::fail(kName, merged.error().toString());
    std::printf("merged %d shards: %d cases into %s\n", shardCount, merged.value(), qPrintable(library));
    QFile failures(QDir(library).filePath(QStringLiteral("failures.jsonl")));
    if (!failures.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray lines = failures.readAll();
    std::fprintf(stderr, "%s", lines.constData());
    return radsynth::cli::fail(kName, std::to_string(lines.count('\n')) + " case(s) failed (reasons in " +
                                          failures.fileName().toStdString() + "; re-run the batch without --slurm to retry them)");
}

// generate --batch --slurm: the batch is checked here, then split into array tasks. Every shard
// makes its cases at the first submission's time (kept in OUT/slurm/created), so the merged library
// is byte for byte what a single run with that --created writes.
int submitTeachingBatch(const QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.isSet(QStringLiteral("batch")))
        return radsynth::cli::fail(kName, "--slurm runs a --batch FILE of cases", 2);
    if (auto read = radsynth::teaching::readBatchFile(parser.value(QStringLiteral("batch"))); !read)
        return radsynth::cli::fail(kName, read.error().toString(), 2);
    QStringList created;
    if (!parser.isSet(QStringLiteral("created")) && parser.isSet(QStringLiteral("out"))) {
        const QDir scripts(QDir(parser.value(QStringLiteral("out"))).filePath(QStringLiteral("slurm")));
        QFile stamp(scripts.filePath(QStringLiteral("created")));
        QString time;
        if (stamp.open(QIODevice::ReadOnly))
            time = QString::fromUtf8(stamp.readAll()).trimmed();
        if (QDateTime::fromString(time, Qt::ISODate).isValid()) {
            stamp.close();
        } else {
            time = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
            stamp.close();
            if (!scripts.mkpath(QStringLiteral(".")) || !stamp.open(QIODevice::WriteOnly | QIODevice::Truncate) || stamp.write(time.toUtf8() + '\n') < 0)
                return radsynth::cli::fail(kName, "cannot write " + stamp.fileName().toStdString());
        }
        created << QStringLiteral("--created") << time;
    }
    return radsynth::cli::slurm::submitCommand(QStringLiteral("generate"), parser, arguments,
                                               [created](const radsynth::cli::slurm::Settings &) { return created; });
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Generate frontal/lateral images and reports from any subset of them."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("bundle"), QStringLiteral("Model bundle folder (default: the shipped models/default)."), QStringLiteral("DIR")},
        {QStringLiteral("task"), QStringLiteral("F2L, L2F, F2R, L2R, FL2R, R2F, R2L, FR2L, LR2F or R2FL."), QStringLiteral("TASK")},
        {QStringLiteral("frontal"), QStringLiteral("Frontal image (PNG, JPEG, DICOM)."), QStringLiteral("FILE")},
        {QStringLiteral("lateral"), QStringLiteral("Lateral image (PNG, JPEG, DICOM)."), QStringLiteral("FILE")},
        {QStringLiteral("report"), QStringLiteral("Report text, or @FILE to read it from a file (at most 64 KB); the model reads its first max_tokens tokens and says so when there are more."), QStringLiteral("TEXT|@FILE")},
        {QStringLiteral("steps"), QStringLiteral("Sampler steps (default 20)."), QStringLiteral("N"), QStringLiteral("20")},
        {QStringLiteral("guidance"), QStringLiteral("Classifier-free guidance scale (default: the model's recommendation for the task, chosen on validation data)."), QStringLiteral("G")},
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S"), QStringLiteral("0")},
        {QStringLiteral("sampler"), QStringLiteral("ddim or dpmpp (default dpmpp)."), QStringLiteral("NAME"), QStringLiteral("dpmpp")},
        {QStringLiteral("eta"), QStringLiteral("DDIM eta (default 0)."), QStringLiteral("ETA"), QStringLiteral("0")},
        {QStringLiteral("variants"), QStringLiteral("Images per output view (default 1)."), QStringLiteral("K"), QStringLiteral("1")},
        {QStringLiteral("beam"), QStringLiteral("Beam width for reports (1: greedy; default 0: the model's recommendation)."), QStringLiteral("B"), QStringLiteral("0")},
        {QStringLiteral("drafts"), QStringLiteral("Report drafts weighed by the bundle's finding classifiers (1: the greedy/beam draft alone; default 0: the model's recommendation). The others are written to report-drafts.txt."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("threads"), QStringLiteral("LibTorch threads (default 1, the fastest for the default model; 0: LibTorch's choice)."), QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("device"), QStringLiteral("cpu or cuda (default cpu)."), QStringLiteral("DEVICE"), QStringLiteral("cpu")},
        {QStringLiteral("out"), QStringLiteral("Output folder (the case library with --case/--batch)."), QStringLiteral("DIR")},
        {QStringLiteral("no-dicom"), QStringLiteral("Write PNG and text only (no Secondary Capture / SR).")},
        {QStringLiteral("attach-to-source-study"),
         QStringLiteral("File the DICOM outputs in the DICOM input's study: they carry its patient name, ID and study (as AI results "
                        "filed in the source study). Default: a new synthetic patient and study with nothing of the input's identity.")},
        {QStringLiteral("new-study"), QStringLiteral("DICOM outputs go into a new synthetic study (the default; kept for scripts).")},
        {QStringLiteral("case"), QStringLiteral("Educator mode: build teaching case ID (from --report or --findings) into the library --out."),
         QStringLiteral("ID")},
        {QStringLiteral("findings"), QStringLiteral("Educator mode: findings, e.g. \"cardiomegaly;pleural_effusion:left:moderate\"."), QStringLiteral("SPEC")},
        {QStringLiteral("batch"), QStringLiteral("Educator mode: JSONL file, one case per line ({\"id\", \"report\" or \"findings\", \"seed\", \"steps\", \"guidance\"})."),
         QStringLiteral("FILE")},
        {QStringLiteral("png"), QStringLiteral("Educator mode: also write frontal.png and lateral.png (marked) into each case folder.")},
        {QStringLiteral("bank"), QStringLiteral("Educator mode: sentence bank for reports written from findings."), QStringLiteral("FILE")},
        {QStringLiteral("created"), QStringLiteral("Educator mode: when the cases are made (ISO 8601, e.g. 2026-12-06T10:00:00Z; default: now). "
                                                   "Their DICOM dates, and with their seeds and ids their UIDs: the same time gives byte-identical cases. "
                                                   "Slurm shards all take the first submission's."),
         QStringLiteral("TIME")},
    });
    radsynth::cli::slurm::addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("generate")} + arguments))
        return radsynth::cli::fail(kName, parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    int mergeCount = 0;
    if (const QString problem = radsynth::cli::slurm::readMergeShards(parser, mergeCount); !problem.isEmpty())
        return radsynth::cli::fail(kName, problem.toStdString(), 2);
    if (mergeCount > 0)
        return mergeTeachingShards(parser.value(QStringLiteral("out")), mergeCount);
    if (parser.isSet(QStringLiteral("slurm")))
        return submitTeachingBatch(parser, arguments);
    const bool teaching = parser.isSet(QStringLiteral("batch")) || parser.isSet(QStringLiteral("case"));
    for (const char *required : {"task", "out"})
        if (!parser.isSet(QString::fromLatin1(required)) && !(teaching && std::string(required) == "task"))
            return radsynth::cli::fail(kName, std::string("--") + required + " is required", 2);
    if (parser.isSet(QStringLiteral("findings")) && !teaching)
        return radsynth::cli::fail(kName, "--findings needs --case ID (educator mode)", 2);
    if (teaching && (parser.isSet(QStringLiteral("frontal")) || parser.isSet(QStringLiteral("lateral"))))
        return radsynth::cli::fail(kName, "teaching cases are made from a report or findings only (no --frontal/--lateral)", 2);
    if (parser.isSet(QStringLiteral("attach-to-source-study")) && parser.isSet(QStringLiteral("new-study")))
        return radsynth::cli::fail(kName, "--attach-to-source-study and --new-study exclude each other", 2);
    if (teaching && parser.isSet(QStringLiteral("attach-to-source-study")))
        return radsynth::cli::fail(kName, "teaching cases never carry a source's identity (no --attach-to-source-study)", 2);
    if (parser.isSet(QStringLiteral("attach-to-source-study")) && !parser.isSet(QStringLiteral("frontal")) && !parser.isSet(QStringLiteral("lateral")))
        return radsynth::cli::fail(kName, "--attach-to-source-study needs a DICOM --frontal or --lateral", 2);
    if (teaching && parser.isSet(QStringLiteral("task")))
        return radsynth::cli::fail(kName, "--task is not used with --case/--batch (teaching cases are made from reports)", 2);
    const QString bundleDirectory = parser.isSet(QStringLiteral("bundle")) ? parser.value(QStringLiteral("bundle"))
                                                                             : QDir(radsynth::paths::modelsDirectory()).filePath(QStringLiteral("default"));
    namespace wf = radsynth::workflow;
    wf::GenerationSettings settings;
    if (!teaching && !gen::parseTask(parser.value(QStringLiteral("task")).toStdString(), settings.task))
        return radsynth::cli::fail(kName, "unknown task (F2L, L2F, F2R, L2R, FL2R, R2F, R2L, FR2L, LR2F, R2FL)", 2);
    if (!gen::parseSampler(parser.value(QStringLiteral("sampler")).toStdString(), settings.sampler))
        return radsynth::cli::fail(kName, "unknown sampler (ddim, dpmpp)", 2);
    bool ok = true;
    settings.steps = parser.value(QStringLiteral("steps")).toInt(&ok);
    settings.guidance = !parser.isSet(QStringLiteral("guidance")) ? gen::kModelGuidance : ok ? parser.value(QStringLiteral("guidance")).toDouble(&ok) : 0;
    settings.seed = ok ? parser.value(QStringLiteral("seed")).toULongLong(&ok) : 0;
    settings.eta = ok ? parser.value(QStringLiteral("eta")).toDouble(&ok) : 0;
    settings.variants = ok ? parser.value(QStringLiteral("variants")).toInt(&ok) : 0;
    settings.beamWidth = ok ? parser.value(QStringLiteral("beam")).toInt(&ok) : 0;
    settings.reportCandidates = ok ? parser.value(QStringLiteral("drafts")).toInt(&ok) : 0;
    const int threads = ok ? parser.value(QStringLiteral("threads")).toInt(&ok) : 0;
    if (!ok)
        return radsynth::cli::fail(kName, "a numeric option has a value that is not a number", 2);

    // The workstation's front door: the same input preparation, provenance and outputs.
    wf::GenerationService service(bundleDirectory);
    service.setDevice(parser.value(QStringLiteral("device")));
    service.setThreads(threads);
    service.setCaching(false); // every run samples (timings, benchmarks)
    const auto t0 = std::chrono::steady_clock::now();
    auto loaded = service.generator();
    if (!loaded)
        return radsynth::cli::fail(kName, loaded.error().message);
    if (teaching)
        return runTeaching(parser, **loaded);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    wf::GenerationInputs inputs;
    inputs.frontalPath = parser.value(QStringLiteral("frontal"));
    inputs.lateralPath = parser.value(QStringLiteral("lateral"));
    if (parser.isSet(QStringLiteral("report"))) {
        std::string error;
        if (!reportArgument(parser.value(QStringLiteral("report")), inputs.report, error))
            return radsynth::cli::fail(kName, error, 2);
        noteLongReport(inputs.report, (*loaded)->info().config.maxTokens);
    }
    radsynth::cli::Progress progress(radsynth::generation::toString(settings.task), "steps");
    auto result = service.run(inputs, settings, [&progress](int step, int total) { progress.update(step, total); });
    progress.finish();
    if (!result)
        return radsynth::cli::fail(kName, result.error().toString());

    radsynth::exports::GenerationExportOptions output;
    output.directory = parser.value(QStringLiteral("out"));
    output.dicom = !parser.isSet(QStringLiteral("no-dicom"));
    output.sourcePath = !inputs.frontalPath.isEmpty() ? inputs.frontalPath : inputs.lateralPath;
    output.attachToSourceStudy = parser.isSet(QStringLiteral("attach-to-source-study"));
    const QList<wf::OodResult> checks = service.checkInputs(inputs, settings.task);
    const auto provenance = service.provenance(*result, checks);
    auto written = radsynth::exports::exportGenerations({{*result, provenance}}, output);
    if (!written)
        return radsynth::cli::fail(kName, written.error().toString());
    for (const QString &path : written->exported.paths())
        std::printf("%s\n", qPrintable(path));
    // Every input image's check, in distribution or not: the user sees that it ran.
    for (const wf::OodResult &check : checks)
        std::printf("input check (%s): %s\n", qPrintable(check.view), qPrintable(wf::OodCheck::statusText(check)));
    if (!result->report.empty()) {
        std::printf("report: %s\n", result->report.c_str());
        if (const QString note = service.composedNote(*result); !note.isEmpty())
            std::printf("report: %s\n", qPrintable(note));
        if (const QString note = wf::GenerationService::earlierStudyNote(*result); !note.isEmpty())
            std::printf("report: %s\n", qPrintable(note));
    }
    if (!written->reportDraftsPath.isEmpty())
        std::printf("report: draft %d of %zu, chosen by agreement with the finding classifiers (all in report-drafts.txt)\n",
                    result->reportChoice + 1, result->reportDrafts.size());
    if (result->composedRewritten > 0)
        std::printf("report: %d composed sentence%s of the draft rewritten by the model into sentences radiologists wrote, stating the same findings\n",
                    result->composedRewritten, result->composedRewritten == 1 ? "" : "s");
    const auto &t = result->timings;
    std::printf("model: %s\ntask %s, seed %llu, %d steps\ntimings (ms): load %.0f, encode %.1f, sample %.1f, decode %.1f, report %.1f, total %.1f\n",
                result->model.c_str(), result->task.c_str(), (unsigned long long)result->seed, result->steps, loadMs, t.encodeMs, t.sampleMs,
                t.decodeMs, t.reportMs, t.totalMs);
    return 0;
}
} // namespace

RADSYNTH_CLI_COMMAND("generate", "generate images and reports from a model bundle (any subset -> the others)", run);
