// The trainer's bookkeeping, fast (a tiny autoencoder at 32 px, a few steps): a stage resumes from
// its checkpoint and appends to its loss log, a cancelled stage saves a checkpoint that --resume
// continues, and a resumed stage trains at the learning rate asked for now, not the one of the
// run that wrote the checkpoint (how a stage continues at a lower rate).
#include "../support/TinyTrainingCache.h"

#include "radsynth/generation/AcquisitionAugment.h"
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/generation/Sha256.h"
#include "radsynth/generation/TrainingCache.h"
#include "radsynth/generation/Trainer.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <string_view>

using namespace radsynth::generation;

namespace {

int logLines(const std::string &path)
{
    std::ifstream in(path);
    std::string line;
    int n = 0;
    while (std::getline(in, line))
        n += !line.empty();
    return n;
}

std::string componentHash(const std::string &bundle)
{
    auto info = readManifest(bundle);
    if (!info)
        return {};
    const ComponentInfo *c = info->find(Component::Autoencoder);
    return c ? c->sha256 : std::string();
}
} // namespace

class TestGenerationTrainer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_cache;

    TrainOptions options(const std::string &bundle, int steps)
    {
        TrainOptions o = radsynth::testing::tinyAutoencoderOptions(m_cache, m_dir.filePath(QString::fromStdString(bundle)).toStdString(), steps);
        o.logEvery = 1;
        o.checkpointEvery = 1;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cache = m_dir.filePath(QStringLiteral("cache.rsc")).toStdString();
        std::string error;
        QVERIFY2(radsynth::testing::writeTinyTrainingCache(m_cache, 12, 10, 5, error), error.c_str());
    }

    void resumeContinuesTheLog()
    {
        auto first = train(options("resumed", 3));
        QVERIFY2(first.isOk(), first.message().c_str());
        const std::string log = first->logPath;
        QCOMPARE(logLines(log), 1 + 3); // header + one line per step
        TrainOptions more = options("resumed", 5);
        more.resume = true;
        auto second = train(more);
        QVERIFY2(second.isOk(), second.message().c_str());
        QCOMPARE(second->steps, 5);
        QCOMPARE(logLines(log), 1 + 5); // steps 4 and 5 appended, nothing repeated
        auto info = readManifest(more.bundleDirectory);
        QVERIFY(info.isOk());
        QCOMPARE(info->find(Component::Autoencoder)->metrics["steps"].toInt(), 5);
    }

    void cancelledStageResumes()
    {
        std::atomic_bool cancel{false};
        TrainOptions o = options("cancelled", 50);
        auto stopped = train(o, [&](const TrainProgress &p) {
            if (p.step >= 2)
                cancel = true;
        }, &cancel);
        QVERIFY(!stopped.isOk());
        QVERIFY2(stopped.message().find("cancelled at step") != std::string::npos, stopped.message().c_str());
        QVERIFY(stopped.isCancelled()); // a cancelled run, not a failed one
        QVERIFY2(stopped.message().find("--resume") != std::string::npos, stopped.message().c_str());
        o.steps = 4;
        o.resume = true;
        auto resumed = train(o);
        QVERIFY2(resumed.isOk(), resumed.message().c_str());
        QCOMPARE(resumed->steps, 4);
    }

    void resumedStageUsesTheRequestedLearningRate()
    {
        auto first = train(options("rate", 3));
        QVERIFY2(first.isOk(), first.message().c_str());
        const std::string before = componentHash(m_dir.filePath(QStringLiteral("rate")).toStdString());
        QVERIFY(!before.empty());
        // Two more steps at a rate too small to move any weight: the weights file stays the same.
        // At the first run's rate (1e-3) it would change, as the third run shows.
        TrainOptions slow = options("rate", 5);
        slow.resume = true;
        slow.learningRate = 1e-15;
        auto second = train(slow);
        QVERIFY2(second.isOk(), second.message().c_str());
        QCOMPARE(componentHash(slow.bundleDirectory), before);
        // And at the normal rate they do move.
        TrainOptions fast = options("rate", 7);
        fast.resume = true;
        auto third = train(fast);
        QVERIFY2(third.isOk(), third.message().c_str());
        QVERIFY(componentHash(fast.bundleDirectory) != before);
    }

    // Cosine schedule: the logged rate starts at --lr, falls every step and ends at a tenth.
    void cosineScheduleLogsTheRate()
    {
        TrainOptions o = options("cosine", 6);
        o.learningRateSchedule = "cosine";
        auto done = train(o);
        QVERIFY2(done.isOk(), done.message().c_str());
        std::ifstream in(done->logPath);
        std::string line;
        std::getline(in, line); // header
        std::vector<double> rates;
        while (std::getline(in, line)) {
            // step,loss,validation_loss,learning_rate,seconds
            size_t at = 0;
            for (int field = 0; field < 3; ++field)
                at = line.find(',', at) + 1;
            rates.push_back(std::stod(line.substr(at, line.find(',', at) - at)));
        }
        QCOMPARE(rates.size(), size_t(6));
        QVERIFY(std::fabs(rates.front() - 1e-3) < 1e-9);
        QVERIFY(std::fabs(rates.back() - 1e-4) < 1e-9);
        for (size_t i = 1; i < rates.size(); ++i)
            QVERIFY(rates[i] < rates[i - 1]);
        TrainOptions wrong = options("cosine-wrong", 2);
        wrong.learningRateSchedule = "linear";
        auto refused = train(wrong);
        QVERIFY(!refused.isOk());
        QVERIFY2(refused.message().find("linear") != std::string::npos, refused.message().c_str());
    }

    // With a weight average the bundle gets the average, not the last step's weights: the same
    // run (same seed, so the same steps) with and without it leaves the same last weights in the
    // checkpoint but different weights in the bundle; the average is checkpointed for --resume.
    void averagedWeightsGoIntoTheBundle()
    {
        TrainOptions plain = options("plain", 6);
        TrainOptions averaged = options("averaged", 6);
        averaged.emaDecay = 0.9;
        auto a = train(plain), b = train(averaged);
        QVERIFY2(a.isOk(), a.message().c_str());
        QVERIFY2(b.isOk(), b.message().c_str());
        const std::string lastA = sha256File(plain.bundleDirectory + "/checkpoints/autoencoder/model.pt");
        const std::string lastB = sha256File(averaged.bundleDirectory + "/checkpoints/autoencoder/model.pt");
        QVERIFY(!lastA.empty());
        QCOMPARE(lastA, lastB);
        QVERIFY(componentHash(plain.bundleDirectory) != componentHash(averaged.bundleDirectory));
        QVERIFY(std::ifstream(averaged.bundleDirectory + "/checkpoints/autoencoder/average.pt").good());
        QVERIFY(!std::ifstream(plain.bundleDirectory + "/checkpoints/autoencoder/average.pt").good());
        auto info = readManifest(averaged.bundleDirectory);
        QVERIFY(info.isOk());
        QCOMPARE(info->find(Component::Autoencoder)->metrics["ema_decay"].toNumber(), 0.9);
        // A resumed averaged stage continues (and reads its average back).
        averaged.steps = 8;
        averaged.resume = true;
        auto more = train(averaged);
        QVERIFY2(more.isOk(), more.message().c_str());
        QCOMPARE(more->steps, 8);
    }

    // --decoder-only continues a trained autoencoder's decoder (the weights change, the manifest
    // says so) and is refused for any other stage.
    void decoderOnlyFineTuning()
    {
        auto first = train(options("decoder", 3));
        QVERIFY2(first.isOk(), first.message().c_str());
        const std::string before = componentHash(m_dir.filePath(QStringLiteral("decoder")).toStdString());
        TrainOptions o = options("decoder", 3);
        o.decoderOnly = true;
        o.checkpointEvery = 0;
        // A fresh stage run (no --resume) continues from the bundle's weights.
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("decoder/checkpoints"))).removeRecursively());
        auto second = train(o);
        QVERIFY2(second.isOk(), second.message().c_str());
        QVERIFY(componentHash(o.bundleDirectory) != before);
        auto info = readManifest(o.bundleDirectory);
        QVERIFY(info.isOk());
        QVERIFY(info->find(Component::Autoencoder)->metrics["decoder_only"].toBool());
        TrainOptions wrong = options("decoder", 3);
        wrong.stage = Stage::Align;
        wrong.decoderOnly = true;
        auto refused = train(wrong);
        QVERIFY(!refused.isOk());
        QVERIFY2(refused.message().find("decoder-only") != std::string::npos, refused.message().c_str());
    }

    // A recipe trains its generator stages side by side (jobs 3): every component reaches the
    // manifest with its steps, the summaries come back in recipe order, and a second run skips
    // every stage as done.
    void recipeTrainsGeneratorsSideBySide()
    {
        const QString recipe = m_dir.filePath(QStringLiteral("parallel.json"));
        {
            std::ofstream out(recipe.toStdString());
            out << R"({"preset": "tiny", "stages": [{"stage": "autoencoder", "steps": 2}, {"stage": "align", "steps": 2},
                 {"stage": "lateral", "steps": 3}, {"stage": "report", "steps": 2}, {"stage": "frontal", "steps": 4}],
                 "sampling": {"F2L": {"guidance": 3}, "R2F": {"guidance": 12}}, "name": "radsynth-parallel", "version": "2.1.0"})";
        }
        TrainOptions o = options("parallel", 2);
        o.checkpointEvery = 0;
        o.jobs = 3;
        std::atomic_int reports{0};
        auto done = runRecipe(recipe.toStdString(), o, [&](const TrainProgress &) { ++reports; });
        QVERIFY2(done.isOk(), done.message().c_str());
        QCOMPARE(done->size(), size_t(5));
        QCOMPARE(done.value()[2].steps, 3);
        QCOMPARE(done.value()[4].steps, 4);
        QVERIFY(reports.load() >= 13);
        auto info = readManifest(o.bundleDirectory);
        QVERIFY(info.isOk());
        const std::pair<Component, int> expected[] = {{Component::Autoencoder, 2}, {Component::Encoders, 2}, {Component::LateralUNet, 3},
                                                      {Component::ReportDecoder, 2}, {Component::FrontalUNet, 4}};
        for (const auto &[component, steps] : expected) {
            QVERIFY(info->find(component));
            QCOMPARE(info->find(component)->metrics["steps"].toInt(), steps);
        }
        // The bundle is named and versioned as the recipe says.
        QCOMPARE(info->name, std::string("radsynth-parallel"));
        QCOMPARE(info->version, std::string("2.1.0"));
        // The recipe's sampling recommendations reach the new bundle...
        QCOMPARE(info->sampling["F2L"]["guidance"].toNumber(), 3.0);
        QCOMPARE(info->sampling["R2F"]["guidance"].toNumber(), 12.0);
        // ...but never replace a choice the bundle already has.
        Json ownF2L = Json::object();
        ownF2L.set("guidance", 5);
        info->sampling.set("F2L", ownF2L);
        QVERIFY(writeManifest(info.value()).isOk());
        auto again = runRecipe(recipe.toStdString(), o);
        QVERIFY2(again.isOk(), again.message().c_str());
        QCOMPARE(again->size(), size_t(0));
        QCOMPARE(readManifest(o.bundleDirectory)->sampling["F2L"]["guidance"].toNumber(), 5.0);
        // A setting the recipe gained since is added beside the bundle's own.
        {
            std::ofstream out(recipe.toStdString());
            out << R"({"preset": "tiny", "stages": [{"stage": "autoencoder", "steps": 2}],
                 "sampling": {"F2L": {"guidance": 3, "eta": 0.5}, "F2R": {"novel_sentence_penalty": 0.5}}})";
        }
        QVERIFY(runRecipe(recipe.toStdString(), o).isOk());
        const Json sampling = readManifest(o.bundleDirectory)->sampling;
        QCOMPARE(sampling["F2L"]["guidance"].toNumber(), 5.0);
        QCOMPARE(sampling["F2L"]["eta"].toNumber(), 0.5);
        QCOMPARE(sampling["F2R"]["novel_sentence_penalty"].toNumber(), 0.5);
        QCOMPARE(sampling["R2F"]["guidance"].toNumber(), 12.0);
    }

    // The findings stage writes one classifier per view into the manifest (a recipe skips it once
    // done); a bundle with them drafts reports guided by findings when its sampling asks for
    // candidates and a labeler is set: the draft whose labels are likeliest under the classifiers'
    // probabilities wins, the beam/greedy draft on a tie. A classifier file that does not match
    // its hash stops the load.
    // The CPU runtime: OpenBLAS's own pool follows the LibTorch thread count a generator is given,
    // a recipe's side-by-side stages share it out and give it back; the allocator settings apply
    // on glibc unless the user asks for its defaults.
    void cpuRuntimeFollowsTheThreadCount()
    {
        const int before = blasThreads();
        if (before == 0)
            QSKIP("this LibTorch's BLAS is not OpenBLAS: its thread pool cannot be asked");
        Generator::setThreads(1);
        QCOMPARE(blasThreads(), 1);
        QVERIFY(setBlasThreads(before));
        QCOMPARE(blasThreads(), before);
        QVERIFY(!setBlasThreads(0));
        QCOMPARE(blasThreads(), before);

        const QString recipe = m_dir.filePath(QStringLiteral("runtime.json"));
        {
            std::ofstream out(recipe.toStdString());
            out << R"({"preset": "tiny", "stages": [{"stage": "autoencoder", "steps": 1}, {"stage": "align", "steps": 1},
                 {"stage": "lateral", "steps": 1}, {"stage": "frontal", "steps": 1}]})";
        }
        TrainOptions o = options("runtime", 2);
        o.checkpointEvery = 0;
        o.jobs = 2;
        std::atomic_int duringGenerators{-1};
        auto done = runRecipe(recipe.toStdString(), o, [&](const TrainProgress &p) {
            if (p.stage == Stage::Lateral || p.stage == Stage::Frontal)
                duringGenerators = blasThreads();
        });
        QVERIFY2(done.isOk(), done.message().c_str());
        QCOMPARE(duringGenerators.load(), 1); // LibTorch has 1 thread here (above), shared by 2 stages: 1 each
        QCOMPARE(blasThreads(), before);

#if defined(__GLIBC__)
        QVERIFY(tuneAllocatorForTensors());
        qputenv("RADSYNTH_DEFAULT_MALLOC", "1");
        QVERIFY(!tuneAllocatorForTensors());
        qunsetenv("RADSYNTH_DEFAULT_MALLOC");
#endif
    }

    // A recipe's findings stage can give each view its own shape: "size"/"width" for both, then
    // "lateral_size"/"lateral_width" for the lateral alone; the manifest records each.
    void findingClassifiersPerViewShape()
    {
        const QString recipe = m_dir.filePath(QStringLiteral("findings-shape.json"));
        {
            std::ofstream out(recipe.toStdString());
            out << R"({"preset": "tiny", "stages": [{"stage": "findings", "steps": 2, "batch": 4, "size": 32, "width": 8, "lateral_size": 16}]})";
        }
        TrainOptions o = options("findings-shape", 2);
        auto done = runRecipe(recipe.toStdString(), o);
        QVERIFY2(done.isOk(), done.message().c_str());
        auto info = readManifest(o.bundleDirectory);
        QVERIFY2(info.isOk(), info.message().c_str());
        const Json &f = info->findingClassifiers;
        QCOMPARE(f["frontal"]["input_size"].toInt(), 32);
        QCOMPARE(f["frontal"]["width"].toInt(), 8);
        QCOMPARE(f["lateral"]["input_size"].toInt(), 16);
        QCOMPARE(f["lateral"]["width"].toInt(), 8);
        QCOMPARE(f["lateral"]["layers"].toInt(), 2);
        QCOMPARE(runRecipe(recipe.toStdString(), o)->size(), size_t(0)); // done, per view: skipped
    }

    void findingGuidedDrafts()
    {
        const std::string bundle = m_dir.filePath(QStringLiteral("parallel")).toStdString(); // trained above
        const QString recipe = m_dir.filePath(QStringLiteral("findings.json"));
        {
            std::ofstream out(recipe.toStdString());
            out << R"({"preset": "tiny", "stages": [{"stage": "findings", "steps": 3, "batch": 4}]})";
        }
        TrainOptions o = options("parallel", 3);
        auto done = runRecipe(recipe.toStdString(), o);
        QVERIFY2(done.isOk(), done.message().c_str());
        QCOMPARE(done->size(), size_t(1));
        QVERIFY(done.value()[0].validationLoss > 0);
        auto info = readManifest(bundle);
        QVERIFY(info.isOk());
        for (const char *view : {"frontal", "lateral"}) {
            const Json &entry = info->findingClassifiers[view];
            QCOMPARE(entry["steps"].toInt(), 3);
            QCOMPARE(entry["sha256"].toString(), sha256File(bundle + "/" + entry["file"].toString()));
            QCOMPARE(entry["input_size"].toInt(), 64); // the original shape unless the stage asks
            QCOMPARE(entry["width"].toInt(), 16);
            QCOMPARE(entry["layers"].toInt(), 4);
        }
        QCOMPARE(runRecipe(recipe.toStdString(), o)->size(), size_t(0)); // done: skipped
        {
            // More detail than the cache holds (32 px) is refused before anything is written.
            TrainOptions sharper = o;
            sharper.stage = Stage::Findings;
            sharper.findingsSize = 64;
            auto refused = train(sharper);
            QVERIFY(!refused.isOk());
            QVERIFY2(refused.message().find("larger than the training cache") != std::string::npos, refused.message().c_str());
            QCOMPARE(readManifest(bundle)->findingClassifiers["frontal"]["sha256"].toString(), info->findingClassifiers["frontal"]["sha256"].toString());
        }

        Json f2r = Json::object();
        f2r.set("candidates", 4);
        info->sampling.set("F2R", f2r);
        QVERIFY(writeManifest(info.value()).isOk());
        auto loaded = Generator::load(bundle);
        QVERIFY2(loaded.isOk(), loaded.message().c_str());
        Generator &generator = *loaded.value();
        Request r;
        r.task = Task::F2R;
        r.frontal.width = r.frontal.height = 40;
        r.frontal.pixels.assign(1600, 0.3f);
        r.maxTokens = 10;
        r.seed = 3;
        QVERIFY(!generator.guidesReports(Task::F2R)); // no labeler yet
        auto plain = generator.run(r);
        QVERIFY2(plain.isOk(), plain.message().c_str());
        QVERIFY(plain->reportDrafts.empty());

        generator.setReportLabeler([](const std::string &) { return ReportLabels{}; });
        QVERIFY(generator.guidesReports(Task::F2R));
        QVERIFY(!generator.guidesReports(Task::L2R)); // its sampling asks for no candidates
        auto tie = generator.run(r);
        QVERIFY2(tie.isOk(), tie.message().c_str());
        QCOMPARE(tie->reportDrafts.size(), size_t(4));
        QCOMPARE(tie->findingProbabilities.size(), size_t(kObservationCount));
        QCOMPARE(tie->reportChoice, 0); // equal scores: the greedy draft
        QCOMPARE(tie->report, plain->report);
        QCOMPARE(tie->reportDrafts[0], plain->report);

        // The third draft read (index 2) states what the classifiers see; the others the opposite.
        const std::vector<float> p = tie->findingProbabilities;
        int calls = 0;
        generator.setReportLabeler([&](const std::string &) {
            ReportLabels labels{};
            const bool agree = calls++ == 2;
            for (int k = 0; k < kObservationCount; ++k)
                labels[size_t(k)] = int8_t((p[size_t(k)] > 0.5f) == agree ? 1 : 0);
            return labels;
        });
        auto guided = generator.run(r);
        QVERIFY2(guided.isOk(), guided.message().c_str());
        QCOMPARE(calls, 4);
        QCOMPARE(guided->reportChoice, 2);
        QCOMPARE(guided->report, guided->reportDrafts[2]);
        QCOMPARE(guided->reportDrafts, tie->reportDrafts); // the same seed samples the same drafts
        QCOMPARE(guided->reportScores.size(), guided->reportDrafts.size());
        for (size_t i = 0; i < guided->reportScores.size(); ++i)
            if (i != 2)
                QVERIFY(guided->reportScores[i] < guided->reportScores[2]);
        QCOMPARE(tie->reportScores.size(), size_t(4));
        QCOMPARE(tie->reportScores[1], tie->reportScores[0]);

        // The lung findings' bias (Request::lungFindingBias): only the last draft states a
        // pneumonia. Pushed up, it wins; pushed down, the greedy draft does; the classifiers'
        // probabilities reported are the unbiased ones.
        const int pneumonia = int(observationIndex("pneumonia"));
        int read = 0;
        generator.setReportLabeler([&](const std::string &) {
            ReportLabels labels{};
            labels[size_t(pneumonia)] = int8_t(read++ % 4 == 3 ? 1 : 0);
            return labels;
        });
        r.lungFindingBias = 10;
        auto up = generator.run(r);
        QVERIFY2(up.isOk(), up.message().c_str());
        QCOMPARE(up->reportChoice, 3);
        QCOMPARE(up->lungFindingBias, 10.0);
        QCOMPARE(up->findingProbabilities, tie->findingProbabilities);
        QVERIFY(std::abs(up->reportScores[3] - up->reportScores[0] - std::log(0.99 / 0.01)) < 1e-6); // the clamped probability
        r.lungFindingBias = -10;
        auto down = generator.run(r);
        QVERIFY2(down.isOk(), down.message().c_str());
        QCOMPARE(down->reportChoice, 0);
        QVERIFY(std::abs(down->reportScores[0] - down->reportScores[3] - std::log(0.99 / 0.01)) < 1e-6);
        r.lungFindingBias = std::numeric_limits<double>::quiet_NaN(); // the bundle's: none in its sampling
        auto none = generator.run(r);
        QVERIFY2(none.isOk(), none.message().c_str());
        QCOMPARE(none->lungFindingBias, 0.0);
        const double q = std::clamp(double(tie->findingProbabilities[size_t(pneumonia)]), 0.01, 0.99);
        QVERIFY(std::abs(none->reportScores[3] - none->reportScores[0] - std::log(q / (1 - q))) < 1e-5);

        // Drafts weighed as finished (Request::finishedDrafts): the labeler reads each draft through
        // the finisher, handed the classifiers' probabilities; off, as the model wrote them. Here
        // the finisher removes the last draft's pneumonia (as the final pass removes a fragment):
        // the greedy draft wins again.
        std::vector<std::string> labelled;
        generator.setReportLabeler([&](const std::string &text) {
            labelled.push_back(text);
            ReportLabels labels{};
            labels[size_t(pneumonia)] = int8_t(text.find("[pneumonia]") != std::string::npos ? 1 : 0);
            return labels;
        });
        std::vector<float> handed;
        int finished = 0;
        generator.setDraftFinisher([&](const std::string &draft, const std::vector<float> &probabilities) {
            handed = probabilities;
            return finished++ % 4 == 3 ? std::string("finished") : draft + " [pneumonia]";
        });
        r.lungFindingBias = 10;
        r.finishedDrafts = 1;
        auto asFinished = generator.run(r);
        QVERIFY2(asFinished.isOk(), asFinished.message().c_str());
        QVERIFY(asFinished->finishedDrafts);
        QCOMPARE(finished, 4);
        QCOMPARE(handed, tie->findingProbabilities);
        QCOMPARE(labelled.size(), size_t(4));
        QCOMPARE(labelled[3], std::string("finished"));
        QCOMPARE(asFinished->reportChoice, 0); // all but the last state the pneumonia now: the first of equals
        QCOMPARE(asFinished->reportDrafts, tie->reportDrafts); // the drafts themselves are untouched
        labelled.clear();
        r.finishedDrafts = 0;
        auto asWritten = generator.run(r);
        QVERIFY2(asWritten.isOk(), asWritten.message().c_str());
        QVERIFY(!asWritten->finishedDrafts);
        QCOMPARE(finished, 4); // not called
        QCOMPARE(labelled, asWritten->reportDrafts);
        generator.setDraftFinisher({});
        r.finishedDrafts = -1;
        r.lungFindingBias = std::numeric_limits<double>::quiet_NaN();

        // Sides (Request::sideWeight): every draft states the same findings; the third one read
        // puts the pleural effusion on the side the frontal classifier's evidence points to, the
        // others on the other side. Weighed, it wins by weight x (log 2q - log 2(1 - q)); at
        // weight 0 (the bundle's: none in its sampling) sides are not read and the greedy draft stays.
        const size_t effusion = observationIndex("pleural_effusion");
        generator.setReportLabeler([&](const std::string &) {
            ReportLabels labels{};
            labels[effusion] = 1;
            return labels;
        });
        auto sideRead = generator.findingSideEvidence(r.frontal);
        QVERIFY2(sideRead.isOk(), sideRead.message().c_str());
        const std::vector<float> evidence = sideRead.value();
        QCOMPARE(evidence.size(), size_t(kObservationCount));
        const int8_t seen = evidence[effusion] > 0 ? 2 : 1;
        const int8_t other = int8_t(3 - seen);
        int sideCalls = 0;
        generator.setReportSideReader([&](const std::string &) {
            ReportSides sides{};
            sides[effusion] = sideCalls++ == 2 ? seen : other;
            return sides;
        });
        auto unweighed = generator.run(r);
        QVERIFY2(unweighed.isOk(), unweighed.message().c_str());
        QCOMPARE(sideCalls, 0);
        QCOMPARE(unweighed->reportChoice, 0);
        QVERIFY(unweighed->findingSideEvidence.empty());
        r.sideWeight = 5;
        auto sided = generator.run(r);
        QVERIFY2(sided.isOk(), sided.message().c_str());
        QCOMPARE(sideCalls, 4);
        QCOMPARE(sided->sideWeight, 5.0);
        QCOMPARE(sided->findingSideEvidence, evidence);
        const double toward = std::clamp(1.0 / (1.0 + std::exp(-std::abs(double(evidence[effusion])))), 0.01, 0.99);
        if (toward > 0.5) {
            QCOMPARE(sided->reportChoice, 2);
            QVERIFY(std::abs(sided->reportScores[2] - sided->reportScores[0] - 5 * (std::log(2 * toward) - std::log(2 * (1 - toward)))) < 1e-5);
        }
        // Only the observations asked for are weighed: the effusion's side counts for nothing when
        // only the pneumothorax's is weighed; an unknown name is an error.
        r.sideObservations = {"pneumothorax"};
        auto elsewhere = generator.run(r);
        QVERIFY2(elsewhere.isOk(), elsewhere.message().c_str());
        QCOMPARE(elsewhere->reportChoice, 0);
        QCOMPARE(elsewhere->sideObservations, std::vector<std::string>{"pneumothorax"});
        QCOMPARE(elsewhere->reportScores, unweighed->reportScores);
        r.sideObservations = {"pleural_effusion"};
        auto restricted = generator.run(r);
        QVERIFY2(restricted.isOk(), restricted.message().c_str());
        QCOMPARE(restricted->reportScores, sided->reportScores);
        r.sideObservations = {"left lung"};
        QVERIFY(!generator.run(r).isOk());
        r.sideObservations.clear();
        r.sideWeight = std::numeric_limits<double>::quiet_NaN();
        generator.setReportSideReader({});

        // The training reports' sentences (train --stage sentences): each draft's sentences that
        // no training report holds are counted and cost their penalty; a heavy penalty chooses a
        // draft with the fewest; a changed file stops the bundle from loading.
        TrainOptions hash = options("parallel", 1);
        hash.stage = Stage::Sentences;
        auto hashed = train(hash);
        QVERIFY2(hashed.isOk(), hashed.message().c_str());
        info = readManifest(bundle);
        QVERIFY(info.isOk());
        QCOMPARE(info->reportSentencesFile, std::string("report_sentences.bin"));
        QCOMPARE(info->reportSentencesSha256, sha256File(bundle + "/report_sentences.bin"));
        auto sentences = SentenceSet::load(bundle + "/report_sentences.bin");
        QVERIFY2(sentences.isOk(), sentences.message().c_str());
        QCOMPARE((long long)sentences->size(), info->reportSentenceCount);
        QVERIFY(sentences->size() > 0);
        auto withSentences = Generator::load(bundle);
        QVERIFY2(withSentences.isOk(), withSentences.message().c_str());
        withSentences.value()->setReportLabeler([](const std::string &) { return ReportLabels{}; });
        r.novelSentencePenalty = 0;
        auto counted = withSentences.value()->run(r);
        QVERIFY2(counted.isOk(), counted.message().c_str());
        QCOMPARE(counted->reportDrafts, tie->reportDrafts);
        QCOMPARE(counted->reportScores, tie->reportScores);
        QCOMPARE(counted->reportNovelSentences.size(), size_t(4));
        for (size_t i = 0; i < 4; ++i)
            QCOMPARE(counted->reportNovelSentences[i], sentences->novelSentences(counted->reportDrafts[i]));
        r.novelSentencePenalty = 1000;
        auto penalised = withSentences.value()->run(r);
        QVERIFY2(penalised.isOk(), penalised.message().c_str());
        const std::vector<int> &novel = penalised->reportNovelSentences;
        QCOMPARE(novel[size_t(penalised->reportChoice)], *std::min_element(novel.begin(), novel.end()));
        for (size_t i = 0; i < 4; ++i)
            QCOMPARE(penalised->reportScores[i], tie->reportScores[i] - 1000.0 * novel[i]);
        QCOMPARE(penalised->novelSentencePenalty, 1000.0);
        // Composed sentences rewritten (Request::composedRetries): the same choice, the other
        // drafts untouched, each sentence replaced is one a training report holds.
        r.novelSentencePenalty = 0;
        r.composedRetries = 16;
        auto rewritten = withSentences.value()->run(r);
        QVERIFY2(rewritten.isOk(), rewritten.message().c_str());
        const size_t chosen = size_t(counted->reportChoice);
        QCOMPARE(rewritten->reportChoice, counted->reportChoice);
        QCOMPARE(rewritten->reportScores, counted->reportScores);
        for (size_t i = 0; i < 4; ++i)
            if (i != chosen)
                QCOMPARE(rewritten->reportDrafts[i], counted->reportDrafts[i]);
        QCOMPARE(rewritten->report, rewritten->reportDrafts[chosen]);
        QCOMPARE(sentences->novelSentences(rewritten->report), counted->reportNovelSentences[chosen] - rewritten->composedRewritten);
        QCOMPARE(rewritten->reportNovelSentences[chosen], sentences->novelSentences(rewritten->report));
        QCOMPARE(rewritten->composedRewritten > 0, rewritten->report != counted->report);
        qInfo("composed sentences rewritten: %d of %d", rewritten->composedRewritten, counted->reportNovelSentences[chosen]);
        r.composedRetries = 0;
        QCOMPARE(withSentences.value()->run(r)->report, counted->report);
        r.composedRetries = -1;
        r.novelSentencePenalty = -1; // the bundle's recommendation: none in its sampling
        QCOMPARE(withSentences.value()->run(r)->reportScores, tie->reportScores);
        std::ofstream(bundle + "/report_sentences.bin", std::ios::app) << "x";
        auto changed = Generator::load(bundle);
        QVERIFY(!changed.isOk());
        QVERIFY2(changed.message().find("report_sentences.bin") != std::string::npos, changed.message().c_str());
        QVERIFY(train(hash).isOk()); // written again

        std::ofstream(bundle + "/findings_lateral.pt", std::ios::app) << "x";
        auto tampered = Generator::load(bundle);
        QVERIFY(!tampered.isOk());
        QVERIFY2(tampered.message().find("findings_lateral.pt") != std::string::npos, tampered.message().c_str());
    }

    // --report-only changes which conditions the generator sees (same seed, same steps, other
    // weights), is recorded in the manifest, and a share outside [0, 1] is refused.
    void reportOnlyShare()
    {
        auto generatorAfter = [&](const std::string &name, double share) -> std::string {
            for (Stage stage : {Stage::Autoencoder, Stage::Align, Stage::Lateral}) {
                TrainOptions o = options(name, 3);
                o.stage = stage;
                o.checkpointEvery = 0;
                o.reportOnly = stage == Stage::Lateral ? share : 0;
                auto done = train(o);
                if (!done.isOk())
                    return "failed: " + done.message();
            }
            return sha256File(m_dir.filePath(QString::fromStdString(name + "/lateral_unet.pt")).toStdString());
        };
        const std::string plain = generatorAfter("subsets", 0), reportHeavy = generatorAfter("report-heavy", 0.8);
        QVERIFY2(!plain.empty() && plain.rfind("failed", 0) != 0, plain.c_str());
        QVERIFY2(reportHeavy.rfind("failed", 0) != 0, reportHeavy.c_str());
        QVERIFY(plain != reportHeavy);
        auto info = readManifest(m_dir.filePath(QStringLiteral("report-heavy")).toStdString());
        QVERIFY(info.isOk());
        QCOMPARE(info->find(Component::LateralUNet)->metrics["report_only"].toNumber(), 0.8);
        TrainOptions wrong = options("report-heavy", 3);
        wrong.stage = Stage::Lateral;
        wrong.reportOnly = 1.5;
        auto refused = train(wrong);
        QVERIFY(!refused.isOk());
        QVERIFY2(refused.message().find("report-only") != std::string::npos, refused.message().c_str());
    }

    // The real-acquisition augmentation: a changed image of the same size in 0..1, the same for
    // the same seed, another for another seed, none at strength 0; broken input passes through.
    void acquisitionAugmentation()
    {
        const int R = 64;
        ImageData chest{R, R, std::vector<float>(size_t(R * R))};
        for (int y = 0; y < R; ++y)
            for (int x = 0; x < R; ++x) // a bright body with two dark lungs, like a frontal
                chest.pixels[size_t(y * R + x)] = (std::abs(x - 20) < 8 || std::abs(x - 44) < 8) && y > 10 && y < 50 ? 0.2f : 0.8f;
        auto meanDifference = [](const ImageData &a, const ImageData &b) {
            double sum = 0;
            for (size_t i = 0; i < a.pixels.size(); ++i)
                sum += std::abs(double(a.pixels[i]) - double(b.pixels[i]));
            return sum / double(a.pixels.size());
        };
        int changed = 0;
        for (uint64_t seed = 1; seed <= 8; ++seed) {
            const ImageData a = augmentAcquisition(chest, seed), again = augmentAcquisition(chest, seed);
            QCOMPARE(a.width, R);
            QCOMPARE(a.height, R);
            QCOMPARE(a.pixels.size(), chest.pixels.size());
            QVERIFY(a.pixels == again.pixels);
            QVERIFY(std::all_of(a.pixels.begin(), a.pixels.end(), [](float v) { return v >= 0.0f && v <= 1.0f; }));
            changed += meanDifference(a, chest) > 0.01 ? 1 : 0;
            QVERIFY(meanDifference(a, augmentAcquisition(chest, seed + 100)) > 1e-4);
        }
        QCOMPARE(changed, 8);
        QVERIFY(augmentAcquisition(chest, 3, 0.0).pixels == chest.pixels);
        const ImageData broken{R, R, std::vector<float>(10, 0.5f)};
        QVERIFY(augmentAcquisition(broken, 1).pixels == broken.pixels);
    }

    // --condition-augment changes what the lateral generator and the report generator learn
    // (same seed and steps, other weights), is recorded in the manifest, and a share outside
    // [0, 1] is refused.
    void conditionAugmentShare()
    {
        auto weightsAfter = [&](const std::string &name, double share) -> std::pair<std::string, std::string> {
            for (Stage stage : {Stage::Autoencoder, Stage::Align, Stage::Lateral, Stage::Report}) {
                TrainOptions o = options(name, 3);
                o.stage = stage;
                o.checkpointEvery = 0;
                o.conditionAugment = share;
                auto done = train(o);
                if (!done.isOk())
                    return {"failed: " + done.message(), ""};
            }
            auto file = [&](const char *f) { return sha256File(m_dir.filePath(QString::fromStdString(name + "/" + f)).toStdString()); };
            return {file("lateral_unet.pt"), file("report_decoder.pt")};
        };
        const auto plain = weightsAfter("clean-conditions", 0), augmented = weightsAfter("augmented-conditions", 1.0);
        QVERIFY2(plain.first.rfind("failed", 0) != 0 && !plain.second.empty(), plain.first.c_str());
        QVERIFY2(augmented.first.rfind("failed", 0) != 0 && !augmented.second.empty(), augmented.first.c_str());
        QVERIFY(plain.first != augmented.first);
        QVERIFY(plain.second != augmented.second);
        auto info = readManifest(m_dir.filePath(QStringLiteral("augmented-conditions")).toStdString());
        QVERIFY(info.isOk());
        QCOMPARE(info->find(Component::LateralUNet)->metrics["condition_augment"].toNumber(), 1.0);
        QVERIFY(info->find(Component::Autoencoder)->metrics["condition_augment"].isNull()); // no conditioning view there
        auto cleanInfo = readManifest(m_dir.filePath(QStringLiteral("clean-conditions")).toStdString());
        QVERIFY(cleanInfo.isOk() && cleanInfo->find(Component::LateralUNet)->metrics["condition_augment"].isNull());
        TrainOptions wrong = options("augmented-conditions", 3);
        wrong.stage = Stage::Lateral;
        wrong.conditionAugment = 1.5;
        auto refused = train(wrong);
        QVERIFY(!refused.isOk());
        QVERIFY2(refused.message().find("condition-augment") != std::string::npos, refused.message().c_str());
    }
};

QTEST_APPLESS_MAIN(TestGenerationTrainer)
#include "TestGenerationTrainer.moc"
