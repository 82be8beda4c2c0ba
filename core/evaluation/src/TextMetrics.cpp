// Report metrics: BLEU, METEOR (exact matches), ROUGE-L, CIDEr-D. See TextMetrics.h for the
// definitions and their sources.
#include "radsynth/evaluation/TextMetrics.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace radsynth::evaluation {

namespace {
using NGram = std::vector<std::string>;
using NGramCounts = std::map<NGram, int>;

NGramCounts ngrams(const Tokens &tokens, size_t n)
{
    NGramCounts counts;
    for (size_t i = 0; i + n <= tokens.size(); ++i)
        ++counts[NGram(tokens.begin() + long(i), tokens.begin() + long(i + n))];
    return counts;
}
} // namespace

Tokens metricTokens(const std::string &text)
{
    Tokens out;
    std::string word;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            word += char(std::tolower(u));
        } else if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    }
    if (!word.empty())
        out.push_back(word);
    return out;
}

BleuScores corpusBleu(const std::vector<Tokens> &candidates, const std::vector<Tokens> &references)
{
    BleuScores s;
    std::array<double, 4> matched{}, total{};
    const size_t count = std::min(candidates.size(), references.size());
    for (size_t i = 0; i < count; ++i) {
        s.candidateLength += candidates[i].size();
        s.referenceLength += references[i].size();
        for (size_t n = 1; n <= 4; ++n) {
            const NGramCounts c = ngrams(candidates[i], n), r = ngrams(references[i], n);
            for (const auto &[gram, k] : c) {
                auto it = r.find(gram);
                matched[n - 1] += std::min(k, it == r.end() ? 0 : it->second);
                total[n - 1] += k;
            }
        }
    }
    if (s.candidateLength == 0)
        s.brevityPenalty = 0;
    else if (s.candidateLength < s.referenceLength)
        s.brevityPenalty = std::exp(1.0 - double(s.referenceLength) / double(s.candidateLength));
    double logSum = 0;
    bool zero = false;
    for (size_t n = 0; n < 4; ++n) {
        s.precisions[n] = total[n] > 0 ? matched[n] / total[n] : 0;
        if (s.precisions[n] <= 0)
            zero = true;
        else
            logSum += std::log(s.precisions[n]);
        s.bleu[n] = zero ? 0 : s.brevityPenalty * std::exp(logSum / double(n + 1));
    }
    return s;
}

double meteor(const Tokens &candidate, const Tokens &reference)
{
    if (candidate.empty() || reference.empty())
        return 0;
    // Alignment: each candidate word, in order, takes an unused reference position of the same
    // word, preferring the one that continues the current chunk, else the first one. This gives
    // the largest number of matches and few chunks.
    std::vector<bool> used(reference.size(), false);
    std::vector<long> aligned(candidate.size(), -1);
    long previous = -2;
    for (size_t i = 0; i < candidate.size(); ++i) {
        long pick = -1;
        if (previous >= -1 && size_t(previous + 1) < reference.size() && !used[size_t(previous + 1)] &&
            reference[size_t(previous + 1)] == candidate[i])
            pick = previous + 1;
        for (size_t j = 0; pick < 0 && j < reference.size(); ++j)
            if (!used[j] && reference[j] == candidate[i])
                pick = long(j);
        if (pick >= 0) {
            used[size_t(pick)] = true;
            aligned[i] = pick;
            previous = pick;
        } else {
            previous = -2;
        }
    }
    double matches = 0, chunks = 0;
    long last = -2;
    for (size_t i = 0; i < candidate.size(); ++i) {
        if (aligned[i] < 0) {
            last = -2;
            continue;
        }
        ++matches;
        if (last < 0 || aligned[i] != last + 1)
            ++chunks;
        last = aligned[i];
    }
    if (matches == 0)
        return 0;
    const double precision = matches / double(candidate.size()), recall = matches / double(reference.size());
    const double fmean = 10 * precision * recall / (recall + 9 * precision);
    const double penalty = 0.5 * std::pow(chunks / matches, 3);
    return fmean * (1 - penalty);
}

double rougeL(const Tokens &candidate, const Tokens &reference, double beta)
{
    if (candidate.empty() || reference.empty())
        return 0;
    std::vector<std::vector<int>> lcs(candidate.size() + 1, std::vector<int>(reference.size() + 1, 0));
    for (size_t i = 1; i <= candidate.size(); ++i)
        for (size_t j = 1; j <= reference.size(); ++j)
            lcs[i][j] = candidate[i - 1] == reference[j - 1] ? lcs[i - 1][j - 1] + 1 : std::max(lcs[i - 1][j], lcs[i][j - 1]);
    const double l = lcs[candidate.size()][reference.size()];
    const double precision = l / double(candidate.size()), recall = l / double(reference.size());
    if (precision <= 0 || recall <= 0)
        return 0;
    return (1 + beta * beta) * precision * recall / (recall + beta * beta * precision);
}

std::vector<double> ciderD(const std::vector<Tokens> &candidates, const std::vector<Tokens> &references, double sigma)
{
    const size_t count = std::min(candidates.size(), references.size());
    std::vector<double> scores(count, 0.0);
    if (count == 0)
        return scores;
    // Document frequency: in how many references each n-gram occurs.
    std::map<NGram, double> df;
    std::vector<std::array<NGramCounts, 4>> refCounts(count), candCounts(count);
    for (size_t i = 0; i < count; ++i)
        for (size_t n = 1; n <= 4; ++n) {
            refCounts[i][n - 1] = ngrams(references[i], n);
            candCounts[i][n - 1] = ngrams(candidates[i], n);
            for (const auto &entry : refCounts[i][n - 1])
                df[entry.first] += 1;
        }
    const double refLength = std::log(double(count));
    struct Vector {
        std::array<std::map<NGram, double>, 4> weights;
        std::array<double, 4> norm{};
        double length = 0; // number of bigrams, as the COCO code measures length
    };
    auto toVector = [&](const std::array<NGramCounts, 4> &counts) {
        Vector v;
        for (size_t n = 0; n < 4; ++n) {
            for (const auto &[gram, tf] : counts[n]) {
                auto it = df.find(gram);
                const double d = std::log(std::max(1.0, it == df.end() ? 0.0 : it->second));
                const double w = double(tf) * (refLength - d);
                v.weights[n][gram] = w;
                v.norm[n] += w * w;
                if (n == 1)
                    v.length += tf;
            }
            v.norm[n] = std::sqrt(v.norm[n]);
        }
        return v;
    };
    for (size_t i = 0; i < count; ++i) {
        const Vector c = toVector(candCounts[i]), r = toVector(refCounts[i]);
        const double delta = c.length - r.length;
        double sum = 0;
        for (size_t n = 0; n < 4; ++n) {
            double value = 0;
            for (const auto &[gram, w] : c.weights[n]) {
                auto it = r.weights[n].find(gram);
                if (it != r.weights[n].end())
                    value += std::min(w, it->second) * it->second;
            }
            if (c.norm[n] != 0 && r.norm[n] != 0)
                value /= c.norm[n] * r.norm[n];
            value *= std::exp(-(delta * delta) / (2 * sigma * sigma));
            sum += value;
        }
        scores[i] = sum / 4 * 10;
    }
    return scores;
}

TextScores scoreReports(const std::vector<std::string> &candidates, const std::vector<std::string> &references)
{
    TextScores s;
    const size_t count = std::min(candidates.size(), references.size());
    std::vector<Tokens> c, r;
    for (size_t i = 0; i < count; ++i) {
        c.push_back(metricTokens(candidates[i]));
        r.push_back(metricTokens(references[i]));
    }
    s.count = count;
    s.bleu = corpusBleu(c, r);
    if (count == 0)
        return s;
    for (size_t i = 0; i < count; ++i) {
        s.meteor += meteor(c[i], r[i]);
        s.rougeL += rougeL(c[i], r[i]);
    }
    s.meteor /= double(count);
    s.rougeL /= double(count);
    const auto cider = ciderD(c, r);
    for (double v : cider)
        s.cider += v;
    s.cider /= double(count);
    return s;
}

} // namespace radsynth::evaluation
