#pragma once
// A real, small file system for full-disk tests (issue 24, finding 1): a tmpfs mounted by the test
// in a temporary folder, filled with fallocate to leave exactly the free space a case needs.
// Mounting needs root (or CAP_SYS_ADMIN); where it cannot be mounted, available() is false and
// why() says so, and the test skips with that message.
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace radsynth::testing {

class SmallFileSystem {
public:
    explicit SmallFileSystem(qint64 bytes)
    {
        if (!m_mountPoint.isValid()) {
            m_why = QStringLiteral("no temporary folder for the mount point");
            return;
        }
        const QByteArray options = "size=" + QByteArray::number((bytes + 4095) / 4096 * 4096) + ",mode=0755";
        if (::mount("radsynth-test", m_mountPoint.path().toLocal8Bit().constData(), "tmpfs", MS_NOSUID | MS_NODEV, options.constData()) != 0) {
            m_why = QStringLiteral("cannot mount a tmpfs for the full-disk test (%1; needs root or CAP_SYS_ADMIN)")
                        .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        m_mounted = true;
    }
    ~SmallFileSystem()
    {
        if (m_mounted)
            ::umount2(m_mountPoint.path().toLocal8Bit().constData(), MNT_DETACH);
    }
    SmallFileSystem(const SmallFileSystem &) = delete;
    SmallFileSystem &operator=(const SmallFileSystem &) = delete;

    bool available() const { return m_mounted; }
    QString why() const { return m_why; }
    QString path() const { return m_mountPoint.path(); }
    QString filePath(const QString &name) const { return QDir(path()).filePath(name); }

    qint64 freeBytes() const
    {
        struct statvfs info {};
        if (::statvfs(path().toLocal8Bit().constData(), &info) != 0)
            return -1;
        return qint64(info.f_bavail) * qint64(info.f_frsize);
    }

    // Fills the file system so that about `bytes` stay free (tmpfs counts whole pages).
    bool leaveFree(qint64 bytes)
    {
        release();
        const qint64 fill = freeBytes() - bytes;
        if (fill <= 0)
            return true;
        const int fd = ::open(filePath(QStringLiteral(".filler")).toLocal8Bit().constData(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
        if (fd < 0)
            return false;
        const bool ok = ::posix_fallocate(fd, 0, fill) == 0;
        ::close(fd);
        return ok;
    }
    // Gives the filled space back.
    void release() { QFile::remove(filePath(QStringLiteral(".filler"))); }

    // Every file under the mount point except the filler, as "name:size" (to see what a failed
    // operation left behind).
    QStringList files() const
    {
        QStringList out;
        listInto(QDir(path()), QString(), out);
        return out;
    }

private:
    static void listInto(const QDir &dir, const QString &prefix, QStringList &out)
    {
        for (const QFileInfo &info : dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name)) {
            if (info.fileName() == QLatin1String(".filler"))
                continue;
            if (info.isDir())
                listInto(QDir(info.filePath()), prefix + info.fileName() + QLatin1Char('/'), out);
            else
                out << prefix + info.fileName() + QLatin1Char(':') + QString::number(info.size());
        }
    }
    QTemporaryDir m_mountPoint;
    bool m_mounted = false;
    QString m_why;
};

} // namespace radsynth::testing
