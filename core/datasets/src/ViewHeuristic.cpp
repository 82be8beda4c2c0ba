// The view heuristic's image measure: left-right mirror symmetry (frontal views are nearly
// symmetric, laterals are not). Images are read and normalised by the one preparation of model
// inputs (radsynth/imaging/ModelInput.h, dicom::loadRadiograph).
#include "DatasetsInternal.h"

#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/ModelInput.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace radsynth::datasets {
namespace detail {

double mirrorSymmetry(const std::string &imagePath)
{
    cv::Mat image;
    if (!dicom::isDicomFile(imagePath)) {
        // PNG/JPEG: decoded at a quarter of the size, which is all 64 x 64 needs (and 16x faster).
        try {
            image = cv::imread(imagePath, cv::IMREAD_REDUCED_GRAYSCALE_4);
        } catch (const cv::Exception &) {
            return -2.0;
        }
        if (image.empty())
            return -2.0;
        image.convertTo(image, CV_32F);
    } else {
        auto read = dicom::loadRadiograph(imagePath);
        if (!read || read->empty())
            return -2.0;
        std::vector<float> values = imaging::displayValues(*read);
        cv::Mat(read->height, read->width, CV_32F, values.data()).copyTo(image);
    }
    imaging::normaliseToUnit(image.ptr<float>(), image.total());
    cv::Mat small;
    cv::resize(image, small, cv::Size(64, 64), 0, 0, cv::INTER_AREA);
    cv::Mat mirrored;
    cv::flip(small, mirrored, 1);
    // The patient is rarely centred on the film: the mirror axis may sit up to 10 pixels (of 64)
    // off the middle, so the best correlation over those shifts counts.
    double best = -1.0;
    for (int shift = -10; shift <= 10; ++shift) {
        const int width = 64 - std::abs(shift);
        const cv::Mat a = small(cv::Rect(std::max(0, shift), 0, width, 64));
        const cv::Mat b = mirrored(cv::Rect(std::max(0, -shift), 0, width, 64));
        cv::Scalar meanA, deviationA, meanB, deviationB;
        cv::meanStdDev(a, meanA, deviationA);
        cv::meanStdDev(b, meanB, deviationB);
        if (deviationA[0] <= 1e-6 || deviationB[0] <= 1e-6)
            continue;
        const double correlation = cv::Mat(a - meanA[0]).dot(cv::Mat(b - meanB[0])) / (deviationA[0] * deviationB[0] * double(a.total()));
        best = std::max(best, correlation);
    }
    return best;
}

} // namespace detail
} // namespace radsynth::datasets
