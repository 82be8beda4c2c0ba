#pragma once
// Crash-safe store for report drafts: every change is written at once with an atomic replace
// (files::writeAtomically: a temporary file checked to the end, fsync, rename), so a crash, a killed
// process or a full disk never leaves a half-written draft, never replaces the last good one, and
// never loses more than the keystroke in flight; a failed save is an Error the editor shows.
// Drafts that were not signed are offered for recovery on the next start.
#include "radsynth/common/Result.h"
#include "radsynth/report/ReportDraft.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace radsynth::workflow {

// The report types live in core/report (ReportDraft.h); the store's users know them by these names.
using report::ReportDraft;
using report::ReportHistoryEntry;
using report::ReportProvenance;
using report::ReportState;
using report::toDisplayString;

class ReportDraftStore {
public:
    // `directory` empty: <data folder>/drafts.
    explicit ReportDraftStore(QString directory = {});
    QString directory() const { return m_directory; }

    static QString keyFor(const QString &studyInstanceUid);

    // Writes the draft atomically. Fails with a clear message (disk full, read-only folder) and
    // leaves the previous version intact.
    Status save(const ReportDraft &draft);
    Result<ReportDraft> load(const QString &key) const;
    bool exists(const QString &key) const;
    Status remove(const QString &key);
    // Drafts not signed yet, newest first: what the workstation offers to recover at start.
    QList<ReportDraft> unsignedDrafts() const;

    // State transitions that keep the history.
    static void applyEdit(ReportDraft &draft, const QString &newText);
    // Replaces the text with modelDrafts[index]: the report is a generated draft again (not
    // reviewed), the history keeps what it replaced. Fails on a signed report or a bad index.
    static Status useModelDraft(ReportDraft &draft, int index);
    static Status sign(ReportDraft &draft, const QString &reviewer);
    static Status reopen(ReportDraft &draft, const QString &reviewer);

private:
    QString pathFor(const QString &key) const;
    QString m_directory;
};

} // namespace radsynth::workflow
