#pragma once
// Educator mode: a description (report text, or a findings spec) becomes a complete synthetic
// teaching case: frontal + lateral images generated from the report, the report itself, in a NEW
// study of a synthetic patient ("SYNTHETIC^TEACHING CASE <id>", random patient ID, new UIDs).
// Nothing from any real study is read or carried over.
//
// A case library is a folder with one subfolder per case:
//   <library>/<id>/frontal.dcm   DICOM Secondary Capture (synthetic marks burned in)
//                  lateral.dcm
//                  report.dcm    DICOM Basic Text SR referencing both images
//                  report.txt    the report text
//                  frontal.png, lateral.png (marked, 8-bit; only with setWritePngs(true): the
//                                workstation's folder scan reports non-DICOM images as problems)
//                  case.json     request, findings, report, model identity, task, seed, study, files;
//                                written last, "complete": true
// Every case is built in a hidden temporary folder (<library>/.partial-<id>-...) and renamed into
// place, so an interrupted run never leaves a half-written case under its final name; a batch run
// again skips the cases whose case.json is complete.
#include "radsynth/common/Result.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/report/SentenceBank.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace radsynth::teaching {

struct CaseRequest {
    QString id;       // folder name: letters, digits, '.', '_', '-' (1..48 characters)
    QString report;   // report text; or
    QString findings; // findings spec, e.g. "cardiomegaly;pleural_effusion:left:moderate"
    quint64 seed = 0;
    int steps = 20;
    double guidance = generation::kModelGuidance; // negative: the model's recommendation for the task

    QJsonObject toJson() const;
};

// One JSONL line: {"id":..., "report":... or "findings":..., "seed":..., "steps":..., "guidance":...}.
// Missing seed/steps/guidance take `defaults`' values.
Result<CaseRequest> parseCaseRequest(const QJsonObject &object, const CaseRequest &defaults = {});
Status validate(const CaseRequest &request);
// Reads a JSONL batch file (blank lines and lines starting with '#' ignored). Errors name the line;
// duplicate ids are an error.
Result<std::vector<CaseRequest>> readBatchFile(const QString &path, const CaseRequest &defaults = {});

// True when <caseDirectory>/case.json parses, says "complete": true and every file it lists exists.
bool isCaseComplete(const QString &caseDirectory);

// The DICOM patient name of a teaching case: "SYNTHETIC^TEACHING CASE <ID>".
QString patientNameFor(const QString &caseId);


struct CaseResult {
    QString directory;    // the final case folder
    QString reportText;
    QString patientName;
    QString studyInstanceUid;
    double seconds = 0;
};

// Progress of one case: phase ("report", "frontal", "lateral", "writing"), step, total.
using CaseProgress = std::function<void(const QString &phase, int step, int total)>;

class CaseBuilder {
public:
    // The generator must support R2FL, or R2F and R2L. `bank` (may be null) composes reports from
    // findings with real radiologists' sentences; without it a simple built-in wording is used.
    CaseBuilder(generation::Generator &generator, std::shared_ptr<const report::SentenceBank> bank = {});

    void setWritePngs(bool write) { m_writePngs = write; }
    // When the cases are made (UTC, to the second): their DICOM study date and time and case.json's
    // "created". Every UID and the synthetic patient ID are derived from the case's seed, its id and
    // this time, so the same case made with the same time is byte-identical on any machine or
    // cluster shard (docs/SCALING.md). Invalid (the default): the time each case is built.
    void setCreated(const QDateTime &created) { m_created = created; }

    // Why this generator cannot make teaching cases ("" when it can).
    QString whyUnsupported() const;
    // The report a request describes: its text, or one composed from its findings.
    Result<QString> reportFor(const CaseRequest &request) const;
    // Builds one case into <library>/<id> (replacing an incomplete folder of that name).
    Result<CaseResult> build(const CaseRequest &request, const QString &libraryDirectory, const CaseProgress &progress = {},
                             const std::atomic_bool *cancel = nullptr) const;

private:
    generation::Generator &m_generator;
    std::shared_ptr<const report::SentenceBank> m_bank;
    bool m_writePngs = false;
    QDateTime m_created;
};

struct BatchSummary {
    int built = 0;
    int skipped = 0; // already complete
    int failed = 0;
    std::vector<QString> errors; // "id: message"
    std::vector<QString> failedIds; // the failed cases, in the order of `errors`
};

// Per-case notification: index (0-based), total, id, "skipped" / "built" / "failed" / "interrupted", and step
// progress while a case is being built (phase, step, total).
struct BatchCallbacks {
    std::function<void(int index, int total, const QString &id, const QString &outcome)> caseDone;
    std::function<void(int index, int total, const QString &id, const QString &phase, int step, int steps)> caseProgress;
};

// Builds every request not already complete in `libraryDirectory`; removes stale .partial-* folders
// left by an interrupted run first. Continues after a failed case (reported in the summary).
BatchSummary runBatch(const CaseBuilder &builder, const std::vector<CaseRequest> &requests, const QString &libraryDirectory,
                      const BatchCallbacks &callbacks = {}, const std::atomic_bool *cancel = nullptr);

// Gathers the shards of a batch split for a cluster (radsynth-cli generate --batch --shard I/N into
// LIBRARY/shards/<I>, shards.h) into LIBRARY as a single run writes it: every complete case folder
// moved into place, the shards' failures.jsonl concatenated into LIBRARY/failures.jsonl. Fails,
// naming them, when shards are unfinished. Returns the number of cases moved.
Result<int> mergeShards(const QString &libraryDirectory, int shardCount);

} // namespace radsynth::teaching
