#pragma once
// Every attribute of one DICOM file (tag, keyword, VR, value; sequences nested), with search.
// The file is read off the GUI thread, as a loading job on the job scheduler.
#include "radsynth/workflow/JobScheduler.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace radsynth::ui {

class TagBrowserDialog : public QDialog {
    Q_OBJECT
public:
    explicit TagBrowserDialog(workflow::JobScheduler *scheduler, QWidget *parent = nullptr);

    void loadFile(const QString &path);
    QString path() const { return m_path; }
    bool isLoading() const { return m_loading; }
    // Rows currently shown (after the search filter).
    int visibleRowCount() const;
    int rowCount() const;
    void setSearchText(const QString &text);

Q_SIGNALS:
    void loaded();

private:
    void applyFilter();

    workflow::JobScheduler *m_scheduler;
    QString m_path;
    QLabel *m_status;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
    bool m_loading = false;
    int m_generation = 0;
};

} // namespace radsynth::ui
