// radsynth-cli: every capability of the workstation without a screen.
#include "CliRegistry.h"

#include "radsynth/common/Log.h"
#include "radsynth/common/Version.h"
#include "radsynth/generation/CpuRuntime.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstring>
#include <memory>

#include <cstdio>

namespace {
void printUsage()
{
    std::printf("RadSynth %s - chest X-ray workstation, command line\n\n", radsynth::kVersion);
    std::printf("Usage: radsynth-cli <command> [options]   (radsynth-cli <command> --help for details)\n\nCommands:\n");
    for (const auto &command : radsynth::cli::Registry::commands())
        std::printf("  %-12s %s\n", command.name.c_str(), command.summary.c_str());
    std::printf("\nOptions:\n  --version    print the version\n  --help       this text\n");
}
} // namespace

int main(int argc, char **argv)
{
    // Before any thread starts: LibTorch's buffers stay in the heap between steps (2.2x faster training, docs/BENCHMARKS.md "CPU runtime").
    radsynth::generation::tuneAllocatorForTensors();
    // `export` draws text into PDF pages, which needs fonts, hence a QGuiApplication (offscreen: no display).
    // `demo` burns the synthetic marks into its images, which needs fonts too.
    const bool needsGui = argc > 1 && (std::strcmp(argv[1], "export") == 0 || std::strcmp(argv[1], "demo") == 0 ||
                                       std::strcmp(argv[1], "generate") == 0);
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app =
        needsGui ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QString::fromLatin1(radsynth::kApplicationName));
    QCoreApplication::setOrganizationName(QString::fromLatin1(radsynth::kOrganizationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(radsynth::kVersion));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")) {
        printUsage();
        return arguments.isEmpty() ? 2 : 0;
    }
    if (arguments.first() == QLatin1String("--version")) {
        std::printf("radsynth-cli %s\n", radsynth::kVersion);
        return 0;
    }
    const std::string name = arguments.takeFirst().toStdString();
    const radsynth::cli::Command *command = radsynth::cli::Registry::find(name);
    if (!command) {
        std::fprintf(stderr, "radsynth-cli: unknown command '%s' (radsynth-cli --help lists them)\n", name.c_str());
        return 2;
    }
    radsynth::log::Options logOptions;
    logOptions.console = true;
    radsynth::log::initialize(logOptions);
    return command->run(arguments);
}
