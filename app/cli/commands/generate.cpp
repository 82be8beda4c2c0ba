// radsynth-cli generate: any-to-any generation from a model bundle (frontal, lateral, report).
#include "CliRegistry.h"

#include "radsynth/datasets/Datasets.h"
#include "radsynth/generation/Generator.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>

namespace gen = radsynth::generation;

namespace {
const char *kName = "generate";

// Reads an image for the generator: DICOM through the datasets library's preprocessing (the
// paper's: MONOCHROME1 inverted, normalised, padded, resized to the model's resolution), other
// formats at full size through OpenCV (normalised to 0..1; the library pads and resizes).
bool readImage(const QString &path, int resolution, gen::ImageData &out, std::string &error)
{
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".dcm")) || lower.endsWith(QLatin1String(".dicom"))) {
        auto pixels = radsynth::datasets::loadPreprocessed(path.toStdString(), resolution);
        if (!pixels) {
            error = pixels.error().toString();
            return false;
        }
        out.width = out.height = resolution;
        out.pixels.clear();
        for (uint16_t v : pixels.value())
            out.pixels.push_back(float(v) / 65535.0f);
        return true;
    }
    cv::Mat image = cv::imread(path.toStdString(), cv::IMREAD_GRAYSCALE | cv::IMREAD_ANYDEPTH);
    if (image.empty()) {
        error = "cannot read the image " + path.toStdString();
        return false;
    }
    cv::Mat f;
    image.convertTo(f, CV_32F);
    double lo = 0, hi = 0;
    cv::minMaxLoc(f, &lo, &hi);
    f = (f - lo) / std::max(hi - lo, 1e-6);
    out.width = f.cols;
    out.height = f.rows;
    out.pixels.assign(f.begin<float>(), f.end<float>());
    return true;
}

bool writePng(const QString &path, const gen::ImageData &image)
{
    cv::Mat m(image.height, image.width, CV_32F, const_cast<float *>(image.pixels.data()));
    cv::Mat out;
    m.convertTo(out, CV_16U, 65535.0);
    return cv::imwrite(path.toStdString(), out);
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Generate frontal/lateral images and reports from any subset of them."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("bundle"), QStringLiteral("Model bundle folder."), QStringLiteral("DIR")},
        {QStringLiteral("task"), QStringLiteral("F2L, L2F, F2R, L2R, FL2R, R2F, R2L, FR2L, LR2F or R2FL."), QStringLiteral("TASK")},
        {QStringLiteral("frontal"), QStringLiteral("Frontal image (PNG, JPEG, DICOM)."), QStringLiteral("FILE")},
        {QStringLiteral("lateral"), QStringLiteral("Lateral image (PNG, JPEG, DICOM)."), QStringLiteral("FILE")},
        {QStringLiteral("report"), QStringLiteral("Report text, or a file holding it."), QStringLiteral("FILE|TEXT")},
        {QStringLiteral("steps"), QStringLiteral("Sampler steps (default 20)."), QStringLiteral("N"), QStringLiteral("20")},
        {QStringLiteral("guidance"), QStringLiteral("Classifier-free guidance scale (default 2)."), QStringLiteral("G"), QStringLiteral("2")},
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S"), QStringLiteral("0")},
        {QStringLiteral("sampler"), QStringLiteral("ddim or dpmpp (default dpmpp)."), QStringLiteral("NAME"), QStringLiteral("dpmpp")},
        {QStringLiteral("eta"), QStringLiteral("DDIM eta (default 0)."), QStringLiteral("ETA"), QStringLiteral("0")},
        {QStringLiteral("variants"), QStringLiteral("Images per output view (default 1)."), QStringLiteral("K"), QStringLiteral("1")},
        {QStringLiteral("beam"), QStringLiteral("Beam width for reports (default 1: greedy)."), QStringLiteral("B"), QStringLiteral("1")},
        {QStringLiteral("threads"), QStringLiteral("CPU threads."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("device"), QStringLiteral("cpu or cuda (default cpu)."), QStringLiteral("DEVICE"), QStringLiteral("cpu")},
        {QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")},
    });
    if (!parser.parse(QStringList{QStringLiteral("generate")} + arguments))
        return radsynth::cli::fail(kName, parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    for (const char *required : {"bundle", "task", "out"})
        if (!parser.isSet(QString::fromLatin1(required)))
            return radsynth::cli::fail(kName, std::string("--") + required + " is required", 2);
    gen::Request request;
    if (!gen::parseTask(parser.value(QStringLiteral("task")).toStdString(), request.task))
        return radsynth::cli::fail(kName, "unknown task (F2L, L2F, F2R, L2R, FL2R, R2F, R2L, FR2L, LR2F, R2FL)", 2);
    if (!gen::parseSampler(parser.value(QStringLiteral("sampler")).toStdString(), request.sampler))
        return radsynth::cli::fail(kName, "unknown sampler (ddim, dpmpp)", 2);
    bool ok = true;
    request.steps = parser.value(QStringLiteral("steps")).toInt(&ok);
    request.guidance = ok ? parser.value(QStringLiteral("guidance")).toDouble(&ok) : 0;
    request.seed = ok ? parser.value(QStringLiteral("seed")).toULongLong(&ok) : 0;
    request.eta = ok ? parser.value(QStringLiteral("eta")).toDouble(&ok) : 0;
    request.variants = ok ? parser.value(QStringLiteral("variants")).toInt(&ok) : 0;
    request.beamWidth = ok ? parser.value(QStringLiteral("beam")).toInt(&ok) : 0;
    const int threads = ok ? parser.value(QStringLiteral("threads")).toInt(&ok) : 0;
    if (!ok)
        return radsynth::cli::fail(kName, "a numeric option has a value that is not a number", 2);
    gen::Generator::setThreads(threads);

    const auto t0 = std::chrono::steady_clock::now();
    auto loaded = gen::Generator::load(parser.value(QStringLiteral("bundle")).toStdString(), parser.value(QStringLiteral("device")).toStdString());
    if (!loaded)
        return radsynth::cli::fail(kName, loaded.message());
    gen::Generator &generator = *loaded.value();
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const int resolution = generator.info().config.resolution;
    std::string error;
    if (parser.isSet(QStringLiteral("frontal")) && !readImage(parser.value(QStringLiteral("frontal")), resolution, request.frontal, error))
        return radsynth::cli::fail(kName, "frontal: " + error);
    if (parser.isSet(QStringLiteral("lateral")) && !readImage(parser.value(QStringLiteral("lateral")), resolution, request.lateral, error))
        return radsynth::cli::fail(kName, "lateral: " + error);
    if (parser.isSet(QStringLiteral("report"))) {
        const QString value = parser.value(QStringLiteral("report"));
        QFile file(value);
        if (QFileInfo(value).isFile() && file.open(QIODevice::ReadOnly))
            request.report = QString::fromUtf8(file.readAll()).toStdString();
        else
            request.report = value.toStdString();
    }
    auto result = generator.run(request, [](int step, int total) {
        std::fprintf(stderr, "\rstep %d/%d", step, total);
        if (step == total)
            std::fprintf(stderr, "\n");
    });
    if (!result)
        return radsynth::cli::fail(kName, result.message());
    QDir out(parser.value(QStringLiteral("out")));
    if (!out.mkpath(QStringLiteral(".")))
        return radsynth::cli::fail(kName, "cannot create the output folder " + out.path().toStdString());
    for (const auto &image : result->images) {
        const QString base = QStringLiteral("%1_%2").arg(image.view == gen::View::Frontal ? QStringLiteral("frontal") : QStringLiteral("lateral")).arg(image.variant);
        const QString path = out.filePath(base + QStringLiteral(".png"));
        if (!writePng(path, image.image))
            return radsynth::cli::fail(kName, "cannot write " + path.toStdString());
        std::printf("%s\n", qPrintable(path));
        if (!image.upsampled.empty()) {
            const QString big = out.filePath(base + QStringLiteral("_input_size.png"));
            if (!writePng(big, image.upsampled))
                return radsynth::cli::fail(kName, "cannot write " + big.toStdString());
        }
    }
    if (!result->report.empty()) {
        QFile file(out.filePath(QStringLiteral("report.txt")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return radsynth::cli::fail(kName, "cannot write report.txt");
        file.write(QByteArray::fromStdString(result->report + "\n"));
        std::printf("report: %s\n", result->report.c_str());
    }
    const auto &t = result->timings;
    std::printf("model: %s\ntask %s, seed %llu, %d steps\ntimings (ms): load %.0f, encode %.1f, sample %.1f, decode %.1f, report %.1f, total %.1f\n",
                result->model.c_str(), result->task.c_str(), (unsigned long long)result->seed, result->steps, loadMs, t.encodeMs, t.sampleMs,
                t.decodeMs, t.reportMs, t.totalMs);
    return 0;
}
} // namespace

RADSYNTH_CLI_COMMAND("generate", "generate images and reports from a model bundle (any subset -> the others)", run);
