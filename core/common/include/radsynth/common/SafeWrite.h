#pragma once
// Writing files so that nothing is lost (issue 24, finding 1): every report, draft, export and model
// output is written to a temporary file in the destination folder, checked to the end (each write,
// fsync, close), then renamed over the destination. A full disk, a quota or an I/O error is an
// Error naming the file; the previous good file is never replaced by a worse one, and the
// temporary file is removed.
#include "radsynth/common/Result.h"

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>

namespace radsynth::files {

// Whether a write waits for the data to reach the disk (fsync of the file and its folder). Reports,
// drafts, exports and model outputs do; bulk outputs that can be made again (a simulated dataset of
// tens of thousands of files) skip it and keep the rest: every write checked, temporary file, rename.
enum class Sync { ToDisk, NoSync };

// Writes `bytes` to `path` atomically (temporary file, fsync, rename, fsync of the folder).
// `what` names the object in the error ("the report draft", "the PNG").
Status writeAtomically(const std::string &path, std::string_view bytes, std::string_view what = "the file", Sync sync = Sync::ToDisk);
inline Status writeAtomically(const QString &path, const QByteArray &bytes, std::string_view what = "the file", Sync sync = Sync::ToDisk)
{
    return writeAtomically(path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())), what, sync);
}

// For writers that take a file name (DCMTK, OpenCV, QPdfWriter): they write to temporaryPath(),
// then commit() checks and syncs what they wrote and renames it into place. A PendingFile that is
// not committed removes its temporary file.
class PendingFile {
public:
    explicit PendingFile(std::string path, std::string_view what = "the file", Sync sync = Sync::ToDisk);
    ~PendingFile();
    PendingFile(const PendingFile &) = delete;
    PendingFile &operator=(const PendingFile &) = delete;

    const std::string &temporaryPath() const { return m_temporary; }
    const std::string &path() const { return m_path; }
    // Empty when the temporary file could not be created (the folder is missing or not writable).
    const Error *openError() const { return m_openError.message.empty() ? nullptr : &m_openError; }

    // fsync + rename over the destination (replaces an existing file).
    Status commit();
    // fsync + link into place only when no file has that name (never replaces; EEXIST is an error
    // with existsAlready() true).
    Status commitNew();
    bool existsAlready() const { return m_exists; }
    // Removes the temporary file now (also done by the destructor).
    void discard();

    // The error for a failed write into the temporary file by another library (DCMTK, OpenCV):
    // the disk's state (full, read-only) when that explains it, else `detail`.
    Error writeError(const std::string &detail) const;

private:
    Status syncTemporary();
    std::string m_path;
    std::string m_temporary;
    std::string m_what;
    Error m_openError;
    Sync m_sync = Sync::ToDisk;
    bool m_done = false;
    bool m_exists = false;
};

// "the disk is full" / "no permission" ... for an errno value, in words a user can act on.
std::string describeWriteError(int error);
// Free bytes on the file system holding `path` (-1 when unknown).
long long freeBytes(const std::string &path);
// Why a write into `folder` failed, in words, when the writer (DCMTK, Qt) could not say: "the disk
// is full (40 KB free)" when less than `fullBelow` bytes are free there, else `detail`.
std::string explainWriteFailure(const std::string &folder, const std::string &detail, long long fullBelow = 1024 * 1024);

} // namespace radsynth::files
