// MainWindow: Export... and Send to PACS... for the shown study (ExportController does the work as
// jobs). This file only says what the study has: the report draft in the editor, the synthesized
// lateral on screen with its provenance, and the source frontal the synthetic objects reference.
#include "radsynth/ui/ExportController.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/report/ReportEditor.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>
#include <QToolBar>

namespace radsynth::ui {

void MainWindow::createExportActions(QMenu *generate)
{
    m_exporter = new ExportController(m_scheduler, [this] { return exportContent(); }, this);
    connect(m_exporter, &ExportController::statusMessage, this, [this](const QString &text, int timeoutMs) { statusBar()->showMessage(text, timeoutMs); });
    generate->addSeparator();
    QAction *exportAction = addAction(QStringLiteral("exportStudy"), tr("&Export..."), {QKeySequence(Qt::CTRL | Qt::Key_E)}, generate);
    exportAction->setToolTip(tr("Export the report (DICOM SR, PDF, text) and the synthetic images (DICOM SC, PNG) into a folder"));
    connect(exportAction, &QAction::triggered, m_exporter, &ExportController::exportInteractive);
    QAction *sendAction = addAction(QStringLiteral("sendToPacs"), tr("Send to &PACS..."), {}, generate);
    sendAction->setToolTip(tr("Send the report (DICOM SR) and the synthetic images (DICOM SC) to a PACS node"));
    connect(sendAction, &QAction::triggered, m_exporter, &ExportController::sendInteractive);
    connect(addAction(QStringLiteral("sentHistory"), tr("Sent to PACS &history..."), {}, generate), &QAction::triggered, m_exporter,
            &ExportController::showSentHistory);
    // The same actions on the report editor's toolbar.
    QToolBar *toolbar = m_reportEditor->toolBar();
    toolbar->addSeparator();
    toolbar->addAction(exportAction);
    toolbar->addAction(sendAction);
}

ExportContent MainWindow::exportContent() const
{
    ExportContent content;
    content.studyLabel = m_synthetic.studyLabel;
    const workflow::ReportDraft &draft = m_reportEditor->draft();
    content.hasReport = !draft.key.isEmpty() && !draft.text.trimmed().isEmpty();
    content.report = draft;
    // A recovered draft of another study goes alone, in a new synthetic study: never with this
    // study's images or into this study.
    const bool sameStudy = !m_synthetic.studyUid.isEmpty() && draft.key == workflow::ReportDraftStore::keyFor(m_synthetic.studyUid);
    if (content.hasReport && !sameStudy) {
        content.studyLabel = draft.studyLabel;
        return content;
    }
    content.sourcePath = m_synthetic.frontalPath;
    if (m_synthetic.viewport >= 0) {
        const Viewport *viewport = m_viewports[size_t(m_synthetic.viewport)];
        if (viewport->isSynthetic() && viewport->hasImage() && m_content[size_t(m_synthetic.viewport)].seriesKey.startsWith(QStringLiteral("synthetic:"))) {
            exports::SyntheticImageItem item;
            item.image = *viewport->image();
            item.provenance = m_synthetic.lateralProvenance;
            item.viewPosition = "LL";
            item.name = QStringLiteral("lateral");
            content.images.push_back(std::move(item));
        }
    }
    if (content.empty())
        content.why = m_synthetic.studyUid.isEmpty() ? tr("Nothing to export: open a study and generate first (Generate > Synthesize lateral and draft report).")
                                                     : tr("Nothing to export yet: the lateral view and the report are still being generated (see Jobs).");
    return content;
}

} // namespace radsynth::ui
