// radsynth-cli demo: the README's main job without a screen. Opens the bundled sample study,
// synthesizes the lateral view and drafts the report with the default model, and writes the
// images (PNG with the synthetic marks, DICOM Secondary Capture) and the report (text, Basic Text SR).
#include "CliRegistry.h"

#include "radsynth/common/Paths.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/DocumentExport.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>

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

    auto source = exports::readSourceImage(inputs.frontalPath);
    if (!source.ok())
        return fail("demo", source.error().toString());

    // A result kept from an earlier run (the service's cache) is reused, and said so.
    auto timing = [](bool wasCached, double ms) {
        return wasCached ? std::string("cached from an earlier run") : std::to_string(std::lround(ms)) + " ms";
    };

    // Frontal -> lateral
    settings.task = generation::Task::F2L;
    const bool lateralCached = service.cached(service.cacheKey(inputs, settings)).has_value();
    auto lateral = service.run(inputs, settings, [](int step, int total) {
        std::fprintf(stderr, "\rF2L step %d/%d", step, total);
        if (step == total)
            std::fprintf(stderr, "\n");
    });
    if (!lateral.ok())
        return fail("demo", lateral.error().toString());
    if (lateral->images.empty())
        return fail("demo", "the model returned no lateral image");
    workflow::ReportProvenance provenance{QString::fromStdString(lateral->model), QString(), QStringLiteral("F2L"),
                                          qint64(lateral->seed), QDateTime::currentDateTimeUtc()};
    const auto &generated = lateral->images.front();
    const imaging::Image lateralImage = GenerationService::toImage(generated.upsampled.empty() ? generated.image : generated.upsampled);
    if (auto status = exports::writePng(lateralImage, provenance, outDir + QStringLiteral("/synthetic-lateral.png")); !status.ok())
        return fail("demo", status.error().toString());
    exports::SecondaryCaptureOptions sc;
    sc.study = source->study;
    sc.provenance = provenance;
    sc.sources = {source->instance};
    sc.viewPosition = "LL";
    sc.modality = source->modality.empty() ? "OT" : source->modality;
    auto scRef = exports::writeSecondaryCapture(lateralImage, sc, outDir + QStringLiteral("/synthetic-lateral.dcm"));
    if (!scRef.ok())
        return fail("demo", scRef.error().toString());
    std::printf("F2L: %s (%d steps) -> synthetic-lateral.png, synthetic-lateral.dcm\n", timing(lateralCached, lateral->timings.totalMs).c_str(),
                lateral->steps);

    // Frontal -> report
    settings.task = generation::Task::F2R;
    const bool reportCached = service.cached(service.cacheKey(inputs, settings)).has_value();
    auto report = service.run(inputs, settings);
    if (!report.ok())
        return fail("demo", report.error().toString());
    workflow::ReportDraft draft;
    draft.key = workflow::ReportDraftStore::keyFor(inputs.studyKey);
    draft.text = QString::fromStdString(report->report);
    draft.provenance = provenance;
    draft.provenance.task = QStringLiteral("F2R");
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    if (auto status = exports::writePlainText(draft, outDir + QStringLiteral("/draft-report.txt")); !status.ok())
        return fail("demo", status.error().toString());
    exports::StructuredReportOptions sr;
    sr.study = source->study;
    sr.images = {source->instance, *scRef};
    if (auto srRef = exports::writeBasicTextSr(draft, sr, outDir + QStringLiteral("/draft-report-sr.dcm")); !srRef.ok())
        return fail("demo", srRef.error().toString());
    std::printf("F2R: %s -> draft-report.txt, draft-report-sr.dcm\n\n--- draft report (SYNTHETIC, not for diagnosis) ---\n%s\n",
                timing(reportCached, report->timings.totalMs).c_str(), report->report.c_str());
    std::printf("\nwritten to %s\n", outDir.toLocal8Bit().constData());
    return 0;
}
} // namespace

RADSYNTH_CLI_COMMAND("demo", "the main job: synthesize the lateral view and a draft report for the sample study", runDemo);

} // namespace radsynth::cli
