// Loads studies whose patients have known names, IDs and birth dates (fixtures written here,
// including broken copies, an SR and a DICOMDIR) through every loader entry point with the log at
// debug level, then reads the log file: it must say what happened (files, counts) and contain
// none of the patient attributes.
#include "DicomFixtures.h"

#include "radsynth/common/Log.h"
#include "radsynth/dicom/Loader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace radsynth;

class TestLogPrivacy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noPatientAttributesInLog()
    {
        QTemporaryDir logDir, data;
        QVERIFY(logDir.isValid() && data.isValid());
        log::Options options;
        options.directory = logDir.path().toStdString();
        options.console = false;
        options.level = spdlog::level::debug;
        log::initialize(options);

        struct Person {
            const char *name, *id, *birth;
        };
        const Person people[] = {{"Zebulon^Quixtar", "PID-99173-XK", "19421103"},
                                 {"Marigold^Vantasse", "MRN0048821", "20010229"},
                                 {"Oksana^Brightwater-Lee", "7781-0043-A", "19880715"}};
        QDir(data.path()).mkpath(QStringLiteral("STUDY/SERIES"));
        std::vector<std::string> dicomDirFiles;
        int index = 0;
        for (const Person &person : people) {
            testing::FixtureSpec spec;
            spec.patientName = person.name;
            spec.patientId = person.id;
            spec.birthDate = person.birth;
            spec.viewPosition = index % 2 ? "LL" : "PA";
            spec.syntax = index == 1 ? testing::Syntax::JpegLossless : testing::Syntax::ExplicitLittle;
            const std::string relative = "STUDY/SERIES/IM" + std::to_string(++index);
            const std::string path = data.filePath(QString::fromStdString(relative)).toStdString();
            QVERIFY(testing::writeFixture(path, spec).empty());
            if (spec.syntax == testing::Syntax::ExplicitLittle) // the general-purpose DICOMDIR profile wants native files
                dicomDirFiles.push_back(relative);
            // A truncated copy and a copy with pixel data missing: error paths log too.
            QFile file(QString::fromStdString(path));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QFile broken(data.filePath(QStringLiteral("broken%1.dcm").arg(index)));
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write(bytes.left(bytes.size() / 2));
            spec.omitPixelData = true;
            QVERIFY(testing::writeFixture(data.filePath(QStringLiteral("nopixels%1.dcm").arg(index)).toStdString(), spec).empty());
        }
        QVERIFY(testing::writeTextSr(data.filePath(QStringLiteral("report.dcm")).toStdString(), "Finding", "Impression",
                                     people[0].name, people[0].id).empty());
        const std::string dicomDirError = testing::writeDicomDir(data.path().toStdString(), dicomDirFiles);
        QVERIFY2(dicomDirError.empty(), dicomDirError.c_str());

        const auto collection = dicom::scan({data.path().toStdString()});
        QVERIFY(collection.instanceCount() >= 7);
        QVERIFY(!collection.problems.empty());
        // The model does carry the attributes (for the screen), so the check below is meaningful.
        bool sawName = false;
        for (const auto &patient : collection.patients)
            sawName |= patient.patientName == people[0].name;
        QVERIFY(sawName);
        for (const dicom::Instance *instance : collection.instances()) {
            (void)dicom::decodeFrame(instance->path);
            (void)dicom::readTags(instance->path);
        }
        (void)dicom::scan({data.filePath(QStringLiteral("DICOMDIR")).toStdString()});
        (void)dicom::decodeFrame(data.filePath(QStringLiteral("broken1.dcm")).toStdString());
        spdlog::default_logger()->flush();

        QFile logFile(QString::fromStdString(log::logFilePath()));
        QVERIFY2(logFile.open(QIODevice::ReadOnly), qPrintable(logFile.fileName()));
        const QByteArray text = logFile.readAll();
        QVERIFY(text.contains("DICOM scan")); // the log did record the loading
        QVERIFY(text.contains("broken1.dcm"));
        for (const Person &person : people) {
            const QByteArray name(person.name);
            for (const QByteArray &part : name.split('^'))
                QVERIFY2(!text.contains(part), part.constData());
            QVERIFY2(!text.contains(name), person.name);
            QVERIFY2(!text.contains(person.id), person.id);
            QVERIFY2(!text.contains(person.birth), person.birth);
        }
    }
};

QTEST_GUILESS_MAIN(TestLogPrivacy)
#include "TestLogPrivacy.moc"
