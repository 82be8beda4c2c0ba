#pragma once
// A report as RadSynth keeps it: its text, its review state and history, and the provenance of the
// model that drafted it. Plain data (Qt Core): the draft store (core/workflow), the exports
// (core/export) and the report editor (ui/) share it.
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace radsynth::report {

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
    // Sentences of those drafts that no report the model was trained on holds: it composed them
    // word by word (SentenceSet.h). The editor marks them where they still stand unchanged, for the
    // reviewer to read them with care; a sentence the reviewer edits or types is never marked.
    QStringList composedSentences;
};

} // namespace radsynth::report
