// radsynth-cli dataset info|prepare: inspect a dataset folder and pack it into a training cache.
#include "CliRegistry.h"
#include "Progress.h"

#include "radsynth/datasets/Datasets.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

namespace {

using namespace radsynth;
using datasets::Layout;

std::atomic_bool g_cancel{false};

bool parseLayout(const QString &text, Layout &layout)
{
    const QString name = text.toLower();
    for (Layout candidate : {Layout::Auto, Layout::RadSynthSimulator, Layout::IuXray, Layout::R2Gen, Layout::MimicCxrJpg, Layout::Radiographs}) {
        if (name == QLatin1String(datasets::toString(candidate))) {
            layout = candidate;
            return true;
        }
    }
    if (name == QLatin1String("simulator") || name == QLatin1String("radsynth-simulator")) {
        layout = Layout::RadSynthSimulator;
        return true;
    }
    if (name == QLatin1String("mimic")) {
        layout = Layout::MimicCxrJpg;
        return true;
    }
    return false;
}

const char *splitName(generation::Split split)
{
    switch (split) {
    case generation::Split::Train: return "train";
    case generation::Split::Validation: return "validation";
    case generation::Split::Test: return "test";
    }
    return "train";
}

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("dataset folder"));
    parser.addOption({QStringLiteral("layout"), QStringLiteral("auto, radsynth, iu-xray, r2gen, mimic-cxr-jpg or radiographs (default auto; it applies to the first folder)."),
                      QStringLiteral("LAYOUT"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("split"), QStringLiteral("IU X-ray: R2Gen-style split file (r2gen-split.json); R2Gen: annotation file."),
                      QStringLiteral("FILE")});
}

int info(const QStringList &arguments)
{
    const std::string command = "dataset info";
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counts the studies of a dataset folder per split, view and report."));
    addCommonOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("dataset-info")} + arguments))
        return cli::fail(command, parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return cli::fail(command, "give one dataset folder (radsynth-cli dataset info DIR)", 2);
    datasets::ListOptions options;
    if (!parseLayout(parser.value(QStringLiteral("layout")), options.layout))
        return cli::fail(command, "unknown layout '" + parser.value(QStringLiteral("layout")).toStdString() + "'", 2);
    options.splitFile = parser.value(QStringLiteral("split")).toStdString();
    const std::string root = parser.positionalArguments().first().toStdString();
    const Layout layout = options.layout == Layout::Auto ? datasets::detectLayout(root) : options.layout;
    auto studies = datasets::listStudies(root, options);
    if (!studies)
        return cli::fail(command, studies.error().toString());

    struct Counts {
        size_t studies = 0, frontal = 0, lateral = 0, both = 0, report = 0, noReport = 0, missing = 0;
    } perSplit[3], total;
    for (const auto &study : *studies) {
        for (Counts *counts : {&perSplit[int(study.split)], &total}) {
            ++counts->studies;
            counts->frontal += study.frontalPath.empty() ? 0 : 1;
            counts->lateral += study.lateralPath.empty() ? 0 : 1;
            counts->both += (!study.frontalPath.empty() && !study.lateralPath.empty()) ? 1 : 0;
            counts->report += study.report.empty() ? 0 : 1;
            counts->noReport += study.report.empty() ? 1 : 0;
            for (const std::string *path : {&study.frontalPath, &study.lateralPath})
                counts->missing += (!path->empty() && !QFileInfo::exists(QString::fromStdString(*path))) ? 1 : 0;
        }
    }
    std::printf("dataset %s\nlayout  %s\n\n", root.c_str(), datasets::toString(layout));
    std::printf("%-11s %8s %8s %8s %8s %8s %9s %8s\n", "split", "studies", "frontal", "lateral", "both", "report", "noreport",
                "missing");
    auto row = [](const char *name, const Counts &c) {
        std::printf("%-11s %8zu %8zu %8zu %8zu %8zu %9zu %8zu\n", name, c.studies, c.frontal, c.lateral, c.both, c.report,
                    c.noReport, c.missing);
    };
    for (int i = 0; i < 3; ++i)
        row(splitName(generation::Split(i)), perSplit[i]);
    row("all", total);
    if (total.missing > 0)
        std::printf("\n%zu image files named by the dataset are missing: `dataset prepare` skips their studies.\n", total.missing);
    return 0;
}

int prepare(const QStringList &arguments)
{
    const std::string command = "dataset prepare";
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Preprocesses a dataset folder into a training cache (.rsc)."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output training cache file (.rsc)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Image resolution R (R x R, default 128)."), QStringLiteral("R"),
                      QStringLiteral("128")});
    parser.addOption({QStringLiteral("limit"), QStringLiteral("At most N studies (default all)."), QStringLiteral("N"),
                      QStringLiteral("0")});
    if (!parser.parse(QStringList{QStringLiteral("dataset-prepare")} + arguments))
        return cli::fail(command, parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.positionalArguments().isEmpty())
        return cli::fail(command, "give a dataset folder (radsynth-cli dataset prepare DIR [DIR...] --out FILE.rsc)", 2);
    if (!parser.isSet(QStringLiteral("out")))
        return cli::fail(command, "--out FILE.rsc is required", 2);
    datasets::PrepareOptions options;
    options.root = parser.positionalArguments().first().toStdString();
    for (const QString &more : parser.positionalArguments().mid(1))
        options.extraRoots.push_back(more.toStdString());
    options.cachePath = parser.value(QStringLiteral("out")).toStdString();
    options.splitFile = parser.value(QStringLiteral("split")).toStdString();
    if (!parseLayout(parser.value(QStringLiteral("layout")), options.layout))
        return cli::fail(command, "unknown layout '" + parser.value(QStringLiteral("layout")).toStdString() + "'", 2);
    bool sizeOk = false, limitOk = false;
    options.resolution = parser.value(QStringLiteral("size")).toInt(&sizeOk);
    const long long limit = parser.value(QStringLiteral("limit")).toLongLong(&limitOk);
    if (!sizeOk || options.resolution < 8 || options.resolution > 2048)
        return cli::fail(command, "--size must be a number of pixels between 8 and 2048", 2);
    if (!limitOk || limit < 0)
        return cli::fail(command, "--limit must be a non-negative number", 2);
    options.limit = size_t(limit);

    const auto start = std::chrono::steady_clock::now();
    radsynth::cli::Progress progress("prepare", "studies");
    options.progress = [&progress](size_t done, size_t total) { progress.update((long long)done, (long long)total); };
    g_cancel = false;
    options.cancel = &g_cancel;
    auto previous = std::signal(SIGINT, [](int) { g_cancel = true; });
    auto summary = datasets::prepareCacheWithSummary(options);
    std::signal(SIGINT, previous);
    if (!summary)
        return cli::fail(command, summary.error().toString());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s: %zu records at %dx%d (%zu studies listed, %zu skipped) in %.1f s\n", options.cachePath.c_str(),
                summary->written, options.resolution, options.resolution, summary->listed, summary->skipped, seconds);
    if (summary->skipped > 0)
        std::printf("skipped studies are listed above as warnings (first: %s)\n", summary->problems.front().c_str());
    return 0;
}

int dataset(const QStringList &arguments)
{
    const QString sub = arguments.isEmpty() ? QString() : arguments.first();
    if (sub == QLatin1String("info"))
        return info(arguments.mid(1));
    if (sub == QLatin1String("prepare"))
        return prepare(arguments.mid(1));
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        std::printf("Usage: radsynth-cli dataset info DIR [--layout L] [--split FILE]\n"
                    "       radsynth-cli dataset prepare DIR [DIR...] --out FILE.rsc [--size 128] [--layout L] [--limit N] [--split FILE]\n"
                    "Layouts: auto, radsynth, iu-xray, r2gen, mimic-cxr-jpg, radiographs (docs/DATASETS.md)\n");
        return sub.isEmpty() ? 2 : 0;
    }
    return cli::fail("dataset", "unknown subcommand '" + sub.toStdString() + "' (info or prepare)", 2);
}

} // namespace

RADSYNTH_CLI_COMMAND("dataset", "inspect a dataset folder, or prepare a training cache from it", dataset);
