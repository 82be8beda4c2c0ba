// A full disk never loses a report or leaves a broken output (issue 24, finding 1), on a real
// file system: a small tmpfs mounted by the test and filled with fallocate (SmallFileSystem; the
// tests skip with the reason where it cannot be mounted).
//
// For every writer of a report, draft, export or model output, and for every amount of free space
// from none to enough, a write either succeeds with the complete new file, or fails with an error
// that says the disk is full while the previous good file stays byte for byte as it was, and no
// partial or temporary file is left behind. The command-line doors (`generate` F2L and F2R, a
// teaching case) are run as a user runs them, on the embedded default model.
#include "../support/ClusterTestSupport.h"
#include "../support/SmallFileSystem.h"

#include "radsynth/common/SafeWrite.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/DocumentExport.h"
#include "radsynth/export/StudyExport.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTest>

#include <cmath>
#include <functional>

using namespace radsynth;
using testing::SmallFileSystem;

namespace {

imaging::Image chest(int width, int height, double phase)
{
    std::vector<float> values(size_t(width) * size_t(height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) // noise-like texture: PNG and PDF cannot compress it away
            values[size_t(y) * size_t(width) + size_t(x)] =
                float(0.5 + 0.45 * std::sin(x * 0.37 + phase) * std::cos(y * 0.23 + x * x * 0.011 + phase));
    return imaging::fromUnitFloat(values.data(), width, height, imaging::PixelSpacing{0.5, 0.5, imaging::Calibration::Unknown});
}

workflow::ReportDraft draft(int sentences)
{
    workflow::ReportDraft d;
    d.key = QStringLiteral("fulldisk-study");
    d.provenance = workflow::ReportProvenance{QStringLiteral("radsynth-test"), QStringLiteral("1.0"), QStringLiteral("F2R"), 7,
                                              QDateTime::currentDateTimeUtc()};
    d.text = QStringLiteral("FINDINGS: ");
    for (int i = 0; i < sentences; ++i)
        d.text += QStringLiteral("Sentence %1: the heart size is normal, no pleural effusion, no pneumothorax. ").arg(i);
    d.text += QStringLiteral("\n\nIMPRESSION: No acute cardiopulmonary process.");
    return d;
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool saysDiskFull(const QString &message)
{
    return message.contains(QLatin1String("disk is full")) || message.contains(QLatin1String("KB free"));
}

// Free space to leave, from none to enough for the largest output here (the command-line doors,
// slower, get a coarser sweep).
const std::vector<qint64> kFreeSteps{0, 4096, 16384, 65536, 98304, 131072, 196608, 262144, 600000, 1 << 20, 3 << 20};
const std::vector<qint64> kCommandFreeSteps{0, 98304, 196608, 600000, 3 << 20};

// radsynth-cli as a user runs it, offscreen and without the progress display.
testing::CliRun runCli(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("RADSYNTH_QUIET"), QStringLiteral("1"));
    return testing::runProgram(QStringLiteral(RADSYNTH_BINARY_DIR "/bin/radsynth-cli"), arguments, 180000, environment);
}

} // namespace

class TestFullDisk : public QObject {
    Q_OBJECT
private:
    // One writer: `write(path, version)` writes version 1 (small) or 2 (larger) of its output.
    void checkWriter(const QString &what, const std::function<Status(const QString &, int)> &write,
                     const std::function<bool(const QString &)> &valid, const QString &fileName = QStringLiteral("output"))
    {
        SmallFileSystem disk(4 << 20);
        if (!disk.available())
            QSKIP(qPrintable(disk.why()));
        const QString path = disk.filePath(fileName);
        int failures = 0, successes = 0;
        for (qint64 free : kFreeSteps) {
            disk.release();
            QFile::remove(path);
            const Status first = write(path, 1);
            QVERIFY2(first.ok(), qPrintable(what + QStringLiteral(": ") + QString::fromStdString(first.ok() ? "" : first.error().toString())));
            const QByteArray good = bytesOf(path);
            QVERIFY2(!good.isEmpty() && valid(path), qPrintable(what));
            const QStringList before = disk.files();
            QVERIFY(disk.leaveFree(free));
            const Status second = write(path, 2);
            const QString context = QStringLiteral("%1 with %2 bytes free").arg(what).arg(free);
            if (second.ok()) {
                ++successes;
                QVERIFY2(valid(path) && bytesOf(path) != good, qPrintable(context + QStringLiteral(": reported success, the file is not the new one")));
            } else {
                ++failures;
                const QString message = QString::fromStdString(second.error().toString());
                QVERIFY2(saysDiskFull(message), qPrintable(context + QStringLiteral(": ") + message));
                QVERIFY2(message.contains(QLatin1String("previous version is kept")), qPrintable(message));
                QVERIFY2(bytesOf(path) == good, qPrintable(context + QStringLiteral(": the previous good file was changed")));
                QCOMPARE(disk.files(), before); // no partial or temporary file left
            }
        }
        QVERIFY2(failures > 0, qPrintable(what + QStringLiteral(": never failed, the disk was never full enough")));
        QVERIFY2(successes > 0, qPrintable(what + QStringLiteral(": never succeeded")));
    }

    // A command-line run into a nearly full disk: it either writes every expected file, complete,
    // or exits non-zero saying the disk is full and leaves no file at all.
    void checkCommand(const QString &what, const QStringList &arguments, const QStringList &expected, bool needMidWriteFailure)
    {
        SmallFileSystem disk(4 << 20);
        if (!disk.available())
            QSKIP(qPrintable(disk.why()));
        bool midWrite = false;
        int successes = 0;
        for (qint64 free : kCommandFreeSteps) {
            disk.release();
            QDir(disk.filePath(QStringLiteral("out"))).removeRecursively();
            QVERIFY(disk.leaveFree(free));
            const testing::CliRun run = runCli(QStringList(arguments) << QStringLiteral("--out") << disk.filePath(QStringLiteral("out")));
            const QString context = QStringLiteral("%1 with %2 bytes free").arg(what).arg(free);
            if (run.exitCode == 0) {
                ++successes;
                for (const QString &name : expected) {
                    const QString file = disk.filePath(QStringLiteral("out/") + name);
                    QVERIFY2(QFileInfo(file).size() > 0, qPrintable(context + QStringLiteral(": missing ") + name));
                    if (name.endsWith(QLatin1String(".dcm")))
                        QVERIFY2(dicom::readTags(file.toStdString()).ok(), qPrintable(context + QStringLiteral(": unreadable ") + name));
                }
            } else {
                QVERIFY2(run.exitCode > 0, qPrintable(context + QStringLiteral(": crashed: ") + run.err));
                QVERIFY2(saysDiskFull(run.err), qPrintable(context + QStringLiteral(": ") + run.err));
                QStringList left;
                for (const QString &file : disk.files())
                    if (file.startsWith(QLatin1String("out/")) && !file.endsWith(QLatin1String("failures.jsonl")))
                        left << file;
                QVERIFY2(left.isEmpty(), qPrintable(context + QStringLiteral(" left: ") + left.join(QLatin1String(", "))));
                midWrite = midWrite || !run.err.contains(QLatin1String("export folder"));
            }
        }
        QVERIFY2(successes > 0, qPrintable(what + QStringLiteral(": never succeeded")));
        if (needMidWriteFailure)
            QVERIFY2(midWrite, qPrintable(what + QStringLiteral(": no run failed after the folder check; the sweep missed the writes")));
    }

    static QString bundle() { return QStringLiteral(RADSYNTH_SOURCE_DIR "/models/default"); }

    QString m_frontal; // a frontal PNG input for the command-line doors
    QTemporaryDir m_work;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        const imaging::Image image = chest(512, 512, 0.0);
        const std::vector<uint8_t> gray = imaging::renderGray8(image);
        QImage png(image.width, image.height, QImage::Format_Grayscale8);
        for (int y = 0; y < image.height; ++y)
            std::copy_n(gray.data() + size_t(y) * size_t(image.width), image.width, png.scanLine(y));
        m_frontal = m_work.filePath(QStringLiteral("frontal.png"));
        QVERIFY(png.save(m_frontal));
    }

    void atomicWrite()
    {
        checkWriter(QStringLiteral("files::writeAtomically"),
                    [](const QString &path, int version) {
                        return files::writeAtomically(path, QByteArray(version == 1 ? 1000 : 150000, char('a' + version)), "the test file");
                    },
                    [](const QString &) { return true; });
        // Without fsync (bulk outputs that can be made again): the same guarantees on a full disk.
        checkWriter(QStringLiteral("files::writeAtomically without fsync"),
                    [](const QString &path, int version) {
                        return files::writeAtomically(path, QByteArray(version == 1 ? 1000 : 150000, char('a' + version)), "the test file",
                                                      files::Sync::NoSync);
                    },
                    [](const QString &) { return true; });
    }

    // The editor's autosave goes through the draft store: a full disk keeps the last good draft.
    void reportDraftAutosave()
    {
        checkWriter(QStringLiteral("report draft store"),
                    [](const QString &path, int version) {
                        workflow::ReportDraftStore store(QFileInfo(path).absolutePath());
                        return store.save(draft(version == 1 ? 2 : 1500));
                    },
                    [](const QString &path) {
                        workflow::ReportDraftStore store(QFileInfo(path).absolutePath());
                        return store.load(QStringLiteral("fulldisk-study")).ok();
                    },
                    QStringLiteral("fulldisk-study.json"));
    }

    void textReport()
    {
        checkWriter(QStringLiteral("text report"),
                    [](const QString &path, int version) { return exports::writePlainText(draft(version == 1 ? 2 : 1500), path); },
                    [](const QString &path) { return bytesOf(path).startsWith("SYNTHETIC - not for diagnosis"); });
    }

    void structuredReport()
    {
        const exports::TargetStudy study = exports::newSyntheticStudy();
        checkWriter(QStringLiteral("Basic Text SR"),
                    [&study](const QString &path, int version) -> Status {
                        exports::StructuredReportOptions options;
                        options.study = study;
                        auto written = exports::writeBasicTextSr(draft(version == 1 ? 2 : 1500), options, path);
                        return written ? okStatus() : Status(written.error());
                    },
                    [](const QString &path) { return dicom::readTags(path.toStdString()).ok(); });
    }

    void secondaryCapture()
    {
        const exports::TargetStudy study = exports::newSyntheticStudy();
        checkWriter(QStringLiteral("Secondary Capture"),
                    [&study](const QString &path, int version) -> Status {
                        exports::SecondaryCaptureOptions options;
                        options.study = study;
                        options.provenance = draft(1).provenance;
                        auto written = exports::writeSecondaryCapture(chest(version == 1 ? 64 : 320, version == 1 ? 64 : 360, version), options, path);
                        return written ? okStatus() : Status(written.error());
                    },
                    [](const QString &path) { return dicom::readTags(path.toStdString()).ok(); });
    }

    void pngAndPdf()
    {
        checkWriter(QStringLiteral("PNG"),
                    [](const QString &path, int version) {
                        return exports::writePng(chest(version == 1 ? 64 : 400, version == 1 ? 64 : 400, version), draft(1).provenance, path);
                    },
                    [](const QString &path) { return !QImage(path, "png").isNull(); });
        checkWriter(QStringLiteral("PDF"),
                    [](const QString &path, int version) {
                        return exports::writePdf(draft(version == 1 ? 2 : 300), {chest(version == 1 ? 64 : 400, version == 1 ? 64 : 400, version)}, path);
                    },
                    [](const QString &path) { return bytesOf(path).startsWith("%PDF-") && bytesOf(path).trimmed().endsWith("%%EOF"); });
    }

    // A whole export (SC + PNG + SR + text): all or nothing.
    void studyExportIsAllOrNothing()
    {
        SmallFileSystem disk(4 << 20);
        if (!disk.available())
            QSKIP(qPrintable(disk.why()));
        int failures = 0, successes = 0;
        for (qint64 free : kFreeSteps) {
            disk.release();
            QDir(disk.filePath(QStringLiteral("export"))).removeRecursively();
            QVERIFY(QDir().mkpath(disk.filePath(QStringLiteral("export"))));
            QVERIFY(disk.leaveFree(free));
            exports::StudyExportRequest request;
            request.directory = disk.filePath(QStringLiteral("export"));
            request.formats = exports::ExportFormats(exports::ExportFormat::ImageSc) | exports::ExportFormat::ImagePng |
                              exports::ExportFormat::ReportSr | exports::ExportFormat::ReportText;
            exports::SyntheticImageItem item;
            item.image = chest(320, 360, 1.0);
            item.provenance = draft(1).provenance;
            item.viewPosition = "LL";
            item.name = QStringLiteral("lateral");
            request.images.push_back(item);
            request.hasReport = true;
            request.report = draft(40);
            auto exported = exports::exportStudy(request);
            if (exported) {
                ++successes;
                for (const QString &path : exported->paths())
                    QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
            } else {
                ++failures;
                QVERIFY2(saysDiskFull(QString::fromStdString(exported.error().toString())), exported.error().toString().c_str());
                QCOMPARE(disk.files(), QStringList());
            }
        }
        QVERIFY(failures > 0 && successes > 0);
    }

    void generateLateral()
    {
        checkCommand(QStringLiteral("generate F2L"),
                     {QStringLiteral("generate"), QStringLiteral("--bundle"), bundle(), QStringLiteral("--task"), QStringLiteral("F2L"),
                      QStringLiteral("--frontal"), m_frontal, QStringLiteral("--steps"), QStringLiteral("2")},
                     {QStringLiteral("lateral_0.dcm")}, true);
    }

    void generateReport()
    {
        checkCommand(QStringLiteral("generate F2R"),
                     {QStringLiteral("generate"), QStringLiteral("--bundle"), bundle(), QStringLiteral("--task"), QStringLiteral("F2R"),
                      QStringLiteral("--frontal"), m_frontal},
                     {QStringLiteral("report.txt"), QStringLiteral("report.dcm")}, false);
    }

    void teachingCase()
    {
        checkCommand(QStringLiteral("teaching case"),
                     {QStringLiteral("generate"), QStringLiteral("--bundle"), bundle(), QStringLiteral("--case"), QStringLiteral("0001"),
                      QStringLiteral("--findings"), QStringLiteral("cardiomegaly"), QStringLiteral("--steps"), QStringLiteral("2")},
                     {QStringLiteral("0001/frontal.dcm"), QStringLiteral("0001/lateral.dcm"), QStringLiteral("0001/report.txt"),
                      QStringLiteral("0001/case.json")},
                     true);
    }
};

QTEST_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
