#pragma once
// The one output writer of generations, whichever door made them (radsynth-cli generate and demo,
// teaching cases): it builds the export request and writes through exportStudy, as the
// workstation's Export... and Send to PACS... do. Every synthetic image as a DICOM Secondary Capture
// and a PNG, both with the SYNTHETIC mark and the provenance burned in; the report as a Basic Text
// SR and plain text with the state and provenance footer; with finding-guided drafting, every draft
// weighed and its score in report-drafts.txt. Errors are values; nothing is printed.
#include "radsynth/common/Result.h"
#include "radsynth/export/StudyExport.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/report/ReportDraft.h"

#include <QString>

#include <optional>
#include <vector>

namespace radsynth::exports {

// A generated image (0..1, display polarity) as a 16-bit MONOCHROME2 image with a percentile window,
// upsampled (bicubic) so its longer side is at least `minimumSize` pixels (the burned-in marks need
// room to be legible).
imaging::Image toExportImage(const generation::ImageData &image, int minimumSize = 512);

// The image a generated view is exported as: the upsampled one (the input's size) when there is one.
imaging::Image exportImageOf(const generation::GeneratedImage &image);

// One generation and its provenance (workflow::makeProvenance, GenerationService::provenance).
struct GenerationOutput {
    generation::Generation result;
    report::ReportProvenance provenance;
};

struct GenerationExportOptions {
    QString directory;     // created when missing
    bool dicom = true;     // Secondary Captures and the SR; false: PNG and text only
    bool png = true;       // the images as marked PNGs
    bool reportText = true;
    QString sourcePath;    // an input image (DICOM): the study joined with attachToSourceStudy
    bool attachToSourceStudy = false; // StudyExportRequest::attachToSourceStudy: the explicit choice
    std::optional<TargetStudy> study; // set: the DICOM objects go into this study
    QString reportKey;     // the report draft's key (ReportDraftStore::keyFor); names the files by default
    QString reportStudyLabel;
    ExportFileNames fileNames = ExportFileNames::commandLine();
    // Image names: "<view>_<variant>" ("lateral_0"); with `viewNamesOnly`, "<view>" (variant 0 only).
    bool viewNamesOnly = false;
};

struct GenerationExportResult {
    StudyExportResult exported;
    QString reportDraftsPath; // report-drafts.txt; empty when the drafting was not finding-guided
    QString reportText;       // the report exported (empty: none)
    std::vector<InstanceReference> images; // the Secondary Captures written, in order
};

// Writes every image of `outputs` and the report of the first output that has one.
Result<GenerationExportResult> exportGenerations(const std::vector<GenerationOutput> &outputs, const GenerationExportOptions &options);

// The report-drafts.txt text: every draft weighed, its score, the chosen one marked.
QString reportDraftsText(const generation::Generation &result);

} // namespace radsynth::exports
