#include "radsynth/ui/Settings.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <algorithm>

namespace radsynth::ui {

namespace {
const char *kRecent = "studies/recent";
const char *kLayout = "viewer/layout";
const char *kLanguage = "general/language";
const char *kLink = "viewer/link";
const char *kOverlays = "viewer/overlays";
const char *kAutoGenerate = "generation/auto";
const char *kConcurrency = "generation/concurrency";
const char *kModel = "generation/model";
const char *kGeometry = "window/geometry";
const char *kState = "window/state";
const QStringList kLayouts = {QStringLiteral("1x1"), QStringLiteral("1x2"), QStringLiteral("1x3"), QStringLiteral("2x2")};

// Writes `value` under `key` only when it differs from what is stored: QSettings rewrites its file
// (a lock, a temporary file, a rename) whenever a value is set, and the workstation sets the
// layout, the recent studies and the window's state on every open, on the GUI thread.
void store(const char *key, const QVariant &value)
{
    QSettings settings;
    const QVariant stored = settings.value(QLatin1String(key));
    if (stored.isValid() && stored.toString() == value.toString() && stored.toByteArray() == value.toByteArray() &&
        stored.toStringList() == value.toStringList())
        return;
    settings.setValue(QLatin1String(key), value);
}
} // namespace

QStringList Settings::recentStudies() const
{
    return QSettings().value(QLatin1String(kRecent)).toStringList();
}

void Settings::addRecentStudy(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentStudies();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaximumRecent)
        recent.removeLast();
    store(kRecent, recent);
}

void Settings::clearRecentStudies() { QSettings().remove(QLatin1String(kRecent)); }

QString Settings::layout() const
{
    const QString layout = QSettings().value(QLatin1String(kLayout), QStringLiteral("1x2")).toString();
    return kLayouts.contains(layout) ? layout : QStringLiteral("1x2");
}

void Settings::setLayout(const QString &layout)
{
    if (kLayouts.contains(layout))
        store(kLayout, layout);
}

QString Settings::language() const { return QSettings().value(QLatin1String(kLanguage)).toString(); }
void Settings::setLanguage(const QString &language) { store(kLanguage, language); }

bool Settings::linkViewports() const { return QSettings().value(QLatin1String(kLink), false).toBool(); }
void Settings::setLinkViewports(bool link) { store(kLink, link); }

bool Settings::overlaysVisible() const { return QSettings().value(QLatin1String(kOverlays), true).toBool(); }
void Settings::setOverlaysVisible(bool visible) { store(kOverlays, visible); }

bool Settings::autoGenerate() const { return QSettings().value(QLatin1String(kAutoGenerate), true).toBool(); }
void Settings::setAutoGenerate(bool on) { store(kAutoGenerate, on); }
int Settings::jobConcurrency() const { return std::clamp(QSettings().value(QLatin1String(kConcurrency), 2).toInt(), 1, 8); }
void Settings::setJobConcurrency(int jobs) { store(kConcurrency, std::clamp(jobs, 1, 8)); }
QString Settings::modelDirectory() const { return QSettings().value(QLatin1String(kModel)).toString(); }
void Settings::setModelDirectory(const QString &directory) { store(kModel, directory); }

QByteArray Settings::windowGeometry() const { return QSettings().value(QLatin1String(kGeometry)).toByteArray(); }
void Settings::setWindowGeometry(const QByteArray &geometry) { store(kGeometry, geometry); }
QByteArray Settings::windowState() const { return QSettings().value(QLatin1String(kState)).toByteArray(); }
void Settings::setWindowState(const QByteArray &state) { store(kState, state); }

QList<QPair<QString, QString>> Settings::availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("it"), QStringLiteral("Italiano")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

QString Settings::effectiveLanguage(const QString &setting)
{
    QStringList candidates;
    if (!setting.isEmpty())
        candidates << setting;
    for (const QString &name : QLocale::system().uiLanguages())
        candidates << name.left(2).toLower();
    for (const QString &candidate : std::as_const(candidates))
        for (const auto &language : availableLanguages())
            if (language.first == candidate)
                return candidate;
    return QStringLiteral("en");
}

QTranslator *Settings::installTranslator(const QString &language)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(QStringLiteral(":/i18n/radsynth_%1.qm").arg(language))) {
        delete translator;
        return nullptr;
    }
    QCoreApplication::installTranslator(translator);
    // Qt's own strings (standard dialogs), when the system has them.
    auto *qtTranslator = new QTranslator(QCoreApplication::instance());
    if (qtTranslator->load(QStringLiteral("qtbase_%1").arg(language), QStringLiteral("/usr/share/qt6/translations")))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    return translator;
}

} // namespace radsynth::ui
