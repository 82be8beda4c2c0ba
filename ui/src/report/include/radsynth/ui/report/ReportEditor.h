#pragma once
// The report editor: the generated report arrives as a draft (with its provenance); the radiologist
// edits it as plain text (nothing they type is ever rewritten), sees the labeler's findings
// highlighted inline and listed beside the text (refreshed as they type), signs it (read-only until
// reopened) and every change is autosaved to the crash-safe draft store and kept in the history.
// Autosave runs on the editor's own writer thread (the store's fsync can take tens of milliseconds,
// more on a network home folder, and must not stall typing): the newest text always reaches the
// disk, intermediate keystrokes may be coalesced, a failure shows NOT SAVED as before. Signing and
// reopening wait for their write; flushSaves() waits for every write the editor started.
#include "radsynth/report/ReportDocument.h"
#include "radsynth/ui/report/FindingsHighlighter.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTimer;
class QToolBar;
class QTreeWidget;
class QTabWidget;
class QToolButton;

namespace radsynth::ui {

class ReportEditor : public QWidget {
    Q_OBJECT
public:
    using MentionProvider = std::function<std::vector<FindingSpan>(const QString &text)>;

    // `store` may be null (no autosave); it must outlive the editor.
    explicit ReportEditor(workflow::ReportDraftStore *store, QWidget *parent = nullptr);
    ~ReportEditor() override; // writes the last draft before it returns

    // Waits until every draft the editor handed to its writer is on disk (or failed: see
    // lastSaveError()). Call it before reading the store directly.
    void flushSaves();
    // Shows `draft` and saves it (in the background), as a generated draft that just arrived.
    void setAndSaveDraft(const workflow::ReportDraft &draft);

    // Shows `draft` (no history entry, no autosave: it is what the store or the generator holds).
    void setDraft(const workflow::ReportDraft &draft);
    // While the model drafts the report of a study just opened: no text, read-only, nothing saved,
    // and a banner that says so (never the previous study's report). Ends with the next
    // setDraft()/setAndSaveDraft(). `problem` replaces the banner's text (a failed or cancelled job).
    void showDrafting(const QString &studyLabel);
    void setDraftingProblem(const QString &problem);
    bool isDrafting() const { return m_drafting && !m_noReport; }
    // A study open without a report (or none open: empty label): read-only, nothing saved, a banner
    // that says so. The editor starts in it ("No study open"). Ends with the next setDraft().
    void showNoReport(const QString &studyLabel);
    bool showsNoReport() const { return m_drafting && m_noReport; }
    const workflow::ReportDraft &draft() const { return m_draft; }
    QString text() const;
    report::ReportDocument document() const;

    // Defaults to the rule-based labeler over the whole text.
    void setMentionProvider(MentionProvider provider);
    // Debounce before the findings follow the text (ms).
    void setRelabelDelay(int milliseconds);
    // Runs the pending relabel now (tests, export).
    void relabelNow();
    // Marks the model's composed sentences (draft().composedSentences), and its sentences that
    // speak of an earlier study (in its drafts and generated texts), where they stand unchanged.
    void refreshComposedMarks();

    QPlainTextEdit *textEdit() const { return m_edit; }
    QTreeWidget *findingsList() const { return m_findings; }
    QTreeWidget *historyView() const { return m_history; }
    QLabel *stateBanner() const { return m_banner; }
    QLabel *provenanceLabel() const { return m_provenance; }
    const std::vector<FindingSpan> &spans() const { return m_highlighter->spans(); }
    // The model's composed sentences marked in the text now: (start, length).
    const std::vector<std::pair<int, int>> &composedSpans() const { return m_highlighter->composedSpans(); }
    QLabel *composedNote() const { return m_composedNote; }
    // The model's sentences speaking of an earlier study marked in the text now: (start, length).
    const std::vector<std::pair<int, int>> &earlierStudySpans() const { return m_highlighter->earlierStudySpans(); }
    QLabel *earlierStudyNote() const { return m_earlierNote; }
    QString lastSaveError() const { return m_lastSaveError; }

    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *signAction() const { return m_sign; }
    QAction *reopenAction() const { return m_reopen; }
    QAction *copyAction() const { return m_copy; }
    // "Drafts": the model's other drafts for this study (finding-guided drafting), each named by
    // the findings it states; hidden when the draft has none.
    QToolButton *draftsButton() const { return m_draftsButton; }
    QMenu *draftsMenu() const { return m_draftsMenu; }
    // The editor's toolbar (the main window adds Export... and Send to PACS... to it).
    QToolBar *toolBar() const { return m_toolbar; }

public Q_SLOTS:
    bool signReport(const QString &reviewer);
    bool reopenReport(const QString &reviewer);
    void copyAsPlainText();
    void goToSection(report::Section section);
    // Replaces the text with the model's draft `index` (draft().modelDrafts); asks first when the
    // text was edited (`confirm` false: tests). The replacement is undoable.
    bool useModelDraft(int index, bool confirm = true);

Q_SIGNALS:
    void draftSaved(const QString &key);
    void saveFailed(const QString &message);
    void stateChanged(workflow::ReportState state);
    void findingsUpdated();

private:
    void onTextChanged();
    enum class SaveMode { Background, Wait };
    void autosave(SaveMode mode = SaveMode::Background);
    void applySaveResult(quint64 sequence, const QString &key, const QString &error);
    void refreshState();
    void refreshHistory();
    void updateFindingsList(const std::vector<FindingSpan> &spans);
    void askAndSign();
    void askAndReopen();
    void fillDraftsMenu();

    workflow::ReportDraftStore *m_store = nullptr;
    struct Writer;
    std::unique_ptr<Writer> m_writer;
    quint64 m_appliedSave = 0; // the newest save result applied to the banner
    workflow::ReportDraft m_draft;
    MentionProvider m_provider;
    bool m_loading = false;
    bool m_drafting = false; // a key-less, read-only placeholder: drafting, or no report (m_noReport)
    bool m_noReport = false;
    QString m_draftingProblem;
    QString m_lastSaveError;

    QToolBar *m_toolbar = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_provenance = nullptr;
    QLabel *m_composedNote = nullptr; // says what the dashed underline means, when the text has one
    QLabel *m_earlierNote = nullptr;  // says what the wavy underline means, when the text has one
    QPlainTextEdit *m_edit = nullptr;
    FindingsHighlighter *m_highlighter = nullptr;
    QTabWidget *m_side = nullptr;
    QTreeWidget *m_findings = nullptr;
    QTreeWidget *m_history = nullptr;
    QTimer *m_relabelTimer = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_sign = nullptr;
    QAction *m_reopen = nullptr;
    QAction *m_copy = nullptr;
    QToolButton *m_draftsButton = nullptr;
    QAction *m_draftsAction = nullptr; // the button's place in the toolbar
    QMenu *m_draftsMenu = nullptr;
    bool m_choosingDraft = false;
};

} // namespace radsynth::ui
