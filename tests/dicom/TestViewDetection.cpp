// View detection cases, drawn from the header variety in the IU X-ray metadata
// (ViewPosition PA/AP/LL/RL/LATERAL/"LARGE LATERAL"/empty, PatientOrientation L\F, A\F, P\F, R\F,
// procedure meanings such as "Xray Chest PA and Lateral").
#include "radsynth/dicom/ViewDetection.h"

#include <QTest>

using namespace radsynth::dicom;

class TestViewDetection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detect_data()
    {
        QTest::addColumn<QString>("viewPosition");
        QTest::addColumn<QString>("orientation");
        QTest::addColumn<QString>("seriesDescription");
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("studyDescription");
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("projection");
        QTest::addColumn<QString>("source");

        QTest::newRow("vp PA") << "PA" << "L\\F" << "" << "" << "" << "frontal" << "PA" << "ViewPosition";
        QTest::newRow("vp AP lower case") << " ap " << "" << "" << "" << "" << "frontal" << "AP" << "ViewPosition";
        QTest::newRow("vp LL beats orientation") << "LL" << "L\\F" << "" << "" << "" << "lateral" << "LL" << "ViewPosition";
        QTest::newRow("vp RL") << "RL" << "A\\F" << "" << "" << "" << "lateral" << "RL" << "ViewPosition";
        QTest::newRow("vp LATERAL") << "LATERAL" << "" << "" << "" << "" << "lateral" << "LATERAL" << "ViewPosition";
        QTest::newRow("vp LARGE LATERAL") << "LARGE LATERAL" << "" << "" << "" << "" << "lateral" << "LATERAL" << "ViewPosition";
        QTest::newRow("vp decubitus") << "LLD" << "" << "" << "" << "" << "frontal" << "LLD" << "ViewPosition";
        QTest::newRow("orientation L\\F") << "" << "L\\F" << "" << "" << "" << "frontal" << "" << "PatientOrientation";
        QTest::newRow("orientation R\\F") << "" << "R\\F" << "" << "" << "" << "frontal" << "" << "PatientOrientation";
        QTest::newRow("orientation A\\F") << "" << "A\\F" << "" << "" << "" << "lateral" << "" << "PatientOrientation";
        QTest::newRow("orientation P\\F") << "" << "P\\F" << "" << "" << "" << "lateral" << "" << "PatientOrientation";
        QTest::newRow("orientation odd") << "" << "L\\P" << "CHEST LAT" << "" << "" << "lateral" << "LATERAL" << "SeriesDescription";
        QTest::newRow("series PA") << "" << "" << "CHEST PA" << "" << "" << "frontal" << "PA" << "SeriesDescription";
        QTest::newRow("series lat.") << "" << "" << "Thorax lat." << "" << "" << "lateral" << "LATERAL" << "SeriesDescription";
        QTest::newRow("series frontal") << "" << "" << "CHEST SINGLE VIEW FRONTAL" << "" << "" << "frontal" << "" << "SeriesDescription";
        QTest::newRow("series italian") << "" << "" << "Torace laterale" << "" << "" << "lateral" << "LATERAL" << "SeriesDescription";
        QTest::newRow("series both -> protocol") << "" << "" << "Xray Chest PA and Lateral" << "XR CHEST LL" << "" << "lateral" << "LL" << "ProtocolName";
        QTest::newRow("two-view study only") << "" << "" << "" << "" << "CHEST 2V FRONTAL/LATERAL" << "unknown" << "" << "";
        QTest::newRow("study PA/AP") << "" << "" << "" << "" << "Xray Chest PA/AP Portable" << "frontal" << "" << "StudyDescription";
        QTest::newRow("no substring match") << "" << "" << "PAIN CLINIC" << "PLATE" << "" << "unknown" << "" << "";
        QTest::newRow("nothing") << "" << "" << "" << "" << "" << "unknown" << "" << "";
    }

    void detect()
    {
        QFETCH(QString, viewPosition);
        QFETCH(QString, orientation);
        QFETCH(QString, seriesDescription);
        QFETCH(QString, protocol);
        QFETCH(QString, studyDescription);
        QFETCH(QString, view);
        QFETCH(QString, projection);
        QFETCH(QString, source);
        ViewAttributes a;
        a.viewPosition = viewPosition.toStdString();
        a.patientOrientation = orientation.toStdString();
        a.seriesDescription = seriesDescription.toStdString();
        a.protocolName = protocol.toStdString();
        a.studyDescription = studyDescription.toStdString();
        const ViewInfo info = detectView(a);
        QCOMPARE(QString::fromLatin1(toString(info.view)), view);
        QCOMPARE(QString::fromStdString(info.projection), projection);
        QCOMPARE(QString::fromStdString(info.source), source);
    }

    void codeSequence()
    {
        ViewAttributes a;
        a.codeMeaning = "postero-anterior";
        QCOMPARE(detectView(a).projection, std::string("PA"));
        a.codeMeaning = "left lateral";
        QCOMPARE(detectView(a).view, View::Lateral);
        QCOMPARE(detectView(a).source, std::string("ViewCodeSequence"));
    }
};

QTEST_GUILESS_MAIN(TestViewDetection)
#include "TestViewDetection.moc"
