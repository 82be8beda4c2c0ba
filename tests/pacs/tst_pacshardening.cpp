// PACS hardening (issue 24, finding 5), on loopback only (127.0.0.1), without a PACS: the C-MOVE
// storage SCP listens on one interface, accepts only the expected peer AE title, stores only the
// requested study, never replaces a stored instance, pre-scans what it receives before DCMTK
// parses it; a peer that accepts an association and then stalls costs one timeout (within 1.2x),
// not two.
#include "Network.h"
#include "../support/SmallFileSystem.h"

#include "radsynth/pacs/Pacs.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dul.h>
#include <dcmtk/dcmnet/scp.h>
#include <dcmtk/dcmnet/scu.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace radsynth;

namespace {

int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    socklen_t n = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &n);
    ::close(fd);
    return ntohs(a.sin_port);
}

// The local addresses listening on `port`, from the kernel's table (no network traffic).
QStringList listeningAddresses(int port)
{
    QStringList out;
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return out;
    const QString portHex = QStringLiteral("%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QStringList f = QString::fromLatin1(line).simplified().split(' ');
        if (f.size() > 4 && f[1].endsWith(QLatin1Char(':') + portHex) && f[3] == QStringLiteral("0A")) // 0A: LISTEN
            out << f[1].section(QLatin1Char(':'), 0, 0);
    }
    return out;
}

DcmDataset *object(const char *study, const char *sop, const char *name, int nesting = 0)
{
    auto *d = new DcmDataset;
    d->putAndInsertString(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
    d->putAndInsertString(DCM_SOPInstanceUID, sop);
    d->putAndInsertString(DCM_StudyInstanceUID, study);
    d->putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.8.498.245.9");
    d->putAndInsertString(DCM_PatientName, name);
    d->putAndInsertString(DCM_Modality, "OT");
    DcmItem *item = d;
    for (int i = 0; i < nesting; ++i) {
        DcmItem *child = nullptr;
        item->findOrCreateSequenceItem(DCM_ContentSequence, child, 0);
        item = child;
    }
    return d;
}

// Sends one object to 127.0.0.1:port as `callingAe`. Returns the C-STORE status, or -1 when the
// association was refused.
int sendObject(int port, const char *callingAe, DcmDataset *dataset)
{
    DcmSCU scu;
    scu.setAETitle(callingAe);
    scu.setPeerAETitle("RADSYNTH");
    scu.setPeerHostName("127.0.0.1");
    scu.setPeerPort(Uint16(port));
    scu.setACSETimeout(5);
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scu.setDIMSETimeout(10);
    OFList<OFString> ts;
    ts.push_back(UID_LittleEndianExplicitTransferSyntax);
    scu.addPresentationContext(UID_SecondaryCaptureImageStorage, ts);
    if (scu.initNetwork().bad() || scu.negotiateAssociation().bad())
        return -1;
    Uint16 status = 0xFFFF;
    const T_ASC_PresentationContextID presID = scu.findAnyPresentationContextID(UID_SecondaryCaptureImageStorage, "");
    const OFCondition c = scu.sendSTORERequest(presID, "", dataset, status);
    scu.releaseAssociation();
    return c.good() ? int(status) : -2;
}

QStringList storedFiles(const QString &root)
{
    QStringList out;
    QDirIterator it(root, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

// A peer that accepts associations (Verification, study-root FIND/GET/MOVE) and then never
// answers a request: it holds each one until the test ends. Listens on 127.0.0.1 only.
class StallingScp : public DcmSCP {
public:
    std::atomic_bool stop{false};
    std::atomic_int requests{0};

protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message *, const DcmPresentationContextInfo &) override
    {
        ++requests;
        while (!stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return DIMSE_NODATAAVAILABLE;
    }
    OFBool stopAfterConnectionTimeout() override { return OFTrue; }
    OFBool stopAfterCurrentAssociation() override { return OFTrue; }
};

// A C-FIND SCP that answers every query with one identifier nested `depth` sequences deep (a
// hostile PACS), then success. It builds, sends and frees that identifier on its own large stack.
class NestedFindScp : public DcmSCP {
public:
    std::atomic_bool stop{false};
    std::atomic_int requests{0};
    int depth = 8000;

protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message *message, const DcmPresentationContextInfo &info) override
    {
        if (message->CommandField != DIMSE_C_FIND_RQ)
            return DcmSCP::handleIncomingCommand(message, info);
        ++requests;
        T_DIMSE_C_FindRQ &request = message->msg.CFindRQ;
        DcmDataset *keys = nullptr;
        OFCondition c = receiveFINDRequest(request, info.presentationContextID, keys);
        delete keys;
        if (c.bad())
            return c;
        auto *match = new DcmDataset;
        match->putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
        match->putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.8.498.245.50");
        match->putAndInsertString(DCM_PatientName, "Nested^Answer");
        DcmItem *item = match;
        for (int i = 0; i < depth; ++i) {
            DcmItem *child = nullptr;
            item->findOrCreateSequenceItem(DCM_ContentSequence, child, 0);
            item = child;
        }
        c = sendFINDResponse(info.presentationContextID, request.MessageID, request.AffectedSOPClassUID, match, STATUS_Pending);
        delete match;
        if (c.bad())
            return c;
        return sendFINDResponse(info.presentationContextID, request.MessageID, request.AffectedSOPClassUID, nullptr, STATUS_Success);
    }
    OFBool stopAfterConnectionTimeout() override { return OFTrue; }
    OFBool stopAfterCurrentAssociation() override { return OFTrue; }
};

// A peer on 127.0.0.1 that runs `Scp` for each connection, on a large stack (what NestedFindScp sends
// is as deep as what it tests).
template <class Scp>
class LoopbackPeer {
public:
    explicit LoopbackPeer(int port) : m_port(port)
    {
        OFList<OFString> ts;
        ts.push_back(UID_LittleEndianExplicitTransferSyntax);
        ts.push_back(UID_LittleEndianImplicitTransferSyntax);
        for (const char *sop : {UID_VerificationSOPClass, UID_FINDStudyRootQueryRetrieveInformationModel,
                                UID_GETStudyRootQueryRetrieveInformationModel, UID_MOVEStudyRootQueryRetrieveInformationModel})
            m_scp.addPresentationContext(sop, ts);
        m_scp.setAETitle("STALL");
        m_scp.setPort(Uint16(port));
        m_scp.setConnectionBlockingMode(DUL_NOBLOCK);
        m_scp.setConnectionTimeout(1);
        m_scp.setHostLookupEnabled(OFFalse);
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const int reuse = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(uint16_t(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ok = ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 && ::listen(m_fd, 4) == 0;
        dcmExternalSocketHandle.set(m_fd); // no listener of DCMTK's own (it would bind every interface)
        ok = ok && m_scp.openListenPort().good();
        dcmExternalSocketHandle.set(-1);
        m_thread = std::thread([this] { pacs::detail::runOnLargeStack([this] { serve(); }, size_t(256) << 20); });
    }
    void serve()
    {
        {
            while (!m_scp.stop.load()) {
                pollfd p{m_fd, POLLIN, 0};
                if (::poll(&p, 1, 50) <= 0)
                    continue;
                const int c = ::accept(m_fd, nullptr, nullptr);
                if (c < 0)
                    continue;
                dcmExternalSocketHandle.set(c);
                m_scp.openListenPort(); // acceptAssociations() drops the network when it returns
                m_scp.acceptAssociations();
                dcmExternalSocketHandle.set(-1);
            }
        }
    }
    ~LoopbackPeer()
    {
        m_scp.stop = true;
        m_thread.join();
        ::close(m_fd);
    }
    int requests() const { return m_scp.requests.load(); }
    bool ok = false;

private:
    int m_port;
    int m_fd = -1;
    Scp m_scp;
    std::thread m_thread;
};
using StallingPeer = LoopbackPeer<StallingScp>;

const char *kStudy = "1.2.826.0.1.3680043.8.498.245.1";

// Runs `operation` ("echo", "find" or "get") against `node`; it must fail: its message ("" when it
// did not fail).
std::string failureOf(const QString &operation, const pacs::Node &node, const pacs::NetworkOptions &options)
{
    if (operation == QStringLiteral("echo")) {
        const Status s = pacs::echo(node, options);
        return s.ok() ? std::string() : s.error().message;
    }
    if (operation == QStringLiteral("find")) {
        auto r = pacs::findStudies(node, {}, options);
        return r.ok() ? std::string() : r.error().message;
    }
    QTemporaryDir dir;
    const pacs::LocalStoreLocation location{dir.filePath(QStringLiteral("store")).toStdString(),
                                            dir.filePath(QStringLiteral("db.sqlite")).toStdString()};
    auto r = pacs::retrieve(node, {kStudy, {}}, pacs::RetrieveMethod::Get, options, location);
    return r.ok() ? std::string() : r.error().message;
}

} // namespace

class TestPacsHardening : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storageScpListensOnOneInterface()
    {
        QCOMPARE(pacs::detail::localAddressFacing("127.0.0.1", 104), std::string("127.0.0.1"));
        QCOMPARE(pacs::detail::localAddressFacing("localhost", 104), std::string("127.0.0.1"));
        QTemporaryDir dir;
        pacs::NetworkOptions options;
        options.storagePort = freeLoopbackPort();
        pacs::detail::ReceivedObjectWriter writer(dir.path().toStdString(), options.ourAeTitle);
        pacs::detail::StorageServer server(options, &writer, "127.0.0.1", "PEER");
        const Status started = server.start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        const QStringList addresses = listeningAddresses(options.storagePort);
        QCOMPARE(addresses, QStringList{QStringLiteral("0100007F")}); // 127.0.0.1, not 00000000 (all)
        server.stop();
        QVERIFY(listeningAddresses(options.storagePort).isEmpty());
        // A configured address that is not an IPv4 address is an error, not "all interfaces".
        pacs::detail::StorageServer bad(options, &writer, "everywhere", "PEER");
        QVERIFY(!bad.start().ok());
    }

    void storageScpAcceptsOnlyTheExpectedPeerAndStudy()
    {
        QTemporaryDir dir;
        pacs::NetworkOptions options;
        options.storagePort = freeLoopbackPort();
        pacs::detail::ReceivedObjectWriter writer(dir.path().toStdString(), options.ourAeTitle);
        writer.expectStudy(kStudy);
        pacs::detail::StorageServer server(options, &writer, "127.0.0.1", "PEER");
        QVERIFY(server.start().ok());

        DcmDataset *intruder = object(kStudy, "1.2.826.0.1.3680043.8.498.245.10", "Intruder^Object");
        QCOMPARE(sendObject(options.storagePort, "INTRUDER", intruder), -1);
        delete intruder;
        QCOMPARE(server.refusedAssociations(), 1);
        QVERIFY(storedFiles(dir.path()).isEmpty());

        DcmDataset *other = object("1.2.826.0.1.3680043.8.498.245.99", "1.2.826.0.1.3680043.8.498.245.11", "Other^Study");
        QVERIFY(sendObject(options.storagePort, "PEER", other) != 0);
        delete other;
        QVERIFY(storedFiles(dir.path()).isEmpty());

        DcmDataset *good = object(kStudy, "1.2.826.0.1.3680043.8.498.245.12", "Good^Object");
        QCOMPARE(sendObject(options.storagePort, "PEER", good), 0);
        delete good;
        QCOMPARE(storedFiles(dir.path()).size(), 1);
        QCOMPARE(server.received(), 1);
    }

    void storedInstanceIsNeverReplaced()
    {
        QTemporaryDir dir;
        pacs::NetworkOptions options;
        options.storagePort = freeLoopbackPort();
        pacs::detail::ReceivedObjectWriter writer(dir.path().toStdString(), options.ourAeTitle);
        pacs::detail::StorageServer server(options, &writer, "127.0.0.1", "PEER");
        QVERIFY(server.start().ok());
        const char *sop = "1.2.826.0.1.3680043.8.498.245.20";
        DcmDataset *first = object(kStudy, sop, "First^Version");
        QCOMPARE(sendObject(options.storagePort, "PEER", first), 0);
        const QStringList files = storedFiles(dir.path());
        QCOMPARE(files.size(), 1);
        QFile stored(files.front());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray original = stored.readAll();
        stored.close();
        // The same SOP Instance UID with other content: refused, the stored file untouched.
        DcmDataset *second = object(kStudy, sop, "Second^Version");
        const int status = sendObject(options.storagePort, "PEER", second);
        delete second;
        QVERIFY2(status != 0, qPrintable(QString::number(status)));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), original);
        stored.close();
        // The same object again: accepted, nothing changes.
        QCOMPARE(sendObject(options.storagePort, "PEER", first), 0);
        delete first;
        QCOMPARE(storedFiles(dir.path()).size(), 1);
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), original);
    }

    // A full receive folder (a real tmpfs the test mounts and fills): the object is refused, the
    // sender is told, and nothing truncated or temporary is left in the store; with room again the
    // same object is stored.
    void fullDiskKeepsTheStoreClean()
    {
        testing::SmallFileSystem disk(4 << 20);
        if (!disk.available())
            QSKIP(qPrintable(disk.why()));
        pacs::NetworkOptions options;
        options.storagePort = freeLoopbackPort();
        pacs::detail::ReceivedObjectWriter writer(disk.path().toStdString(), options.ourAeTitle);
        pacs::detail::StorageServer server(options, &writer, "127.0.0.1", "PEER");
        QVERIFY(server.start().ok());
        auto large = [] {
            DcmDataset *d = object(kStudy, "1.2.826.0.1.3680043.8.498.245.40", "Large^Object");
            std::vector<Uint8> pixels(600 * 1024, 0x5a);
            d->putAndInsertUint8Array(DCM_PixelData, pixels.data(), unsigned(pixels.size()));
            return d;
        };
        for (qint64 free : {qint64(0), qint64(64 * 1024), qint64(400 * 1024)}) {
            QVERIFY(disk.leaveFree(free));
            DcmDataset *d = large();
            const int status = sendObject(options.storagePort, "PEER", d);
            delete d;
            QVERIFY2(status != 0, qPrintable(QStringLiteral("%1 bytes free: accepted").arg(free)));
            QCOMPARE(disk.files(), QStringList());
        }
        disk.release();
        DcmDataset *d = large();
        QCOMPARE(sendObject(options.storagePort, "PEER", d), 0);
        delete d;
        QCOMPARE(storedFiles(disk.path()).size(), 1);
    }

    void deeplyNestedObjectRefusedBeforeParsing()
    {
        QTemporaryDir dir;
        pacs::NetworkOptions options;
        options.storagePort = freeLoopbackPort();
        pacs::detail::ReceivedObjectWriter writer(dir.path().toStdString(), options.ourAeTitle);
        pacs::detail::StorageServer server(options, &writer, "127.0.0.1", "PEER");
        QVERIFY(server.start().ok());
        // 100 levels: harmless for this sender's DCMTK, over the receiver's limit of 64.
        DcmDataset *nested = object(kStudy, "1.2.826.0.1.3680043.8.498.245.30", "Nested^Object", 100);
        QVERIFY(sendObject(options.storagePort, "PEER", nested) != 0);
        delete nested;
        QCOMPARE(server.refused(), 1);
        QVERIFY(storedFiles(dir.path()).isEmpty());
        // The server still works.
        DcmDataset *good = object(kStudy, "1.2.826.0.1.3680043.8.498.245.31", "Good^Object", 3);
        QCOMPARE(sendObject(options.storagePort, "PEER", good), 0);
        delete good;
        QCOMPARE(storedFiles(dir.path()).size(), 1);
    }

    void stalledPeerCostsOneTimeout_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::newRow("echo") << QStringLiteral("echo");
        QTest::newRow("find") << QStringLiteral("find");
        QTest::newRow("get") << QStringLiteral("get");
    }
    void stalledPeerCostsOneTimeout()
    {
        QFETCH(QString, operation);
        const int port = freeLoopbackPort();
        StallingPeer peer(port);
        QVERIFY(peer.ok);
        pacs::Node node{"stall", "STALL", "127.0.0.1", port, pacs::RetrieveMethod::Get};
        pacs::NetworkOptions options;
        options.setTimeout(3);
        QElapsedTimer timer;
        timer.start();
        const std::string message = failureOf(operation, node, options);
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(peer.requests(), 1); // the association was accepted, the request then stalled
        QVERIFY2(message.find("no answer within 3 s") != std::string::npos, message.c_str());
        QVERIFY2(elapsed <= 3600, qPrintable(QStringLiteral("%1 ms for a 3 s timeout (limit 1.2x = 3600 ms)").arg(elapsed)));
    }

    // A hostile PACS answers a C-FIND with an identifier nested 8,000 sequences deep (the depth that
    // overflowed the stack in DCMTK's recursive parser in the audit). The query runs on a large stack
    // (runOnLargeStack): it completes and the test process lives. Old code: SIGSEGV in the parse.
    void nestedFindResponseDoesNotCrash()
    {
        const int port = freeLoopbackPort();
        LoopbackPeer<NestedFindScp> peer(port);
        QVERIFY(peer.ok);
        pacs::Node node{"hostile", "STALL", "127.0.0.1", port, pacs::RetrieveMethod::Get};
        pacs::NetworkOptions options;
        options.setTimeout(20);
        auto studies = pacs::findStudies(node, {}, options);
        QCOMPARE(peer.requests(), 1);
        QVERIFY2(studies.ok(), studies.ok() ? "" : studies.error().message.c_str());
        QCOMPARE(int(studies->size()), 1);
        QCOMPARE(studies->front().patientName, std::string("Nested^Answer"));
    }

    // The overall deadline: a peer that stays just inside each message's timeout (here: the 30 s
    // message timeout never passes) is cut off when the whole operation's limit (2 s) passes,
    // within 1.2x of it, with a message that says so.
    void overallDeadlineBoundsTheWholeOperation_data() { stalledPeerCostsOneTimeout_data(); }
    void overallDeadlineBoundsTheWholeOperation()
    {
        QFETCH(QString, operation);
        const int port = freeLoopbackPort();
        StallingPeer peer(port);
        QVERIFY(peer.ok);
        pacs::Node node{"slow", "SLOW", "127.0.0.1", port, pacs::RetrieveMethod::Get};
        pacs::NetworkOptions options;
        options.setTimeout(30);
        options.deadlineSeconds = 2;
        QElapsedTimer timer;
        timer.start();
        const std::string message = failureOf(operation, node, options);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(message.find("overall limit of 2 s") != std::string::npos, message.c_str());
        QVERIFY2(elapsed <= 2400, qPrintable(QStringLiteral("%1 ms for a 2 s deadline (limit 1.2x = 2400 ms)").arg(elapsed)));
    }
};

QTEST_GUILESS_MAIN(TestPacsHardening)
#include "tst_pacshardening.moc"
