#pragma once
// Lists every keyboard shortcut (taken from the window's actions, so the list cannot drift from
// what the keys do) and the mouse gestures of the viewports, with a search field.
#include <QDialog>
#include <QList>

class QAction;
class QLineEdit;
class QTreeWidget;

namespace radsynth::ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    int rowCount() const;
    // (description, key) of every listed row, for tests.
    QList<QPair<QString, QString>> rows() const;

private:
    void applyFilter(const QString &text);
    QLineEdit *m_search;
    QTreeWidget *m_tree;
};

} // namespace radsynth::ui
