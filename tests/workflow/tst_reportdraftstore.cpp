// Report drafts: atomic saves, round trip, state machine, recovery list, clear failures.
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace radsynth::workflow;

class TestReportDraftStore : public QObject {
    Q_OBJECT
private:
    static ReportDraft generated(const QString &uid, const QString &text)
    {
        ReportDraft draft;
        draft.key = ReportDraftStore::keyFor(uid);
        draft.studyLabel = QStringLiteral("CR chest, 2026-11-28");
        draft.text = text;
        draft.provenance = ReportProvenance{QStringLiteral("radsynth-default"), QStringLiteral("1.0"), QStringLiteral("F2R"), 42,
                                            QDateTime::currentDateTimeUtc()};
        draft.modifiedAt = QDateTime::currentDateTimeUtc();
        draft.history.push_back(ReportHistoryEntry{draft.modifiedAt, ReportState::GeneratedDraft, text, {}, QStringLiteral("generated")});
        return draft;
    }

private Q_SLOTS:
    void keyHasNoIdentifier()
    {
        const QString uid = QStringLiteral("1.2.826.0.1.3680043.8.498.12345");
        const QString key = ReportDraftStore::keyFor(uid);
        QCOMPARE(key.size(), 24);
        QVERIFY(!key.contains(QStringLiteral("3680043")));
        QCOMPARE(key, ReportDraftStore::keyFor(uid));
    }

    void roundTripKeepsEverything()
    {
        QTemporaryDir dir;
        ReportDraftStore store(dir.path());
        ReportDraft draft = generated(QStringLiteral("1.2.3"), QStringLiteral("FINDINGS: Heart size is normal. Unicode: è ü ß."));
        ReportDraftStore::applyEdit(draft, draft.text + QStringLiteral(" No effusion."));
        QVERIFY(store.save(draft).ok());
        const auto loaded = store.load(draft.key);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().toString().c_str());
        QCOMPARE(loaded->text, draft.text);
        QCOMPARE(loaded->state, ReportState::Edited);
        QCOMPARE(loaded->provenance.task, QStringLiteral("F2R"));
        QCOMPARE(loaded->provenance.seed, 42);
        QCOMPARE(loaded->history.size(), 2);
        QCOMPARE(loaded->history.at(1).action, QStringLiteral("edited"));
        // No temporary files left behind by the atomic write.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void signedReportIsReadOnlyUntilReopened()
    {
        ReportDraft draft = generated(QStringLiteral("1.2.4"), QStringLiteral("Normal chest."));
        QVERIFY(!ReportDraftStore::sign(draft, QStringLiteral("  ")).ok());
        QVERIFY(ReportDraftStore::sign(draft, QStringLiteral("Dr. A. Rossi")).ok());
        QCOMPARE(draft.state, ReportState::Signed);
        QCOMPARE(draft.reviewer, QStringLiteral("Dr. A. Rossi"));
        ReportDraftStore::applyEdit(draft, QStringLiteral("changed after signing"));
        QCOMPARE(draft.text, QStringLiteral("Normal chest."));
        QVERIFY(!ReportDraftStore::sign(draft, QStringLiteral("Dr. A. Rossi")).ok());
        QVERIFY(ReportDraftStore::reopen(draft, QStringLiteral("Dr. A. Rossi")).ok());
        ReportDraftStore::applyEdit(draft, QStringLiteral("Normal chest. Addendum."));
        QCOMPARE(draft.text, QStringLiteral("Normal chest. Addendum."));
        QStringList actions;
        for (const auto &entry : draft.history)
            actions << entry.action;
        QCOMPARE(actions, (QStringList{QStringLiteral("generated"), QStringLiteral("signed"), QStringLiteral("reopened"), QStringLiteral("edited")}));
    }

    void consecutiveEditsCollapse()
    {
        ReportDraft draft = generated(QStringLiteral("1.2.5"), QStringLiteral("a"));
        ReportDraftStore::applyEdit(draft, QStringLiteral("ab"));
        ReportDraftStore::applyEdit(draft, QStringLiteral("abc"));
        QCOMPARE(draft.history.size(), 2);
        QCOMPARE(draft.history.back().text, QStringLiteral("abc"));
    }

    void modelDraftsRoundTripAndSwap()
    {
        QTemporaryDir dir;
        ReportDraftStore store(dir.path());
        const QStringList drafts{QStringLiteral("FINDINGS: Cardiomegaly. IMPRESSION: Enlarged heart."), QStringLiteral("FINDINGS: Normal heart size."),
                                 QStringLiteral("FINDINGS: Small right pleural effusion.")};
        ReportDraft draft = generated(QStringLiteral("1.2.9"), drafts.at(0));
        draft.modelDrafts = drafts;
        QVERIFY(store.save(draft).ok());
        auto loaded = store.load(draft.key);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->modelDrafts, drafts);

        // An edited draft replaced by the model's third draft: a generated draft again, the edit kept in the history.
        ReportDraftStore::applyEdit(*loaded, drafts.at(0) + QStringLiteral(" Edited."));
        QCOMPARE(loaded->state, ReportState::Edited);
        QVERIFY(!ReportDraftStore::useModelDraft(*loaded, 3).ok());
        QVERIFY(!ReportDraftStore::useModelDraft(*loaded, -1).ok());
        QVERIFY(ReportDraftStore::useModelDraft(*loaded, 2).ok());
        QCOMPARE(loaded->text, drafts.at(2));
        QCOMPARE(loaded->state, ReportState::GeneratedDraft);
        QCOMPARE(loaded->history.size(), 3);
        QCOMPARE(loaded->history.at(1).text, drafts.at(0) + QStringLiteral(" Edited."));
        QCOMPARE(loaded->history.back().action, QStringLiteral("alternative"));

        QVERIFY(ReportDraftStore::sign(*loaded, QStringLiteral("Dr. B")).ok());
        QVERIFY(!ReportDraftStore::useModelDraft(*loaded, 1).ok()); // signed: reopen first
        QCOMPARE(loaded->text, drafts.at(2));

        // A draft without model drafts stays without them (old files read as before).
        ReportDraft plain = generated(QStringLiteral("1.2.10"), QStringLiteral("Normal chest."));
        QVERIFY(store.save(plain).ok());
        QVERIFY(store.load(plain.key)->modelDrafts.isEmpty());
    }

    void rankedDraftsPickFirstThenByScore()
    {
        radsynth::generation::Generation g;
        QVERIFY(GenerationService::rankedReportDrafts(g).isEmpty()); // unguided
        g.reportDrafts = {"greedy", "b", "chosen", "b", "c", " "};
        g.reportScores = {-3.0, -2.0, -1.0, -2.0, -2.5, -0.5};
        g.reportChoice = 2;
        g.report = "chosen";
        QCOMPARE(GenerationService::rankedReportDrafts(g),
                 (QStringList{QStringLiteral("chosen"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("greedy")}));
        g.reportScores.pop_back(); // inconsistent (damaged) result: nothing offered
        QVERIFY(GenerationService::rankedReportDrafts(g).isEmpty());
    }

    void recoveryListsUnsignedNewestFirst()
    {
        QTemporaryDir dir;
        ReportDraftStore store(dir.path());
        ReportDraft older = generated(QStringLiteral("1"), QStringLiteral("older"));
        older.modifiedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        ReportDraft newer = generated(QStringLiteral("2"), QStringLiteral("newer"));
        ReportDraft done = generated(QStringLiteral("3"), QStringLiteral("done"));
        QVERIFY(ReportDraftStore::sign(done, QStringLiteral("Dr. B")).ok());
        QVERIFY(store.save(older).ok());
        QVERIFY(store.save(newer).ok());
        QVERIFY(store.save(done).ok());
        // A damaged file is skipped, not fatal.
        QFile damaged(dir.path() + QStringLiteral("/garbage.json"));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{ not json");
        damaged.close();
        const auto drafts = store.unsignedDrafts();
        QCOMPARE(drafts.size(), 2);
        QCOMPARE(drafts.at(0).text, QStringLiteral("newer"));
        QCOMPARE(drafts.at(1).text, QStringLiteral("older"));
        QVERIFY(!store.load(QStringLiteral("garbage")).ok());
        QVERIFY(store.load(QStringLiteral("garbage")).error().message.find("damaged") != std::string::npos);
    }

    void unwritableLocationFailsClearlyAndKeepsPrevious()
    {
        QTemporaryDir dir;
        ReportDraftStore store(dir.path());
        ReportDraft draft = generated(QStringLiteral("9"), QStringLiteral("first version"));
        QVERIFY(store.save(draft).ok());
        // Replace the drafts folder by a file: every later save must fail with a message.
        QFile blocker(dir.path() + QStringLiteral("/draft-is-a-file.json"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ReportDraftStore broken(dir.path() + QStringLiteral("/draft-is-a-file.json/sub"));
        const auto status = broken.save(draft);
        QVERIFY(!status.ok());
        QVERIFY(!status.error().toString().empty());
        QCOMPARE(store.load(draft.key)->text, QStringLiteral("first version"));
    }
};

QTEST_GUILESS_MAIN(TestReportDraftStore)
#include "tst_reportdraftstore.moc"
