// The evaluation on real images (EvaluationInternal.h): real frontal + lateral pairs, labelled real
// frontals, the files of a real set. Everything goes through the same model input preparation as
// the workstation (dicom::loadModelInput) and the same final pass over drafts.
#include "EvaluationInternal.h"

#include "radsynth/datasets/Datasets.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/evaluation/ImageMetrics.h"
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/Readability.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>

namespace radsynth::evaluation {

using generation::ImageData;
using generation::Json;

namespace {

Result<ImageData> loadReal(const std::string &path, int resolution)
{
    auto input = dicom::loadModelInput(path, resolution);
    if (!input)
        return input.error();
    return generation::imageFromCachePixels(input->pixels, input->side);
}

double mean(const std::vector<double> &v)
{
    if (v.empty())
        return std::nan("");
    double sum = 0;
    for (double x : v)
        sum += x;
    return sum / double(v.size());
}

bool isImageFile(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("\\.(png|jpe?g|dcm)$"), QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch() && !name.contains(QLatin1Char('@'));
}

// NAME -> {frontal, lateral} paths.
std::map<std::string, std::pair<std::string, std::string>> listPairs(const std::string &directory)
{
    std::map<std::string, std::pair<std::string, std::string>> pairs;
    const QDir root(QString::fromStdString(directory));
    for (const char *view : {"frontal", "lateral"}) {
        const QDir sub(root.filePath(QLatin1String(view)));
        if (!sub.exists())
            continue;
        for (const QString &name : sub.entryList(QDir::Files, QDir::Name))
            if (isImageFile(name)) {
                auto &pair = pairs[QFileInfo(name).completeBaseName().toStdString()];
                (std::string(view) == "frontal" ? pair.first : pair.second) = sub.filePath(name).toStdString();
            }
    }
    static const QRegularExpression suffix(QStringLiteral("^(.+)[_-](frontal|lateral|pa|lat)$"), QRegularExpression::CaseInsensitiveOption);
    for (const QString &name : root.entryList(QDir::Files, QDir::Name)) {
        if (!isImageFile(name))
            continue;
        const auto match = suffix.match(QFileInfo(name).completeBaseName());
        if (!match.hasMatch())
            continue;
        const QString view = match.captured(2).toLower();
        auto &pair = pairs[match.captured(1).toStdString()];
        (view == QLatin1String("frontal") || view == QLatin1String("pa") ? pair.first : pair.second) = root.filePath(name).toStdString();
    }
    for (auto it = pairs.begin(); it != pairs.end();)
        it = it->second.first.empty() || it->second.second.empty() ? pairs.erase(it) : std::next(it);
    return pairs;
}

// Evenly spaced indices: at most `limit` of `n` (all when limit is 0).
std::vector<size_t> spaced(size_t n, int limit)
{
    std::vector<size_t> out;
    if (limit <= 0 || n <= size_t(limit)) {
        for (size_t i = 0; i < n; ++i)
            out.push_back(i);
        return out;
    }
    for (int k = 0; k < limit; ++k)
        out.push_back(size_t(double(k) * double(n) / double(limit)));
    return out;
}

// Mean of `values` over the entries whose `truth` is `which` (NaN when there is none).
double meanWhere(const std::vector<double> &values, const std::vector<int> &truth, int which)
{
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < values.size() && i < truth.size(); ++i)
        if (truth[i] == which) {
            sum += values[i];
            ++n;
        }
    return n > 0 ? sum / n : std::nan("");
}

} // namespace

std::vector<std::string> realSetFiles(const std::string &path, bool frontalOnly, int limit)
{
    std::vector<std::string> files;
    const QFileInfo info(QString::fromStdString(path));
    if (info.isFile())
        return {path};
    if (!info.isDir())
        return {};
    auto studies = datasets::listStudies(path, datasets::Layout::Radiographs);
    if (!studies)
        return {};
    for (const auto &s : *studies) {
        if (s.split == generation::Split::Train) // a model may have learnt these (train-128.rsc packs the same layout)
            continue;
        if (!s.frontalPath.empty())
            files.push_back(s.frontalPath);
        else if (!frontalOnly && !s.lateralPath.empty())
            files.push_back(s.lateralPath);
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (size_t i : spaced(files.size(), limit))
        out.push_back(files[i]);
    return out;
}

Result<Json> realPairsMetrics(const RealContext &c, const std::string &directory)
{
    const auto pairs = listPairs(directory);
    if (pairs.empty())
        return makeError("no frontal + lateral pairs (DIR/frontal/NAME.* with DIR/lateral/NAME.*, or NAME_frontal.* with NAME_lateral.*)", directory);
    std::vector<std::string> names;
    std::vector<ImageData> frontals, laterals;
    for (const auto &[name, paths] : pairs) {
        auto f = loadReal(paths.first, c.resolution), l = loadReal(paths.second, c.resolution);
        if (!f || !l) {
            c.log("real pair " + name + " left out: " + (!f ? f.error().toString() : l.error().toString()));
            continue;
        }
        names.push_back(name);
        frontals.push_back(std::move(*f));
        laterals.push_back(std::move(*l));
    }
    if (names.empty())
        return makeError("no readable real pair", directory);
    Json out = Json::object();
    out.set("folder", directory);
    out.set("pairs", int(names.size()));
    for (const auto task : {generation::Task::F2L, generation::Task::L2F}) {
        const bool toLateral = task == generation::Task::F2L;
        const auto &inputs = toLateral ? frontals : laterals;
        const auto &truths = toLateral ? laterals : frontals;
        const auto &trainInputs = toLateral ? c.trainFrontalEmbeddings : c.trainLateralEmbeddings;
        const auto &trainOutputs = toLateral ? c.trainLaterals : c.trainFrontals;
        std::vector<const ImageData *> inputPointers;
        for (const auto &i : inputs)
            inputPointers.push_back(&i);
        auto embedded = c.features->embedImages(inputPointers);
        if (!embedded)
            return makeError(embedded.message());
        std::map<std::string, std::vector<double>> ssims, psnrs;
        for (size_t i = 0; i < names.size(); ++i) {
            if (c.cancelled && c.cancelled())
                return cancelledError();
            generation::Request r;
            r.task = task;
            (toLateral ? r.frontal : r.lateral) = inputs[i];
            r.steps = c.steps;
            r.seed = c.seed + i;
            auto g = c.generator->run(r);
            if (!g)
                return makeError(std::string(generation::toString(task)) + " on real pair " + names[i] + ": " + g.message());
            const ImageData *made = nullptr;
            for (const auto &image : g->images)
                if (image.variant == 0)
                    made = &image.image;
            if (!made)
                return makeError("the model made no image for " + names[i]);
            // Baselines: the mean of the other pairs' true views (the mean training view with one
            // pair), the training view whose study's input embeds nearest.
            std::vector<const ImageData *> others;
            for (size_t j = 0; j < truths.size(); ++j)
                if (j != i)
                    others.push_back(&truths[j]);
            if (others.empty())
                others = trainOutputs;
            const ImageData meanView = others.empty() ? ImageData{} : meanImage(others);
            const ImageData *nearest = nullptr;
            double best = -1e9;
            for (size_t j = 0; j < trainInputs.size() && j < trainOutputs.size(); ++j) {
                if (trainInputs[j].empty())
                    continue;
                double dot = 0;
                for (size_t k = 0; k < std::min(trainInputs[j].size(), embedded.value()[i].size()); ++k)
                    dot += double(trainInputs[j][k]) * double(embedded.value()[i][k]);
                if (dot > best) {
                    best = dot;
                    nearest = trainOutputs[j];
                }
            }
            const std::pair<const char *, const ImageData *> methods[] = {{"model", made}, {"mean_real_view", meanView.empty() ? nullptr : &meanView},
                                                                          {"nearest_neighbour", nearest}};
            for (const auto &[method, image] : methods) {
                if (!image)
                    continue;
                ssims[method].push_back(ssim(*image, truths[i]));
                psnrs[method].push_back(psnr(*image, truths[i]));
            }
        }
        Json methods = Json::object();
        for (const auto &[method, values] : ssims) {
            Json m = Json::object();
            m.set("ssim", number(mean(values)));
            m.set("psnr", number(mean(psnrs[method])));
            m.set("pairs", int(values.size()));
            methods.set(method, m);
        }
        out.set(generation::toString(task), methods);
    }
    return out;
}

Json pooledLabelledMetrics(const Json &sets)
{
    std::vector<int> truth;
    std::vector<double> scores;
    int tp = 0, fp = 0, tn = 0, fn = 0, pooled = 0;
    bool scored = true;
    for (const auto &[folder, set] : sets.members()) {
        (void)folder;
        if (!set.isObject())
            continue;
        ++pooled;
        for (const Json &e : set["model"]["per_image"].items()) {
            const bool abnormal = e["abnormal"].toBool(), says = e["states_abnormal"].toBool();
            truth.push_back(abnormal ? 1 : 0);
            scores.push_back(e["score"].isNumber() ? e["score"].toNumber() : std::nan(""));
            scored = scored && e["score"].isNumber();
            (abnormal ? (says ? tp : fn) : (says ? fp : tn)) += 1;
        }
    }
    Json out = Json::object();
    if (pooled < 2)
        return out;
    auto rate = [](int a, int b) { return b > 0 ? double(a) / double(b) : std::nan(""); };
    out.set("sets", pooled);
    out.set("images", int(truth.size()));
    out.set("abnormal", tp + fn);
    out.set("normal", tn + fp);
    out.set("sensitivity", number(rate(tp, tp + fn)));
    out.set("specificity", number(rate(tn, tn + fp)));
    out.set("auc", number(scored && tp + fn > 0 && tn + fp > 0 ? rocAuc(scores, truth) : std::nan("")));
    return out;
}

Result<Json> realLabelledMetrics(const RealContext &c, const std::string &directory)
{
    auto studies = datasets::listStudies(directory, datasets::Layout::Radiographs);
    if (!studies)
        return studies.error();
    const int pneumonia = 7, consolidation = 6, opacity = 3; // kObservationNames order
    std::vector<const datasets::StudyEntry *> labelled;
    const generation::Split only = c.validation ? generation::Split::Validation : generation::Split::Test;
    for (const auto &s : *studies)
        if (s.labelled && !s.frontalPath.empty() && s.split != generation::Split::Train && (!c.patientSplit || s.split == only))
            labelled.push_back(&s);
    std::sort(labelled.begin(), labelled.end(), [](auto *a, auto *b) { return a->frontalPath < b->frontalPath; });
    std::vector<const datasets::StudyEntry *> chosen;
    if (c.patientSplit) {
        // The set's own patient split already keeps the two runs apart.
        for (size_t i : spaced(labelled.size(), c.limit))
            chosen.push_back(labelled[i]);
    } else if (c.validation) {
        // Choosing settings: the images a test run (the same limit) never scores, evenly spaced.
        std::vector<bool> scoredByTest(labelled.size(), false);
        for (size_t i : spaced(labelled.size(), c.limit))
            scoredByTest[i] = true;
        std::vector<const datasets::StudyEntry *> others;
        for (size_t i = 0; i < labelled.size(); ++i)
            if (!scoredByTest[i])
                others.push_back(labelled[i]);
        if (others.empty() && !labelled.empty())
            return makeError("a test run scores every labelled frontal here (" + std::to_string(labelled.size()) +
                                 " of them, --real-limit " + std::to_string(c.limit) + "): none is left for the validation split; lower --real-limit",
                             directory);
        for (size_t i : spaced(others.size(), c.limit))
            chosen.push_back(others[i]);
    } else {
        for (size_t i : spaced(labelled.size(), c.limit))
            chosen.push_back(labelled[i]);
    }
    if (chosen.empty())
        return makeError("no labelled frontal radiographs (NORMAL/PNEUMONIA folders or a metadata.csv with findings)", directory);

    // A classifier's reading of "abnormal": the highest of its three probabilities.
    auto abnormalScore = [&](const auto &p) {
        return std::max({double(p[size_t(pneumonia)]), double(p[size_t(consolidation)]), double(p[size_t(opacity)])});
    };
    auto statesAbnormal = [&](const std::string &text) {
        const auto labels = report::labelVector(text);
        return labels[size_t(pneumonia)] != 0 || labels[size_t(consolidation)] != 0 || labels[size_t(opacity)] != 0;
    };
    std::vector<int> truth, stated;
    std::vector<double> scores;
    std::vector<std::string> raw, finished, kept;
    std::vector<ImageData> laterals; // F2L of each kept image (with a lateral classifier)
    int tp = 0, fp = 0, tn = 0, fn = 0;
    for (size_t i = 0; i < chosen.size(); ++i) {
        if (c.cancelled && c.cancelled())
            return cancelledError();
        auto image = loadReal(chosen[i]->frontalPath, c.resolution);
        if (!image) {
            c.log("real image left out: " + image.error().toString());
            continue;
        }
        generation::Request r;
        r.task = generation::Task::F2R;
        r.frontal = std::move(*image);
        r.reportCandidates = c.reportCandidates;
        r.novelSentencePenalty = c.novelSentencePenalty;
        r.composedRetries = c.composedRetries;
        r.lungFindingBias = c.lungFindingBias;
        r.sideWeight = c.sideWeight;
        r.sideObservations = c.sideObservations;
        r.finishedDrafts = c.finishedDrafts;
        r.seed = c.seed + i;
        if (c.lateralClassifier) {
            generation::Request l;
            l.task = generation::Task::F2L;
            l.frontal = r.frontal;
            l.steps = c.steps;
            l.seed = c.seed + i;
            auto made = c.generator->run(l);
            if (!made)
                return makeError("F2L on " + chosen[i]->frontalPath + ": " + made.message());
            for (auto &image : made->images)
                if (image.variant == 0)
                    laterals.push_back(std::move(image.image));
        }
        auto g = c.generator->run(r);
        if (!g)
            return makeError("F2R on " + chosen[i]->frontalPath + ": " + g.message());
        raw.push_back(g->report);
        kept.push_back(chosen[i]->frontalPath);
        report::finishGeneratedReport(g->report, g->reportDrafts, g->reportScores, g->reportChoice, g->findingProbabilities,
                                      c.unsupportedClaims, &c.generator->trainingSentences());
        finished.push_back(g->report);
        const bool abnormal = chosen[i]->labels[size_t(pneumonia)] == 1;
        const bool says = statesAbnormal(g->report);
        truth.push_back(abnormal ? 1 : 0);
        stated.push_back(says ? 1 : 0);
        const auto &p = g->findingProbabilities;
        scores.push_back(p.size() > size_t(pneumonia) ? abnormalScore(p) : std::nan(""));
        (abnormal ? (says ? tp : fn) : (says ? fp : tn)) += 1;
        if (c.progress)
            c.progress("real labelled", (long long)(i + 1), (long long)chosen.size());
        else if ((i + 1) % 25 == 0)
            c.log("real labelled " + directory + ": " + std::to_string(i + 1) + "/" + std::to_string(chosen.size()));
    }
    auto rate = [](int a, int b) { return b > 0 ? double(a) / double(b) : std::nan(""); };
    Json out = Json::object();
    out.set("folder", directory);
    out.set("images", int(truth.size()));
    out.set("selection", c.patientSplit ? (c.validation ? "the set's validation patients, evenly spaced" : "the set's test patients, evenly spaced")
                         : c.validation ? "validation: evenly spaced over the images a test run with this limit never scores"
                                      : "evenly spaced over the set");
    out.set("abnormal", tp + fn);
    out.set("normal", tn + fp);
    Json model = Json::object();
    model.set("sensitivity", number(rate(tp, tp + fn)));
    model.set("specificity", number(rate(tn, tn + fp)));
    model.set("auc", number(std::all_of(scores.begin(), scores.end(), [](double s) { return std::isfinite(s); }) ? rocAuc(scores, truth) : std::nan("")));
    model.set("readability_before_final_pass", readability(raw, c.trainingSentences));
    model.set("readability", readability(finished, c.trainingSentences));
    Json examples = Json::array();
    for (size_t i = 0; i < finished.size(); i += std::max<size_t>(1, finished.size() / 4)) {
        Json e = Json::object();
        e.set("image", kept[i]);
        e.set("draft", finished[i]);
        examples.push(e);
    }
    model.set("examples", examples);
    // Every image: its label, the classifiers' abnormal score, whether the draft says abnormal, the
    // draft. What a reader checks a miss against, and what pooling sets needs.
    Json perImage = Json::array();
    for (size_t i = 0; i < finished.size(); ++i) {
        Json e = Json::object();
        e.set("image", kept[i]);
        e.set("abnormal", truth[i] == 1);
        e.set("score", number(scores[i]));
        e.set("states_abnormal", stated[i] == 1);
        e.set("draft", finished[i]);
        perImage.push(e);
    }
    model.set("per_image", perImage);
    out.set("model", model);
    if (c.lateralClassifier && laterals.size() == truth.size() && !laterals.empty()) {
        // The synthesized laterals read by the evaluation's lateral classifier: AUC of its
        // highest pneumonia / consolidation / opacity probability against the frontal's label.
        std::vector<const ImageData *> pointers;
        for (const auto &l : laterals)
            pointers.push_back(&l);
        auto read = c.lateralClassifier->predict(pointers);
        if (!read)
            return makeError("lateral classifier: " + read.message());
        std::vector<double> lateralScores;
        for (const auto &p : read.value())
            lateralScores.push_back(abnormalScore(p));
        Json f2l = Json::object();
        f2l.set("auc", number(rocAuc(lateralScores, truth)));
        f2l.set("images", int(laterals.size()));
        f2l.set("mean_score_abnormal", number(meanWhere(lateralScores, truth, 1)));
        f2l.set("mean_score_normal", number(meanWhere(lateralScores, truth, 0)));
        out.set("synthesized_lateral", f2l);
    }
    Json baseline = Json::object();
    const bool constant = statesAbnormal(c.mostFrequentReport);
    baseline.set("report", c.mostFrequentReport);
    baseline.set("sensitivity", number(tp + fn > 0 ? (constant ? 1.0 : 0.0) : std::nan("")));
    baseline.set("specificity", number(tn + fp > 0 ? (constant ? 0.0 : 1.0) : std::nan("")));
    baseline.set("auc", 0.5);
    out.set("most_frequent_report", baseline);
    return out;
}

} // namespace radsynth::evaluation
