// Loader over fixtures written by DCMTK (and GDCM for JPEG 2000) in this test: every bit depth,
// polarity, sign, rescale and compressed syntax must give back exactly the stored values written
// (lossy syntaxes: within a small error), plus windows, VOI LUT, spacing, frames, DICOMDIR, SR.
#include "DicomFixtures.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/ModelInput.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

using namespace radsynth;
using radsynth::testing::FixtureSpec;
using radsynth::testing::Syntax;
Q_DECLARE_METATYPE(radsynth::testing::Syntax)

class TestDicomFixtures : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    std::string write(const FixtureSpec &spec)
    {
        const std::string path = m_dir.filePath(QStringLiteral("f%1.dcm").arg(++m_counter)).toStdString();
        const std::string error = testing::writeFixture(path, spec);
        if (!error.empty())
            qWarning("%s", error.c_str());
        return error.empty() ? path : std::string();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTrip_data()
    {
        QTest::addColumn<int>("bitsAllocated");
        QTest::addColumn<int>("bitsStored");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<QString>("photometric");
        QTest::addColumn<Syntax>("syntax");
        const Syntax all[] = {Syntax::ExplicitLittle, Syntax::ImplicitLittle, Syntax::ExplicitBig, Syntax::Deflated,
                              Syntax::JpegLossless, Syntax::JpegLsLossless, Syntax::Rle, Syntax::Jpeg2000Lossless};
        for (Syntax s : all) {
            const QString name = QString::fromLatin1(testing::toString(s));
            QTest::newRow(qPrintable(name + "/8bit")) << 8 << 8 << false << "MONOCHROME2" << s;
            QTest::newRow(qPrintable(name + "/12bit")) << 16 << 12 << false << "MONOCHROME2" << s;
            QTest::newRow(qPrintable(name + "/16bit")) << 16 << 16 << false << "MONOCHROME2" << s;
            QTest::newRow(qPrintable(name + "/12bit-mono1")) << 16 << 12 << false << "MONOCHROME1" << s;
            QTest::newRow(qPrintable(name + "/12bit-signed")) << 16 << 12 << true << "MONOCHROME2" << s;
        }
        QTest::newRow("jpeg-baseline/8bit") << 8 << 8 << false << "MONOCHROME2" << Syntax::JpegBaseline;
        QTest::newRow("jpeg-extended/12bit") << 16 << 12 << false << "MONOCHROME2" << Syntax::JpegExtended;
        QTest::newRow("jpeg-extended/12bit-mono1") << 16 << 12 << false << "MONOCHROME1" << Syntax::JpegExtended;
    }

    void roundTrip()
    {
        QFETCH(int, bitsAllocated);
        QFETCH(int, bitsStored);
        QFETCH(bool, isSigned);
        QFETCH(QString, photometric);
        QFETCH(Syntax, syntax);
        FixtureSpec spec;
        spec.width = 41; // odd sizes catch row padding and odd-length mistakes
        spec.height = 29;
        spec.bitsAllocated = bitsAllocated;
        spec.bitsStored = bitsStored;
        spec.isSigned = isSigned;
        spec.photometric = photometric.toStdString();
        spec.syntax = syntax;
        if (syntax == Syntax::JpegLsLossless && isSigned) // CharLS asserts (aborts) on signed samples
            QSKIP("DCMTK's JPEG-LS encoder cannot write signed pixels, so no fixture");
        const std::string path = write(spec);
        QVERIFY(!path.empty());

        const auto collection = dicom::scan({path});
        QCOMPARE(collection.instanceCount(), size_t(1));
        const dicom::Instance &instance = *collection.instances().front();
        QVERIFY2(instance.error.empty(), instance.error.c_str());
        QCOMPARE(instance.columns, 41);
        QCOMPARE(instance.rows, 29);
        QCOMPARE(instance.bitsStored, bitsStored);
        QCOMPARE(instance.isSigned, isSigned);

        auto image = dicom::decodeFrame(path);
        QVERIFY2(image.ok(), image ? "" : image.error().toString().c_str());
        QCOMPARE(image->width, 41);
        QCOMPARE(image->height, 29);
        QCOMPARE(image->isSigned, isSigned);
        QCOMPARE(image->monochrome1, photometric == QLatin1String("MONOCHROME1"));
        const auto expected = testing::expectedStored(spec, 0);
        QCOMPARE(image->stored.size(), expected.size());
        if (testing::isLossless(syntax)) {
            for (size_t i = 0; i < expected.size(); ++i)
                if (image->stored[i] != expected[i])
                    QFAIL(qPrintable(QStringLiteral("pixel %1: got %2, expected %3").arg(i).arg(image->stored[i]).arg(expected[i])));
        } else {
            double error = 0.0;
            for (size_t i = 0; i < expected.size(); ++i)
                error += std::fabs(image->modalityValue(image->stored[i]) - image->modalityValue(expected[i]));
            const double meanError = error / double(expected.size());
            const double range = double((1 << bitsStored) - 1);
            QVERIFY2(meanError < 0.03 * range, qPrintable(QStringLiteral("mean error %1").arg(meanError)));
        }
        // MONOCHROME1: the lowest value must be displayed white.
        const auto gray = imaging::renderGray8(*image, {imaging::WindowLevel{double(1 << (bitsStored - 1)), double(1 << bitsStored), ""}, false});
        size_t darkest = 0;
        for (size_t i = 0; i < expected.size(); ++i)
            if (image->modalityValue(image->stored[i]) < image->modalityValue(image->stored[darkest]))
                darkest = i;
        if (photometric == QLatin1String("MONOCHROME1"))
            QVERIFY(gray[darkest] > 200);
        else
            QVERIFY(gray[darkest] < 55);
    }

    void rescaleAndWindows()
    {
        FixtureSpec spec;
        spec.rescale = true;
        spec.slope = 0.5;
        spec.intercept = -1024;
        spec.windowCenter = "40\\-600";
        spec.windowWidth = "400\\1500";
        spec.windowExplanation = "SOFT\\LUNG";
        spec.pixelSpacing = "0.2\\0.25";
        const std::string path = write(spec);
        QVERIFY(!path.empty());
        auto image = dicom::decodeFrame(path);
        QVERIFY(image.ok());
        QCOMPARE(image->rescaleSlope, 0.5);
        QCOMPARE(image->rescaleIntercept, -1024.0);
        const auto expected = testing::expectedStored(spec, 0);
        QCOMPARE(image->modalityValueAt(5, 3), expected[3 * 40 + 5] * 0.5 - 1024.0);
        QCOMPARE(image->windows.size(), size_t(2));
        QCOMPARE(image->windows[1].center, -600.0);
        QCOMPARE(image->windows[1].width, 1500.0);
        QCOMPARE(image->windows[1].name, std::string("LUNG"));
        QCOMPARE(image->spacing.rowMm, 0.2);
        QCOMPARE(image->spacing.columnMm, 0.25);
        QCOMPARE(image->spacing.calibration, imaging::Calibration::Calibrated);
        const auto collection = dicom::scan({path});
        QCOMPARE(collection.instances().front()->windows.size(), size_t(2));
    }

    void spacingCalibration()
    {
        FixtureSpec spec;
        spec.imagerPixelSpacing = "0.15\\0.15";
        auto scanned = dicom::scan({write(spec)});
        QCOMPARE(scanned.instances().front()->spacing.calibration, imaging::Calibration::AtDetector);
        spec.pixelSpacing = "0.15\\0.15"; // copied from the detector, no calibration type
        scanned = dicom::scan({write(spec)});
        QCOMPARE(scanned.instances().front()->spacing.calibration, imaging::Calibration::AtDetector);
        spec.pixelSpacing = "0.139\\0.139"; // corrected for magnification
        scanned = dicom::scan({write(spec)});
        QCOMPARE(scanned.instances().front()->spacing.calibration, imaging::Calibration::Calibrated);
        QCOMPARE(scanned.instances().front()->spacing.rowMm, 0.139);
        spec.pixelSpacing.clear();
        spec.imagerPixelSpacing.clear();
        scanned = dicom::scan({write(spec)});
        QCOMPARE(scanned.instances().front()->spacing.calibration, imaging::Calibration::Unknown);
        QVERIFY(!scanned.instances().front()->spacing.valid());
    }

    void voiLut()
    {
        FixtureSpec spec;
        spec.bitsStored = 12;
        std::vector<uint16_t> lut(4096);
        for (size_t i = 0; i < lut.size(); ++i)
            lut[i] = uint16_t(65535 - i * 16); // inverting LUT: proves the table, not a window, is used
        spec.voiLut = lut;
        const std::string path = write(spec);
        auto image = dicom::decodeFrame(path);
        QVERIFY(image.ok());
        QVERIFY(image->voiLut.has_value());
        QCOMPARE(image->voiLut->table.size(), size_t(4096));
        QCOMPARE(image->voiLut->explanation, std::string("FIXTURE LUT"));
        const auto gray = imaging::renderGray8(*image);
        const auto expected = testing::expectedStored(spec, 0);
        for (size_t i = 0; i < expected.size(); i += 97)
            QCOMPARE(int(gray[i]), int(std::lround((65535.0 - expected[i] * 16.0) / 65535.0 * 255.0)));
    }

    // A rescale slope of 1e300 puts modality values beyond any integer; the VOI LUT must still map
    // them to its ends. Found with UBSan (issue 24, finding 6): lround() gave LONG_MIN and the
    // subtraction of the first mapped value overflowed; values above the table showed its first
    // entry (black) instead of its last.
    void voiLutModalityBeyondAnyInteger()
    {
        imaging::Image image;
        image.width = 3;
        image.height = 1;
        image.bitsStored = 10;
        image.stored = {0, 1, 2};
        image.rescaleSlope = 1e300;
        imaging::VoiLut lut;
        lut.bits = 16;
        lut.table = {0, 20000, 40000, 65535};
        image.voiLut = lut;
        auto gray = imaging::renderGray8(image);
        QCOMPARE(int(gray[0]), 0);
        QCOMPARE(int(gray[1]), 255);
        QCOMPARE(int(gray[2]), 255);
        auto values = imaging::displayValues(image);
        QCOMPARE(values[1], 1.0f);
        image.rescaleSlope = -1e300;
        image.voiLut->firstMapped = 5;
        gray = imaging::renderGray8(image);
        QCOMPARE(int(gray[1]), 0);
        QCOMPARE(int(gray[2]), 0);
        values = imaging::displayValues(image);
        QCOMPARE(values[2], 0.0f);
        // Rounding and clamping of ordinary values are as before.
        lut.firstMapped = -10;
        QCOMPARE(lut.indexFor(-7.0), size_t(3));
        QCOMPARE(lut.indexFor(-8.5), size_t(1)); // halves away from zero (-9), as lround
        QCOMPARE(lut.indexFor(-11.0), size_t(0));
        QCOMPARE(lut.indexFor(std::nan("")), size_t(0));
    }

    void multiFrame_data()
    {
        QTest::addColumn<Syntax>("syntax");
        QTest::newRow("native") << Syntax::ExplicitLittle;
        QTest::newRow("rle") << Syntax::Rle;
        QTest::newRow("jpeg-lossless") << Syntax::JpegLossless;
        QTest::newRow("jpeg-ls") << Syntax::JpegLsLossless;
    }

    void multiFrame()
    {
        QFETCH(Syntax, syntax);
        FixtureSpec spec;
        spec.frames = 3;
        spec.syntax = syntax;
        const std::string path = write(spec);
        QVERIFY(!path.empty());
        const auto scanned = dicom::scan({path});
        QCOMPARE(scanned.instances().front()->frames, 3);
        for (int frame = 0; frame < 3; ++frame) {
            auto image = dicom::decodeFrame(path, frame);
            QVERIFY2(image.ok(), image ? "" : image.error().toString().c_str());
            QVERIFY(image->stored == testing::expectedStored(spec, frame));
        }
        auto missing = dicom::decodeFrame(path, 3);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.find("frame 4") != std::string::npos);
    }

    void grouping()
    {
        QTemporaryDir dir;
        FixtureSpec spec;
        spec.studyUid = "1.2.826.0.1.3680043.9.7777.1";
        spec.seriesUid = "1.2.826.0.1.3680043.9.7777.1.1";
        for (int number : {3, 1, 2}) {
            spec.instanceNumber = number;
            QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("i%1.dcm").arg(number)).toStdString(), spec).empty());
        }
        spec.patientName = "Other^Patient";
        spec.patientId = "FIX-0002";
        spec.studyUid = "1.2.826.0.1.3680043.9.7777.2";
        spec.seriesUid.clear();
        QDir(dir.path()).mkpath(QStringLiteral("sub/deeper"));
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("sub/deeper/o.dcm")).toStdString(), spec).empty());
        const auto all = dicom::scan({dir.path().toStdString()});
        QCOMPARE(all.patients.size(), size_t(2));
        QCOMPARE(all.instanceCount(), size_t(4));
        QVERIFY(all.problems.empty());
        const dicom::Patient &first = all.patients[0].patientId == "FIX-0001" ? all.patients[0] : all.patients[1];
        QCOMPARE(first.studies.size(), size_t(1));
        QCOMPARE(first.studies[0].series.size(), size_t(1));
        const auto &instances = first.studies[0].series[0].instances;
        QCOMPARE(instances.size(), size_t(3));
        QCOMPARE(instances[0].instanceNumber, 1);
        QCOMPARE(instances[2].instanceNumber, 3);
        dicom::ScanOptions flat;
        flat.recursive = false;
        QCOMPARE(dicom::scan({dir.path().toStdString()}, flat).instanceCount(), size_t(3));
        std::atomic_bool cancel{true};
        dicom::ScanOptions cancelled;
        cancelled.cancel = &cancel;
        QCOMPARE(dicom::scan({dir.path().toStdString()}, cancelled).instanceCount(), size_t(0));
    }

    void dicomDir()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("IMAGES/SERIES1"));
        std::vector<std::string> files;
        FixtureSpec spec;
        spec.studyUid = "1.2.826.0.1.3680043.9.7777.3";
        spec.seriesUid = "1.2.826.0.1.3680043.9.7777.3.1";
        for (int i = 1; i <= 2; ++i) {
            spec.instanceNumber = i;
            spec.viewPosition = i == 1 ? "PA" : "LL";
            const std::string relative = "IMAGES/SERIES1/IM" + std::to_string(i);
            QVERIFY(testing::writeFixture(dir.filePath(QString::fromStdString(relative)).toStdString(), spec).empty());
            files.push_back(relative);
        }
        // A file not referenced by the DICOMDIR: loading the DICOMDIR must not pick it up.
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("IMAGES/EXTRA")).toStdString(), spec).empty());
        const std::string error = testing::writeDicomDir(dir.path().toStdString(), files);
        QVERIFY2(error.empty(), error.c_str());
        const auto collection = dicom::scan({dir.filePath(QStringLiteral("DICOMDIR")).toStdString()});
        QVERIFY(collection.problems.empty());
        QCOMPARE(collection.instanceCount(), size_t(2));
        const auto instances = collection.instances();
        QCOMPARE(instances[0]->view.view, dicom::View::Frontal);
        QCOMPARE(instances[1]->view.view, dicom::View::Lateral);
        // A referenced file that disappeared is one problem naming it; the rest still loads.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("IMAGES/SERIES1/IM2"))));
        const auto partial = dicom::scan({dir.filePath(QStringLiteral("DICOMDIR")).toStdString()});
        QCOMPARE(partial.instanceCount(), size_t(1));
        QCOMPARE(partial.problems.size(), size_t(1));
        QVERIFY(partial.problems[0].path.find("IM2") != std::string::npos);
        QVERIFY(partial.problems[0].reason.find("missing") != std::string::npos);
    }

    void structuredReport()
    {
        const std::string path = m_dir.filePath(QStringLiteral("sr.dcm")).toStdString();
        QVERIFY(testing::writeTextSr(path, "Small left pleural effusion.", "No pneumothorax.", "Sr^Patient", "SR-1").empty());
        const auto collection = dicom::scan({path});
        QCOMPARE(collection.instanceCount(), size_t(1));
        const dicom::Instance &sr = *collection.instances().front();
        QCOMPARE(sr.kind, dicom::ObjectKind::StructuredReport);
        QVERIFY(sr.kindDescription.find("SR") != std::string::npos);
        QVERIFY2(sr.srText.find("Finding: Small left pleural effusion.") != std::string::npos, sr.srText.c_str());
        QVERIFY(sr.srText.find("Impression: No pneumothorax.") != std::string::npos);
        QVERIFY(sr.srText.find("Diagnostic Imaging Report") != std::string::npos);
        QVERIFY(!dicom::decodeFrame(path).ok()); // listed, never shown as an image
    }

    void tags()
    {
        FixtureSpec spec;
        spec.viewPosition = "PA";
        spec.voiLut = std::vector<uint16_t>(16, 1);
        const std::string path = write(spec);
        auto rows = dicom::readTags(path);
        QVERIFY(rows.ok());
        bool sawView = false, sawMeta = false, sawNested = false, sawPixels = false;
        for (const auto &row : *rows) {
            sawView |= row.keyword == "ViewPosition" && row.value == "PA" && row.vr == "CS" && row.tag == "(0018,5101)";
            sawMeta |= row.tag == "(0002,0010)";
            sawNested |= row.keyword == "LUTExplanation" && row.depth == 2;
            sawPixels |= row.keyword == "PixelData" && row.value.find("bytes") != std::string::npos;
        }
        QVERIFY(sawView);
        QVERIFY(sawMeta);
        QVERIFY(sawNested);
        QVERIFY(sawPixels);
    }
};

QTEST_GUILESS_MAIN(TestDicomFixtures)
#include "TestDicomFixtures.moc"
