// scan(): files, folders (recursive) and DICOMDIRs -> patient / study / series / instance.
// Headers only: pixel data stays in the file (values over 4 KiB are not read). Every file is
// handled inside its own try block, so one bad file never stops the rest of a folder.
#include "DcmtkSupport.h"
#include "HeaderReader.h"
#include "SrText.h"

#include "radsynth/dicom/Loader.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

namespace fs = std::filesystem;

namespace radsynth::dicom {
namespace {

struct Grouper {
    StudyCollection collection;
    std::map<std::string, size_t> patientIndex;
    std::map<std::pair<size_t, std::string>, size_t> studyIndex;
    std::map<std::tuple<size_t, size_t, std::string>, size_t> seriesIndex;

    void add(detail::HeaderRecord &&record)
    {
        // Keys: identifiers when present, otherwise something stable that keeps unrelated files apart.
        const std::string patientKey = record.patient.patientId + '\x1f' + record.patient.patientName + '\x1f'
                                       + record.patient.birthDate;
        auto [pit, newPatient] = patientIndex.emplace(patientKey, collection.patients.size());
        if (newPatient)
            collection.patients.push_back(record.patient);
        Patient &patient = collection.patients[pit->second];

        const std::string studyKey = !record.study.studyInstanceUid.empty()
                                         ? record.study.studyInstanceUid
                                         : "\x1f" + record.study.studyDate + '\x1f' + record.study.accessionNumber;
        auto [sit, newStudy] = studyIndex.emplace(std::make_pair(pit->second, studyKey), patient.studies.size());
        if (newStudy)
            patient.studies.push_back(record.study);
        Study &study = patient.studies[sit->second];

        const std::string seriesKey = !record.series.seriesInstanceUid.empty()
                                          ? record.series.seriesInstanceUid
                                          : "\x1f" + record.series.modality + '\x1f' + std::to_string(record.series.seriesNumber);
        auto [rit, newSeries] = seriesIndex.emplace(std::make_tuple(pit->second, sit->second, seriesKey), study.series.size());
        if (newSeries)
            study.series.push_back(record.series);
        Series &series = study.series[rit->second];
        if (series.description.empty())
            series.description = record.series.description;
        series.instances.push_back(std::move(record.instance));
    }

    StudyCollection finish()
    {
        auto &patients = collection.patients;
        std::stable_sort(patients.begin(), patients.end(), [](const Patient &a, const Patient &b) {
            return std::tie(a.patientName, a.patientId) < std::tie(b.patientName, b.patientId);
        });
        for (Patient &patient : patients) {
            std::stable_sort(patient.studies.begin(), patient.studies.end(), [](const Study &a, const Study &b) {
                return std::tie(a.studyDate, a.studyTime, a.studyInstanceUid) < std::tie(b.studyDate, b.studyTime, b.studyInstanceUid);
            });
            for (Study &study : patient.studies) {
                std::stable_sort(study.series.begin(), study.series.end(), [](const Series &a, const Series &b) {
                    return std::tie(a.seriesNumber, a.seriesInstanceUid) < std::tie(b.seriesNumber, b.seriesInstanceUid);
                });
                for (Series &series : study.series)
                    std::stable_sort(series.instances.begin(), series.instances.end(), [](const Instance &a, const Instance &b) {
                        return std::tie(a.instanceNumber, a.path) < std::tie(b.instanceNumber, b.path);
                    });
            }
        }
        return std::move(collection);
    }
};

std::string specialFileReason(fs::file_type type)
{
    const char *what = "special file";
    switch (type) {
    case fs::file_type::fifo: what = "FIFO (named pipe)"; break;
    case fs::file_type::socket: what = "socket"; break;
    case fs::file_type::block: what = "block device"; break;
    case fs::file_type::character: what = "character device"; break;
    default: break;
    }
    return std::string("not a regular file (") + what + "): skipped without opening it";
}

class Scanner {
public:
    explicit Scanner(const ScanOptions &options) : m_options(options) {}

    StudyCollection run(const std::vector<std::string> &paths)
    {
        for (const std::string &path : paths)
            collect(path, true);
        size_t done = 0;
        while (!m_queue.empty()) {
            if (m_options.cancel && m_options.cancel->load()) {
                spdlog::info("DICOM scan cancelled after {} files", done);
                break;
            }
            const std::string path = m_queue.front();
            m_queue.pop_front();
            loadOne(path);
            ++done;
            if (m_options.progress)
                m_options.progress(done, done + m_queue.size());
        }
        m_grouper.collection.problems = std::move(m_problems);
        return m_grouper.finish();
    }

private:
    void problem(const std::string &path, const std::string &reason)
    {
        m_problems.push_back(LoadProblem{path, reason});
    }

    void enqueue(const fs::path &file)
    {
        std::error_code ec;
        fs::path key = fs::weakly_canonical(file, ec);
        if (ec)
            key = file.lexically_normal();
        if (m_seen.insert(key.string()).second)
            m_queue.push_back(file.string());
    }

    void collect(const std::string &input, bool topLevel)
    {
        std::error_code ec;
        const fs::path path(input);
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            problem(input, ec && ec != std::errc::no_such_file_or_directory ? "cannot access (" + ec.message() + ")"
                                                                            : "file or folder not found");
            return;
        }
        if (!fs::is_directory(status)) {
            if (fs::is_regular_file(status))
                enqueue(path);
            else
                problem(input, specialFileReason(status.type()));
            return;
        }
        if (!topLevel && !m_options.recursive)
            return;
        std::vector<fs::path> children;
        fs::directory_iterator it(path, ec), end;
        if (ec) {
            problem(input, "cannot open folder (" + ec.message() + ")");
            return;
        }
        for (; it != end; it.increment(ec)) {
            if (ec) {
                problem(input, "cannot list folder (" + ec.message() + ")");
                break;
            }
            children.push_back(it->path());
        }
        std::sort(children.begin(), children.end());
        for (const fs::path &child : children) {
            std::error_code childError;
            if (fs::is_symlink(fs::symlink_status(child, childError)) && fs::is_directory(child, childError))
                continue; // never follow folder links: they can loop
            const auto childStatus = fs::status(child, childError); // stat only: never opens the file
            if (fs::is_directory(childStatus)) {
                // Hidden folders (.git, an application's private state) hold no study.
                if (child.filename().string().rfind('.', 0) == 0)
                    continue;
                if (m_options.recursive)
                    collect(child.string(), false);
            } else if (fs::is_regular_file(childStatus)) {
                enqueue(child);
            } else if (!childError) {
                // FIFOs, sockets, devices: opening one can block forever (a FIFO named *.png
                // hung the scan), and none holds a study. Decided by type, never by name.
                problem(child.string(), specialFileReason(childStatus.type()));
            }
        }
    }

    // Resolve a DICOMDIR Referenced File ID (components, upper case on the medium) against the
    // folder it lives in, tolerating file systems that changed the case of names.
    static fs::path resolveFileId(const fs::path &root, const std::vector<std::string> &components)
    {
        fs::path current = root;
        for (const std::string &component : components) {
            fs::path candidate = current / component;
            std::error_code ec;
            if (!fs::exists(candidate, ec)) {
                const std::string wanted = detail::upper(component);
                for (fs::directory_iterator it(current, ec), end; !ec && it != end; it.increment(ec))
                    if (detail::upper(it->path().filename().string()) == wanted) {
                        candidate = it->path();
                        break;
                    }
            }
            current = candidate;
        }
        return current;
    }

    void followDicomDir(DcmFileFormat &file, const std::string &path)
    {
        DcmSequenceOfItems *records = nullptr;
        if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records) {
            spdlog::info("DICOMDIR {} lists no records", path);
            return;
        }
        const fs::path root = fs::path(path).parent_path();
        size_t referenced = 0, missing = 0;
        for (unsigned long i = 0; i < records->card(); ++i) {
            DcmItem *record = records->getItem(i);
            if (!record)
                continue;
            std::vector<std::string> components = detail::getStrings(*record, DCM_ReferencedFileID);
            components.erase(std::remove(components.begin(), components.end(), std::string()), components.end());
            if (components.empty())
                continue;
            const bool unsafe = std::any_of(components.begin(), components.end(), [](const std::string &c) {
                return c == ".." || c.find('/') != std::string::npos;
            });
            if (unsafe) {
                problem(path, "DICOMDIR record " + std::to_string(i + 1) + " has an invalid Referenced File ID");
                continue;
            }
            const fs::path target = resolveFileId(root, components);
            ++referenced;
            std::error_code ec;
            if (!fs::exists(target, ec)) {
                ++missing;
                problem(target.string(), "listed in DICOMDIR " + path + " but missing");
                continue;
            }
            enqueue(target);
        }
        spdlog::info("DICOMDIR {}: {} referenced files, {} missing", path, referenced, missing);
    }

    void loadOne(const std::string &path)
    {
        try {
            DcmFileFormat file;
            const std::string reason = detail::loadFile(path, file);
            if (!reason.empty()) {
                problem(path, reason);
                return;
            }
            if (detail::isDicomDir(file)) {
                followDicomDir(file, path);
                return;
            }
            detail::HeaderRecord record = detail::readHeader(file, path);
            if (record.instance.kind == ObjectKind::StructuredReport)
                record.instance.srText = detail::structuredReportText(*file.getDataset());
            m_grouper.add(std::move(record));
        } catch (const std::exception &e) {
            problem(path, std::string("unexpected error while reading (") + e.what() + ")");
        } catch (...) {
            problem(path, "unexpected error while reading");
        }
    }

    const ScanOptions &m_options;
    std::deque<std::string> m_queue;
    std::set<std::string> m_seen;
    std::vector<LoadProblem> m_problems;
    Grouper m_grouper;
};

} // namespace

bool isDocumentationFile(const std::string &path)
{
    static const char *const kDocumentation[] = {".md", ".txt", ".pdf", ".html", ".json", ".jsonl", ".csv", ".png", ".jpg", ".jpeg"};
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (std::find(std::begin(kDocumentation), std::end(kDocumentation), extension) == std::end(kDocumentation))
        return false;
    std::error_code ec;
    if (!fs::is_regular_file(fs::status(path, ec)))
        return false; // never open a FIFO or device to look at its name's promise
    if (isDicomFile(path))
        return false; // a DICOM file with an unusual name
    return true;
}

StudyCollection scan(const std::vector<std::string> &paths, const ScanOptions &options)
{
    registerCodecs();
    const auto start = std::chrono::steady_clock::now();
    StudyCollection result;
    try {
        result = Scanner(options).run(paths);
    } catch (const std::exception &e) {
        result.problems.push_back(LoadProblem{paths.empty() ? std::string() : paths.front(), std::string("scan failed: ") + e.what()});
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    // Counts and file names only: never patient attributes (ARCHITECTURE.md, tests/common).
    spdlog::info("DICOM scan of {} path(s): {} patient(s), {} instance(s), {} problem(s) in {} ms", paths.size(),
                 result.patients.size(), result.instanceCount(), result.problems.size(), ms);
    for (const LoadProblem &p : result.problems) {
        if (isDocumentationFile(p.path))
            spdlog::info("DICOM: {}: documentation, not an image ({})", p.path, p.reason);
        else
            spdlog::warn("DICOM: {}: {}", p.path, p.reason);
    }
    for (const Instance *instance : result.instances())
        if (!instance->error.empty())
            spdlog::warn("DICOM: {}: {}", instance->path, instance->error);
    return result;
}

} // namespace radsynth::dicom
