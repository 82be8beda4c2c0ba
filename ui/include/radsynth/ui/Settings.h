#pragma once
// User settings (QSettings): recent studies, viewport layout, language, linking, window geometry
// and state. Also installs the translator for the chosen (or the system's) language.
#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QTranslator;

namespace radsynth::ui {

class Settings {
    Q_DECLARE_TR_FUNCTIONS(radsynth::ui::Settings)
public:
    static constexpr int kMaximumRecent = 10;

    QStringList recentStudies() const;
    void addRecentStudy(const QString &path);   // most recent first, no duplicates
    void clearRecentStudies();

    QString layout() const;                     // "1x1", "1x2", "1x3", "2x2"
    void setLayout(const QString &layout);

    // "" (follow the system locale), "en", "it", "de".
    QString language() const;
    void setLanguage(const QString &language);

    bool linkViewports() const;
    void setLinkViewports(bool link);

    bool overlaysVisible() const;
    void setOverlaysVisible(bool visible);

    // Generation: synthesize the missing lateral view and draft the report when a study with a
    // frontal and no lateral is opened (default on); how many jobs run at once (default 2); the
    // model bundle folder ("" = the bundled default model, models/default).
    bool autoGenerate() const;
    void setAutoGenerate(bool on);
    int jobConcurrency() const;
    void setJobConcurrency(int jobs);
    QString modelDirectory() const;
    void setModelDirectory(const QString &directory);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // Languages with a translation, as (code, native name).
    static QList<QPair<QString, QString>> availableLanguages();
    // The language actually used: the setting, else the system locale when translated, else "en".
    static QString effectiveLanguage(const QString &setting);
    // Load and install the translator for `language` into the application; returns the
    // translator (owned by the application) or nullptr when no translation was needed/found.
    static QTranslator *installTranslator(const QString &language);
};

} // namespace radsynth::ui
