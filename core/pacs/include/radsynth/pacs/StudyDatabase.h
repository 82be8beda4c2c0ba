#pragma once
// The local study database: SQLite through Qt SQL, patient / study / series / instance tables
// with file paths. Received studies are indexed here; re-indexing a file updates its row (the SOP
// Instance UID is unique), so retrieving a study twice never duplicates it.
// One StudyDatabase object belongs to the thread that opened it (Qt SQL rule); open another one
// in another thread (SQLite serialises the writers).
#include "radsynth/common/Result.h"

#include <QString>

#include <atomic>
#include <string>
#include <vector>

namespace radsynth::pacs {

struct LocalStudy {
    std::string studyInstanceUid;
    std::string patientName; // PHI: never logged
    std::string patientId;   // PHI: never logged
    std::string birthDate;   // PHI: never logged
    std::string sex;
    std::string studyDate;
    std::string studyTime;
    std::string accessionNumber;
    std::string description;
    std::string modalities; // distinct series modalities, "CR\\SR"
    int seriesCount = 0;
    int instanceCount = 0;
};

struct LocalInstance {
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string seriesInstanceUid;
    std::string modality;
    std::string transferSyntaxUid;
    int instanceNumber = 0;
    std::string path;
};

// Empty fields do not constrain. The name matches case-insensitively with * and ? wildcards
// (no wildcard: the name starts with the text); dates are YYYYMMDD, inclusive.
struct LocalQuery {
    std::string patientName;
    std::string patientId;
    std::string dateFrom;
    std::string dateTo;
    std::string modality;
    std::string accessionNumber;
};

class StudyDatabase {
public:
    StudyDatabase();
    ~StudyDatabase();
    StudyDatabase(const StudyDatabase &) = delete;
    StudyDatabase &operator=(const StudyDatabase &) = delete;

    // Opens (creating the file, its folder and the tables when needed).
    Status open(const std::string &path);
    bool isOpen() const;
    void close();
    std::string path() const;

    // Reads the headers of files/folders (dicom::scan) and adds or updates their rows.
    // Returns the number of instances added or updated; unreadable files are skipped.
    Result<int> indexFiles(const std::vector<std::string> &paths, const std::atomic_bool *cancel = nullptr);

    Result<std::vector<LocalStudy>> searchStudies(const LocalQuery &query) const;
    Result<std::vector<LocalInstance>> instances(const std::string &studyInstanceUid) const;
    Result<int> instanceCount() const;
    Result<int> studyCount() const;
    // Removes a study's rows (not its files).
    Status removeStudy(const std::string &studyInstanceUid);

private:
    QString m_connectionName;
    std::string m_path;
};

} // namespace radsynth::pacs
