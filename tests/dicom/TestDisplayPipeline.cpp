// The display pipeline's parts used by the viewer (issue 25): the two-step rendering gives
// renderGray8's bytes exactly (any window, VOI LUT, MONOCHROME1, signed, masked high bits), rows
// bottom-up when asked; one histogram pass gives the percentile and full-range windows; the
// display-resolution level averages blocks (odd sizes, signed, colour) and scales the spacing.
#include "radsynth/imaging/Image.h"

#include <QTest>

#include <random>

using namespace radsynth::imaging;

namespace {
Image randomImage(int width, int height, int bits, bool isSigned, unsigned seed)
{
    Image image;
    image.width = width;
    image.height = height;
    image.bitsStored = bits;
    image.isSigned = isSigned;
    image.stored.resize(size_t(width) * size_t(height));
    std::mt19937 random(seed);
    for (uint16_t &v : image.stored)
        v = uint16_t(random()); // high bits above bitsStored set on purpose: the pipeline masks them
    return image;
}
} // namespace

class TestDisplayPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twoStepsGiveRenderGray8Exactly_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<bool>("monochrome1");
        QTest::addColumn<bool>("voiLut");
        QTest::addColumn<bool>("invert");
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        QTest::newRow("12-bit window") << 12 << false << false << false << false << 2000.0 << 3000.0;
        QTest::newRow("12-bit default window") << 12 << false << false << false << false << 0.0 << 0.0;
        QTest::newRow("16-bit MONOCHROME1 inverted") << 16 << false << true << false << true << 30000.0 << 20000.0;
        QTest::newRow("signed rescaled") << 16 << true << false << false << false << -100.0 << 800.0;
        QTest::newRow("VOI LUT") << 10 << false << false << true << false << 0.0 << 0.0;
        QTest::newRow("width 1") << 12 << false << false << false << false << 1000.0 << 1.0;
    }
    void twoStepsGiveRenderGray8Exactly()
    {
        QFETCH(int, bits);
        QFETCH(bool, isSigned);
        QFETCH(bool, monochrome1);
        QFETCH(bool, voiLut);
        QFETCH(bool, invert);
        QFETCH(double, center);
        QFETCH(double, width);
        Image image = randomImage(97, 61, bits, isSigned, 7);
        image.monochrome1 = monochrome1;
        if (isSigned) {
            image.rescaleSlope = 0.5;
            image.rescaleIntercept = -1024.0;
        }
        if (voiLut) {
            VoiLut lut;
            lut.firstMapped = 100;
            lut.bits = 12;
            for (int i = 0; i < 700; ++i)
                lut.table.push_back(uint16_t(std::min(4095, i * 6)));
            image.voiLut = lut;
        }
        DisplayOptions options;
        if (width > 0.0)
            options.window = WindowLevel{center, width, {}};
        options.invert = invert;

        const std::vector<uint8_t> expected = renderGray8(image, options);
        std::vector<uint8_t> topDown(image.pixelCount()), bottomUp(image.pixelCount());
        const DisplayLut lut = makeDisplayLut(image, options);
        renderGray8Into(image, lut, topDown.data(), false);
        renderGray8Into(image, lut, bottomUp.data(), true);
        QCOMPARE(topDown, expected);
        for (int y = 0; y < image.height; ++y)
            QVERIFY(std::equal(expected.begin() + y * image.width, expected.begin() + (y + 1) * image.width,
                               bottomUp.begin() + (image.height - 1 - y) * image.width));
        // Four channels (the viewer's texture): each gray byte as R, G and B, opaque, rows bottom-up.
        std::vector<uint8_t> rgba(image.pixelCount() * 4, 7);
        renderGray8Into(image, lut, rgba.data(), true, 4);
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x) {
                const uint8_t gray = expected[size_t(y) * image.width + x];
                const uint8_t *pixel = rgba.data() + (size_t(image.height - 1 - y) * image.width + x) * 4;
                QVERIFY(pixel[0] == gray && pixel[1] == gray && pixel[2] == gray && pixel[3] == 255);
            }
        // Not a constant picture: the comparison means something.
        QVERIFY(std::count(expected.begin(), expected.end(), expected.front()) < int(expected.size()));
    }

    void windowStatisticsInOnePass()
    {
        for (bool isSigned : {false, true}) {
            Image image = randomImage(300, 200, 12, isSigned, 11);
            image.rescaleSlope = isSigned ? -2.0 : 1.0;
            const WindowStatistics statistics = windowStatistics(image);
            const WindowLevel percentile = percentileWindow(image), full = autoWindow(image);
            QCOMPARE(statistics.percentile.center, percentile.center);
            QCOMPARE(statistics.percentile.width, percentile.width);
            QCOMPARE(statistics.fullRange.center, full.center);
            QCOMPARE(statistics.fullRange.width, full.width);
        }
    }

    void levelAveragesBlocks()
    {
        // 5 x 3 pixels, factor 2: blocks of 2 x 2, 1 x 2 (right edge), 2 x 1 (bottom), 1 x 1.
        Image image;
        image.width = 5;
        image.height = 3;
        image.bitsStored = 12;
        image.stored = {1, 3, 5, 7, 9,
                        3, 5, 7, 9, 11,
                        100, 200, 300, 400, 4000};
        image.spacing = PixelSpacing{0.1, 0.2, Calibration::AtDetector};
        image.windows.push_back(WindowLevel{50, 100, "File"});
        const Image level = reducedForDisplay(image, 2);
        QCOMPARE(level.width, 3);
        QCOMPARE(level.height, 2);
        const std::vector<uint16_t> expected = {3, 7, 10, 150, 350, 4000}; // (1+3+3+5)/4, (5+7+7+9)/4, (9+11)/2 ...
        QCOMPARE(level.stored, expected);
        QCOMPARE(level.spacing.rowMm, 0.2);
        QCOMPARE(level.spacing.columnMm, 0.4);
        QCOMPARE(level.windows.size(), size_t(1));
        QCOMPARE(level.bitsStored, 12);

        // High bits above bitsStored are masked as the display reads them.
        Image masked = image;
        for (uint16_t &v : masked.stored)
            v |= 0xF000;
        QCOMPARE(reducedForDisplay(masked, 2).stored, expected);

        // Signed codes average as signed numbers.
        Image signedImage;
        signedImage.width = 2;
        signedImage.height = 1;
        signedImage.isSigned = true;
        signedImage.stored = {uint16_t(int16_t(-10)), uint16_t(int16_t(-20))};
        QCOMPARE(int16_t(reducedForDisplay(signedImage, 2).stored.at(0)), int16_t(-15));

        // Colour: each channel.
        Image colour;
        colour.width = 2;
        colour.height = 2;
        colour.samplesPerPixel = 3;
        colour.rgb = {0, 10, 255, 4, 10, 255, 8, 10, 255, 12, 10, 255};
        const Image colourLevel = reducedForDisplay(colour, 2);
        QCOMPARE(colourLevel.rgb, (std::vector<uint8_t>{6, 10, 255}));

        // Factor 4 on a larger image agrees with the general definition.
        const Image big = randomImage(103, 77, 12, false, 5);
        const Image big4 = reducedForDisplay(big, 4);
        QCOMPARE(big4.width, 26);
        QCOMPARE(big4.height, 20);
        for (int by : {0, 7, 19})
            for (int bx : {0, 13, 25}) {
                uint32_t sum = 0, count = 0;
                for (int y = by * 4; y < std::min(77, by * 4 + 4); ++y)
                    for (int x = bx * 4; x < std::min(103, bx * 4 + 4); ++x, ++count)
                        sum += big.stored[size_t(y) * 103 + size_t(x)] & 0x0FFF;
                QCOMPARE(uint32_t(big4.stored[size_t(by) * 26 + size_t(bx)]), (sum + count / 2) / count);
            }
    }
};

QTEST_GUILESS_MAIN(TestDisplayPipeline)
#include "TestDisplayPipeline.moc"
