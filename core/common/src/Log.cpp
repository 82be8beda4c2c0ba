#include "radsynth/common/Log.h"

#include "radsynth/common/Paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

namespace radsynth::log {
namespace {
std::mutex g_mutex;
std::string g_logFile;
} // namespace

void initialize(const Options &options)
{
    std::lock_guard<std::mutex> lock(g_mutex);
    QString directory = QString::fromStdString(options.directory);
    if (directory.isEmpty())
        directory = qEnvironmentVariable("RADSYNTH_LOG_DIR");
    if (directory.isEmpty())
        directory = paths::logDirectory();
    QDir().mkpath(directory);
    g_logFile = QDir(directory).absoluteFilePath(QStringLiteral("radsynth.log")).toStdString();

    std::vector<spdlog::sink_ptr> sinks;
    if (options.console) {
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_level(spdlog::level::warn); // the console stays quiet unless something is wrong
        sinks.push_back(console);
    }
    try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(g_logFile, 5 * 1024 * 1024, 3));
    } catch (const spdlog::spdlog_ex &) {
        // An unwritable log folder must not stop the program: keep the console only.
    }
    auto logger = std::make_shared<spdlog::logger>("radsynth", sinks.begin(), sinks.end());
    logger->set_level(options.level);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

std::string logFilePath()
{
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_logFile;
}

std::string pseudonym(const std::string &identifier)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(identifier), QCryptographicHash::Sha256);
    return digest.toHex().left(10).toStdString();
}

} // namespace radsynth::log
