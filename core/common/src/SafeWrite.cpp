#include "radsynth/common/SafeWrite.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <vector>

namespace radsynth::files {

namespace {

std::string folderOf(const std::string &path)
{
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string &path)
{
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The folder's entry for the renamed file reaches the disk too (else a power cut can lose it).
void syncFolder(const std::string &path)
{
    const int fd = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd); // best effort: some file systems refuse fsync on folders
        ::close(fd);
    }
}

// A temporary file next to `path` (same file system, so rename is atomic); -1 and errno on failure.
int createTemporary(const std::string &path, std::string &temporary)
{
    std::string pattern = folderOf(path) + "/." + nameOf(path) + ".part-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (fd >= 0) {
        temporary.assign(buffer.data());
        ::fchmod(fd, 0644); // mkstemp makes 0600; outputs are ordinary files
    }
    return fd;
}

Error errorFor(std::string_view what, const std::string &path, const std::string &reason, bool replacing)
{
    std::string message = "cannot write " + std::string(what) + ": " + reason;
    if (replacing)
        message += "; the previous version is kept";
    return makeError(std::move(message), path);
}

bool exists(const std::string &path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

} // namespace

std::string describeWriteError(int error)
{
    switch (error) {
    case ENOSPC:
        return "the disk is full";
    case EDQUOT:
        return "the disk quota is used up";
    case EROFS:
        return "the file system is read-only";
    case EACCES:
    case EPERM:
        return "no permission to write there";
    case ENOENT:
        return "the folder does not exist";
    case EIO:
        return "input/output error (the disk or the network share failed)";
    default:
        return std::strerror(error);
    }
}

long long freeBytes(const std::string &path)
{
    struct statvfs info {};
    if (::statvfs(path.c_str(), &info) != 0)
        return -1;
    return static_cast<long long>(info.f_bavail) * static_cast<long long>(info.f_frsize);
}

Status writeAtomically(const std::string &path, std::string_view bytes, std::string_view what, Sync sync)
{
    const bool replacing = exists(path);
    std::string temporary;
    const int fd = createTemporary(path, temporary);
    if (fd < 0)
        return errorFor(what, path, describeWriteError(errno), replacing);
    auto fail = [&](int error) -> Status {
        ::close(fd);
        ::unlink(temporary.c_str());
        return errorFor(what, path, describeWriteError(error), replacing);
    };
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(errno);
        }
        if (n == 0)
            return fail(EIO);
        written += size_t(n);
    }
    if (sync == Sync::ToDisk && ::fsync(fd) != 0)
        return fail(errno);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return errorFor(what, path, describeWriteError(error), replacing);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return errorFor(what, path, describeWriteError(error), replacing);
    }
    if (sync == Sync::ToDisk)
        syncFolder(path);
    return okStatus();
}

PendingFile::PendingFile(std::string path, std::string_view what, Sync sync) : m_path(std::move(path)), m_what(what), m_sync(sync)
{
    const int fd = createTemporary(m_path, m_temporary);
    if (fd < 0) {
        m_openError = errorFor(m_what, m_path, describeWriteError(errno), exists(m_path));
        m_done = true;
        return;
    }
    ::close(fd);
}

PendingFile::~PendingFile() { discard(); }

void PendingFile::discard()
{
    if (!m_done && !m_temporary.empty())
        ::unlink(m_temporary.c_str());
    m_done = true;
}

std::string explainWriteFailure(const std::string &folder, const std::string &detail, long long fullBelow)
{
    const long long free = freeBytes(folder);
    if (free >= 0 && free < fullBelow)
        return describeWriteError(ENOSPC) + " (" + std::to_string(free / 1024) + " KB free)";
    return detail;
}

Error PendingFile::writeError(const std::string &detail) const
{
    return errorFor(m_what, m_path, explainWriteFailure(folderOf(m_path), detail), exists(m_path));
}

Status PendingFile::syncTemporary()
{
    if (m_done)
        return m_openError.message.empty() ? Status(makeError("the file was already committed or discarded", m_path)) : Status(m_openError);
    const int fd = ::open(m_temporary.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return errorFor(m_what, m_path, describeWriteError(errno), exists(m_path));
    struct stat info {};
    const bool empty = ::fstat(fd, &info) != 0 || info.st_size == 0;
    const bool synced = m_sync == Sync::NoSync || ::fsync(fd) == 0;
    const int error = errno;
    const bool closed = ::close(fd) == 0;
    if (!synced || !closed) {
        discard();
        return errorFor(m_what, m_path, describeWriteError(synced ? errno : error), exists(m_path));
    }
    if (empty) {
        discard();
        return errorFor(m_what, m_path, "nothing was written (0 bytes)", exists(m_path));
    }
    return okStatus();
}

Status PendingFile::commit()
{
    if (Status synced = syncTemporary(); !synced)
        return synced;
    if (::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
        const int error = errno;
        discard();
        return errorFor(m_what, m_path, describeWriteError(error), exists(m_path));
    }
    m_done = true;
    if (m_sync == Sync::ToDisk)
        syncFolder(m_path);
    return okStatus();
}

Status PendingFile::commitNew()
{
    if (Status synced = syncTemporary(); !synced)
        return synced;
    if (::link(m_temporary.c_str(), m_path.c_str()) != 0) {
        const int error = errno;
        m_exists = error == EEXIST;
        if (!m_exists)
            discard(); // when it exists the caller may still compare the temporary with it
        return makeError(m_exists ? "a file of that name exists already; it was not replaced"
                                  : "cannot write " + m_what + ": " + describeWriteError(error),
                         m_path);
    }
    discard(); // the temporary name goes; the linked name stays
    if (m_sync == Sync::ToDisk)
        syncFolder(m_path);
    return okStatus();
}

} // namespace radsynth::files
