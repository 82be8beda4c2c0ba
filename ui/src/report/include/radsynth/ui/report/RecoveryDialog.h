#pragma once
// At start, the drafts that were never signed (the workstation was closed or crashed mid-edit) are
// offered for recovery: study label, state, last change and the beginning of the text.
#include "radsynth/workflow/ReportDraftStore.h"

#include <QDialog>

#include <optional>

class QListWidget;
class QPlainTextEdit;

namespace radsynth::ui {

class RecoveryDialog : public QDialog {
    Q_OBJECT
public:
    explicit RecoveryDialog(QList<workflow::ReportDraft> drafts, QWidget *parent = nullptr);

    const QList<workflow::ReportDraft> &drafts() const { return m_drafts; }
    // The draft chosen with "Recover", if any.
    std::optional<workflow::ReportDraft> selectedDraft() const;
    QListWidget *list() const { return m_list; }

    // Shows the dialog when `store` holds unsigned drafts; returns the one to reopen.
    static std::optional<workflow::ReportDraft> offer(workflow::ReportDraftStore &store, QWidget *parent = nullptr);

private:
    void showPreview(int row);

    QList<workflow::ReportDraft> m_drafts;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_preview = nullptr;
};

} // namespace radsynth::ui
