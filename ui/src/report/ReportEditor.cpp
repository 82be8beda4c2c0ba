#include "radsynth/ui/report/ReportEditor.h"

#include "radsynth/generation/PriorStudy.h"

#include "radsynth/report/Labeler.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

namespace radsynth::ui {
namespace {

const report::Labeler &labeler()
{
    static const report::Labeler instance;
    return instance;
}

// The rule-based labeler over the whole text: offsets are the editor's character positions.
std::vector<FindingSpan> labelerSpans(const QString &text)
{
    const report::LabelResult result = labeler().label(text);
    std::vector<FindingSpan> spans;
    spans.reserve(result.mentions.size());
    for (const auto &mention : result.mentions)
        spans.push_back(FindingSpan{mention.start, mention.length, mention.status, mention.observation});
    return spans;
}

QString statusText(report::Status status)
{
    switch (status) {
    case report::Status::Positive: return ReportEditor::tr("present");
    case report::Status::Negative: return ReportEditor::tr("absent");
    case report::Status::Uncertain: return ReportEditor::tr("uncertain");
    }
    return {};
}

QString actionText(const QString &action)
{
    if (action == QLatin1String("generated"))
        return ReportEditor::tr("Generated");
    if (action == QLatin1String("edited"))
        return ReportEditor::tr("Edited");
    if (action == QLatin1String("signed"))
        return ReportEditor::tr("Signed");
    if (action == QLatin1String("reopened"))
        return ReportEditor::tr("Reopened");
    if (action == QLatin1String("alternative"))
        return ReportEditor::tr("Other model draft");
    return action;
}

// What a draft states, for the Drafts menu: its present findings, or "no acute findings".
QString findingsSummary(const QString &text)
{
    QStringList present;
    for (const auto &finding : labeler().label(text).presentFindings()) {
        if (finding.observation == report::Observation::NoFinding)
            continue;
        QString title = report::observationTitle(finding.observation).toLower();
        if (finding.status == report::Status::Uncertain)
            title += ReportEditor::tr(" (?)");
        present.append(title);
    }
    return present.isEmpty() ? ReportEditor::tr("no acute findings") : present.join(QStringLiteral(", "));
}

} // namespace

// The editor's draft writer: one thread, one slot. A new draft replaces one still waiting (the
// newest text is what must reach the disk); drafts are written in the order they were handed over.
struct ReportEditor::Writer {
    workflow::ReportDraftStore *store = nullptr;
    std::function<void(quint64, QString, QString)> done; // (sequence, key, error), posted to the GUI thread
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable idle;
    std::optional<workflow::ReportDraft> waiting;
    quint64 handedOver = 0; // sequence number of the newest draft handed over
    bool writing = false;
    bool stopping = false;
    quint64 lastWritten = 0;
    QString lastKey;
    QString lastError;
    std::thread thread;

    Writer(workflow::ReportDraftStore *draftStore, std::function<void(quint64, QString, QString)> onDone)
        : store(draftStore), done(std::move(onDone)), thread([this] { run(); }) {}
    ~Writer()
    {
        {
            std::lock_guard<std::mutex> lock(mutex);
            stopping = true;
        }
        wake.notify_one();
        thread.join(); // the waiting draft, if any, is written first
    }
    quint64 submit(workflow::ReportDraft draft)
    {
        std::lock_guard<std::mutex> lock(mutex);
        waiting = std::move(draft);
        wake.notify_one();
        return ++handedOver;
    }
    // Waits until nothing is waiting or being written; returns the last result.
    std::tuple<quint64, QString, QString> flush()
    {
        std::unique_lock<std::mutex> lock(mutex);
        idle.wait(lock, [this] { return !waiting && !writing; });
        return {lastWritten, lastKey, lastError};
    }
    void run()
    {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            wake.wait(lock, [this] { return stopping || waiting.has_value(); });
            if (!waiting)
                return;
            workflow::ReportDraft draft = std::move(*waiting);
            waiting.reset();
            const quint64 sequence = handedOver;
            writing = true;
            lock.unlock();
            const Status saved = store->save(draft);
            const QString error = saved ? QString() : QString::fromStdString(saved.error().toString());
            done(sequence, draft.key, error);
            lock.lock();
            writing = false;
            lastWritten = sequence;
            lastKey = draft.key;
            lastError = error;
            idle.notify_all();
        }
    }
};

ReportEditor::ReportEditor(workflow::ReportDraftStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_provider(&labelerSpans)
{
    if (m_store)
        m_writer = std::make_unique<Writer>(m_store, [this](quint64 sequence, QString key, QString error) {
            QMetaObject::invokeMethod(this, [this, sequence, key, error] { applySaveResult(sequence, key, error); }, Qt::QueuedConnection);
        });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("reportStateBanner"));
    m_banner->setMargin(6);
    m_banner->setWordWrap(true);
    layout->addWidget(m_banner);

    m_toolbar = new QToolBar(this);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_undo = m_toolbar->addAction(tr("Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_toolbar->addAction(tr("Redo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_copy = m_toolbar->addAction(tr("Copy"));
    m_copy->setToolTip(tr("Copy the report as plain text"));
    m_draftsButton = new QToolButton(m_toolbar);
    m_draftsButton->setObjectName(QStringLiteral("reportDrafts"));
    m_draftsButton->setPopupMode(QToolButton::InstantPopup);
    m_draftsButton->setToolTip(tr("The model's other drafts for this study, best agreement with the image findings first"));
    m_draftsMenu = new QMenu(m_draftsButton);
    m_draftsButton->setMenu(m_draftsMenu);
    connect(m_draftsMenu, &QMenu::aboutToShow, this, &ReportEditor::fillDraftsMenu);
    m_draftsAction = m_toolbar->addWidget(m_draftsButton);
    m_toolbar->addSeparator();
    m_sign = m_toolbar->addAction(tr("Sign..."));
    m_reopen = m_toolbar->addAction(tr("Reopen..."));
    // The section jumps on a row of their own: the first row keeps Sign and Export in view in a
    // reading-width dock.
    auto *sections = new QToolBar(this);
    sections->setObjectName(QStringLiteral("reportSections"));
    sections->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *goTo = new QLabel(tr("Go to:"), sections);
    goTo->setContentsMargins(4, 0, 4, 0);
    sections->addWidget(goTo);
    for (report::Section section : report::allSections()) {
        const QString title = section == report::Section::Indication   ? tr("Indication")
                              : section == report::Section::Comparison ? tr("Comparison")
                              : section == report::Section::Findings   ? tr("Findings")
                                                                       : tr("Impression");
        QAction *jump = sections->addAction(title);
        jump->setToolTip(tr("Go to the %1 section (adds the heading when the report has none)").arg(title));
        connect(jump, &QAction::triggered, this, [this, section] { goToSection(section); });
    }
    layout->addWidget(m_toolbar);
    layout->addWidget(sections);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_edit = new QPlainTextEdit(splitter);
    m_edit->setObjectName(QStringLiteral("reportText"));
    QFont font = m_edit->font();
    font.setPointSizeF(std::max(10.5, font.pointSizeF() + 1));
    m_edit->setFont(font);
    m_edit->setWordWrapMode(QTextOption::WordWrap);
    m_highlighter = new FindingsHighlighter(m_edit->document());

    m_side = new QTabWidget(splitter);
    m_findings = new QTreeWidget(m_side);
    m_findings->setObjectName(QStringLiteral("reportFindings"));
    m_findings->setHeaderLabels({tr("Finding"), tr("Status"), tr("Mentions")});
    m_findings->setRootIsDecorated(false);
    m_findings->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_findings->header()->setStretchLastSection(false);
    m_side->addTab(m_findings, tr("Findings"));
    m_history = new QTreeWidget(m_side);
    m_history->setObjectName(QStringLiteral("reportHistory"));
    m_history->setHeaderLabels({tr("Time"), tr("Change"), tr("By")});
    m_history->setRootIsDecorated(false);
    m_side->addTab(m_history, tr("History"));
    splitter->addWidget(m_edit);
    splitter->addWidget(m_side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_composedNote = new QLabel(this);
    m_composedNote->setObjectName(QStringLiteral("reportComposedNote"));
    m_composedNote->setWordWrap(true);
    m_composedNote->setStyleSheet(QStringLiteral("color: %1;").arg(FindingsHighlighter::composedColor().name()));
    m_composedNote->setToolTip(tr("The model wrote these sentences word by word: no report it learnt from holds them. They may "
                                  "read well or not at all; the mark goes away when you change the sentence."));
    m_composedNote->hide();
    layout->addWidget(m_composedNote);

    m_earlierNote = new QLabel(this);
    m_earlierNote->setObjectName(QStringLiteral("reportEarlierStudyNote"));
    m_earlierNote->setWordWrap(true);
    m_earlierNote->setStyleSheet(QStringLiteral("color: %1;").arg(FindingsHighlighter::earlierStudyColor().name()));
    m_earlierNote->setToolTip(tr("\"Stable\", \"unchanged\", \"again noted\", \"compared with the prior\", \"known\"...: the model "
                                 "saw this study only, with no prior and no history. Check such a sentence against the prior "
                                 "study or remove it; the mark goes away when you change the sentence."));
    m_earlierNote->hide();
    layout->addWidget(m_earlierNote);

    m_provenance = new QLabel(this);
    m_provenance->setObjectName(QStringLiteral("reportProvenance"));
    m_provenance->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_provenance->setStyleSheet(QStringLiteral("color: #555;"));
    layout->addWidget(m_provenance);

    m_relabelTimer = new QTimer(this);
    m_relabelTimer->setSingleShot(true);
    m_relabelTimer->setInterval(300);
    connect(m_relabelTimer, &QTimer::timeout, this, &ReportEditor::relabelNow);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReportEditor::onTextChanged);
    connect(m_undo, &QAction::triggered, m_edit, &QPlainTextEdit::undo);
    connect(m_redo, &QAction::triggered, m_edit, &QPlainTextEdit::redo);
    connect(m_edit, &QPlainTextEdit::undoAvailable, m_undo, &QAction::setEnabled);
    connect(m_edit, &QPlainTextEdit::redoAvailable, m_redo, &QAction::setEnabled);
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    connect(m_copy, &QAction::triggered, this, &ReportEditor::copyAsPlainText);
    connect(m_sign, &QAction::triggered, this, &ReportEditor::askAndSign);
    connect(m_reopen, &QAction::triggered, this, &ReportEditor::askAndReopen);
    connect(m_findings, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        QTextCursor cursor(m_edit->document());
        cursor.setPosition(item->data(0, Qt::UserRole).toInt());
        cursor.setPosition(item->data(0, Qt::UserRole).toInt() + item->data(0, Qt::UserRole + 1).toInt(), QTextCursor::KeepAnchor);
        m_edit->setTextCursor(cursor);
        m_edit->setFocus();
    });
    showNoReport(QString()); // no study open yet
}

void ReportEditor::setDraft(const workflow::ReportDraft &draft)
{
    m_drafting = false;
    m_noReport = false;
    m_draftingProblem.clear();
    m_draft = draft;
    m_loading = true;
    m_edit->setPlainText(draft.text); // also clears the undo stack: undo never crosses reports
    m_loading = false;
    refreshState();
    refreshHistory();
    relabelNow();
}

void ReportEditor::showDrafting(const QString &studyLabel)
{
    flushSaves(); // the previous report's last keystrokes are on disk first
    workflow::ReportDraft none; // no key: nothing is saved while it shows
    none.studyLabel = studyLabel;
    setDraft(none);
    m_drafting = true;
    refreshState();
}

void ReportEditor::showNoReport(const QString &studyLabel)
{
    showDrafting(studyLabel);
    m_noReport = true;
    refreshState();
}

void ReportEditor::setDraftingProblem(const QString &problem)
{
    if (!m_drafting || m_noReport)
        return;
    m_draftingProblem = problem;
    refreshState();
}

QString ReportEditor::text() const { return m_edit->toPlainText(); }

report::ReportDocument ReportEditor::document() const { return report::ReportDocument::fromPlainText(text()); }

void ReportEditor::setMentionProvider(MentionProvider provider)
{
    m_provider = provider ? std::move(provider) : MentionProvider(&labelerSpans);
    relabelNow();
}

void ReportEditor::setRelabelDelay(int milliseconds) { m_relabelTimer->setInterval(std::max(0, milliseconds)); }

void ReportEditor::relabelNow()
{
    m_relabelTimer->stop();
    std::vector<FindingSpan> spans = m_provider ? m_provider(text()) : std::vector<FindingSpan>{};
    m_highlighter->setSpans(spans);
    refreshComposedMarks();
    updateFindingsList(spans);
    Q_EMIT findingsUpdated();
}

void ReportEditor::refreshComposedMarks()
{
    // The model's composed sentences where they still stand as it wrote them (a signed report is
    // the reviewer's: no marks).
    const std::vector<std::pair<int, int>> composed = m_draft.state == workflow::ReportState::Signed
                                                          ? std::vector<std::pair<int, int>>{}
                                                          : FindingsHighlighter::spansOf(text(), m_draft.composedSentences);
    m_highlighter->setComposedSpans(composed);
    // The model's sentences that speak of an earlier study: in the texts it wrote for this study.
    QStringList earlier;
    if (m_draft.state != workflow::ReportState::Signed) {
        QStringList modelTexts = m_draft.modelDrafts;
        for (const auto &entry : m_draft.history)
            if (entry.action == QLatin1String("generated") || entry.action == QLatin1String("alternative"))
                modelTexts << entry.text;
        for (const QString &modelText : modelTexts)
            for (const std::string &sentence : generation::earlierStudySentenceTexts(modelText.toStdString()))
                if (const QString s = QString::fromStdString(sentence); !earlier.contains(s))
                    earlier << s;
    }
    const std::vector<std::pair<int, int>> earlierSpans = FindingsHighlighter::spansOf(text(), earlier);
    m_highlighter->setEarlierStudySpans(earlierSpans);
    m_earlierNote->setVisible(!earlierSpans.empty());
    m_earlierNote->setText(earlierSpans.size() == 1
                               ? tr("1 sentence with a wavy underline speaks of an earlier study: the model saw only this one. "
                                    "Check it against the prior, or remove it.")
                               : tr("%1 sentences with a wavy underline speak of an earlier study: the model saw only this one. "
                                    "Check them against the prior, or remove them.").arg(earlierSpans.size()));
    m_composedNote->setVisible(!composed.empty());
    m_composedNote->setText(composed.size() == 1
                                ? tr("1 sentence with a dashed underline: the model composed it word by word (no report it learnt "
                                     "from holds it). Read it with care.")
                                : tr("%1 sentences with a dashed underline: the model composed them word by word (no report it "
                                     "learnt from holds them). Read them with care.").arg(composed.size()));
}

void ReportEditor::onTextChanged()
{
    if (m_loading || m_choosingDraft)
        return;
    const QString current = text();
    if (current == m_draft.text)
        return; // formatting only (the highlighter), nothing typed
    workflow::ReportDraftStore::applyEdit(m_draft, current);
    autosave();
    refreshState();
    refreshHistory();
    m_relabelTimer->start();
}

ReportEditor::~ReportEditor()
{
    m_writer.reset(); // writes the last draft handed over; its queued result dies with this object
}

void ReportEditor::autosave(SaveMode mode)
{
    if (!m_writer || m_draft.key.isEmpty())
        return;
    m_writer->submit(m_draft);
    if (mode == SaveMode::Wait)
        flushSaves();
}

void ReportEditor::flushSaves()
{
    if (!m_writer)
        return;
    const auto [sequence, key, error] = m_writer->flush();
    applySaveResult(sequence, key, error);
}

void ReportEditor::setAndSaveDraft(const workflow::ReportDraft &draft)
{
    setDraft(draft);
    autosave();
}

// The newest result wins: an older write's result arriving late changes nothing.
void ReportEditor::applySaveResult(quint64 sequence, const QString &key, const QString &error)
{
    if (sequence == 0 || sequence <= m_appliedSave)
        return;
    m_appliedSave = sequence;
    if (!error.isEmpty()) {
        m_lastSaveError = error;
        m_banner->setText(tr("NOT SAVED: %1").arg(m_lastSaveError));
        m_banner->setStyleSheet(QStringLiteral("background:#b00020; color:white; font-weight:bold;"));
        Q_EMIT saveFailed(m_lastSaveError);
        return;
    }
    const bool wasFailing = !m_lastSaveError.isEmpty();
    m_lastSaveError.clear();
    if (wasFailing)
        refreshState(); // the state banner comes back
    Q_EMIT draftSaved(key);
}

bool ReportEditor::signReport(const QString &reviewer)
{
    if (!workflow::ReportDraftStore::sign(m_draft, reviewer))
        return false;
    autosave(SaveMode::Wait); // a signature is on disk before the editor says "signed"
    refreshState();
    refreshHistory();
    Q_EMIT stateChanged(m_draft.state);
    return true;
}

bool ReportEditor::reopenReport(const QString &reviewer)
{
    if (!workflow::ReportDraftStore::reopen(m_draft, reviewer))
        return false;
    autosave(SaveMode::Wait);
    refreshState();
    refreshHistory();
    Q_EMIT stateChanged(m_draft.state);
    return true;
}

void ReportEditor::askAndSign()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Sign report"),
                                               tr("Reviewer's name (the report becomes read-only until reopened):"),
                                               QLineEdit::Normal, m_draft.reviewer, &ok);
    if (ok && !name.trimmed().isEmpty())
        signReport(name);
}

void ReportEditor::askAndReopen()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Reopen report"), tr("Who reopens the signed report:"), QLineEdit::Normal,
                                               m_draft.reviewer, &ok);
    if (ok && !name.trimmed().isEmpty())
        reopenReport(name);
}

void ReportEditor::copyAsPlainText()
{
    auto *mime = new QMimeData;
    mime->setText(text());
    QApplication::clipboard()->setMimeData(mime);
}

void ReportEditor::goToSection(report::Section section)
{
    const QString heading = QString::fromLatin1(report::sectionHeading(section)) + QLatin1Char(':');
    QTextCursor found = m_edit->document()->find(heading, 0, QTextDocument::FindCaseSensitively);
    if (found.isNull()) {
        if (m_edit->isReadOnly())
            return;
        // Append the missing heading at the end (an edit the user asked for, undoable).
        QTextCursor cursor(m_edit->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText((text().isEmpty() || text().endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n\n")) + heading +
                          QLatin1Char(' '));
        m_edit->setTextCursor(cursor);
    } else {
        found.clearSelection();
        m_edit->setTextCursor(found);
    }
    m_edit->setFocus();
}

bool ReportEditor::useModelDraft(int index, bool confirm)
{
    if (index < 0 || index >= m_draft.modelDrafts.size() || m_draft.state == workflow::ReportState::Signed)
        return false;
    if (m_draft.modelDrafts.at(index) == text())
        return true;
    if (confirm && m_draft.state == workflow::ReportState::Edited &&
        QMessageBox::question(this, tr("Use another draft"),
                              tr("Replace the edited text with the model's draft %1? Undo brings your text back; the history keeps it.").arg(index + 1)) !=
            QMessageBox::Yes)
        return false;
    if (!workflow::ReportDraftStore::useModelDraft(m_draft, index))
        return false;
    // Through a cursor so that Undo restores the previous text (an edit, as typing it would be).
    m_choosingDraft = true;
    QTextCursor cursor(m_edit->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(m_draft.text);
    cursor.endEditBlock();
    m_choosingDraft = false;
    cursor.movePosition(QTextCursor::Start);
    m_edit->setTextCursor(cursor);
    autosave();
    refreshState();
    refreshHistory();
    relabelNow();
    return true;
}

void ReportEditor::fillDraftsMenu()
{
    m_draftsMenu->clear();
    const QString current = text();
    for (int i = 0; i < m_draft.modelDrafts.size(); ++i) {
        const QString &candidate = m_draft.modelDrafts.at(i);
        QString label = tr("Draft %1: %2").arg(i + 1).arg(findingsSummary(candidate));
        const int composed = int(FindingsHighlighter::spansOf(candidate, m_draft.composedSentences).size());
        if (composed > 0)
            label += composed == 1 ? tr("  - 1 composed sentence") : tr("  - %1 composed sentences").arg(composed);
        if (i == 0)
            label += tr("  (the model's pick)");
        QAction *action = m_draftsMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(candidate == current);
        action->setToolTip(candidate);
        connect(action, &QAction::triggered, this, [this, i] { useModelDraft(i); });
    }
    m_draftsMenu->setToolTipsVisible(true);
}

void ReportEditor::refreshState()
{
    const bool isSigned = m_draft.state == workflow::ReportState::Signed;
    refreshComposedMarks(); // follow every edit at once; signed: the marks go; reopened: they come back
    m_edit->setReadOnly(isSigned || m_drafting);
    m_sign->setEnabled(!isSigned && !m_drafting && !m_draft.text.trimmed().isEmpty());
    m_reopen->setEnabled(isSigned);
    m_draftsAction->setVisible(m_draft.modelDrafts.size() > 1);
    m_draftsButton->setEnabled(!isSigned);
    m_draftsButton->setText(tr("Drafts (%1)").arg(m_draft.modelDrafts.size()));
    if (!m_lastSaveError.isEmpty())
        return; // the save failure stays visible until a save succeeds
    if (m_drafting) {
        const QString study = m_draft.studyLabel.isEmpty() ? tr("this study") : m_draft.studyLabel;
        if (m_noReport) {
            m_banner->setText(m_draft.studyLabel.isEmpty()
                                  ? tr("No study open. The report of the study you open appears here.")
                                  : tr("NO REPORT for %1 yet. Generate > Synthesize lateral and draft report (Ctrl+G) drafts one.").arg(study));
            m_banner->setStyleSheet(QStringLiteral("background:#eceff1; color:#37474f; border:1px solid #b0bec5; border-radius:3px;"));
        } else if (m_draftingProblem.isEmpty()) {
            m_banner->setText(tr("DRAFTING the report of %1... The model's draft appears here when it is ready (see Jobs).").arg(study));
            m_banner->setStyleSheet(QStringLiteral("background:#eceff1; color:#37474f; border:1px solid #b0bec5; font-weight:bold; border-radius:3px;"));
        } else {
            m_banner->setText(tr("NO DRAFT for %1: %2").arg(study, m_draftingProblem));
            m_banner->setStyleSheet(QStringLiteral("background:#f8d7da; color:#842029; border:1px solid #f1aeb5; font-weight:bold; border-radius:3px;"));
        }
        m_provenance->setText(tr("No report yet."));
        return;
    }
    QString banner;
    QString style;
    switch (m_draft.state) {
    case workflow::ReportState::GeneratedDraft:
        banner = tr("GENERATED DRAFT - not reviewed. Check every statement against the images before signing.");
        style = QStringLiteral("background:#fff3cd; color:#664d03; border:1px solid #e0c36a;");
        break;
    case workflow::ReportState::Edited:
        banner = tr("EDITED DRAFT - not signed. Changes are saved as you type.");
        style = QStringLiteral("background:#e7f1ff; color:#0a3069; border:1px solid #9ec5fe;");
        break;
    case workflow::ReportState::Signed:
        banner = tr("SIGNED by %1 at %2 - read-only (Reopen to amend)")
                     .arg(m_draft.reviewer, m_draft.signedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        style = QStringLiteral("background:#d1e7dd; color:#0f5132; border:1px solid #a3cfbb;");
        break;
    }
    m_banner->setText(banner);
    m_banner->setStyleSheet(style + QStringLiteral("font-weight:bold; border-radius:3px;"));
    const auto &p = m_draft.provenance;
    m_provenance->setText(tr("Provenance: SYNTHETIC text generated by model %1 %2, task %3, seed %4%5")
                              .arg(p.model.isEmpty() ? tr("(none)") : p.model, p.version, p.task)
                              .arg(p.seed)
                              .arg(p.generatedAt.isValid() ? tr(", %1").arg(p.generatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                                           : QString()));
    // The out-of-distribution check of the input (workflow::OodCheck): a warning stays visible here.
    if (!p.inputCheck.isEmpty()) {
        const QString check = p.inputCheck.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        m_provenance->setText(m_provenance->text().toHtmlEscaped() + QStringLiteral("<br>") +
                              (p.inputFlagged ? QStringLiteral("<b style='color:#b00020'>&#9888; %1</b>").arg(check) : check));
    }
    m_provenance->setWordWrap(true);
}

void ReportEditor::refreshHistory()
{
    m_history->clear();
    for (auto it = m_draft.history.crbegin(); it != m_draft.history.crend(); ++it) {
        auto *item = new QTreeWidgetItem(m_history, {it->at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                                     actionText(it->action), it->actor});
        item->setToolTip(1, it->text);
    }
    m_history->resizeColumnToContents(0);
}

void ReportEditor::updateFindingsList(const std::vector<FindingSpan> &spans)
{
    // One row per observation: positive beats uncertain beats negative (as the labeler sums up).
    struct Row {
        report::Status status = report::Status::Negative;
        int mentions = 0;
        int firstStart = 0;
        int firstLength = 0;
    };
    auto rank = [](report::Status s) { return s == report::Status::Positive ? 2 : s == report::Status::Uncertain ? 1 : 0; };
    std::map<int, Row> rows;
    for (const auto &span : spans) {
        auto [it, inserted] = rows.try_emplace(int(span.observation));
        Row &row = it->second;
        if (inserted || rank(span.status) > rank(row.status)) {
            row.status = span.status;
            row.firstStart = span.start;
            row.firstLength = span.length;
        }
        ++row.mentions;
    }
    // Present first, then uncertain, then absent: what needs the reader's attention on top.
    std::vector<std::pair<int, Row>> ordered(rows.begin(), rows.end());
    std::stable_sort(ordered.begin(), ordered.end(), [&](const auto &a, const auto &b) { return rank(a.second.status) > rank(b.second.status); });
    m_findings->clear();
    for (const auto &[observation, row] : ordered) {
        auto *item = new QTreeWidgetItem(m_findings, {report::observationTitle(report::Observation(observation)), statusText(row.status),
                                                      QString::number(row.mentions)});
        const QTextCharFormat format = FindingsHighlighter::formatFor(row.status);
        item->setForeground(1, format.foreground());
        item->setBackground(1, format.background());
        item->setData(0, Qt::UserRole, row.firstStart);
        item->setData(0, Qt::UserRole + 1, row.firstLength);
    }
    m_findings->resizeColumnToContents(1);
    m_findings->resizeColumnToContents(2);
}

} // namespace radsynth::ui
