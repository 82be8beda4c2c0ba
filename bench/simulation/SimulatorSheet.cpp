// simulator-sheet OUT.png [size]: 16 simulated frontal/lateral pairs (labelled) next to real normal
// frontals from ../shared/data/real-cxr (when present), for judging realism by eye.
#include "radsynth/simulation/Simulator.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace radsynth::simulation;

namespace {
cv::Mat toMat(const RenderedView &v, int size)
{
    cv::Mat m(v.height, v.width, CV_16U, const_cast<uint16_t *>(v.pixels.data()));
    cv::Mat out;
    m.convertTo(out, CV_8U, 255.0 / 4095.0);
    cv::resize(out, out, cv::Size(size, size), 0, 0, cv::INTER_AREA);
    return out;
}
void label(cv::Mat &tile, const std::string &text)
{
    cv::rectangle(tile, cv::Rect(0, tile.rows - 16, tile.cols, 16), cv::Scalar(0), cv::FILLED);
    cv::putText(tile, text, cv::Point(3, tile.rows - 4), cv::FONT_HERSHEY_SIMPLEX, 0.36, cv::Scalar(255), 1, cv::LINE_AA);
}
} // namespace

int main(int argc, char **argv)
{
    const std::string out = argc > 1 ? argv[1] : "simulator.png";
    const int size = argc > 2 ? std::atoi(argv[2]) : 256;
    const int tileSize = 200;
    if (argc > 3) { // simulator-sheet OUT SIZE FIRSTSEED: 8 normal frontals from FIRSTSEED
        std::vector<cv::Mat> tiles;
        for (int i = 0; i < 8; ++i) {
            const SimulatedCase c = simulateCase(uint64_t(std::atoll(argv[3]) + i), {}, {size, false});
            tiles.push_back(toMat(c.frontal, 400));
        }
        cv::Mat top, bottom, sheet;
        cv::hconcat(std::vector<cv::Mat>(tiles.begin(), tiles.begin() + 4), top);
        cv::hconcat(std::vector<cv::Mat>(tiles.begin() + 4, tiles.end()), bottom);
        cv::vconcat(top, bottom, sheet);
        cv::imwrite(out, sheet);
        return 0;
    }
    const std::vector<std::string> specs = {
        "no_finding", "no_finding", "cardiomegaly:moderate", "pleural_effusion:left:moderate",
        "pleural_effusion:right:large", "pneumothorax:right:moderate", "consolidation:right:lower", "pneumonia:left:middle",
        "edema:moderate;cardiomegaly:small", "atelectasis:left:large", "lung_lesion:right:upper:mass", "lung_lesion:left:small",
        "support_devices:pacemaker;cardiomegaly:small", "support_devices:et_tube;support_devices:ng_tube;support_devices:central_line",
        "support_devices:sternotomy;enlarged_cardiomediastinum", "fracture:right:healed;pleural_other:left:plaque"};
    std::vector<cv::Mat> rows;
    for (size_t i = 0; i < specs.size(); i += 4) {
        std::vector<cv::Mat> tiles;
        for (size_t j = i; j < i + 4 && j < specs.size(); ++j) {
            auto findings = parseFindings(specs[j]);
            const SimulatedCase c = simulateCase(uint64_t(101 + j), findings.value(), {size, true});
            cv::Mat f = toMat(c.frontal, tileSize), l = toMat(c.lateral, tileSize);
            std::string name = specs[j];
            if (name.size() > 34)
                name = name.substr(0, 34);
            label(f, name);
            label(l, std::string(c.patient.female ? "F " : "M ") + std::to_string(int(c.patient.ageYears)) + " lateral");
            tiles.push_back(f);
            tiles.push_back(l);
        }
        cv::Mat row;
        cv::hconcat(tiles, row);
        rows.push_back(row);
    }
    // Real normal frontals for comparison.
    const std::string realDir = std::string(RADSYNTH_SHARED_DATA_DIR) + "/real-cxr/openist-normal-pa";
    std::vector<cv::Mat> real;
    if (std::filesystem::exists(realDir)) {
        std::vector<std::string> files;
        for (const auto &e : std::filesystem::directory_iterator(realDir))
            if (e.path().extension() == ".jpg")
                files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        for (size_t k = 0; k < files.size() && real.size() < 8; k += files.size() / 8) {
            cv::Mat m = cv::imread(files[k], cv::IMREAD_GRAYSCALE);
            cv::resize(m, m, cv::Size(tileSize, tileSize), 0, 0, cv::INTER_AREA);
            label(m, "REAL normal PA");
            real.push_back(m);
        }
    }
    if (!real.empty()) {
        cv::Mat row;
        cv::hconcat(real, row);
        if (row.cols == rows[0].cols)
            rows.push_back(row);
    }
    cv::Mat sheet;
    cv::vconcat(rows, sheet);
    cv::imwrite(out, sheet);
    return 0;
}
