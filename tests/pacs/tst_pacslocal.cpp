// core/pacs without a server: PACS settings in QSettings, AE title checks, the local study database.
#include "SampleStudies.h"

#include "radsynth/pacs/PacsSettings.h"
#include "radsynth/pacs/StudyDatabase.h"

#include <QTemporaryDir>
#include <set>
#include <QtTest>

using namespace radsynth;

class TestPacsLocal : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<test::SampleStudy> m_studies;
    std::map<std::string, test::SampleObject> m_objects;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_objects = test::writeSampleStudies(m_dir.filePath("samples"), m_studies);
        QCOMPARE(int(m_objects.size()), 5);
    }

    void settingsRoundTrip()
    {
        QSettings settings(m_dir.filePath("settings.ini"), QSettings::IniFormat);
        pacs::PacsSettings written;
        written.ourAeTitle = "WORKSTATION1";
        written.storagePort = 11999;
        written.timeoutSeconds = 7;
        written.nodes.push_back({"Main PACS", "MAINPACS", "pacs.example.org", 4242, pacs::RetrieveMethod::Move});
        written.nodes.push_back({"Archive", "ARCHIVE", "10.0.0.5", 104, pacs::RetrieveMethod::Get});
        pacs::saveSettings(settings, written);
        QSettings again(m_dir.filePath("settings.ini"), QSettings::IniFormat);
        const pacs::PacsSettings read = pacs::loadSettings(again);
        QCOMPARE(read.ourAeTitle, written.ourAeTitle);
        QCOMPARE(read.storagePort, 11999);
        QCOMPARE(read.timeoutSeconds, 7);
        QCOMPARE(int(read.nodes.size()), 2);
        const pacs::Node *main = read.findNode("Main PACS");
        QVERIFY(main);
        QCOMPARE(main->aeTitle, std::string("MAINPACS"));
        QCOMPARE(main->host, std::string("pacs.example.org"));
        QCOMPARE(main->port, 4242);
        QVERIFY(main->retrieveMethod == pacs::RetrieveMethod::Move);
        QVERIFY(read.findNode("Archive")->retrieveMethod == pacs::RetrieveMethod::Get);
        QVERIFY(!read.findNode("missing"));
        QCOMPARE(read.networkOptions().dimseTimeoutSeconds, 7);
        // Removing a node removes it from the file too.
        pacs::PacsSettings fewer = read;
        fewer.nodes.pop_back();
        pacs::saveSettings(again, fewer);
        QSettings third(m_dir.filePath("settings.ini"), QSettings::IniFormat);
        QCOMPARE(int(pacs::loadSettings(third).nodes.size()), 1);
    }

    void aeTitles_data()
    {
        QTest::addColumn<QString>("ae");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "RADSYNTH" << true;
        QTest::newRow("16 chars") << "ABCDEFGHIJKLMNOP" << true;
        QTest::newRow("17 chars") << "ABCDEFGHIJKLMNOPQ" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("spaces") << "   " << false;
        QTest::newRow("backslash") << "A\\B" << false;
        QTest::newRow("control") << "A\tB" << false;
    }

    void aeTitles()
    {
        QFETCH(QString, ae);
        QFETCH(bool, valid);
        QCOMPARE(pacs::validateAeTitle(ae.toStdString()).ok(), valid);
    }

    void nodeValidation()
    {
        QVERIFY(pacs::validate({"a", "AE", "host", 104, pacs::RetrieveMethod::Get}).ok());
        QVERIFY(!pacs::validate({"", "AE", "host", 104, pacs::RetrieveMethod::Get}).ok());
        QVERIFY(!pacs::validate({"a", "AE", "", 104, pacs::RetrieveMethod::Get}).ok());
        QVERIFY(!pacs::validate({"a", "AE", "host", 0, pacs::RetrieveMethod::Get}).ok());
        QVERIFY(!pacs::validate({"a", "AE", "host", 70000, pacs::RetrieveMethod::Get}).ok());
        pacs::RetrieveMethod method;
        QVERIFY(pacs::parseRetrieveMethod("C-MOVE", method) && method == pacs::RetrieveMethod::Move);
        QVERIFY(pacs::parseRetrieveMethod("get", method) && method == pacs::RetrieveMethod::Get);
        QVERIFY(!pacs::parseRetrieveMethod("push", method));
    }

    void databaseIndexAndSearch()
    {
        const std::string path = m_dir.filePath("db/studies.sqlite").toStdString();
        {
            pacs::StudyDatabase database;
            QVERIFY(database.open(path).ok());
            auto indexed = database.indexFiles({m_dir.filePath("samples").toStdString()});
            QVERIFY2(indexed.ok(), indexed.ok() ? "" : indexed.error().message.c_str());
            QCOMPARE(indexed.value(), 5);
            // Indexing again updates, never duplicates.
            QCOMPARE(database.indexFiles({m_dir.filePath("samples").toStdString()}).value(), 5);
            QCOMPARE(database.instanceCount().value(), 5);
            QCOMPARE(database.studyCount().value(), 2);
        }
        // Reopened (as after a restart): still there, searchable.
        pacs::StudyDatabase database;
        QVERIFY(database.open(path).ok());
        QCOMPARE(database.instanceCount().value(), 5);
        auto search = [&](const pacs::LocalQuery &query) {
            std::set<std::string> uids;
            auto found = database.searchStudies(query);
            if (found.ok())
                for (const auto &s : found.value()) uids.insert(s.studyInstanceUid);
            return uids;
        };
        const std::set<std::string> first{m_studies[0].studyUid}, second{m_studies[1].studyUid},
            both{m_studies[0].studyUid, m_studies[1].studyUid}, none;
        pacs::LocalQuery q;
        QCOMPARE(search(q), both);
        q = {};
        q.patientName = "smith";
        QCOMPARE(search(q), second);
        q.patientName = "*jane";
        QCOMPARE(search(q), first);
        q.patientName = "D?E^*";
        QCOMPARE(search(q), first);
        q = {};
        q.patientId = "RS-P001";
        QCOMPARE(search(q), first);
        q.patientId = "RS-P00";
        QCOMPARE(search(q), none);
        q = {};
        q.dateFrom = "20240201";
        QCOMPARE(search(q), second);
        q.dateTo = "20240301";
        QCOMPARE(search(q), none);
        q = {};
        q.dateTo = "20240105";
        QCOMPARE(search(q), first);
        q = {};
        q.modality = "sr";
        QCOMPARE(search(q), first);
        q.modality = "DX";
        QCOMPARE(search(q), second);
        q = {};
        q.accessionNumber = "ACC-2*";
        QCOMPARE(search(q), second);
        auto studies = database.searchStudies({});
        QVERIFY(studies.ok());
        QCOMPARE(studies->front().studyInstanceUid, m_studies[1].studyUid); // newest first
        QCOMPARE(studies->front().modalities, std::string("DX\\OT"));
        QCOMPARE(studies->front().seriesCount, 2);
        auto instances = database.instances(m_studies[0].studyUid);
        QVERIFY(instances.ok());
        QCOMPARE(int(instances->size()), 3);
        for (const auto &in : instances.value()) QVERIFY(QFileInfo::exists(QString::fromStdString(in.path)));
        QVERIFY(database.removeStudy(m_studies[0].studyUid).ok());
        QCOMPARE(database.instanceCount().value(), 2);
        QCOMPARE(search({}), second);
    }

    void databaseErrors()
    {
        pacs::StudyDatabase database;
        QVERIFY(!database.searchStudies({}).ok()); // not open
        // A folder where the file should be: a clear error, no crash.
        QDir().mkpath(m_dir.filePath("blocked.sqlite"));
        const Status status = database.open(m_dir.filePath("blocked.sqlite").toStdString());
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.find("study database") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestPacsLocal)
#include "tst_pacslocal.moc"
