// Bundles and the generator, on untrained tiny models (32 px): every component's shapes and
// save/load, integrity checks naming the component, partial bundles, determinism, progress and
// cancellation. Learning itself is tested in TestGenerationLearning.
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/OodDetector.h"
#include "radsynth/generation/Sha256.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace radsynth::generation;

namespace {
ImageData gradient(int w, int h)
{
    ImageData image;
    image.width = w;
    image.height = h;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.pixels.push_back(float(x + y) / float(w + h));
    return image;
}

ModelConfig tiny()
{
    auto c = ModelConfig::fromPreset("tiny").value();
    return c;
}

std::string createTiny(const QTemporaryDir &dir, const QString &name, std::vector<Component> components = {std::begin(kAllComponents), std::end(kAllComponents)},
                       ModelConfig config = tiny())
{
    CreateBundleOptions o;
    o.directory = dir.filePath(name).toStdString();
    o.config = config;
    o.components = components;
    o.tokenizerTexts = {"heart size is normal .", "lungs are clear .", "no pleural effusion ."};
    o.seed = 5;
    Status s = createBundle(o);
    if (!s)
        qFatal("createBundle: %s", s.message().c_str());
    return o.directory;
}

// Thresholds for a tiny bundle's encoders (distance 0.25, reconstruction 0.01).
OodCalibration tinyCalibration(int validationImages)
{
    OodCalibration calibration;
    calibration.distanceThreshold = 0.25;
    calibration.reconstructionThreshold = 0.01;
    calibration.validationImages = validationImages;
    calibration.reference = {std::vector<float>(size_t(tiny().contextDim), 0.125f)};
    return calibration;
}

void rehash(const std::string &bundle, const std::string &component)
{
    std::ifstream in(bundle + "/manifest.json");
    std::stringstream text;
    text << in.rdbuf();
    Json manifest;
    std::string error;
    QVERIFY(Json::parse(text.str(), manifest, &error));
    Json components = manifest["components"];
    Json entry = components[component];
    entry.set("sha256", sha256File(bundle + "/" + entry["file"].toString()));
    components.set(component, entry);
    manifest.set("components", components);
    std::ofstream(bundle + "/manifest.json") << manifest.dump();
}

Request request(Task task)
{
    Request r;
    r.task = task;
    r.frontal = gradient(40, 48);
    r.lateral = gradient(48, 40);
    r.report = "Heart size is normal. Lungs are clear.";
    r.steps = 4;
    r.guidance = 2.0;
    r.seed = 11;
    r.maxTokens = 12;
    return r;
}

std::vector<const ImageData *> pointersTo(const std::vector<ImageData> &images)
{
    std::vector<const ImageData *> pointers;
    for (const auto &image : images)
        pointers.push_back(&image);
    return pointers;
}

// A 32 px, width-8 finding classifier's options (three convolutions; seconds to train).
FindingClassifierOptions smallClassifier(int minimumSteps, int batch)
{
    FindingClassifierOptions o;
    o.size = 32;
    o.width = 8;
    o.epochs = 1;
    o.minimumSteps = minimumSteps;
    o.batch = batch;
    return o;
}
} // namespace

class TestGeneration : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_bundle;
    std::unique_ptr<Generator> m_generator;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Generator::setThreads(1);
        m_bundle = createTiny(m_dir, QStringLiteral("full"));
        auto loaded = Generator::load(m_bundle);
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        m_generator = std::move(loaded.value());
    }

    void manifestDescribesEveryComponent()
    {
        const BundleInfo &info = m_generator->info();
        QCOMPARE(info.components.size(), size_t(5));
        QCOMPARE(info.config.resolution, 32);
        QCOMPARE(info.tokenizerFile, std::string("vocab.txt"));
        for (const auto &c : info.components) {
            QVERIFY(c.parameterCount > 0);
            QCOMPARE(c.sha256, sha256File(m_bundle + "/" + c.file));
            QVERIFY(c.shapes.size() > 0);
        }
        // The autoencoder's latent: 4 channels out of the last encoder convolution (mean + logvar).
        const Json &shapes = info.find(Component::Autoencoder)->shapes;
        QCOMPARE(shapes["encoder_out.weight"].at(0).toInt(), 2 * 4);
        QCOMPARE(shapes["decoder_in.weight"].at(1).toInt(), 4);
        QVERIFY(QFile::exists(QString::fromStdString(m_bundle + "/MODEL_CARD.md")));
        QCOMPARE(m_generator->tasks().size(), size_t(10));
    }

    void saveLoadRoundTrip()
    {
        // The same seed builds the same weights, saved byte for byte identically; a bundle loaded
        // from those files generates exactly what the first one does.
        const std::string again = createTiny(m_dir, QStringLiteral("again"));
        auto info1 = readManifest(m_bundle), info2 = readManifest(again);
        QVERIFY(info1.isOk() && info2.isOk());
        for (Component c : kAllComponents)
            QCOMPARE(info1->find(c)->sha256, info2->find(c)->sha256);
        auto second = Generator::load(again);
        QVERIFY(second.isOk());
        for (Task task : {Task::FR2L, Task::FL2R}) {
            auto a = m_generator->run(request(task));
            auto b = second.value()->run(request(task));
            QVERIFY2(a.isOk(), a.message().c_str());
            QVERIFY(b.isOk());
            QCOMPARE(a->report, b->report);
            QCOMPARE(a->images.size(), b->images.size());
            for (size_t i = 0; i < a->images.size(); ++i)
                QCOMPARE(a->images[i].image.pixels, b->images[i].image.pixels);
        }
    }

    void everyTask_data()
    {
        QTest::addColumn<int>("task");
        for (Task t : kAllTasks)
            QTest::newRow(toString(t)) << int(t);
    }
    void everyTask()
    {
        QFETCH(int, task);
        Request r = request(Task(task));
        r.variants = 2;
        int calls = 0, lastTotal = 0, lastStep = 0;
        auto result = m_generator->run(r, [&](int step, int total) {
            ++calls;
            QCOMPARE(step, lastStep + 1);
            lastStep = step;
            lastTotal = total;
        });
        QVERIFY2(result.isOk(), result.message().c_str());
        const TaskSpec spec = taskSpec(Task(task));
        const size_t views = size_t(spec.makesFrontal) + size_t(spec.makesLateral);
        QCOMPARE(result->images.size(), views * 2);
        for (const auto &g : result->images) {
            QCOMPARE(g.image.width, 32);
            QCOMPARE(g.image.height, 32);
            QCOMPARE(g.image.pixels.size(), size_t(32 * 32));
            for (float v : g.image.pixels)
                QVERIFY(v >= 0 && v <= 1);
            if (spec.needsFrontal || spec.needsLateral)
                QCOMPARE(g.upsampled.width, 48); // the input's longer side
            else
                QVERIFY(g.upsampled.empty());
        }
        QCOMPARE(!result->report.empty(), spec.makesReport);
        if (views > 0 && !spec.makesReport) {
            QCOMPARE(calls, int(views) * r.steps); // once per sampler step
            QCOMPARE(lastTotal, int(views) * r.steps);
        }
        QVERIFY(result->model.find("radsynth-untrained") != std::string::npos);
        QVERIFY(result->timings.totalMs > 0);
    }

    void determinismBySeed()
    {
        for (Sampler sampler : {Sampler::Ddim, Sampler::DpmSolver2M}) {
            Request r = request(Task::F2L);
            r.sampler = sampler;
            r.eta = sampler == Sampler::Ddim ? 0.5 : 0.0;
            auto a = m_generator->run(r), b = m_generator->run(r);
            r.seed = 12;
            auto c = m_generator->run(r);
            QVERIFY(a.isOk() && b.isOk() && c.isOk());
            QCOMPARE(a->images[0].image.pixels, b->images[0].image.pixels);
            QVERIFY(a->images[0].image.pixels != c->images[0].image.pixels);
        }
        // Variants are the images of consecutive seeds.
        Request r = request(Task::F2L);
        r.variants = 2;
        auto two = m_generator->run(r);
        r.variants = 1;
        r.seed += 1;
        auto one = m_generator->run(r);
        QVERIFY(two.isOk() && one.isOk());
        for (size_t i = 0; i < one->images[0].image.pixels.size(); ++i)
            QVERIFY(std::fabs(two->images[1].image.pixels[i] - one->images[0].image.pixels[i]) < 1e-4f);
    }

    // The manifest's "sampling" recommendations are what a request that leaves guidance and
    // beam width to the model gets; an explicit value still wins; a bundle without them gets
    // guidance 2 and greedy decoding.
    void recommendedSamplingFromTheManifest()
    {
        QCOMPARE(m_generator->recommendedGuidance(Task::R2F), kDefaultGuidance);
        QCOMPARE(m_generator->recommendedBeam(Task::F2R), 1);
        const std::string bundle = createTiny(m_dir, QStringLiteral("recommended"));
        auto info = readManifest(bundle);
        QVERIFY(info.isOk());
        BundleInfo edited = info.value();
        Json r2f = Json::object();
        r2f.set("guidance", 4.5);
        Json f2r = Json::object();
        f2r.set("beam", 3);
        edited.sampling = Json::object();
        edited.sampling.set("R2F", r2f);
        edited.sampling.set("F2R", f2r);
        QVERIFY(writeManifest(edited));
        auto loaded = Generator::load(bundle);
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        Generator &g = *loaded.value();
        QCOMPARE(g.recommendedGuidance(Task::R2F), 4.5);
        QCOMPARE(g.recommendedGuidance(Task::F2L), kDefaultGuidance);
        QCOMPARE(g.recommendedBeam(Task::F2R), 3);
        QCOMPARE(g.recommendedBeam(Task::L2R), 1);

        Request r = request(Task::R2F);
        r.guidance = kModelGuidance;
        auto byModel = g.run(r);
        QVERIFY2(byModel.isOk(), byModel.message().c_str());
        QCOMPARE(byModel->guidance, 4.5);
        r.guidance = 4.5;
        auto explicitSame = g.run(r);
        QVERIFY(explicitSame.isOk());
        QCOMPARE(byModel->images[0].image.pixels, explicitSame->images[0].image.pixels);
        r.guidance = 1.0;
        auto explicitOther = g.run(r);
        QVERIFY(explicitOther.isOk());
        QCOMPARE(explicitOther->guidance, 1.0);
        QVERIFY(explicitOther->images[0].image.pixels != byModel->images[0].image.pixels);

        // Beam 3 from the manifest decodes as an explicit beam of 3 does.
        Request report = request(Task::F2R);
        report.beamWidth = 0;
        auto beamByModel = g.run(report);
        report.beamWidth = 3;
        auto beamExplicit = g.run(report);
        QVERIFY(beamByModel.isOk() && beamExplicit.isOk());
        QCOMPARE(beamByModel->report, beamExplicit->report);
    }

    // R2FL's lateral with composed guidance ("lateral_frontal_guidance" f in the manifest):
    // eps(null) + g * (eps(report) - eps(null)) + f * (eps(frontal, report) - eps(report)).
    // With f = g it is the one joint term of older bundles; with f = 1 the lateral changes, while
    // the frontal (sampled first) stays the same.
    void jointLateralComposedGuidance()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("composed"));
        auto withFrontalScale = [&](double scale) {
            auto info = readManifest(bundle);
            BundleInfo edited = info.value();
            Json r2fl = Json::object();
            r2fl.set("lateral_frontal_guidance", scale);
            edited.sampling = Json::object();
            edited.sampling.set("R2FL", r2fl);
            if (!writeManifest(edited))
                qFatal("writeManifest failed");
            auto loaded = Generator::load(bundle);
            if (!loaded.isOk())
                qFatal("load: %s", loaded.message().c_str());
            Request r = request(Task::R2FL);
            r.guidance = 3.0;
            auto result = loaded.value()->run(r);
            if (!result.isOk())
                qFatal("run: %s", result.message().c_str());
            return result.value();
        };
        Request r = request(Task::R2FL);
        r.guidance = 3.0;
        auto legacy = m_generator->run(r);
        QVERIFY(legacy.isOk());
        auto same = withFrontalScale(3.0), weakFrontal = withFrontalScale(1.0);
        QCOMPARE(legacy->images.size(), size_t(2));
        QCOMPARE(same.images.size(), size_t(2));
        QCOMPARE(same.images[0].image.pixels, legacy->images[0].image.pixels); // the frontal
        QCOMPARE(weakFrontal.images[0].image.pixels, legacy->images[0].image.pixels);
        const auto &a = same.images[1].image.pixels, &b = legacy->images[1].image.pixels, &c = weakFrontal.images[1].image.pixels;
        QCOMPARE(a.size(), b.size());
        double maxSame = 0, maxOther = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            maxSame = std::max(maxSame, double(std::fabs(a[i] - b[i])));
            maxOther = std::max(maxOther, double(std::fabs(c[i] - b[i])));
        }
        QVERIFY2(maxSame < 1e-4, qPrintable(QString::number(maxSame)));
        QVERIFY2(maxOther > 1e-3, qPrintable(QString::number(maxOther)));
    }

    void cancellationWithinOneStep()
    {
        std::atomic_bool cancel{false};
        Request r = request(Task::R2FL);
        r.steps = 10;
        int calls = 0;
        auto result = m_generator->run(r, [&](int step, int) {
            ++calls;
            if (step == 3)
                cancel = true;
        }, &cancel);
        QVERIFY(!result.isOk());
        QVERIFY(result.isCancelled()); // cancellation is a kind of error, not a message
        QVERIFY(radsynth::Result<Generation>(std::move(result)).isCancelled());
        QCOMPARE(calls, 3); // no further step ran after the flag was set
    }

    void invalidRequestsAreErrors_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("message");
        QTest::newRow("no frontal") << 0 << "frontal image";
        QTest::newRow("no report") << 1 << "report text";
        QTest::newRow("bad pixel count") << 2 << "pixel count";
        QTest::newRow("zero steps") << 3 << "steps";
        QTest::newRow("too many variants") << 4 << "variants";
    }
    void invalidRequestsAreErrors()
    {
        QFETCH(int, variant);
        QFETCH(QString, message);
        Request r = request(variant == 1 ? Task::R2F : Task::F2L);
        if (variant == 0)
            r.frontal = {};
        if (variant == 1)
            r.report = "  ";
        if (variant == 2)
            r.frontal.pixels.pop_back();
        if (variant == 3)
            r.steps = 0;
        if (variant == 4)
            r.variants = 1000;
        auto result = m_generator->run(r);
        QVERIFY(!result.isOk());
        QVERIFY2(QString::fromStdString(result.message()).contains(message), result.message().c_str());
    }

    void corruptedWeightsNameTheComponent()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("corrupt"));
        {
            std::fstream f(bundle + "/lateral_unet.pt", std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(200);
            f.put('\x5a');
        }
        auto loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY2(loaded.message().find("'lateral_unet'") != std::string::npos, loaded.message().c_str());
        QVERIFY(loaded.message().find("corrupted") != std::string::npos);
        // Rehashed but truncated: the archive cannot be read, still named.
        std::filesystem::resize_file(bundle + "/lateral_unet.pt", 1000);
        rehash(bundle, "lateral_unet");
        loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY2(loaded.message().find("'lateral_unet'") != std::string::npos, loaded.message().c_str());
    }

    void wrongShapeNamesTheComponent()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("shape"));
        ModelConfig wider = tiny();
        wider.unetBase = 48; // wider than tiny's 32: the file is large enough, its shapes are wrong
        wider.heads = 2;
        const std::string other = createTiny(m_dir, QStringLiteral("wider"), {Component::FrontalUNet}, wider);
        QFile::remove(QString::fromStdString(bundle + "/frontal_unet.pt"));
        QVERIFY(QFile::copy(QString::fromStdString(other + "/frontal_unet.pt"), QString::fromStdString(bundle + "/frontal_unet.pt")));
        rehash(bundle, "frontal_unet");
        auto loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY2(loaded.message().find("'frontal_unet'") != std::string::npos, loaded.message().c_str());
        QVERIFY2(loaded.message().find("shape") != std::string::npos, loaded.message().c_str());
        // A missing weights file is named too.
        QFile::remove(QString::fromStdString(bundle + "/frontal_unet.pt"));
        loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY(loaded.message().find("missing") != std::string::npos);
        // A malformed manifest is an error, not a crash.
        std::ofstream(bundle + "/manifest.json") << "{\"format\": \"radsynth-bundle\", \"components\": [";
        loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY(loaded.message().find("JSON") != std::string::npos);
    }

    // Issue 24, finding 4: every file the manifest names is checked before use.
    void swappedVocabularyWordsRefused()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("vocab-swap"));
        std::ifstream in(bundle + "/vocab.txt");
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        in.close();
        // Two real words trade places: same size, same count, different meaning.
        auto normal = std::find(lines.begin(), lines.end(), "normal");
        auto effusion = std::find(lines.begin(), lines.end(), "effusion");
        QVERIFY(normal != lines.end() && effusion != lines.end());
        std::iter_swap(normal, effusion);
        {
            std::ofstream out(bundle + "/vocab.txt", std::ios::trunc);
            for (const auto &line : lines)
                out << line << "\n";
        }
        auto loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY2(loaded.message().find("vocab.txt") != std::string::npos, loaded.message().c_str());
        QVERIFY2(loaded.message().find("modified") != std::string::npos, loaded.message().c_str());
        // A manifest whose tokenizer entry lost its SHA-256 is refused too.
        std::ifstream manifestIn(bundle + "/manifest.json");
        std::stringstream text;
        text << manifestIn.rdbuf();
        Json manifest;
        QVERIFY(Json::parse(text.str(), manifest, nullptr));
        Json tokenizer = manifest["tokenizer"];
        tokenizer.set("sha256", "");
        manifest.set("tokenizer", tokenizer);
        std::ofstream(bundle + "/manifest.json", std::ios::trunc) << manifest.dump();
        loaded = Generator::load(bundle);
        QVERIFY(!loaded.isOk());
        QVERIFY2(loaded.message().find("SHA-256") != std::string::npos, loaded.message().c_str());
    }

    // Finding 4: a site's pinned list (RADSYNTH_TRUSTED_BUNDLES). Unlisted bundles are refused by
    // name and hash before anything but the manifest is read; `sha256sum manifest.json` lines pin.
    void pinnedBundleListIsEnforced()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("pinned"));
        const std::string other = createTiny(m_dir, QStringLiteral("pinned-other"));
        { // another bundle: same weights, another name (so another manifest hash)
            std::ifstream in(other + "/manifest.json");
            std::stringstream text;
            text << in.rdbuf();
            Json manifest;
            QVERIFY(Json::parse(text.str(), manifest, nullptr));
            manifest.set("name", "received-from-elsewhere");
            in.close();
            std::ofstream(other + "/manifest.json", std::ios::trunc) << manifest.dump();
        }
        const QString list = m_dir.filePath(QStringLiteral("trusted-bundles.txt"));
        auto manifestHash = [](const std::string &directory) {
            std::ifstream in(directory + "/manifest.json", std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            const std::string bytes = text.str();
            return sha256Hex(bytes.data(), bytes.size());
        };
        {
            std::ofstream out(list.toStdString());
            out << "# vetted bundles\n" << manifestHash(bundle) << "  " << bundle << "/manifest.json\n";
        }
        qputenv("RADSYNTH_TRUSTED_BUNDLES", list.toLocal8Bit());
        auto trusted = Generator::load(bundle);
        auto untrusted = Generator::load(other);
        qputenv("RADSYNTH_TRUSTED_BUNDLES", m_dir.filePath(QStringLiteral("no-such-list.txt")).toLocal8Bit());
        auto missingList = Generator::load(bundle);
        qunsetenv("RADSYNTH_TRUSTED_BUNDLES");
        auto unpinned = Generator::load(other);
        QVERIFY2(trusted.isOk(), trusted.message().c_str());
        QVERIFY(!untrusted.isOk());
        QVERIFY2(untrusted.message().find("not on the trusted list") != std::string::npos, untrusted.message().c_str());
        QVERIFY2(untrusted.message().find(manifestHash(other)) != std::string::npos, untrusted.message().c_str());
        QVERIFY(!missingList.isOk()); // a list that cannot be read trusts nothing
        QVERIFY2(unpinned.isOk(), unpinned.message().c_str());
    }

    // A card a person wrote (the shipped default's) survives everything that rewrites the manifest:
    // an OOD calibration, a new manifest. Generated cards follow the manifest.
    void aWrittenModelCardIsKept()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("card"), {Component::Autoencoder, Component::Encoders});
        const std::string card = bundle + "/MODEL_CARD.md";
        auto read = [](const std::string &path) {
            std::ifstream in(path, std::ios::binary);
            return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        };
        const std::string generated = read(card);
        QVERIFY(generated.rfind("<!-- Written by RadSynth from manifest.json", 0) == 0);
        QVERIFY(generated.find("# Model card: ") != std::string::npos);

        // Cards generated before the mark line are still recognised as generated and rewritten.
        std::ofstream(card, std::ios::binary | std::ios::trunc) << generated.substr(generated.find('\n') + 1);
        QVERIFY(writeManifest(readManifest(bundle).value()));
        QCOMPARE(read(card), generated);

        const std::string written = "# Model card: tiny 1.0\n\nEvaluated by hand on 14 CT patients; see the tables.\n";
        std::ofstream(card, std::ios::binary | std::ios::trunc) << written;
        QVERIFY(OodDetector::save(tinyCalibration(300), bundle + "/ood.json"));
        QCOMPARE(readManifest(bundle)->oodFile, std::string("ood.json"));
        QCOMPARE(read(card), written);
        BundleInfo info = readManifest(bundle).value();
        info.version = "1.0.1";
        QVERIFY(writeManifest(info));
        QCOMPARE(read(card), written);

        // Without a card, one is generated again.
        QVERIFY(std::filesystem::remove(card));
        QVERIFY(writeManifest(info));
        QVERIFY(read(card).rfind("<!-- Written by RadSynth", 0) == 0);
        QVERIFY(read(card).find("# Model card: " + info.name + " 1.0.1\n") != std::string::npos);
    }

    void oodCalibrationIsVerified()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("ood"), {Component::Autoencoder, Component::Encoders});
        QVERIFY(OodDetector::save(tinyCalibration(3), bundle + "/ood.json"));
        auto info = readManifest(bundle);
        QVERIFY(info.isOk());
        QCOMPARE(info->oodFile, std::string("ood.json"));
        auto detector = OodDetector::load(bundle);
        QVERIFY2(detector.isOk(), detector.message().c_str());
        QCOMPARE(detector.value()->calibration().distanceThreshold, 0.25);
        // A loosened threshold (every input "in distribution") is refused.
        std::ifstream in(bundle + "/ood.json");
        std::stringstream text;
        text << in.rdbuf();
        in.close();
        std::string tampered = text.str();
        const auto at = tampered.find("0.25");
        QVERIFY(at != std::string::npos);
        tampered.replace(at, 4, "9.25");
        std::ofstream(bundle + "/ood.json", std::ios::trunc) << tampered;
        detector = OodDetector::load(bundle);
        QVERIFY(!detector.isOk());
        QVERIFY2(detector.message().find("ood.json") != std::string::npos, detector.message().c_str());
        QVERIFY2(detector.message().find("modified") != std::string::npos, detector.message().c_str());
        // An ood.json the manifest does not name is not used either.
        BundleInfo unnamed = readManifest(bundle).value();
        unnamed.oodFile.clear();
        unnamed.oodSha256.clear();
        QVERIFY(writeManifest(unnamed));
        detector = OodDetector::load(bundle);
        QVERIFY(!detector.isOk());
        QVERIFY2(detector.message().find("not listed in manifest.json") != std::string::npos, detector.message().c_str());
    }

    // A large but "valid" configuration must be refused before anything is allocated.
    void oversizedConfigurationRefusedFast()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("huge"));
        std::ifstream in(bundle + "/manifest.json");
        std::stringstream text;
        text << in.rdbuf();
        in.close();
        Json manifest;
        QVERIFY(Json::parse(text.str(), manifest, nullptr));
        Json config = manifest["config"];
        config.set("unet_base", 2048);      // within ModelConfig::validate()'s ranges
        config.set("context_dim", 4096);
        config.set("decoder_layers", 48);
        manifest.set("config", config);
        QVERIFY(ModelConfig::fromJson(config).isOk()); // "valid" by every range check
        std::ofstream(bundle + "/manifest.json", std::ios::trunc) << manifest.dump();
        const auto start = std::chrono::steady_clock::now();
        auto loaded = Generator::load(bundle);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY(!loaded.isOk());
        QVERIFY2(loaded.message().find("implies at least") != std::string::npos, loaded.message().c_str());
        QVERIFY2(seconds < 5, qPrintable(QString::number(seconds)));
    }

    // The estimate is a lower bound of the real count, and close to it, for built models.
    void parameterEstimateMatchesBuiltModels()
    {
        auto check = [](const BundleInfo &info) {
            for (const auto &c : info.components) {
                const double estimate = double(estimatedParameters(info.config, c.component));
                const double real = double(c.parameterCount);
                QVERIFY2(estimate <= real && estimate >= 0.9 * real,
                         qPrintable(QStringLiteral("%1: estimate %2, built %3").arg(componentName(c.component)).arg(estimate).arg(real)));
            }
        };
        auto tinyInfo = readManifest(m_bundle);
        QVERIFY(tinyInfo.isOk());
        check(tinyInfo.value());
        auto shipped = readManifest(std::string(RADSYNTH_SOURCE_DIR) + "/models/default");
        QVERIFY2(shipped.isOk(), shipped.message().c_str());
        QCOMPARE(int(shipped->components.size()), 5);
        check(shipped.value());
    }

    // A finding classifier's shape (input size, width, depth) travels in its file: a 32 px, width 8
    // classifier strides 32 -> 16 -> 8 and adds one convolution (3), reads back with the same
    // shape and the same probabilities; the shipped classifiers load with the shape their manifest
    // states (files from before the shape was recorded: 64 px, width 16, four convolutions).
    void findingClassifierShapeTravelsWithItsFile()
    {
        std::vector<ImageData> images(8);
        std::vector<FindingLabels> labels(8);
        for (size_t i = 0; i < images.size(); ++i) {
            images[i].width = 40;
            images[i].height = 36;
            images[i].pixels.assign(40 * 36, 0.1f * float(i % 4));
            labels[i].fill(0);
            labels[i][i % 2] = 1;
        }
        const std::vector<const ImageData *> pointers = pointersTo(images);
        FindingClassifierOptions o = smallClassifier(2, 4);
        auto trained = FindingClassifier::train(pointers, labels, o);
        QVERIFY2(trained.isOk(), trained.message().c_str());
        QCOMPARE(trained.value()->size(), 32);
        QCOMPARE(trained.value()->width(), 8);
        QCOMPARE(trained.value()->layers(), 3);
        // 1->8, 8->16 and 16->32 convolutions (3x3, bias), three batch norms, a 64 -> 14 head.
        QCOMPARE(trained.value()->parameterCount(), int64_t(80 + 1168 + 4640 + 2 * (8 + 16 + 32) + 64 * 14 + 14));
        const std::string path = m_dir.filePath(QStringLiteral("classifier-32.pt")).toStdString();
        QVERIFY(trained.value()->save(path).isOk());
        auto loaded = FindingClassifier::load(path);
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        QCOMPARE(loaded.value()->size(), 32);
        QCOMPARE(loaded.value()->width(), 8);
        QCOMPARE(loaded.value()->layers(), 3);
        auto before = trained.value()->predict(pointers);
        auto after = loaded.value()->predict(pointers);
        QVERIFY(before.isOk() && after.isOk());
        QCOMPARE(after.value(), before.value());

        o.width = 2;
        auto narrow = FindingClassifier::train(pointers, labels, o);
        QVERIFY(!narrow.isOk());
        QVERIFY2(narrow.message().find("width") != std::string::npos, narrow.message().c_str());

        const std::string shipped = std::string(RADSYNTH_SOURCE_DIR) + "/models/default";
        auto info = readManifest(shipped);
        QVERIFY2(info.isOk(), info.message().c_str());
        for (const char *view : {"frontal", "lateral"}) {
            const Json &entry = info->findingClassifiers[view];
            auto classifier = FindingClassifier::load(shipped + "/" + entry["file"].toString());
            QVERIFY2(classifier.isOk(), classifier.message().c_str());
            QCOMPARE(classifier.value()->size(), entry["input_size"].toInt(64));
            QCOMPARE(classifier.value()->width(), entry["width"].toInt(16));
            QCOMPARE(classifier.value()->layers(), entry["layers"].toInt(4));
        }
    }

    // Side evidence points where the finding is. A classifier learns one observation from a bright
    // square on either half of noisy 32 px images (absent: no square); on new images its evidence
    // is positive (the patient's left, the image's right as radiographs are shown) for squares on
    // the image's right and negative for squares on the left, and mirroring an image turns it
    // over. The evidence is the only part of the classifier that knows sides: a sign error, a
    // swapped half or a map not split by columns fails here.
    void sideEvidencePointsAtTheFinding()
    {
        std::mt19937 random(5);
        std::uniform_real_distribution<float> noise(0.15f, 0.35f);
        std::uniform_int_distribution<int> row(2, 22), leftColumn(1, 7), rightColumn(17, 23), kind(0, 2);
        const int k = 10; // pleural_effusion
        auto make = [&](int square) { // 0 none, 1 on the image's left, 2 on its right
            ImageData image;
            image.width = image.height = 32;
            image.pixels.resize(32 * 32);
            for (float &p : image.pixels)
                p = noise(random);
            if (square > 0) {
                const int y0 = row(random), x0 = square == 1 ? leftColumn(random) : rightColumn(random);
                for (int y = y0; y < y0 + 8; ++y)
                    for (int x = x0; x < x0 + 8; ++x)
                        image.pixels[size_t(y * 32 + x)] = 0.9f;
            }
            return image;
        };
        std::vector<ImageData> images;
        std::vector<FindingLabels> labels;
        for (int i = 0; i < 240; ++i) {
            const int square = kind(random);
            images.push_back(make(square));
            FindingLabels l{};
            l[size_t(k)] = square > 0 ? 1 : 0;
            l[0] = square > 0 ? 0 : 1;
            labels.push_back(l);
        }
        auto trained = FindingClassifier::train(pointersTo(images), labels, smallClassifier(200, 16));
        QVERIFY2(trained.isOk(), trained.message().c_str());
        std::vector<ImageData> tests, mirrored;
        std::vector<int> sides;
        for (int i = 0; i < 40; ++i) {
            sides.push_back(1 + i % 2);
            tests.push_back(make(sides.back()));
            ImageData m = tests.back();
            for (int y = 0; y < 32; ++y)
                std::reverse(m.pixels.begin() + y * 32, m.pixels.begin() + (y + 1) * 32);
            mirrored.push_back(std::move(m));
        }
        const std::vector<const ImageData *> testPointers = pointersTo(tests), mirroredPointers = pointersTo(mirrored);
        using Reading = FindingClassifier::SideReading;
        for (Reading reading : {Reading::MirroredHalves, Reading::LogitSplit}) {
            auto evidence = trained.value()->sideEvidence(testPointers, reading);
            auto turned = trained.value()->sideEvidence(mirroredPointers, reading);
            QVERIFY2(evidence.isOk(), evidence.message().c_str());
            QVERIFY2(turned.isOk(), turned.message().c_str());
            int right = 0, flipped = 0;
            for (size_t i = 0; i < tests.size(); ++i) {
                right += (evidence.value()[i][size_t(k)] > 0) == (sides[i] == 2) ? 1 : 0;
                flipped += (turned.value()[i][size_t(k)] > 0) != (evidence.value()[i][size_t(k)] > 0) ? 1 : 0;
            }
            QVERIFY2(right >= 36, qPrintable(QStringLiteral("reading %1: %2 of 40 on the square's side").arg(int(reading)).arg(right)));
            QVERIFY2(flipped >= 36, qPrintable(QStringLiteral("reading %1: %2 of 40 turned over by mirroring").arg(int(reading)).arg(flipped)));
        }
    }

    // "No finding" as CheXpert defines it: set when nothing but support devices is stated present
    // or uncertain, cleared by any other finding, whatever the labeler read.
    void noFindingAsChexpertDefinesIt()
    {
        ReportLabels nothing{};
        QCOMPARE(withNoFindingAsChexpert(nothing)[0], int8_t(1));
        ReportLabels devices{};
        devices[13] = 1; // support devices
        QCOMPARE(withNoFindingAsChexpert(devices)[0], int8_t(1));
        ReportLabels both{};
        both[0] = 1;
        both[3] = -1; // lung opacity, uncertain
        const ReportLabels read = withNoFindingAsChexpert(both);
        QCOMPARE(read[0], int8_t(0));
        QCOMPARE(read[3], int8_t(-1));
        ReportLabels fracture{};
        fracture[12] = 1;
        QCOMPARE(withNoFindingAsChexpert(fracture)[0], int8_t(0));
    }

    void partialBundleOffersWhatItCan()
    {
        const std::string bundle = createTiny(m_dir, QStringLiteral("partial"), {Component::Autoencoder, Component::Encoders, Component::LateralUNet});
        auto loaded = Generator::load(bundle);
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        auto &g = *loaded.value();
        QVERIFY(g.supports(Task::F2L));
        QVERIFY(g.supports(Task::R2L));
        QVERIFY(g.supports(Task::FR2L));
        QVERIFY(!g.supports(Task::L2F));
        QVERIFY(!g.supports(Task::F2R));
        QVERIFY(!g.supports(Task::R2FL));
        QCOMPARE(g.tasks().size(), size_t(3));
        auto result = g.run(request(Task::F2R));
        QVERIFY(!result.isOk());
        QVERIFY2(result.message().find("report_decoder") != std::string::npos, result.message().c_str());
        QVERIFY(g.run(request(Task::F2L)).isOk());
    }
};

QTEST_APPLESS_MAIN(TestGeneration)
#include "TestGeneration.moc"
