// The report editor under Xvfb: typing, undo/redo, inline highlighting from the labeler, the
// findings list following edits, sign/reopen, autosave, recovery, and a SIGKILL mid-edit.
#include "../support/SmallFileSystem.h"
#include "radsynth/ui/report/RecoveryDialog.h"
#include "radsynth/ui/report/ReportEditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>
#include <QTreeWidget>

using namespace radsynth;
using report::Observation;


namespace {

workflow::ReportDraft generated(const QString &text, const QString &uid = QStringLiteral("1.2.3.4"))
{
    workflow::ReportDraft draft;
    draft.key = workflow::ReportDraftStore::keyFor(uid);
    draft.studyLabel = QStringLiteral("CR chest");
    draft.text = text;
    draft.provenance = workflow::ReportProvenance{QStringLiteral("radsynth-default"), QStringLiteral("0.1.0"), QStringLiteral("F2R"), 77,
                                                  QDateTime::currentDateTimeUtc()};
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    draft.history.push_back({draft.modifiedAt, workflow::ReportState::GeneratedDraft, text, {}, QStringLiteral("generated")});
    return draft;
}

const ui::FindingSpan *spanFor(const std::vector<ui::FindingSpan> &spans, Observation observation)
{
    for (const auto &span : spans)
        if (span.observation == observation)
            return &span;
    return nullptr;
}

QString findingsRow(QTreeWidget *list, const QString &title)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0) == title)
            return list->topLevelItem(i)->text(1);
    return {};
}

// The character format the highlighter applied at a document position.
QTextCharFormat formatAt(QPlainTextEdit *edit, int position)
{
    const QTextBlock block = edit->document()->findBlock(position);
    const int offset = position - block.position();
    for (const auto &range : block.layout()->formats())
        if (offset >= range.start && offset < range.start + range.length)
            return range.format;
    return {};
}

} // namespace

class TestReportEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typingUndoRedoAndNoRewriting()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.setDraft(generated(QStringLiteral("FINDINGS: ")));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QVERIFY(!editor.undoAction()->isEnabled());
        // Odd spacing and casing stay exactly as typed.
        const QString typed = QStringLiteral("heart  size NORMAL ,no effusion");
        QTest::keyClicks(editor.textEdit(), typed);
        QCOMPARE(editor.text(), QStringLiteral("FINDINGS: ") + typed);
        QCOMPARE(editor.draft().text, editor.text());
        QCOMPARE(editor.draft().state, workflow::ReportState::Edited);
        QVERIFY(editor.undoAction()->isEnabled());
        editor.undoAction()->trigger();
        QVERIFY(editor.text() != QStringLiteral("FINDINGS: ") + typed);
        QVERIFY(editor.redoAction()->isEnabled());
        while (editor.undoAction()->isEnabled())
            editor.undoAction()->trigger();
        QCOMPARE(editor.text(), QStringLiteral("FINDINGS: "));
        while (editor.redoAction()->isEnabled())
            editor.redoAction()->trigger();
        QCOMPARE(editor.text(), QStringLiteral("FINDINGS: ") + typed);
        // The autosaved draft holds the text after the last change.
        editor.flushSaves();
        const auto saved = store.load(editor.draft().key);
        QVERIFY(saved.ok());
        QCOMPARE(saved->text, editor.text());

        editor.copyAsPlainText();
        QCOMPARE(QApplication::clipboard()->text(), editor.text());
    }

    void highlightsFindingsByStatus()
    {
        ui::ReportEditor editor(nullptr);
        const QString text = QStringLiteral("FINDINGS: No pleural effusion. The heart is enlarged, consistent with cardiomegaly. "
                                            "Possible pneumonia in the right lower lobe.\n\nIMPRESSION: Cardiomegaly.");
        editor.setDraft(generated(text));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const auto &spans = editor.spans();
        const ui::FindingSpan *effusion = spanFor(spans, Observation::PleuralEffusion);
        QVERIFY(effusion);
        QCOMPARE(effusion->status, report::Status::Negative);
        QVERIFY(text.mid(effusion->start, effusion->length).contains(QLatin1String("effusion"), Qt::CaseInsensitive));
        const ui::FindingSpan *cardiomegaly = spanFor(spans, Observation::Cardiomegaly);
        QVERIFY(cardiomegaly);
        QCOMPARE(cardiomegaly->status, report::Status::Positive);
        const ui::FindingSpan *pneumonia = spanFor(spans, Observation::Pneumonia);
        QVERIFY(pneumonia);
        QCOMPARE(pneumonia->status, report::Status::Uncertain);

        // The formats really are on the characters, one colour per status.
        const QColor negative = ui::FindingsHighlighter::formatFor(report::Status::Negative).background().color();
        const QColor positive = ui::FindingsHighlighter::formatFor(report::Status::Positive).background().color();
        const QColor uncertain = ui::FindingsHighlighter::formatFor(report::Status::Uncertain).background().color();
        QCOMPARE(formatAt(editor.textEdit(), effusion->start).background().color(), negative);
        QCOMPARE(formatAt(editor.textEdit(), cardiomegaly->start).background().color(), positive);
        QCOMPARE(formatAt(editor.textEdit(), pneumonia->start).background().color(), uncertain);
        QVERIFY(formatAt(editor.textEdit(), 0).fontWeight() == QFont::Bold); // the heading
        QCOMPARE(editor.text(), text); // highlighting changed no character

        QCOMPARE(findingsRow(editor.findingsList(), report::observationTitle(Observation::PleuralEffusion)), QStringLiteral("absent"));
        QCOMPARE(findingsRow(editor.findingsList(), report::observationTitle(Observation::Cardiomegaly)), QStringLiteral("present"));
        QCOMPARE(findingsRow(editor.findingsList(), report::observationTitle(Observation::Pneumonia)), QStringLiteral("uncertain"));
    }

    // The model's composed sentences get a dashed violet underline where they stand as it wrote them,
    // over the findings' colours; a note says what it means; the mark goes when the reviewer changes
    // the sentence, and a signed report has none. The draft store keeps the list.
    void marksComposedSentencesUntilEdited()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.setRelabelDelay(0);
        const QString composed = QStringLiteral("Heart size and mediastinum difficult to expected thoracic aorta has normal contour.");
        const QString text = QStringLiteral("FINDINGS: No pleural effusion. ") + composed + QStringLiteral("\n\nIMPRESSION: No acute disease.");
        auto draft = generated(text, QStringLiteral("1.2.3.9"));
        draft.modelDrafts = {text, QStringLiteral("FINDINGS: Normal chest.")};
        draft.composedSentences = {composed, QStringLiteral("A sentence of the other draft only.")};
        editor.setAndSaveDraft(draft);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const int at = int(text.indexOf(composed));
        QCOMPARE(editor.composedSpans(), (std::vector<std::pair<int, int>>{{at, int(composed.size())}}));
        for (int position : {at, at + 5, at + int(composed.size()) - 1}) {
            const QTextCharFormat f = formatAt(editor.textEdit(), position);
            QCOMPARE(f.underlineStyle(), QTextCharFormat::DashUnderline);
            QCOMPARE(f.underlineColor(), ui::FindingsHighlighter::composedColor());
        }
        QVERIFY(formatAt(editor.textEdit(), 0).underlineStyle() != QTextCharFormat::DashUnderline); // the heading
        QVERIFY(formatAt(editor.textEdit(), at - 3).underlineStyle() != QTextCharFormat::DashUnderline); // "effusion."
        QVERIFY(editor.composedNote()->isVisible());
        QVERIFY2(editor.composedNote()->text().contains(QLatin1String("1 sentence")), qPrintable(editor.composedNote()->text()));
        QCOMPARE(editor.text(), text); // marking changed no character
        editor.flushSaves();
        QCOMPARE(store.load(draft.key)->composedSentences, draft.composedSentences);
        Q_EMIT editor.draftsMenu()->aboutToShow(); // the Drafts menu counts them per draft
        QVERIFY2(editor.draftsMenu()->actions().at(0)->text().contains(QLatin1String("1 composed sentence")),
                 qPrintable(editor.draftsMenu()->actions().at(0)->text()));
        QVERIFY(!editor.draftsMenu()->actions().at(1)->text().contains(QLatin1String("composed")));

        // The reviewer rewrites the sentence: no mark any more.
        QTextCursor cursor(editor.textEdit()->document());
        cursor.setPosition(at);
        cursor.setPosition(at + int(composed.size()), QTextCursor::KeepAnchor);
        editor.textEdit()->setTextCursor(cursor);
        QTest::keyClicks(editor.textEdit(), QStringLiteral("Normal heart size and mediastinal contours."));
        QTRY_VERIFY(editor.composedSpans().empty());
        QVERIFY(!editor.composedNote()->isVisible());
        editor.undoAction()->trigger();
        QTRY_COMPARE(editor.composedSpans().size(), size_t(1)); // undone: the model's sentence again
        QVERIFY(editor.signReport(QStringLiteral("Dr. C")));
        QTRY_VERIFY(editor.composedSpans().empty());
    }

    // The model's sentences that speak of an earlier study ("Stable ...") get a wavy orange
    // underline and a note: the model saw no prior. The same words typed by the reviewer (who may
    // have compared) are not marked, and the mark goes when the sentence changes or on signing.
    void marksTheModelsEarlierStudyClaims()
    {
        ui::ReportEditor editor(nullptr);
        editor.setRelabelDelay(0);
        const QString stable = QStringLiteral("Stable mild cardiomegaly.");
        const QString text = QStringLiteral("FINDINGS: ") + stable + QStringLiteral(" No pleural effusion.\n\nIMPRESSION: No acute disease.");
        editor.setDraft(generated(text, QStringLiteral("1.2.3.10")));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const int at = int(text.indexOf(stable));
        QCOMPARE(editor.earlierStudySpans(), (std::vector<std::pair<int, int>>{{at, int(stable.size())}}));
        QCOMPARE(formatAt(editor.textEdit(), at + 2).underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(formatAt(editor.textEdit(), at + 2).underlineColor(), ui::FindingsHighlighter::earlierStudyColor());
        QVERIFY(formatAt(editor.textEdit(), at + int(stable.size()) + 3).underlineStyle() != QTextCharFormat::WaveUnderline);
        QVERIFY(editor.earlierStudyNote()->isVisible());
        QVERIFY2(editor.earlierStudyNote()->text().contains(QLatin1String("earlier study")), qPrintable(editor.earlierStudyNote()->text()));
        QCOMPARE(editor.text(), text);

        // The reviewer adds a comparison of their own: not marked.
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" Unchanged from the prior study."));
        QTRY_COMPARE(editor.earlierStudySpans().size(), size_t(1));
        // The model's sentence edited: no mark, no note.
        QTextCursor cursor(editor.textEdit()->document());
        cursor.setPosition(at);
        cursor.setPosition(at + int(stable.size()), QTextCursor::KeepAnchor);
        editor.textEdit()->setTextCursor(cursor);
        QTest::keyClicks(editor.textEdit(), QStringLiteral("Mild cardiomegaly."));
        QTRY_VERIFY(editor.earlierStudySpans().empty());
        QVERIFY(!editor.earlierStudyNote()->isVisible());
        editor.undoAction()->trigger();
        QTRY_COMPARE(editor.earlierStudySpans().size(), size_t(1));
        QVERIFY(editor.signReport(QStringLiteral("Dr. C")));
        QTRY_VERIFY(editor.earlierStudySpans().empty());
    }

    void findingsListFollowsTyping()
    {
        ui::ReportEditor editor(nullptr);
        editor.setRelabelDelay(100);
        editor.setDraft(generated(QStringLiteral("FINDINGS: The lungs are clear.")));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QString pneumothorax = report::observationTitle(Observation::Pneumothorax);
        QVERIFY(findingsRow(editor.findingsList(), pneumothorax).isEmpty());
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" Small right pneumothorax."));
        QTRY_COMPARE(findingsRow(editor.findingsList(), pneumothorax), QStringLiteral("present"));
        QVERIFY(spanFor(editor.spans(), Observation::Pneumothorax));
        // Negating it while typing flips the list.
        QTextCursor cursor = editor.textEdit()->document()->find(QStringLiteral("Small right"));
        cursor.insertText(QStringLiteral("No"));
        QTRY_COMPARE(findingsRow(editor.findingsList(), pneumothorax), QStringLiteral("absent"));
    }

    void signMakesReadOnlyUntilReopened()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.setDraft(generated(QStringLiteral("FINDINGS: Normal chest.")));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("GENERATED DRAFT")));
        QVERIFY(editor.provenanceLabel()->text().contains(QLatin1String("seed 77")));
        QVERIFY(editor.provenanceLabel()->text().contains(QLatin1String("F2R")));
        QVERIFY(!editor.reopenAction()->isEnabled());

        QVERIFY(!editor.signReport(QStringLiteral("   "))); // a name is required
        QVERIFY(editor.signReport(QStringLiteral("Dr. Anna Rossi")));
        QVERIFY(editor.textEdit()->isReadOnly());
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("Dr. Anna Rossi")));
        QVERIFY(editor.reopenAction()->isEnabled());
        QVERIFY(!editor.signAction()->isEnabled());
        editor.textEdit()->setFocus();
        QTest::keyClicks(editor.textEdit(), QStringLiteral("tamper"));
        QCOMPARE(editor.text(), QStringLiteral("FINDINGS: Normal chest."));
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->state, workflow::ReportState::Signed);
        QVERIFY(store.unsignedDrafts().isEmpty());

        QVERIFY(editor.reopenReport(QStringLiteral("Dr. Anna Rossi")));
        QVERIFY(!editor.textEdit()->isReadOnly());
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" Addendum."));
        QCOMPARE(editor.text(), QStringLiteral("FINDINGS: Normal chest. Addendum."));
        QStringList changes;
        for (int i = editor.historyView()->topLevelItemCount() - 1; i >= 0; --i)
            changes << editor.historyView()->topLevelItem(i)->text(1);
        QCOMPARE(changes, (QStringList{QStringLiteral("Generated"), QStringLiteral("Signed"), QStringLiteral("Reopened"), QStringLiteral("Edited")}));
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->history.size(), 4);
    }

    // A study just opened: while the model drafts, the editor shows neither the previous study's
    // report nor an editable empty one, and saves nothing; the draft ends that state.
    void draftingStateUntilTheDraftArrives()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.setDraft(generated(QStringLiteral("FINDINGS: Previous patient's report."), QStringLiteral("9.9.9")));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" Edited."));

        editor.showDrafting(QStringLiteral("CR chest 2026-12-07"));
        QVERIFY(editor.isDrafting());
        // The previous report's last keystrokes were saved before it went.
        QCOMPARE(store.load(workflow::ReportDraftStore::keyFor(QStringLiteral("9.9.9")))->text,
                 QStringLiteral("FINDINGS: Previous patient's report. Edited."));
        QVERIFY(editor.text().isEmpty());
        QVERIFY(editor.textEdit()->isReadOnly());
        QVERIFY(!editor.signAction()->isEnabled());
        QVERIFY2(editor.stateBanner()->text().contains(QLatin1String("DRAFTING the report of CR chest 2026-12-07")),
                 qPrintable(editor.stateBanner()->text()));
        QTest::keyClicks(editor.textEdit(), QStringLiteral("typed"));
        QVERIFY(editor.text().isEmpty());
        editor.flushSaves();
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // only the previous report

        editor.setDraftingProblem(QStringLiteral("drafting failed (see Jobs): out of memory"));
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("NO DRAFT for CR chest 2026-12-07: drafting failed")));
        QVERIFY(editor.textEdit()->isReadOnly());

        editor.setAndSaveDraft(generated(QStringLiteral("FINDINGS: Normal chest.")));
        QVERIFY(!editor.isDrafting());
        QVERIFY(!editor.textEdit()->isReadOnly());
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("GENERATED DRAFT")));
        QVERIFY(editor.signAction()->isEnabled());
        editor.setDraftingProblem(QStringLiteral("late failure of an older job")); // no drafting: ignored
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("GENERATED DRAFT")));
    }

    void noReportStateSavesNothing()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        // A new editor: no study open, nothing to edit or sign.
        QVERIFY(editor.showsNoReport());
        QVERIFY(!editor.isDrafting());
        QVERIFY2(editor.stateBanner()->text().contains(QLatin1String("No study open")), qPrintable(editor.stateBanner()->text()));
        QVERIFY(editor.textEdit()->isReadOnly());
        QVERIFY(!editor.signAction()->isEnabled());
        QTest::keyClicks(editor.textEdit(), QStringLiteral("typed"));
        QVERIFY(editor.text().isEmpty());

        // A report of one study, edited; then another study opens that has none.
        editor.setDraft(generated(QStringLiteral("FINDINGS: Previous patient's report."), QStringLiteral("9.9.8")));
        QVERIFY(!editor.showsNoReport());
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" Edited."));
        editor.showNoReport(QStringLiteral("CR chest 2026-12-07"));
        QVERIFY(editor.showsNoReport());
        QCOMPARE(store.load(workflow::ReportDraftStore::keyFor(QStringLiteral("9.9.8")))->text,
                 QStringLiteral("FINDINGS: Previous patient's report. Edited.")); // saved before it went
        QVERIFY(editor.text().isEmpty());
        QVERIFY(editor.textEdit()->isReadOnly());
        QVERIFY2(editor.stateBanner()->text().contains(QLatin1String("NO REPORT for CR chest 2026-12-07")), qPrintable(editor.stateBanner()->text()));
        QTest::keyClicks(editor.textEdit(), QStringLiteral("typed"));
        editor.setDraftingProblem(QStringLiteral("a late job failure")); // not drafting: ignored
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("NO REPORT")));
        editor.flushSaves();
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // only the previous report

        editor.setDraft(generated(QStringLiteral("FINDINGS: Normal chest.")));
        QVERIFY(!editor.showsNoReport());
        QVERIFY(!editor.textEdit()->isReadOnly());
    }

    void modelDraftsMenuSwapsTheText()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.setDraft(generated(QStringLiteral("FINDINGS: Normal chest.")));
        editor.resize(1400, 600); // the whole toolbar, none of it in the overflow menu
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY(!editor.draftsButton()->isVisible()); // unguided draft: no other drafts

        auto draft = generated(QStringLiteral("FINDINGS: The heart is enlarged. No pleural effusion."), QStringLiteral("1.2.3.5"));
        draft.modelDrafts = {draft.text, QStringLiteral("FINDINGS: Small right pleural effusion. Heart size is normal."),
                             QStringLiteral("FINDINGS: The lungs are clear. Heart size is normal.")};
        editor.setDraft(draft);
        QTRY_VERIFY(editor.draftsButton()->isVisible());
        QCOMPARE(editor.draftsButton()->text(), QStringLiteral("Drafts (3)"));
        Q_EMIT editor.draftsMenu()->aboutToShow();
        const auto actions = editor.draftsMenu()->actions();
        QCOMPARE(actions.size(), 3);
        QVERIFY2(actions[0]->text().contains(QLatin1String("cardiomegaly")), qPrintable(actions[0]->text()));
        QVERIFY(actions[0]->isChecked());
        QVERIFY2(actions[1]->text().contains(QLatin1String("pleural effusion")), qPrintable(actions[1]->text()));
        QVERIFY2(actions[2]->text().contains(QLatin1String("no acute findings")), qPrintable(actions[2]->text()));

        actions[1]->trigger(); // unedited: no question asked
        QCOMPARE(editor.text(), draft.modelDrafts.at(1));
        QCOMPARE(editor.draft().state, workflow::ReportState::GeneratedDraft);
        QVERIFY(editor.stateBanner()->text().contains(QLatin1String("GENERATED DRAFT")));
        QCOMPARE(findingsRow(editor.findingsList(), QStringLiteral("Pleural effusion")), QStringLiteral("present"));
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->text, draft.modelDrafts.at(1));
        QCOMPARE(editor.historyView()->topLevelItem(0)->text(1), QStringLiteral("Other model draft"));

        editor.undoAction()->trigger(); // Undo brings the previous text back, as an edit
        QCOMPARE(editor.text(), draft.modelDrafts.at(0));
        QCOMPARE(editor.draft().state, workflow::ReportState::Edited);

        QVERIFY(editor.signReport(QStringLiteral("Dr. C")));
        QVERIFY(!editor.draftsButton()->isEnabled());
        QVERIFY(!editor.useModelDraft(2, false));
        QCOMPARE(editor.text(), draft.modelDrafts.at(0));
    }

    void autosaveFileAppearsAfterAnEdit()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        ui::ReportEditor editor(&store);
        editor.setDraft(generated(QStringLiteral("FINDINGS: ")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0); // showing is not an edit
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral("N"));
        QTRY_COMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // written by the writer thread, unasked
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->text, QStringLiteral("FINDINGS: N"));
    }

    // A full disk (a real tmpfs the test mounts and fills): the edit is not saved, the editor says
    // so in red, the last good draft stays on disk and is what recovery offers; once there is room
    // again the next keystroke saves everything typed.
    void fullDiskAutosaveWarnsAndKeepsTheLastDraft()
    {
        testing::SmallFileSystem disk(1 << 20);
        if (!disk.available())
            QSKIP(qPrintable(disk.why()));
        workflow::ReportDraftStore store(disk.path());
        ui::ReportEditor editor(&store);
        QSignalSpy failed(&editor, &ui::ReportEditor::saveFailed);
        editor.setDraft(generated(QStringLiteral("FINDINGS: ")));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.textEdit(), QStringLiteral("N"));
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->text, QStringLiteral("FINDINGS: N"));
        QVERIFY(editor.lastSaveError().isEmpty());

        QVERIFY(disk.leaveFree(0));
        QTest::keyClicks(editor.textEdit(), QStringLiteral("o pleural effusion."));
        QTRY_VERIFY(failed.count() > 0); // reported by the writer thread, without a flush
        editor.flushSaves();
        QVERIFY2(editor.lastSaveError().contains(QLatin1String("disk is full")), qPrintable(editor.lastSaveError()));
        QVERIFY2(editor.stateBanner()->text().startsWith(QLatin1String("NOT SAVED")), qPrintable(editor.stateBanner()->text()));
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->text, QStringLiteral("FINDINGS: N")); // the last good draft, intact
        const auto recoverable = store.unsignedDrafts();
        QCOMPARE(int(recoverable.size()), 1);
        QCOMPARE(recoverable.front().text, QStringLiteral("FINDINGS: N"));
        QCOMPARE(editor.text(), QStringLiteral("FINDINGS: No pleural effusion.")); // nothing typed is lost on screen

        disk.release();
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" "));
        QTRY_VERIFY(editor.lastSaveError().isEmpty());
        QTRY_VERIFY(editor.stateBanner()->text().startsWith(QLatin1String("EDITED DRAFT")));
        editor.flushSaves();
        QCOMPARE(store.load(editor.draft().key)->text, QStringLiteral("FINDINGS: No pleural effusion. "));
    }

    void recoveryDialogListsUnsignedDrafts()
    {
        QTemporaryDir dir;
        workflow::ReportDraftStore store(dir.path());
        workflow::ReportDraft unsignedDraft = generated(QStringLiteral("FINDINGS: unsigned one"), QStringLiteral("1.1"));
        workflow::ReportDraft signedDraft = generated(QStringLiteral("FINDINGS: signed one"), QStringLiteral("1.2"));
        QVERIFY(workflow::ReportDraftStore::sign(signedDraft, QStringLiteral("Dr. X")).ok());
        QVERIFY(store.save(unsignedDraft).ok());
        QVERIFY(store.save(signedDraft).ok());
        ui::RecoveryDialog dialog(store.unsignedDrafts());
        QCOMPARE(dialog.list()->count(), 1);
        QVERIFY(dialog.list()->item(0)->text().contains(QLatin1String("unsigned one")));
        dialog.accept();
        QVERIFY(dialog.selectedDraft().has_value());
        QCOMPARE(dialog.selectedDraft()->text, QStringLiteral("FINDINGS: unsigned one"));
    }

    void killedMidEditIsRecovered()
    {
        QTemporaryDir dir;
        const QString typed = QStringLiteral("Small left pleural effusion. No pneumothorax. Heart size normal.");
        QProcess editor;
        editor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        editor.start(QStringLiteral(REPORTEDITOR_HELPER),
                     {QStringLiteral("--store"), dir.path(), QStringLiteral("--type"), typed, QStringLiteral("--delay"), QStringLiteral("40")});
        QVERIFY(editor.waitForStarted(10000));
        // Wait until part of the text is on disk, then kill the process while it is still typing.
        QString seen;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QStringList files = QDir(dir.path()).entryList({QStringLiteral("*.json")}, QDir::Files);
                if (files.isEmpty())
                    return false;
                QFile file(QDir(dir.path()).filePath(files.first()));
                if (!file.open(QIODevice::ReadOnly))
                    return false;
                seen = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("text")).toString();
                return seen.size() >= QStringLiteral("FINDINGS: ").size() + 15;
            }(),
            30000);
        editor.kill(); // SIGKILL
        QVERIFY(editor.waitForFinished(10000));
        QCOMPARE(editor.exitStatus(), QProcess::CrashExit);
        QVERIFY2(!editor.readAllStandardOutput().contains("typed"), "the editor finished typing before it was killed");

        QProcess restarted;
        restarted.start(QStringLiteral(REPORTEDITOR_HELPER), {QStringLiteral("--store"), dir.path(), QStringLiteral("--recover")});
        QVERIFY(restarted.waitForFinished(30000));
        QCOMPARE(restarted.exitCode(), 0);
        const QJsonObject result = QJsonDocument::fromJson(restarted.readAllStandardOutput().trimmed()).object();
        const QJsonArray offered = result.value(QStringLiteral("offered")).toArray();
        QCOMPARE(offered.size(), 1);
        const QString recovered = result.value(QStringLiteral("recovered")).toString();
        QCOMPARE(offered.first().toString(), recovered);
        // Everything typed before the kill that reached the disk is back, and nothing else.
        QVERIFY2(recovered.startsWith(seen), qPrintable(recovered + QStringLiteral(" / ") + seen));
        QVERIFY((QStringLiteral("FINDINGS: ") + typed).startsWith(recovered));
        QVERIFY(recovered.size() < QStringLiteral("FINDINGS: ").size() + typed.size());
    }
};

QTEST_MAIN(TestReportEditor)
#include "tst_reporteditor.moc"
