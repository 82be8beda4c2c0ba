#include "Network.h"

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

#include <algorithm>
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

Result<std::string> ReceivedObjectWriter::write(DcmDataset *dataset)
{
    DcmFileFormat file(dataset, OFFalse); // takes ownership
    OFString study, series, sop;
    dataset->findAndGetOFString(DCM_StudyInstanceUID, study);
    dataset->findAndGetOFString(DCM_SeriesInstanceUID, series);
    dataset->findAndGetOFString(DCM_SOPInstanceUID, sop);
    auto fail = [this](std::string message) -> Result<std::string> {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_failures;
        return makeError(std::move(message), "pacs store");
    };
    if (sop.empty()) return fail("received object without SOP Instance UID");
    const std::string sopName = safeComponent(sop, "");
    if (sopName.empty()) return fail("received object with an invalid SOP Instance UID");
    const QString directory = QDir(QString::fromStdString(m_root))
                                  .filePath(QString::fromStdString(safeComponent(study, "unknown-study")) + "/" +
                                            QString::fromStdString(safeComponent(series, "unknown-series")));
    if (!QDir().mkpath(directory)) return fail("cannot create folder " + directory.toStdString());
    const QString target = QDir(directory).filePath(QString::fromStdString(sopName) + ".dcm");
    const QString temporary = target + ".part";
    file.getMetaInfo()->putAndInsertString(DCM_SourceApplicationEntityTitle, m_ourAeTitle.c_str());
    // Written in the transfer syntax it arrived in (the dataset's original one).
    const OFCondition saved = file.saveFile(temporary.toStdString().c_str(), EXS_Unknown);
    if (saved.bad()) {
        QFile::remove(temporary);
        return fail("cannot write " + target.toStdString() + ": " + saved.text());
    }
    QFile::remove(target);
    if (!QFile::rename(temporary, target)) return fail("cannot move into place: " + target.toStdString());
    std::lock_guard<std::mutex> lock(m_mutex);
    m_files.push_back(QFileInfo(target).absoluteFilePath().toStdString());
    return m_files.back();
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
}

Status Scu::connect(const std::string &operation)
{
    if (cancelRequested()) return makeError(operation + " cancelled");
    OFCondition condition = initNetwork();
    if (condition.bad()) return makeError(describe(condition, m_node, m_options, operation));
    condition = negotiateAssociation();
    if (condition.bad()) return makeError(describe(condition, m_node, m_options, operation));
    return okStatus();
}

void Scu::finish()
{
    if (!isConnected()) return;
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
    Result<std::string> written = m_writer->write(incomingObject); // takes ownership
    if (written) {
        cStoreReturnStatus = STATUS_Success;
        ++m_state.completed;
    } else {
        spdlog::warn("pacs: C-GET object not stored: {}", written.error().toString());
        cStoreReturnStatus = STATUS_STORE_Refused_OutOfResources;
        ++m_state.failed;
    }
    if (m_state.remaining > 0) --m_state.remaining;
    if (m_progress) {
        m_state.message = std::to_string(m_state.completed) + " received";
        m_progress(m_state);
    }
    checkCancel(presID);
    return EC_Normal;
}

// --- StorageServer --------------------------------------------------------------------------

namespace {

class StoreScp : public DcmSCP {
public:
    StoreScp(ReceivedObjectWriter *writer) : m_writer(writer) {}
    std::atomic_bool stopRequested{false};
    std::atomic_int received{0};

protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message *incomingMsg, const DcmPresentationContextInfo &presInfo) override
    {
        if (incomingMsg->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(incomingMsg, presInfo);
        T_DIMSE_C_StoreRQ &request = incomingMsg->msg.CStoreRQ;
        DcmDataset *dataset = nullptr;
        OFCondition condition = receiveSTORERequest(request, presInfo.presentationContextID, dataset);
        if (condition.bad()) {
            delete dataset;
            return condition;
        }
        Uint16 status = STATUS_Success;
        Result<std::string> written = m_writer->write(dataset); // takes ownership
        if (written) {
            ++received;
        } else {
            spdlog::warn("pacs: C-STORE object not stored: {}", written.error().toString());
            status = STATUS_STORE_Refused_OutOfResources;
        }
        return sendSTOREResponse(presInfo.presentationContextID, request, status);
    }
    OFBool stopAfterConnectionTimeout() override { return stopRequested.load(); }
    OFBool stopAfterCurrentAssociation() override { return stopRequested.load(); }

private:
    ReceivedObjectWriter *m_writer;
};

} // namespace

struct StorageServer::Impl {
    NetworkOptions options;
    StoreScp scp;
    std::thread thread;
    Impl(const NetworkOptions &o, ReceivedObjectWriter *writer) : options(o), scp(writer) {}
};

StorageServer::StorageServer(const NetworkOptions &options, ReceivedObjectWriter *writer)
    : m_impl(new Impl(options, writer))
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
    scp.setAETitle(options.ourAeTitle.c_str());
    scp.setPort(Uint16(options.storagePort));
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1); // polls stopRequested once a second
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
    OFCondition condition = scp.openListenPort();
    if (condition.bad())
        return makeError("cannot listen on storage port " + std::to_string(options.storagePort) + ": " +
                         condition.text() + " (is another program using it?)");
    m_impl->thread = std::thread([this] {
        OFCondition result = m_impl->scp.acceptAssociations();
        if (result.bad() && result != NET_EC_StopAfterConnectionTimeout && result != NET_EC_StopAfterAssociation)
            spdlog::warn("pacs: storage SCP stopped: {}", result.text());
    });
    spdlog::info("pacs: storage SCP {} listening on port {}", options.ourAeTitle, options.storagePort);
    return okStatus();
}

void StorageServer::stop()
{
    if (!m_impl->thread.joinable()) return;
    m_impl->scp.stopRequested = true;
    m_impl->thread.join();
}

int StorageServer::received() const
{
    return m_impl->scp.received.load();
}

} // namespace radsynth::pacs::detail
