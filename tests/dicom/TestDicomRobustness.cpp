// Bad input never crashes and never stops the rest of a folder: 0-byte files, text files,
// truncated files, missing pixel data, an unsupported transfer syntax, a folder without
// permission, and a sweep of 520 mutated copies (truncated / bytes flipped, fixed seed) of
// fixtures and of the real sample files through scan, decodeFrame and readTags.
#include "DicomFixtures.h"

#include "radsynth/dicom/Loader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <random>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace radsynth;
using radsynth::testing::FixtureSpec;
using radsynth::testing::Syntax;

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
const dicom::LoadProblem *problemFor(const dicom::StudyCollection &c, const QString &name)
{
    for (const auto &p : c.problems)
        if (QString::fromStdString(p.path).endsWith(name))
            return &p;
    return nullptr;
}
} // namespace

class TestDicomRobustness : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void badFilesInOneFolder()
    {
        QTemporaryDir dir;
        FixtureSpec spec;
        const QString good = dir.filePath(QStringLiteral("good.dcm"));
        QVERIFY(testing::writeFixture(good.toStdString(), spec).empty());
        QVERIFY(writeAll(dir.filePath(QStringLiteral("empty.dcm")), {}));
        QVERIFY(writeAll(dir.filePath(QStringLiteral("notes.txt")), "This is not a DICOM file at all.\n"));
        const QByteArray bytes = readAll(good);
        QVERIFY(writeAll(dir.filePath(QStringLiteral("truncated.dcm")), bytes.left(bytes.size() - 700)));
        spec.omitPixelData = true;
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("nopixels.dcm")).toStdString(), spec).empty());
        QVERIFY(testing::writeUnsupportedSyntax(dir.filePath(QStringLiteral("mpeg2.dcm")).toStdString()).empty());

        const auto c = dicom::scan({dir.path().toStdString()});
        // The good file loads whatever its neighbours are.
        bool goodLoaded = false;
        for (const dicom::Instance *in : c.instances())
            goodLoaded |= QString::fromStdString(in->path).endsWith(QLatin1String("good.dcm")) && in->error.empty();
        QVERIFY(goodLoaded);

        const auto *empty = problemFor(c, QStringLiteral("empty.dcm"));
        QVERIFY(empty);
        QCOMPARE(empty->reason, std::string("empty file (0 bytes)"));
        const auto *text = problemFor(c, QStringLiteral("notes.txt"));
        QVERIFY(text);
        QVERIFY2(text->reason.find("not a DICOM file") != std::string::npos, text->reason.c_str());

        // Truncated inside the pixel data: listed (the header is intact), decoding says why.
        auto truncated = dicom::decodeFrame(dir.filePath(QStringLiteral("truncated.dcm")).toStdString());
        QVERIFY(!truncated.ok());
        QVERIFY(truncated.error().toString().find("truncated.dcm") != std::string::npos);

        for (const dicom::Instance *in : c.instances()) {
            const QString name = QFileInfo(QString::fromStdString(in->path)).fileName();
            if (name == QLatin1String("nopixels.dcm"))
                QCOMPARE(in->error, std::string("image without pixel data"));
            if (name == QLatin1String("mpeg2.dcm"))
                QVERIFY2(in->error.find("unsupported transfer syntax") != std::string::npos, in->error.c_str());
        }
        auto noPixels = dicom::decodeFrame(dir.filePath(QStringLiteral("nopixels.dcm")).toStdString());
        QVERIFY(!noPixels.ok());
        QVERIFY(noPixels.error().message.find("no pixel data") != std::string::npos);
        auto mpeg = dicom::decodeFrame(dir.filePath(QStringLiteral("mpeg2.dcm")).toStdString());
        QVERIFY(!mpeg.ok());
        QVERIFY(mpeg.error().message.find("unsupported transfer syntax") != std::string::npos);
        auto missing = dicom::decodeFrame(dir.filePath(QStringLiteral("absent.dcm")).toStdString());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().message, std::string("file not found"));
        const auto notFound = dicom::scan({dir.filePath(QStringLiteral("absent-folder")).toStdString()});
        QCOMPARE(notFound.problems.size(), size_t(1));
    }

    void hiddenFoldersAreSkipped()
    {
        // A hidden folder (.git, an application's private state) is not read, even if it holds
        // DICOM files; the visible study next to it is.
        QTemporaryDir dir;
        FixtureSpec spec;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral(".private/nested")));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("study")));
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral(".private/nested/a.dcm")).toStdString(), spec).empty());
        QVERIFY(writeAll(dir.filePath(QStringLiteral(".private/junk.dcm")), "not DICOM"));
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("study/b.dcm")).toStdString(), spec).empty());
        const auto c = dicom::scan({dir.path().toStdString()});
        QCOMPARE(c.instanceCount(), size_t(1));
        QVERIFY(c.problems.empty());
        QVERIFY(QString::fromStdString(c.instances().front()->path).endsWith(QLatin1String("study/b.dcm")));
        // Named explicitly, a hidden folder is read.
        const auto explicitScan = dicom::scan({dir.filePath(QStringLiteral(".private/nested")).toStdString()});
        QCOMPARE(explicitScan.instanceCount(), size_t(1));
    }

    void documentationIsRecognised()
    {
        // A README, a teaching case's report.txt and case.json, PNG previews next to the images are
        // documentation (the workstation and the CLI do not report them as load problems); a DICOM
        // file keeps loading whatever its extension.
        QTemporaryDir dir;
        FixtureSpec spec;
        QVERIFY(writeAll(dir.filePath(QStringLiteral("README.md")), "# A study\n"));
        QVERIFY(writeAll(dir.filePath(QStringLiteral("report.TXT")), "Findings: none."));
        QVERIFY(writeAll(dir.filePath(QStringLiteral("preview.png")), "\x89PNG"));
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("misnamed.txt")).toStdString(), spec).empty());
        QVERIFY(writeAll(dir.filePath(QStringLiteral("broken.dcm")), "not DICOM"));
        const auto c = dicom::scan({dir.path().toStdString()});
        QCOMPARE(c.instanceCount(), size_t(1));
        QVERIFY(QString::fromStdString(c.instances().front()->path).endsWith(QLatin1String("misnamed.txt")));
        int documentation = 0, other = 0;
        for (const auto &p : c.problems)
            (dicom::isDocumentationFile(p.path) ? documentation : other) += 1;
        QCOMPARE(documentation, 3);
        QCOMPARE(other, 1); // broken.dcm
        QVERIFY(!dicom::isDocumentationFile(dir.filePath(QStringLiteral("misnamed.txt")).toStdString()));
        QVERIFY(!dicom::isDocumentationFile(dir.filePath(QStringLiteral("broken.dcm")).toStdString()));
    }

    void folderWithoutPermission()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                                      | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("locked")));
        FixtureSpec spec;
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("locked/a.dcm")).toStdString(), spec).empty());
        QVERIFY(testing::writeFixture(dir.filePath(QStringLiteral("open.dcm")).toStdString(), spec).empty());
        QFile::setPermissions(dir.filePath(QStringLiteral("open.dcm")), QFile::ReadOwner | QFile::ReadOther | QFile::ReadGroup);
        QVERIFY(QFile::setPermissions(dir.filePath(QStringLiteral("locked")), QFile::Permissions()));
        // root ignores permissions: check as an unprivileged user in a child process.
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
                _exit(3);
            const auto c = dicom::scan({dir.path().toStdString()});
            const bool lockedReported = c.problems.size() == 1 && c.problems[0].path.find("locked") != std::string::npos
                                        && c.problems[0].reason.find("cannot open folder") != std::string::npos;
            _exit(lockedReported && c.instanceCount() == 1 ? 0 : 1);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QFile::setPermissions(dir.filePath(QStringLiteral("locked")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
            QSKIP("cannot switch to an unprivileged user here");
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    void mutationSweep()
    {
        QTemporaryDir sources, mutated;
        QStringList inputs;
        const Syntax syntaxes[] = {Syntax::ExplicitLittle, Syntax::ImplicitLittle, Syntax::ExplicitBig, Syntax::Deflated,
                                   Syntax::JpegLossless, Syntax::JpegLsLossless, Syntax::Rle, Syntax::JpegBaseline,
                                   Syntax::Jpeg2000Lossless};
        for (Syntax s : syntaxes) {
            FixtureSpec spec;
            spec.syntax = s;
            spec.bitsAllocated = s == Syntax::JpegBaseline ? 8 : 16;
            spec.bitsStored = s == Syntax::JpegBaseline ? 8 : 12;
            spec.frames = s == Syntax::Rle ? 2 : 1;
            spec.voiLut = s == Syntax::ExplicitLittle ? std::vector<uint16_t>(64, 7) : std::vector<uint16_t>();
            spec.windowCenter = "2048\\1000";
            spec.windowWidth = "4096\\500";
            const QString path = sources.filePath(QStringLiteral("%1.dcm").arg(QString::fromLatin1(testing::toString(s))));
            QVERIFY(testing::writeFixture(path.toStdString(), spec).empty());
            inputs << path;
        }
        const QString sr = sources.filePath(QStringLiteral("sr.dcm"));
        QVERIFY(testing::writeTextSr(sr.toStdString(), "Finding text", "Impression text", "A^B", "1").empty());
        inputs << sr;
        const QDir samples(QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/pydicom"));
        for (const char *name : {"MR_small.dcm", "MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "JPEG2000.dcm",
                                 "JPGExtended.dcm", "SC_rgb_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm", "image_dfl.dcm", "reportsi.dcm",
                                 "MR_small_bigendian.dcm", "rtplan.dcm", "waveform_ecg.dcm", "SC_ybr_full_422_uncompressed.dcm"})
            if (samples.exists(QString::fromLatin1(name)))
                inputs << samples.filePath(QString::fromLatin1(name));

        std::mt19937 random(20240601u);
        const int count = 520;
        for (int i = 0; i < count; ++i) {
            const QString source = inputs[int(random() % unsigned(inputs.size()))];
            QByteArray bytes = readAll(source);
            QVERIFY(!bytes.isEmpty());
            const unsigned kind = random() % 3;
            if (kind != 1) // truncate at a random offset (the header is where parsers break)
                bytes.truncate(int(random() % unsigned(bytes.size())));
            if (kind != 0 && !bytes.isEmpty()) { // flip random bytes, biased to the first KiB
                const int flips = 1 + int(random() % 8);
                for (int f = 0; f < flips; ++f) {
                    const unsigned span = unsigned(std::min<qsizetype>(bytes.size(), random() % 2 ? 1024 : bytes.size()));
                    bytes[int(random() % span)] = char(random() & 0xFF);
                }
            }
            QVERIFY(writeAll(mutated.filePath(QStringLiteral("m%1.dcm").arg(i, 4, 10, QLatin1Char('0'))), bytes));
        }

        const auto c = dicom::scan({mutated.path().toStdString()});
        // Every file is accounted for exactly once: an instance or a problem naming it.
        QCOMPARE(c.instanceCount() + c.problems.size(), size_t(count));
        std::set<std::string> named;
        for (const auto &p : c.problems) {
            QVERIFY(!p.reason.empty());
            QVERIFY(QFileInfo::exists(QString::fromStdString(p.path)));
            named.insert(p.path);
        }
        int decoded = 0, refused = 0;
        for (const dicom::Instance *in : c.instances()) {
            QVERIFY(named.insert(in->path).second);
            if (in->kind != dicom::ObjectKind::Image)
                continue;
            for (int frame = 0; frame < std::min(in->frames, 2); ++frame) {
                auto image = dicom::decodeFrame(in->path, frame);
                if (image.ok()) {
                    ++decoded;
                    QVERIFY(image->width > 0 && image->height > 0);
                    QVERIFY(image->stored.size() == image->pixelCount() || image->rgb.size() == image->pixelCount() * 3);
                    (void)imaging::renderGray8(*image);
                } else {
                    ++refused;
                    QVERIFY(!image.error().message.empty());
                    QCOMPARE(image.error().context, in->path);
                }
            }
            (void)dicom::readTags(in->path);
        }
        qInfo("mutation sweep: %zu instances, %zu problems, %d frames decoded, %d refused", c.instanceCount(),
              c.problems.size(), decoded, refused);
        QVERIFY(decoded > 0);
        QVERIFY(refused > 0);
        QVERIFY(!c.problems.empty());
    }
};

QTEST_GUILESS_MAIN(TestDicomRobustness)
#include "TestDicomRobustness.moc"
