#include "Network.h"

#include "radsynth/common/SafeWrite.h"
#include "radsynth/dicom/Loader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scp.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <spdlog/spdlog.h>

#include <chrono>

#include "radsynth/common/Log.h"
#include "radsynth/dicom/Prescan.h"

#include <dcmtk/dcmnet/dul.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace radsynth::pacs::detail {

const std::vector<std::string> &uncompressedSyntaxes()
{
    static const std::vector<std::string> list{UID_LittleEndianExplicitTransferSyntax,
                                               UID_LittleEndianImplicitTransferSyntax};
    return list;
}

const std::vector<std::string> &compressedSyntaxes()
{
    // Decoded by the loader: JPEG (DCMTK dcmjpeg), JPEG-LS (dcmjpls), RLE, JPEG 2000 (GDCM).
    static const std::vector<std::string> list{
        UID_JPEGProcess1TransferSyntax,     UID_JPEGProcess2_4TransferSyntax, UID_JPEGProcess14TransferSyntax,
        UID_JPEGProcess14SV1TransferSyntax, UID_JPEGLSLosslessTransferSyntax, UID_JPEGLSLossyTransferSyntax,
        UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEG2000TransferSyntax, UID_RLELosslessTransferSyntax};
    return list;
}

bool isUncompressed(const std::string &ts)
{
    return ts == UID_LittleEndianExplicitTransferSyntax || ts == UID_LittleEndianImplicitTransferSyntax ||
           ts == UID_BigEndianExplicitTransferSyntax;
}

const std::vector<std::string> &retrieveImageClasses()
{
    static const std::vector<std::string> list{
        UID_ComputedRadiographyImageStorage,
        UID_DigitalXRayImageStorageForPresentation,
        UID_DigitalXRayImageStorageForProcessing,
        UID_SecondaryCaptureImageStorage,
        UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
        UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage,
        UID_MultiframeTrueColorSecondaryCaptureImageStorage,
        UID_DigitalMammographyXRayImageStorageForPresentation,
        UID_CTImageStorage,
        UID_MRImageStorage};
    return list;
}

const std::vector<std::string> &retrieveOtherClasses()
{
    static const std::vector<std::string> list{
        UID_BasicTextSRStorage, UID_EnhancedSRStorage, UID_ComprehensiveSRStorage,
        UID_KeyObjectSelectionDocumentStorage, UID_EncapsulatedPDFStorage,
        UID_GrayscaleSoftcopyPresentationStateStorage, UID_UltrasoundImageStorage,
        UID_UltrasoundMultiframeImageStorage, UID_XRayAngiographicImageStorage};
    return list;
}

std::string peerName(const Node &node)
{
    return node.aeTitle + "@" + node.host + ":" + std::to_string(node.port);
}

static bool contains(const std::string &text, const char *needle)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return lower.find(needle) != std::string::npos;
}

std::string describe(const OFCondition &condition, const Node &node, const NetworkOptions &options,
                     const std::string &operation)
{
    const std::string peer = peerName(node);
    const std::string text = condition.text() ? condition.text() : "";
    std::string reason;
    if (condition == DUL_ASSOCIATIONREJECTED) {
        reason = "the PACS rejected the association (check the called AE title '" + node.aeTitle +
                 "' and that our AE title '" + options.ourAeTitle + "' is known to the PACS)";
    } else if (contains(text, "connection refused")) {
        reason = "connection refused (is the PACS running, and is port " + std::to_string(node.port) + " right?)";
    } else if (contains(text, "no route") || contains(text, "unreachable") || contains(text, "unknown host") ||
               contains(text, "name or service not known") || contains(text, "cannot resolve")) {
        reason = "host unreachable (" + text + ")";
    } else if (condition == DUL_READTIMEOUT || condition == DIMSE_NODATAAVAILABLE || contains(text, "timeout") ||
               contains(text, "timed out")) {
        const int seconds = condition == DIMSE_NODATAAVAILABLE ? options.dimseTimeoutSeconds
                                                                : std::max(options.acseTimeoutSeconds, options.connectTimeoutSeconds);
        reason = "no answer within " + std::to_string(seconds) + " s (the peer accepted the connection but did not respond)";
    } else if (condition == DUL_PEERABORTEDASSOCIATION) {
        reason = "the PACS aborted the association";
    } else if (condition == NET_EC_NoAcceptablePresentationContexts) {
        reason = "the PACS accepted none of the proposed services or transfer syntaxes";
    } else {
        reason = text;
    }
    return operation + " with " + peer + " failed: " + reason;
}

void runOnLargeStack(const std::function<void()> &work, size_t bytes)
{
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, bytes);
    pthread_t thread;
    auto trampoline = +[](void *argument) -> void * {
        (*static_cast<const std::function<void()> *>(argument))();
        return nullptr;
    };
    const bool started =
        pthread_create(&thread, &attributes, trampoline, const_cast<void *>(static_cast<const void *>(&work))) == 0;
    pthread_attr_destroy(&attributes);
    if (!started) {
        spdlog::warn("pacs: no thread with a {} MiB stack could be started; running on the caller's stack", bytes >> 20);
        work();
        return;
    }
    pthread_join(thread, nullptr);
}

std::string describeStatus(Uint16 status)
{
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04X", unsigned(status));
    std::string meaning;
    if (status == STATUS_Success) meaning = "success";
    else if (status == STATUS_FIND_Refused_OutOfResources || status == 0xA702) meaning = "out of resources";
    else if (status == STATUS_MOVE_Failed_MoveDestinationUnknown) meaning = "move destination unknown to the PACS";
    else if (status == STATUS_FIND_Failed_IdentifierDoesNotMatchSOPClass) meaning = "identifier does not match SOP class";
    else if (status == STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest) meaning = "cancelled";
    else if ((status & 0xF000) == 0xA000 || (status & 0xF000) == 0xC000) meaning = "failure";
    else if ((status & 0xF000) == 0xB000) meaning = "warning";
    else if (status == 0x0122) meaning = "SOP class not supported";
    else if (status == 0x0124) meaning = "not authorised";
    else meaning = "status";
    return std::string(hex) + " (" + meaning + ")";
}

// --- ReceivedObjectWriter -------------------------------------------------------------------

static std::string safeComponent(const OFString &uid, const char *fallback)
{
    std::string value = uid.c_str();
    const bool ok = !value.empty() && value.size() <= 64 &&
                    std::all_of(value.begin(), value.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
                    value != "." && value != "..";
    return ok ? value : std::string(fallback);
}

ReceivedObjectWriter::ReceivedObjectWriter(std::string root, std::string ourAeTitle)
    : m_root(std::move(root)), m_ourAeTitle(std::move(ourAeTitle))
{
}

void ReceivedObjectWriter::expectStudy(std::string studyInstanceUid, std::string seriesInstanceUid)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_study = std::move(studyInstanceUid);
    m_series = std::move(seriesInstanceUid);
}

Result<std::string> ReceivedObjectWriter::fail(std::string message)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_failures;
    return makeError(std::move(message), "pacs store");
}

std::string ReceivedObjectWriter::incomingDirectory() const
{
    return QDir(QString::fromStdString(m_root)).filePath(QStringLiteral(".incoming")).toStdString();
}

static bool sameBytes(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly) || fa.size() != fb.size())
        return false;
    while (!fa.atEnd()) {
        if (fa.read(1 << 20) != fb.read(1 << 20))
            return false;
    }
    return true;
}

Result<std::string> ReceivedObjectWriter::write(DcmDataset *dataset)
{
    DcmFileFormat file(dataset, OFFalse); // takes ownership
    OFString study, series, sop;
    dataset->findAndGetOFString(DCM_StudyInstanceUID, study);
    dataset->findAndGetOFString(DCM_SeriesInstanceUID, series);
    dataset->findAndGetOFString(DCM_SOPInstanceUID, sop);
    if (sop.empty()) return fail("received object without SOP Instance UID");
    const std::string sopName = safeComponent(sop, "");
    if (sopName.empty()) return fail("received object with an invalid SOP Instance UID");
    {
        std::string expectedStudy, expectedSeries;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            expectedStudy = m_study;
            expectedSeries = m_series;
        }
        if (!expectedStudy.empty() && expectedStudy != study.c_str())
            return fail("received an object of another study than the one requested: refused");
        if (!expectedSeries.empty() && expectedSeries != series.c_str())
            return fail("received an object of another series than the one requested: refused");
    }
    const QString directory = QDir(QString::fromStdString(m_root))
                                  .filePath(QString::fromStdString(safeComponent(study, "unknown-study")) + "/" +
                                            QString::fromStdString(safeComponent(series, "unknown-series")));
    if (!QDir().mkpath(directory)) return fail("cannot create folder " + directory.toStdString());
    const QString target = QDir(directory).filePath(QString::fromStdString(sopName) + ".dcm");
    file.getMetaInfo()->putAndInsertString(DCM_SourceApplicationEntityTitle, m_ourAeTitle.c_str());
    // Written in the transfer syntax it arrived in (the dataset's original one), through a temporary
    // file checked to the end (a full disk leaves no truncated instance in the store).
    files::PendingFile pending(target.toStdString(), "the received object");
    if (const Error *error = pending.openError())
        return fail(error->toString());
    const OFCondition saved = file.saveFile(pending.temporaryPath().c_str(), EXS_Unknown);
    if (saved.bad())
        return fail(pending.writeError(saved.text()).toString());
    // Never replace a stored instance: the new file is linked into place only when the name is free
    // (atomically), so two receptions of one SOP Instance UID cannot race either.
    if (Status placed = pending.commitNew(); !placed) {
        if (!pending.existsAlready())
            return fail(placed.error().toString());
        if (!sameBytes(QString::fromStdString(pending.temporaryPath()), target)) {
            spdlog::warn("pacs: instance {} already stored with different content: kept the stored file, refused the received one",
                         radsynth::log::pseudonym(sop.c_str()));
            return fail("instance " + sopName + " is already in the local store with different content: kept the stored file, "
                        "refused the received one");
        }
        // The same bytes again: nothing to replace.
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_files.push_back(QFileInfo(target).absoluteFilePath().toStdString());
    return m_files.back();
}

Result<std::string> ReceivedObjectWriter::writeReceivedFile(const std::string &received)
{
    struct Remove {
        std::string path;
        ~Remove() { QFile::remove(QString::fromStdString(path)); }
    } remove{received};
    if (std::string problem = dicom::prescanFile(received); !problem.empty())
        return fail("received object refused: " + problem);
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(received.c_str());
    if (loaded.bad()) return fail(std::string("received object cannot be read: ") + loaded.text());
    DcmDataset *dataset = file.getAndRemoveDataset();
    if (!dataset) return fail("received object without a data set");
    return write(dataset);
}

std::vector<std::string> ReceivedObjectWriter::files() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_files;
}

int ReceivedObjectWriter::failures() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_failures;
}

// --- Scu ------------------------------------------------------------------------------------

Scu::Scu(const Node &node, const NetworkOptions &options) : m_node(node), m_options(options)
{
    dicom::registerCodecs(); // also quiets DCMTK's own logging: errors come back as values
    setAETitle(options.ourAeTitle.c_str());
    setPeerHostName(node.host.c_str());
    setPeerAETitle(node.aeTitle.c_str());
    setPeerPort(Uint16(node.port));
    // Note: DCMTK's TCP connect timeout is a process-wide setting.
    setConnectionTimeout(Sint32(std::max(1, options.connectTimeoutSeconds)));
    setACSETimeout(Uint32(std::max(1, options.acseTimeoutSeconds)));
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(Uint32(std::max(1, options.dimseTimeoutSeconds)));
    setMaxReceivePDULength(ASC_DEFAULTMAXPDU);
    // C-GET objects go to disk unparsed (handleSTORERequestFile), never through DCMTK's recursive
    // in-memory parser before the nesting pre-scan.
    setStorageMode(DCMSCU_STORAGE_BIT_PRESERVING);
}

DcmTransportConnection *WatchedTransportLayer::createConnection(DcmNativeSocketType openSocket, OFBool /*useSecureLayer*/)
{
    socket.store(int(openSocket));
    return DcmTransportLayer::createConnection(openSocket, OFFalse);
}

Scu::~Scu()
{
    stopWatchdog();
    // DcmSCU's destructor releases or aborts a still open association through the transport.
}

void Scu::stopWatchdog()
{
    {
        std::lock_guard<std::mutex> lock(m_watchdogMutex);
        m_watchdogStop = true;
    }
    m_watchdogWake.notify_all();
    if (m_watchdog.joinable())
        m_watchdog.join();
}

std::string Scu::describeFailure(const OFCondition &condition, const std::string &operation) const
{
    if (m_deadlinePassed.load())
        return operation + " with " + peerName(m_node) + " failed: not finished within the overall limit of " +
               std::to_string(m_options.deadlineSeconds) + " s (the peer answers too slowly); the connection was closed";
    return describe(condition, m_node, m_options, operation);
}

Status Scu::connect(const std::string &operation)
{
    if (cancelRequested()) return cancelledError({}, operation + " cancelled");
    if (m_options.deadlineSeconds > 0 && !m_watchdog.joinable()) {
        // The overall deadline: when it passes, the connection is shut down, so whatever DCMTK is
        // waiting for returns at once with an error.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(m_options.deadlineSeconds);
        m_watchdog = std::thread([this, deadline] {
            std::unique_lock<std::mutex> lock(m_watchdogMutex);
            if (m_watchdogWake.wait_until(lock, deadline, [this] { return m_watchdogStop; }))
                return;
            m_deadlinePassed.store(true);
            // Before the TCP connection exists the connect timeout bounds the wait; check again.
            while (!m_watchdogStop) {
                const int fd = m_transport.socket.load();
                if (fd >= 0) {
                    ::shutdown(fd, SHUT_RDWR);
                    return;
                }
                m_watchdogWake.wait_for(lock, std::chrono::milliseconds(50));
            }
        });
    }
    OFCondition condition = initNetwork();
    if (condition.bad()) return makeError(describeFailure(condition, operation));
    // Plain TCP through our transport layer, which only records the connection's socket for the
    // watchdog (DCMTK calls this "secure" because it is pluggable; nothing is encrypted). Set after
    // initNetwork, which creates the network and the association parameters it goes into.
    condition = useSecureConnection(&m_transport);
    if (condition.bad()) return makeError(describeFailure(condition, operation));
    condition = negotiateAssociation();
    if (condition.bad()) return makeError(describeFailure(condition, operation));
    return okStatus();
}

void Scu::finish(bool healthy)
{
    if (!isConnected()) return;
    // After a failure (a timeout above all) the peer is not answering: a release would wait
    // another ACSE timeout for its reply. Abort at once, so a stalled peer costs one timeout.
    if (!healthy) {
        // An A-ABORT would also wait (up to the ACSE timeout) for the peer to close the
        // connection, which a stalled peer never does: drop the transport connection instead.
        closeAssociation(DCMSCU_PEER_ABORTED_ASSOCIATION);
        return;
    }
    if (m_cancelSent || releaseAssociation().bad()) abortAssociation();
}

void Scu::checkCancel(T_ASC_PresentationContextID presID)
{
    if (!m_cancelSent && cancelRequested()) {
        sendCANCELRequest(presID);
        m_cancelSent = true;
    }
}

void Scu::report(const RetrieveResponse *response)
{
    if (!response) return;
    m_state.completed = std::max<int>(m_state.completed, response->m_numberOfCompletedSubops);
    m_state.failed = std::max<int>(m_state.failed, response->m_numberOfFailedSubops);
    if (response->m_status == STATUS_Pending || response->m_numberOfRemainingSubops > 0)
        m_state.remaining = response->m_numberOfRemainingSubops;
    else if (response->m_status == STATUS_Success)
        m_state.remaining = 0;
    if (m_progress) {
        m_state.message = std::to_string(m_state.completed) + " received";
        m_progress(m_state);
    }
}

OFCondition Scu::handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse *response,
                                    OFBool &waitForNextResponse)
{
    checkCancel(presID);
    return DcmSCU::handleFINDResponse(presID, response, waitForNextResponse);
}

OFCondition Scu::handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                    OFBool &waitForNextResponse)
{
    report(response);
    checkCancel(presID);
    return DcmSCU::handleMOVEResponse(presID, response, waitForNextResponse);
}

OFCondition Scu::handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                    OFBool &continueCGETSession)
{
    report(response);
    checkCancel(presID);
    return DcmSCU::handleCGETResponse(presID, response, continueCGETSession);
}

OFCondition Scu::handleSTORERequest(const T_ASC_PresentationContextID presID, DcmDataset *incomingObject,
                                    OFBool &continueCGETSession, Uint16 &cStoreReturnStatus)
{
    // Not reached in the bit-preserving mode the constructor sets (handleSTORERequestFile is);
    // kept for a caller that switches DcmSCU back to in-memory storage.
    continueCGETSession = OFTrue;
    if (!incomingObject) {
        cStoreReturnStatus = STATUS_STORE_Error_CannotUnderstand;
        return DIMSE_NULLKEY;
    }
    if (!m_writer) {
        delete incomingObject;
        cStoreReturnStatus = STATUS_STORE_Refused_OutOfResources;
        return EC_Normal;
    }
    cStoreReturnStatus = countReceived(m_writer->write(incomingObject)) ? STATUS_Success : STATUS_STORE_Refused_OutOfResources;
    checkCancel(presID);
    return EC_Normal;
}

OFCondition Scu::handleSTORERequestFile(T_ASC_PresentationContextID *presID, const OFString & /*peerNamedFile*/,
                                        T_DIMSE_C_StoreRQ *request)
{
    // DCMTK would name the file after the peer's SOP Instance UID joined to the storage folder
    // (a path a hostile peer chooses: CVE-2026-50003); the object is received under a name of ours
    // instead, straight to disk and unparsed, then pre-scanned for nesting and parsed by the writer
    // (as the C-MOVE storage SCP does). A refused object ends the C-GET with an error status.
    if (!m_writer)
        return makeOFCondition(0, 1, OF_error, "no folder to store C-GET objects in");
    QDir().mkpath(QString::fromStdString(m_writer->incomingDirectory()));
    const std::string file = m_writer->incomingDirectory() + "/get-" + std::to_string(::getpid()) + "-" +
                             std::to_string(++m_sequence) + ".part";
    OFCondition condition = DcmSCU::handleSTORERequestFile(presID, OFString(file.c_str()), request);
    if (condition.bad()) {
        QFile::remove(QString::fromStdString(file));
        ++m_state.failed;
        return condition;
    }
    const bool stored = countReceived(m_writer->writeReceivedFile(file));
    if (presID)
        checkCancel(*presID);
    return stored ? EC_Normal : makeOFCondition(0, 2, OF_error, "the received object was refused (see the log)");
}

bool Scu::countReceived(const Result<std::string> &written)
{
    if (written) {
        ++m_state.completed;
    } else {
        spdlog::warn("pacs: C-GET object not stored: {}", written.error().toString());
        ++m_state.failed;
    }
    if (m_state.remaining > 0) --m_state.remaining;
    if (m_progress) {
        m_state.message = std::to_string(m_state.completed) + " received";
        m_progress(m_state);
    }
    return bool(written);
}

// --- StorageServer --------------------------------------------------------------------------

std::string localAddressFacing(const std::string &host, int port)
{
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port > 0 ? port : 104).c_str(), &hints, &found) != 0 || !found)
        return "127.0.0.1";
    std::string address = "127.0.0.1";
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    // A UDP "connect" sends nothing: it only asks the kernel which local address routes there.
    if (fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) == 0) {
        sockaddr_in local{};
        socklen_t length = sizeof local;
        char text[INET_ADDRSTRLEN] = {};
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) == 0 &&
            ::inet_ntop(AF_INET, &local.sin_addr, text, sizeof text))
            address = text;
    }
    if (fd >= 0) ::close(fd);
    ::freeaddrinfo(found);
    return address;
}

namespace {

class StoreScp : public DcmSCP {
public:
    StoreScp(ReceivedObjectWriter *writer, std::string expectedCallingAe)
        : m_writer(writer), m_expectedCallingAe(std::move(expectedCallingAe))
    {
    }
    std::atomic_bool stopRequested{false};
    std::atomic_int received{0};
    std::atomic_int refused{0};
    std::atomic_int refusedAssociations{0};

protected:
    OFBool checkCallingAETitleAccepted(const OFString &callingAE) override
    {
        std::string calling = callingAE.c_str();
        while (!calling.empty() && calling.back() == ' ') calling.pop_back();
        if (!m_expectedCallingAe.empty() && calling == m_expectedCallingAe) return OFTrue;
        ++refusedAssociations;
        spdlog::warn("pacs: storage SCP refused an association from AE '{}' (expects '{}')", calling, m_expectedCallingAe);
        return OFFalse;
    }
    OFCondition handleIncomingCommand(T_DIMSE_Message *incomingMsg, const DcmPresentationContextInfo &presInfo) override
    {
        if (incomingMsg->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(incomingMsg, presInfo);
        T_DIMSE_C_StoreRQ &request = incomingMsg->msg.CStoreRQ;
        // Received straight to a file, unparsed: DCMTK's recursive parser only sees it after the
        // nesting pre-scan (ReceivedObjectWriter::writeReceivedFile).
        QDir().mkpath(QString::fromStdString(m_writer->incomingDirectory()));
        const std::string file = m_writer->incomingDirectory() + "/" + std::to_string(::getpid()) + "-" +
                                 std::to_string(++m_sequence) + ".part";
        OFCondition condition = receiveSTORERequest(request, presInfo.presentationContextID, OFString(file.c_str()));
        if (condition.bad()) {
            QFile::remove(QString::fromStdString(file));
            return condition;
        }
        Uint16 status = STATUS_Success;
        Result<std::string> written = m_writer->writeReceivedFile(file);
        if (written) {
            ++received;
        } else {
            ++refused;
            spdlog::warn("pacs: C-STORE object not stored: {}", written.error().toString());
            status = STATUS_STORE_Refused_OutOfResources;
        }
        return sendSTOREResponse(presInfo.presentationContextID, request, status);
    }
    OFBool stopAfterConnectionTimeout() override { return OFTrue; }
    OFBool stopAfterCurrentAssociation() override { return OFTrue; }

private:
    ReceivedObjectWriter *m_writer;
    std::string m_expectedCallingAe;
    int m_sequence = 0;
};

} // namespace

struct StorageServer::Impl {
    NetworkOptions options;
    std::string bindAddress;
    StoreScp scp;
    std::thread thread;
    int listenFd = -1;
    std::atomic_bool stop{false};
    std::string listeningOn;
    Impl(const NetworkOptions &o, ReceivedObjectWriter *writer, std::string address, std::string expectedAe)
        : options(o), bindAddress(std::move(address)), scp(writer, std::move(expectedAe))
    {
    }
};

StorageServer::StorageServer(const NetworkOptions &options, ReceivedObjectWriter *writer, std::string bindAddress,
                             std::string expectedCallingAe)
    : m_impl(new Impl(options, writer, std::move(bindAddress), std::move(expectedCallingAe)))
{
}

StorageServer::~StorageServer()
{
    stop();
    delete m_impl;
}

Status StorageServer::start()
{
    DcmSCP &scp = m_impl->scp;
    const NetworkOptions &options = m_impl->options;
    const std::string where = m_impl->bindAddress + ":" + std::to_string(options.storagePort);
    // Our own listening socket, bound to one interface: DCMTK's listener binds every interface.
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(options.storagePort));
    if (::inet_pton(AF_INET, m_impl->bindAddress.c_str(), &address.sin_addr) != 1)
        return makeError("storage SCP: '" + m_impl->bindAddress + "' is not an IPv4 address of this machine");
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return makeError(std::string("storage SCP: cannot create a socket: ") + std::strerror(errno));
    const int reuse = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, 8) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        return makeError("cannot listen on storage port " + where + ": " + why + " (is another program using it?)");
    }
    m_impl->listenFd = fd;
    m_impl->listeningOn = where;
    scp.setAETitle(options.ourAeTitle.c_str());
    scp.setPort(Uint16(options.storagePort));
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(Uint32(std::max(1, options.acseTimeoutSeconds)));
    scp.setACSETimeout(Uint32(std::max(1, options.acseTimeoutSeconds)));
    scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scp.setDIMSETimeout(Uint32(std::max(1, options.dimseTimeoutSeconds)));
    scp.setHostLookupEnabled(OFFalse);
    scp.setEnableVerification();
    OFList<OFString> syntaxes;
    for (const auto &ts : uncompressedSyntaxes()) syntaxes.push_back(ts.c_str());
    for (const auto &ts : compressedSyntaxes()) syntaxes.push_back(ts.c_str());
    syntaxes.push_back(UID_BigEndianExplicitTransferSyntax);
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
        scp.addPresentationContext(dcmAllStorageSOPClassUIDs[i], syntaxes);
    // With an external socket handle set, DCMTK creates no listening socket of its own (it is
    // told the connection comes from elsewhere): every association arrives through ours.
    dcmExternalSocketHandle.set(fd);
    const OFCondition condition = scp.openListenPort();
    dcmExternalSocketHandle.set(-1);
    if (condition.bad()) {
        ::close(fd);
        m_impl->listenFd = -1;
        return makeError("cannot start the storage SCP on " + where + ": " + condition.text());
    }
    m_impl->thread = std::thread([this] {
        Impl &impl = *m_impl;
        while (!impl.stop.load()) {
            pollfd waiting{impl.listenFd, POLLIN, 0};
            if (::poll(&waiting, 1, 100) <= 0) continue;
            const int connection = ::accept4(impl.listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (connection < 0) continue;
            // One association per connection, handled by DcmSCP on the accepted socket.
            dcmExternalSocketHandle.set(connection);
            // acceptAssociations() drops DcmSCP's network when it returns: set it up again (with
            // the external handle set, DCMTK opens no listening socket of its own).
            impl.scp.openListenPort();
            const OFCondition result = impl.scp.acceptAssociations();
            dcmExternalSocketHandle.set(-1);
            if (result.bad() && result != NET_EC_StopAfterConnectionTimeout && result != NET_EC_StopAfterAssociation)
                spdlog::warn("pacs: storage SCP association ended: {}", result.text());
        }
    });
    spdlog::info("pacs: storage SCP {} listening on {}", options.ourAeTitle, where);
    return okStatus();
}

void StorageServer::stop()
{
    if (m_impl->thread.joinable()) {
        m_impl->stop = true;
        m_impl->thread.join();
    }
    if (m_impl->listenFd >= 0) {
        ::close(m_impl->listenFd);
        m_impl->listenFd = -1;
    }
}

int StorageServer::received() const { return m_impl->scp.received.load(); }
int StorageServer::refused() const { return m_impl->scp.refused.load(); }
int StorageServer::refusedAssociations() const { return m_impl->scp.refusedAssociations.load(); }
std::string StorageServer::listeningOn() const { return m_impl->listeningOn; }

} // namespace radsynth::pacs::detail
