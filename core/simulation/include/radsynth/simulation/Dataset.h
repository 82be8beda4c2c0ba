#pragma once
// Dataset output: manifest.jsonl, 16-bit PNGs and DICOM studies of simulated cases; and the IU
// X-ray report route (a real report -> its MeSH findings -> a simulated case with that text).
#include "radsynth/common/Result.h"
#include "radsynth/simulation/Findings.h"
#include "radsynth/simulation/CtEngine.h"
#include "radsynth/simulation/Simulator.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace radsynth::simulation {

// One case to render: findings and, when it comes from a real report, that report's text.
struct CaseRequest {
    uint64_t seed = 0;
    Findings findings;
    std::string report;   // empty: written by the report writer
    std::string sourceId; // e.g. the IU report file name
};

using ReportWriter = std::function<std::string(const Findings &)>;

struct DatasetOptions {
    std::string outDir;
    int count = 10;
    uint64_t seed = 1;
    int size = 256;
    bool lateral = true;
    bool dicom = true;
    bool png = true;
    std::string studyDescription = "SIMULATED chest radiograph";
    std::string idPrefix = "SIM";       // study ids are <prefix><6-digit number>
    bool append = false;                // add to an existing dataset folder's manifest
    std::optional<Findings> findings;   // every case gets these; none: random findings per case
    ReportWriter reportWriter;          // empty: simpleReport()
    double validationFraction = 0.1, testFraction = 0.1;
    int threads = 2;
    // The CT engine's volumes; null: the geometric phantom. With the CT engine a case's split is
    // its CT patient's (CtLibrary::split), so no CT patient is in two splits.
    std::shared_ptr<const CtLibrary> ct;
    // One shard of a run split for a cluster (radsynth-cli simulate --shard I/N, --slurm): only the
    // cases [I*n/N, (I+1)*n/N) of the n requested, with the ids and seeds they have in the whole
    // run. With `resume`, cases already in the folder's manifest are skipped (a re-submitted shard
    // does only what is left); with `keepGoing`, a case that cannot be written is recorded in
    // failures.jsonl with its reason and the shard goes on.
    int shardIndex = 0, shardCount = 1;
    bool resume = false;
    bool keepGoing = false;
    std::function<void(size_t done, size_t total)> progress;
    const std::atomic_bool *cancel = nullptr;
};

// The cases `writeDataset` renders when no explicit requests are given.
std::vector<CaseRequest> plannedCases(const DatasetOptions &options);

// Renders the cases and writes OUT/manifest.jsonl, OUT/png/<id>_{frontal,lateral}.png and
// OUT/dicom/<id>/{frontal,lateral}.dcm. Returns the number of cases written.
Result<size_t> writeDataset(const DatasetOptions &options, const std::vector<CaseRequest> &requests);

// Gathers the shards OUT/shards/0..N-1 of a split run into OUT as a single run writes it: the
// manifest in case order, png/ and dicom/ moved, failures.jsonl concatenated. Fails, naming them,
// when shards are missing or unfinished. Returns the number of cases.
Result<size_t> mergeShards(const std::string &outDir, int shardCount);

// One manifest line (JSON object) for a rendered case.
std::string manifestLine(const std::string &studyId, const std::string &split, const std::string &frontalPath,
                         const std::string &lateralPath, const std::string &report, const SimulatedCase &c,
                         const std::string &sourceId);

// IU X-ray (Open-i) reports read from the .tgz of ecgen-radiology/N.xml files.
struct IuReport {
    std::string id;       // file name without extension
    std::string findings; // FINDINGS section
    std::string impression;
    std::vector<std::string> meshTerms; // <major> and <automatic>, e.g. "Pleural Effusion/right/small"
    std::string text() const;           // "FINDINGS: ...\nIMPRESSION: ..."
};
Result<std::vector<IuReport>> readIuReportArchive(const std::string &tgzPath, size_t limit = 0);
Result<IuReport> parseIuReportXml(const std::string &xml, const std::string &id);
// Maps MeSH index terms ("Cardiomegaly/borderline", "Pleural Effusion/right/small", "normal") to findings.
Findings findingsFromMesh(const std::vector<std::string> &terms);

} // namespace radsynth::simulation
