#include "radsynth/common/Paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace radsynth::paths {
namespace {
QString ensure(const QString &path)
{
    QDir().mkpath(path);
    return path;
}
} // namespace

QString dataDirectory()
{
    const QString overridden = qEnvironmentVariable("RADSYNTH_DATA_DIR");
    if (!overridden.isEmpty())
        return ensure(overridden);
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return ensure(base + QStringLiteral("/RadSynth"));
}

QString logDirectory() { return ensure(dataDirectory() + QStringLiteral("/logs")); }

QString cacheDirectory()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty())
        base = dataDirectory() + QStringLiteral("/cache");
    return ensure(base + QStringLiteral("/RadSynth"));
}

QString resourceDirectory()
{
    const QString overridden = qEnvironmentVariable("RADSYNTH_RESOURCE_DIR");
    if (!overridden.isEmpty())
        return overridden;
    // Installed layout: <prefix>/bin/radsynth -> <prefix>/share/radsynth
    if (QCoreApplication::instance()) {
        const QString installed = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/radsynth"));
        if (QFileInfo::exists(installed + QStringLiteral("/models")))
            return QDir::cleanPath(installed);
    }
    return QStringLiteral(RADSYNTH_SOURCE_DIR);
}

QString modelsDirectory() { return resourceDirectory() + QStringLiteral("/models"); }
QString sampleStudyDirectory() { return resourceDirectory() + QStringLiteral("/resources/sample-study"); }

} // namespace radsynth::paths
