// Hostile input (issue 24, finding 2): a Part-10 file of 8,000 nested undefined-length sequences
// (about 288 KB) made DCMTK 3.6.7's recursive parser overflow the stack (SIGSEGV) in scan(),
// decodeFrame(), readTags() and `radsynth-cli info`; a FIFO named *.png in a scanned folder hung
// the scan. The files are written here, byte by byte. Every load of a hostile file runs in a
// forked child first, so a regression shows up as a failed test naming the signal, not as a
// crashed test binary.
#include "DicomFixtures.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/dicom/Prescan.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/imaging/ModelInput.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <functional>
#include <future>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace radsynth;

namespace {

enum class Enc { ExplicitLE, ImplicitLE, ExplicitBE };

void put16(QByteArray &out, quint16 v, bool big)
{
    if (big) {
        out.append(char(v >> 8));
        out.append(char(v & 0xFF));
    } else {
        out.append(char(v & 0xFF));
        out.append(char(v >> 8));
    }
}
void put32(QByteArray &out, quint32 v, bool big)
{
    if (big) {
        put16(out, quint16(v >> 16), true);
        put16(out, quint16(v & 0xFFFF), true);
    } else {
        put16(out, quint16(v & 0xFFFF), false);
        put16(out, quint16(v >> 16), false);
    }
}
// One element with a short (2-byte length) VR, or an implicit element.
void element(QByteArray &out, Enc enc, quint16 group, quint16 elem, const char *vr, QByteArray value)
{
    if (value.size() % 2)
        value.append(vr[0] == 'U' && vr[1] == 'I' ? '\0' : ' ');
    const bool big = enc == Enc::ExplicitBE;
    put16(out, group, big);
    put16(out, elem, big);
    if (enc == Enc::ImplicitLE) {
        put32(out, quint32(value.size()), false);
    } else {
        out.append(vr, 2);
        put16(out, quint16(value.size()), big);
    }
    out.append(value);
}

// A data set: a few identifying attributes, then `depth` nested undefined-length sequences
// (Content Sequence), each holding one undefined-length item.
QByteArray nestedDataset(Enc enc, int depth)
{
    const bool big = enc == Enc::ExplicitBE;
    QByteArray out;
    element(out, enc, 0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.7");
    element(out, enc, 0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.8.498.24.1");
    element(out, enc, 0x0008, 0x0060, "CS", "OT");
    element(out, enc, 0x0010, 0x0010, "PN", "Hostile^File");
    element(out, enc, 0x0020, 0x000D, "UI", "1.2.826.0.1.3680043.8.498.24.2");
    element(out, enc, 0x0020, 0x000E, "UI", "1.2.826.0.1.3680043.8.498.24.3");
    for (int i = 0; i < depth; ++i) {
        put16(out, 0x0040, big);
        put16(out, 0xA730, big);
        if (enc != Enc::ImplicitLE) {
            out.append("SQ", 2);
            put16(out, 0, big);
        }
        put32(out, 0xFFFFFFFFu, big);
        put16(out, 0xFFFE, big);
        put16(out, 0xE000, big);
        put32(out, 0xFFFFFFFFu, big);
    }
    for (int i = 0; i < depth; ++i) {
        put16(out, 0xFFFE, big);
        put16(out, 0xE00D, big);
        put32(out, 0, big);
        put16(out, 0xFFFE, big);
        put16(out, 0xE0DD, big);
        put32(out, 0, big);
    }
    return out;
}

QByteArray part10(const QByteArray &dataset, const QByteArray &transferSyntax)
{
    QByteArray meta;
    element(meta, Enc::ExplicitLE, 0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.7");
    element(meta, Enc::ExplicitLE, 0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.8.498.24.1");
    element(meta, Enc::ExplicitLE, 0x0002, 0x0010, "UI", transferSyntax);
    QByteArray version;
    put16(version, 0x0002, false); // (0002,0001) OB
    put16(version, 0x0001, false);
    version.append("OB", 2);
    put16(version, 0, false);
    put32(version, 2, false);
    version.append('\0').append('\1');
    meta.prepend(version);
    QByteArray groupLength;
    put16(groupLength, 0x0002, false);
    put16(groupLength, 0x0000, false);
    groupLength.append("UL", 2);
    put16(groupLength, 4, false);
    put32(groupLength, quint32(meta.size()), false);
    return QByteArray(128, '\0') + "DICM" + groupLength + meta + dataset;
}

QByteArray rawDeflate(const QByteArray &in)
{
    z_stream s{};
    deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&s, uLong(in.size()))), '\0');
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    s.avail_in = uInt(in.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(int(s.total_out));
    deflateEnd(&s);
    return out;
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A real PNG decompression bomb: width x height 8-bit gray, all zero, about 250 KB on disk for
// 16000 x 16000 (256 MB of pixels once decoded). Written with streaming deflate, so the test
// itself never holds the pixels.
QByteArray pngBomb(quint32 width, quint32 height)
{
    auto chunk = [](QByteArray &out, const char *type, const QByteArray &data) {
        put32(out, quint32(data.size()), true);
        QByteArray body = QByteArray(type, 4) + data;
        out.append(body);
        put32(out, quint32(crc32(0, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size()))), true);
    };
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray header;
    put32(header, width, true);
    put32(header, height, true);
    header.append(char(8)).append(char(0)).append(char(0)).append(char(0)).append(char(0)); // 8-bit gray
    chunk(png, "IHDR", header);
    z_stream z{};
    deflateInit(&z, Z_BEST_COMPRESSION);
    const QByteArray row(int(width) + 1, '\0'); // filter byte + pixels
    QByteArray compressed;
    std::vector<unsigned char> buffer(1 << 16);
    for (quint32 y = 0; y <= height; ++y) {
        const bool last = y == height;
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(row.constData()));
        z.avail_in = last ? 0 : uInt(row.size());
        do {
            z.next_out = buffer.data();
            z.avail_out = uInt(buffer.size());
            deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            compressed.append(reinterpret_cast<const char *>(buffer.data()), int(buffer.size() - z.avail_out));
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    chunk(png, "IDAT", compressed);
    chunk(png, "IEND", {});
    return png;
}

// A baseline JPEG whose frame header declares width x height (no scan follows).
QByteArray jpegHeader(quint16 width, quint16 height)
{
    QByteArray jpeg("\xff\xd8", 2);
    jpeg.append("\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18); // APP0
    jpeg.append("\xff\xc0\x00\x0b\x08", 5);                                             // SOF0, 8 bits
    put16(jpeg, height, true);
    put16(jpeg, width, true);
    jpeg.append("\x01\x01\x11\x00", 4); // one component
    jpeg.append("\xff\xd9", 2);
    return jpeg;
}

// Runs `body` in a forked child: "" when it returned normally, otherwise how it died.
QString inChild(const std::function<bool()> &body)
{
    const pid_t pid = fork();
    if (pid == 0)
        _exit(body() ? 0 : 3);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        return QStringLiteral("killed by signal %1").arg(WTERMSIG(status));
    if (WEXITSTATUS(status) != 0)
        return QStringLiteral("check failed in the child (exit %1)").arg(WEXITSTATUS(status));
    return {};
}

bool refusedForNesting(const std::string &reason)
{
    return reason.find("nested more than 64") != std::string::npos;
}

const char *kExplicitLE = "1.2.840.10008.1.2.1";

} // namespace

class TestDicomHostile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deepNestingRefusedThroughTheLoader_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("part10-explicit-le-8000") << part10(nestedDataset(Enc::ExplicitLE, 8000), kExplicitLE);
        QTest::newRow("part10-implicit-le-8000") << part10(nestedDataset(Enc::ImplicitLE, 8000), "1.2.840.10008.1.2");
        QTest::newRow("part10-explicit-be-8000") << part10(nestedDataset(Enc::ExplicitBE, 8000), "1.2.840.10008.1.2.2");
        QTest::newRow("bare-implicit-le-8000") << nestedDataset(Enc::ImplicitLE, 8000);
        // Meta header says explicit little endian, the data set is implicit: DCMTK detects it.
        QTest::newRow("part10-lying-meta-8000") << part10(nestedDataset(Enc::ImplicitLE, 8000), kExplicitLE);
        QTest::newRow("part10-deflated-8000")
            << part10(rawDeflate(nestedDataset(Enc::ExplicitLE, 8000)), "1.2.840.10008.1.2.1.99");
        QTest::newRow("part10-explicit-le-65") << part10(nestedDataset(Enc::ExplicitLE, 65), kExplicitLE);
    }
    void deepNestingRefusedThroughTheLoader()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested.dcm"));
        QVERIFY(writeAll(path, bytes));
        const std::string file = path.toStdString();
        QCOMPARE(dicom::prescanFile(file).empty(), false);

        // Each entry point in a child first: a stack overflow would kill only the child.
        const QString died = inChild([&] {
            const auto c = dicom::scan({file});
            bool ok = c.instanceCount() == 0 && c.problems.size() == 1 && refusedForNesting(c.problems.front().reason);
            auto frame = dicom::decodeFrame(file);
            ok = ok && !frame && refusedForNesting(frame.error().message);
            auto firstLook = dicom::decodeFramePreview(file, 0, 512);
            ok = ok && !firstLook && refusedForNesting(firstLook.error().message);
            auto tags = dicom::readTags(file);
            ok = ok && !tags && refusedForNesting(tags.error().message);
            return ok;
        });
        QVERIFY2(died.isEmpty(), qPrintable(died));
        // And in this process, for the messages.
        const auto c = dicom::scan({dir.path().toStdString()});
        QCOMPARE(c.problems.size(), size_t(1));
        QVERIFY2(refusedForNesting(c.problems.front().reason), c.problems.front().reason.c_str());
    }

    // The source image of an export (radsynth-cli export --source, the Export dialog) was read by
    // DCMTK without the pre-scan: the nested file crashed it (found reading the code while adding
    // the sanitizer build, issue 24 finding 6).
    void exportSourceImageRefusesDeepNesting()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested.dcm"));
        QVERIFY(writeAll(path, part10(nestedDataset(Enc::ExplicitLE, 8000), kExplicitLE)));
        const QString died = inChild([&] {
            auto source = exports::readSourceImage(path);
            return !source && refusedForNesting(source.error().message);
        });
        QVERIFY2(died.isEmpty(), qPrintable(died));
    }

    void nestingUpToTheLimitStillLoads()
    {
        const QByteArray at64 = nestedDataset(Enc::ExplicitLE, 64);
        const QByteArray at65 = nestedDataset(Enc::ExplicitLE, 65);
        QCOMPARE(dicom::prescanDataset(at64.constData(), size_t(at64.size()), kExplicitLE), std::string());
        QVERIFY(refusedForNesting(dicom::prescanDataset(at65.constData(), size_t(at65.size()), kExplicitLE)));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("deep-but-fine.dcm"));
        QVERIFY(writeAll(path, part10(nestedDataset(Enc::ExplicitLE, 20), kExplicitLE)));
        const auto c = dicom::scan({path.toStdString()});
        for (const auto &p : c.problems)
            QVERIFY2(!refusedForNesting(p.reason), p.reason.c_str());
        auto tags = dicom::readTags(path.toStdString());
        QVERIFY2(bool(tags), tags ? "" : tags.error().message.c_str());
        int deepest = 0;
        for (const auto &row : tags.value())
            deepest = std::max(deepest, row.depth);
        QVERIFY2(deepest >= 16, qPrintable(QString::number(deepest))); // the tag browser shows 16 levels
    }

    // RLE frame headers whose segment offsets point outside the frame (issue 24, finding 6: found by
    // fuzz_dicom). DCMTK 3.6.7 decoded at those offsets unchecked and read far past the buffer:
    // decodeFrame() died with SIGSEGV. The header is now checked first and the file refused.
    void rleHeaderOutsideTheFrameRefused_data()
    {
        QTest::addColumn<int>("frames");
        QTest::addColumn<int>("patchedFrame");
        QTest::addColumn<int>("word");      // which 32-bit word of the 64-byte RLE header
        QTest::addColumn<quint32>("value");
        QTest::newRow("segment-2-past-the-end") << 1 << 0 << 2 << quint32(0x7FFFFFF0);
        QTest::newRow("segment-2-before-segment-1") << 1 << 0 << 2 << quint32(32);
        QTest::newRow("segment-1-not-at-64") << 1 << 0 << 1 << quint32(0x00100000);
        QTest::newRow("16-segments") << 1 << 0 << 0 << quint32(16);
        QTest::newRow("second-frame-segment-2-past-the-end") << 2 << 1 << 2 << quint32(0x7FFFFFF0);
    }
    void rleHeaderOutsideTheFrameRefused()
    {
        QFETCH(int, frames);
        QFETCH(int, patchedFrame);
        QFETCH(int, word);
        QFETCH(quint32, value);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rle.dcm"));
        testing::FixtureSpec spec;
        spec.width = 8;
        spec.height = 8;
        spec.frames = frames;
        spec.syntax = testing::Syntax::Rle;
        QCOMPARE(testing::writeFixture(path.toStdString(), spec), std::string());
        QVERIFY(bool(dicom::decodeFrame(path.toStdString(), patchedFrame))); // intact, it decodes
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        // Each frame's header: 2 segments (16 bits allocated), the first at byte 64.
        const QByteArray header("\x02\0\0\0\x40\0\0\0", 8);
        qsizetype at = -1;
        for (int f = 0; f <= patchedFrame; ++f)
            at = bytes.indexOf(header, at + 1);
        QVERIFY(at > 0);
        for (int b = 0; b < 4; ++b)
            bytes[at + 4 * word + b] = char((value >> (8 * b)) & 0xFF);
        QVERIFY(writeAll(path, bytes));
        const std::string name = path.toStdString();
        const QString died = inChild([&] {
            auto frame = dicom::decodeFrame(name, patchedFrame);
            return !frame && frame.error().message.find("damaged RLE pixel data") != std::string::npos;
        });
        QVERIFY2(died.isEmpty(), qPrintable(died));
        auto frame = dicom::decodeFrame(name, patchedFrame);
        QVERIFY(!frame);
        QVERIFY2(frame.error().message.find("damaged RLE pixel data") != std::string::npos, frame.error().message.c_str());
    }

    // Defined-length sequences and items nest just as deep in DCMTK.
    void definedLengthNestingRefused()
    {
        QByteArray inner;
        for (int i = 0; i < 200; ++i) {
            QByteArray item;
            put16(item, 0xFFFE, false);
            put16(item, 0xE000, false);
            put32(item, quint32(inner.size()), false);
            item.append(inner);
            QByteArray sq;
            put16(sq, 0x0040, false);
            put16(sq, 0xA730, false);
            sq.append("SQ", 2);
            put16(sq, 0, false);
            put32(sq, quint32(item.size()), false);
            inner = sq + item;
        }
        QVERIFY(refusedForNesting(dicom::prescanDataset(inner.constData(), size_t(inner.size()), kExplicitLE)));
        // The same nesting inside a UN value (read by DCMTK as implicit VR sequences).
        const QByteArray implicitNest = nestedDataset(Enc::ImplicitLE, 100);
        QByteArray un;
        put16(un, 0x0009, false);
        put16(un, 0x1010, false);
        un.append("UN", 2);
        put16(un, 0, false);
        put32(un, 0xFFFFFFFFu, false);
        put16(un, 0xFFFE, false);
        put16(un, 0xE000, false);
        put32(un, 0xFFFFFFFFu, false);
        un.append(implicitNest);
        QVERIFY(refusedForNesting(dicom::prescanDataset(un.constData(), size_t(un.size()), kExplicitLE)));
    }

    void cliInfoAndRenderExitCleanly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested.dcm"));
        QVERIFY(writeAll(path, part10(nestedDataset(Enc::ExplicitLE, 8000), kExplicitLE)));
        const QStringList commands[] = {{QStringLiteral("info"), path},
                                        {QStringLiteral("info"), dir.path()},
                                        {QStringLiteral("render"), path, QStringLiteral("--out"), dir.filePath(QStringLiteral("out.png"))}};
        for (const QStringList &arguments : commands) {
            QProcess process;
            process.setProcessChannelMode(QProcess::MergedChannels);
            process.start(QStringLiteral(RADSYNTH_CLI_PATH), arguments);
            QVERIFY(process.waitForFinished(60000));
            const QString output = QString::fromUtf8(process.readAll());
            QVERIFY2(process.exitStatus() == QProcess::NormalExit,
                     qPrintable(arguments.join(' ') + QStringLiteral(": crashed: ") + output));
            QVERIFY2(process.exitCode() != 0, qPrintable(arguments.join(' ') + QStringLiteral(": exit 0: ") + output));
            QVERIFY2(output.contains(QStringLiteral("nested more than 64")), qPrintable(output));
        }
    }

    // Finding 4: an image above the documented limit (imaging::kMaxImageSide / kMaxImagePixels) is
    // refused from its header, before anything is decoded: a real 16000 x 16000 PNG bomb, a JPEG
    // frame header of 20000 x 20000, a DICOM one row of 16385 pixels (a side over the limit); through the model's door
    // (loadModelInput, what generate and the workstation use) and through `generate` itself.
    void oversizedImagesRefusedBeforeDecoding()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("bomb.png"));
        const QString jpeg = dir.filePath(QStringLiteral("huge.jpg"));
        const QString dcm = dir.filePath(QStringLiteral("wide.dcm"));
        QVERIFY(writeAll(png, pngBomb(16000, 16000)));
        QVERIFY(QFileInfo(png).size() < 2 * 1024 * 1024);
        QVERIFY(writeAll(jpeg, jpegHeader(20000, 20000)));
        QByteArray dataset = nestedDataset(Enc::ExplicitLE, 0);
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0002, "US", QByteArray("\x01\x00", 2));
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0004, "CS", "MONOCHROME2");
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0010, "US", QByteArray("\x01\x00", 2)); // rows 1
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0011, "US", QByteArray("\x01\x40", 2)); // columns 16385
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0100, "US", QByteArray("\x08\x00", 2));
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0101, "US", QByteArray("\x08\x00", 2));
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0102, "US", QByteArray("\x07\x00", 2));
        element(dataset, Enc::ExplicitLE, 0x0028, 0x0103, "US", QByteArray("\x00\x00", 2));
        dataset.append("\xe0\x7f\x10\x00OB\x00\x00", 8); // (7FE0,0010) OB, one row of 16385 pixels (+1 pad)
        put32(dataset, 16386, false);
        dataset.append(QByteArray(16386, '\x40'));
        QVERIFY(writeAll(dcm, part10(dataset, kExplicitLE)));
        for (const QString &path : {png, jpeg, dcm}) {
            const QString failure = inChild([&path] {
                const auto input = dicom::loadModelInput(path.toStdString(), 128);
                return !input.ok() && input.error().message.find("too large to open") != std::string::npos;
            });
            QVERIFY2(failure.isEmpty(), qPrintable(path + QStringLiteral(": ") + failure));
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(RADSYNTH_CLI_PATH), {QStringLiteral("generate"), QStringLiteral("--task"), QStringLiteral("F2R"),
                                                          QStringLiteral("--frontal"), png, QStringLiteral("--out"), dir.filePath(QStringLiteral("out"))});
        QVERIFY(process.waitForFinished(120000));
        const QString output = QString::fromUtf8(process.readAll());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() != 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("16000 x 16000 pixels")), qPrintable(output));
        // The limit is not in the way of real radiographs: 4300 x 4300 (the largest detectors) passes.
        QCOMPARE(imaging::checkImageSize(4300, 4300), std::string());
        QVERIFY(!imaging::checkImageSize(16385, 10).empty());
    }

    void fifoInAScannedFolderIsSkipped()
    {
        QTemporaryDir dir;
        radsynth::testing::FixtureSpec spec;
        QVERIFY(radsynth::testing::writeFixture(dir.filePath(QStringLiteral("good.dcm")).toStdString(), spec).empty());
        const QString fifo = dir.filePath(QStringLiteral("preview.png"));
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const QString fifo2 = dir.filePath(QStringLiteral("image.dcm"));
        QCOMPARE(::mkfifo(fifo2.toLocal8Bit().constData(), 0600), 0);

        auto future = std::async(std::launch::async, [&] { return dicom::scan({dir.path().toStdString()}); });
        if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
            // Unblock the reader (a writer that opens and closes gives it end of file), then fail.
            for (const QString &f : {fifo, fifo2}) {
                const int fd = ::open(f.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0)
                    ::close(fd);
            }
            future.wait();
            QFAIL("scanning a folder with a FIFO did not finish within 30 s");
        }
        const auto c = future.get();
        QCOMPARE(c.instanceCount(), size_t(1));
        int skipped = 0;
        for (const auto &p : c.problems)
            if (p.reason.find("FIFO") != std::string::npos)
                ++skipped;
        QCOMPARE(skipped, 2);
        QVERIFY(!dicom::isDocumentationFile(fifo.toStdString()));
        QVERIFY(!dicom::prescanFile(fifo.toStdString()).empty());
    }
};

QTEST_GUILESS_MAIN(TestDicomHostile)
#include "TestDicomHostile.moc"
