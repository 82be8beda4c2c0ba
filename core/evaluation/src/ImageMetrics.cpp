// PSNR, SSIM, Frechet distance, KID, ROC AUC (see ImageMetrics.h). OpenCV does the filtering and
// the symmetric eigen decompositions.
#include "radsynth/evaluation/ImageMetrics.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace radsynth::evaluation {

namespace {
cv::Mat toMat(const ImageData &image)
{
    cv::Mat m(image.height, image.width, CV_32F, const_cast<float *>(image.pixels.data()));
    cv::Mat d;
    m.convertTo(d, CV_64F);
    return d;
}

bool sameSize(const ImageData &a, const ImageData &b)
{
    return !a.empty() && a.width == b.width && a.height == b.height && a.pixels.size() == size_t(a.width) * size_t(a.height) &&
           b.pixels.size() == a.pixels.size();
}

// Rows of a feature set as a CV_64F matrix (n x d).
cv::Mat toMatrix(const Features &f)
{
    const int d = f.empty() ? 0 : int(f.front().size());
    cv::Mat m(int(f.size()), d, CV_64F);
    for (int i = 0; i < m.rows; ++i)
        for (int j = 0; j < d; ++j)
            m.at<double>(i, j) = j < int(f[size_t(i)].size()) ? double(f[size_t(i)][size_t(j)]) : 0.0;
    return m;
}

// Symmetric positive semi-definite square root.
cv::Mat sqrtSymmetric(const cv::Mat &s)
{
    cv::Mat values, vectors; // rows of `vectors` are the eigenvectors
    cv::eigen(s, values, vectors);
    cv::Mat root = cv::Mat::zeros(s.size(), CV_64F);
    for (int k = 0; k < values.rows; ++k) {
        const double v = std::sqrt(std::max(0.0, values.at<double>(k)));
        cv::Mat e = vectors.row(k);
        root += v * (e.t() * e);
    }
    return root;
}
} // namespace

double psnr(const ImageData &a, const ImageData &b)
{
    if (!sameSize(a, b))
        return -1;
    double mse = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = double(a.pixels[i]) - double(b.pixels[i]);
        mse += d * d;
    }
    mse /= double(a.pixels.size());
    if (mse <= 0)
        return std::numeric_limits<double>::infinity();
    return 10 * std::log10(1.0 / mse);
}

double ssim(const ImageData &a, const ImageData &b)
{
    if (!sameSize(a, b))
        return -1;
    const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
    const cv::Mat x = toMat(a), y = toMat(b);
    const cv::Size window(11, 11);
    const double sigma = 1.5;
    auto blur = [&](const cv::Mat &m) {
        cv::Mat out;
        cv::GaussianBlur(m, out, window, sigma, sigma, cv::BORDER_REFLECT);
        return out;
    };
    const cv::Mat mx = blur(x), my = blur(y);
    const cv::Mat sxx = blur(x.mul(x)) - mx.mul(mx), syy = blur(y.mul(y)) - my.mul(my), sxy = blur(x.mul(y)) - mx.mul(my);
    cv::Mat numerator = (2 * mx.mul(my) + c1).mul(2 * sxy + c2);
    cv::Mat denominator = (mx.mul(mx) + my.mul(my) + c1).mul(sxx + syy + c2);
    cv::Mat map;
    cv::divide(numerator, denominator, map);
    // Only the pixels whose full window lies inside the image (scikit-image crops the same border),
    // unless the image is smaller than the window.
    const int pad = 5;
    if (map.rows > 2 * pad && map.cols > 2 * pad)
        map = map(cv::Rect(pad, pad, map.cols - 2 * pad, map.rows - 2 * pad));
    return cv::mean(map)[0];
}

double frechetDistance(const Features &a, const Features &b)
{
    if (a.size() < 2 || b.size() < 2 || a.front().size() != b.front().size())
        return std::numeric_limits<double>::quiet_NaN();
    const cv::Mat x = toMatrix(a), y = toMatrix(b);
    cv::Mat covX, meanX, covY, meanY;
    cv::calcCovarMatrix(x, covX, meanX, cv::COVAR_NORMAL | cv::COVAR_ROWS, CV_64F);
    cv::calcCovarMatrix(y, covY, meanY, cv::COVAR_NORMAL | cv::COVAR_ROWS, CV_64F);
    covX /= double(x.rows - 1);
    covY /= double(y.rows - 1);
    const cv::Mat diff = meanX - meanY;
    const double meanTerm = diff.dot(diff);
    // tr((S1 S2)^1/2) = tr((S1^1/2 S2 S1^1/2)^1/2), a symmetric matrix.
    const cv::Mat rootX = sqrtSymmetric(covX);
    cv::Mat middle = rootX * covY * rootX;
    middle = 0.5 * (middle + middle.t());
    cv::Mat values;
    cv::eigen(middle, values);
    double traceRoot = 0;
    for (int k = 0; k < values.rows; ++k)
        traceRoot += std::sqrt(std::max(0.0, values.at<double>(k)));
    return std::max(0.0, meanTerm + cv::trace(covX)[0] + cv::trace(covY)[0] - 2 * traceRoot);
}

double kernelInceptionDistance(const Features &a, const Features &b, unsigned long long seed)
{
    if (a.size() < 2 || b.size() < 2 || a.front().size() != b.front().size())
        return std::numeric_limits<double>::quiet_NaN();
    const double d = double(a.front().size());
    auto kernel = [d](const std::vector<float> &x, const std::vector<float> &y) {
        double dot = 0;
        for (size_t i = 0; i < x.size(); ++i)
            dot += double(x[i]) * double(y[i]);
        const double v = dot / d + 1;
        return v * v * v;
    };
    auto mmd = [&](const std::vector<const std::vector<float> *> &x, const std::vector<const std::vector<float> *> &y) {
        const double m = double(x.size()), n = double(y.size());
        double kxx = 0, kyy = 0, kxy = 0;
        for (size_t i = 0; i < x.size(); ++i)
            for (size_t j = 0; j < x.size(); ++j)
                if (i != j)
                    kxx += kernel(*x[i], *x[j]);
        for (size_t i = 0; i < y.size(); ++i)
            for (size_t j = 0; j < y.size(); ++j)
                if (i != j)
                    kyy += kernel(*y[i], *y[j]);
        for (const auto *u : x)
            for (const auto *v : y)
                kxy += kernel(*u, *v);
        return kxx / (m * (m - 1)) + kyy / (n * (n - 1)) - 2 * kxy / (m * n);
    };
    const size_t subset = 1000;
    auto pointers = [](const Features &f) {
        std::vector<const std::vector<float> *> p;
        for (const auto &v : f)
            p.push_back(&v);
        return p;
    };
    auto x = pointers(a), y = pointers(b);
    if (x.size() <= subset && y.size() <= subset)
        return mmd(x, y);
    std::mt19937_64 random(seed);
    double sum = 0;
    const int subsets = 10;
    for (int s = 0; s < subsets; ++s) {
        std::shuffle(x.begin(), x.end(), random);
        std::shuffle(y.begin(), y.end(), random);
        const size_t m = std::min({subset, x.size(), y.size()});
        sum += mmd({x.begin(), x.begin() + long(m)}, {y.begin(), y.begin() + long(m)});
    }
    return sum / subsets;
}

double rocAuc(const std::vector<double> &scores, const std::vector<int> &labels)
{
    const size_t n = std::min(scores.size(), labels.size());
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
    // Mann-Whitney U from mid-ranks.
    double positives = 0, negatives = 0, rankSum = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]])
            ++j;
        const double midRank = (double(i + 1) + double(j)) / 2;
        for (size_t k = i; k < j; ++k)
            if (labels[order[k]] == 1)
                rankSum += midRank;
        i = j;
    }
    for (size_t i = 0; i < n; ++i)
        (labels[i] == 1 ? positives : negatives) += 1;
    if (positives == 0 || negatives == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

ImageData resizeSquare(const ImageData &image, int size)
{
    if (image.width == size && image.height == size)
        return image;
    cv::Mat m(image.height, image.width, CV_32F, const_cast<float *>(image.pixels.data()));
    const int side = std::max(image.width, image.height);
    cv::Mat square = cv::Mat::zeros(side, side, CV_32F);
    m.copyTo(square(cv::Rect((side - image.width) / 2, (side - image.height) / 2, image.width, image.height)));
    cv::Mat out;
    cv::resize(square, out, cv::Size(size, size), 0, 0, size < side ? cv::INTER_AREA : cv::INTER_LINEAR);
    ImageData r;
    r.width = r.height = size;
    r.pixels.assign(out.ptr<float>(), out.ptr<float>() + size_t(size) * size_t(size));
    return r;
}

ImageData meanImage(const std::vector<const ImageData *> &images)
{
    ImageData out;
    if (images.empty())
        return out;
    out.width = images.front()->width;
    out.height = images.front()->height;
    std::vector<double> sum(images.front()->pixels.size(), 0.0);
    double count = 0;
    for (const ImageData *image : images) {
        if (image->pixels.size() != sum.size())
            continue;
        for (size_t i = 0; i < sum.size(); ++i)
            sum[i] += image->pixels[i];
        ++count;
    }
    out.pixels.resize(sum.size());
    for (size_t i = 0; i < sum.size(); ++i)
        out.pixels[i] = float(sum[i] / count);
    return out;
}

} // namespace radsynth::evaluation
