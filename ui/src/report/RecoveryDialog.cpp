#include "radsynth/ui/report/RecoveryDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace radsynth::ui {

RecoveryDialog::RecoveryDialog(QList<workflow::ReportDraft> drafts, QWidget *parent) : QDialog(parent), m_drafts(std::move(drafts))
{
    setWindowTitle(tr("Recover unsigned reports"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("These reports were being edited and were never signed. "
                                "Choose one to continue editing it; the others stay saved."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QListWidget(this);
    for (const auto &draft : m_drafts) {
        const QString firstLine = draft.text.section(QLatin1Char('\n'), 0, 0).left(80);
        auto *item = new QListWidgetItem(tr("%1 - %2, last change %3\n%4")
                                             .arg(draft.studyLabel.isEmpty() ? tr("Report") : draft.studyLabel,
                                                  workflow::toDisplayString(draft.state),
                                                  draft.modifiedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), firstLine),
                                         m_list);
        item->setData(Qt::UserRole, draft.key);
    }
    layout->addWidget(m_list, 1);
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    layout->addWidget(m_preview, 2);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *recover = buttons->addButton(tr("Recover"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Later"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_list, &QListWidget::currentRowChanged, this, &RecoveryDialog::showPreview);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    recover->setEnabled(!m_drafts.isEmpty());
    if (!m_drafts.isEmpty())
        m_list->setCurrentRow(0);
    resize(560, 420);
}

void RecoveryDialog::showPreview(int row)
{
    m_preview->setPlainText(row >= 0 && row < m_drafts.size() ? m_drafts.at(row).text : QString());
}

std::optional<workflow::ReportDraft> RecoveryDialog::selectedDraft() const
{
    const int row = m_list->currentRow();
    if (result() != QDialog::Accepted || row < 0 || row >= m_drafts.size())
        return std::nullopt;
    return m_drafts.at(row);
}

std::optional<workflow::ReportDraft> RecoveryDialog::offer(workflow::ReportDraftStore &store, QWidget *parent)
{
    const QList<workflow::ReportDraft> drafts = store.unsignedDrafts();
    if (drafts.isEmpty())
        return std::nullopt;
    RecoveryDialog dialog(drafts, parent);
    dialog.exec();
    return dialog.selectedDraft();
}

} // namespace radsynth::ui
