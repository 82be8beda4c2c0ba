// Preparation of a real chest CT for projection, once per volume (then cached): resampling to 2 mm,
// couch removal and body, lungs (right/left), airway, bones, heart and mediastinum from Hounsfield
// thresholds, connected components and morphology; contrast removed from blood; the field cropped
// or padded to what a chest radiograph covers. And the library of prepared volumes.
#include "radsynth/simulation/CtEngine.h"

#include "Statistics.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <atomic>
#include <numeric>
#include <thread>

namespace radsynth::simulation {

namespace fs = std::filesystem;

const char *toString(CtLabel label)
{
    switch (label) {
    case CtLabel::Outside: return "outside";
    case CtLabel::Body: return "body";
    case CtLabel::LungRight: return "right lung";
    case CtLabel::LungLeft: return "left lung";
    case CtLabel::Airway: return "airway";
    case CtLabel::Bone: return "bone";
    case CtLabel::Heart: return "heart";
    case CtLabel::Mediastinum: return "mediastinum";
    }
    return "?";
}

namespace {

constexpr double kVoxelMm = 2.0;

// Trilinear resampling to 2 mm isotropic voxels (the volumes of the shared set already are).
CtVolume resampleTo2mm(const CtVolume &in)
{
    bool already = true;
    for (double s : in.spacingMm)
        already = already && std::fabs(s - kVoxelMm) < 0.02;
    if (already)
        return in;
    CtVolume out;
    out.name = in.name;
    out.nx = std::max(16, int(std::lround(in.nx * in.spacingMm[0] / kVoxelMm)));
    out.ny = std::max(16, int(std::lround(in.ny * in.spacingMm[1] / kVoxelMm)));
    out.nz = std::max(16, int(std::lround(in.nz * in.spacingMm[2] / kVoxelMm)));
    out.spacingMm[0] = out.spacingMm[1] = out.spacingMm[2] = kVoxelMm;
    out.hu.resize(out.voxels());
    for (int k = 0; k < out.nz; ++k) {
        const double z = std::clamp((k + 0.5) * kVoxelMm / in.spacingMm[2] - 0.5, 0.0, in.nz - 1.0);
        const int z0 = std::min(int(z), in.nz - 2);
        const double fz = z - z0;
        for (int j = 0; j < out.ny; ++j) {
            const double y = std::clamp((j + 0.5) * kVoxelMm / in.spacingMm[1] - 0.5, 0.0, in.ny - 1.0);
            const int y0 = std::min(int(y), in.ny - 2);
            const double fy = y - y0;
            for (int i = 0; i < out.nx; ++i) {
                const double x = std::clamp((i + 0.5) * kVoxelMm / in.spacingMm[0] - 0.5, 0.0, in.nx - 1.0);
                const int x0 = std::min(int(x), in.nx - 2);
                const double fx = x - x0;
                double v = 0;
                for (int c = 0; c < 8; ++c) {
                    const int dx = c & 1, dy = (c >> 1) & 1, dz = c >> 2;
                    const double w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
                    v += w * in.hu[in.index(x0 + dx, y0 + dy, z0 + dz)];
                }
                out.hu[out.index(i, j, k)] = int16_t(std::lround(v));
            }
        }
    }
    return out;
}

// 6-connected components of a binary volume: returns the component id per voxel (0 = background)
// and the size of each component (index 0 unused).
std::vector<size_t> components3d(const std::vector<uint8_t> &mask, int nx, int ny, int nz, std::vector<int32_t> &ids)
{
    ids.assign(mask.size(), 0);
    std::vector<size_t> sizes{0};
    std::vector<size_t> stack;
    const size_t sx = 1, sy = size_t(nx), sz = size_t(nx) * size_t(ny);
    for (size_t start = 0; start < mask.size(); ++start) {
        if (!mask[start] || ids[start])
            continue;
        const int32_t id = int32_t(sizes.size());
        size_t count = 0;
        stack.push_back(start);
        ids[start] = id;
        while (!stack.empty()) {
            const size_t p = stack.back();
            stack.pop_back();
            ++count;
            const int i = int(p % sy), j = int((p / sy) % size_t(ny)), k = int(p / sz);
            auto visit = [&](size_t q) {
                if (mask[q] && !ids[q]) {
                    ids[q] = id;
                    stack.push_back(q);
                }
            };
            if (i > 0) visit(p - sx);
            if (i + 1 < nx) visit(p + sx);
            if (j > 0) visit(p - sy);
            if (j + 1 < ny) visit(p + sy);
            if (k > 0) visit(p - sz);
            if (k + 1 < nz) visit(p + sz);
        }
        sizes.push_back(count);
    }
    return sizes;
}

cv::Mat sliceOf(std::vector<uint8_t> &volume, int nx, int ny, int k)
{
    return cv::Mat(ny, nx, CV_8U, volume.data() + size_t(k) * size_t(nx) * size_t(ny));
}

// Fills the holes of a 2D mask (what the border cannot reach through background).
void fillHoles(cv::Mat &mask)
{
    cv::Mat padded;
    cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
    cv::floodFill(padded, cv::Point(0, 0), 128);
    cv::Mat inside = padded(cv::Rect(1, 1, mask.cols, mask.rows)) != 128;
    inside.copyTo(mask);
    mask.setTo(1, mask != 0);
}

} // namespace

Result<PreparedCt> prepareCt(const CtVolume &input)
{
    CtVolume v = resampleTo2mm(input);
    const std::string &name = v.name;
    const int nx = v.nx, ny = v.ny, nz = v.nz;
    const size_t plane = size_t(nx) * size_t(ny), n = v.voxels();
    PreparedCt out;
    out.name = name;

    // Slices missing from a stitched acquisition (a whole-body PET/CT's bed positions) hold air
    // where their neighbours hold the patient: they are interpolated between the nearest good ones.
    {
        std::vector<size_t> tissue(size_t(nz), 0);
        for (size_t p = 0; p < n; ++p)
            tissue[p / plane] += v.hu[p] > -500;
        std::vector<size_t> sorted(tissue);
        std::sort(sorted.begin(), sorted.end());
        const size_t typical = sorted[sorted.size() * 3 / 4];
        auto good = [&](int k) { return tissue[size_t(k)] * 10 >= typical * 4; };
        int repaired = 0;
        for (int k = 1; k + 1 < nz; ++k) {
            if (good(k))
                continue;
            int below = k - 1, above = k + 1;
            while (below >= 0 && !good(below) && k - below <= 8) --below;
            while (above < nz && !good(above) && above - k <= 8) ++above;
            if (below < 0 || above >= nz || !good(below) || !good(above))
                continue; // the end of the patient, not a gap
            const double t = double(k - below) / double(above - below);
            for (size_t p = 0; p < plane; ++p)
                v.hu[size_t(k) * plane + p] = int16_t(std::lround((1 - t) * v.hu[size_t(below) * plane + p] + t * v.hu[size_t(above) * plane + p]));
            ++repaired;
        }
        if (repaired > 0)
            out.notes.push_back(std::to_string(repaired) + " empty slice(s) between the acquisition's parts interpolated");
    }

    // Body: soft tissue and bone, opened in each slice (detaches the couch and its pad), the
    // largest 3D component, grown back to its skin line, holes filled slice by slice.
    std::vector<uint8_t> dense(n), opened(n);
    for (size_t p = 0; p < n; ++p)
        dense[p] = v.hu[p] > -500;
    const cv::Mat disk7 = cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7});
    for (int k = 0; k < nz; ++k) {
        cv::Mat o = sliceOf(opened, nx, ny, k);
        cv::morphologyEx(sliceOf(dense, nx, ny, k), o, cv::MORPH_OPEN, disk7);
    }
    std::vector<int32_t> ids;
    auto sizes = components3d(opened, nx, ny, nz, ids);
    if (sizes.size() < 2)
        return makeError("no body found in the volume (nothing denser than -500 HU)", name);
    const int32_t bodyId = int32_t(std::max_element(sizes.begin() + 1, sizes.end()) - sizes.begin());
    std::vector<uint8_t> body(n);
    for (int k = 0; k < nz; ++k) {
        cv::Mat b = sliceOf(body, nx, ny, k);
        for (size_t p = 0; p < plane; ++p)
            b.data[p] = ids[size_t(k) * plane + p] == bodyId;
        cv::dilate(b, b, disk7);
        cv::Mat d = sliceOf(dense, nx, ny, k);
        cv::bitwise_and(b, d, b);
        fillHoles(b);
    }
    size_t bodyVoxels = 0;
    for (size_t p = 0; p < n; ++p) {
        bodyVoxels += body[p];
        if (!body[p])
            v.hu[p] = -1000; // couch, pad, clothes and the air around the patient
    }
    if (double(bodyVoxels) * 0.008 < 3000.0)
        return makeError("no body found in the volume (less than 3 L of tissue)", name);

    // Lungs: the largest air spaces inside the body (with the airway connected to them). When the
    // reconstruction field cuts the chest wall the lungs open to the outside air and are not inside
    // the filled body: then they are searched inside the body's outline (its convex hull per
    // slice), and the check below rejects the volume with its reason.
    std::vector<uint8_t> air(n);
    const double voxelMl = kVoxelMm * kVoxelMm * kVoxelMm / 1000.0;
    std::vector<int32_t> order;
    double largestMl = 0, secondMl = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (int k = 0; k < nz; ++k) {
            cv::Mat outline = sliceOf(body, nx, ny, k).clone();
            if (attempt == 1) {
                std::vector<cv::Point> points, hull;
                cv::findNonZero(outline, points);
                if (points.size() >= 3) {
                    cv::convexHull(points, hull);
                    cv::fillConvexPoly(outline, hull, 1);
                }
            }
            for (size_t p = 0; p < plane; ++p)
                air[size_t(k) * plane + p] = outline.data[p] && v.hu[size_t(k) * plane + p] < -400;
        }
        sizes = components3d(air, nx, ny, nz, ids);
        order.resize(sizes.size() - 1);
        std::iota(order.begin(), order.end(), 1);
        std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return sizes[size_t(a)] > sizes[size_t(b)]; });
        largestMl = order.empty() ? 0.0 : sizes[size_t(order[0])] * voxelMl;
        secondMl = order.size() > 1 ? sizes[size_t(order[1])] * voxelMl : 0.0;
        if (largestMl + (secondMl > 200.0 ? secondMl : 0.0) >= 500.0)
            break;
    }
    if (largestMl + (secondMl > 200.0 ? secondMl : 0.0) < 500.0) {
        char message[160];
        std::snprintf(message, sizeof message, "no lungs found (the largest air space inside the body is %.0f mL; lungs are over 500 mL)", largestMl);
        return makeError(message, name);
    }
    // The two lungs are one component when the airway joins them, two when it does not (or when
    // disease separates them): the second largest joins when it is a lung's size.
    std::vector<uint8_t> lung(n);
    std::vector<int32_t> lungIds{order[0]};
    if (order.size() > 1 && sizes[size_t(order[1])] * voxelMl > 200.0 && sizes[size_t(order[1])] > sizes[size_t(order[0])] / 5) {
        // ... and lies beside it, not below it (the stomach's gas under the left hemidiaphragm).
        double z[2] = {0, 0};
        int zLow = nz, zHigh = -1;
        for (size_t p = 0; p < n; ++p) {
            const int k = int(p / plane);
            if (ids[p] == order[0]) { z[0] += k; zLow = std::min(zLow, k); zHigh = std::max(zHigh, k); }
            else if (ids[p] == order[1]) z[1] += k;
        }
        const double secondCentre = z[1] / double(sizes[size_t(order[1])]);
        if (secondCentre > zLow + 0.3 * (zHigh - zLow))
            lungIds.push_back(order[1]);
    }
    std::vector<size_t> lungArea(size_t(nz), 0);
    for (size_t p = 0; p < n; ++p) {
        lung[p] = ids[p] == lungIds[0] || (lungIds.size() > 1 && ids[p] == lungIds[1]);
        lungArea[p / plane] += lung[p];
    }
    const size_t maxLungArea = *std::max_element(lungArea.begin(), lungArea.end());
    size_t lungVoxels = 0, openToAir = 0;
    for (size_t p = 0; p < n; ++p) {
        // Counted where the lungs are wide (the airway of a whole-body CT opens at the mouth).
        if (!lung[p] || lungArea[p / plane] * 5 < maxLungArea)
            continue;
        ++lungVoxels;
        const size_t i = p % size_t(nx), j = (p / size_t(nx)) % size_t(ny);
        if (!body[p] || i == 0 || j == 0 || i + 1 == size_t(nx) || j + 1 == size_t(ny) || !body[p - 1] || !body[p + 1] ||
            !body[p - size_t(nx)] || !body[p + size_t(nx)])
            ++openToAir;
    }
    // A reconstruction field that cuts through the chest wall leaves the lungs open to the air
    // outside: a radiograph of that volume would miss the lateral chest.
    if (double(openToAir) > 0.01 * double(lungVoxels)) {
        char message[200];
        std::snprintf(message, sizeof message,
                      "the CT's field of view cuts through the chest wall (%.1f%% of the lungs touch the air outside); "
                      "a radiograph needs the whole chest",
                      100.0 * double(openToAir) / double(lungVoxels));
        return makeError(message, name);
    }
    for (size_t p = 0; p < n; ++p)
        body[p] = body[p] || lung[p];

    // Body centre (transverse) of the chest: the mean x of the body in the lung slices.
    int kTop = -1, kBottom = nz;
    for (int k = 0; k < nz; ++k)
        for (size_t p = 0; p < plane; ++p)
            if (lung[size_t(k) * plane + p]) { kTop = std::max(kTop, k); kBottom = std::min(kBottom, k); break; }
    double bodySumX = 0, bodyCount = 0;
    for (int k = kBottom; k <= kTop; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                if (body[v.index(i, j, k)]) { bodySumX += i; ++bodyCount; }
    const double bodyCenterI = bodyCount > 0 ? bodySumX / bodyCount : nx / 2.0;

    // Airway: followed down from the top of the air tree, slice by slice, as the small central
    // component(s) overlapping the previous slice's; the carina is where it splits in two.
    std::vector<uint8_t> airway(n);
    int carinaK = -1;
    double tracheaSumI = 0, tracheaSumJ = 0, tracheaCount = 0;
    {
        cv::Mat previous;
        for (int k = kTop; k >= kBottom && k >= 0; --k) {
            cv::Mat slice = sliceOf(lung, nx, ny, k).clone();
            cv::Mat labels, stats, centroids;
            const int count = cv::connectedComponentsWithStats(slice, labels, stats, centroids, 8, CV_32S);
            cv::Mat current = cv::Mat::zeros(ny, nx, CV_8U);
            int kept = 0;
            for (int c = 1; c < count; ++c) {
                const int area = stats.at<int>(c, cv::CC_STAT_AREA);
                const double cx = centroids.at<double>(c, 0);
                const cv::Mat component = labels == c;
                bool candidate = false;
                if (previous.empty()) {
                    candidate = area <= 150 && std::fabs(cx - bodyCenterI) * kVoxelMm < 25.0 && kTop - k < 10;
                } else if (area <= 220) {
                    cv::Mat overlap;
                    cv::bitwise_and(component, previous, overlap);
                    candidate = cv::countNonZero(overlap) > 0;
                }
                if (candidate) {
                    current.setTo(1, component);
                    ++kept;
                }
            }
            if (kept == 0) {
                if (!previous.empty())
                    break; // merged into the lungs
                continue;
            }
            if (kept >= 2 && carinaK < 0)
                carinaK = k;
            if (carinaK < 0) {
                const cv::Moments m = cv::moments(current, true);
                if (m.m00 > 0) {
                    tracheaSumI += m.m10 / m.m00;
                    tracheaSumJ += m.m01 / m.m00;
                    ++tracheaCount;
                }
            }
            std::copy(current.data, current.data + plane, airway.data() + size_t(k) * plane);
            previous = current;
            if (carinaK >= 0 && carinaK - k > 15)
                break;
        }
    }
    const bool airwayFound = tracheaCount >= 5;
    if (!airwayFound)
        std::fill(airway.begin(), airway.end(), 0);
    const double midlineI = airwayFound ? tracheaSumI / tracheaCount : bodyCenterI;

    // A stitched acquisition whose parts do not meet (the patient breathed or moved between bed
    // positions) shows as a jump of the body's or lungs' cross-section between two slices.
    {
        std::vector<double> bodyArea(size_t(nz), 0), airArea(size_t(nz), 0);
        for (size_t p = 0; p < n; ++p) {
            bodyArea[p / plane] += body[p];
            airArea[p / plane] += lung[p];
        }
        const double widest = *std::max_element(airArea.begin(), airArea.end());
        for (int k = std::max(2, kBottom); k <= kTop && k < nz; ++k) {
            const double b0 = bodyArea[size_t(k - 1)], b1 = bodyArea[size_t(k)];
            const double l0 = airArea[size_t(k - 2)], l1 = airArea[size_t(k)]; // over 4 mm: lungs taper over centimetres
            const bool bodyJump = std::min(b0, b1) < 0.75 * std::max(b0, b1);
            const bool lungJump = std::max(l0, l1) > 0.3 * widest && std::min(l0, l1) < 0.5 * std::max(l0, l1);
            if (bodyJump || lungJump) {
                char message[200];
                std::snprintf(message, sizeof message,
                              "the volume is discontinuous at slice %d (the %s cross-section jumps: a stitched or moved acquisition)", k,
                              bodyJump ? "body's" : "lungs'");
                return makeError(message, name);
            }
        }
    }

    // Lung extent without the airway.
    kTop = -1;
    kBottom = nz;
    double lungSumJ = 0, lungCount = 0;
    for (size_t p = 0; p < n; ++p) {
        if (airway[p])
            lung[p] = 0;
        if (lung[p]) {
            const int k = int(p / plane);
            kTop = std::max(kTop, k);
            kBottom = std::min(kBottom, k);
            lungSumJ += double((p % plane) / size_t(nx));
            ++lungCount;
        }
    }
    const double lungCenterJ = lungCount > 0 ? lungSumJ / lungCount : ny / 2.0;
    if (carinaK < 0)
        carinaK = int(kTop - 0.30 * (kTop - kBottom)); // about a third down from the apex
    if (!airwayFound)
        out.notes.push_back("no airway found above the lungs: the carina is estimated a third down from the apex");

    // Bones: dense voxels near cortical bone. Everything else denser than blood inside the body
    // (iodinated contrast in the heart and vessels, an enhanced liver) becomes blood/soft tissue.
    std::vector<uint8_t> cortical(n), bone(n);
    for (size_t p = 0; p < n; ++p)
        cortical[p] = body[p] && v.hu[p] > 450;
    {
        std::vector<uint8_t> grown(n);
        const cv::Mat disk5 = cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5});
        for (int k = 0; k < nz; ++k) {
            cv::Mat g = sliceOf(grown, nx, ny, k);
            cv::dilate(sliceOf(cortical, nx, ny, k), g, disk5);
        }
        for (int k = 0; k < nz; ++k)
            for (size_t p = 0; p < plane; ++p) {
                bool near = false;
                for (int dk = -2; dk <= 2 && !near; ++dk)
                    near = k + dk >= 0 && k + dk < nz && grown[size_t(k + dk) * plane + p];
                const size_t q = size_t(k) * plane + p;
                bone[q] = near && v.hu[q] > 160 && body[q] && !lung[q];
            }
        // Between the lungs and in front of their antero-posterior centre there is no bone (the
        // spine is behind it, the sternum and ribs outside the lungs' outline): dense voxels there
        // are contrast in the heart and great vessels, however dense.
        for (int k = 0; k < nz; ++k) {
            std::vector<cv::Point> points, hull;
            cv::findNonZero(sliceOf(lung, nx, ny, k), points);
            if (points.size() < 20)
                continue;
            cv::convexHull(points, hull);
            cv::Mat inside = cv::Mat::zeros(ny, nx, CV_8U);
            cv::fillConvexPoly(inside, hull, 1);
            cv::erode(inside, inside, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
            double centre = 0;
            for (const cv::Point &pt : points) centre += pt.y;
            centre /= double(points.size());
            for (int j = 0; j < std::min(ny, int(centre)); ++j)
                for (int i = 0; i < nx; ++i)
                    if (inside.at<uint8_t>(j, i))
                        bone[v.index(i, j, k)] = 0;
        }
    }
    size_t contrastVoxels = 0;
    for (size_t p = 0; p < n; ++p)
        if (body[p] && !bone[p] && !lung[p] && !airway[p] && v.hu[p] > 90) {
            contrastVoxels += v.hu[p] > 150;
            v.hu[p] = int16_t(40 + std::min(30, (v.hu[p] - 90) / 20));
        }
    if (double(contrastVoxels) * voxelMl > 250.0)
        out.notes.push_back("contrast removed from the heart and vessels (" + std::to_string(int(contrastVoxels * voxelMl)) + " mL set to blood)");

    // Labels: body, lungs by side, airway, bone; then heart and mediastinum between the lungs.
    std::vector<uint8_t> labels(n, uint8_t(CtLabel::Outside));
    for (size_t p = 0; p < n; ++p) {
        if (!body[p])
            continue;
        const int i = int(p % size_t(nx));
        if (airway[p]) labels[p] = uint8_t(CtLabel::Airway);
        else if (lung[p]) labels[p] = uint8_t(i < midlineI ? CtLabel::LungRight : CtLabel::LungLeft);
        else if (bone[p]) labels[p] = uint8_t(CtLabel::Bone);
        else labels[p] = uint8_t(CtLabel::Body);
    }
    // The lowest slices where the lungs still surround the liver/stomach are below the domes:
    // dome level = where the lung cross-section falls under half its largest area, going down.
    std::vector<size_t> area(size_t(nz), 0);
    for (size_t p = 0; p < n; ++p)
        area[p / plane] += lung[p];
    int kMaxArea = kBottom;
    for (int k = kBottom; k <= kTop; ++k)
        if (area[size_t(k)] > area[size_t(kMaxArea)]) kMaxArea = k;
    int kDomeLevel = kBottom;
    for (int k = kMaxArea; k >= kBottom; --k)
        if (area[size_t(k)] < area[size_t(kMaxArea)] / 2) { kDomeLevel = k; break; }
    const int kHeartTop = std::max(kBottom, carinaK - int(16 / kVoxelMm));
    const int kHeartBottom = std::max(kBottom, kDomeLevel - int(20 / kVoxelMm));
    std::vector<uint8_t> heartCandidate(n);
    double spineSumJ = 0, spineCount = 0;
    for (int k = kBottom; k <= kTop; ++k) {
        std::vector<cv::Point> points;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                if (lung[v.index(i, j, k)]) points.emplace_back(i, j);
        if (points.size() < 20)
            continue;
        std::vector<cv::Point> hull;
        cv::convexHull(points, hull);
        cv::Mat hullMask = cv::Mat::zeros(ny, nx, CV_8U);
        cv::fillConvexPoly(hullMask, hull, 1);
        // The vertebral body: bone near the midline behind the lungs' centre.
        int spineFront = ny;
        for (int j = int(lungCenterJ); j < ny; ++j)
            for (int i = int(midlineI - 12); i <= int(midlineI + 12); ++i)
                if (i >= 0 && i < nx && bone[v.index(i, j, k)]) spineFront = std::min(spineFront, j);
        if (spineFront < ny && k <= kHeartTop && k >= kHeartBottom) {
            spineSumJ += spineFront + 15.0 / kVoxelMm; // the body's centre, ~15 mm behind its front
            ++spineCount;
        }
        // Between the lungs, row by row: from the most medial pixel of the right lung to that of
        // the left (a lung wrapped around the liver dome keeps the dome outside).
        int sliceRight = -1, sliceLeft = nx;
        std::vector<int> rowRight(size_t(ny), -1), rowLeft(size_t(ny), nx);
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const uint8_t label = labels[v.index(i, j, k)];
                if (label == uint8_t(CtLabel::LungRight)) { rowRight[size_t(j)] = std::max(rowRight[size_t(j)], i); sliceRight = std::max(sliceRight, i); }
                if (label == uint8_t(CtLabel::LungLeft)) { rowLeft[size_t(j)] = std::min(rowLeft[size_t(j)], i); sliceLeft = std::min(sliceLeft, i); }
            }
        for (int j = 0; j < ny; ++j) {
            const int from = rowRight[size_t(j)] >= 0 ? rowRight[size_t(j)] : sliceRight;
            const int to = rowLeft[size_t(j)] < nx ? rowLeft[size_t(j)] : sliceLeft;
            for (int i = 0; i < nx; ++i) {
                const size_t p = v.index(i, j, k);
                if (!hullMask.at<uint8_t>(j, i) || labels[p] != uint8_t(CtLabel::Body))
                    continue;
                labels[p] = uint8_t(CtLabel::Mediastinum);
                // The right heart border lies at most ~55 mm right of the midline; further right, at
                // these heights, is the liver under the right hemidiaphragm.
                if (k <= kHeartTop && k >= kHeartBottom && j < spineFront - 2 && i > from && i < to && (midlineI - i) * kVoxelMm < 55.0)
                    heartCandidate[p] = 1;
            }
        }
    }
    sizes = components3d(heartCandidate, nx, ny, nz, ids);
    double heartSum[3] = {0, 0, 0}, heartCount = 0;
    int heartTopK = -1, heartBottomK = nz;
    if (sizes.size() > 1) {
        const int32_t heartId = int32_t(std::max_element(sizes.begin() + 1, sizes.end()) - sizes.begin());
        for (size_t p = 0; p < n; ++p)
            if (ids[p] == heartId) {
                labels[p] = uint8_t(CtLabel::Heart);
                const int k = int(p / plane);
                heartSum[0] += double(p % size_t(nx));
                heartSum[1] += double((p % plane) / size_t(nx));
                heartSum[2] += k;
                ++heartCount;
                heartTopK = std::max(heartTopK, k);
                heartBottomK = std::min(heartBottomK, k);
            }
    }
    if (heartCount * voxelMl < 150.0)
        return makeError("no heart found between the lungs (a chest CT shows the whole heart)", name);

    // Landmarks in millimetres.
    CtLandmarks &l = out.landmarks;
    l.airwayFound = airwayFound;
    l.midlineX = midlineI * kVoxelMm;
    l.apexZ = kTop * kVoxelMm;
    l.baseZ = kBottom * kVoxelMm;
    l.carinaZ = carinaK * kVoxelMm;
    l.lungCenterY = lungCenterJ * kVoxelMm;
    l.heartCenter[0] = heartSum[0] / heartCount * kVoxelMm;
    l.heartCenter[1] = heartSum[1] / heartCount * kVoxelMm;
    l.heartCenter[2] = heartSum[2] / heartCount * kVoxelMm;
    l.heartTopZ = heartTopK * kVoxelMm;
    l.heartBottomZ = heartBottomK * kVoxelMm;
    l.tracheaX[0] = airwayFound ? tracheaSumI / tracheaCount * kVoxelMm : l.midlineX;
    l.tracheaX[1] = airwayFound ? tracheaSumJ / tracheaCount * kVoxelMm : l.heartCenter[1];
    l.spineY = spineCount > 0 ? spineSumJ / spineCount * kVoxelMm : l.lungCenterY + 40;
    {
        int iMin = nx, iMax = -1, jMin = ny, jMax = -1, liMin = nx, liMax = -1;
        const int kMid = (kHeartTop + kHeartBottom) / 2;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const size_t p = v.index(i, j, kMid);
                if (body[p]) { iMin = std::min(iMin, i); iMax = std::max(iMax, i); jMin = std::min(jMin, j); jMax = std::max(jMax, j); }
            }
        for (size_t p = 0; p < n; ++p)
            if (lung[p]) { const int i = int(p % size_t(nx)); liMin = std::min(liMin, i); liMax = std::max(liMax, i); }
        l.rightX = iMin * kVoxelMm;
        l.leftX = iMax * kVoxelMm;
        l.anteriorY = jMin * kVoxelMm;
        l.posteriorY = jMax * kVoxelMm;
        l.lungRightX = liMin * kVoxelMm;
        l.lungLeftX = liMax * kVoxelMm;
        l.sternumY = l.anteriorY + 15.0;
        l.clippedSides = iMin <= 1 || iMax >= nx - 2;
        if (l.clippedSides)
            out.notes.push_back("the CT's field of view clips the lateral chest wall: the frontal is collimated inside the cut");
    }
    // Each hemidiaphragm's top: the upper decile of the lowest lung point of each column.
    for (int side = 0; side < 2; ++side) {
        std::vector<double> lowest;
        const uint8_t want = uint8_t(side == 0 ? CtLabel::LungRight : CtLabel::LungLeft);
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                for (int k = kBottom; k <= kTop; ++k)
                    if (labels[v.index(i, j, k)] == want) { lowest.push_back(k * kVoxelMm); break; }
        l.domeZ[side] = percentile(lowest, 0.85);
    }
    for (size_t p = 0; p < n; ++p) {
        if (labels[p] == uint8_t(CtLabel::LungRight)) out.lungVolumeMl[0] += voxelMl;
        if (labels[p] == uint8_t(CtLabel::LungLeft)) out.lungVolumeMl[1] += voxelMl;
    }
    if (out.lungVolumeMl[0] < 300.0 || out.lungVolumeMl[1] < 300.0)
        return makeError("only one lung found (a simulated chest radiograph needs both)", name);

    // Chest field: from 70 mm above the apices to 100 mm below the lowest lung; slices beyond the
    // CT's coverage continue the neck / abdomen (the central body only, air and lung become soft
    // tissue, bone only along the spine), so the field's edges look like a radiograph's.
    const int wantTop = kTop + int(70 / kVoxelMm), wantBottom = kBottom - int(100 / kVoxelMm);
    const int outNz = wantTop - wantBottom + 1;
    CtVolume field;
    field.name = name;
    field.nx = nx;
    field.ny = ny;
    field.nz = outNz;
    std::fill(field.spacingMm, field.spacingMm + 3, kVoxelMm);
    field.hu.assign(field.voxels(), -1000);
    std::vector<uint8_t> fieldLabels(field.voxels(), 0);
    auto continuation = [&](int k, std::vector<int16_t> &hu, std::vector<uint8_t> &lab) {
        hu.assign(plane, -1000);
        lab.assign(plane, 0);
        cv::Mat b = sliceOf(body, nx, ny, k).clone();
        cv::Mat labelsMat;
        cv::connectedComponents(b, labelsMat, 8, CV_32S);
        int centre = labelsMat.at<int>(std::clamp(int(l.spineY / kVoxelMm) - 10, 0, ny - 1), std::clamp(int(midlineI), 0, nx - 1));
        for (size_t p = 0; p < plane; ++p) {
            const size_t q = size_t(k) * plane + p;
            const int i = int(p % size_t(nx));
            if (!b.data[p] || (centre > 0 && labelsMat.at<int>(int(p / size_t(nx)), i) != centre))
                continue;
            const bool spine = std::fabs(i - midlineI) * kVoxelMm < 20.0 && double(p / size_t(nx)) > lungCenterJ;
            if (labels[q] == uint8_t(CtLabel::Airway)) { hu[p] = v.hu[q]; lab[p] = labels[q]; }
            else if (labels[q] == uint8_t(CtLabel::Bone) && spine) { hu[p] = v.hu[q]; lab[p] = labels[q]; }
            else { hu[p] = int16_t(std::clamp<int>(v.hu[q], -120, 60)); if (v.hu[q] < -200) hu[p] = 25; lab[p] = uint8_t(CtLabel::Body); }
        }
        // Soft tissue smoothed in the plane: replicated slices must not draw the streaks of the
        // edge slice's small structures.
        cv::Mat soft(ny, nx, CV_32F);
        for (size_t p = 0; p < plane; ++p)
            soft.at<float>(int(p / size_t(nx)), int(p % size_t(nx))) = lab[p] == uint8_t(CtLabel::Body) ? float(hu[p]) : 30.0f;
        cv::GaussianBlur(soft, soft, cv::Size(0, 0), 2.0);
        for (size_t p = 0; p < plane; ++p)
            if (lab[p] == uint8_t(CtLabel::Body))
                hu[p] = int16_t(std::lround(soft.at<float>(int(p / size_t(nx)), int(p % size_t(nx)))));
    };
    std::vector<int16_t> topHu, bottomHu;
    std::vector<uint8_t> topLab, bottomLab;
    continuation(nz - 1, topHu, topLab);
    continuation(0, bottomHu, bottomLab);
    int padded = 0;
    for (int k = 0; k < outNz; ++k) {
        const int src = wantBottom + k;
        int16_t *dst = field.hu.data() + size_t(k) * plane;
        uint8_t *dstLab = fieldLabels.data() + size_t(k) * plane;
        if (src >= 0 && src < nz) {
            std::copy(v.hu.begin() + long(size_t(src) * plane), v.hu.begin() + long(size_t(src + 1) * plane), dst);
            std::copy(labels.begin() + long(size_t(src) * plane), labels.begin() + long(size_t(src + 1) * plane), dstLab);
        } else {
            ++padded;
            const bool above = src >= nz;
            std::copy((above ? topHu : bottomHu).begin(), (above ? topHu : bottomHu).end(), dst);
            std::copy((above ? topLab : bottomLab).begin(), (above ? topLab : bottomLab).end(), dstLab);
            if (above) {
                // The neck narrows above the thorax: the outline shrinks 2 mm a slice, to 24 mm.
                const int radius = std::min(12, src - nz + 1);
                cv::Mat inside(ny, nx, CV_8U);
                for (size_t p = 0; p < plane; ++p)
                    inside.data[p] = dstLab[p] != 0;
                cv::erode(inside, inside, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1}));
                for (size_t p = 0; p < plane; ++p)
                    if (!inside.data[p] && dstLab[p] != uint8_t(CtLabel::Airway)) { dst[p] = -1000; dstLab[p] = 0; }
            }
        }
    }
    if (padded > 0)
        out.notes.push_back("field extended by " + std::to_string(padded * int(kVoxelMm)) + " mm of continued neck/abdomen beyond the CT");
    if (kTop >= nz - 2)
        out.notes.push_back("the lung apices reach the CT's top slice (apices probably cut off)");
    const double shift = wantBottom * kVoxelMm;
    l.fieldBottomMm = shift;
    for (double *z : {&l.apexZ, &l.baseZ, &l.carinaZ, &l.domeZ[0], &l.domeZ[1], &l.heartCenter[2], &l.heartTopZ, &l.heartBottomZ})
        *z -= shift;

    // In-plane distance from each lung voxel to its lung's edge (pleural findings, pneumothorax).
    std::vector<uint8_t> wall(field.voxels(), 0);
    for (int k = 0; k < outNz; ++k) {
        for (uint8_t side : {uint8_t(CtLabel::LungRight), uint8_t(CtLabel::LungLeft)}) {
            cv::Mat lab(ny, nx, CV_8U, fieldLabels.data() + size_t(k) * plane);
            cv::Mat mask = lab == side;
            if (cv::countNonZero(mask) == 0)
                continue;
            cv::Mat distance;
            cv::distanceTransform(mask, distance, cv::DIST_L2, 3);
            for (size_t p = 0; p < plane; ++p)
                if (mask.data[p])
                    wall[size_t(k) * plane + p] = uint8_t(std::min(255.0, distance.at<float>(int(p / size_t(nx)), int(p % size_t(nx))) * kVoxelMm));
        }
    }
    out.volume = std::move(field);
    out.labels = std::move(fieldLabels);
    out.wallMm = std::move(wall);
    return out;
}

Status writeCtOverlay(const PreparedCt &ct, const std::string &pngPath)
{
    const CtVolume &v = ct.volume;
    const CtLandmarks &l = ct.landmarks;
    static const cv::Vec3b colours[kCtLabelCount] = {{0, 0, 0},     {0, 0, 0},     {255, 160, 60}, {60, 200, 255},
                                                     {255, 255, 0}, {255, 255, 255}, {60, 60, 255}, {60, 200, 60}};
    auto shade = [&](size_t p) {
        const uint8_t grey = uint8_t(std::clamp((v.hu[p] + 1000.0) / 1400.0, 0.0, 1.0) * 255.0);
        cv::Vec3b c{grey, grey, grey};
        const uint8_t label = ct.labels[p];
        if (label >= uint8_t(CtLabel::LungRight))
            for (int ch = 0; ch < 3; ++ch)
                c[ch] = uint8_t(0.55 * c[ch] + 0.45 * colours[label][ch]);
        return c;
    };
    const int jMid = std::clamp(int(l.heartCenter[1] / 2.0), 0, v.ny - 1);
    const int kMid = std::clamp(int(l.heartCenter[2] / 2.0), 0, v.nz - 1);
    const int kUp = std::clamp(int((l.carinaZ + 10) / 2.0), 0, v.nz - 1);
    const int iMid = std::clamp(int((l.lungRightX + l.midlineX) / 4.0), 0, v.nx - 1);
    cv::Mat coronal(v.nz, v.nx, CV_8UC3), sagittal(v.nz, v.ny, CV_8UC3), axial(v.ny, v.nx, CV_8UC3), upper(v.ny, v.nx, CV_8UC3);
    for (int k = 0; k < v.nz; ++k) {
        for (int i = 0; i < v.nx; ++i)
            coronal.at<cv::Vec3b>(v.nz - 1 - k, i) = shade(v.index(i, jMid, k));
        for (int j = 0; j < v.ny; ++j)
            sagittal.at<cv::Vec3b>(v.nz - 1 - k, j) = shade(v.index(iMid, j, k));
    }
    for (int j = 0; j < v.ny; ++j)
        for (int i = 0; i < v.nx; ++i) {
            axial.at<cv::Vec3b>(j, i) = shade(v.index(i, j, kMid));
            upper.at<cv::Vec3b>(j, i) = shade(v.index(i, j, kUp));
        }
    // Radiological display: the patient's right on the image left for coronal/axial cuts (i runs to
    // the patient's left already); anterior to the left on the sagittal cut.
    const int h = std::max(v.nz, v.ny) * 2;
    auto fit = [h](const cv::Mat &m) {
        cv::Mat r;
        cv::resize(m, r, cv::Size(int(m.cols * double(h) / m.rows), h), 0, 0, cv::INTER_NEAREST);
        return r;
    };
    cv::Mat row;
    cv::hconcat(std::vector<cv::Mat>{fit(coronal), fit(sagittal), fit(upper), fit(axial)}, row);
    cv::Mat canvas(row.rows + 34, row.cols, CV_8UC3, cv::Scalar(0, 0, 0));
    row.copyTo(canvas(cv::Rect(0, 34, row.cols, row.rows)));
    char title[256];
    std::snprintf(title, sizeof title, "%s  lungs R %.0f / L %.0f mL  airway %s  (coronal, sagittal, axial above carina, axial at heart)",
                  ct.name.c_str(), ct.lungVolumeMl[0], ct.lungVolumeMl[1], l.airwayFound ? "found" : "not found");
    cv::putText(canvas, title, {6, 23}, cv::FONT_HERSHEY_SIMPLEX, 0.55, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
    if (!cv::imwrite(pngPath, canvas))
        return makeError("cannot write the overlay PNG", pngPath);
    return okStatus();
}

std::string CtLibrary::defaultSplit(const std::string &patient)
{
    // Two CT patients for the test split and one for validation, never trained on: the test split
    // measures unseen anatomy, which is what a user's patient is.
    if (patient == "LIDC-IDRI-0002" || patient == "cap002")
        return "test";
    if (patient == "P001")
        return "validation";
    return "train";
}

int CtLibrary::find(const std::string &patient) const
{
    for (size_t i = 0; i < volumes.size(); ++i)
        if (volumes[i]->name == patient)
            return int(i);
    return -1;
}

Result<CtLibrary> CtLibrary::load(const std::string &directory, const std::string &cacheDir, std::vector<std::string> *notes, int threads)
{
    std::error_code ec;
    if (!fs::is_directory(directory, ec))
        return makeError("no CT folder", directory);
    std::vector<std::string> files;
    for (const auto &entry : fs::directory_iterator(directory, ec)) {
        const std::string name = entry.path().filename().string();
        const bool nifti = name.size() > 4 && (name.rfind(".nii") == name.size() - 4 || name.rfind(".nii.gz") == name.size() - 7);
        if (!nifti || !entry.is_regular_file(ec))
            continue;
        if (name.find("_organs") != std::string::npos || name.find("_mask") != std::string::npos ||
            name.find("_seg") != std::string::npos || name.find("label") != std::string::npos)
            continue;
        files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty())
        return makeError("no CT volumes (*.nii, *.nii.gz) in the folder", directory);
    std::vector<std::shared_ptr<const PreparedCt>> loaded(files.size());
    std::vector<std::string> errors(files.size());
    std::atomic<size_t> next{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < std::max(1, threads); ++t)
        workers.emplace_back([&] {
            for (size_t i = next++; i < files.size(); i = next++) {
                auto ct = loadPreparedCt(files[i], cacheDir);
                if (ct) loaded[i] = ct.value();
                else errors[i] = ct.error().toString();
            }
        });
    for (auto &w : workers)
        w.join();
    CtLibrary library;
    for (size_t i = 0; i < files.size(); ++i) {
        if (!loaded[i]) {
            if (notes)
                notes->push_back("skipped " + errors[i]);
            continue;
        }
        library.volumes.push_back(loaded[i]);
        library.split.push_back(defaultSplit(loaded[i]->name));
    }
    if (library.volumes.empty())
        return makeError("no CT volume in the folder could be prepared" + (errors.empty() ? std::string() : ": " + errors.front()), directory);
    return library;
}

} // namespace radsynth::simulation
