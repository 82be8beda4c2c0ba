// radsynth-cli simulate: simulated frontal + lateral chest radiographs with ground truth.
#include "CliRegistry.h"
#include "Progress.h"
#include "Slurm.h"

#include "radsynth/common/Shards.h"
#include "radsynth/simulation/Dataset.h"

#include "radsynth/report/Composer.h"
#include "radsynth/report/SentenceBank.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cctype>
#include <memory>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

using namespace radsynth::simulation;

int simulateCommand(const QStringList &arguments)
{
    const std::string name = "simulate";
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Renders simulated PA frontal and left lateral chest radiographs with known findings, and writes a dataset "
        "folder (manifest.jsonl, 16-bit PNGs, DICOM studies). The CT engine (default) projects both views from real "
        "chest CT volumes with the findings written into their anatomy; the phantom engine uses a geometric thorax."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("count"), QStringLiteral("Number of cases (default 10)."), QStringLiteral("N"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 1): same seed, same images."), QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output folder (required)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Image size in pixels (default 256; 64..2048)."), QStringLiteral("PX"), QStringLiteral("256")});
    parser.addOption({QStringLiteral("findings"),
                      QStringLiteral("Findings of every case, e.g. \"cardiomegaly;pleural_effusion:left:moderate\" (default: random)."),
                      QStringLiteral("SPEC")});
    parser.addOption({QStringLiteral("from-reports"),
                      QStringLiteral("IU X-ray report archive (.tgz of Open-i XML): one case per report, with its MeSH findings and its text."),
                      QStringLiteral("FILE.tgz")});
    parser.addOption({QStringLiteral("bank"),
                      QStringLiteral("Sentence bank (radsynth-cli sentence-bank): reports composed from real IU sentences "
                                     "instead of the simple built-in wording."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-dicom"), QStringLiteral("Write PNGs and the manifest only.")});
    parser.addOption({QStringLiteral("description"), QStringLiteral("DICOM StudyDescription (default \"SIMULATED chest radiograph\")."),
                      QStringLiteral("TEXT"), QStringLiteral("SIMULATED chest radiograph")});
    parser.addOption({QStringLiteral("no-lateral"), QStringLiteral("Render the frontal view only.")});
    parser.addOption({QStringLiteral("id-prefix"), QStringLiteral("Study id prefix, letters and digits (default SIM): ids are PREFIX000001..."),
                      QStringLiteral("P"), QStringLiteral("SIM")});
    parser.addOption({QStringLiteral("append"),
                      QStringLiteral("Add the cases to an existing dataset folder (use a different --id-prefix and --seed).")});
    parser.addOption({QStringLiteral("engine"),
                      QStringLiteral("ct (real CT anatomy; the default when the CT folder exists) or phantom (geometric thorax)."),
                      QStringLiteral("ENGINE")});
    parser.addOption({QStringLiteral("ct-dir"),
                      QStringLiteral("Folder of chest CT volumes (*.nii.gz in Hounsfield units; default ../shared/data/ct or RADSYNTH_CT_DIR)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("ct-cache"),
                      QStringLiteral("Cache of prepared CT volumes (default ~/.cache/radsynth/ct or RADSYNTH_CT_CACHE)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("ct-patient"), QStringLiteral("Render every case from this CT volume (its file name without .nii.gz)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("ct-overlays"),
                      QStringLiteral("Prepare every CT volume and write its structure masks as overlay PNGs into DIR (no cases are rendered)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Worker threads (default 2)."), QStringLiteral("N"), QStringLiteral("2")});
    radsynth::cli::slurm::addOptions(parser);
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("radsynth-cli simulate"));
    if (!parser.parse(argv))
        return radsynth::cli::fail(name, parser.errorText().toStdString());
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", parser.helpText().toStdString().c_str());
        return 0;
    }
    int mergeCount = 0;
    if (const QString problem = radsynth::cli::slurm::readMergeShards(parser, mergeCount); !problem.isEmpty())
        return radsynth::cli::fail(name, problem.toStdString());
    if (mergeCount > 0) {
        auto merged = mergeShards(parser.value(QStringLiteral("out")).toStdString(), mergeCount);
        if (!merged)
            return radsynth::cli::fail(name, merged.error().toString());
        std::printf("merged %d shards: %zu simulated cases in %s\n", mergeCount, merged.value(), parser.value(QStringLiteral("out")).toLocal8Bit().constData());
        return 0;
    }
    if (parser.isSet(QStringLiteral("slurm")))
        return radsynth::cli::slurm::submitCommand(QStringLiteral("simulate"), parser, arguments, [](const radsynth::cli::slurm::Settings &settings) {
            return QStringList{QStringLiteral("--threads"), QString::number(settings.cpusPerTask)};
        });
    DatasetOptions options;
    options.threads = std::max(1, parser.value(QStringLiteral("threads")).toInt());
    if (const QString problem = radsynth::cli::slurm::readShard(parser, options.shardIndex, options.shardCount); !problem.isEmpty())
        return radsynth::cli::fail(name, problem.toStdString());
    if (options.shardIndex >= 0) {
        options.resume = true;
        options.keepGoing = true;
    } else {
        options.shardIndex = 0;
    }
    const QString engine = parser.isSet(QStringLiteral("engine")) ? parser.value(QStringLiteral("engine")) : QStringLiteral("auto");
    if (engine != QStringLiteral("auto") && engine != QStringLiteral("ct") && engine != QStringLiteral("phantom"))
        return radsynth::cli::fail(name, "--engine must be ct or phantom");
    const bool overlays = parser.isSet(QStringLiteral("ct-overlays"));
    if (engine != QStringLiteral("phantom") || overlays) {
        const std::string ctDir = parser.isSet(QStringLiteral("ct-dir")) ? parser.value(QStringLiteral("ct-dir")).toStdString()
                                                                          : defaultCtDirectory();
        const std::string cache = parser.isSet(QStringLiteral("ct-cache")) ? parser.value(QStringLiteral("ct-cache")).toStdString()
                                                                            : defaultCtCacheDirectory();
        std::error_code ec;
        if (!std::filesystem::is_directory(ctDir, ec)) {
            if (engine == QStringLiteral("ct") || overlays)
                return radsynth::cli::fail(name, "no CT folder at " + ctDir + " (give one with --ct-dir, or use --engine phantom)");
            std::fprintf(stderr, "simulate: note: no CT folder at %s; using the phantom engine (--ct-dir DIR to use real CT anatomy)\n",
                         ctDir.c_str());
        } else {
            std::fprintf(stderr, "simulate: preparing the CT volumes of %s (cached in %s)\n", ctDir.c_str(), cache.c_str());
            std::vector<std::string> notes;
            auto library = CtLibrary::load(ctDir, cache, &notes, options.threads);
            for (const std::string &note : notes)
                std::fprintf(stderr, "simulate: note: %s\n", note.c_str());
            if (!library)
                return radsynth::cli::fail(name, library.error().toString());
            if (overlays) {
                const std::string dir = parser.value(QStringLiteral("ct-overlays")).toStdString();
                std::filesystem::create_directories(dir, ec);
                for (const auto &ct : library->volumes) {
                    const std::string png = (std::filesystem::path(dir) / (ct->name + "-masks.png")).string();
                    auto written = writeCtOverlay(*ct, png);
                    if (!written)
                        return radsynth::cli::fail(name, written.error().toString());
                    std::printf("%s\t%s\t%s\t%.0f/%.0f mL\t", ct->name.c_str(), png.c_str(),
                                library->split[size_t(library->find(ct->name))].c_str(), ct->lungVolumeMl[0], ct->lungVolumeMl[1]);
                    for (size_t n = 0; n < ct->notes.size(); ++n)
                        std::printf("%s%s", n ? "; " : "", ct->notes[n].c_str());
                    std::printf("\n");
                }
                return 0;
            }
            if (parser.isSet(QStringLiteral("ct-patient"))) {
                const int index = library->find(parser.value(QStringLiteral("ct-patient")).toStdString());
                if (index < 0)
                    return radsynth::cli::fail(name, "no CT volume named " + parser.value(QStringLiteral("ct-patient")).toStdString() + " in " + ctDir);
                CtLibrary one;
                one.volumes.push_back(library->volumes[size_t(index)]);
                one.split.push_back(library->split[size_t(index)]);
                library = std::move(one);
            }
            options.ct = std::make_shared<const CtLibrary>(std::move(library).value());
        }
    }
    options.outDir = parser.value(QStringLiteral("out")).toStdString();
    if (options.outDir.empty())
        return radsynth::cli::fail(name, "--out DIR is required");
    bool ok = false;
    options.count = parser.value(QStringLiteral("count")).toInt(&ok);
    if (!ok || options.count < 1)
        return radsynth::cli::fail(name, "--count must be a positive number");
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return radsynth::cli::fail(name, "--seed must be a non-negative integer");
    options.size = parser.value(QStringLiteral("size")).toInt(&ok);
    if (!ok || options.size < 64 || options.size > 2048)
        return radsynth::cli::fail(name, "--size must be between 64 and 2048");
    options.dicom = !parser.isSet(QStringLiteral("no-dicom"));
    options.lateral = !parser.isSet(QStringLiteral("no-lateral"));
    options.studyDescription = parser.value(QStringLiteral("description")).toStdString();
    options.idPrefix = parser.value(QStringLiteral("id-prefix")).toStdString();
    if (options.idPrefix.empty() || options.idPrefix.size() > 8 ||
        !std::all_of(options.idPrefix.begin(), options.idPrefix.end(), [](unsigned char c) { return std::isalnum(c) != 0; }))
        return radsynth::cli::fail(name, "--id-prefix must be 1 to 8 letters or digits");
    options.append = parser.isSet(QStringLiteral("append"));
    if (options.studyDescription.find("SIMULATED") == std::string::npos)
        options.studyDescription = "SIMULATED " + options.studyDescription;
    if (parser.isSet(QStringLiteral("findings"))) {
        auto findings = parseFindings(parser.value(QStringLiteral("findings")).toStdString());
        if (!findings)
            return radsynth::cli::fail(name, findings.error().toString());
        options.findings = findings.value();
    }
    // The report hook: with --bank, core/report's composer writes real radiologists' sentences.
    options.reportWriter = simpleReport;
    std::shared_ptr<radsynth::report::SentenceBank> bank;
    if (parser.isSet(QStringLiteral("bank"))) {
        auto loaded = radsynth::report::SentenceBank::load(parser.value(QStringLiteral("bank")));
        if (!loaded)
            return radsynth::cli::fail(name, loaded.error().toString());
        bank = std::make_shared<radsynth::report::SentenceBank>(std::move(loaded).value());
        const uint64_t seed = options.seed;
        options.reportWriter = [bank, seed](const Findings &findings) {
            radsynth::report::FindingSet set;
            for (const Finding &f : findings.items) {
                radsynth::report::Finding r;
                r.observation = radsynth::report::Observation(int(f.observation));
                r.side = f.side == Side::Left ? radsynth::report::Side::Left
                         : f.side == Side::Right ? radsynth::report::Side::Right
                         : f.side == Side::Bilateral ? radsynth::report::Side::Bilateral : radsynth::report::Side::Unspecified;
                r.severity = f.severity == Severity::Small ? radsynth::report::Severity::Small
                             : f.severity == Severity::Moderate ? radsynth::report::Severity::Moderate
                             : f.severity == Severity::Large ? radsynth::report::Severity::Large
                                                             : radsynth::report::Severity::Unspecified;
                set.push_back(r);
            }
            auto composed = radsynth::report::Composer(*bank).compose(set, seed ^ std::hash<std::string>()(findings.toSpec()));
            return composed ? composed->document.toPlainText().toStdString() : simpleReport(findings);
        };
    }
    radsynth::cli::Progress progress("simulate", "cases");
    options.progress = [&progress](size_t done, size_t total) { progress.update((long long)done, (long long)total); };

    std::vector<CaseRequest> requests;
    if (parser.isSet(QStringLiteral("from-reports"))) {
        auto reports = readIuReportArchive(parser.value(QStringLiteral("from-reports")).toStdString(), size_t(options.count));
        if (!reports)
            return radsynth::cli::fail(name, reports.error().toString());
        uint64_t index = 0;
        for (const IuReport &report : reports.value()) {
            CaseRequest request;
            request.seed = options.seed * 1000003ull + index++;
            request.findings = findingsFromMesh(report.meshTerms);
            request.report = report.text();
            request.sourceId = report.id;
            if (request.report.empty())
                continue;
            requests.push_back(std::move(request));
        }
    } else {
        requests = plannedCases(options);
    }
    auto written = writeDataset(options, requests);
    if (!written)
        return radsynth::cli::fail(name, written.error().toString());
    if (parser.isSet(QStringLiteral("shard"))) {
        // The shard is complete: the merge job and a re-submission can tell.
        if (const auto marked = radsynth::shards::markDone(options.outDir, options.shardIndex, options.shardCount); !marked)
            return radsynth::cli::fail(name, marked.error().toString());
    }
    std::printf("wrote %zu simulated cases (%s engine) to %s (manifest.jsonl%s%s)\n", written.value(),
                options.ct ? "CT" : "phantom", options.outDir.c_str(), ", png/", options.dicom ? ", dicom/" : "");
    return 0;
}

} // namespace

RADSYNTH_CLI_COMMAND("simulate", "render simulated frontal + lateral chest radiographs with ground truth", simulateCommand);
