#include "radsynth/export/GenerationExport.h"

#include "radsynth/common/SafeWrite.h"
#include "radsynth/export/SyntheticImage.h"

#include <QDir>
#include <QFile>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace radsynth::exports {

imaging::Image toExportImage(const generation::ImageData &data, int minimumSize)
{
    imaging::Image image;
    if (data.empty())
        return image;
    cv::Mat pixels(data.height, data.width, CV_32F, const_cast<float *>(data.pixels.data()));
    cv::Mat scaled = pixels.clone();
    const int longer = std::max(data.width, data.height);
    if (longer < minimumSize) {
        const double factor = double(minimumSize) / double(longer);
        cv::resize(pixels, scaled, cv::Size(int(std::lround(data.width * factor)), int(std::lround(data.height * factor))), 0, 0,
                   cv::INTER_CUBIC);
    }
    image.width = scaled.cols;
    image.height = scaled.rows;
    image.bitsStored = 16;
    image.stored.resize(image.pixelCount());
    for (int y = 0; y < scaled.rows; ++y) {
        const float *row = scaled.ptr<float>(y);
        for (int x = 0; x < scaled.cols; ++x)
            image.stored[size_t(y) * size_t(scaled.cols) + size_t(x)] = uint16_t(std::lround(std::clamp(row[x], 0.0f, 1.0f) * 65535.0f));
    }
    image.windows.push_back(imaging::percentileWindow(image));
    return image;
}

imaging::Image exportImageOf(const generation::GeneratedImage &image)
{
    return toExportImage(image.upsampled.empty() ? image.image : image.upsampled);
}

QString reportDraftsText(const generation::Generation &result)
{
    QString text = syntheticWarning() + QStringLiteral(": every draft the model wrote for this study, none reviewed\n\n");
    if (result.findingProbabilities.size() == size_t(generation::kObservationCount)) {
        // What the drafts were weighed against, likeliest first.
        std::vector<int> order(generation::kObservationCount);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return result.findingProbabilities[size_t(a)] > result.findingProbabilities[size_t(b)]; });
        QStringList read;
        for (int k : order)
            read << QStringLiteral("%1 %2").arg(QString::fromLatin1(generation::kObservationNames[size_t(k)]).replace(QLatin1Char('_'), QLatin1Char(' ')))
                        .arg(result.findingProbabilities[size_t(k)], 0, 'f', 2);
        text += QStringLiteral("The finding classifiers read this image as (probability): ") + read.join(QStringLiteral(", ")) + QStringLiteral("\n\n");
    }
    if (result.sideWeight > 0 && result.findingSideEvidence.size() == size_t(generation::kObservationCount)) {
        // Where the frontal classifier sees the findings whose sides were weighed.
        QStringList sides;
        for (const std::string &name : result.sideObservations) {
            const size_t k = generation::observationIndex(name);
            if (k >= result.findingSideEvidence.size())
                continue;
            const double e = result.findingSideEvidence[k], left = 1.0 / (1.0 + std::exp(-e));
            sides << QStringLiteral("%1 %2 (%3 %)")
                         .arg(QString::fromStdString(name).replace(QLatin1Char('_'), QLatin1Char(' ')),
                              e >= 0 ? QStringLiteral("left") : QStringLiteral("right"))
                         .arg(qRound(100 * (e >= 0 ? left : 1 - left)));
        }
        text += QStringLiteral("Sides weighed (weight %1): the side the frontal classifier puts each of these findings on, should a draft "
                               "state it (whether it is there is the probability above): ")
                    .arg(result.sideWeight) +
                sides.join(QStringLiteral(", ")) + QStringLiteral("\n\n");
    }
    const bool counted = result.reportNovelSentences.size() == result.reportDrafts.size();
    for (size_t i = 0; i < result.reportDrafts.size() && i < result.reportScores.size(); ++i) {
        QString why = QStringLiteral("log-likelihood of its findings under the finding classifiers");
        if (result.sideWeight > 0)
            why += QStringLiteral(", and of the sides it names");
        if (counted) {
            const int novel = result.reportNovelSentences[i];
            why += novel == 0 ? QStringLiteral("; every sentence is one a training report holds")
                              : QStringLiteral("; %1 sentence%2 no training report holds%3")
                                    .arg(novel)
                                    .arg(novel == 1 ? QString() : QStringLiteral("s"))
                                    .arg(result.novelSentencePenalty > 0 ? QStringLiteral(", %1 each").arg(-result.novelSentencePenalty) : QString());
        }
        text += QStringLiteral("draft %1%2, score %3 (%4)\n%5\n\n")
                    .arg(i + 1)
                    .arg(int(i) == result.reportChoice ? QStringLiteral(" (chosen)") : QString())
                    .arg(result.reportScores[i], 0, 'f', 3)
                    .arg(why)
                    .arg(QString::fromStdString(result.reportDrafts[i]));
    }
    return text;
}

Result<GenerationExportResult> exportGenerations(const std::vector<GenerationOutput> &outputs, const GenerationExportOptions &options)
{
    StudyExportRequest request;
    request.directory = options.directory;
    request.fileNames = options.fileNames;
    request.sourcePath = options.sourcePath;
    request.attachToSourceStudy = options.attachToSourceStudy;
    request.study = options.study;
    const GenerationOutput *withReport = nullptr;
    for (const GenerationOutput &output : outputs) {
        for (const generation::GeneratedImage &image : output.result.images) {
            if (options.viewNamesOnly && image.variant != 0)
                continue;
            const bool frontal = image.view == generation::View::Frontal;
            SyntheticImageItem item;
            item.image = exportImageOf(image);
            item.provenance = output.provenance;
            item.viewPosition = frontal ? "PA" : "LL";
            item.name = QLatin1String(frontal ? "frontal" : "lateral");
            if (!options.viewNamesOnly)
                item.name += QStringLiteral("_%1").arg(image.variant);
            request.images.push_back(std::move(item));
        }
        if (!withReport && !output.result.report.empty())
            withReport = &output;
    }
    if (withReport) {
        request.hasReport = true;
        request.report.key = options.reportKey;
        request.report.studyLabel = options.reportStudyLabel;
        request.report.text = QString::fromStdString(withReport->result.report);
        request.report.provenance = withReport->provenance;
        request.report.modifiedAt = withReport->provenance.generatedAt;
    }
    ExportFormats formats = 0;
    if (!request.images.empty()) {
        if (options.png)
            formats = formats | ExportFormat::ImagePng;
        if (options.dicom)
            formats = formats | ExportFormat::ImageSc;
    }
    if (request.hasReport) {
        if (options.reportText)
            formats = formats | ExportFormat::ReportText;
        if (options.dicom)
            formats = formats | ExportFormat::ReportSr;
    }
    if (formats == 0)
        return makeError("the generation made nothing to write (no image and no report)");
    request.formats = formats;
    auto exported = exportStudy(request);
    if (!exported)
        return exported.error();
    GenerationExportResult result;
    result.exported = std::move(exported).value();
    result.reportText = request.report.text;
    for (const ExportedObject &object : result.exported.objects)
        if (object.format == ExportFormat::ImageSc)
            result.images.push_back({object.sopClassUid, object.sopInstanceUid, {}, {}});
    if (withReport && !withReport->result.reportDrafts.empty()) { // finding-guided: every draft weighed, with its score
        const QString path = QDir(result.exported.directory).filePath(QStringLiteral("report-drafts.txt"));
        if (Status written = files::writeAtomically(path, reportDraftsText(withReport->result).toUtf8(), "the report drafts");
            !written) {
            for (const ExportedObject &object : result.exported.objects)
                QFile::remove(object.path); // all or nothing, as exportStudy does
            return written.error();
        }
        result.reportDraftsPath = path;
    }
    return result;
}

} // namespace radsynth::exports
