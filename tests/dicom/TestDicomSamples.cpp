// The loader over the real files in ../shared/data/dicom (skipped when absent): every transfer
// syntax a viewer should show decodes to the right size with plausible values, the same MR image
// in seven encodings decodes to identical stored values, colour images keep their colours, and
// the whole folder (with its broken and non-image files) loads without stopping.
#include "radsynth/dicom/Loader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace radsynth;

namespace {
QString dataDir()
{
    return QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom");
}
std::string sample(const char *relative)
{
    return (dataDir() + QLatin1Char('/') + QString::fromLatin1(relative)).toStdString();
}
} // namespace

class TestDicomSamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!QDir(dataDir()).exists())
            QSKIP("../shared/data/dicom is not present on this machine: real-file loader tests skipped");
    }

    void decode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("color");
        QTest::addColumn<bool>("monochrome1");
        // file, size, colour, MONOCHROME1
        QTest::newRow("JPEG baseline chest") << "chest/cr-chest-pa-jpeg-baseline.dcm" << 1024 << 1024 << false << false;
        QTest::newRow("JPEG baseline chest MONOCHROME1") << "chest/cr-chest-pa-jpeg-baseline-monochrome1.dcm" << 1024 << 1024 << false << true;
        QTest::newRow("explicit little") << "pydicom/CT_small.dcm" << 128 << 128 << false << false;
        QTest::newRow("implicit little") << "pydicom/MR_small_implicit.dcm" << 64 << 64 << false << false;
        QTest::newRow("explicit big") << "pydicom/MR_small_bigendian.dcm" << 64 << 64 << false << false;
        QTest::newRow("deflated") << "pydicom/image_dfl.dcm" << 512 << 512 << false << false;
        QTest::newRow("JPEG extended 12 bit") << "pydicom/JPGExtended.dcm" << 256 << 1024 << false << false;
        QTest::newRow("JPEG lossy 12 bit") << "pydicom/JPEG-lossy.dcm" << 256 << 1024 << false << false;
        QTest::newRow("JPEG lossless RGB") << "pydicom/SC_rgb_jpeg_gdcm.dcm" << 100 << 100 << true << false;
        QTest::newRow("JPEG-LS lossless") << "pydicom/MR_small_jpeg_ls_lossless.dcm" << 64 << 64 << false << false;
        QTest::newRow("RLE") << "pydicom/MR_small_RLE.dcm" << 64 << 64 << false << false;
        QTest::newRow("RLE RGB") << "pydicom/SC_rgb_rle.dcm" << 100 << 100 << true << false;
        QTest::newRow("RLE RGB 16 bit") << "pydicom/SC_rgb_rle_16bit.dcm" << 100 << 100 << true << false;
        QTest::newRow("J2K lossless CR") << "pydicom/RG3_J2KR.dcm" << 1760 << 1760 << false << true;
        QTest::newRow("J2K lossy CR") << "pydicom/RG3_J2KI.dcm" << 1760 << 1760 << false << true;
        QTest::newRow("J2K lossy") << "pydicom/JPEG2000.dcm" << 256 << 1024 << false << false;
        QTest::newRow("J2K lossless MR") << "pydicom/MR_small_jp2klossless.dcm" << 64 << 64 << false << false;
        QTest::newRow("J2K 14 bit") << "pydicom/693_J2KI.dcm" << 512 << 512 << false << false;
        QTest::newRow("J2K pixel representation mismatch") << "pydicom/J2K_pixelrep_mismatch.dcm" << 512 << 512 << false << false;
        QTest::newRow("J2K RGB") << "pydicom/SC_rgb_gdcm_KY.dcm" << 100 << 100 << true << false;
        QTest::newRow("J2K YBR_RCT") << "pydicom/GDCMJ2K_TextGBR.dcm" << 400 << 400 << true << false;
        QTest::newRow("YBR_FULL_422 native") << "pydicom/SC_ybr_full_422_uncompressed.dcm" << 100 << 100 << true << false;
        QTest::newRow("RGB big endian") << "pydicom/ExplVR_BigEnd.dcm" << 80 << 60 << true << false;
        QTest::newRow("DICOMDIR CR") << "pydicom/dicomdirtests/77654033/CR1/6154" << 16 << 16 << false << true;
    }

    void decode()
    {
        QFETCH(QString, file);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, color);
        QFETCH(bool, monochrome1);
        auto image = dicom::decodeFrame(sample(qPrintable(file)));
        QVERIFY2(image.ok(), image ? "" : image.error().toString().c_str());
        QCOMPARE(image->width, width);
        QCOMPARE(image->height, height);
        QCOMPARE(image->isColor(), color);
        if (color) {
            QCOMPARE(image->rgb.size(), image->pixelCount() * 3);
            const auto [lo, hi] = std::minmax_element(image->rgb.begin(), image->rgb.end());
            QVERIFY(*hi - *lo > 100);
            return;
        }
        QCOMPARE(image->monochrome1, monochrome1);
        QCOMPARE(image->stored.size(), image->pixelCount());
        const auto [lo, hi] = image->modalityRange();
        QVERIFY2(hi - lo > 50, qPrintable(QStringLiteral("range %1..%2").arg(lo).arg(hi)));
        const auto gray = imaging::renderGray8(*image);
        const auto [glo, ghi] = std::minmax_element(gray.begin(), gray.end());
        if (width >= 64) // the default display shows contrast (the 16x16 DICOMDIR thumbnails are flat)
            QVERIFY(*ghi - *glo > 100);
    }

    // The same MR image in seven encodings: identical stored values.
    void sameImageEverySyntax()
    {
        auto reference = dicom::decodeFrame(sample("pydicom/MR_small.dcm"));
        QVERIFY(reference.ok());
        for (const char *name : {"pydicom/MR_small_implicit.dcm", "pydicom/MR_small_bigendian.dcm", "pydicom/MR_small_expb.dcm",
                                 "pydicom/MR_small_RLE.dcm", "pydicom/MR_small_jpeg_ls_lossless.dcm",
                                 "pydicom/MR_small_jp2klossless.dcm", "pydicom/MR_small_padded.dcm"}) {
            auto other = dicom::decodeFrame(sample(name));
            QVERIFY2(other.ok(), name);
            QVERIFY2(other->stored == reference->stored, name);
            QCOMPARE(other->isSigned, reference->isSigned);
        }
        // JPEG 2000 lossy against lossless of the same radiograph: close, not equal.
        auto lossless = dicom::decodeFrame(sample("pydicom/RG3_J2KR.dcm"));
        auto lossy = dicom::decodeFrame(sample("pydicom/RG3_J2KI.dcm"));
        QVERIFY(lossless.ok() && lossy.ok());
        double diff = 0.0;
        for (size_t i = 0; i < lossless->stored.size(); ++i)
            diff += std::fabs(double(lossless->stored[i]) - double(lossy->stored[i]));
        QVERIFY(diff / double(lossless->stored.size()) < 0.02 * 1023.0);
    }

    // The first look at a large JPEG 2000 radiograph: the code stream's coarse resolution levels
    // only, with the full decode's display attributes; what it shows is the full image at a
    // quarter of the size (the wavelet's low-pass band, close to a 4 x 4 block mean).
    void jpeg2000Preview()
    {
        auto full = dicom::decodeFrame(sample("pydicom/RG3_J2KR.dcm"));
        auto preview = dicom::decodeFramePreview(sample("pydicom/RG3_J2KR.dcm"), 0, 512);
        QVERIFY(full.ok());
        QVERIFY2(preview.ok(), preview.ok() ? "" : preview.error().toString().c_str());
        QCOMPARE(preview->width, 440); // 1760 halved twice: the first size at most 512
        QCOMPARE(preview->height, 440);
        QCOMPARE(preview->monochrome1, full->monochrome1);
        QCOMPARE(preview->bitsStored, full->bitsStored);
        QCOMPARE(preview->isSigned, full->isSigned);
        QCOMPARE(preview->windows.size(), full->windows.size());
        QCOMPARE(preview->rescaleSlope, full->rescaleSlope);
        QCOMPARE(preview->rescaleIntercept, full->rescaleIntercept);
        if (full->spacing.valid())
            QCOMPARE(preview->spacing.columnMm, full->spacing.columnMm * 4.0);
        double difference = 0, range = 0;
        for (int y = 0; y < 440; ++y)
            for (int x = 0; x < 440; ++x) {
                double mean = 0;
                for (int dy = 0; dy < 4; ++dy)
                    for (int dx = 0; dx < 4; ++dx)
                        mean += full->stored[size_t(4 * y + dy) * 1760 + size_t(4 * x + dx)];
                mean /= 16.0;
                difference += std::fabs(mean - double(preview->stored[size_t(y) * 440 + size_t(x)]));
                range = std::max(range, mean);
            }
        difference /= 440.0 * 440.0;
        QVERIFY2(difference < 0.02 * range, qPrintable(QStringLiteral("mean difference %1 of %2").arg(difference).arg(range)));

        // Lossy JPEG 2000 too; small images, other syntaxes and other frames have no preview.
        QVERIFY(dicom::decodeFramePreview(sample("pydicom/RG3_J2KI.dcm"), 0, 512).ok());
        for (const char *name : {"pydicom/MR_small_jp2klossless.dcm", "pydicom/MR_small.dcm", "chest/cr-chest-pa-jpeg-baseline.dcm"}) {
            auto none = dicom::decodeFramePreview(sample(name), 0, 512);
            QVERIFY2(!none.ok(), name);
        }
        QVERIFY(!dicom::decodeFramePreview(sample("pydicom/RG3_J2KR.dcm"), 1, 512).ok());

        // A cut-off code stream: an error, never a crash.
        QFile in(QString::fromStdString(sample("pydicom/RG3_J2KR.dcm")));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QTemporaryDir dir;
        for (double keep : {0.3, 0.6, 0.95}) {
            const QString cut = dir.filePath(QStringLiteral("cut.dcm"));
            QFile out(cut);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes.left(int(bytes.size() * keep)));
            out.close();
            auto result = dicom::decodeFramePreview(cut.toStdString(), 0, 512);
            Q_UNUSED(result); // either outcome is fine; it returned
        }
    }

    void monochrome1Polarity()
    {
        auto normal = dicom::decodeFrame(sample("chest/cr-chest-pa-jpeg-baseline.dcm"));
        auto inverted = dicom::decodeFrame(sample("chest/cr-chest-pa-jpeg-baseline-monochrome1.dcm"));
        QVERIFY(normal.ok() && inverted.ok());
        QVERIFY(normal->stored == inverted->stored);
        const imaging::DisplayOptions window{imaging::WindowLevel{128, 256, ""}, false};
        const auto a = imaging::renderGray8(*normal, window);
        const auto b = imaging::renderGray8(*inverted, window);
        for (size_t i = 0; i < a.size(); i += 1013)
            QCOMPARE(int(a[i]) + int(b[i]), 255);
    }

    void colours()
    {
        // pydicom's SC_rgb images: 10-row bands of known colours (the lossy ones within a margin).
        const int rows[] = {5, 25, 45, 65, 95};
        const int expected[][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {0, 0, 0}, {255, 255, 255}};
        for (const char *name : {"pydicom/SC_rgb_rle.dcm", "pydicom/SC_rgb_jpeg_gdcm.dcm", "pydicom/SC_rgb_jpeg_dcmtk.dcm",
                                 "pydicom/SC_rgb_dcmtk_+eb+cr.dcm", "pydicom/SC_rgb_gdcm_KY.dcm", "pydicom/SC_ybr_full_422_uncompressed.dcm",
                                 "pydicom/SC_rgb_rle_16bit.dcm"}) {
            auto image = dicom::decodeFrame(sample(name));
            QVERIFY2(image.ok(), name);
            for (int k = 0; k < 5; ++k)
                for (int c = 0; c < 3; ++c) {
                    const int got = image->rgb[(size_t(rows[k]) * 100 + 50) * 3 + size_t(c)];
                    QVERIFY2(std::abs(got - expected[k][c]) <= 12,
                             qPrintable(QStringLiteral("%1 row %2 channel %3: %4").arg(QLatin1String(name)).arg(rows[k]).arg(c).arg(got)));
                }
        }
    }

    void multiFrameColour()
    {
        auto second = dicom::decodeFrame(sample("pydicom/SC_rgb_rle_2frame.dcm"), 1);
        QVERIFY(second.ok());
        QVERIFY(!dicom::decodeFrame(sample("pydicom/SC_rgb_rle_2frame.dcm"), 2).ok());
    }

    void wholeFolder()
    {
        const auto c = dicom::scan({dataDir().toStdString()});
        QVERIFY(c.instanceCount() > 100);
        // Broken and non-DICOM files are problems naming the file; nothing stops the rest.
        bool truncatedNamed = false, textNamed = false;
        for (const auto &p : c.problems) {
            QVERIFY(!p.reason.empty());
            truncatedNamed |= p.path.find("rtplan_truncated.dcm") != std::string::npos;
            textNamed |= p.path.find("README.txt") != std::string::npos && p.reason.find("not a DICOM file") != std::string::npos;
        }
        QVERIFY(truncatedNamed);
        QVERIFY(textNamed);
        int reports = 0, others = 0, chest = 0;
        for (const dicom::Instance *in : c.instances()) {
            if (in->kind == dicom::ObjectKind::StructuredReport) {
                ++reports;
                QVERIFY2(!in->srText.empty(), in->path.c_str());
            }
            if (in->kind == dicom::ObjectKind::Other)
                ++others;
            if (in->path.find("chest/cr-chest-pa") != std::string::npos) {
                ++chest;
                QCOMPARE(in->view.view, dicom::View::Frontal);
                QCOMPARE(in->view.projection, std::string("PA"));
            }
        }
        QVERIFY(reports >= 3); // reportsi.dcm, reportsi_with_empty_number_tags.dcm, test-SR.dcm
        QVERIFY(others >= 5);  // RT plan / structure set / dose, waveform, segmentation
        QCOMPARE(chest, 2);
    }

    void structuredReportText()
    {
        const auto c = dicom::scan({sample("pydicom/test-SR.dcm")});
        QCOMPARE(c.instanceCount(), size_t(1));
        const dicom::Instance &sr = *c.instances().front();
        QCOMPARE(sr.kind, dicom::ObjectKind::StructuredReport);
        QVERIFY2(sr.srText.find("Diagnosis") != std::string::npos, sr.srText.c_str());
    }

    void dicomDirTree()
    {
        const auto c = dicom::scan({sample("pydicom/dicomdirtests/DICOMDIR")});
        QVERIFY(c.problems.empty());
        QCOMPARE(c.patients.size(), size_t(2)); // three patient folders, two patient IDs
        QCOMPARE(c.instanceCount(), size_t(31));
        int lateral = 0, frontal = 0;
        for (const dicom::Instance *in : c.instances()) {
            if (in->modality != "CR")
                continue;
            lateral += in->view.view == dicom::View::Lateral;
            frontal += in->view.view == dicom::View::Frontal;
        }
        QVERIFY(lateral >= 1); // the README: tiny CR images with views LL and AP
        QVERIFY(frontal >= 1);
        // The variants (big endian, implicit, no offsets, reordered) list the same files.
        for (const char *variant : {"pydicom/dicomdirtests/DICOMDIR-bigEnd", "pydicom/dicomdirtests/DICOMDIR-implicit",
                                    "pydicom/dicomdirtests/DICOMDIR-reordered"})
            QCOMPARE(dicom::scan({sample(variant)}).instanceCount(), c.instanceCount());
    }

    void tagsOfRealFile()
    {
        auto rows = dicom::readTags(sample("pydicom/rtplan.dcm"));
        QVERIFY(rows.ok());
        int maxDepth = 0;
        for (const auto &row : *rows)
            maxDepth = std::max(maxDepth, row.depth);
        QVERIFY(maxDepth >= 2); // nested sequences
        QVERIFY(!dicom::readTags(sample("pydicom/README.txt")).ok());
    }
};

QTEST_GUILESS_MAIN(TestDicomSamples)
#include "TestDicomSamples.moc"
