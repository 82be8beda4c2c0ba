#pragma once
// Crash-safe store for report drafts: every change is written at once with an atomic replace
// (QSaveFile: write to a temporary file, fsync, rename), so a crash or a killed process never
// leaves a half-written draft and never loses more than the keystroke in flight.
// Drafts that were not signed are offered for recovery on the next start.
#include "radsynth/common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace radsynth::workflow {

enum class ReportState { GeneratedDraft, Edited, Signed };
QString toDisplayString(ReportState state);

struct ReportProvenance {
    QString model;     // bundle name
    QString version;   // bundle version
    QString task;      // F2R, FL2R...
    qint64 seed = 0;
    QDateTime generatedAt;
    QString inputCheck; // out-of-distribution warning on the input, or why the check did not run; empty: passed
    bool inputFlagged = false; // the input was out of distribution (inputCheck is the warning)
};

struct ReportHistoryEntry {
    QDateTime at;
    ReportState state = ReportState::GeneratedDraft;
    QString text;
    QString actor; // reviewer name for sign/reopen, empty for edits
    QString action; // "generated", "edited", "signed", "reopened", "alternative" (another model draft chosen)
};

struct ReportDraft {
    QString key;                 // stable id: pseudonym of the study instance UID (no PHI in file names)
    QString studyLabel;          // what the user sees in the recovery list (no patient name)
    QString text;                // the report as the user sees it
    ReportState state = ReportState::GeneratedDraft;
    ReportProvenance provenance;
    QString reviewer;            // set when signed
    QDateTime signedAt;
    QDateTime modifiedAt;
    QList<ReportHistoryEntry> history;
    // The model's drafts for this study when drafting was finding-guided (its pick first, then the
    // others by agreement with the image findings); empty otherwise. The reviewer may start from
    // any of them (useModelDraft).
    QStringList modelDrafts;
};

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
