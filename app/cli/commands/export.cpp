// radsynth-cli export: a report and synthetic images leave RadSynth as DICOM Secondary Capture,
// DICOM Basic Text SR, PDF, plain text or PNG, with the synthetic marks and the provenance.
#include "CliRegistry.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/DocumentExport.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace radsynth::cli {
namespace {

int runExport(const QStringList &arguments)
{
    const std::string name = "export";
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Export a report and synthetic images (DICOM SC/SR, PDF, text, PNG)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("report"), QStringLiteral("Report text, or a file holding it."), QStringLiteral("FILE|TEXT")});
    parser.addOption({QStringLiteral("image"), QStringLiteral("Synthetic image (PNG or DICOM); repeatable."), QStringLiteral("PNG_OR_DCM")});
    parser.addOption({QStringLiteral("source"), QStringLiteral("Source DICOM image: exports join its study and reference it."), QStringLiteral("DCM")});
    parser.addOption({QStringLiteral("state"), QStringLiteral("Report state: draft, edited or signed (default draft)."), QStringLiteral("STATE"),
                      QStringLiteral("draft")});
    parser.addOption({QStringLiteral("reviewer"), QStringLiteral("Reviewer's name (required with --state signed)."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("model"), QStringLiteral("Provenance: model name."), QStringLiteral("NAME"), QStringLiteral("radsynth-default")});
    parser.addOption({QStringLiteral("model-version"), QStringLiteral("Provenance: model version."), QStringLiteral("VERSION"), QStringLiteral("unknown")});
    parser.addOption({QStringLiteral("task"), QStringLiteral("Provenance: task (F2L, F2R, ...)."), QStringLiteral("TASK"), QStringLiteral("unknown")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Provenance: seed."), QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("sc, sr, pdf, txt or png."), QStringLiteral("FORMAT")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output file (a folder for several images with sc/png)."), QStringLiteral("PATH")});
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("radsynth-cli export"));
    if (!parser.parse(argv))
        return fail(name, parser.errorText().toStdString());
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QString format = parser.value(QStringLiteral("format")).toLower();
    const QString out = parser.value(QStringLiteral("out"));
    if (format.isEmpty() || out.isEmpty())
        return fail(name, "--format and --out are required");
    if (!QStringList{QStringLiteral("sc"), QStringLiteral("sr"), QStringLiteral("pdf"), QStringLiteral("txt"), QStringLiteral("png")}.contains(format))
        return fail(name, "unknown --format '" + format.toStdString() + "' (sc, sr, pdf, txt, png)");

    // The report, as a draft in the requested state.
    workflow::ReportDraft draft;
    draft.provenance.model = parser.value(QStringLiteral("model"));
    draft.provenance.version = parser.value(QStringLiteral("model-version"));
    draft.provenance.task = parser.value(QStringLiteral("task"));
    bool seedOk = false;
    draft.provenance.seed = parser.value(QStringLiteral("seed")).toLongLong(&seedOk);
    if (!seedOk)
        return fail(name, "--seed must be an integer");
    draft.provenance.generatedAt = QDateTime::currentDateTimeUtc();
    const QString reportArgument = parser.value(QStringLiteral("report"));
    if (!reportArgument.isEmpty()) {
        if (QFileInfo(reportArgument).isFile()) {
            QFile file(reportArgument);
            if (!file.open(QIODevice::ReadOnly))
                return fail(name, "cannot read the report file " + reportArgument.toStdString());
            draft.text = QString::fromUtf8(file.readAll());
        } else {
            draft.text = reportArgument;
        }
    }
    draft.key = workflow::ReportDraftStore::keyFor(draft.text);
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    const QString state = parser.value(QStringLiteral("state")).toLower();
    if (state == QLatin1String("signed")) {
        const auto signedStatus = workflow::ReportDraftStore::sign(draft, parser.value(QStringLiteral("reviewer")));
        if (!signedStatus)
            return fail(name, "--state signed: " + signedStatus.error().message + " (give --reviewer NAME)");
    } else if (state == QLatin1String("edited")) {
        draft.state = workflow::ReportState::Edited;
        draft.reviewer = parser.value(QStringLiteral("reviewer"));
    } else if (state == QLatin1String("draft") || state == QLatin1String("generated")) {
        draft.state = workflow::ReportState::GeneratedDraft;
    } else {
        return fail(name, "unknown --state '" + state.toStdString() + "' (draft, edited, signed)");
    }
    const bool needsReport = format == QLatin1String("sr") || format == QLatin1String("pdf") || format == QLatin1String("txt");
    if (needsReport && draft.text.trimmed().isEmpty())
        return fail(name, "--format " + format.toStdString() + " needs --report");

    // Target study: the source's, else the first DICOM image's, else a new synthetic patient.
    std::vector<exports::InstanceReference> sourceReferences;
    exports::TargetStudy study;
    std::string modality = "OT";
    if (parser.isSet(QStringLiteral("source"))) {
        auto source = exports::readSourceImage(parser.value(QStringLiteral("source")));
        if (!source)
            return fail(name, source.error().toString());
        study = source->study;
        sourceReferences.push_back(source->instance);
        modality = source->modality.empty() ? "OT" : source->modality;
    }
    const QStringList imagePaths = parser.values(QStringLiteral("image"));
    std::vector<imaging::Image> images;
    std::vector<exports::InstanceReference> imageReferences;
    for (const QString &path : imagePaths) {
        auto image = exports::loadImageFile(path);
        if (!image)
            return fail(name, image.error().toString());
        images.push_back(std::move(image).value());
        if (dicom::isDicomFile(path.toStdString())) {
            auto reference = exports::readSourceImage(path);
            if (!reference)
                return fail(name, reference.error().toString());
            if (study.studyInstanceUid.empty())
                study = reference->study;
            imageReferences.push_back(reference->instance);
        }
    }
    if (study.studyInstanceUid.empty())
        study = exports::newSyntheticStudy();

    const bool several = images.size() > 1;
    auto outputFor = [&](size_t index, const char *suffix) {
        if (!several)
            return out;
        QDir().mkpath(out);
        return QDir(out).filePath(QStringLiteral("synthetic-%1.%2").arg(index + 1).arg(QLatin1String(suffix)));
    };

    if (format == QLatin1String("sc") || format == QLatin1String("png")) {
        if (images.empty())
            return fail(name, "--format " + format.toStdString() + " needs --image");
        exports::SecondaryCaptureOptions options;
        options.study = study;
        options.provenance = draft.provenance;
        options.sources = sourceReferences;
        options.modality = modality;
        options.seriesInstanceUid = exports::newUid();
        for (size_t i = 0; i < images.size(); ++i) {
            if (format == QLatin1String("png")) {
                const QString path = outputFor(i, "png");
                const auto written = exports::writePng(images[i], draft.provenance, path);
                if (!written)
                    return fail(name, written.error().toString());
                std::printf("%s\n", qPrintable(path));
            } else {
                options.instanceNumber = int(i) + 1;
                const QString path = outputFor(i, "dcm");
                const auto written = exports::writeSecondaryCapture(images[i], options, path);
                if (!written)
                    return fail(name, written.error().toString());
                std::printf("%s\n", qPrintable(path));
            }
        }
        return 0;
    }
    if (format == QLatin1String("sr")) {
        exports::StructuredReportOptions options;
        options.study = study;
        options.images = imageReferences;
        for (const auto &reference : sourceReferences)
            options.images.push_back(reference);
        const auto written = exports::writeBasicTextSr(draft, options, out);
        if (!written)
            return fail(name, written.error().toString());
    } else if (format == QLatin1String("txt")) {
        const auto written = exports::writePlainText(draft, out);
        if (!written)
            return fail(name, written.error().toString());
    } else {
        const auto written = exports::writePdf(draft, images, out);
        if (!written)
            return fail(name, written.error().toString());
    }
    std::printf("%s\n", qPrintable(out));
    return 0;
}

} // namespace

RADSYNTH_CLI_COMMAND("export", "export a report and synthetic images: DICOM SC/SR, PDF, text, PNG", runExport);

} // namespace radsynth::cli
