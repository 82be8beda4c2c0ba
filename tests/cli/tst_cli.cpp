// radsynth-cli as a user runs it (QProcess on the built binary): `generate` writes DICOM Secondary
// Capture and Basic Text SR beside its PNG/text outputs, `export` writes SC/SR/PDF/text, educator
// mode builds teaching cases (synthetic identity only) and batches that resume after interruption.
// Every DICOM object reopens through the RadSynth loader and passes dciodvfy (dicom3tools) without
// errors. The model is a tiny bundle trained here by `radsynth-cli simulate` + `train` (a few steps:
// the pipeline is under test, not image quality).
#include "../support/ClusterTestSupport.h"
#include "../support/Dciodvfy.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/export/GenerationExport.h"
#include "radsynth/export/StudyExport.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/JobScheduler.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <mutex>
#include <optional>
#include <tuple>

using namespace radsynth;

namespace {

using Run = radsynth::testing::CliRun;

Run runCli(const QStringList &arguments, int timeoutMs = 180000)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    return radsynth::testing::runProgram(QStringLiteral(RADSYNTH_CLI_PATH), arguments, timeoutMs, environment);
}

QString describe(const Run &run) { return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out.right(1500), run.err.right(1500)); }

std::map<std::string, std::string> tags(const QString &path)
{
    std::map<std::string, std::string> out;
    const auto rows = dicom::readTags(path.toStdString());
    if (!rows)
        return out;
    for (const auto &row : *rows)
        if (row.depth == 0)
            out[row.keyword] = row.value;
    return out;
}

QStringList allTagValues(const QString &path)
{
    QStringList out;
    const auto rows = dicom::readTags(path.toStdString());
    if (rows)
        for (const auto &row : *rows)
            out << QString::fromStdString(row.value);
    return out;
}

using testing::dciodvfyErrors;

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bundle;
    QString m_sourceFrontal; // a simulated DICOM study: stands in for a real source study
    bool m_warnedValidator = false;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Reopens through the RadSynth loader (headers, and pixels for images) and validates.
    // `minimumSize`: generated images are upsampled for export so the burned-in marks are legible.
    void checkDicom(const QString &file, dicom::ObjectKind kind, int minimumSize = 512)
    {
        QVERIFY2(QFileInfo(file).isFile(), qPrintable(file + QStringLiteral(" missing")));
        const dicom::StudyCollection collection = dicom::scan({file.toStdString()});
        const auto instances = collection.instances();
        QCOMPARE(int(instances.size()), 1);
        QVERIFY2(instances.front()->error.empty(), instances.front()->error.c_str());
        QVERIFY(instances.front()->kind == kind);
        if (kind == dicom::ObjectKind::Image) {
            const auto decoded = dicom::decodeFrame(file.toStdString());
            QVERIFY2(decoded.ok(), decoded ? "" : decoded.error().toString().c_str());
            QVERIFY(decoded->width >= minimumSize && decoded->height >= minimumSize);
        }
        bool available = false;
        const QStringList errors = dciodvfyErrors(file, &available);
        if (!available && !m_warnedValidator) {
            qWarning("dciodvfy (Debian dicom3tools) not installed: standard validation skipped");
            m_warnedValidator = true;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(file + QLatin1Char('\n') + errors.join(QLatin1Char('\n'))));
    }

    void checkSyntheticImage(const QString &file, const QString &task)
    {
        auto t = tags(file);
        QCOMPARE(QString::fromStdString(t["ImageType"]), QStringLiteral("DERIVED\\SECONDARY"));
        QCOMPARE(QString::fromStdString(t["BurnedInAnnotation"]), QStringLiteral("YES"));
        QVERIFY(QString::fromStdString(t["SeriesDescription"]).contains(QLatin1String("SYNTHETIC")));
        const QString derivation = QString::fromStdString(t["DerivationDescription"]);
        QVERIFY2(derivation.contains(QLatin1String("cli-tiny")) && derivation.contains(QLatin1String("task ") + task) &&
                     derivation.contains(QLatin1String("seed ")),
                 qPrintable(derivation));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(QStringLiteral(RADSYNTH_CLI_PATH)).isExecutable(), RADSYNTH_CLI_PATH);
        // A small simulated dataset (DICOM + PNG + reports) and a tiny bundle trained on it.
        Run sim = runCli({QStringLiteral("simulate"), QStringLiteral("--count"), QStringLiteral("8"), QStringLiteral("--size"), QStringLiteral("64"),
                          QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"),
                          path(QStringLiteral("sim"))});
        QVERIFY2(sim.exitCode == 0, qPrintable(describe(sim)));
        QDirIterator it(path(QStringLiteral("sim/dicom")), {QStringLiteral("frontal.dcm")}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        m_sourceFrontal = it.next();
        QFile recipe(path(QStringLiteral("tiny.json")));
        QVERIFY(recipe.open(QIODevice::WriteOnly));
        recipe.write(R"({"preset":"tiny","stages":[
            {"stage":"autoencoder","steps":4,"batch":4},{"stage":"align","steps":3,"batch":4},
            {"stage":"lateral","steps":3,"batch":4},{"stage":"report","steps":4,"batch":4},
            {"stage":"frontal","steps":3,"batch":4},{"stage":"findings","steps":3,"batch":4}]})");
        recipe.close();
        m_bundle = path(QStringLiteral("bundle"));
        Run train = runCli({QStringLiteral("train"), QStringLiteral("--recipe"), recipe.fileName(), QStringLiteral("--data"), path(QStringLiteral("sim")),
                            QStringLiteral("--bundle"), m_bundle, QStringLiteral("--preset"), QStringLiteral("tiny"), QStringLiteral("--validate-every"),
                            QStringLiteral("1000"), QStringLiteral("--sample-every"), QStringLiteral("0"), QStringLiteral("--checkpoint-every"),
                            QStringLiteral("0")},
                           300000);
        QVERIFY2(train.exitCode == 0, qPrintable(describe(train)));
        // The model name the headers must carry.
        const QJsonObject manifest = readJson(m_bundle + QStringLiteral("/manifest.json"));
        QVERIFY2(!manifest.value(QStringLiteral("name")).toString().isEmpty(), "bundle manifest without a name");
        // lateral, report and frontal trained side by side (--jobs auto): none lost from the manifest.
        const QJsonObject components = manifest.value(QStringLiteral("components")).toObject();
        for (const char *c : {"autoencoder", "encoders", "lateral_unet", "report_decoder", "frontal_unet"})
            QVERIFY2(components.contains(QLatin1String(c)), c);
        m_modelName = manifest.value(QStringLiteral("name")).toString();
    }

    // Progress goes to stderr as plain lines when stderr is not a terminal (a pipe here), the last
    // one always, never on stdout with the result lines; RADSYNTH_QUIET=1 silences it (issue 25).
    // --report is text or @FILE: a mistyped path is an error, not the report (issue 24, finding 4);
    // a report longer than the model reads is said so.
    void reportArgumentIsExplicit()
    {
        const Run typo = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("R2F"),
                                 QStringLiteral("--report"), QStringLiteral("/no/such/report.txt"), QStringLiteral("--out"), path(QStringLiteral("typo"))});
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains(QLatin1String("no report file /no/such/report.txt")), qPrintable(describe(typo)));
        const Run missing = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("R2F"),
                                    QStringLiteral("--report"), QStringLiteral("@/no/such"), QStringLiteral("--out"), path(QStringLiteral("typo"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1String("cannot read the report file /no/such")), qPrintable(describe(missing)));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("typo"))));
        QFile longReport(path(QStringLiteral("long-report.txt")));
        QVERIFY(longReport.open(QIODevice::WriteOnly));
        for (int i = 0; i < 40; ++i)
            longReport.write("There is a small right pleural effusion. ");
        longReport.close();
        const Run along = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("R2F"),
                                  QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--report"), QLatin1Char('@') + longReport.fileName(),
                                  QStringLiteral("--no-dicom"), QStringLiteral("--out"), path(QStringLiteral("long"))});
        QVERIFY2(along.exitCode == 0, qPrintable(describe(along)));
        QVERIFY2(along.err.contains(QLatin1String("the report has 322 tokens; the model reads the first")), qPrintable(along.err));
    }

    void progressIsReadableInLogs()
    {
        QTemporaryDir dir;
        const Run run = runCli({QStringLiteral("simulate"), QStringLiteral("--engine"), QStringLiteral("phantom"), QStringLiteral("--count"),
                                QStringLiteral("12"), QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--no-dicom"),
                                QStringLiteral("--out"), dir.filePath(QStringLiteral("a"))});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QLatin1String("simulate 12/12 cases")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QLatin1Char('\r')) && !run.err.contains(QLatin1String("\033[K")), qPrintable(run.err));
        QVERIFY(!run.out.contains(QLatin1String("12/12")));
        QVERIFY(run.out.contains(QLatin1String("wrote 12 simulated cases")));
        qputenv("RADSYNTH_QUIET", "1");
        const Run quiet = runCli({QStringLiteral("simulate"), QStringLiteral("--engine"), QStringLiteral("phantom"), QStringLiteral("--count"),
                                  QStringLiteral("12"), QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--no-dicom"),
                                  QStringLiteral("--out"), dir.filePath(QStringLiteral("b"))});
        qunsetenv("RADSYNTH_QUIET");
        QVERIFY2(quiet.exitCode == 0, qPrintable(describe(quiet)));
        QVERIFY2(!quiet.err.contains(QLatin1String("12/12")), qPrintable(quiet.err));
    }

    void generateWritesDicomBesideThePngs()
    {
        const QString out = path(QStringLiteral("generate"));
        Run run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("F2L"),
                          QStringLiteral("--frontal"), m_sourceFrontal, QStringLiteral("--steps"), QStringLiteral("3"), QStringLiteral("--seed"),
                          QStringLiteral("9"), QStringLiteral("--attach-to-source-study"), QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(QFileInfo(out + QStringLiteral("/lateral_0.png")).isFile());
        // The input check is always reported (this test bundle has no thresholds: it says so).
        QVERIFY2(run.out.contains(QLatin1String("input check (frontal): out-of-distribution check unavailable")), qPrintable(describe(run)));
        const QString lateral = out + QStringLiteral("/lateral_0.dcm");
        checkDicom(lateral, dicom::ObjectKind::Image);
        auto t = tags(lateral);
        QVERIFY2(QString::fromStdString(t["DerivationDescription"]).contains(m_modelName), t["DerivationDescription"].c_str());
        QVERIFY(QString::fromStdString(t["DerivationDescription"]).contains(QLatin1String("task F2L, seed 9")));
        QCOMPARE(QString::fromStdString(t["ImageType"]), QStringLiteral("DERIVED\\SECONDARY"));
        QCOMPARE(QString::fromStdString(t["BurnedInAnnotation"]), QStringLiteral("YES"));
        QVERIFY(QString::fromStdString(t["SeriesDescription"]).contains(QLatin1String("SYNTHETIC")));
        // Filed in the source's study (the explicit choice), new UIDs, the source referenced.
        auto source = tags(m_sourceFrontal);
        QCOMPARE(t["StudyInstanceUID"], source["StudyInstanceUID"]);
        QVERIFY(t["SOPInstanceUID"] != source["SOPInstanceUID"]);
        QVERIFY(t["SeriesInstanceUID"] != source["SeriesInstanceUID"]);
        QVERIFY(allTagValues(lateral).contains(QString::fromStdString(source["SOPInstanceUID"])));

        // A report: report.txt and a Basic Text SR referencing the input image.
        run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("F2R"),
                      QStringLiteral("--frontal"), m_sourceFrontal, QStringLiteral("--attach-to-source-study"), QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(QFileInfo(out + QStringLiteral("/report.txt")).isFile());
        checkDicom(out + QStringLiteral("/report.dcm"), dicom::ObjectKind::StructuredReport);
        QVERIFY(allTagValues(out + QStringLiteral("/report.dcm")).contains(QString::fromStdString(source["SOPInstanceUID"])));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/report-drafts.txt"))); // this bundle recommends no guided drafts

        // --drafts 4: the finding classifiers weigh four drafts; all are written, the chosen one marked.
        const QString drafted = path(QStringLiteral("generate-drafts"));
        run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("F2R"),
                      QStringLiteral("--frontal"), m_sourceFrontal, QStringLiteral("--drafts"), QStringLiteral("4"), QStringLiteral("--no-dicom"),
                      QStringLiteral("--out"), drafted});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QLatin1String("of 4, chosen by agreement")), qPrintable(describe(run)));
        QFile drafts(drafted + QStringLiteral("/report-drafts.txt"));
        QVERIFY(drafts.open(QIODevice::ReadOnly));
        const QString draftsText = QString::fromUtf8(drafts.readAll());
        QCOMPARE(draftsText.count(QRegularExpression(QStringLiteral("^draft \\d"), QRegularExpression::MultilineOption)), 4);
        QCOMPARE(draftsText.count(QStringLiteral("(chosen)")), 1);
        // What they were weighed against: the 14 probabilities, likeliest first.
        const QRegularExpressionMatch read =
            QRegularExpression(QStringLiteral("^The finding classifiers read this image as \\(probability\\): (.*)$"), QRegularExpression::MultilineOption).match(draftsText);
        QVERIFY2(read.hasMatch(), qPrintable(draftsText.left(400)));
        const QStringList entries = read.captured(1).split(QStringLiteral(", "));
        QCOMPARE(entries.size(), 14);
        QVERIFY(read.captured(1).contains(QLatin1String("no finding ")));
        for (int i = 1; i < entries.size(); ++i)
            QVERIFY2(entries[i - 1].section(QLatin1Char(' '), -1).toDouble() >= entries[i].section(QLatin1Char(' '), -1).toDouble(), qPrintable(read.captured(1)));

        // --no-dicom: PNG only.
        const QString plain = path(QStringLiteral("generate-plain"));
        run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), QStringLiteral("F2L"),
                      QStringLiteral("--frontal"), m_sourceFrontal, QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--no-dicom"),
                      QStringLiteral("--out"), plain});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(QFileInfo(plain + QStringLiteral("/lateral_0.png")).isFile());
        QVERIFY(QDir(plain).entryList({QStringLiteral("*.dcm")}).isEmpty());
    }

    void exportWritesEveryFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::newRow("sc") << "sc" << "export.dcm";
        QTest::newRow("sr signed") << "sr" << "export-sr.dcm";
        QTest::newRow("pdf") << "pdf" << "export.pdf";
        QTest::newRow("txt") << "txt" << "export.txt";
        QTest::newRow("png") << "png" << "export.png";
    }

    void exportWritesEveryFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        const QString image = path(QStringLiteral("generate/lateral_0.png"));
        if (!QFileInfo(image).isFile())
            QSKIP("needs generateWritesDicomBesideThePngs' output");
        const QString out = path(file);
        QStringList arguments{QStringLiteral("export"), QStringLiteral("--format"), format, QStringLiteral("--out"), out,
                              QStringLiteral("--report"), QStringLiteral("FINDINGS: The heart is enlarged.\n\nIMPRESSION: Cardiomegaly."),
                              QStringLiteral("--source"), m_sourceFrontal, QStringLiteral("--model"), QStringLiteral("cli-tiny"),
                              QStringLiteral("--task"), QStringLiteral("F2L"), QStringLiteral("--seed"), QStringLiteral("9")};
        if (format == QLatin1String("sr"))
            arguments << QStringLiteral("--state") << QStringLiteral("signed") << QStringLiteral("--reviewer") << QStringLiteral("Rossi^Anna");
        else
            arguments << QStringLiteral("--image") << image;
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(QFileInfo(out).size() > 0, qPrintable(out));
        if (format == QLatin1String("sc")) {
            checkDicom(out, dicom::ObjectKind::Image, 1); // export keeps the PNG's size
            checkSyntheticImage(out, QStringLiteral("F2L"));
        } else if (format == QLatin1String("sr")) {
            checkDicom(out, dicom::ObjectKind::StructuredReport);
            auto t = tags(out);
            QCOMPARE(QString::fromStdString(t["CompletionFlag"]), QStringLiteral("COMPLETE"));
            QCOMPARE(QString::fromStdString(t["VerificationFlag"]), QStringLiteral("VERIFIED"));
        } else if (format == QLatin1String("pdf")) {
            QFile pdf(out);
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            QVERIFY(pdf.read(5) == "%PDF-");
        } else if (format == QLatin1String("txt")) {
            QFile text(out);
            QVERIFY(text.open(QIODevice::ReadOnly));
            const QByteArray body = text.readAll();
            QVERIFY(body.startsWith("SYNTHETIC - not for diagnosis"));
            QVERIFY(body.contains("\n\nFINDINGS: The heart is enlarged."));
        }
    }

    void teachingCaseFromFindings()
    {
        const QString library = path(QStringLiteral("library"));
        const Run run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--case"), QStringLiteral("0007"),
                                QStringLiteral("--findings"), QStringLiteral("cardiomegaly;pleural_effusion:left:moderate"), QStringLiteral("--seed"),
                                QStringLiteral("3"), QStringLiteral("--steps"), QStringLiteral("3"), QStringLiteral("--out"), library});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QString dir = library + QStringLiteral("/0007");
        for (const char *name : {"frontal.dcm", "lateral.dcm", "report.dcm", "report.txt", "case.json"})
            QVERIFY2(QFileInfo(dir + QLatin1Char('/') + QLatin1String(name)).isFile(), name);
        checkDicom(dir + QStringLiteral("/frontal.dcm"), dicom::ObjectKind::Image);
        checkDicom(dir + QStringLiteral("/lateral.dcm"), dicom::ObjectKind::Image);
        checkDicom(dir + QStringLiteral("/report.dcm"), dicom::ObjectKind::StructuredReport);

        const QJsonObject json = readJson(dir + QStringLiteral("/case.json"));
        QCOMPARE(json.value(QStringLiteral("complete")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("id")).toString(), QStringLiteral("0007"));
        QCOMPARE(json.value(QStringLiteral("seed")).toString(), QStringLiteral("3"));
        QCOMPARE(json.value(QStringLiteral("request")).toObject().value(QStringLiteral("findings")).toString(),
                 QStringLiteral("cardiomegaly;pleural_effusion:left:moderate"));
        QCOMPARE(json.value(QStringLiteral("model")).toObject().value(QStringLiteral("name")).toString(), m_modelName);
        QVERIFY(!json.value(QStringLiteral("model")).toObject().value(QStringLiteral("identity")).toString().isEmpty());
        // The report states the requested findings: the labeler reads them back from it.
        QStringList present;
        for (const QJsonValue &finding : json.value(QStringLiteral("findings")).toArray())
            if (finding.toObject().value(QStringLiteral("status")).toString() == QLatin1String("positive"))
                present << finding.toObject().value(QStringLiteral("observation")).toString();
        QVERIFY2(present.contains(QLatin1String("cardiomegaly")) && present.contains(QLatin1String("pleural_effusion")), qPrintable(present.join(',')));

        auto frontal = tags(dir + QStringLiteral("/frontal.dcm"));
        auto lateral = tags(dir + QStringLiteral("/lateral.dcm"));
        auto sr = tags(dir + QStringLiteral("/report.dcm"));
        QCOMPARE(QString::fromStdString(frontal["PatientName"]), QStringLiteral("SYNTHETIC^TEACHING CASE 0007"));
        QCOMPARE(QString::fromStdString(frontal["ViewPosition"]), QStringLiteral("PA"));
        QCOMPARE(QString::fromStdString(lateral["ViewPosition"]), QStringLiteral("LL"));
        QVERIFY(QString::fromStdString(frontal["DerivationDescription"]).contains(QLatin1String("seed 3")));
        QCOMPARE(lateral["StudyInstanceUID"], frontal["StudyInstanceUID"]);
        QCOMPARE(sr["StudyInstanceUID"], frontal["StudyInstanceUID"]);
        QCOMPARE(sr["PatientID"], frontal["PatientID"]);
        // The SR references both images.
        const QStringList srValues = allTagValues(dir + QStringLiteral("/report.dcm"));
        QVERIFY(srValues.contains(QString::fromStdString(frontal["SOPInstanceUID"])));
        QVERIFY(srValues.contains(QString::fromStdString(lateral["SOPInstanceUID"])));

        // The folder scan the study browser uses lists the library as one patient with one study.
        const dicom::StudyCollection collection = dicom::scan({library.toStdString()});
        QCOMPARE(int(collection.patients.size()), 1);
        QCOMPARE(int(collection.patients.front().studies.size()), 1);
        QCOMPARE(int(collection.patients.front().studies.front().series.size()), 3);
    }

    // Every door writes the same provenance: `generate`, `demo`, a teaching case and the GUI's flow
    // (the generation service's job, its provenance, the workstation's export) put the same fields
    // (model, version, task, seed) into the Secondary Capture and the report text.
    void everyDoorWritesTheSameProvenance()
    {
        const QString generated = path(QStringLiteral("generate/lateral_0.dcm")), teaching = path(QStringLiteral("library/0007/frontal.dcm"));
        if (!QFileInfo(generated).isFile() || !QFileInfo(teaching).isFile())
            QSKIP("needs generateWritesDicomBesideThePngs' and teachingCaseFromFindings' output");
        // demo, on the simulated study.
        const QString demo = path(QStringLiteral("demo"));
        const Run run = runCli({QStringLiteral("demo"), QStringLiteral("--study"), QFileInfo(m_sourceFrontal).path(), QStringLiteral("--bundle"),
                                m_bundle, QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("4"),
                                QStringLiteral("--out"), demo});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        // The GUI's flow: the service's job on the scheduler, then Export... (exportStudy).
        const QString gui = path(QStringLiteral("gui-flow"));
        {
            workflow::JobScheduler scheduler;
            workflow::GenerationService service(m_bundle);
            service.setCaching(false);
            workflow::GenerationInputs inputs;
            inputs.studyKey = QStringLiteral("gui-flow");
            inputs.frontalPath = m_sourceFrontal;
            workflow::GenerationSettings settings;
            settings.steps = 2;
            settings.seed = 6;
            std::optional<generation::Generation> result;
            std::mutex mutex;
            scheduler.submit(service.makeJob(inputs, settings, [&](const generation::Generation &done) {
                std::lock_guard<std::mutex> lock(mutex);
                result = done;
            }));
            QVERIFY(scheduler.waitForIdle(120000));
            std::lock_guard<std::mutex> lock(mutex);
            QVERIFY(result.has_value());
            exports::StudyExportRequest request;
            request.directory = gui;
            request.formats = exports::ExportFormat::ImageSc | exports::ExportFormat::ReportText;
            request.sourcePath = m_sourceFrontal;
            exports::SyntheticImageItem item;
            item.image = exports::exportImageOf(result->images.front());
            item.provenance = service.provenance(*result, service.checkInputs(inputs, settings.task));
            item.viewPosition = "LL";
            item.name = QStringLiteral("lateral");
            request.images.push_back(item);
            request.hasReport = true;
            request.report.text = QStringLiteral("FINDINGS: Heart size is normal.");
            request.report.provenance = item.provenance;
            auto exported = exports::exportStudy(request);
            QVERIFY2(exported.ok(), exported.ok() ? "" : exported.error().toString().c_str());
        }
        const QStringList guiFiles = QDir(gui).entryList({QStringLiteral("*-synthetic-lateral.dcm")});
        QCOMPARE(guiFiles.size(), 1);

        // model, version, task, seed: the same fields, filled, with the bundle's name and version.
        const QJsonObject manifest = readJson(m_bundle + QStringLiteral("/manifest.json"));
        const QString version = manifest.value(QStringLiteral("version")).toString();
        const QRegularExpression derivation(QStringLiteral("^SYNTHETIC image generated by RadSynth: model (.+), version (.+), task ([A-Z2+]+), seed (\\d+)$"));
        const QRegularExpression footer(QStringLiteral("Provenance: SYNTHETIC - not for diagnosis \\((.+) (\\S+), task ([A-Z2+]+), seed (\\d+)\\)"));
        // (door, image, its seed, report text, its seed): generate's report came from a run without --seed.
        const std::vector<std::tuple<QString, QString, QString, QString, QString>> doors{
            {QStringLiteral("generate"), generated, QStringLiteral("9"), path(QStringLiteral("generate/report.txt")), QStringLiteral("0")},
            {QStringLiteral("demo"), demo + QStringLiteral("/lateral_0.dcm"), QStringLiteral("4"), demo + QStringLiteral("/report.txt"), QStringLiteral("4")},
            {QStringLiteral("teaching case"), teaching, QStringLiteral("3"), path(QStringLiteral("library/0007/report.txt")), QStringLiteral("3")},
            {QStringLiteral("GUI flow"), gui + QLatin1Char('/') + guiFiles.front(), QStringLiteral("6"),
             gui + QLatin1Char('/') + QString(guiFiles.front()).replace(QStringLiteral("-synthetic-lateral.dcm"), QStringLiteral("-report.txt")),
             QStringLiteral("6")}};
        for (const auto &[door, image, seed, text, textSeed] : doors) {
            const QString description = QString::fromStdString(tags(image)["DerivationDescription"]);
            const auto match = derivation.match(description);
            QVERIFY2(match.hasMatch(), qPrintable(door + QStringLiteral(": ") + description));
            QCOMPARE(match.captured(1), m_modelName);
            QCOMPARE(match.captured(2), version);
            QVERIFY2(!match.captured(3).isEmpty(), qPrintable(door));
            QCOMPARE(match.captured(4), seed);
            QFile file(text);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(text));
            const auto line = footer.match(QString::fromUtf8(file.readAll()));
            QVERIFY2(line.hasMatch(), qPrintable(door + QStringLiteral(": no provenance footer in ") + text));
            QCOMPARE(line.captured(1), m_modelName);
            QCOMPARE(line.captured(2), version);
            QCOMPARE(line.captured(4), textSeed);
        }
    }

    // A report taken from a (simulated) source study: nothing of that study's identity reaches the case.
    // The identity policy (docs/REPORTING.md), with a source whose names are Latin-1 (ISO_IR 100):
    // by default the outputs carry no byte of the source's identity or UIDs; only
    // --attach-to-source-study files them in the source study, with the names converted to UTF-8;
    // every DICOM output says Synthetic Data = YES; teaching cases refuse a source image.
    void identityPolicyWithANonAsciiSource()
    {
        const QString source = path(QStringLiteral("latin1-source.dcm"));
        {
            DcmFileFormat file;
            QVERIFY(file.loadFile(m_sourceFrontal.toStdString().c_str()).good());
            DcmDataset *d = file.getDataset();
            QVERIFY(file.loadAllDataIntoMemory().good());
            d->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 100");
            d->putAndInsertString(DCM_PatientName, "M\xfcller^J\xfcrgen");          // Müller^Jürgen in Latin-1
            d->putAndInsertString(DCM_ReferringPhysicianName, "Gr\xf6\xdf" "e^Hanna"); // Größe^Hanna
            d->putAndInsertString(DCM_PatientID, "PID-LATIN1-4711");
            d->putAndInsertString(DCM_AccessionNumber, "ACC-4711-X");
            d->putAndInsertString(DCM_PatientBirthDate, "19371231");
            QVERIFY(file.saveFile(source.toStdString().c_str(), EXS_LittleEndianExplicit).good());
        }
        auto original = tags(source);
        const QList<QByteArray> identity{QByteArray("M\xfcller"), QByteArray("M\xc3\xbcller"), QByteArray("Gr\xf6\xdf"),
                                         QByteArray("Gr\xc3\xb6\xc3\x9f"), QByteArray("PID-LATIN1-4711"), QByteArray("ACC-4711-X"),
                                         QByteArray("19371231"), QByteArray(original["StudyInstanceUID"].c_str()),
                                         QByteArray(original["SeriesInstanceUID"].c_str()), QByteArray(original["SOPInstanceUID"].c_str())};
        auto syntheticData = [](const QString &file) {
            const auto rows = dicom::readTags(file.toStdString());
            if (rows)
                for (const auto &row : *rows)
                    if (row.tag == "(0008,001c)" || row.tag == "(0008,001C)")
                        return QString::fromStdString(row.value);
            return QString();
        };
        auto generate = [&](const QString &out, const QString &task, bool attach) {
            QStringList arguments{QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--task"), task,
                                  QStringLiteral("--frontal"), source, QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--out"), out};
            if (attach)
                arguments << QStringLiteral("--attach-to-source-study");
            return runCli(arguments);
        };

        // (b) The default: a new synthetic study, nothing of the source in any file.
        const QString fresh = path(QStringLiteral("identity-default"));
        for (const QString task : {QStringLiteral("F2L"), QStringLiteral("F2R")}) {
            const Run run = generate(fresh, task, false);
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        }
        QDirIterator it(fresh, QDir::Files);
        int dicomFiles = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QByteArray &value : identity)
                QVERIFY2(!bytes.contains(value), qPrintable(file + QStringLiteral(" carries ") + QString::fromLatin1(value.toHex())));
            if (file.endsWith(QLatin1String(".dcm"))) {
                ++dicomFiles;
                auto t = tags(file);
                QCOMPARE(QString::fromStdString(t["PatientName"]), QStringLiteral("SYNTHETIC^CASE"));
                QVERIFY(t["StudyInstanceUID"] != original["StudyInstanceUID"]);
                QCOMPARE(syntheticData(file), QStringLiteral("YES"));
            }
        }
        QCOMPARE(dicomFiles, 2); // lateral_0.dcm, report.dcm

        // (a) The explicit choice: the source study, the names as valid UTF-8.
        const QString attached = path(QStringLiteral("identity-attached"));
        for (const QString task : {QStringLiteral("F2L"), QStringLiteral("F2R")}) {
            const Run run = generate(attached, task, true);
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        }
        for (const QString name : {QStringLiteral("lateral_0.dcm"), QStringLiteral("report.dcm")}) {
            const QString file = attached + QLatin1Char('/') + name;
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(bytes.contains("M\xc3\xbcller^J\xc3\xbcrgen"), qPrintable(name + QStringLiteral(": the name is not UTF-8")));
            QVERIFY2(!bytes.contains("M\xfcller"), qPrintable(name + QStringLiteral(": Latin-1 bytes under ISO_IR 192")));
            auto t = tags(file);
            QCOMPARE(QString::fromStdString(t["SpecificCharacterSet"]), QStringLiteral("ISO_IR 192"));
            QCOMPARE(t["StudyInstanceUID"], original["StudyInstanceUID"]);
            QCOMPARE(t["PatientID"], std::string("PID-LATIN1-4711"));
            QCOMPARE(syntheticData(file), QStringLiteral("YES"));
            QVERIFY(allTagValues(file).contains(QString::fromStdString(original["SOPInstanceUID"])));
        }

        // A teaching case never takes a source image, so it cannot carry one's identity.
        const Run teaching = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--case"), QStringLiteral("x"),
                                     QStringLiteral("--findings"), QStringLiteral("cardiomegaly"), QStringLiteral("--frontal"), source,
                                     QStringLiteral("--out"), path(QStringLiteral("identity-teaching"))});
        QCOMPARE(teaching.exitCode, 2);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("identity-teaching/x"))));
    }

    void teachingCaseCarriesNoSourceIdentity()
    {
        auto source = tags(m_sourceFrontal);
        QVERIFY(!source["PatientName"].empty() && !source["PatientID"].empty());
        const QString library = path(QStringLiteral("library-identity"));
        const Run run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--case"), QStringLiteral("id-check"),
                                QStringLiteral("--report"),
                                QStringLiteral("FINDINGS: The heart size is normal. Small right pleural effusion.\nIMPRESSION: Small right effusion."),
                                QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--out"), library});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QStringList forbidden{QString::fromStdString(source["PatientName"]), QString::fromStdString(source["PatientID"]),
                                    QString::fromStdString(source["StudyInstanceUID"]), QString::fromStdString(source["SeriesInstanceUID"])};
        QDirIterator it(library + QStringLiteral("/id-check"), QDir::Files);
        int files = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            ++files;
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QString &value : forbidden)
                QVERIFY2(!bytes.contains(value.toUtf8()), qPrintable(file + QStringLiteral(" carries ") + value));
            if (file.endsWith(QLatin1String(".dcm"))) {
                auto t = tags(file);
                QVERIFY(QString::fromStdString(t["PatientName"]).startsWith(QLatin1String("SYNTHETIC^TEACHING CASE")));
                QVERIFY(QString::fromStdString(t["PatientID"]).startsWith(QLatin1String("RS-")));
                QVERIFY(t["PatientBirthDate"].empty());
                QVERIFY(t["AccessionNumber"].empty());
                QVERIFY(t["ReferringPhysicianName"].empty());
            }
        }
        QCOMPARE(files, 5);
        // Two cases never share a patient or a study.
        auto other = tags(path(QStringLiteral("library/0007/frontal.dcm")));
        auto mine = tags(library + QStringLiteral("/id-check/frontal.dcm"));
        if (!other.empty()) {
            QVERIFY(other["PatientID"] != mine["PatientID"]);
            QVERIFY(other["StudyInstanceUID"] != mine["StudyInstanceUID"]);
        }
    }

    void batchBuildsAndResumes()
    {
        const QString library = path(QStringLiteral("batch"));
        QFile cases(path(QStringLiteral("cases.jsonl")));
        QVERIFY(cases.open(QIODevice::WriteOnly));
        cases.write("{\"id\":\"a\",\"findings\":\"cardiomegaly\",\"seed\":1,\"steps\":2}\n"
                    "# a comment line\n"
                    "{\"id\":\"b\",\"report\":\"FINDINGS: Lungs are clear.\\nIMPRESSION: Normal.\",\"seed\":2,\"steps\":2}\n"
                    "{\"id\":\"c\",\"findings\":\"pneumothorax:right:small\",\"seed\":3,\"steps\":2,\"guidance\":1.5}\n");
        cases.close();
        const QStringList arguments{QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--batch"), cases.fileName(),
                                    QStringLiteral("--out"), library};
        Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QLatin1String("3 built, 0 already complete, 0 failed")), qPrintable(run.out));
        // Progress in a log (stderr is a pipe here): plain lines, the last one "3/3", no carriage returns.
        QVERIFY2(run.err.contains(QLatin1String("cases 3/3 cases")), qPrintable(run.err.right(300)));
        QVERIFY2(!run.err.contains(QLatin1Char('\r')), qPrintable(run.err.right(300)));
        std::map<QString, QDateTime> before;
        for (const QString id : {QStringLiteral("a"), QStringLiteral("c")})
            for (const QString file : {QStringLiteral("case.json"), QStringLiteral("frontal.dcm"), QStringLiteral("report.dcm")})
                before[id + QLatin1Char('/') + file] = QFileInfo(library + QLatin1Char('/') + id + QLatin1Char('/') + file).lastModified();
        const QJsonObject c = readJson(library + QStringLiteral("/c/case.json"));
        const QJsonObject guidance = c.value(QStringLiteral("guidance")).toObject(); // per task run
        QVERIFY2(!guidance.isEmpty(), "case.json names the guidance of each task");
        for (const QJsonValue used : guidance)
            QCOMPARE(used.toDouble(), 1.5);

        // Interrupted run: case b gone, a half-written temporary folder left behind.
        QVERIFY(QDir(library + QStringLiteral("/b")).removeRecursively());
        QVERIFY(QDir().mkpath(library + QStringLiteral("/.partial-b-1234")));
        QFile half(library + QStringLiteral("/.partial-b-1234/frontal.dcm"));
        QVERIFY(half.open(QIODevice::WriteOnly));
        half.write("DICM");
        half.close();

        run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QLatin1String("1 built, 2 already complete, 0 failed")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("built ") + library + QStringLiteral("/b")));
        QVERIFY(run.out.contains(QLatin1String("skipped ") + library + QStringLiteral("/a")));
        for (const auto &[file, time] : before)
            QVERIFY2(QFileInfo(library + QLatin1Char('/') + file).lastModified() == time, qPrintable(file + QStringLiteral(" was rewritten")));
        QVERIFY(readJson(library + QStringLiteral("/b/case.json")).value(QStringLiteral("complete")).toBool());
        QVERIFY(!QFileInfo::exists(library + QStringLiteral("/.partial-b-1234")));
        checkDicom(library + QStringLiteral("/b/lateral.dcm"), dicom::ObjectKind::Image);

        // An incomplete case.json (a case folder made by hand or damaged) is rebuilt too.
        QFile damaged(library + QStringLiteral("/c/case.json"));
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("{\"id\":\"c\"");
        damaged.close();
        run = runCli(arguments);
        QVERIFY2(run.out.contains(QLatin1String("1 built, 2 already complete, 0 failed")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("built ") + library + QStringLiteral("/c")));
    }

    void batchRejectsBadLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("both") << QByteArray(R"({"id":"x","report":"FINDINGS: x","findings":"edema"})") << "either \"report\" or \"findings\"";
        QTest::newRow("bad id") << QByteArray(R"({"id":"../x","findings":"edema"})") << "case id";
        QTest::newRow("bad findings") << QByteArray(R"({"id":"x","findings":"unicorn"})") << "case x";
        QTest::newRow("not json") << QByteArray("{id: x}") << "not a JSON object";
    }

    void batchRejectsBadLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        QFile cases(path(QStringLiteral("bad.jsonl")));
        QVERIFY(cases.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cases.write("{\"id\":\"ok\",\"findings\":\"edema\"}\n" + line + "\n");
        cases.close();
        const Run run = runCli({QStringLiteral("generate"), QStringLiteral("--bundle"), m_bundle, QStringLiteral("--batch"), cases.fileName(),
                                QStringLiteral("--out"), path(QStringLiteral("bad-library"))});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(QLatin1String("bad.jsonl:2")) && run.err.contains(message), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("bad-library/ok"))));
    }

private:
    QString m_modelName;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
