// Integration test against a real Orthanc: C-STORE the sample studies through RadSynth, then
// C-ECHO, C-FIND by each criterion, C-GET, C-MOVE, re-retrieval without duplicates, the CLI, and
// the failures (stopped server, wrong AE title, silent peer) within the timeout.
#include "OrthancServer.h"
#include "SampleStudies.h"

#include "radsynth/pacs/Pacs.h"
#include "radsynth/pacs/StudyDatabase.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace radsynth;
using radsynth::test::OrthancServer;
using radsynth::test::SampleObject;

class TestPacsOrthanc : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<OrthancServer> m_orthanc;
    std::map<std::string, SampleObject> m_objects; // what we uploaded, by SOP Instance UID
    std::vector<test::SampleStudy> m_studies;
    std::string m_chestStudyUid;
    pacs::Node m_node;
    pacs::NetworkOptions m_options;
    pacs::LocalStoreLocation m_location;

    std::set<std::string> uidsOf(const std::vector<pacs::StudyResult> &studies)
    {
        std::set<std::string> set;
        for (const auto &s : studies) set.insert(s.studyInstanceUid);
        return set;
    }
    std::set<std::string> ourStudies(const std::set<std::string> &set) // drop the chest sample
    {
        std::set<std::string> out = set;
        out.erase(m_chestStudyUid);
        return out;
    }
    std::vector<const SampleObject *> objectsOfStudy(const std::string &studyUid)
    {
        std::vector<const SampleObject *> list;
        for (const auto &[uid, object] : m_objects)
            if (object.studyUid == studyUid) list.push_back(&object);
        return list;
    }
    void checkArrivedIntact(const std::string &studyUid, const std::vector<std::string> &files)
    {
        const auto expected = objectsOfStudy(studyUid);
        QCOMPARE(files.size(), expected.size());
        std::set<std::string> seen;
        for (const auto &path : files) {
            const SampleObject received = test::readObject(QString::fromStdString(path));
            QVERIFY2(m_objects.count(received.sopUid), path.c_str());
            const SampleObject &original = m_objects.at(received.sopUid);
            QCOMPARE(received.studyUid, studyUid);
            QCOMPARE(received.seriesUid, original.seriesUid);
            QCOMPARE(received.transferSyntax, original.transferSyntax);
            QCOMPARE(received.pixelChecksum, original.pixelChecksum);
            // Stored by study/series/SOP UID.
            QVERIFY(QString::fromStdString(path).endsWith(QString::fromStdString(studyUid + "/" + original.seriesUid + "/" +
                                                                                  original.sopUid + ".dcm")));
            seen.insert(received.sopUid);
        }
        QCOMPARE(seen.size(), expected.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (OrthancServer::executable().isEmpty())
            QSKIP("the Orthanc binary is not installed (Debian package orthanc); PACS integration tests skipped");
        QVERIFY(m_dir.isValid());
        qputenv("RADSYNTH_DATA_DIR", m_dir.filePath("data").toUtf8());
        m_options.ourAeTitle = "RADSYNTHTEST";
        m_options.storagePort = test::freeLoopbackPort();
        m_options.setTimeout(5);
        m_location.storeDirectory = m_dir.filePath("data/pacs/store").toStdString();
        m_location.databasePath = m_dir.filePath("data/pacs/studies.sqlite").toStdString();

        m_objects = test::writeSampleStudies(m_dir.filePath("samples"), m_studies);
        QVERIFY2(m_objects.size() == 5, "the sample DICOM files could not be written");

        m_orthanc = std::make_unique<OrthancServer>();
        const QJsonObject modalities{{"radsynth", QJsonArray{QString::fromStdString(m_options.ourAeTitle), "127.0.0.1", m_options.storagePort}}};
        const QString problem = m_orthanc->start(m_dir.filePath("orthanc"), "ORTHANCTEST", modalities);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_node = {"test", "ORTHANCTEST", "127.0.0.1", m_orthanc->dicomPort, pacs::RetrieveMethod::Get};
    }

    void cleanupTestCase()
    {
        if (m_orthanc) m_orthanc->stop();
    }

    void echo()
    {
        const Status status = pacs::echo(m_node, m_options);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
    }

    void storeSamples()
    {
        std::vector<std::string> files;
        for (const auto &[uid, object] : m_objects) files.push_back(object.path.toStdString());
        // Real chest images (JPEG baseline) when the shared data is there. Both files share one
        // SOP Instance UID; Orthanc keeps the first (OverwriteInstances false).
        const QDir chest(QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/chest"));
        for (const QString &name : chest.entryList({"*.dcm"}, QDir::Files, QDir::Name)) {
            const SampleObject object = test::readObject(chest.filePath(name));
            if (object.sopUid.empty()) continue;
            files.push_back(object.path.toStdString());
            if (!m_objects.count(object.sopUid)) m_objects[object.sopUid] = object;
            m_chestStudyUid = object.studyUid;
        }
        int progressCalls = 0;
        auto summary = pacs::store(m_node, files, m_options, [&](const pacs::Progress &) { ++progressCalls; });
        QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().message.c_str());
        QCOMPARE(summary->failed, 0);
        QCOMPARE(summary->sent, int(files.size()));
        QCOMPARE(progressCalls, int(files.size()));
    }

    void findStudies_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // indexes into m_studies, comma separated
        QTest::newRow("all") << "" << "" << "0,1";
        QTest::newRow("name exact") << "name" << "DOE^JANE" << "0";
        QTest::newRow("name wildcard") << "name" << "SMI*" << "1";
        QTest::newRow("name lower-case wildcard") << "name" << "*jane" << "0";
        QTest::newRow("patient id") << "id" << "RS-P002" << "1";
        QTest::newRow("date single") << "date" << "20240105-20240105" << "0";
        QTest::newRow("date range") << "date" << "20240101-20241231" << "0,1";
        QTest::newRow("date open start") << "date" << "-20240201" << "0";
        QTest::newRow("date open end") << "date" << "20240201-" << "1";
        QTest::newRow("modality CR") << "modality" << "CR" << "0";
        QTest::newRow("modality SR") << "modality" << "SR" << "0";
        QTest::newRow("modality DX") << "modality" << "DX" << "1";
        QTest::newRow("accession") << "accession" << "ACC-2002" << "1";
        QTest::newRow("description wildcard") << "description" << "*LATERAL*" << "1";
        QTest::newRow("no match") << "id" << "NOBODY" << "";
    }

    void findStudies()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        pacs::StudyQuery query;
        const std::string v = value.toStdString();
        if (field == "name") query.patientName = v;
        else if (field == "id") query.patientId = v;
        else if (field == "modality") query.modality = v;
        else if (field == "accession") query.accessionNumber = v;
        else if (field == "description") query.description = v;
        else if (field == "date") {
            const QStringList parts = value.split('-');
            query.dateFrom = parts.value(0).toStdString();
            query.dateTo = parts.value(1).toStdString();
        }
        auto found = pacs::findStudies(m_node, query, m_options);
        QVERIFY2(found.ok(), found.ok() ? "" : found.error().message.c_str());
        std::set<std::string> want;
        for (const QString &index : expected.split(',', Qt::SkipEmptyParts)) want.insert(m_studies[size_t(index.toInt())].studyUid);
        QCOMPARE(ourStudies(uidsOf(found.value())), want);
        for (const auto &s : found.value()) {
            for (const auto &study : m_studies) {
                if (study.studyUid != s.studyInstanceUid) continue;
                QCOMPARE(s.patientName, study.patientName);
                QCOMPARE(s.patientId, study.patientId);
                QCOMPARE(s.studyDate, study.studyDate);
                QCOMPARE(s.accessionNumber, study.accession);
                QCOMPARE(s.description, study.description);
            }
        }
    }

    void findSeries()
    {
        auto series = pacs::findSeries(m_node, m_studies[0].studyUid, m_options);
        QVERIFY2(series.ok(), series.ok() ? "" : series.error().message.c_str());
        QCOMPARE(int(series->size()), 2);
        QCOMPARE(series->at(0).modality, std::string("CR"));
        QCOMPARE(series->at(0).instanceCount, 2);
        QCOMPARE(series->at(1).modality, std::string("SR"));
    }

    void getStudy()
    {
        int progressCalls = 0;
        auto summary = pacs::retrieve(m_node, {m_studies[0].studyUid, {}}, pacs::RetrieveMethod::Get, m_options, m_location,
                                      [&](const pacs::Progress &) { ++progressCalls; });
        QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().message.c_str());
        QCOMPARE(summary->failed, 0);
        QVERIFY(progressCalls > 0);
        checkArrivedIntact(m_studies[0].studyUid, summary->files);
        QCOMPARE(summary->indexed, 3);
    }

    void getCompressedAndRealStudies()
    {
        // The JPEG lossless / RLE study and the real JPEG baseline chest image arrive unchanged.
        std::vector<std::string> studies{m_studies[1].studyUid};
        if (!m_chestStudyUid.empty()) studies.push_back(m_chestStudyUid);
        for (const auto &uid : studies) {
            auto summary = pacs::retrieve(m_node, {uid, {}}, pacs::RetrieveMethod::Get, m_options, m_location);
            QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().message.c_str());
            checkArrivedIntact(uid, summary->files);
        }
    }

    void moveStudy()
    {
        // Fresh store and database: C-MOVE to our own storage SCP.
        pacs::LocalStoreLocation location{m_dir.filePath("move/store").toStdString(), m_dir.filePath("move/studies.sqlite").toStdString()};
        auto summary = pacs::retrieve(m_node, {m_studies[1].studyUid, {}}, pacs::RetrieveMethod::Move, m_options, location);
        QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().message.c_str());
        QCOMPARE(summary->completed, 2);
        QCOMPARE(summary->failed, 0);
        checkArrivedIntact(m_studies[1].studyUid, summary->files);
        // Then one series of study 1.
        auto series = pacs::findSeries(m_node, m_studies[0].studyUid, m_options);
        QVERIFY(series.ok() && !series->empty());
        auto one = pacs::retrieve(m_node, {m_studies[0].studyUid, series->at(0).seriesInstanceUid}, pacs::RetrieveMethod::Move,
                                  m_options, location);
        QVERIFY2(one.ok(), one.ok() ? "" : one.error().message.c_str());
        QCOMPARE(int(one->files.size()), 2);
        pacs::StudyDatabase database;
        QVERIFY(database.open(location.databasePath).ok());
        QCOMPARE(database.instanceCount().value(), 4);
        QCOMPARE(database.studyCount().value(), 2);
    }

    void moveToUnknownDestinationFails()
    {
        pacs::NetworkOptions options = m_options;
        options.ourAeTitle = "UNDECLARED";
        auto summary = pacs::retrieve(m_node, {m_studies[1].studyUid, {}}, pacs::RetrieveMethod::Move, options,
                                      {m_dir.filePath("move2/store").toStdString(), m_dir.filePath("move2/db.sqlite").toStdString()});
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error().message.find("C-MOVE") != std::string::npos, summary.error().message.c_str());
    }

    void reRetrieveDoesNotDuplicate()
    {
        pacs::StudyDatabase database;
        QVERIFY(database.open(m_location.databasePath).ok());
        const int instancesBefore = database.instanceCount().value();
        const int studiesBefore = database.studyCount().value();
        database.close();
        auto summary = pacs::retrieve(m_node, {m_studies[0].studyUid, {}}, pacs::RetrieveMethod::Get, m_options, m_location);
        QVERIFY(summary.ok());
        QCOMPARE(summary->indexed, 3);
        QVERIFY(database.open(m_location.databasePath).ok());
        QCOMPARE(database.instanceCount().value(), instancesBefore);
        QCOMPARE(database.studyCount().value(), studiesBefore);
        // The files on disk are not duplicated either.
        int files = 0;
        QDirIterator it(QString::fromStdString(m_location.storeDirectory), {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++files;
        }
        QCOMPARE(files, instancesBefore);
        // The database survives a reopen and answers searches.
        pacs::LocalQuery byName;
        byName.patientName = "doe*";
        auto found = database.searchStudies(byName);
        QVERIFY(found.ok());
        QCOMPARE(int(found->size()), 1);
        QCOMPARE(found->at(0).studyInstanceUid, m_studies[0].studyUid);
        QCOMPARE(found->at(0).instanceCount, 3);
        QCOMPARE(found->at(0).modalities, std::string("CR\\SR"));
    }

    void storeRetrievedBack()
    {
        // A received file can be sent again (here to the same server: it already has it).
        pacs::StudyDatabase database;
        QVERIFY(database.open(m_location.databasePath).ok());
        auto instances = database.instances(m_studies[1].studyUid);
        QVERIFY(instances.ok());
        QCOMPARE(int(instances->size()), 2);
        std::vector<std::string> files;
        for (const auto &in : instances.value()) files.push_back(in.path);
        auto summary = pacs::store(m_node, files, m_options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->sent, 2);
    }

    // Issue 24, finding 2 (C-GET): an object nested 100 sequences deep, held by the PACS (sent there
    // with DCMTK's storescu; RadSynth's own store refuses it), reaches RadSynth by C-GET. It is
    // received to disk unparsed and refused by the nesting pre-scan before DCMTK parses it: nothing
    // of it is stored, the retrieve reports the failure, the process lives.
    void getOfANestedObjectIsRefusedBeforeParsing()
    {
        const QString storescu = QStandardPaths::findExecutable(QStringLiteral("storescu"));
        if (storescu.isEmpty())
            QSKIP("storescu (Debian package dcmtk) is not installed");
        const std::string study = "1.2.826.0.1.3680043.8.498.246.1", sop = "1.2.826.0.1.3680043.8.498.246.3";
        const QString path = m_dir.filePath(QStringLiteral("nested-100.dcm"));
        {
            DcmFileFormat file;
            DcmDataset *d = file.getDataset();
            d->putAndInsertString(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
            d->putAndInsertString(DCM_SOPInstanceUID, sop.c_str());
            d->putAndInsertString(DCM_StudyInstanceUID, study.c_str());
            d->putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.8.498.246.2");
            d->putAndInsertString(DCM_PatientName, "Nested^Object");
            d->putAndInsertString(DCM_PatientID, "NESTED-1");
            d->putAndInsertString(DCM_Modality, "OT");
            DcmItem *item = d;
            for (int i = 0; i < 100; ++i) {
                DcmItem *child = nullptr;
                item->findOrCreateSequenceItem(DCM_ContentSequence, child, 0);
                item = child;
            }
            QVERIFY(file.saveFile(path.toStdString().c_str(), EXS_LittleEndianExplicit).good());
        }
        QProcess send;
        send.setProcessChannelMode(QProcess::MergedChannels);
        send.start(storescu, {QStringLiteral("-aec"), QStringLiteral("ORTHANCTEST"), QStringLiteral("127.0.0.1"),
                              QString::number(m_orthanc->dicomPort), path});
        QVERIFY(send.waitForFinished(30000));
        QVERIFY2(send.exitCode() == 0, send.readAll().constData());

        auto summary = pacs::retrieve(m_node, {study, {}}, pacs::RetrieveMethod::Get, m_options, m_location);
        QVERIFY2(!summary.ok() || summary->failed > 0, "the nested object was accepted");
        QDirIterator it(QString::fromStdString(m_location.storeDirectory), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QVERIFY2(!file.contains(QString::fromStdString(study)), qPrintable(file + QStringLiteral(" was stored")));
            QVERIFY2(!file.contains(QStringLiteral("/.incoming/")), qPrintable(file + QStringLiteral(" was left in .incoming")));
        }
        // The connection to the PACS still works.
        QVERIFY(pacs::echo(m_node, m_options).ok());
    }

    void cancelBeforeStart()
    {
        std::atomic_bool cancel{true};
        pacs::NetworkOptions options = m_options;
        options.cancel = &cancel;
        auto summary = pacs::retrieve(m_node, {m_studies[0].studyUid, {}}, pacs::RetrieveMethod::Get, options, m_location);
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error().message.find("cancelled") != std::string::npos, summary.error().message.c_str());
        QVERIFY(summary.isCancelled());
    }

    void cli()
    {
        const QString program = QStringLiteral(RADSYNTH_BINARY_DIR "/bin/radsynth-cli");
        if (!QFileInfo::exists(program)) QSKIP("radsynth-cli is not built");
        const QStringList connection{"--aet", "ORTHANCTEST", "--host", "127.0.0.1", "--port", QString::number(m_orthanc->dicomPort),
                                     "--our-aet", QString::fromStdString(m_options.ourAeTitle), "--timeout", "5"};
        QProcess process;
        process.start(program, QStringList{"pacs", "echo"} + connection);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        process.start(program, QStringList{"pacs", "find", "--json", "--name", "SMITH*"} + connection);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QJsonArray array = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.at(0).toObject().value("studyInstanceUid").toString().toStdString(), m_studies[1].studyUid);
        QCOMPARE(array.at(0).toObject().value("accessionNumber").toString(), QString("ACC-2002"));
        process.start(program, QStringList{"pacs", "get", QString::fromStdString(m_studies[1].studyUid), "--store-dir",
                                           m_dir.filePath("cli/store"), "--database", m_dir.filePath("cli/db.sqlite")} + connection);
        QVERIFY(process.waitForFinished(60000));
        const QString output = QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(output.contains("progress:"), qPrintable(output));
        QVERIFY2(output.contains("2 files stored"), qPrintable(output));
        // Failure: one line on stderr, non-zero exit.
        process.start(program, QStringList{"pacs", "echo", "--aet", "WRONG", "--host", "127.0.0.1", "--port",
                                           QString::number(m_orthanc->dicomPort), "--timeout", "5"});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY(process.exitCode() != 0);
        const QString error = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY2(error.startsWith("radsynth-cli pacs echo:") && !error.contains('\n'), qPrintable(error));
    }

    void wrongCalledAeTitleFails()
    {
        pacs::Node node = m_node;
        node.aeTitle = "NOTORTHANC";
        QElapsedTimer timer;
        timer.start();
        const Status status = pacs::echo(node, m_options);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.find("rejected the association") != std::string::npos, status.error().message.c_str());
        QVERIFY2(timer.elapsed() < 20000, "did not fail within the timeout"); // hang guard, not a speed test
        auto found = pacs::findStudies(node, {}, m_options);
        QVERIFY(!found.ok());
    }

    void silentPeerTimesOut()
    {
        // Accepts TCP connections (the kernel completes them) and never says a word.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        pacs::Node node{"silent", "SILENT", "127.0.0.1", int(silent.serverPort()), pacs::RetrieveMethod::Get};
        pacs::NetworkOptions options = m_options;
        options.setTimeout(2);
        QElapsedTimer timer;
        timer.start();
        const Status status = pacs::echo(node, options);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.find("no answer within") != std::string::npos, status.error().message.c_str());
        QVERIFY2(timer.elapsed() < 15000, "did not fail within the timeout"); // hang guard
        auto found = pacs::findStudies(node, {}, options);
        QVERIFY(!found.ok());
    }

    void stoppedServerIsRefused()
    {
        m_orthanc->stop();
        QVERIFY(!m_orthanc->running());
        QElapsedTimer timer;
        timer.start();
        const Status status = pacs::echo(m_node, m_options);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.find("connection refused") != std::string::npos, status.error().message.c_str());
        QVERIFY2(timer.elapsed() < 15000, "did not fail within the timeout");
        auto summary = pacs::retrieve(m_node, {m_studies[0].studyUid, {}}, pacs::RetrieveMethod::Move, m_options, m_location);
        QVERIFY(!summary.ok());
        auto stored = pacs::store(m_node, {m_objects.begin()->second.path.toStdString()}, m_options);
        QVERIFY(!stored.ok());
    }
};

QTEST_GUILESS_MAIN(TestPacsOrthanc)
#include "tst_pacsorthanc.moc"
