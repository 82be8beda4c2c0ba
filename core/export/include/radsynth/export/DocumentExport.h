#pragma once
// Human-readable exports of a report: plain text and PDF (report, images with the synthetic marks,
// provenance and state on every page).
#include "radsynth/common/Result.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/report/ReportDraft.h"

#include <QString>

#include <vector>

namespace radsynth::exports {

// The state as one line: "Generated draft - not reviewed", "Edited - not signed",
// "Signed by Dr. A. Rossi at 2026-11-28 10:15 UTC".
QString stateLine(const report::ReportDraft &report);

// The report text exactly as written, followed by the state and provenance footer.
QString plainTextReport(const report::ReportDraft &report);
Status writePlainText(const report::ReportDraft &report, const QString &path);

// A4 PDF: title, state, report sections, the images (marked), provenance. Needs a QGuiApplication
// (fonts); returns an error otherwise.
Status writePdf(const report::ReportDraft &report, const std::vector<imaging::Image> &images, const QString &path);

} // namespace radsynth::exports
