// Slices of chest CT volumes as out-of-distribution probes (EvaluationInternal.h). A user who
// opens a chest CT series in the workstation hands the model a slice: it has a chest's shapes, but
// it is not a radiograph, and the check must say so. The slices go through the same model input
// preparation as a CT DICOM file would (imaging::prepareModelInput, the slice's window first).
#include "EvaluationInternal.h"

#include "radsynth/imaging/ModelInput.h"
#include "radsynth/simulation/CtEngine.h"

#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace radsynth::evaluation {

namespace {

bool isNifti(const std::string &path)
{
    const QString name = QFileInfo(QString::fromStdString(path)).fileName().toLower();
    return name.endsWith(QLatin1String(".nii")) || name.endsWith(QLatin1String(".nii.gz"));
}

enum class Plane { Axial, Coronal, Sagittal };

// One plane of the volume at `at` (an index along the plane's normal), resampled to square pixels
// of the finest spacing, as a 12-bit CT image (stored = HU + 1024) with the given window first.
imaging::Image slice(const simulation::CtVolume &v, Plane plane, int at, const imaging::WindowLevel &window)
{
    int w = 0, h = 0;
    double sw = 0, sh = 0;
    switch (plane) {
    case Plane::Axial: w = v.nx, h = v.ny, sw = v.spacingMm[0], sh = v.spacingMm[1]; break;       // anterior up
    case Plane::Coronal: w = v.nx, h = v.nz, sw = v.spacingMm[0], sh = v.spacingMm[2]; break;     // superior up
    case Plane::Sagittal: w = v.ny, h = v.nz, sw = v.spacingMm[1], sh = v.spacingMm[2]; break;    // superior up
    }
    cv::Mat hu(h, w, CV_32F);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            size_t index = 0;
            switch (plane) {
            case Plane::Axial: index = v.index(c, r, at); break;
            case Plane::Coronal: index = v.index(c, at, v.nz - 1 - r); break;
            case Plane::Sagittal: index = v.index(at, c, v.nz - 1 - r); break;
            }
            hu.at<float>(r, c) = float(v.hu[index]);
        }
    const double finest = std::max(0.1, std::min(sw, sh));
    cv::Mat square;
    cv::resize(hu, square, cv::Size(std::max(1, int(std::lround(w * sw / finest))), std::max(1, int(std::lround(h * sh / finest)))), 0, 0,
               cv::INTER_LINEAR);
    imaging::Image image;
    image.width = square.cols;
    image.height = square.rows;
    image.bitsStored = 12;
    image.rescaleIntercept = -1024;
    image.stored.resize(image.pixelCount());
    for (int r = 0; r < square.rows; ++r)
        for (int c = 0; c < square.cols; ++c)
            image.stored[size_t(r) * size_t(square.cols) + size_t(c)] =
                uint16_t(std::clamp(std::lround(square.at<float>(r, c) + 1024.0f), 0L, 4095L));
    image.windows.push_back(window);
    image.spacing.rowMm = image.spacing.columnMm = finest;
    return image;
}

} // namespace

bool isCtVolumeSet(const std::string &path)
{
    const QFileInfo info(QString::fromStdString(path));
    if (info.isFile())
        return isNifti(path);
    if (!info.isDir())
        return false;
    const QStringList volumes = QDir(info.filePath()).entryList({QStringLiteral("*.nii"), QStringLiteral("*.nii.gz")}, QDir::Files);
    return !volumes.isEmpty();
}

Result<std::vector<imaging::ModelInput>> ctSliceInputs(const std::string &path, int resolution, int perPlane,
                                                       const std::function<void(const std::string &)> &log)
{
    std::vector<std::string> volumes;
    const QFileInfo info(QString::fromStdString(path));
    if (info.isFile()) {
        volumes.push_back(path);
    } else {
        const QDir dir(info.filePath());
        for (const QString &name : dir.entryList({QStringLiteral("*.nii"), QStringLiteral("*.nii.gz")}, QDir::Files, QDir::Name))
            if (!name.contains(QLatin1String("_organs"))) // label maps beside their CT
                volumes.push_back(dir.filePath(name).toStdString());
    }
    // Mediastinal and lung windows, as a CT series comes with one or the other.
    const imaging::WindowLevel windows[2] = {{40, 400, "Mediastinum"}, {-600, 1500, "Lung"}};
    std::vector<imaging::ModelInput> inputs;
    for (const std::string &file : volumes) {
        auto volume = simulation::readNiftiCt(file);
        if (!volume) {
            if (log)
                log("CT slices: " + volume.error().toString());
            continue;
        }
        int made = 0;
        for (Plane plane : {Plane::Axial, Plane::Coronal, Plane::Sagittal}) {
            const int n = plane == Plane::Axial ? volume->nz : plane == Plane::Coronal ? volume->ny : volume->nx;
            for (int k = 0; k < perPlane; ++k) {
                // Evenly over the middle 60 % of the volume along the plane's normal.
                const int at = std::clamp(int(n * (0.2 + 0.6 * (k + 0.5) / perPlane)), 0, n - 1);
                auto input = imaging::prepareModelInput(slice(*volume, plane, at, windows[(made++) % 2]), resolution);
                if (input)
                    inputs.push_back(std::move(*input));
                else if (log)
                    log("CT slice of " + file + ": " + input.error().message);
            }
        }
    }
    if (inputs.empty())
        return makeError("no readable CT volume", path);
    return inputs;
}

} // namespace radsynth::evaluation
