// Dataset folder writer: manifest.jsonl + 16-bit PNGs + DICOM studies.
#include "radsynth/simulation/Dataset.h"

#include "radsynth/common/Shards.h"
#include "radsynth/generation/Json.h"

#include "Random.h"
#include "radsynth/common/SafeWrite.h"
#include "radsynth/simulation/DicomWriter.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace radsynth::simulation {

namespace fs = std::filesystem;

std::vector<CaseRequest> plannedCases(const DatasetOptions &options)
{
    std::vector<CaseRequest> cases;
    for (int i = 0; i < options.count; ++i) {
        CaseRequest c;
        c.seed = Random::derive(options.seed, 1000 + uint64_t(i));
        c.findings = options.findings ? *options.findings : randomFindings(c.seed);
        cases.push_back(std::move(c));
    }
    return cases;
}

std::string manifestLine(const std::string &studyId, const std::string &split, const std::string &frontalPath,
                         const std::string &lateralPath, const std::string &report, const SimulatedCase &c,
                         const std::string &sourceId)
{
    std::ostringstream o;
    o << "{\"study_id\":\"" << generation::jsonEscape(studyId) << "\",\"split\":\"" << split << "\",\"frontal\":\""
      << generation::jsonEscape(frontalPath) << "\",\"lateral\":\"" << generation::jsonEscape(lateralPath) << "\",\"report\":\""
      << generation::jsonEscape(report) << "\",\"findings\":" << c.findings.toJson() << ",\"findings_spec\":\""
      << generation::jsonEscape(c.findings.toSpec()) << "\",\"labels\":{";
    const auto labels = c.findings.labels();
    for (int k = 0; k < kObservationCount; ++k)
        o << (k ? "," : "") << '"' << toString(Observation(k)) << "\":" << int(labels[size_t(k)]);
    o << "},\"seed\":" << c.seed;
    if (!sourceId.empty())
        o << ",\"source_report\":\"" << generation::jsonEscape(sourceId) << '"';
    char geometry[512];
    std::snprintf(geometry, sizeof geometry,
                  ",\"pixel_spacing_mm\":%.5f,\"size\":%d,\"png_scale\":\"12-bit value * 65535/4095\","
                  "\"cardiothoracic_ratio\":%.4f,\"heart_cm\":[%.2f,%.2f,%.2f,%.2f]",
                  c.frontal.pixelSpacingMm, c.frontal.width, cardiothoracicRatio(c.frontal), c.landmarks.heartRightX,
                  c.landmarks.heartLeftX, c.landmarks.heartBottomZ, c.landmarks.heartTopZ);
    o << geometry << ",\"engine\":\"" << c.engine << '"';
    if (!c.ctPatient.empty())
        o << ",\"ct_patient\":\"" << generation::jsonEscape(c.ctPatient) << "\",\"ct_condition\":\"" << generation::jsonEscape(c.ctCondition) << '"';
    o << ",\"phantom\":" << c.patient.toJson() << '}';
    return o.str();
}

namespace {
Status writePng(const std::string &path, const RenderedView &view)
{
    cv::Mat m(view.height, view.width, CV_16U);
    for (int y = 0; y < view.height; ++y)
        for (int x = 0; x < view.width; ++x)
            m.at<uint16_t>(y, x) = uint16_t((uint32_t(view.pixels[size_t(y) * view.width + x]) * 65535u + 2047u) / 4095u);
    std::vector<uchar> encoded;
    if (!cv::imencode(".png", m, encoded))
        return makeError("cannot encode the PNG", path);
    return files::writeAtomically(path, std::string_view(reinterpret_cast<const char *>(encoded.data()), encoded.size()), "the simulated PNG",
                                  files::Sync::NoSync); // a dataset can be simulated again
}

std::string splitOf(uint64_t seed, const DatasetOptions &options, const SimulatedCase &c)
{
    if (options.ct && !c.ctPatient.empty()) {
        const int index = options.ct->find(c.ctPatient);
        return index >= 0 ? options.ct->split[size_t(index)] : "train";
    }
    const double u = Random(Random::derive(seed, 9)).uniform();
    if (u < options.testFraction)
        return "test";
    if (u < options.testFraction + options.validationFraction)
        return "validation";
    return "train";
}
} // namespace

Result<size_t> writeDataset(const DatasetOptions &options, const std::vector<CaseRequest> &requests)
{
    std::error_code ec;
    fs::create_directories(fs::path(options.outDir) / "png", ec);
    if (ec)
        return makeError("cannot create the output folder: " + ec.message(), options.outDir);
    if (options.dicom)
        fs::create_directories(fs::path(options.outDir) / "dicom", ec);
    if (options.shardCount < 1 || options.shardIndex < 0 || options.shardIndex >= options.shardCount)
        return makeError("invalid shard " + std::to_string(options.shardIndex) + "/" + std::to_string(options.shardCount), options.outDir);
    // With `resume`: the ids already in the manifest are done.
    std::set<std::string> done;
    const fs::path manifestPath = fs::path(options.outDir) / "manifest.jsonl";
    if (options.resume) {
        std::ifstream existing(manifestPath);
        for (std::string line; std::getline(existing, line);) {
            const size_t at = line.find("\"study_id\":\"");
            if (at != std::string::npos)
                done.insert(line.substr(at + 12, line.find('"', at + 12) - at - 12));
        }
    }
    std::ofstream manifest(manifestPath, options.append || options.resume ? std::ios::app : std::ios::trunc);
    if (!manifest)
        return makeError("cannot write manifest.jsonl", options.outDir);
    const ReportWriter writer = options.reportWriter ? options.reportWriter : ReportWriter(simpleReport);
    const SimulationOptions simulation{options.size, options.lateral, options.ct.get()};
    const size_t batch = size_t(std::max(1, options.threads)) * 2;
    const auto [first, last] = shards::range(requests.size(), options.shardIndex, options.shardCount);
    auto idOf = [&](size_t i) {
        char number[32];
        std::snprintf(number, sizeof number, "%06zu", i + 1);
        return options.idPrefix + number;
    };
    std::vector<size_t> todo;
    for (size_t i = first; i < last; ++i)
        if (!done.count(idOf(i)))
            todo.push_back(i);
    size_t written = 0;
    for (size_t start = 0; start < todo.size(); start += batch) {
        if (options.cancel && options.cancel->load())
            return cancelledError(options.outDir);
        const size_t end = std::min(todo.size(), start + batch);
        std::vector<SimulatedCase> cases(end - start);
        std::vector<std::thread> workers;
        std::atomic<size_t> next{start};
        for (int t = 0; t < std::max(1, options.threads); ++t)
            workers.emplace_back([&] {
                for (size_t k = next++; k < end; k = next++)
                    cases[k - start] = simulateCase(requests[todo[k]].seed, requests[todo[k]].findings, simulation);
            });
        for (auto &w : workers)
            w.join();
        for (size_t k = start; k < end; ++k) {
            const size_t i = todo[k];
            const SimulatedCase &c = cases[k - start];
            const std::string id = idOf(i);
            const std::string frontalPng = "png/" + id + "_frontal.png";
            const std::string lateralPng = options.lateral ? "png/" + id + "_lateral.png" : std::string();
            auto writeCase = [&]() -> Status {
                if (options.png) {
                    auto s = writePng((fs::path(options.outDir) / frontalPng).string(), c.frontal);
                    if (!s)
                        return s.error();
                    if (options.lateral) {
                        s = writePng((fs::path(options.outDir) / lateralPng).string(), c.lateral);
                        if (!s)
                            return s.error();
                    }
                }
                if (options.dicom) {
                    const fs::path folder = fs::path(options.outDir) / "dicom" / id;
                    fs::create_directories(folder, ec);
                    SimulatedStudy study;
                    char name[64];
                    std::snprintf(name, sizeof name, "SIMULATED^CASE%04zu", i + 1);
                    study.patientName = name;
                    std::snprintf(name, sizeof name, "SIM-%06zu", i + 1);
                    study.patientId = name;
                    study.studyId = std::to_string(i + 1);
                    study.accessionNumber = id;
                    study.patientSex = c.patient.female ? "F" : "M";
                    study.patientAgeYears = int(c.patient.ageYears);
                    study.studyDescription = options.studyDescription;
                    study.uidSeed = Random::derive(requests[i].seed, uint64_t(i + 1));
                    assignUids(study);
                    const std::string comments = "Findings: " + c.findings.toSpec() +
                                                 (c.ctPatient.empty() ? std::string() : "; projected from CT " + c.ctPatient);
                    auto s = writeDicomImage((folder / "frontal.dcm").string(), c.frontal, study, comments, c.patient.kvp);
                    if (!s)
                        return s.error();
                    if (options.lateral) {
                        s = writeDicomImage((folder / "lateral.dcm").string(), c.lateral, study, comments, c.patient.kvp);
                        if (!s)
                            return s.error();
                    }
                }
                return okStatus();
            };
            const Status status = writeCase();
            if (!status) {
                if (!options.keepGoing)
                    return status.error();
                // Recorded, its partial files removed; the shard goes on.
                for (const std::string &png : {frontalPng, lateralPng})
                    if (!png.empty())
                        fs::remove(fs::path(options.outDir) / png, ec);
                fs::remove_all(fs::path(options.outDir) / "dicom" / id, ec);
                const Status recorded = shards::recordFailure(
                    options.outDir, QJsonObject{{QStringLiteral("study_id"), QString::fromStdString(id)},
                                                {QStringLiteral("seed"), QJsonValue(qint64(requests[i].seed))},
                                                {QStringLiteral("reason"), QString::fromStdString(status.error().toString())}});
                if (!recorded)
                    return recorded.error();
                continue;
            }
            const std::string report = requests[i].report.empty() ? writer(c.findings) : requests[i].report;
            manifest << manifestLine(id, splitOf(requests[i].seed, options, c), options.png ? frontalPng : std::string(),
                                     options.png ? lateralPng : std::string(), report, c, requests[i].sourceId)
                     << '\n';
            manifest.flush(); // a shard killed mid-run resumes after its last whole line
            ++written;
            if (options.progress)
                options.progress(written, todo.size());
        }
    }
    manifest.flush();
    if (!manifest)
        return makeError("cannot write manifest.jsonl", options.outDir);
    return written;
}

Result<size_t> mergeShards(const std::string &outDir, int shardCount)
{
    if (const Status finished = shards::requireFinished(outDir, shardCount); !finished)
        return finished.error();
    std::error_code ec;
    std::vector<std::pair<std::string, std::string>> lines; // id, line
    for (int shard = 0; shard < shardCount; ++shard) {
        std::ifstream manifest(fs::path(shards::folder(outDir, shard)) / "manifest.jsonl");
        for (std::string line; std::getline(manifest, line);) {
            const size_t at = line.find("\"study_id\":\"");
            if (at != std::string::npos)
                lines.emplace_back(line.substr(at + 12, line.find('"', at + 12) - at - 12), line);
        }
    }
    std::sort(lines.begin(), lines.end());
    fs::create_directories(fs::path(outDir) / "png", ec);
    std::ofstream manifest(fs::path(outDir) / "manifest.jsonl", std::ios::trunc);
    for (const auto &[id, line] : lines)
        manifest << line << '\n';
    for (int shard = 0; shard < shardCount; ++shard) {
        const fs::path folder = shards::folder(outDir, shard);
        for (const char *sub : {"png", "dicom"}) {
            if (!fs::is_directory(folder / sub, ec))
                continue;
            fs::create_directories(fs::path(outDir) / sub, ec);
            for (const auto &entry : fs::directory_iterator(folder / sub, ec)) {
                const fs::path target = fs::path(outDir) / sub / entry.path().filename();
                fs::remove_all(target, ec);
                fs::rename(entry.path(), target, ec);
                if (ec)
                    return makeError("cannot move " + entry.path().string() + ": " + ec.message(), outDir);
            }
        }
    }
    if (auto failures = shards::gatherFailures(outDir, shardCount); !failures)
        return failures.error();
    manifest.flush();
    if (!manifest)
        return makeError("cannot write manifest.jsonl", outDir);
    return lines.size();
}

} // namespace radsynth::simulation
