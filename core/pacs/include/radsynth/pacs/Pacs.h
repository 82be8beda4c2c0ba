#pragma once
// DICOM networking with a PACS: verification, query (C-FIND), retrieval (C-GET, C-MOVE to our own
// storage SCP) and sending (C-STORE). Plain data and std types only: no DCMTK in this header, so
// ui/ can call it (from a worker thread: every call here blocks until done, fails or times out).
#include "radsynth/common/Result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace radsynth::pacs {

enum class RetrieveMethod { Get, Move };
const char *toString(RetrieveMethod method);          // "C-GET", "C-MOVE"
bool parseRetrieveMethod(const std::string &text, RetrieveMethod &method); // "get"/"move"/"C-GET"...

// A remote DICOM node (PACS).
struct Node {
    std::string name;     // user's label, unique in the settings
    std::string aeTitle;  // called AE title
    std::string host;
    int port = 104;
    RetrieveMethod retrieveMethod = RetrieveMethod::Get;
};

// How we talk to a node: our identity, the storage SCP for C-MOVE, and the timeouts.
struct NetworkOptions {
    std::string ourAeTitle = "RADSYNTH";
    int storagePort = 11112;      // our storage SCP (C-MOVE destination), must be declared on the PACS
    // The interface our storage SCP listens on (an IP address of this machine). Empty: the address
    // this machine uses to reach the PACS (127.0.0.1 for a PACS on this machine). Never all interfaces.
    std::string storageBindAddress;
    // The AE title the PACS uses when it sends us the C-MOVE sub-operations (its C-STORE calling
    // AE title). Empty: the PACS node's own AE title. Associations from any other AE are refused.
    std::string moveSourceAeTitle;
    int connectTimeoutSeconds = 10; // TCP connect
    int acseTimeoutSeconds = 10;    // association negotiation and release
    int dimseTimeoutSeconds = 30;   // waiting for each DIMSE message (response, sub-operation)
    // The whole operation (connection, association, every message, the whole transfer) ends within
    // this many seconds even when a peer trickles data just fast enough to pass each timeout above:
    // the connection is shut down and the operation fails saying so (files already received stay).
    // 0: no overall limit.
    int deadlineSeconds = 1800;
    const std::atomic_bool *cancel = nullptr; // may be null; checked between messages
    // Sets all three timeouts.
    void setTimeout(int seconds) { connectTimeoutSeconds = acseTimeoutSeconds = dimseTimeoutSeconds = seconds; }
};

// Study-level query keys. Empty fields do not constrain. DICOM wildcards (* and ?) work in the
// patient name, description and accession number; dates are YYYYMMDD.
struct StudyQuery {
    std::string patientName;
    std::string patientId;
    std::string dateFrom; // inclusive
    std::string dateTo;   // inclusive
    std::string modality; // matched against Modalities in Study
    std::string accessionNumber;
    std::string description;
    std::string studyInstanceUid;
};

struct StudyResult {
    std::string studyInstanceUid;
    std::string patientName; // PHI: never logged
    std::string patientId;   // PHI: never logged
    std::string birthDate;   // PHI: never logged
    std::string sex;
    std::string studyDate;
    std::string studyTime;
    std::string accessionNumber;
    std::string description;
    std::string modalities;  // "CR\\DX" as returned
    int seriesCount = -1;    // -1 when the server did not say
    int instanceCount = -1;
};

struct SeriesResult {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string modality;
    int seriesNumber = 0;
    std::string description;
    std::string bodyPart;
    int instanceCount = -1;
};

// What to retrieve: a whole study, or one series of it.
struct RetrieveRequest {
    std::string studyInstanceUid;
    std::string seriesInstanceUid; // empty: the whole study
};

struct Progress {
    int completed = 0;
    int failed = 0;
    int remaining = -1; // -1 when unknown
    std::string message; // one line, no PHI
};
using ProgressCallback = std::function<void(const Progress &)>;

struct RetrieveSummary {
    int completed = 0;     // sub-operations the server reports as completed
    int failed = 0;
    int warnings = 0;
    std::vector<std::string> files; // files written into the local store (absolute paths)
    int indexed = 0;       // instances added to or updated in the local database
};

struct StoreSummary {
    int sent = 0;
    int failed = 0;
    std::vector<std::string> failures; // "path: reason", one per failed file
};

// Everything that can go wrong comes back as one line naming the peer and the reason.
Status echo(const Node &node, const NetworkOptions &options);
Result<std::vector<StudyResult>> findStudies(const Node &node, const StudyQuery &query, const NetworkOptions &options);
Result<std::vector<SeriesResult>> findSeries(const Node &node, const std::string &studyInstanceUid,
                                             const NetworkOptions &options);

// Retrieves into the local store (LocalStore.h: folder <root>/<study>/<series>/<sop>.dcm) and
// indexes what arrived in the study database at `databasePath`. C-MOVE starts our storage SCP on
// options.storagePort for the duration of the call.
struct LocalStoreLocation {
    std::string storeDirectory; // empty: defaultStoreDirectory()
    std::string databasePath;   // empty: defaultDatabasePath()
};
Result<RetrieveSummary> retrieve(const Node &node, const RetrieveRequest &request, RetrieveMethod method,
                                 const NetworkOptions &options, const LocalStoreLocation &location = {},
                                 const ProgressCallback &progress = {});

// Sends files (any SOP class) with C-STORE. Each file is proposed in its own transfer syntax plus
// the uncompressed ones; one association carries them all (split when more contexts are needed).
// Fails as a whole only when no association could be made; per-file failures are in the summary.
Result<StoreSummary> store(const Node &node, const std::vector<std::string> &files, const NetworkOptions &options,
                           const ProgressCallback &progress = {});

std::string defaultStoreDirectory(); // <data>/pacs/store
std::string defaultDatabasePath();   // <data>/pacs/studies.sqlite

} // namespace radsynth::pacs
