// Metrics against worked examples (values derived by hand from the published definitions; the
// source of each is named next to it) and closed-form cases.
#include "radsynth/evaluation/ClinicalEfficacy.h"
#include "radsynth/evaluation/ImageMetrics.h"
#include "radsynth/evaluation/TextMetrics.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace radsynth::evaluation;

namespace {
bool near(double a, double b, double tolerance = 1e-6) { return std::fabs(a - b) <= tolerance; }
#define QNEAR(a, b, tol) QVERIFY2(near((a), (b), (tol)), qPrintable(QStringLiteral("%1 != %2").arg((a), 0, 'g', 12).arg((b), 0, 'g', 12)))

ImageData constant(int size, float value)
{
    ImageData image;
    image.width = image.height = size;
    image.pixels.assign(size_t(size) * size_t(size), value);
    return image;
}

ImageData noise(int size, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> u(0, 1);
    ImageData image = constant(size, 0);
    for (float &p : image.pixels)
        p = u(random);
    return image;
}
} // namespace

class TestEvaluationMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokens()
    {
        QCOMPARE(metricTokens("Heart size is NORMAL. No effusion, 2 cm."),
                 (Tokens{"heart", "size", "is", "normal", "no", "effusion", "2", "cm"}));
    }

    void bleu_data()
    {
        QTest::addColumn<QStringList>("candidates");
        QTest::addColumn<QStringList>("references");
        QTest::addColumn<int>("order");
        QTest::addColumn<double>("expected");
        // Papineni et al. 2002, section 2.1: the modified unigram precision of "the the the the the
        // the the" against "the cat is on the mat" is 2/7; the candidate is longer (BP 1).
        QTest::newRow("papineni modified precision, BLEU-1")
            << QStringList{"the the the the the the the"} << QStringList{"the cat is on the mat"} << 1 << 2.0 / 7.0;
        QTest::newRow("papineni, no matching bigram: BLEU-2 0")
            << QStringList{"the the the the the the the"} << QStringList{"the cat is on the mat"} << 2 << 0.0;
        // Brevity penalty exp(1 - r/c) with c = 2, r = 6: all n-grams match, BLEU = exp(-2).
        QTest::newRow("brevity penalty, BLEU-1") << QStringList{"the cat"} << QStringList{"the cat is on the mat"} << 1 << std::exp(-2.0);
        QTest::newRow("brevity penalty, BLEU-2") << QStringList{"the cat"} << QStringList{"the cat is on the mat"} << 2 << std::exp(-2.0);
        QTest::newRow("no trigram in the candidate: BLEU-3 0") << QStringList{"the cat"} << QStringList{"the cat is on the mat"} << 3 << 0.0;
        // Corpus level: counts are pooled before the precisions (p1 5/6, p2 3/4, p3 2/2, p4 1/1).
        QTest::newRow("corpus pooling, BLEU-2") << QStringList{"a b c d", "a x"} << QStringList{"a b c d", "a y"} << 2 << std::sqrt(5.0 / 6 * 3.0 / 4);
        QTest::newRow("corpus pooling, BLEU-4") << QStringList{"a b c d", "a x"} << QStringList{"a b c d", "a y"} << 4
                                               << std::pow(5.0 / 6 * 3.0 / 4, 0.25);
        QTest::newRow("identical") << QStringList{"no acute cardiopulmonary abnormality"} << QStringList{"No acute cardiopulmonary abnormality."} << 4 << 1.0;
    }
    void bleu()
    {
        QFETCH(QStringList, candidates);
        QFETCH(QStringList, references);
        QFETCH(int, order);
        QFETCH(double, expected);
        std::vector<Tokens> c, r;
        for (const QString &s : candidates)
            c.push_back(metricTokens(s.toStdString()));
        for (const QString &s : references)
            r.push_back(metricTokens(s.toStdString()));
        QNEAR(corpusBleu(c, r).bleu[size_t(order - 1)], expected, 1e-9);
    }

    void meteorExamples_data()
    {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("expected");
        // The worked examples of the METEOR article (Banerjee & Lavie 2005 formula, also on
        // Wikipedia's "METEOR" page): identical sentence 0.9977 (penalty 0.5 (1/6)^3); one extra
        // word: P 6/7, R 1, Fmean 60/61, 2 chunks, score 0.9654.
        QTest::newRow("identical") << "the cat sat on the mat" << "the cat sat on the mat" << 1 - 0.5 / 216;
        QTest::newRow("extra word") << "the cat was sat on the mat" << "the cat sat on the mat" << 60.0 / 61 * (1 - 0.5 / 27);
        // Every word matched, each in its own chunk: penalty 0.5.
        QTest::newRow("reversed") << "c b a" << "a b c" << 0.5;
        QTest::newRow("nothing in common") << "pleural effusion" << "heart normal" << 0.0;
    }
    void meteorExamples()
    {
        QFETCH(QString, candidate);
        QFETCH(QString, reference);
        QFETCH(double, expected);
        QNEAR(meteor(metricTokens(candidate.toStdString()), metricTokens(reference.toStdString())), expected, 1e-9);
    }

    void rouge_data()
    {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("expected");
        // Lin 2004, section 3.1: against "police killed the gunman", "police kill the gunman" has
        // LCS 3 (ROUGE-L 3/4) and "the gunman kill police" LCS 2 (2/4).
        QTest::newRow("lin S2") << "police kill the gunman" << "police killed the gunman" << 0.75;
        QTest::newRow("lin S3") << "the gunman kill police" << "police killed the gunman" << 0.5;
        // P 1, R 1/2, beta 1.2: (1 + 1.44) 0.5 / (0.5 + 1.44).
        QTest::newRow("beta 1.2") << "a b" << "a b c d" << 2.44 * 0.5 / 1.94;
    }
    void rouge()
    {
        QFETCH(QString, candidate);
        QFETCH(QString, reference);
        QFETCH(double, expected);
        QNEAR(rougeL(metricTokens(candidate.toStdString()), metricTokens(reference.toStdString())), expected, 1e-9);
    }

    void cider()
    {
        // Two references with no n-gram in common: every n-gram weighs ln 2 (df 1, N 2).
        // Candidate "a" for "a b": unigram cosine 1/sqrt(2), no bigram, length difference 1 bigram:
        // 10 / 4 * (1/sqrt 2) * exp(-1 / 72). Candidate "c d" for "c d": n = 1, 2 similarity 1,
        // no 3- or 4-grams: 10 * 2 / 4 = 5 (Vedantam et al. 2015, CIDEr-D as the COCO code).
        auto scores = ciderD({metricTokens("a"), metricTokens("c d")}, {metricTokens("a b"), metricTokens("c d")});
        QCOMPARE(scores.size(), size_t(2));
        QNEAR(scores[0], 10.0 / (4 * std::sqrt(2.0)) * std::exp(-1.0 / 72), 1e-9);
        QNEAR(scores[1], 5.0, 1e-9);
        // Identical four-word sentences: 10.
        auto same = ciderD({metricTokens("a b c d"), metricTokens("e f g h")}, {metricTokens("a b c d"), metricTokens("e f g h")});
        QNEAR(same[0], 10.0, 1e-9);
        QNEAR(same[1], 10.0, 1e-9);
        // An n-gram found in every reference carries no weight.
        auto common = ciderD({metricTokens("x")}, {metricTokens("x")});
        QNEAR(common[0], 0.0, 1e-12);
    }

    void reportScores()
    {
        const auto s = scoreReports({"The heart is normal in size.", "Small left pleural effusion."},
                                    {"The heart is normal in size.", "No pleural effusion."});
        QCOMPARE(s.count, size_t(2));
        QVERIFY(s.bleu.bleu[0] > 0.6 && s.bleu.bleu[0] < 1);
        QVERIFY(s.meteor > 0.5 && s.meteor < 1);
        QVERIFY(s.rougeL > 0.5 && s.rougeL < 1);
        QVERIFY(s.cider > 0);
    }

    void psnrValues()
    {
        QNEAR(psnr(constant(16, 0.5f), constant(16, 0.6f)), 20.0, 1e-5); // MSE 0.01
        QVERIFY(std::isinf(psnr(noise(16, 1), noise(16, 1))));
        QCOMPARE(psnr(constant(16, 0.5f), constant(8, 0.5f)), -1.0);
    }

    void ssimValues()
    {
        QNEAR(ssim(noise(32, 2), noise(32, 2)), 1.0, 1e-9);
        // Constant images: the structure term is C2 / C2 = 1; luminance (2 mu1 mu2 + C1) / (mu1^2 + mu2^2 + C1).
        const double c1 = 1e-4;
        QNEAR(ssim(constant(32, 0.5f), constant(32, 0.25f)), (2 * 0.125 + c1) / (0.25 + 0.0625 + c1), 1e-6);
        // Independent noise images have almost no structural similarity.
        QVERIFY(std::fabs(ssim(noise(64, 3), noise(64, 4))) < 0.1);
    }

    void frechet()
    {
        // 1-D closed form: {0, 2} (mean 1, variance 2) and {0, 4} (mean 2, variance 8):
        // (1 - 2)^2 + 2 + 8 - 2 sqrt(2 * 8) = 3.
        QNEAR(frechetDistance({{0.f}, {2.f}}, {{0.f}, {4.f}}), 3.0, 1e-9);
        // A shifted copy has the same covariance: the distance is the squared shift.
        std::mt19937 random(5);
        std::normal_distribution<float> n(0, 1);
        Features a, b;
        for (int i = 0; i < 60; ++i) {
            std::vector<float> v{n(random), n(random), n(random), n(random)};
            a.push_back(v);
            v[0] += 1;
            v[1] += 2;
            b.push_back(v);
        }
        QNEAR(frechetDistance(a, a), 0.0, 1e-6);
        QNEAR(frechetDistance(a, b), 5.0, 1e-4);
    }

    void kid()
    {
        // Unbiased MMD^2, kernel (x y / 1 + 1)^3: X {0, 1}, Y {0, 2}: k_xx 1, k_yy 1,
        // k_xy (1 + 1 + 1 + 27) / 4 = 7.5: 1 + 1 - 15 = -13.
        QNEAR(kernelInceptionDistance({{0.f}, {1.f}}, {{0.f}, {2.f}}), -13.0, 1e-9);
        std::mt19937 random(6);
        std::normal_distribution<float> n(0, 1);
        Features a, b, c;
        for (int i = 0; i < 200; ++i) {
            a.push_back({n(random), n(random)});
            b.push_back({n(random), n(random)});
            c.push_back({n(random) + 3, n(random)});
        }
        // Same distribution: near 0, far below a shifted one's.
        const double same = kernelInceptionDistance(a, b), shifted = kernelInceptionDistance(a, c);
        QVERIFY2(std::fabs(same) < 0.05 * shifted, qPrintable(QStringLiteral("%1 vs %2").arg(same).arg(shifted)));
        QVERIFY(shifted > 1);
    }

    void auc()
    {
        // scikit-learn's roc_auc_score documentation example: 0.75.
        QNEAR(rocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75, 1e-12);
        QNEAR(rocAuc({1, 2, 3, 4}, {0, 0, 1, 1}), 1.0, 1e-12);
        QNEAR(rocAuc({4, 3, 2, 1}, {0, 0, 1, 1}), 0.0, 1e-12);
        QNEAR(rocAuc({0.5, 0.5, 0.5, 0.5}, {0, 1, 0, 1}), 0.5, 1e-12); // ties count one half
        QVERIFY(std::isnan(rocAuc({0.1, 0.2}, {1, 1})));
    }

    void clinical()
    {
        Labels none{}, cardio{}, effusion{};
        cardio[2] = 1;
        effusion[10] = 1;
        // Cardiomegaly: TP 1, FP 1, FN 0 (P 1/2, R 1, F1 2/3); effusion: TP 1, FP 0, FN 1 (P 1,
        // R 1/2, F1 2/3). Micro: TP 2, FP 1, FN 1 -> P 2/3, R 2/3.
        const auto ce = clinicalEfficacy({cardio, cardio, none, effusion}, {cardio, none, effusion, effusion});
        QCOMPARE(ce.perObservation[2].truePositives, 1);
        QCOMPARE(ce.perObservation[2].falsePositives, 1);
        QCOMPARE(ce.perObservation[10].falseNegatives, 1);
        QCOMPARE(ce.perObservation[10].truePositives, 1);
        QCOMPARE(ce.perObservation[0].trueNegatives, 4);
        QNEAR(ce.perObservation[2].f1(), 2.0 / 3, 1e-12);
        QNEAR(ce.microPrecision, 2.0 / 3, 1e-12);
        QNEAR(ce.microRecall, 2.0 / 3, 1e-12);
        QNEAR(ce.macroPrecision, 0.75, 1e-12); // mean of 1/2 and 1 (the other observations never occur)
        QNEAR(ce.macroF1, 2.0 / 3, 1e-12);
        QCOMPARE(ce.abnormal.truePositives, 2); // no_finding never occurs here: the same as micro
        QNEAR(ce.abnormal.f1(), ce.microF1, 1e-12);
        // "No finding" counts in micro, not in abnormal.
        Labels normal{};
        normal[0] = 1;
        const auto withNormal = clinicalEfficacy({normal, cardio}, {normal, none});
        QCOMPARE(withNormal.micro.truePositives, 1);
        QCOMPARE(withNormal.abnormal.truePositives, 0);
        QCOMPARE(withNormal.abnormal.falsePositives, 1);
        QNEAR(withNormal.microPrecision, 0.5, 1e-12);
        // The labeler reads findings from text: positive, denied.
        const Labels l = labelReport("The heart is enlarged. No pleural effusion.");
        QCOMPARE(int(l[2]), 1);
        QCOMPARE(int(l[10]), 0);
    }

    // Side agreement counts one-sided reference findings the report states too, by the side it
    // names; findings either side lacks, bilateral references and "no finding" do not count.
    void sides()
    {
        const std::vector<std::string> references = {"Right pleural effusion.", "Left pleural effusion.", "Left pleural effusion.",
                                                     "Right lower lobe pneumonia.", "Bilateral pleural effusions.", "Right pleural effusion."};
        const std::vector<std::string> generated = {"Small right pleural effusion.", "Right pleural effusion.", "Bilateral pleural effusions.",
                                                    "Pneumonia.", "Left pleural effusion.", "No acute abnormality."};
        std::vector<Labels> g, r;
        std::vector<Sides> gs, rs;
        for (size_t i = 0; i < references.size(); ++i) {
            g.push_back(labelReport(generated[i]));
            r.push_back(labelReport(references[i]));
            gs.push_back(sideLabels(generated[i]));
            rs.push_back(sideLabels(references[i]));
        }
        QCOMPARE(int(rs[0][10]), int(kRight));
        QCOMPARE(int(rs[4][10]), int(kRight | kLeft));
        const SideAgreement a = sideAgreement(g, gs, r, rs);
        QCOMPARE(a.same, 1);
        QCOMPARE(a.opposite, 1);
        QCOMPARE(a.both, 1);
        QCOMPARE(a.unstated, 1);
        QCOMPARE(a.total(), 4);
    }

    void images()
    {
        ImageData wide;
        wide.width = 4;
        wide.height = 2;
        wide.pixels.assign(8, 1.0f);
        const ImageData square = resizeSquare(wide, 4); // padded to 4 x 4 (rows 1-2), same size
        QCOMPARE(square.width, 4);
        QCOMPARE(square.pixels[0], 0.0f);
        QCOMPARE(square.pixels[4], 1.0f);
        const ImageData a = constant(4, 0.2f), b = constant(4, 0.6f);
        const ImageData mean = meanImage({&a, &b});
        QNEAR(mean.pixels[5], 0.4, 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestEvaluationMetrics)
#include "TestEvaluationMetrics.moc"
