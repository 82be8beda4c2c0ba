#pragma once
// Generate > Export... (Ctrl+E): where the current study's generated results go and in which
// formats. The report as DICOM Basic Text SR, PDF (with the marked images) and plain text; the
// synthetic images as DICOM Secondary Capture (in the source study) and PNG with the burned-in
// mark. The folder and the formats are remembered in QSettings (group "export").
#include "radsynth/export/StudyExport.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace radsynth::ui {

// The explicit identity choice (docs/REPORTING.md "Patient identity in synthetic objects"), shared by
// Export... and Send to PACS...: unchecked, the DICOM objects go into a new synthetic patient and
// study with nothing of the source; checked, they are filed in the source study and carry its
// patient's name, ID and study. Never remembered: chosen for each export or send.
QCheckBox *makeSourceStudyChoice(QWidget *parent);

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(QWidget *parent = nullptr);

    // What there is to export: formats without content are disabled and say why.
    void setContent(const QString &studyLabel, bool hasReport, workflow::ReportState state, int imageCount, bool sourceIsDicom);

    // The DICOM objects are filed in the source study (checked by the user; default off).
    bool attachToSourceStudy() const;
    QCheckBox *sourceStudyBox() const { return m_attach; }

    QString folder() const;
    void setFolder(const QString &folder);
    // The checked formats that have content.
    exports::ExportFormats formats() const;
    void setFormats(exports::ExportFormats formats);

    QLineEdit *folderEdit() const { return m_folder; }
    QCheckBox *formatBox(exports::ExportFormat format) const;
    QPushButton *exportButton() const { return m_export; }
    QLabel *summaryLabel() const { return m_summary; }

    // "<Documents>/RadSynth exports".
    static QString defaultFolder();
    // The remembered choice (or the defaults).
    static QString rememberedFolder();
    static exports::ExportFormats rememberedFormats();

    void accept() override; // remembers the folder and formats

private:
    void chooseFolder();
    void updateButton();

    QLabel *m_summary = nullptr;
    QLineEdit *m_folder = nullptr;
    QCheckBox *m_sr = nullptr;
    QCheckBox *m_pdf = nullptr;
    QCheckBox *m_text = nullptr;
    QCheckBox *m_sc = nullptr;
    QCheckBox *m_png = nullptr;
    QCheckBox *m_attach = nullptr;
    bool m_sourceIsDicom = false;
    QPushButton *m_export = nullptr;
};

} // namespace radsynth::ui
