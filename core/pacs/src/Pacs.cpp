#include "radsynth/pacs/Pacs.h"

#include "Network.h"
#include "radsynth/dicom/Prescan.h"
#include "radsynth/common/Log.h"
#include "radsynth/common/Paths.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/pacs/StudyDatabase.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>

#include <QDir>

#include <map>
#include <set>

namespace radsynth::pacs {

using detail::describe;
using detail::describeStatus;
using detail::peerName;
using detail::Scu;

const char *toString(RetrieveMethod method)
{
    return method == RetrieveMethod::Move ? "C-MOVE" : "C-GET";
}

bool parseRetrieveMethod(const std::string &text, RetrieveMethod &method)
{
    std::string lower;
    for (char c : text) lower += char(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "get" || lower == "c-get" || lower == "cget") {
        method = RetrieveMethod::Get;
        return true;
    }
    if (lower == "move" || lower == "c-move" || lower == "cmove") {
        method = RetrieveMethod::Move;
        return true;
    }
    return false;
}

std::string defaultStoreDirectory()
{
    return QDir(paths::dataDirectory()).filePath("pacs/store").toStdString();
}

std::string defaultDatabasePath()
{
    return QDir(paths::dataDirectory()).filePath("pacs/studies.sqlite").toStdString();
}

namespace {

OFList<OFString> syntaxList(std::initializer_list<const std::vector<std::string> *> lists)
{
    OFList<OFString> result;
    for (const auto *list : lists)
        for (const auto &ts : *list) result.push_back(ts.c_str());
    return result;
}

OFList<OFString> uncompressed()
{
    return syntaxList({&detail::uncompressedSyntaxes()});
}

std::string get(DcmItem *item, const DcmTagKey &tag)
{
    OFString value;
    if (item && item->findAndGetOFStringArray(tag, value).good()) return value.c_str();
    return {};
}

int getInt(DcmItem *item, const DcmTagKey &tag, int fallback)
{
    const std::string text = get(item, tag);
    if (text.empty()) return fallback;
    try {
        return std::stoi(text);
    } catch (...) {
        return fallback;
    }
}

// A node must be usable before we touch the network.
Status checkNode(const Node &node, const std::string &operation)
{
    if (node.host.empty()) return makeError(operation + ": no host given");
    if (node.aeTitle.empty()) return makeError(operation + ": no called AE title given");
    if (node.port <= 0 || node.port > 65535) return makeError(operation + ": invalid port " + std::to_string(node.port));
    return okStatus();
}

// The C-FIND exchange itself: the identifiers of the matches (converted to UTF-8), parsed by DCMTK
// on the caller's stack (runFind puts it on a large one).
Result<std::vector<DcmDataset *>> runFindInMemory(const Node &node, const NetworkOptions &options, DcmDataset &keys,
                                                  const std::string &operation);

// Runs C-FIND with `keys`; `each` gets every match's identifier (converted to UTF-8). The whole
// exchange, the parsing of the responses and their deletion run on a large stack (runOnLargeStack):
// a hostile PACS's deeply nested identifier cannot overflow the caller's stack.
Status runFind(const Node &node, const NetworkOptions &options, DcmDataset &keys, const std::string &operation,
               const std::function<void(DcmDataset &)> &each)
{
    Status outcome = okStatus();
    detail::runOnLargeStack([&] {
        auto found = runFindInMemory(node, options, keys, operation);
        if (!found) {
            outcome = found.error();
            return;
        }
        for (DcmDataset *d : found.value()) {
            each(*d);
            delete d;
        }
    });
    return outcome;
}

Result<std::vector<DcmDataset *>> runFindInMemory(const Node &node, const NetworkOptions &options, DcmDataset &keys,
                                                  const std::string &operation)
{
    if (Status ok = checkNode(node, operation); !ok) return ok.error();
    Scu scu(node, options);
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, uncompressed());
    if (Status connected = scu.connect(operation); !connected) return connected.error();
    const T_ASC_PresentationContextID presID =
        scu.findAnyPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    if (presID == 0) {
        scu.finish();
        return makeError(operation + " with " + peerName(node) + " failed: the PACS does not offer study-root C-FIND");
    }
    OFList<QRResponse *> responses;
    OFCondition condition = scu.sendFINDRequest(presID, &keys, &responses);
    std::vector<DcmDataset *> matches;
    Uint16 finalStatus = STATUS_Success;
    for (QRResponse *response : responses) {
        if (response->m_status == STATUS_Pending || response->m_status == STATUS_FIND_Pending_WarningUnsupportedOptionalKeys) {
            if (response->m_dataset) {
                response->m_dataset->convertToUTF8();
                matches.push_back(response->m_dataset);
                response->m_dataset = nullptr; // now ours
            }
        } else {
            finalStatus = response->m_status;
        }
        delete response;
    }
    const bool cancelled = scu.cancelSent();
    scu.finish(condition.good());
    auto release = [&matches] {
        for (DcmDataset *d : matches) delete d;
    };
    if (condition.bad()) {
        release();
        return makeError(scu.describeFailure(condition, operation));
    }
    if (cancelled) {
        release();
        return cancelledError({}, operation + " cancelled");
    }
    if (finalStatus != STATUS_Success) {
        release();
        return makeError(operation + " with " + peerName(node) + " failed: the PACS answered " + describeStatus(finalStatus));
    }
    return matches;
}

std::string dateRange(const StudyQuery &query)
{
    if (query.dateFrom.empty() && query.dateTo.empty()) return {};
    if (query.dateFrom == query.dateTo) return query.dateFrom;
    return query.dateFrom + "-" + query.dateTo;
}

} // namespace

Status echo(const Node &node, const NetworkOptions &options)
{
    const std::string operation = "C-ECHO";
    if (Status ok = checkNode(node, operation); !ok) return ok;
    Scu scu(node, options);
    scu.addPresentationContext(UID_VerificationSOPClass, uncompressed());
    if (Status connected = scu.connect(operation); !connected) return connected;
    OFCondition condition = scu.sendECHORequest(0);
    scu.finish(condition.good());
    if (condition.bad()) return makeError(scu.describeFailure(condition, operation));
    spdlog::info("pacs: C-ECHO with {} succeeded", peerName(node));
    return okStatus();
}

Result<std::vector<StudyResult>> findStudies(const Node &node, const StudyQuery &query, const NetworkOptions &options)
{
    DcmDataset keys;
    keys.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
    keys.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    keys.putAndInsertString(DCM_PatientName, query.patientName.c_str());
    keys.putAndInsertString(DCM_PatientID, query.patientId.c_str());
    keys.putAndInsertString(DCM_PatientBirthDate, "");
    keys.putAndInsertString(DCM_PatientSex, "");
    keys.putAndInsertString(DCM_StudyInstanceUID, query.studyInstanceUid.c_str());
    keys.putAndInsertString(DCM_StudyDate, dateRange(query).c_str());
    keys.putAndInsertString(DCM_StudyTime, "");
    keys.putAndInsertString(DCM_AccessionNumber, query.accessionNumber.c_str());
    keys.putAndInsertString(DCM_StudyDescription, query.description.c_str());
    keys.putAndInsertString(DCM_ModalitiesInStudy, query.modality.c_str());
    keys.putAndInsertString(DCM_NumberOfStudyRelatedSeries, "");
    keys.putAndInsertString(DCM_NumberOfStudyRelatedInstances, "");
    std::vector<StudyResult> studies;
    const Status found = runFind(node, options, keys, "C-FIND (study)", [&studies](DcmDataset &match) {
        DcmDataset *d = &match;
        StudyResult s;
        s.studyInstanceUid = get(d, DCM_StudyInstanceUID);
        s.patientName = get(d, DCM_PatientName);
        s.patientId = get(d, DCM_PatientID);
        s.birthDate = get(d, DCM_PatientBirthDate);
        s.sex = get(d, DCM_PatientSex);
        s.studyDate = get(d, DCM_StudyDate);
        s.studyTime = get(d, DCM_StudyTime);
        s.accessionNumber = get(d, DCM_AccessionNumber);
        s.description = get(d, DCM_StudyDescription);
        s.modalities = get(d, DCM_ModalitiesInStudy);
        s.seriesCount = getInt(d, DCM_NumberOfStudyRelatedSeries, -1);
        s.instanceCount = getInt(d, DCM_NumberOfStudyRelatedInstances, -1);
        if (!s.studyInstanceUid.empty()) studies.push_back(std::move(s));
    });
    if (!found) return found.error();
    spdlog::info("pacs: C-FIND (study) with {}: {} studies", peerName(node), studies.size());
    return studies;
}

Result<std::vector<SeriesResult>> findSeries(const Node &node, const std::string &studyInstanceUid,
                                             const NetworkOptions &options)
{
    if (studyInstanceUid.empty()) return makeError("C-FIND (series): no Study Instance UID given");
    DcmDataset keys;
    keys.putAndInsertString(DCM_QueryRetrieveLevel, "SERIES");
    keys.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    keys.putAndInsertString(DCM_StudyInstanceUID, studyInstanceUid.c_str());
    keys.putAndInsertString(DCM_SeriesInstanceUID, "");
    keys.putAndInsertString(DCM_Modality, "");
    keys.putAndInsertString(DCM_SeriesNumber, "");
    keys.putAndInsertString(DCM_SeriesDescription, "");
    keys.putAndInsertString(DCM_BodyPartExamined, "");
    keys.putAndInsertString(DCM_NumberOfSeriesRelatedInstances, "");
    std::vector<SeriesResult> series;
    const Status found = runFind(node, options, keys, "C-FIND (series)", [&series](DcmDataset &match) {
        DcmDataset *d = &match;
        SeriesResult s;
        s.studyInstanceUid = get(d, DCM_StudyInstanceUID);
        s.seriesInstanceUid = get(d, DCM_SeriesInstanceUID);
        s.modality = get(d, DCM_Modality);
        s.seriesNumber = getInt(d, DCM_SeriesNumber, 0);
        s.description = get(d, DCM_SeriesDescription);
        s.bodyPart = get(d, DCM_BodyPartExamined);
        s.instanceCount = getInt(d, DCM_NumberOfSeriesRelatedInstances, -1);
        if (!s.seriesInstanceUid.empty()) series.push_back(std::move(s));
    });
    if (!found) return found.error();
    std::sort(series.begin(), series.end(),
              [](const SeriesResult &a, const SeriesResult &b) { return a.seriesNumber < b.seriesNumber; });
    return series;
}

namespace {

void fillRetrieveKeys(DcmDataset &keys, const RetrieveRequest &request)
{
    keys.putAndInsertString(DCM_QueryRetrieveLevel, request.seriesInstanceUid.empty() ? "STUDY" : "SERIES");
    keys.putAndInsertString(DCM_StudyInstanceUID, request.studyInstanceUid.c_str());
    if (!request.seriesInstanceUid.empty())
        keys.putAndInsertString(DCM_SeriesInstanceUID, request.seriesInstanceUid.c_str());
}

// Checks the final C-GET / C-MOVE response and fills the summary counts.
Status finalResponse(OFList<RetrieveResponse *> &responses, RetrieveSummary &summary, const Node &node,
                     const std::string &operation)
{
    Uint16 status = STATUS_Success;
    bool haveFinal = false;
    for (RetrieveResponse *r : responses) {
        if (r->m_status != STATUS_Pending) {
            haveFinal = true;
            status = r->m_status;
            summary.completed = r->m_numberOfCompletedSubops;
            summary.failed = r->m_numberOfFailedSubops;
            summary.warnings = r->m_numberOfWarningSubops;
        }
        delete r;
    }
    responses.clear();
    if (!haveFinal) return makeError(operation + " with " + peerName(node) + " failed: no final response");
    if (status == STATUS_GET_Cancel_SubOperationsTerminatedDueToCancelIndication) return cancelledError({}, operation + " cancelled");
    // 0xB000: some sub-operations failed; reported through the summary counts.
    if (status != STATUS_Success && status != STATUS_GET_Warning_SubOperationsCompleteOneOrMoreFailures)
        return makeError(operation + " with " + peerName(node) + " failed: the PACS answered " + describeStatus(status));
    return okStatus();
}

} // namespace

Result<RetrieveSummary> retrieve(const Node &node, const RetrieveRequest &request, RetrieveMethod method,
                                 const NetworkOptions &options, const LocalStoreLocation &location,
                                 const ProgressCallback &progress)
{
    const std::string operation = toString(method);
    if (Status ok = checkNode(node, operation); !ok) return ok.error();
    if (request.studyInstanceUid.empty()) return makeError(operation + ": no Study Instance UID given");
    dicom::registerCodecs();
    const std::string storeDirectory = location.storeDirectory.empty() ? defaultStoreDirectory() : location.storeDirectory;
    const std::string databasePath = location.databasePath.empty() ? defaultDatabasePath() : location.databasePath;
    // Open the database first: a database problem should not cost a transfer.
    StudyDatabase database;
    if (Status opened = database.open(databasePath); !opened) return opened.error();

    detail::ReceivedObjectWriter writer(storeDirectory, options.ourAeTitle);
    writer.expectStudy(request.studyInstanceUid, request.seriesInstanceUid);
    Scu scu(node, options);
    scu.setWriter(&writer);
    scu.setProgress(progress);
    std::unique_ptr<detail::StorageServer> server;
    const char *model = nullptr;
    if (method == RetrieveMethod::Get) {
        model = UID_GETStudyRootQueryRetrieveInformationModel;
        scu.addPresentationContext(model, uncompressed());
        // We play the storage SCP role inside the C-GET association.
        for (const auto &sopClass : detail::retrieveImageClasses()) {
            scu.addPresentationContext(sopClass.c_str(), uncompressed(), ASC_SC_ROLE_SCP);
            for (const auto &ts : detail::compressedSyntaxes()) {
                OFList<OFString> one;
                one.push_back(ts.c_str());
                scu.addPresentationContext(sopClass.c_str(), one, ASC_SC_ROLE_SCP);
            }
        }
        for (const auto &sopClass : detail::retrieveOtherClasses())
            scu.addPresentationContext(sopClass.c_str(), uncompressed(), ASC_SC_ROLE_SCP);
    } else {
        model = UID_MOVEStudyRootQueryRetrieveInformationModel;
        scu.addPresentationContext(model, uncompressed());
        const std::string bindAddress =
            options.storageBindAddress.empty() ? detail::localAddressFacing(node.host, node.port) : options.storageBindAddress;
        const std::string expectedAe = options.moveSourceAeTitle.empty() ? node.aeTitle : options.moveSourceAeTitle;
        server = std::make_unique<detail::StorageServer>(options, &writer, bindAddress, expectedAe);
        if (Status started = server->start(); !started) return started.error();
    }
    if (Status connected = scu.connect(operation); !connected) return connected.error();
    const T_ASC_PresentationContextID presID = scu.findAnyPresentationContextID(model, "");
    if (presID == 0) {
        scu.finish();
        return makeError(operation + " with " + peerName(node) + " failed: the PACS does not offer study-root " + operation);
    }
    spdlog::info("pacs: {} of study {} from {}", operation, log::pseudonym(request.studyInstanceUid), peerName(node));
    DcmDataset keys;
    fillRetrieveKeys(keys, request);
    OFList<RetrieveResponse *> responses;
    const OFCondition condition = method == RetrieveMethod::Get
                                      ? scu.sendCGETRequest(presID, &keys, &responses)
                                      : scu.sendMOVERequest(presID, options.ourAeTitle.c_str(), &keys, &responses);
    const bool cancelled = scu.cancelSent();
    scu.finish(condition.good());
    if (server) server->stop();
    RetrieveSummary summary;
    Status final = condition.good() ? finalResponse(responses, summary, node, operation) : Status(okStatus());
    for (RetrieveResponse *r : responses) delete r;
    summary.files = writer.files();
    // Index whatever arrived, even when the transfer ended early: those files are on disk.
    if (!summary.files.empty()) {
        auto indexed = database.indexFiles(summary.files);
        if (!indexed) return indexed.error();
        summary.indexed = indexed.value();
    }
    if (condition.bad()) return makeError(scu.describeFailure(condition, operation));
    if (cancelled) return cancelledError({}, operation + " cancelled (" + std::to_string(summary.files.size()) + " objects kept)");
    if (!final) return final.error();
    if (method == RetrieveMethod::Get) summary.completed = std::max<int>(summary.completed, int(summary.files.size()));
    spdlog::info("pacs: {} done: {} completed, {} failed, {} files, {} indexed", operation, summary.completed,
                 summary.failed, summary.files.size(), summary.indexed);
    return summary;
}

Result<StoreSummary> store(const Node &node, const std::vector<std::string> &files, const NetworkOptions &options,
                           const ProgressCallback &progress)
{
    const std::string operation = "C-STORE";
    if (Status ok = checkNode(node, operation); !ok) return ok.error();
    if (files.empty()) return makeError(operation + ": no files to send");
    dicom::registerCodecs();
    StoreSummary summary;
    struct Item {
        std::string path;
        std::string sopClass;
        std::string transferSyntax;
    };
    std::vector<Item> items;
    for (const auto &path : files) {
        // sendSTORERequest parses the whole file: bound its nesting first (dicom/Prescan.h).
        if (std::string problem = dicom::prescanFile(path); !problem.empty()) {
            ++summary.failed;
            summary.failures.push_back(path + ": not sent: " + problem);
            continue;
        }
        DcmFileFormat file;
        const OFCondition loaded = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096, ERM_metaOnly);
        OFString sopClass, ts;
        file.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, sopClass);
        file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, ts);
        if (loaded.bad() || sopClass.empty() || ts.empty()) {
            ++summary.failed;
            summary.failures.push_back(path + ": not a DICOM file with a meta header" +
                                       (loaded.bad() ? std::string(" (") + loaded.text() + ")" : std::string()));
            continue;
        }
        items.push_back({path, sopClass.c_str(), ts.c_str()});
    }
    // Presentation contexts: (SOP class, own syntax) + (SOP class, uncompressed). At most 128 per
    // association: split the files into batches whose contexts fit.
    size_t next = 0;
    Progress state;
    state.remaining = int(items.size());
    while (next < items.size()) {
        std::set<std::pair<std::string, std::string>> contexts; // (class, ts) ; ts "" = uncompressed pair
        size_t end = next;
        while (end < items.size()) {
            auto candidate = contexts;
            candidate.insert({items[end].sopClass, ""});
            if (!detail::isUncompressed(items[end].transferSyntax)) candidate.insert({items[end].sopClass, items[end].transferSyntax});
            if (candidate.size() > 120) break;
            contexts = std::move(candidate);
            ++end;
        }
        Scu scu(node, options);
        scu.setDatasetConversionMode(OFTrue); // falls back to uncompressed when the own syntax is refused
        for (const auto &[sopClass, ts] : contexts) {
            if (ts.empty()) {
                scu.addPresentationContext(sopClass.c_str(), uncompressed());
            } else {
                OFList<OFString> one;
                one.push_back(ts.c_str());
                scu.addPresentationContext(sopClass.c_str(), one);
            }
        }
        if (Status connected = scu.connect(operation); !connected) {
            if (summary.sent == 0 && summary.failed == 0) return connected.error();
            for (size_t i = next; i < items.size(); ++i) summary.failures.push_back(items[i].path + ": " + connected.error().message);
            summary.failed += int(items.size() - next);
            return summary;
        }
        bool batchHealthy = true;
        for (size_t i = next; i < end; ++i) {
            if (scu.cancelRequested()) {
                scu.finish();
                return cancelledError({}, operation + " cancelled after " + std::to_string(summary.sent) + " of " +
                                 std::to_string(items.size()) + " files");
            }
            const Item &item = items[i];
            T_ASC_PresentationContextID presID = scu.findPresentationContextID(item.sopClass.c_str(), item.transferSyntax.c_str());
            if (presID == 0) presID = scu.findAnyPresentationContextID(item.sopClass.c_str(), "");
            Uint16 status = 0;
            OFCondition condition = presID == 0 ? OFCondition(NET_EC_NoAcceptablePresentationContexts)
                                                : scu.sendSTORERequest(presID, item.path.c_str(), nullptr, status);
            if (condition.bad()) batchHealthy = false;
            std::string failure;
            if (presID == 0)
                failure = "the PACS does not accept this SOP class (" + item.sopClass + ")";
            else if (condition.bad())
                failure = scu.describeFailure(condition, operation);
            else if (status != STATUS_Success && (status & 0xF000) != 0xB000)
                failure = "the PACS answered " + describeStatus(status);
            if (failure.empty()) {
                ++summary.sent;
            } else {
                ++summary.failed;
                summary.failures.push_back(item.path + ": " + failure);
            }
            state.completed = summary.sent;
            state.failed = summary.failed;
            state.remaining = int(items.size() - i - 1);
            state.message = (failure.empty() ? "sent " : "failed ") + QDir::toNativeSeparators(QString::fromStdString(item.path)).toStdString();
            if (progress) progress(state);
            if (condition.bad() && !scu.isConnected()) {
                // The association is gone; the rest of this batch cannot be sent.
                for (size_t j = i + 1; j < end; ++j) {
                    ++summary.failed;
                    summary.failures.push_back(items[j].path + ": " + failure);
                }
                break;
            }
        }
        scu.finish(batchHealthy);
        next = end;
    }
    spdlog::info("pacs: C-STORE to {}: {} sent, {} failed", peerName(node), summary.sent, summary.failed);
    return summary;
}

} // namespace radsynth::pacs
