#pragma once
// Editor for the PACS nodes (name, AE title, host, port, retrieval method) and RadSynth's own AE
// title, storage port and network timeout. Reads and writes QSettings through core/pacs.
#include "radsynth/pacs/PacsSettings.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace radsynth::ui {

class PacsNodesSettings : public QWidget {
    Q_OBJECT
public:
    explicit PacsNodesSettings(QWidget *parent = nullptr);

    void setSettings(const pacs::PacsSettings &settings);
    // What the editor shows; `error` gets one line when something is invalid.
    pacs::PacsSettings settings(QString *error = nullptr) const;
    // Validates and writes to the application's QSettings; false (and `error`) when invalid.
    bool save(QString *error = nullptr);

    QTableWidget *table() const { return m_table; }
    void addNode(const pacs::Node &node);

private:
    QTableWidget *m_table;
    QLineEdit *m_ourAeTitle;
    QSpinBox *m_storagePort;
    QSpinBox *m_timeout;
};

// PacsNodesSettings in a dialog with OK / Cancel; OK saves.
class PacsNodesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PacsNodesDialog(QWidget *parent = nullptr);
    PacsNodesSettings *editor() const { return m_editor; }
    void accept() override;

private:
    PacsNodesSettings *m_editor;
};

} // namespace radsynth::ui
