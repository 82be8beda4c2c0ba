// radsynth-cli pacs echo|find|get|move|store: DICOM networking with a PACS (core/pacs).
#include "CliRegistry.h"

#include "radsynth/pacs/Pacs.h"
#include "radsynth/pacs/PacsSettings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

using namespace radsynth;

std::atomic_bool g_cancel{false};

const char *kUsage =
    "Usage: radsynth-cli pacs <echo|find|get|move|store> [options]\n"
    "  echo                          verify the connection (C-ECHO)\n"
    "  find [--series STUDY_UID]     query studies (C-FIND) or the series of one study\n"
    "  get STUDY_UID [--series UID]  retrieve with C-GET into the local store and database\n"
    "  move STUDY_UID [--series UID] retrieve with C-MOVE to our storage SCP (--storage-port)\n"
    "  store FILE|DIR...             send DICOM files (C-STORE)\n"
    "The PACS: --node NAME (from the settings) or --aet/--host/--port. See --help of each.\n";

struct Context {
    pacs::Node node;
    pacs::NetworkOptions options;
    pacs::LocalStoreLocation location;
};

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption({QStringLiteral("node"), QStringLiteral("PACS node NAME from the settings."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("aet"), QStringLiteral("called AE title of the PACS."), QStringLiteral("AET")});
    parser.addOption({QStringLiteral("host"), QStringLiteral("host of the PACS."), QStringLiteral("HOST")});
    parser.addOption({QStringLiteral("port"), QStringLiteral("DICOM port of the PACS."), QStringLiteral("PORT")});
    parser.addOption({QStringLiteral("our-aet"), QStringLiteral("our AE title (default from the settings, RADSYNTH)."), QStringLiteral("AET")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("connect/association/DIMSE timeout in seconds (default from the settings, 10)."),
                      QStringLiteral("SECONDS")});
}

// Resolves the node and options from the settings and the command line; empty string on success.
std::string resolve(const QCommandLineParser &parser, Context &context, bool retrieveOptions = false)
{
    const pacs::PacsSettings settings = pacs::loadSettings();
    context.options = settings.networkOptions();
    if (parser.isSet(QStringLiteral("node"))) {
        const std::string name = parser.value(QStringLiteral("node")).toStdString();
        const pacs::Node *node = settings.findNode(name);
        if (!node) return "no PACS node named '" + name + "' in the settings";
        context.node = *node;
    }
    if (parser.isSet(QStringLiteral("aet"))) context.node.aeTitle = parser.value(QStringLiteral("aet")).toStdString();
    if (parser.isSet(QStringLiteral("host"))) context.node.host = parser.value(QStringLiteral("host")).toStdString();
    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        context.node.port = parser.value(QStringLiteral("port")).toInt(&ok);
        if (!ok) return "--port must be a number";
    }
    if (context.node.name.empty()) context.node.name = context.node.aeTitle;
    if (context.node.host.empty() || context.node.aeTitle.empty())
        return "give --node NAME, or --aet, --host and --port";
    if (parser.isSet(QStringLiteral("our-aet"))) context.options.ourAeTitle = parser.value(QStringLiteral("our-aet")).toStdString();
    if (Status ae = pacs::validateAeTitle(context.options.ourAeTitle); !ae) return "our AE title: " + ae.error().message;
    if (Status valid = pacs::validate(context.node); !valid) return valid.error().message;
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds <= 0) return "--timeout must be a positive number of seconds";
        context.options.setTimeout(seconds);
    }
    if (retrieveOptions && parser.isSet(QStringLiteral("storage-port"))) {
        bool ok = false;
        context.options.storagePort = parser.value(QStringLiteral("storage-port")).toInt(&ok);
        if (!ok || context.options.storagePort <= 0 || context.options.storagePort > 65535) return "--storage-port must be 1-65535";
    }
    if (retrieveOptions && parser.isSet(QStringLiteral("store-dir")))
        context.location.storeDirectory = QFileInfo(parser.value(QStringLiteral("store-dir"))).absoluteFilePath().toStdString();
    if (retrieveOptions && parser.isSet(QStringLiteral("database")))
        context.location.databasePath = QFileInfo(parser.value(QStringLiteral("database"))).absoluteFilePath().toStdString();
    context.options.cancel = &g_cancel;
    return {};
}

bool parse(QCommandLineParser &parser, const std::string &command, const QStringList &arguments, std::string &error)
{
    if (!parser.parse(QStringList{QString::fromStdString("radsynth-cli pacs " + command)} + arguments)) {
        error = parser.errorText().toStdString();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", parser.helpText().toLocal8Bit().constData());
        return false;
    }
    return true;
}

struct SigintGuard {
    void (*previous)(int);
    SigintGuard() { previous = std::signal(SIGINT, [](int) { g_cancel = true; }); }
    ~SigintGuard() { std::signal(SIGINT, previous); }
};

void printProgress(const pacs::Progress &p)
{
    if (p.remaining >= 0)
        std::printf("progress: %d done, %d failed, %d remaining%s%s\n", p.completed, p.failed, p.remaining,
                    p.message.empty() ? "" : ": ", p.message.c_str());
    else
        std::printf("progress: %d done, %d failed%s%s\n", p.completed, p.failed, p.message.empty() ? "" : ": ", p.message.c_str());
    std::fflush(stdout);
}

int runEcho(const QStringList &arguments)
{
    const std::string name = "pacs echo";
    QCommandLineParser parser;
    addConnectionOptions(parser);
    std::string error;
    if (!parse(parser, "echo", arguments, error)) return error.empty() ? 0 : cli::fail(name, error, 2);
    Context context;
    if (std::string problem = resolve(parser, context); !problem.empty()) return cli::fail(name, problem, 2);
    if (Status ok = pacs::echo(context.node, context.options); !ok) return cli::fail(name, ok.error().toString());
    std::printf("C-ECHO %s: ok\n", (context.node.aeTitle + "@" + context.node.host + ":" + std::to_string(context.node.port)).c_str());
    return 0;
}

int runFind(const QStringList &arguments)
{
    const std::string name = "pacs find";
    QCommandLineParser parser;
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("name"), QStringLiteral("patient name, * and ? wildcards (\"DOE^J*\")."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("patient ID."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("date"), QStringLiteral("study date YYYYMMDD or range YYYYMMDD-YYYYMMDD (either end may be empty)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("modality"), QStringLiteral("modality in study (CR, DX, SR...)."), QStringLiteral("MOD")});
    parser.addOption({QStringLiteral("accession"), QStringLiteral("accession number."), QStringLiteral("ACC")});
    parser.addOption({QStringLiteral("description"), QStringLiteral("study description, wildcards allowed."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("study"), QStringLiteral("Study Instance UID."), QStringLiteral("UID")});
    parser.addOption({QStringLiteral("series"), QStringLiteral("list the series of study UID instead of studies."), QStringLiteral("UID")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("print JSON (an array of objects).")});
    std::string error;
    if (!parse(parser, "find", arguments, error)) return error.empty() ? 0 : cli::fail(name, error, 2);
    Context context;
    if (std::string problem = resolve(parser, context); !problem.empty()) return cli::fail(name, problem, 2);
    SigintGuard guard;
    const bool json = parser.isSet(QStringLiteral("json"));
    auto text = [](const std::string &s) { return QString::fromStdString(s); };
    if (parser.isSet(QStringLiteral("series"))) {
        auto series = pacs::findSeries(context.node, parser.value(QStringLiteral("series")).toStdString(), context.options);
        if (!series) return cli::fail(name, series.error().toString());
        QJsonArray array;
        for (const auto &s : series.value()) {
            if (json) {
                array.append(QJsonObject{{"studyInstanceUid", text(s.studyInstanceUid)}, {"seriesInstanceUid", text(s.seriesInstanceUid)},
                                         {"modality", text(s.modality)}, {"seriesNumber", s.seriesNumber},
                                         {"description", text(s.description)}, {"bodyPart", text(s.bodyPart)},
                                         {"instances", s.instanceCount}});
            } else {
                std::printf("%-4d %-3s %4d  %-30s %s\n", s.seriesNumber, s.modality.c_str(), s.instanceCount,
                            s.description.c_str(), s.seriesInstanceUid.c_str());
            }
        }
        if (json) std::printf("%s\n", QJsonDocument(array).toJson(QJsonDocument::Indented).constData());
        return 0;
    }
    pacs::StudyQuery query;
    query.patientName = parser.value(QStringLiteral("name")).toStdString();
    query.patientId = parser.value(QStringLiteral("id")).toStdString();
    query.modality = parser.value(QStringLiteral("modality")).toStdString();
    query.accessionNumber = parser.value(QStringLiteral("accession")).toStdString();
    query.description = parser.value(QStringLiteral("description")).toStdString();
    query.studyInstanceUid = parser.value(QStringLiteral("study")).toStdString();
    if (parser.isSet(QStringLiteral("date"))) {
        const QString date = parser.value(QStringLiteral("date"));
        const QStringList parts = date.split(QLatin1Char('-'));
        if (parts.size() > 2) return cli::fail(name, "--date must be YYYYMMDD or YYYYMMDD-YYYYMMDD", 2);
        query.dateFrom = parts.value(0).toStdString();
        query.dateTo = parts.size() == 2 ? parts.value(1).toStdString() : query.dateFrom;
    }
    auto studies = pacs::findStudies(context.node, query, context.options);
    if (!studies) return cli::fail(name, studies.error().toString());
    QJsonArray array;
    for (const auto &s : studies.value()) {
        if (json) {
            array.append(QJsonObject{{"studyInstanceUid", text(s.studyInstanceUid)}, {"patientName", text(s.patientName)},
                                     {"patientId", text(s.patientId)}, {"birthDate", text(s.birthDate)}, {"sex", text(s.sex)},
                                     {"studyDate", text(s.studyDate)}, {"studyTime", text(s.studyTime)},
                                     {"accessionNumber", text(s.accessionNumber)}, {"description", text(s.description)},
                                     {"modalities", text(s.modalities)}, {"series", s.seriesCount}, {"instances", s.instanceCount}});
        } else {
            std::printf("%-8s %-20s %-12s %-8s %-10s %-24s %s\n", s.studyDate.c_str(), s.patientName.c_str(), s.patientId.c_str(),
                        s.modalities.c_str(), s.accessionNumber.c_str(), s.description.c_str(), s.studyInstanceUid.c_str());
        }
    }
    if (json) std::printf("%s\n", QJsonDocument(array).toJson(QJsonDocument::Indented).constData());
    else std::printf("%zu studies\n", studies.value().size());
    return 0;
}

int runRetrieve(const QStringList &arguments, pacs::RetrieveMethod method)
{
    const std::string command = method == pacs::RetrieveMethod::Get ? "get" : "move";
    const std::string name = "pacs " + command;
    QCommandLineParser parser;
    addConnectionOptions(parser);
    parser.addPositionalArgument(QStringLiteral("STUDY_UID"), QStringLiteral("Study Instance UID to retrieve"));
    parser.addOption({QStringLiteral("series"), QStringLiteral("retrieve only this Series Instance UID."), QStringLiteral("UID")});
    parser.addOption({QStringLiteral("storage-port"), QStringLiteral("our storage SCP port for C-MOVE (default from the settings, 11112)."),
                      QStringLiteral("PORT")});
    parser.addOption({QStringLiteral("store-dir"), QStringLiteral("local store folder (default <data>/pacs/store)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("database"), QStringLiteral("study database file (default <data>/pacs/studies.sqlite)."),
                      QStringLiteral("FILE")});
    std::string error;
    if (!parse(parser, command, arguments, error)) return error.empty() ? 0 : cli::fail(name, error, 2);
    if (parser.positionalArguments().size() != 1) return cli::fail(name, "give exactly one Study Instance UID", 2);
    Context context;
    if (std::string problem = resolve(parser, context, true); !problem.empty()) return cli::fail(name, problem, 2);
    SigintGuard guard;
    pacs::RetrieveRequest request;
    request.studyInstanceUid = parser.positionalArguments().first().toStdString();
    request.seriesInstanceUid = parser.value(QStringLiteral("series")).toStdString();
    auto summary = pacs::retrieve(context.node, request, method, context.options, context.location, printProgress);
    if (!summary) return cli::fail(name, summary.error().toString());
    std::printf("%s: %d completed, %d failed, %d warnings, %zu files stored, %d instances indexed\n",
                pacs::toString(method), summary->completed, summary->failed, summary->warnings, summary->files.size(),
                summary->indexed);
    if (summary->failed > 0) return cli::fail(name, std::to_string(summary->failed) + " objects could not be retrieved");
    return 0;
}

int runStore(const QStringList &arguments)
{
    const std::string name = "pacs store";
    QCommandLineParser parser;
    addConnectionOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE|DIR"), QStringLiteral("DICOM files or folders (recursive)"), QStringLiteral("FILE|DIR..."));
    std::string error;
    if (!parse(parser, "store", arguments, error)) return error.empty() ? 0 : cli::fail(name, error, 2);
    if (parser.positionalArguments().isEmpty()) return cli::fail(name, "give at least one file or folder", 2);
    Context context;
    if (std::string problem = resolve(parser, context); !problem.empty()) return cli::fail(name, problem, 2);
    std::vector<std::string> files;
    for (const QString &argument : parser.positionalArguments()) {
        const QFileInfo info(argument);
        if (info.isDir()) {
            QDirIterator it(argument, QDir::Files, QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext()) found << it.next();
            found.sort();
            for (const QString &f : found)
                if (QFileInfo(f).fileName() != QLatin1String("DICOMDIR")) files.push_back(f.toStdString());
        } else if (info.isFile()) {
            files.push_back(info.absoluteFilePath().toStdString());
        } else {
            return cli::fail(name, argument.toStdString() + ": no such file or folder", 2);
        }
    }
    SigintGuard guard;
    auto summary = pacs::store(context.node, files, context.options, printProgress);
    if (!summary) return cli::fail(name, summary.error().toString());
    for (const auto &failure : summary->failures) std::fprintf(stderr, "failed: %s\n", failure.c_str());
    std::printf("C-STORE: %d sent, %d failed\n", summary->sent, summary->failed);
    if (summary->failed > 0) return cli::fail(name, std::to_string(summary->failed) + " of " + std::to_string(files.size()) + " files not stored");
    return 0;
}

int runPacs(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")) {
        std::printf("%s", kUsage);
        return arguments.isEmpty() ? 2 : 0;
    }
    QStringList rest = arguments;
    const QString sub = rest.takeFirst();
    if (sub == QLatin1String("echo")) return runEcho(rest);
    if (sub == QLatin1String("find")) return runFind(rest);
    if (sub == QLatin1String("get")) return runRetrieve(rest, pacs::RetrieveMethod::Get);
    if (sub == QLatin1String("move")) return runRetrieve(rest, pacs::RetrieveMethod::Move);
    if (sub == QLatin1String("store")) return runStore(rest);
    return cli::fail("pacs", "unknown subcommand '" + sub.toStdString() + "' (echo, find, get, move, store)", 2);
}

} // namespace

RADSYNTH_CLI_COMMAND("pacs", "query, retrieve and send studies with a PACS (echo|find|get|move|store)", runPacs);
