#pragma once
// The training cache: studies already decoded, preprocessed (MONOCHROME1 inverted, normalised,
// padded to square, resized) and packed, so that the trainer needs nothing but LibTorch and the
// standard library (it runs on a GPU machine where nothing else is installed).
// Written by core/datasets (radsynth-cli dataset prepare), read by the trainer. Standard library only.
//
// File layout (little endian), one file `cache.rsc`:
//   char[8]  magic "RSCACHE1"
//   uint32   resolution R (images are R x R)
//   uint32   record count N
//   uint32   number of observation labels L (14: the CheXpert order in kObservationNames)
//   then N records:
//     uint8  split (0 train, 1 validation, 2 test)
//     uint8  flags (bit 0: has frontal, bit 1: has lateral, bit 2: has report, bit 3: labels unknown)
//     uint16 id length, then id bytes (study id, UTF-8)
//     uint16 frontal[R*R]  (present only when bit 0 is set; 0..65535 = intensity 0..1, display polarity)
//     uint16 lateral[R*R]  (present only when bit 1 is set)
//     int8   labels[L]     (1 positive, 0 negative/not mentioned, -1 uncertain)
//     uint32 report length, then report bytes (UTF-8, findings + impression)
#include <array>
#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace radsynth::generation {

inline constexpr int kObservationCount = 14;
inline constexpr std::array<const char *, kObservationCount> kObservationNames = {
    "no_finding", "enlarged_cardiomediastinum", "cardiomegaly", "lung_opacity", "lung_lesion", "edema",
    "consolidation", "pneumonia", "atelectasis", "pneumothorax", "pleural_effusion", "pleural_other",
    "fracture", "support_devices"};

// The index of an observation's name in kObservationNames, or kObservationCount when it is none.
inline size_t observationIndex(std::string_view name)
{
    size_t k = 0;
    while (k < kObservationNames.size() && name != kObservationNames[k])
        ++k;
    return k;
}

enum class Split : uint8_t { Train = 0, Validation = 1, Test = 2 };

struct CacheRecord {
    std::string id;
    Split split = Split::Train;
    std::vector<uint16_t> frontal; // empty when absent, else R*R
    std::vector<uint16_t> lateral; // empty when absent, else R*R
    std::array<int8_t, kObservationCount> labels{};
    std::string report;            // empty when absent
    bool labelled = true;          // false: the labels say nothing (an unlabelled real radiograph)
    uint32_t splitIndex = 0;       // set by TrainingCache::load: its position among its split's records in the file
    bool hasFrontal() const { return !frontal.empty(); }
    bool hasLateral() const { return !lateral.empty(); }
    bool hasReport() const { return !report.empty(); }
};

class TrainingCacheWriter {
public:
    // Returns false with `error` set when the file cannot be created.
    bool open(const std::string &path, int resolution, std::string *error);
    // Appends one record; images must be resolution^2 or empty.
    bool append(const CacheRecord &record, std::string *error);
    // Writes the record count into the header and closes (atomic: written to path + ".part", renamed).
    bool close(std::string *error);
    ~TrainingCacheWriter();

private:
    std::ofstream m_out;
    std::string m_path;
    int m_resolution = 0;
    uint32_t m_count = 0;
};

// What TrainingCache::load reads of one record, chosen from its header.
enum class CacheLoad : uint8_t {
    Skip,  // nothing kept; the reader seeks past it
    Text,  // id, split, labels and report; the images are skipped (the record has none in memory)
    Whole, // everything
};
struct CacheRecordHeader {
    uint32_t index = 0;      // position in the file
    Split split = Split::Train;
    uint32_t splitIndex = 0; // position among the records of its split
    bool hasFrontal = false, hasLateral = false;
};
using CacheSelection = std::function<CacheLoad(const CacheRecordHeader &)>;

class TrainingCache {
public:
    // Reads the whole cache into memory; false with `error` naming what is wrong.
    bool load(const std::string &path, std::string *error);
    // Reads only what `select` asks for, record by record: the records it skips (and the images of
    // Text records) are passed over by their offsets (seeks; the header of each record is read), so
    // that a data-parallel rank holds and reads only its own share of a large cache.
    bool load(const std::string &path, const CacheSelection &select, std::string *error);
    int resolution() const { return m_resolution; }
    const std::vector<CacheRecord> &records() const { return m_records; }
    std::vector<const CacheRecord *> split(Split which) const;
    // Records of a split in the file, loaded or not.
    size_t splitSize(Split which) const { return m_splitSizes[size_t(which)]; }
    size_t fileRecords() const { return m_splitSizes[0] + m_splitSizes[1] + m_splitSizes[2]; }
    // Records whose images were read (Whole), and the bytes read from the file for all of them.
    size_t recordsWithImages() const { return m_recordsWithImages; }
    uint64_t bytesRead() const { return m_bytesRead; }

private:
    int m_resolution = 0;
    std::vector<CacheRecord> m_records;
    std::array<size_t, 3> m_splitSizes{};
    size_t m_recordsWithImages = 0;
    uint64_t m_bytesRead = 0;
};

} // namespace radsynth::generation
