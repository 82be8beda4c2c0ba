#pragma once
// Shared helpers of the dataset adapters (one adapter per file: SimulatorAdapter, IuXrayAdapter,
// R2GenAdapter, MimicAdapter). Not part of the public API.
#include "radsynth/datasets/Datasets.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace radsynth::datasets::detail {

// ---- files -------------------------------------------------------------------------------------
bool isFile(const std::string &path);
bool isDirectory(const std::string &path);
std::string joinPath(const std::string &folder, const std::string &name);
// Reads a whole file; .gz files are decompressed (zlib). Empty optional when it cannot be read.
std::optional<std::string> readFile(const std::string &path);
// The first of root/<name> that exists, else empty.
std::string firstExisting(const std::string &root, const std::vector<std::string> &names);

// ---- CSV (RFC 4180: quoted fields, commas and newlines inside quotes, "" escapes) -------------
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    int column(const std::string &name) const; // -1 when absent (exact, then case-insensitive)
    const std::string &cell(size_t row, int column) const; // empty string when out of range
};
Result<CsvTable> readCsv(const std::string &path);

// ---- splits, text, labels -----------------------------------------------------------------------
// "train", "val", "valid", "validate", "validation", "dev", "test" (any case); nullopt otherwise.
std::optional<generation::Split> parseSplit(const std::string &text);
// Deterministic split from the study id when the dataset gives none: 80 % train, 10 % validation,
// 10 % test (FNV-1a hash of the id, so the same id always lands in the same split).
generation::Split hashSplit(const std::string &id);
// Collapses runs of white space to one space and trims.
std::string simplifyWhitespace(const std::string &text);
// Joins findings and impression as "findings impression" (either may be empty).
std::string joinReport(const std::string &findings, const std::string &impression);
// Fills labels from the report text with the report labeler when one is built (radsynth_report);
// returns false (labels untouched) when no labeler is available.
bool labelFromReport(const std::string &report, std::array<int8_t, generation::kObservationCount> &labels);
bool labelerAvailable();
// Index of an observation name ("cardiomegaly", "Pleural Effusion", "pleural-effusion") or -1.
int observationIndex(const std::string &name);

// ---- views ---------------------------------------------------------------------------------------
enum class ViewGuess { Unknown, Frontal, Lateral };
// From a DICOM-like projection string: PA/AP/PA LLD... frontal; LL/RL/LATERAL/LAT... lateral.
ViewGuess viewFromProjection(const std::string &projection);
// Image heuristic: left-right mirror correlation of a small, normalised copy of the image
// (frontal chest films are nearly symmetric, laterals are not). -2 when the image cannot be read.
double mirrorSymmetry(const std::string &imagePath);
// A lone image at least this symmetric is taken as frontal (see docs/DATASETS.md for the figures).
inline constexpr double kFrontalSymmetryThreshold = 0.6;

// ---- adapters ---------------------------------------------------------------------------------
Result<std::vector<StudyEntry>> listSimulator(const std::string &root);
Result<std::vector<StudyEntry>> listIuXray(const std::string &root, const std::string &splitFile);
Result<std::vector<StudyEntry>> listR2Gen(const std::string &root, const std::string &annotationFile);
Result<std::vector<StudyEntry>> listMimic(const std::string &root);
// Unpaired radiographs (RadiographsAdapter.cpp): one record per image, no report.
Result<std::vector<StudyEntry>> listRadiographs(const std::string &root);
bool looksLikeRadiographFolder(const std::string &root); // any PNG/JPEG/DICOM at any depth

// Parses an R2Gen-style JSON ({"train":[{"id","report","image_path":[..]}],"val":..,"test":..}).
struct R2GenEntry {
    std::string id;
    generation::Split split = generation::Split::Train;
    std::string report;
    std::vector<std::string> imagePaths;
};
Result<std::vector<R2GenEntry>> readR2GenJson(const std::string &path);

} // namespace radsynth::datasets::detail
