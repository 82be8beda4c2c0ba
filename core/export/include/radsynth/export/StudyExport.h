#pragma once
// Everything a study's generated results leave RadSynth as, in one call: the report (Basic Text SR,
// PDF with the marked images, plain text) and the synthetic images (Secondary Capture in the source
// study referencing the source image, PNG with the burned-in mark), written into one folder.
// Used by the workstation's Export... and Send to PACS... (as a job on the JobScheduler, ui/'s
// StudyExportJob) and by the one output writer of generations (GenerationExport.h); torch-free, no
// widgets (the PDF needs a QGuiApplication, as writePdf says).
#include "radsynth/common/Result.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/report/ReportDraft.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace radsynth::exports {

enum class ExportFormat : unsigned {
    None = 0,
    ReportSr = 1u << 0,   // DICOM Basic Text SR
    ReportPdf = 1u << 1,  // PDF: report, marked images, state and provenance
    ReportText = 1u << 2, // plain text with the state and provenance footer
    ImageSc = 1u << 3,    // DICOM Secondary Capture, marks burned in
    ImagePng = 1u << 4,   // PNG, marks burned in
};
using ExportFormats = unsigned;
inline ExportFormats operator|(ExportFormat a, ExportFormat b) { return unsigned(a) | unsigned(b); }
inline ExportFormats operator|(ExportFormats a, ExportFormat b) { return a | unsigned(b); }
inline bool has(ExportFormats formats, ExportFormat format) { return (formats & unsigned(format)) != 0; }
constexpr ExportFormats kReportFormats = 1u | 2u | 4u;
constexpr ExportFormats kImageFormats = 8u | 16u;
constexpr ExportFormats kDicomFormats = 1u | 8u;
// "sr", "pdf", "txt", "sc", "png" (settings, logs) and back; unknown names are ignored.
QStringList formatNames(ExportFormats formats);
ExportFormats formatsFromNames(const QStringList &names);

// One synthetic image as the workstation shows it, with where it came from.
struct SyntheticImageItem {
    imaging::Image image;
    report::ReportProvenance provenance; // model, version, task (F2L...), seed
    std::string viewPosition;              // "LL", "PA"
    QString name;                          // file name part: "lateral", "frontal"
};

// The names of the exported files. Default (the workstation's Export...): "<base>-synthetic-<image
// name>.dcm|.png", "<base>-report-sr.dcm", "<base>-report.pdf|.txt". The command line's names
// (radsynth-cli generate and demo): "<image name>.dcm|.png", "report.dcm", "report.pdf|.txt".
struct ExportFileNames {
    QString image = QStringLiteral("%1-synthetic-%2"); // %1 base, %2 image name; + ".dcm" / ".png"
    QString report = QStringLiteral("%1-report");      // %1 base; + ".pdf" / ".txt"
    QString reportSr = QStringLiteral("%1-report-sr"); // %1 base; + ".dcm"
    static ExportFileNames commandLine() { return {QStringLiteral("%2"), QStringLiteral("report"), QStringLiteral("report")}; }
};

struct StudyExportRequest {
    QString directory;  // created when missing
    QString baseName;   // file name prefix; empty: "RadSynth-<report key or date>"
    ExportFileNames fileNames;
    ExportFormats formats = kReportFormats | kImageFormats;
    bool hasReport = false;
    report::ReportDraft report;           // its state decides the SR's completion/verification flags
    std::vector<SyntheticImageItem> images; // the synthesized views
    QString sourcePath; // the source image (the frontal); used only with attachToSourceStudy
    // The identity policy (docs/REPORTING.md "Patient identity in synthetic objects"). By default the
    // DICOM objects go into a new synthetic patient and study and carry no byte of the source's
    // identity or UIDs (no reference to it either). Only by this explicit choice do they join the
    // source study (as AI results filed in the source study, IHE AIR): its patient and study
    // attributes are copied, converted to UTF-8, the source image is referenced, and the objects say
    // Synthetic Data (0008,001C) = YES like every synthetic object. Needs a DICOM sourcePath.
    bool attachToSourceStudy = false;
    std::optional<TargetStudy> study; // set: the DICOM objects go into this study (a teaching case's patient)
};

struct ExportedObject {
    QString path;
    ExportFormat format = ExportFormat::None;
    std::string sopClassUid;    // DICOM objects only
    std::string sopInstanceUid; // DICOM objects only
};

struct StudyExportResult {
    QString directory;
    std::vector<ExportedObject> objects;
    bool fromSourceStudy = false; // the DICOM objects joined the source study
    QStringList paths() const;
    std::vector<std::string> dicomPaths() const;
};

// Writes the requested formats into request.directory. A format with nothing to write (a report
// format without a report, an image format without images) is an error naming it; so is a folder
// that cannot be created or written. On failure or cancellation the files written so far are
// removed (nothing half-exported stays behind) and the error names the file and the reason.
// `progress(done, total, detail)` is called before each file.
using ExportProgress = std::function<void(int done, int total, const QString &detail)>;
Result<StudyExportResult> exportStudy(const StudyExportRequest &request, const ExportProgress &progress = {},
                                      const std::atomic_bool *cancel = nullptr);

} // namespace radsynth::exports
