#pragma once
// DCMTK internals of core/pacs (never included by public headers).
#include "radsynth/common/Result.h"
#include "radsynth/pacs/Pacs.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/dcmlayer.h>
#include <dcmtk/dcmnet/scu.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

namespace radsynth::pacs::detail {

// Transfer syntaxes: uncompressed ones, and the compressed ones the loader decodes.
const std::vector<std::string> &uncompressedSyntaxes();
const std::vector<std::string> &compressedSyntaxes();
bool isUncompressed(const std::string &transferSyntaxUid);
// Storage SOP classes proposed for C-GET: images get one context per compressed syntax.
const std::vector<std::string> &retrieveImageClasses();
const std::vector<std::string> &retrieveOtherClasses();

std::string peerName(const Node &node); // "AE@host:port"
// One line for a failed network operation: what, with whom, why (from the DCMTK condition).
std::string describe(const OFCondition &condition, const Node &node, const NetworkOptions &options,
                     const std::string &operation);
std::string describeStatus(Uint16 status); // "0xA700 (out of resources)"

// Runs `work` on a thread with a stack of `bytes` and waits for it. DCMTK parses C-FIND responses
// in memory as they arrive, recursively, before any pre-scan can see them: on a 1 GiB stack
// (address space; pages are used only as deep as the data goes) a response nested about 100 times
// deeper than what overflows the default 8 MiB stack still parses.
constexpr size_t kParserStackBytes = size_t(1) << 30;
void runOnLargeStack(const std::function<void()> &work, size_t bytes = kParserStackBytes);

// Writes received objects into the local store: <root>/<study>/<series>/<sop>.dcm, keeping the
// transfer syntax they arrived in. Thread-safe (the storage SCP runs in its own thread).
class ReceivedObjectWriter {
public:
    explicit ReceivedObjectWriter(std::string root, std::string ourAeTitle);
    // Objects of another study (or series, when given) are refused: a retrieve stores only what
    // it asked for.
    void expectStudy(std::string studyInstanceUid, std::string seriesInstanceUid = {});
    // Takes ownership of `dataset`. Returns the written path. An instance already in the store
    // is never replaced: identical bytes are kept as they are, different ones are refused.
    Result<std::string> write(DcmDataset *dataset);
    // A Part-10 file as received from the network (not yet parsed): pre-scanned for nesting
    // (dicom::prescanFile) before DCMTK parses it, then written as above. Removes `received`.
    Result<std::string> writeReceivedFile(const std::string &received);
    std::string incomingDirectory() const; // <root>/.incoming (created on demand)
    std::vector<std::string> files() const;
    int failures() const;

private:
    Result<std::string> fail(std::string message);
    std::string m_root;
    std::string m_ourAeTitle;
    std::string m_study, m_series;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_files;
    int m_failures = 0;
};

// DcmSCU configured from Node + NetworkOptions, with cancellation and progress in the response
// handlers, and C-GET sub-operations written through a ReceivedObjectWriter.
// The plain TCP transport DCMTK uses, remembering the connection's socket so that the deadline
// watchdog can shut it down from its thread (DcmSCU keeps its association private).
class WatchedTransportLayer : public DcmTransportLayer {
public:
    DcmTransportConnection *createConnection(DcmNativeSocketType openSocket, OFBool useSecureLayer) override;
    std::atomic<int> socket{-1};
};

class Scu : public DcmSCU {
public:
    Scu(const Node &node, const NetworkOptions &options);
    ~Scu() override;
    // One line for a failed operation, as describe(), or that the overall deadline passed.
    std::string describeFailure(const OFCondition &condition, const std::string &operation) const;
    bool cancelRequested() const { return m_options.cancel && m_options.cancel->load(); }
    bool cancelSent() const { return m_cancelSent; }
    void setWriter(ReceivedObjectWriter *writer) { m_writer = writer; }
    void setProgress(ProgressCallback progress) { m_progress = std::move(progress); }
    // initNetwork + negotiateAssociation, with a clear error.
    Status connect(const std::string &operation);
    void finish(bool healthy = true); // release; abort at once after a failure (no second timeout)
    bool deadlinePassed() const { return m_deadlinePassed.load(); }
    Progress progressState() const { return m_state; }

    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse *response,
                                   OFBool &waitForNextResponse) override;
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                   OFBool &waitForNextResponse) override;
    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                   OFBool &continueCGETSession) override;
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID presID, DcmDataset *incomingObject,
                                   OFBool &continueCGETSession, Uint16 &cStoreReturnStatus) override;
    OFCondition handleSTORERequestFile(T_ASC_PresentationContextID *presID, const OFString &filename,
                                       T_DIMSE_C_StoreRQ *request) override;

    const Node &node() const { return m_node; }
    const NetworkOptions &options() const { return m_options; }

private:
    void checkCancel(T_ASC_PresentationContextID presID);
    bool countReceived(const Result<std::string> &written); // counters and progress for one C-GET object
    void report(const RetrieveResponse *response);

    Node m_node;
    NetworkOptions m_options;
    ReceivedObjectWriter *m_writer = nullptr;
    ProgressCallback m_progress;
    Progress m_state;
    int m_sequence = 0; // names of received C-GET files
    void stopWatchdog();
    WatchedTransportLayer m_transport;
    std::thread m_watchdog;
    std::mutex m_watchdogMutex;
    std::condition_variable m_watchdogWake;
    bool m_watchdogStop = false;
    std::atomic_bool m_deadlinePassed{false};
    bool m_cancelSent = false;
};

// The address of this machine that reaches `host` (the interface a PACS there sees us on).
std::string localAddressFacing(const std::string &host, int port);

// Our storage SCP for C-MOVE: accepts every storage SOP class in the syntaxes the loader decodes,
// listening in its own thread until stopped. It listens on one interface (`bindAddress`, never
// all of them), accepts associations only from `expectedCallingAe`, receives each object to a
// file without parsing it, and pre-scans it before DCMTK reads it.
class StorageServer {
public:
    StorageServer(const NetworkOptions &options, ReceivedObjectWriter *writer, std::string bindAddress,
                  std::string expectedCallingAe);
    ~StorageServer();
    Status start(); // binds the address and port (error when in use) and starts accepting
    void stop();    // returns once the listening thread has ended
    int received() const;
    int refused() const;         // objects refused (nesting, other study, conflicts, write errors)
    int refusedAssociations() const;
    std::string listeningOn() const; // "address:port" actually bound

private:
    struct Impl;
    Impl *m_impl;
};

} // namespace radsynth::pacs::detail
