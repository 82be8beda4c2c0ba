#include "radsynth/ui/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace radsynth::ui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent), m_search(new QLineEdit(this)), m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_search->setPlaceholderText(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_tree->setRootIsDecorated(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *keyboard = new QTreeWidgetItem(m_tree, {tr("Keyboard")});
    for (QAction *action : actions) {
        const QList<QKeySequence> shortcuts = action->shortcuts();
        if (shortcuts.isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &sequence : shortcuts)
            keys << sequence.toString(QKeySequence::NativeText);
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        new QTreeWidgetItem(keyboard, {text, keys.join(QStringLiteral(", "))});
    }
    auto *mouse = new QTreeWidgetItem(m_tree, {tr("Mouse (in a viewport)")});
    const QList<QPair<QString, QString>> gestures = {
        {tr("Window / level (right: wider, down: higher centre)"), tr("Left drag")},
        {tr("Pan"), tr("Middle drag, or Shift + left drag")},
        {tr("Zoom about the cursor"), tr("Wheel")},
        {tr("Zoom"), tr("Right drag")},
        {tr("Measure a distance (in measure mode)"), tr("Left drag")},
        {tr("Cancel the measurement being drawn, leave measure mode"), tr("Esc")},
        {tr("Show a series"), tr("Drag it from the study browser into a viewport")},
    };
    for (const auto &gesture : gestures)
        new QTreeWidgetItem(mouse, {gesture.first, gesture.second});
    m_tree->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(640, 720);
}

int ShortcutsDialog::rowCount() const { return rows().size(); }

QList<QPair<QString, QString>> ShortcutsDialog::rows() const
{
    QList<QPair<QString, QString>> result;
    for (int group = 0; group < m_tree->topLevelItemCount(); ++group) {
        QTreeWidgetItem *parent = m_tree->topLevelItem(group);
        for (int i = 0; i < parent->childCount(); ++i)
            result.append({parent->child(i)->text(0), parent->child(i)->text(1)});
    }
    return result;
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    for (int group = 0; group < m_tree->topLevelItemCount(); ++group) {
        QTreeWidgetItem *parent = m_tree->topLevelItem(group);
        bool any = false;
        for (int i = 0; i < parent->childCount(); ++i) {
            QTreeWidgetItem *item = parent->child(i);
            const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) || item->text(1).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            any = any || match;
        }
        parent->setHidden(!any);
    }
}

} // namespace radsynth::ui
