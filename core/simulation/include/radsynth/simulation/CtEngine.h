#pragma once
// The CT engine: paired PA + left lateral radiographs projected from real chest CT volumes
// (digitally reconstructed radiographs, as X2CT-GAN / DeepDRR / DiffDRR make paired data).
//
//   readNiftiCt      NIfTI-1 (.nii / .nii.gz) in Hounsfield units -> CtVolume (LPS voxel axes)
//   prepareCt        once per CT: couch removed, body, lungs (right/left), airway, bones, heart,
//                    mediastinum; contrast removed from blood; cropped/padded to a chest field
//   loadPreparedCt   the same, cached on disk (a second load reads the cache)
//   CtLibrary        every prepared CT of a folder, with the split of each CT patient
//   simulateCtCase   one virtual patient: deformation, findings written into the volume as changes
//                    of attenuation, polyenergetic cone-beam projection of both views, detector
//
// Coordinates of a prepared volume: millimetres from voxel (0,0,0), x to the patient's left (i),
// y posterior (j), z superior (k); voxels are 2 mm cubes after preparation.
#include "radsynth/common/Result.h"
#include "radsynth/simulation/Findings.h"
#include "radsynth/simulation/Simulator.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace radsynth::simulation {

struct CtVolume {
    std::string name; // the patient id: the file name without .nii(.gz)
    int nx = 0, ny = 0, nz = 0;
    double spacingMm[3] = {0, 0, 0};
    std::vector<int16_t> hu; // [k][j][i], i fastest
    size_t index(int i, int j, int k) const { return (size_t(k) * size_t(ny) + size_t(j)) * size_t(nx) + size_t(i); }
    size_t voxels() const { return size_t(nx) * size_t(ny) * size_t(nz); }
};

// Reads a NIfTI-1 CT (int16/uint8/int32/float32 voxels, scl_slope applied). The voxel axes are
// brought to LPS (i to the patient's left, j posterior, k superior) from the sform/qform. Errors
// name the file: truncated data, not NIfTI, not a CT in Hounsfield units, a volume too large.
Result<CtVolume> readNiftiCt(const std::string &path);
// The same reader without the Hounsfield check: label maps (organ masks) and other volumes.
Result<CtVolume> readNiftiVolume(const std::string &path);

enum class CtLabel : uint8_t { Outside = 0, Body, LungRight, LungLeft, Airway, Bone, Heart, Mediastinum };
inline constexpr int kCtLabelCount = 8;
const char *toString(CtLabel label);

// Named positions of a prepared CT, in millimetres of its grid.
struct CtLandmarks {
    double midlineX = 0;          // trachea (or body) centre, transverse
    double apexZ = 0;             // highest lung voxel
    double baseZ = 0;             // lowest lung voxel (posterior costophrenic sulcus)
    double domeZ[2] = {0, 0};     // [0] right, [1] left: top of each hemidiaphragm
    double carinaZ = 0;           // tracheal bifurcation (estimated when no airway was found)
    bool airwayFound = false;
    double lungCenterY = 0;       // antero-posterior centre of the lungs
    double anteriorY = 0, posteriorY = 0; // body surface, front and back
    double rightX = 0, leftX = 0;          // body surface, right and left
    double lungRightX = 0, lungLeftX = 0;  // outer lung edges
    double heartCenter[3] = {0, 0, 0};
    double heartTopZ = 0, heartBottomZ = 0;
    double sternumY = 0, spineY = 0; // anterior chest wall and vertebral body centre at the heart's level
    double tracheaX[2] = {0, 0};     // trachea centre above the carina: x and y
    bool clippedSides = false;       // the CT's field of view cuts the body at the sides
    double fieldBottomMm = 0;        // the prepared grid's first slice in the CT's own (2 mm) grid
};

struct PreparedCt {
    std::string name;
    CtVolume volume;             // cleaned HU: outside body -1000, blood without contrast
    std::vector<uint8_t> labels; // CtLabel per voxel
    std::vector<uint8_t> wallMm; // per lung voxel: in-plane distance to the lung's edge (mm, clamped 255)
    CtLandmarks landmarks;
    std::vector<std::string> notes; // what preparation found (padding, clipped field of view...)
    double lungVolumeMl[2] = {0, 0};
};

// Prepares a CT read by readNiftiCt. Fails with the volume's name when a structure the engine
// needs cannot be found (no body, no lungs, lungs too small).
Result<PreparedCt> prepareCt(const CtVolume &raw);

// Reads and prepares a NIfTI CT, through a cache file in cacheDir (empty: no cache). The cache is
// keyed by the file's name, size and modification time and the preparation version.
Result<std::shared_ptr<const PreparedCt>> loadPreparedCt(const std::string &niftiPath, const std::string &cacheDir);

// Writes the label overlay of a prepared CT (coronal and axial cuts, coloured labels over the HU
// image) to a PNG: the check a person looks at.
Status writeCtOverlay(const PreparedCt &ct, const std::string &pngPath);

// Where the shipped CT set and the preparation cache are by default: RADSYNTH_CT_DIR or
// <source>/../shared/data/ct; RADSYNTH_CT_CACHE or $XDG_CACHE_HOME/radsynth/ct.
std::string defaultCtDirectory();
std::string defaultCtCacheDirectory();

struct CtLibrary {
    std::vector<std::shared_ptr<const PreparedCt>> volumes;
    std::vector<std::string> split; // per volume: "train", "validation" or "test"

    // Every *.nii(.gz) CT of a folder except mask files (*_organs*, *_mask*, *_seg*). Volumes that
    // fail preparation are skipped with a note naming them; an empty library is an error.
    static Result<CtLibrary> load(const std::string &directory, const std::string &cacheDir,
                                  std::vector<std::string> *notes = nullptr, int threads = 2);
    // The split of each CT patient: test and validation patients are never trained on.
    static std::string defaultSplit(const std::string &patient);
    int find(const std::string &patient) const; // -1 when absent
};

// Renders one case of the CT engine: same library, seed and findings -> identical images.
// `patientIndex` < 0 picks the CT patient from the seed.
SimulatedCase simulateCtCase(const CtLibrary &library, uint64_t seed, const Findings &findings,
                             const SimulationOptions &options, int patientIndex = -1);

} // namespace radsynth::simulation
