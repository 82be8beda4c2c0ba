// simulator-sheet OUT.png [size]: 16 simulated frontal/lateral pairs (labelled) next to real normal
// frontals from ../shared/data/real-cxr (when present), for judging realism by eye.
// simulator-sheet OUT.png SIZE --ct [CT-DIR]: the CT engine: normal pairs of four CT patients, real
// frontals and laterals, then every finding at two severities (frontal and lateral).
#include "radsynth/simulation/CtEngine.h"
#include "radsynth/simulation/Simulator.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
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
// One CSV line into cells (quoted cells may hold commas and doubled quotes).
std::vector<std::string> csvCells(const std::string &line)
{
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') { cells.back() += '"'; ++i; }
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) cells.emplace_back();
        else cells.back() += c;
    }
    return cells;
}

cv::Mat realTile(const std::string &file, int tileSize, const std::string &text)
{
    cv::Mat m = cv::imread(file, cv::IMREAD_GRAYSCALE);
    if (m.empty())
        return m;
    const int side = std::min(m.cols, m.rows);
    m = m(cv::Rect((m.cols - side) / 2, (m.rows - side) / 2, side, side)).clone();
    cv::resize(m, m, cv::Size(tileSize, tileSize), 0, 0, cv::INTER_AREA);
    label(m, text);
    return m;
}

int ctSheet(const std::string &out, int size, const std::string &ctDir)
{
    const int tile = 160;
    auto library = CtLibrary::load(ctDir, defaultCtCacheDirectory(), nullptr, 2);
    if (!library) {
        std::fprintf(stderr, "simulator-sheet: %s\n", library.error().toString().c_str());
        return 1;
    }
    std::vector<cv::Mat> tiles;
    auto add = [&](const SimulatedCase &c, const std::string &name) {
        cv::Mat f = toMat(c.frontal, tile), l = toMat(c.lateral, tile);
        label(f, name.size() > 28 ? name.substr(0, 28) : name);
        label(l, c.ctPatient.size() > 24 ? c.ctPatient.substr(0, 24) : c.ctPatient);
        tiles.push_back(f);
        tiles.push_back(l);
    };
    // Four CT patients, no finding.
    for (const char *patient : {"LIDC-IDRI-0002", "P001", "itkelastix_00", "normal001"}) {
        const int index = library->find(patient);
        if (index >= 0)
            add(simulateCtCase(library.value(), 7, {}, {size, true}, index), "CT engine, normal");
    }
    // Real radiographs: normal PAs and the real laterals of the covid-chestxray set.
    const std::string real = std::string(RADSYNTH_SHARED_DATA_DIR) + "/real-cxr";
    std::vector<std::string> normals;
    if (std::filesystem::exists(real + "/openist-normal-pa"))
        for (const auto &e : std::filesystem::directory_iterator(real + "/openist-normal-pa"))
            if (e.path().extension() == ".jpg")
                normals.push_back(e.path().string());
    std::sort(normals.begin(), normals.end());
    for (size_t k = 0; k < normals.size() && k < 5 * 40; k += 40) {
        cv::Mat m = realTile(normals[k], tile, "REAL normal PA");
        if (!m.empty())
            tiles.push_back(m);
    }
    std::vector<std::string> laterals;
    if (std::filesystem::exists(real + "/covid-chestxray/metadata.csv")) {
        std::ifstream csv(real + "/covid-chestxray/metadata.csv");
        std::string line;
        std::getline(csv, line);
        const std::vector<std::string> header = csvCells(line);
        const size_t viewCol = size_t(std::find(header.begin(), header.end(), "view") - header.begin());
        const size_t fileCol = size_t(std::find(header.begin(), header.end(), "filename") - header.begin());
        while (std::getline(csv, line)) {
            const std::vector<std::string> cells = csvCells(line);
            if (cells.size() > std::max(viewCol, fileCol) && cells[viewCol] == "L")
                laterals.push_back(real + "/covid-chestxray/images/" + cells[fileCol]);
        }
    }
    for (size_t k = 0; k < laterals.size() && tiles.size() % 8 != 0; ++k) {
        cv::Mat m = realTile(laterals[k], tile, "REAL lateral");
        if (!m.empty())
            tiles.push_back(m);
    }
    while (tiles.size() % 8 != 0)
        tiles.push_back(cv::Mat::zeros(tile, tile, CV_8U));
    // Every finding at two severities, one CT patient (a test-split patient: never trained on).
    const int patient = std::max(0, library->find("LIDC-IDRI-0002"));
    const std::vector<std::string> specs = {
        "cardiomegaly:small", "cardiomegaly:large", "enlarged_cardiomediastinum:small", "enlarged_cardiomediastinum:large",
        "pleural_effusion:right:small", "pleural_effusion:left:large", "pneumothorax:right:small", "pneumothorax:left:large",
        "consolidation:right:lower:small", "consolidation:right:middle:large", "pneumonia:left:small", "pneumonia:left:upper:large",
        "lung_opacity:right:small", "lung_opacity:bilateral:large", "atelectasis:left:small", "atelectasis:left:large",
        "edema:small", "edema:large", "lung_lesion:right:small", "lung_lesion:left:mass",
        "pleural_other:right:small", "pleural_other:left:large:plaque", "fracture:right", "fracture:left:healed",
        "support_devices:pacemaker", "support_devices:et_tube;support_devices:ng_tube", "support_devices:central_line",
        "support_devices:sternotomy"};
    for (const std::string &spec : specs) {
        auto findings = parseFindings(spec);
        add(simulateCtCase(library.value(), 7, findings.value(), {size, true}, patient), spec);
    }
    std::vector<cv::Mat> rows;
    for (size_t i = 0; i + 8 <= tiles.size(); i += 8) {
        cv::Mat row;
        cv::hconcat(std::vector<cv::Mat>(tiles.begin() + long(i), tiles.begin() + long(i) + 8), row);
        rows.push_back(row);
    }
    cv::Mat sheet;
    cv::vconcat(rows, sheet);
    return cv::imwrite(out, sheet) ? 0 : 1;
}
} // namespace

int main(int argc, char **argv)
{
    const std::string out = argc > 1 ? argv[1] : "simulator.png";
    const int size = argc > 2 ? std::atoi(argv[2]) : 256;
    const int tileSize = 200;
    if (argc > 3 && std::string(argv[3]) == "--ct")
        return ctSheet(out, size, argc > 4 ? argv[4] : defaultCtDirectory());
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
