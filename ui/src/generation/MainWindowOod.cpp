// MainWindow: the out-of-distribution check of the inputs of generation on open
// (F2L and F2R from the study's frontal). The check runs as a small job on the
// scheduler before the generation jobs (it runs the bundle's encoders and
// autoencoder); its result comes back to the GUI thread, which adds the warning
// to the synthetic viewport's banner, the status bar and the report draft's
// provenance. Never blocking: generation runs whatever the check says.
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/OodWarning.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/OodCheck.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QStatusBar>

#include <spdlog/spdlog.h>

namespace radsynth::ui {

void MainWindow::startInputCheck(const QString &studyUid, const QString &frontalPath)
{
    workflow::OodCheck *check = m_generation->oodCheck();
    m_synthetic.inputCheckBanner.clear();
    m_synthetic.inputCheckProvenance.clear();
    m_synthetic.inputCheckExplanation.clear();
    if (!check->calibrated()) {
        // Not an error: the bundle was not evaluated. Said in the provenance and
        // the panels.
        m_synthetic.inputCheckProvenance = workflow::OodCheck::unavailableText();
        return;
    }
    m_synthetic.inputCheckJob = m_scheduler->submit(
        check->makeJob({workflow::OodInput{tr("frontal"), frontalPath}},
                       [this, studyUid](const QList<workflow::OodResult> &results) {
                           // Worker thread: the window waits for its jobs before it goes.
                           QMetaObject::invokeMethod(
                               this, [this, studyUid, results] { showInputCheck(studyUid, results); }, Qt::QueuedConnection);
                       }),
        workflow::Priority::High);
}

QString MainWindow::withInputCheck(const QString &detail) const
{
    if (m_synthetic.inputCheckBanner.isEmpty())
        return detail;
    return detail.isEmpty() ? m_synthetic.inputCheckBanner : detail + QLatin1Char('\n') + m_synthetic.inputCheckBanner;
}

void MainWindow::showInputCheck(const QString &studyUid, const QList<workflow::OodResult> &results)
{
    if (studyUid != m_synthetic.studyUid)
        return; // another study was opened meanwhile
    m_synthetic.inputCheckBanner = oodBannerText(results);
    m_synthetic.inputCheckProvenance = workflow::OodCheck::provenanceText(results);
    QStringList explanations;
    for (const workflow::OodResult &r : results)
        explanations << workflow::OodCheck::explanation(r);
    m_synthetic.inputCheckExplanation = explanations.join(QStringLiteral("\n\n"));
    const workflow::OodResult worst = workflow::OodCheck::worst(results);
    if (worst.flagged()) {
        spdlog::warn("generation input out of distribution (ratio {:.2f})", worst.ratio);
        statusBar()->showMessage(workflow::OodCheck::warningText(worst));
    }
    if (m_synthetic.viewport >= 0) {
        Viewport *viewport = m_viewports[size_t(m_synthetic.viewport)];
        if (viewport->isSynthetic())
            viewport->setSynthetic(true, withInputCheck(m_synthetic.detail));
    }
    // A draft that arrived first gets the line in its provenance (unless someone
    // already edited it).
    const QString key = workflow::ReportDraftStore::keyFor(studyUid);
    workflow::ReportDraft draft = m_reportEditor->draft();
    if (draft.key == key && draft.state == workflow::ReportState::GeneratedDraft &&
        draft.provenance.inputCheck != m_synthetic.inputCheckProvenance) {
        draft.provenance.inputCheck = m_synthetic.inputCheckProvenance;
        draft.provenance.inputFlagged = worst.flagged();
        m_reportEditor->setAndSaveDraft(draft);
    }
    Q_EMIT inputChecked(studyUid);
}

} // namespace radsynth::ui
