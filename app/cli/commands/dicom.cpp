// radsynth-cli info PATH... [--json]      what a folder / DICOMDIR / file holds, with any errors
// radsynth-cli render FILE --out OUT.png  the displayed image (window, size, frame)
// Patient name and ID are printed to the user's terminal (that is the user's own data on their
// screen); they never go to the log.
#include "CliRegistry.h"

#include "radsynth/common/SafeWrite.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/Image.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

using namespace radsynth;

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

bool parseArguments(QCommandLineParser &parser, const QString &command, const QStringList &arguments, std::string &error)
{
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("radsynth-cli ") + command} + arguments)) {
        error = parser.errorText().toStdString();
        return false;
    }
    return true;
}

QJsonObject instanceJson(const dicom::Instance &in)
{
    QJsonObject o{{"path", q(in.path)},
                  {"sopClassUid", q(in.sopClassUid)},
                  {"sopInstanceUid", q(in.sopInstanceUid)},
                  {"instanceNumber", in.instanceNumber},
                  {"kind", q(in.kindDescription)},
                  {"transferSyntax", q(in.transferSyntaxName)},
                  {"transferSyntaxUid", q(in.transferSyntaxUid)}};
    if (in.kind == dicom::ObjectKind::Image) {
        o.insert("columns", in.columns);
        o.insert("rows", in.rows);
        o.insert("frames", in.frames);
        o.insert("bitsAllocated", in.bitsAllocated);
        o.insert("bitsStored", in.bitsStored);
        o.insert("signed", in.isSigned);
        o.insert("samplesPerPixel", in.samplesPerPixel);
        o.insert("photometric", q(in.photometric));
        o.insert("view", QString::fromLatin1(dicom::toString(in.view.view)));
        o.insert("projection", q(in.view.projection));
        o.insert("viewSource", q(in.view.source));
        if (in.spacing.valid())
            o.insert("pixelSpacingMm", QJsonArray{in.spacing.rowMm, in.spacing.columnMm});
        o.insert("spacingCalibration", QString::fromLatin1(imaging::toString(in.spacing.calibration)));
        QJsonArray windows;
        for (const auto &w : in.windows)
            windows.append(QJsonObject{{"center", w.center}, {"width", w.width}, {"name", q(w.name)}});
        o.insert("windows", windows);
    }
    if (in.kind == dicom::ObjectKind::StructuredReport)
        o.insert("text", q(in.srText));
    if (!in.error.empty())
        o.insert("error", q(in.error));
    return o;
}

QJsonObject collectionJson(const dicom::StudyCollection &c)
{
    QJsonArray patients;
    for (const auto &p : c.patients) {
        QJsonArray studies;
        for (const auto &s : p.studies) {
            QJsonArray series;
            for (const auto &r : s.series) {
                QJsonArray instances;
                for (const auto &in : r.instances)
                    instances.append(instanceJson(in));
                series.append(QJsonObject{{"seriesInstanceUid", q(r.seriesInstanceUid)}, {"seriesNumber", r.seriesNumber},
                                          {"modality", q(r.modality)}, {"description", q(r.description)},
                                          {"bodyPart", q(r.bodyPart)}, {"instances", instances}});
            }
            studies.append(QJsonObject{{"studyInstanceUid", q(s.studyInstanceUid)}, {"studyDate", q(s.studyDate)},
                                       {"description", q(s.description)}, {"accessionNumber", q(s.accessionNumber)},
                                       {"series", series}});
        }
        patients.append(QJsonObject{{"patientName", q(p.patientName)}, {"patientId", q(p.patientId)},
                                    {"birthDate", q(p.birthDate)}, {"sex", q(p.sex)}, {"studies", studies}});
    }
    QJsonArray problems;
    for (const auto &problem : c.problems)
        problems.append(QJsonObject{{"path", q(problem.path)}, {"reason", q(problem.reason)}});
    return QJsonObject{{"patients", patients}, {"problems", problems}, {"instanceCount", qint64(c.instanceCount())}};
}

void printText(const dicom::StudyCollection &c)
{
    for (const auto &p : c.patients) {
        std::printf("Patient %s (ID %s, sex %s)\n", p.patientName.empty() ? "(no name)" : p.patientName.c_str(),
                    p.patientId.empty() ? "-" : p.patientId.c_str(), p.sex.empty() ? "-" : p.sex.c_str());
        for (const auto &s : p.studies) {
            std::printf("  Study %s %s  %s\n", s.studyDate.empty() ? "(no date)" : s.studyDate.c_str(),
                        s.description.c_str(), s.studyInstanceUid.c_str());
            for (const auto &r : s.series) {
                std::printf("    Series %d %s %s (%zu instances)\n", r.seriesNumber, r.modality.c_str(),
                            r.description.c_str(), r.instances.size());
                for (const auto &in : r.instances) {
                    std::printf("      #%d %s\n        %s; %s\n", in.instanceNumber, in.path.c_str(), in.kindDescription.c_str(),
                                in.transferSyntaxName.c_str());
                    if (in.kind == dicom::ObjectKind::Image) {
                        std::printf("        %dx%d, %d frame(s), %d/%d bits%s, %s, view %s%s%s%s\n", in.columns, in.rows,
                                    in.frames, in.bitsStored, in.bitsAllocated, in.isSigned ? " signed" : "",
                                    in.photometric.c_str(), dicom::toString(in.view.view),
                                    in.view.projection.empty() ? "" : (" " + in.view.projection).c_str(),
                                    in.view.source.empty() ? "" : " from ", in.view.source.c_str());
                        if (in.spacing.valid())
                            std::printf("        spacing %.4g x %.4g mm (%s)\n", in.spacing.rowMm, in.spacing.columnMm,
                                        imaging::toString(in.spacing.calibration));
                        for (const auto &w : in.windows)
                            std::printf("        window %s: C %g W %g\n", w.name.c_str(), w.center, w.width);
                    }
                    if (!in.srText.empty())
                        std::printf("        --- report text ---\n%s", in.srText.c_str());
                    if (!in.error.empty())
                        std::printf("        ERROR: %s\n", in.error.c_str());
                }
            }
        }
    }
    // Documentation next to the images (README, report.txt, previews) is not a problem to report.
    size_t problems = 0, documentation = 0;
    for (const auto &problem : c.problems) {
        if (dicom::isDocumentationFile(problem.path)) {
            ++documentation;
            continue;
        }
        ++problems;
        std::printf("Problem: %s: %s\n", problem.path.c_str(), problem.reason.c_str());
    }
    std::printf("%zu patient(s), %zu instance(s), %zu problem(s)%s\n", c.patients.size(), c.instanceCount(), problems,
                documentation ? (", " + std::to_string(documentation) + " documentation file(s) not read").c_str() : "");
}

int runInfo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the patients, studies, series and instances found."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("DICOM files, folders (recursive) or DICOMDIRs"),
                                 QStringLiteral("PATH..."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")});
    std::string error;
    if (!parseArguments(parser, QStringLiteral("info"), arguments, error))
        return cli::fail("info", error, 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    std::vector<std::string> paths;
    for (const QString &path : parser.positionalArguments())
        paths.push_back(path.toStdString());
    if (paths.empty())
        return cli::fail("info", "no PATH given (radsynth-cli info --help)", 2);
    const dicom::StudyCollection collection = dicom::scan(paths);
    if (parser.isSet(QStringLiteral("json")))
        std::printf("%s\n", QJsonDocument(collectionJson(collection)).toJson(QJsonDocument::Indented).constData());
    else
        printText(collection);
    if (collection.instanceCount() == 0) {
        const std::string reason = collection.problems.empty() ? "no DICOM objects found"
                                                               : "no DICOM objects found (" + collection.problems.front().path
                                                                     + ": " + collection.problems.front().reason + ")";
        return cli::fail("info", reason);
    }
    return 0;
}

int runRender(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write the displayed image of a DICOM file as PNG."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("DICOM image file"));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output PNG file."), QStringLiteral("OUT.png")});
    parser.addOption({QStringLiteral("window"), QStringLiteral("Window center and width (default: the file's)."),
                      QStringLiteral("CENTER,WIDTH")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Longest side in pixels (default: full size)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("frame"), QStringLiteral("Frame number, from 1 (default 1)."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("invert"), QStringLiteral("Invert the gray scale.")});
    std::string error;
    if (!parseArguments(parser, QStringLiteral("render"), arguments, error))
        return cli::fail("render", error, 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return cli::fail("render", "exactly one FILE is needed", 2);
    if (!parser.isSet(QStringLiteral("out")))
        return cli::fail("render", "--out OUT.png is required", 2);
    imaging::DisplayOptions display;
    display.invert = parser.isSet(QStringLiteral("invert"));
    if (parser.isSet(QStringLiteral("window"))) {
        const QStringList parts = parser.value(QStringLiteral("window")).split(QLatin1Char(','));
        bool okCenter = false, okWidth = false;
        const double center = parts.size() == 2 ? parts[0].toDouble(&okCenter) : 0.0;
        const double width = parts.size() == 2 ? parts[1].toDouble(&okWidth) : 0.0;
        if (!okCenter || !okWidth || width < 1.0)
            return cli::fail("render", "--window needs CENTER,WIDTH with WIDTH >= 1", 2);
        display.window = imaging::WindowLevel{center, width, "Command line"};
    }
    int size = 0;
    if (parser.isSet(QStringLiteral("size"))) {
        bool ok = false;
        size = parser.value(QStringLiteral("size")).toInt(&ok);
        if (!ok || size < 1 || size > 32768)
            return cli::fail("render", "--size needs a number of pixels between 1 and 32768", 2);
    }
    int frame = 1;
    if (parser.isSet(QStringLiteral("frame"))) {
        bool ok = false;
        frame = parser.value(QStringLiteral("frame")).toInt(&ok);
        if (!ok || frame < 1)
            return cli::fail("render", "--frame needs a frame number from 1", 2);
    }
    const std::string file = parser.positionalArguments().front().toStdString();
    auto decoded = dicom::decodeFrame(file, frame - 1);
    if (!decoded)
        return cli::fail("render", decoded.error().toString());
    const imaging::Image &image = *decoded;
    QImage out;
    if (image.isColor()) {
        const auto rgb = imaging::renderRgb8(image, display);
        out = QImage(rgb.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888).copy();
    } else {
        const auto gray = imaging::renderGray8(image, display);
        out = QImage(gray.data(), image.width, image.height, image.width, QImage::Format_Grayscale8).copy();
    }
    if (size > 0)
        out = out.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const QString outPath = parser.value(QStringLiteral("out"));
    QBuffer encoded;
    encoded.open(QIODevice::WriteOnly);
    if (!out.save(&encoded, "PNG"))
        return cli::fail("render", "cannot encode the PNG for " + outPath.toStdString());
    if (const Status written = files::writeAtomically(outPath, encoded.data(), "the PNG"); !written)
        return cli::fail("render", written.error().toString());
    std::printf("%s: %dx%d written\n", qPrintable(outPath), out.width(), out.height());
    return 0;
}

} // namespace

RADSYNTH_CLI_COMMAND("info", "list patients/studies/series/instances of DICOM files, folders, DICOMDIRs", runInfo);
RADSYNTH_CLI_COMMAND("render", "write the displayed image of a DICOM file as PNG", runRender);
