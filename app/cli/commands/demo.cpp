// radsynth-cli demo: the README's main job without a screen. Opens the bundled sample study,
// synthesizes the lateral view and drafts the report with the default model (the workstation's
// GenerationService), and writes the image (PNG with the synthetic marks, DICOM Secondary Capture)
// and the report (text, Basic Text SR) through the one output writer (exports::exportGenerations).
#include "CliRegistry.h"
#include "Progress.h"

#include "radsynth/common/Paths.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/export/GenerationExport.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <string>

namespace radsynth::cli {
namespace {
using workflow::GenerationInputs;
using workflow::GenerationService;
using workflow::GenerationSettings;

const dicom::Instance *pickFrontal(const dicom::StudyCollection &collection)
{
    const dicom::Instance *fallback = nullptr;
    for (const dicom::Instance *instance : collection.instances()) {
        if (instance->kind != dicom::ObjectKind::Image || !instance->error.empty())
            continue;
        if (instance->view.view == dicom::View::Frontal)
            return instance;
        if (!fallback && instance->view.view != dicom::View::Lateral)
            fallback = instance;
    }
    return fallback;
}

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Runs frontal->lateral and frontal->report on a study with the default model."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR"), QStringLiteral("radsynth-demo")});
    parser.addOption({QStringLiteral("study"), QStringLiteral("Study folder or file (default: the bundled sample study)."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("bundle"), QStringLiteral("Model bundle (default: models/default)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("steps"), QStringLiteral("Sampler steps."), QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("guidance"), QStringLiteral("Guidance scale (default: the model's recommendation)."), QStringLiteral("G")});
    if (!parser.parse(QStringList{QStringLiteral("demo")} + arguments))
        return fail("demo", parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", parser.helpText().toLocal8Bit().constData());
        return 0;
    }
    const QString studyPath = parser.isSet(QStringLiteral("study")) ? parser.value(QStringLiteral("study")) : paths::sampleStudyDirectory();
    const QString outDir = QDir(parser.value(QStringLiteral("out"))).absolutePath();
    if (!QDir().mkpath(outDir))
        return fail("demo", "cannot create the output folder " + outDir.toStdString());

    const auto collection = dicom::scan({studyPath.toStdString()});
    const dicom::Instance *frontal = pickFrontal(collection);
    if (!frontal)
        return fail("demo", "no frontal chest image found in " + studyPath.toStdString());
    std::printf("study: %s\nfrontal: %s (%dx%d, view %s)\n", studyPath.toLocal8Bit().constData(), frontal->path.c_str(),
                frontal->columns, frontal->rows, frontal->view.projection.empty() ? "unknown" : frontal->view.projection.c_str());

    GenerationService service(parser.value(QStringLiteral("bundle")));
    auto model = service.generator();
    if (!model.ok())
        return fail("demo", model.error().toString());
    std::printf("model: %s\n", (*model)->info().identity.c_str());

    GenerationInputs inputs;
    inputs.studyKey = QString::fromStdString(frontal->sopInstanceUid);
    inputs.frontalPath = QString::fromStdString(frontal->path);
    GenerationSettings settings;
    settings.seed = parser.value(QStringLiteral("seed")).toULongLong();
    settings.steps = parser.value(QStringLiteral("steps")).toInt();
    if (parser.isSet(QStringLiteral("guidance")))
        settings.guidance = parser.value(QStringLiteral("guidance")).toDouble();

    // A result kept from an earlier run (the service's cache) is reused, and said so.
    auto timing = [](bool wasCached, double ms) {
        return wasCached ? std::string("cached from an earlier run") : std::to_string(std::lround(ms)) + " ms";
    };
    const QList<workflow::OodResult> checks = service.checkInputs(inputs, generation::Task::F2L);
    std::vector<exports::GenerationOutput> outputs;
    for (generation::Task task : {generation::Task::F2L, generation::Task::F2R}) {
        settings.task = task;
        const bool wasCached = service.cached(service.cacheKey(inputs, settings)).has_value();
        radsynth::cli::Progress progress(generation::toString(task), "steps");
        auto result = service.run(inputs, settings, [&progress](int step, int total) { progress.update(step, total); });
        progress.finish();
        if (!result.ok())
            return fail("demo", result.error().toString());
        std::printf("%s: %s (%d steps)\n", generation::toString(task), timing(wasCached, result->timings.totalMs).c_str(), result->steps);
        outputs.push_back({*result, service.provenance(*result, checks)});
    }
    if (outputs.front().result.images.empty())
        return fail("demo", "the model returned no lateral image");
    for (const workflow::OodResult &check : checks)
        std::printf("input check (%s): %s\n", qPrintable(check.view), qPrintable(workflow::OodCheck::statusText(check)));

    exports::GenerationExportOptions output;
    output.directory = outDir;
    output.sourcePath = inputs.frontalPath;
    output.reportKey = workflow::ReportDraftStore::keyFor(inputs.studyKey);
    auto written = exports::exportGenerations(outputs, output);
    if (!written.ok())
        return fail("demo", written.error().toString());
    for (const QString &path : written->exported.paths())
        std::printf("%s\n", qPrintable(QFileInfo(path).fileName()));
    std::printf("\n--- draft report (SYNTHETIC, not for diagnosis) ---\n%s\n", qPrintable(written->reportText));
    for (const exports::GenerationOutput &output : outputs)
        if (const QString note = service.composedNote(output.result); !note.isEmpty())
            std::printf("%s\n", qPrintable(note));
    std::printf("\nwritten to %s\n", outDir.toLocal8Bit().constData());
    return 0;
}
} // namespace

RADSYNTH_CLI_COMMAND("demo", "the main job: synthesize the lateral view and a draft report for the sample study", runDemo);

} // namespace radsynth::cli
