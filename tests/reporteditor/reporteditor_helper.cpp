// The report editor in a process of its own, for the crash-recovery test and the screenshot.
//   --store DIR --type TEXT [--delay MS]  open a generated draft, type TEXT key by key (autosaving),
//                                         print "typed", then wait (the test kills the process)
//   --store DIR --recover                 offer the unsigned drafts (RecoveryDialog), recover the first
//                                         into an editor and print {"offered": [...], "recovered": "..."}
//   --screenshot PNG                      render the editor with a realistic report
#include "radsynth/ui/report/RecoveryDialog.h"
#include "radsynth/ui/report/ReportEditor.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace radsynth;

namespace {

workflow::ReportDraft generatedDraft(const QString &text)
{
    workflow::ReportDraft draft;
    draft.key = workflow::ReportDraftStore::keyFor(QStringLiteral("1.2.826.0.1.3680043.8.498.4242"));
    draft.studyLabel = QStringLiteral("CR chest PA + LAT, 2026-11-28");
    draft.text = text;
    draft.provenance = workflow::ReportProvenance{QStringLiteral("radsynth-default"), QStringLiteral("0.1.0"), QStringLiteral("F2R"), 1234,
                                                  QDateTime::currentDateTimeUtc()};
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    draft.history.push_back(workflow::ReportHistoryEntry{draft.modifiedAt, workflow::ReportState::GeneratedDraft, text, {},
                                                         QStringLiteral("generated")});
    return draft;
}

int screenshot(const QString &path)
{
    QTemporaryDir dir;
    workflow::ReportDraftStore store(dir.path());
    ui::ReportEditor editor(&store);
    editor.setWindowTitle(QStringLiteral("RadSynth - Report"));
    workflow::ReportDraft draft = generatedDraft(
        QStringLiteral("INDICATION: 67-year-old with cough and fever for three days.\n\n"
                       "COMPARISON: None.\n\n"
                       "FINDINGS: Frontal and lateral views of the chest. The heart size is normal. "
                       "The mediastinal contours are within normal limits. There is a small left pleural effusion "
                       "with adjacent opacity, possibly atelectasis, although pneumonia cannot be excluded. "
                       "No pneumothorax. No pulmonary edema. The right lung is clear. No acute fracture.\n\n"
                       "IMPRESSION: Small left pleural effusion with left basilar opacity, atelectasis versus pneumonia. "
                       "Recommend clinical correlation and follow-up radiograph."));
    editor.setDraft(draft);
    editor.resize(1180, 430);
    editor.show();
    (void)QTest::qWaitForWindowExposed(&editor);
    // One real edit so the screenshot shows the edited state and its history.
    QTextCursor cursor = editor.textEdit()->textCursor();
    cursor.movePosition(QTextCursor::End);
    editor.textEdit()->setTextCursor(cursor);
    QTest::keyClicks(editor.textEdit(), QStringLiteral(" Discussed with Dr. Bianchi."));
    editor.relabelNow();
    editor.textEdit()->moveCursor(QTextCursor::Start);
    QTest::qWait(200);
    if (!editor.grab().save(path))
        return 1;
    std::printf("%s\n", qPrintable(path));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("store"), QStringLiteral("draft store folder"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("type"), QStringLiteral("text to type"), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("delay"), QStringLiteral("ms between keys"), QStringLiteral("MS"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("recover"), QStringLiteral("offer recovery")});
    parser.addOption({QStringLiteral("screenshot"), QStringLiteral("render the editor"), QStringLiteral("PNG")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("screenshot")))
        return screenshot(parser.value(QStringLiteral("screenshot")));
    if (!parser.isSet(QStringLiteral("store")))
        return 2;
    workflow::ReportDraftStore store(parser.value(QStringLiteral("store")));

    if (parser.isSet(QStringLiteral("recover"))) {
        ui::RecoveryDialog dialog(store.unsignedDrafts());
        QJsonArray offered;
        for (int row = 0; row < dialog.list()->count(); ++row)
            offered.append(dialog.drafts().at(row).text);
        QJsonObject result{{QStringLiteral("offered"), offered}};
        if (dialog.list()->count() > 0) {
            dialog.show();
            (void)QTest::qWaitForWindowExposed(&dialog);
            dialog.list()->setCurrentRow(0);
            dialog.accept();
            if (const auto draft = dialog.selectedDraft()) {
                ui::ReportEditor editor(&store);
                editor.setDraft(*draft);
                result.insert(QStringLiteral("recovered"), editor.text());
            }
        }
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return 0;
    }

    ui::ReportEditor editor(&store);
    editor.setDraft(generatedDraft(QStringLiteral("FINDINGS: ")));
    editor.resize(900, 500);
    editor.show();
    const QString text = parser.value(QStringLiteral("type"));
    const int delay = parser.value(QStringLiteral("delay")).toInt();
    QTimer::singleShot(0, &editor, [&] {
        (void)QTest::qWaitForWindowExposed(&editor);
        editor.textEdit()->setFocus();
        editor.textEdit()->moveCursor(QTextCursor::End);
        std::printf("started\n");
        std::fflush(stdout);
        QTest::keyClicks(editor.textEdit(), text, Qt::NoModifier, delay);
        std::printf("typed\n");
        std::fflush(stdout);
    });
    return app.exec();
}
