#include "radsynth/teaching/TeachingCase.h"

#include "radsynth/common/DerivedUid.h"
#include "radsynth/common/Shards.h"
#include "radsynth/common/Version.h"
#include "radsynth/export/DicomExport.h"
#include "radsynth/export/GenerationExport.h"
#include "radsynth/report/Composer.h"
#include "radsynth/report/Findings.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/simulation/Findings.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include "radsynth/common/SafeWrite.h"


#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace radsynth::teaching {
namespace gen = radsynth::generation;
namespace {

const QString kCaseFile = QStringLiteral("case.json");
const QString kPartialPrefix = QStringLiteral(".partial-");

Status writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    return files::writeAtomically(path, bytes, QFileInfo(path).fileName().toStdString());
}

// report::Finding (positive) -> the simulator's finding, for the built-in wording.
simulation::Finding toSimulationFinding(const report::Finding &finding)
{
    simulation::Finding out;
    out.observation = simulation::Observation(int(finding.observation));
    switch (finding.side) {
    case report::Side::Left: out.side = simulation::Side::Left; break;
    case report::Side::Right: out.side = simulation::Side::Right; break;
    case report::Side::Bilateral: out.side = simulation::Side::Bilateral; break;
    default: out.side = simulation::Side::None; break;
    }
    switch (finding.severity) {
    case report::Severity::Minimal:
    case report::Severity::Mild:
    case report::Severity::Small: out.severity = simulation::Severity::Small; break;
    case report::Severity::Moderate: out.severity = simulation::Severity::Moderate; break;
    case report::Severity::Large:
    case report::Severity::Severe: out.severity = simulation::Severity::Large; break;
    default: out.severity = simulation::Severity::None; break;
    }
    return out;
}

// The simple built-in wording (the simulator's), for uncertain findings "Possible x." and for
// support devices of unknown kind a generic sentence.
QString simpleReportFor(const report::FindingSet &findings)
{
    simulation::Findings simulated;
    QStringList extraFindings, extraImpression;
    for (const report::Finding &finding : findings) {
        if (finding.observation == report::Observation::NoFinding || finding.status == report::Status::Negative)
            continue;
        const QString title = report::observationTitle(finding.observation).toLower();
        if (finding.status == report::Status::Uncertain) {
            extraFindings << QStringLiteral("Possible %1.").arg(title);
            extraImpression << QStringLiteral("Possible %1.").arg(title);
        } else if (finding.observation == report::Observation::SupportDevices) {
            extraFindings << QStringLiteral("Support devices are in place.");
            extraImpression << QStringLiteral("Support devices.");
        } else {
            simulated.items.push_back(toSimulationFinding(finding));
        }
    }
    QString text = QString::fromStdString(simulation::simpleReport(simulated));
    if (!extraFindings.isEmpty() || !extraImpression.isEmpty()) {
        const int split = text.indexOf(QStringLiteral("\nIMPRESSION:"));
        QString findingsPart = text.left(split);
        QString impressionPart = text.mid(split + 1);
        if (simulated.items.empty() && !extraImpression.isEmpty())
            impressionPart = QStringLiteral("IMPRESSION:");
        findingsPart += QLatin1Char(' ') + extraFindings.join(QLatin1Char(' '));
        impressionPart += QLatin1Char(' ') + extraImpression.join(QLatin1Char(' '));
        text = findingsPart + QLatin1Char('\n') + impressionPart;
    }
    return text;
}

QJsonObject studyJson(const exports::TargetStudy &study)
{
    return QJsonObject{{QStringLiteral("patient_name"), QString::fromStdString(study.patientName)},
                       {QStringLiteral("patient_id"), QString::fromStdString(study.patientId)},
                       {QStringLiteral("study_instance_uid"), QString::fromStdString(study.studyInstanceUid)},
                       {QStringLiteral("study_description"), QString::fromStdString(study.studyDescription)},
                       {QStringLiteral("study_date"), QString::fromStdString(study.studyDate)}};
}

} // namespace

QJsonObject CaseRequest::toJson() const
{
    QJsonObject object{{QStringLiteral("id"), id},
                       {QStringLiteral("seed"), seed < (quint64(1) << 53) ? QJsonValue(qint64(seed)) : QJsonValue(QString::number(seed))},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("guidance"), guidance}};
    if (!report.isEmpty())
        object.insert(QStringLiteral("report"), report);
    if (!findings.isEmpty())
        object.insert(QStringLiteral("findings"), findings);
    return object;
}

Status validate(const CaseRequest &request)
{
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$"));
    if (!idPattern.match(request.id).hasMatch())
        return makeError("case id '" + request.id.left(60).toStdString() +
                         "' must be 1..48 letters, digits, '.', '_' or '-' (starting with a letter or digit)");
    if (request.report.trimmed().isEmpty() == request.findings.trimmed().isEmpty())
        return makeError("case " + request.id.toStdString() + ": give either \"report\" or \"findings\"");
    if (!request.findings.trimmed().isEmpty()) {
        auto parsed = report::parseFindings(request.findings);
        if (!parsed)
            return makeError("case " + request.id.toStdString() + ": " + parsed.error().toString());
    }
    if (request.steps < 1 || request.steps > 1000)
        return makeError("case " + request.id.toStdString() + ": steps must be 1..1000");
    if (!(request.guidance <= 50.0)) // negative: the model's recommendation
        return makeError("case " + request.id.toStdString() + ": guidance must be at most 50 (leave it out for the model's recommendation)");
    return okStatus();
}

Result<CaseRequest> parseCaseRequest(const QJsonObject &object, const CaseRequest &defaults)
{
    CaseRequest request = defaults;
    const QJsonValue id = object.value(QStringLiteral("id"));
    request.id = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    request.report = object.value(QStringLiteral("report")).toString();
    request.findings = object.value(QStringLiteral("findings")).toString();
    if (object.contains(QStringLiteral("seed"))) {
        const QJsonValue seed = object.value(QStringLiteral("seed"));
        bool ok = seed.isDouble() && seed.toDouble() >= 0 && std::floor(seed.toDouble()) == seed.toDouble();
        if (ok)
            request.seed = quint64(seed.toInteger());
        else if (seed.isString())
            request.seed = seed.toString().toULongLong(&ok);
        if (!ok)
            return makeError("case " + request.id.toStdString() + ": seed must be a non-negative integer");
    }
    if (object.contains(QStringLiteral("steps"))) {
        if (!object.value(QStringLiteral("steps")).isDouble())
            return makeError("case " + request.id.toStdString() + ": steps must be a number");
        request.steps = object.value(QStringLiteral("steps")).toInt();
    }
    if (object.contains(QStringLiteral("guidance"))) {
        if (!object.value(QStringLiteral("guidance")).isDouble())
            return makeError("case " + request.id.toStdString() + ": guidance must be a number");
        request.guidance = object.value(QStringLiteral("guidance")).toDouble();
    }
    const Status valid = validate(request);
    if (!valid)
        return valid.error();
    return request;
}

Result<std::vector<CaseRequest>> readBatchFile(const QString &path, const CaseRequest &defaults)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("cannot read the batch file: " + file.errorString().toStdString(), path.toStdString());
    std::vector<CaseRequest> requests;
    QStringList seen;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        const std::string where = path.toStdString() + ":" + std::to_string(lineNumber);
        if (!document.isObject())
            return makeError("not a JSON object (" + error.errorString().toStdString() + ")", where);
        auto request = parseCaseRequest(document.object(), defaults);
        if (!request)
            return makeError(request.error().toString(), where);
        if (seen.contains(request->id))
            return makeError("duplicate case id " + request->id.toStdString(), where);
        seen << request->id;
        requests.push_back(std::move(request).value());
    }
    if (requests.empty())
        return makeError("the batch file holds no cases", path.toStdString());
    return requests;
}

bool isCaseComplete(const QString &caseDirectory)
{
    QFile file(QDir(caseDirectory).filePath(kCaseFile));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject() || !document.object().value(QStringLiteral("complete")).toBool())
        return false;
    const QJsonObject files = document.object().value(QStringLiteral("files")).toObject();
    if (files.isEmpty())
        return false;
    for (auto it = files.begin(); it != files.end(); ++it)
        if (!QFileInfo(QDir(caseDirectory).filePath(it.value().toString())).isFile())
            return false;
    return true;
}

QString patientNameFor(const QString &caseId)
{
    QString id = caseId.toUpper();
    id.remove(QRegularExpression(QStringLiteral("[\\^=\\\\]")));
    return QStringLiteral("SYNTHETIC^TEACHING CASE %1").arg(id.left(48));
}

CaseBuilder::CaseBuilder(gen::Generator &generator, std::shared_ptr<const report::SentenceBank> bank)
    : m_generator(generator), m_bank(std::move(bank))
{
}

QString CaseBuilder::whyUnsupported() const
{
    if (m_generator.supports(gen::Task::R2FL))
        return {};
    if (m_generator.supports(gen::Task::R2F) && m_generator.supports(gen::Task::R2L))
        return {};
    return QStringLiteral("the model cannot generate both views from a report: %1")
        .arg(QString::fromStdString(m_generator.whyUnsupported(gen::Task::R2FL)));
}

Result<QString> CaseBuilder::reportFor(const CaseRequest &request) const
{
    if (!request.report.trimmed().isEmpty())
        return request.report;
    auto findings = report::parseFindings(request.findings);
    if (!findings)
        return findings.error();
    if (m_bank) {
        auto composed = report::Composer(*m_bank).compose(findings.value(), request.seed);
        if (composed)
            return composed->document.toPlainText();
        spdlog::warn("teaching: the composer could not write case {} ({}); using the built-in wording", request.id.toStdString(),
                     composed.error().toString());
    }
    return simpleReportFor(findings.value());
}

Result<CaseResult> CaseBuilder::build(const CaseRequest &request, const QString &libraryDirectory, const CaseProgress &progress,
                                      const std::atomic_bool *cancel) const
{
    const Status valid = validate(request);
    if (!valid)
        return valid.error();
    const QString unsupported = whyUnsupported();
    if (!unsupported.isEmpty())
        return makeError(unsupported.toStdString());
    QElapsedTimer timer;
    timer.start();
    QDateTime created = (m_created.isValid() ? m_created : QDateTime::currentDateTimeUtc()).toUTC();
    created.setTime(QTime(created.time().hour(), created.time().minute(), created.time().second()));
    const uint64_t caseUidSeed =
        std::max<uint64_t>(1, deriveSeed(request.seed ^ hashText(request.id.toStdString()), uint64_t(created.toSecsSinceEpoch())));
    auto report = [&](const QString &phase, int step, int total) {
        if (progress)
            progress(phase, step, total);
    };

    report(QStringLiteral("report"), 0, 1);
    auto reportText = reportFor(request);
    if (!reportText)
        return reportText.error();
    report(QStringLiteral("report"), 1, 1);

    // Images from the report: R2FL when the model has it, else R2F and R2L.
    const gen::BundleInfo &info = m_generator.info();
    gen::Request generation;
    generation.report = reportText->toStdString();
    generation.seed = request.seed;
    generation.steps = request.steps;
    generation.guidance = request.guidance;
    std::vector<exports::GenerationOutput> outputs; // with the one provenance each
    bool hasFrontal = false, hasLateral = false;
    QString task;
    QJsonObject guidanceUsed; // per task, as run (the model's recommendation when the case names none)
    auto runTask = [&](gen::Task t, const QString &phase) -> Status {
        generation.task = t;
        auto result = m_generator.run(generation, [&](int step, int total) { report(phase, step, total); }, cancel);
        if (!result) {
            Error error = result.toError(); // a cancelled run stays cancelled
            error.message = "case " + request.id.toStdString() + ": " + error.message;
            return error;
        }
        guidanceUsed.insert(QLatin1String(gen::toString(t)), result.value().guidance);
        for (const auto &image : result.value().images) {
            hasFrontal = hasFrontal || (image.variant == 0 && image.view == gen::View::Frontal);
            hasLateral = hasLateral || (image.variant == 0 && image.view == gen::View::Lateral);
        }
        // No input image: nothing for the out-of-distribution check.
        outputs.push_back({result.value(), workflow::makeProvenance(info, QLatin1String(gen::toString(t)), request.seed)});
        outputs.back().provenance.generatedAt = created;
        outputs.back().result.report.clear(); // the case's report is the request's, written below
        return okStatus();
    };
    if (m_generator.supports(gen::Task::R2FL)) {
        task = QStringLiteral("R2FL");
        const Status s = runTask(gen::Task::R2FL, QStringLiteral("frontal+lateral"));
        if (!s)
            return s.error();
    } else {
        task = QStringLiteral("R2F+R2L");
        Status s = runTask(gen::Task::R2F, QStringLiteral("frontal"));
        if (s)
            s = runTask(gen::Task::R2L, QStringLiteral("lateral"));
        if (!s)
            return s.error();
    }
    if (!hasFrontal || !hasLateral)
        return makeError("case " + request.id.toStdString() + ": the model returned no frontal or no lateral image");
    if (cancel && cancel->load())
        return cancelledError();

    // Write everything into a hidden temporary folder, then rename it into place.
    report(QStringLiteral("writing"), 0, 1);
    QDir library(libraryDirectory);
    if (!library.mkpath(QStringLiteral(".")))
        return makeError("cannot create the case library folder", libraryDirectory.toStdString());
    const QString partialName = kPartialPrefix + request.id + QLatin1Char('-') +
                                QString::number(QRandomGenerator::global()->generate64(), 16);
    const QString partial = library.filePath(partialName);
    if (!QDir().mkpath(partial))
        return makeError("cannot create a temporary case folder", partial.toStdString());
    auto fail = [&](const Error &error) -> Result<CaseResult> {
        QDir(partial).removeRecursively();
        return error;
    };
    const QDir dir(partial);

    // A new synthetic patient and study, its UIDs derived from the case (seed, id, time made).
    exports::TargetStudy study = exports::newSyntheticStudy(caseUidSeed, created);
    study.patientName = patientNameFor(request.id).toStdString();
    study.studyDescription = QStringLiteral("SYNTHETIC teaching case %1").arg(request.id).left(64).toStdString();

    // The images and the report through the one output writer: frontal.dcm, lateral.dcm (and .png),
    // report.dcm (Basic Text SR) and report.txt, in the case's synthetic study.
    workflow::ReportProvenance provenance = workflow::makeProvenance(info, task, request.seed);
    provenance.generatedAt = created;
    gen::Generation reportOnly;
    reportOnly.report = reportText->toStdString();
    outputs.push_back({reportOnly, provenance});
    exports::GenerationExportOptions output;
    output.directory = partial;
    output.png = m_writePngs;
    output.study = study;
    output.viewNamesOnly = true;
    output.reportKey = workflow::ReportDraftStore::keyFor(QString::fromStdString(study.studyInstanceUid));
    output.reportStudyLabel = QStringLiteral("Teaching case %1").arg(request.id);
    auto written = exports::exportGenerations(outputs, output);
    if (!written)
        return fail(written.error());
    const imaging::Image frontalImage = exports::exportImageOf(outputs.front().result.images.front());

    // case.json, last: what was asked, what the report says, who made it and how.
    QJsonObject caseJson;
    caseJson.insert(QStringLiteral("format"), QStringLiteral("radsynth-teaching-case"));
    caseJson.insert(QStringLiteral("format_version"), 1);
    caseJson.insert(QStringLiteral("id"), request.id);
    caseJson.insert(QStringLiteral("request"), request.toJson());
    if (!request.findings.trimmed().isEmpty())
        caseJson.insert(QStringLiteral("requested_findings"), report::findingsToJson(report::parseFindings(request.findings).value()));
    caseJson.insert(QStringLiteral("report_source"), !request.report.trimmed().isEmpty() ? QStringLiteral("request")
                                                     : m_bank                             ? QStringLiteral("composer (sentence bank)")
                                                                                          : QStringLiteral("built-in wording"));
    caseJson.insert(QStringLiteral("report"), reportText.value());
    caseJson.insert(QStringLiteral("findings"), report::findingsToJson(report::Labeler().label(reportText.value()).findings));
    caseJson.insert(QStringLiteral("model"), QJsonObject{{QStringLiteral("name"), QString::fromStdString(info.name)},
                                                         {QStringLiteral("version"), QString::fromStdString(info.version)},
                                                         {QStringLiteral("identity"), QString::fromStdString(info.identity)},
                                                         {QStringLiteral("resolution"), info.config.resolution}});
    caseJson.insert(QStringLiteral("task"), task);
    caseJson.insert(QStringLiteral("seed"), QString::number(request.seed));
    caseJson.insert(QStringLiteral("steps"), request.steps);
    caseJson.insert(QStringLiteral("guidance"), guidanceUsed);
    caseJson.insert(QStringLiteral("exported_size"), QJsonArray{frontalImage.width, frontalImage.height});
    caseJson.insert(QStringLiteral("study"), studyJson(study));
    caseJson.insert(QStringLiteral("software"), QStringLiteral("RadSynth %1").arg(QLatin1String(radsynth::kVersion)));
    caseJson.insert(QStringLiteral("created"), provenance.generatedAt.toString(Qt::ISODate));
    QJsonObject files{{QStringLiteral("frontal_dicom"), QStringLiteral("frontal.dcm")},
                      {QStringLiteral("lateral_dicom"), QStringLiteral("lateral.dcm")},
                      {QStringLiteral("report_sr"), QStringLiteral("report.dcm")},
                      {QStringLiteral("report_text"), QStringLiteral("report.txt")}};
    if (m_writePngs) {
        files.insert(QStringLiteral("frontal_png"), QStringLiteral("frontal.png"));
        files.insert(QStringLiteral("lateral_png"), QStringLiteral("lateral.png"));
    }
    caseJson.insert(QStringLiteral("files"), files);
    caseJson.insert(QStringLiteral("complete"), true);
    if (const Status s = writeFileAtomically(dir.filePath(kCaseFile), QJsonDocument(caseJson).toJson(QJsonDocument::Indented)); !s)
        return fail(s.error());

    const QString finalPath = library.filePath(request.id);
    if (QFileInfo::exists(finalPath) && !QDir(finalPath).removeRecursively())
        return fail(makeError("cannot replace the existing case folder", finalPath.toStdString()));
    if (!QDir().rename(partial, finalPath))
        return fail(makeError("cannot move the finished case into place", finalPath.toStdString()));
    report(QStringLiteral("writing"), 1, 1);

    CaseResult result;
    result.directory = finalPath;
    result.reportText = reportText.value();
    result.patientName = QString::fromStdString(study.patientName);
    result.studyInstanceUid = QString::fromStdString(study.studyInstanceUid);
    result.seconds = timer.elapsed() / 1000.0;
    spdlog::info("teaching: built case {} in {:.1f} s", request.id.toStdString(), result.seconds);
    return result;
}

BatchSummary runBatch(const CaseBuilder &builder, const std::vector<CaseRequest> &requests, const QString &libraryDirectory,
                      const BatchCallbacks &callbacks, const std::atomic_bool *cancel)
{
    BatchSummary summary;
    QDir library(libraryDirectory);
    library.mkpath(QStringLiteral("."));
    // Folders left by an interrupted run: never complete, never listed; removed.
    for (const QString &name : library.entryList({kPartialPrefix + QLatin1Char('*')}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot))
        QDir(library.filePath(name)).removeRecursively();
    const int total = int(requests.size());
    for (int i = 0; i < total; ++i) {
        const CaseRequest &request = requests[size_t(i)];
        if (cancel && cancel->load())
            break;
        QString outcome;
        if (isCaseComplete(library.filePath(request.id))) {
            ++summary.skipped;
            outcome = QStringLiteral("skipped");
        } else {
            auto built = builder.build(
                request, libraryDirectory,
                [&](const QString &phase, int step, int steps) {
                    if (callbacks.caseProgress)
                        callbacks.caseProgress(i, total, request.id, phase, step, steps);
                },
                cancel);
            if (built) {
                ++summary.built;
                outcome = QStringLiteral("built");
            } else if (cancel && cancel->load()) {
                outcome = QStringLiteral("interrupted"); // not a failure: the next run builds it
            } else {
                ++summary.failed;
                outcome = QStringLiteral("failed");
                summary.errors.push_back(request.id + QStringLiteral(": ") + QString::fromStdString(built.error().toString()));
                summary.failedIds.push_back(request.id);
            }
        }
        if (callbacks.caseDone)
            callbacks.caseDone(i, total, request.id, outcome);
    }
    return summary;
}

Result<int> mergeShards(const QString &libraryDirectory, int shardCount)
{
    const std::string out = libraryDirectory.toStdString();
    if (const Status finished = shards::requireFinished(out, shardCount); !finished)
        return finished.error();
    QDir library(libraryDirectory);
    int moved = 0;
    for (int shard = 0; shard < shardCount; ++shard) {
        const QDir folder(QString::fromStdString(shards::folder(out, shard)));
        for (const QString &id : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (!isCaseComplete(folder.filePath(id)))
                continue; // an interrupted case's leftovers: the shard's failures say why
            const QString target = library.filePath(id);
            if (QFileInfo::exists(target) && !QDir(target).removeRecursively())
                return makeError("cannot replace the case folder " + id.toStdString(), out);
            if (!QDir().rename(folder.filePath(id), target))
                return makeError("cannot move " + folder.filePath(id).toStdString() + " into the library", out);
            ++moved;
        }
    }
    auto failures = shards::gatherFailures(out, shardCount);
    if (!failures)
        return failures.error();
    return moved;
}

} // namespace radsynth::teaching
