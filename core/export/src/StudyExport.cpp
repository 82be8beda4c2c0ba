// A study's generated results as files: report (SR, PDF, text) and synthetic images (SC, PNG).
#include "radsynth/export/StudyExport.h"

#include "radsynth/common/DerivedUid.h"
#include "radsynth/common/SafeWrite.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/DocumentExport.h"
#include "radsynth/export/SyntheticImage.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <map>
#include <tuple>

namespace radsynth::exports {

namespace {

const std::vector<std::pair<ExportFormat, QString>> &formatTable()
{
    static const std::vector<std::pair<ExportFormat, QString>> table = {
        {ExportFormat::ReportSr, QStringLiteral("sr")},  {ExportFormat::ReportPdf, QStringLiteral("pdf")},
        {ExportFormat::ReportText, QStringLiteral("txt")}, {ExportFormat::ImageSc, QStringLiteral("sc")},
        {ExportFormat::ImagePng, QStringLiteral("png")},
    };
    return table;
}

// A file name from an ExportFileNames pattern (%1: the base name, %2: the image's name).
QString fileName(QString pattern, const QString &base, const QString &name, const QString &suffix)
{
    return pattern.replace(QLatin1String("%1"), base).replace(QLatin1String("%2"), name) + suffix;
}

// The folder exists (or is created) and takes a file: checked before anything is written, so an
// unwritable folder or a full disk is one clear message instead of a half export.
Status checkFolder(const QString &directory)
{
    if (directory.trimmed().isEmpty())
        return makeError("no export folder was chosen");
    const QFileInfo info(directory);
    if (info.exists() && !info.isDir())
        return makeError("the export folder is a file, not a folder", directory.toStdString());
    if (!info.exists() && !QDir().mkpath(directory))
        return makeError("cannot create the export folder (no permission, or a file is in the way)", directory.toStdString());
    QTemporaryFile probe(QDir(directory).filePath(QStringLiteral(".radsynth-export-XXXXXX")));
    if (!probe.open())
        return makeError("cannot write into the export folder: " + probe.errorString().toStdString(), directory.toStdString());
    const QByteArray block(64 * 1024, '\0');
    if (probe.write(block) != block.size() || !probe.flush()) {
        const std::string reason =
            files::explainWriteFailure(directory.toStdString(), probe.errorString().toStdString(), 2LL * block.size());
        return makeError("cannot write into the export folder: " + reason + "; nothing was exported", directory.toStdString());
    }
    return okStatus();
}

} // namespace

QStringList formatNames(ExportFormats formats)
{
    QStringList names;
    for (const auto &[format, name] : formatTable())
        if (has(formats, format))
            names << name;
    return names;
}

ExportFormats formatsFromNames(const QStringList &names)
{
    ExportFormats formats = 0;
    for (const auto &[format, name] : formatTable())
        if (names.contains(name, Qt::CaseInsensitive))
            formats |= unsigned(format);
    return formats;
}

QStringList StudyExportResult::paths() const
{
    QStringList list;
    for (const ExportedObject &object : objects)
        list << object.path;
    return list;
}

std::vector<std::string> StudyExportResult::dicomPaths() const
{
    std::vector<std::string> list;
    for (const ExportedObject &object : objects)
        if (!object.sopInstanceUid.empty())
            list.push_back(object.path.toStdString());
    return list;
}

Result<StudyExportResult> exportStudy(const StudyExportRequest &request, const ExportProgress &progress, const std::atomic_bool *cancel)
{
    const ExportFormats formats = request.formats;
    if (formats == 0)
        return makeError("no export format was chosen");
    const bool reportWanted = (formats & kReportFormats) != 0;
    const bool imagesWanted = (formats & kImageFormats) != 0;
    if (reportWanted && (!request.hasReport || request.report.text.trimmed().isEmpty()))
        return makeError("there is no report to export (" + formatNames(formats & kReportFormats).join(QStringLiteral(", ")).toStdString() + ")");
    if (imagesWanted && request.images.empty())
        return makeError("there is no synthetic image to export (" + formatNames(formats & kImageFormats).join(QStringLiteral(", ")).toStdString() + ")");
    for (const SyntheticImageItem &item : request.images)
        if (imagesWanted && item.image.empty())
            return makeError("the synthetic " + item.name.toStdString() + " image is empty");
    if (const Status folder = checkFolder(request.directory); !folder)
        return folder.error();

    // Where the DICOM objects go: a new synthetic patient (the default: nothing of the source), the
    // given study (a teaching case's patient), or, by explicit choice, the source's study
    // (referencing the source image).
    TargetStudy study;
    std::vector<InstanceReference> sources;
    std::string modality = "OT";
    StudyExportResult result;
    result.directory = QDir(request.directory).absolutePath();
    if ((formats & kDicomFormats) != 0) {
        if (request.attachToSourceStudy && !request.study) {
            if (request.sourcePath.isEmpty() || !dicom::isDicomFile(request.sourcePath.toStdString()))
                return makeError("filing the results in the source study needs a DICOM source image; without one they go into a "
                                 "new synthetic study");
            auto source = readSourceImage(request.sourcePath);
            if (!source)
                return source.error();
            sources.push_back(source->instance);
            study = source->study;
            if (!source->modality.empty())
                modality = source->modality;
            result.fromSourceStudy = true;
        }
        if (request.study)
            study = *request.study;
        else if (!result.fromSourceStudy)
            study = newSyntheticStudy();
    }

    QString base = request.baseName;
    if (base.isEmpty())
        base = QStringLiteral("RadSynth-%1-%2")
                   .arg(request.report.key.isEmpty() ? QStringLiteral("study") : request.report.key.left(8),
                        QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QDir out(result.directory);

    int total = 0;
    for (ExportFormat format : {ExportFormat::ReportSr, ExportFormat::ReportPdf, ExportFormat::ReportText})
        total += has(formats, format) ? 1 : 0;
    for (ExportFormat format : {ExportFormat::ImageSc, ExportFormat::ImagePng})
        total += has(formats, format) ? int(request.images.size()) : 0;
    int done = 0;

    auto fail = [&](const Error &error) -> Result<StudyExportResult> {
        for (const ExportedObject &object : result.objects)
            QFile::remove(object.path);
        return error;
    };
    auto step = [&](const QString &path) -> bool {
        if (cancel && cancel->load())
            return false;
        if (progress)
            progress(done, total, QFileInfo(path).fileName());
        ++done;
        return true;
    };
    const Error cancelled = cancelledError({}, "the export was cancelled; the files written so far were removed");

    // Images first: the SR references them.
    std::vector<InstanceReference> written;
    // One series per view (frontal, lateral): 900, 902, 903... (901 is the SR's).
    std::map<std::string, std::pair<std::string, int>> seriesOfView;
    auto seriesFor = [&seriesOfView, &study](const std::string &view) {
        auto it = seriesOfView.find(view);
        if (it == seriesOfView.end()) {
            const int number = seriesOfView.empty() ? 900 : 901 + int(seriesOfView.size());
            // A seeded study's series UIDs are derived, as its objects' are (DicomExport.h).
            const std::string uid = study.uidSeed ? derivedUid(study.uidSeed, 200 + uint64_t(number)) : newUid();
            it = seriesOfView.emplace(view, std::make_pair(uid, number)).first;
        }
        return it->second;
    };
    for (size_t i = 0; i < request.images.size() && imagesWanted; ++i) {
        const SyntheticImageItem &item = request.images[i];
        const QString name = item.name.isEmpty() ? QStringLiteral("image%1").arg(i + 1) : item.name;
        if (has(formats, ExportFormat::ImageSc)) {
            const QString path = out.filePath(fileName(request.fileNames.image, base, name, QStringLiteral(".dcm")));
            if (!step(path))
                return fail(cancelled);
            SecondaryCaptureOptions options;
            options.study = study;
            options.provenance = item.provenance;
            options.sources = sources;
            options.modality = modality;
            std::tie(options.seriesInstanceUid, options.seriesNumber) = seriesFor(item.viewPosition);
            options.instanceNumber = int(i) + 1;
            options.viewPosition = item.viewPosition;
            auto reference = writeSecondaryCapture(item.image, options, path);
            if (!reference)
                return fail(reference.error());
            result.objects.push_back({path, ExportFormat::ImageSc, reference->sopClassUid, reference->sopInstanceUid});
            written.push_back(reference.value());
        }
        if (has(formats, ExportFormat::ImagePng)) {
            const QString path = out.filePath(fileName(request.fileNames.image, base, name, QStringLiteral(".png")));
            if (!step(path))
                return fail(cancelled);
            if (const Status status = writePng(item.image, item.provenance, path); !status)
                return fail(status.error());
            result.objects.push_back({path, ExportFormat::ImagePng, {}, {}});
        }
    }

    if (has(formats, ExportFormat::ReportSr)) {
        const QString path = out.filePath(fileName(request.fileNames.reportSr, base, {}, QStringLiteral(".dcm")));
        if (!step(path))
            return fail(cancelled);
        StructuredReportOptions options;
        options.study = study;
        options.images = sources; // the report describes the source images...
        for (const InstanceReference &reference : written)
            options.images.push_back(reference); // ...and the synthetic ones exported with it
        auto reference = writeBasicTextSr(request.report, options, path);
        if (!reference)
            return fail(reference.error());
        result.objects.push_back({path, ExportFormat::ReportSr, reference->sopClassUid, reference->sopInstanceUid});
    }
    if (has(formats, ExportFormat::ReportPdf)) {
        const QString path = out.filePath(fileName(request.fileNames.report, base, {}, QStringLiteral(".pdf")));
        if (!step(path))
            return fail(cancelled);
        std::vector<imaging::Image> images;
        for (const SyntheticImageItem &item : request.images)
            images.push_back(item.image);
        if (const Status status = writePdf(request.report, images, path); !status)
            return fail(status.error());
        result.objects.push_back({path, ExportFormat::ReportPdf, {}, {}});
    }
    if (has(formats, ExportFormat::ReportText)) {
        const QString path = out.filePath(fileName(request.fileNames.report, base, {}, QStringLiteral(".txt")));
        if (!step(path))
            return fail(cancelled);
        if (const Status status = writePlainText(request.report, path); !status)
            return fail(status.error());
        result.objects.push_back({path, ExportFormat::ReportText, {}, {}});
    }
    if (progress)
        progress(total, total, QString());
    return result;
}

} // namespace radsynth::exports
