// Report language commands: label, label-eval, sentence-bank, compose.
#include "CliRegistry.h"

#include "radsynth/report/Composer.h"
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Readability.h"
#include "radsynth/report/IuXml.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/LabelerEvaluation.h"
#include "radsynth/report/SentenceBank.h"
#include "radsynth/simulation/Dataset.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace radsynth::report;

namespace {

void print(const QString &text) { std::fputs(text.toUtf8().constData(), stdout); }

bool parse(QCommandLineParser &parser, const QString &command, const QStringList &arguments)
{
    parser.addHelpOption();
    QStringList all = arguments;
    all.prepend(QStringLiteral("radsynth-cli ") + command);
    if (!parser.parse(all)) {
        radsynth::cli::fail(command.toStdString(), parser.errorText().toStdString(), 2);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        print(parser.helpText());
        return false;
    }
    return true;
}

int labelCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints the findings of a report (plain text with INDICATION:/FINDINGS:/IMPRESSION: "
                                                    "headings, or an IU X-ray XML file); '-' reads standard input."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("report file or '-'"));
    parser.addOption({QStringLiteral("json"), QStringLiteral("print findings and mentions (with character offsets) as JSON")});
    if (!parse(parser, QStringLiteral("label"), arguments))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (parser.positionalArguments().size() != 1)
        return radsynth::cli::fail("label", "expected one report file or '-'", 2);
    const QString path = parser.positionalArguments().first();
    QByteArray bytes;
    if (path == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return radsynth::cli::fail("label", "cannot read standard input");
        bytes = input.readAll();
    } else {
        QFile input(path);
        if (!input.open(QIODevice::ReadOnly))
            return radsynth::cli::fail("label", "cannot open " + path.toStdString() + ": " + input.errorString().toStdString());
        bytes = input.readAll();
    }
    ReportDocument document;
    if (bytes.trimmed().startsWith("<")) {
        auto report = readIuXml(bytes);
        if (!report)
            return radsynth::cli::fail("label", report.error().toString());
        document = report->document;
    } else {
        document = ReportDocument::fromPlainText(QString::fromUtf8(bytes));
    }
    const QString text = document.findingsAndImpression();
    const LabelResult result = Labeler().label(document);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject object = result.toJson(text);
        object.insert(QStringLiteral("text"), text);
        print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
        return 0;
    }
    if (result.findings.empty())
        print(QStringLiteral("no observation mentioned\n"));
    for (const auto &finding : result.findings) {
        QString line = QStringLiteral("%1 %2").arg(QLatin1String(observationId(finding.observation)), -27).arg(QLatin1String(statusId(finding.status)), -9);
        if (finding.side != Side::Unspecified)
            line += QStringLiteral(" side=") + QLatin1String(sideId(finding.side));
        if (finding.severity != Severity::Unspecified)
            line += QStringLiteral(" severity=") + QLatin1String(severityId(finding.severity));
        print(line.trimmed() + QLatin1Char('\n'));
    }
    print(QStringLiteral("\nmentions:\n"));
    for (const auto &mention : result.mentions)
        print(QStringLiteral("  [%1,%2) %3 %4: \"%5\"\n")
                  .arg(mention.start)
                  .arg(mention.start + mention.length)
                  .arg(QLatin1String(observationId(mention.observation)), QLatin1String(statusId(mention.status)),
                       text.mid(mention.start, mention.length)));
    for (const auto &other : result.others)
        print(QStringLiteral("  [%1,%2) other:%3 %4: \"%5\"\n")
                  .arg(other.start)
                  .arg(other.start + other.length)
                  .arg(other.concept, QLatin1String(statusId(other.status)), text.mid(other.start, other.length)));
    return 0;
}

int labelEvalCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures the labeler against the IU X-ray MeSH terms, per R2Gen split "
                                                    "(docs/LABELER.md holds the table this prints)."));
    parser.addOption({QStringLiteral("iu"), QStringLiteral("IU collection: reports-train-val.tgz or a folder of XML files"), QStringLiteral("path")});
    parser.addOption({QStringLiteral("split"), QStringLiteral("r2gen-split.json (default: next to --iu)"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("min-positives"), QStringLiteral("classes in the macro-F1 need this many positives (30)"), QStringLiteral("n"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("errors"), QStringLiteral("also list disagreements for this observation id"), QStringLiteral("observation")});
    parser.addOption({QStringLiteral("uncertain-positive"), QStringLiteral("count hedged findings as positive (default: as negative)")});
    parser.addOption({QStringLiteral("errors-split"), QStringLiteral("split whose disagreements are listed (train)"), QStringLiteral("split"), QStringLiteral("train")});
    if (!parse(parser, QStringLiteral("label-eval"), arguments))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QString iu = parser.value(QStringLiteral("iu"));
    if (iu.isEmpty())
        return radsynth::cli::fail("label-eval", "--iu is required (e.g. ../shared/data/iu-xray/reports-train-val.tgz)", 2);
    auto reports = loadIuCollection(iu);
    if (!reports)
        return radsynth::cli::fail("label-eval", reports.error().toString());
    const QString splitPath = parser.isSet(QStringLiteral("split")) ? parser.value(QStringLiteral("split")) : r2genSplitPathFor(iu);
    auto splits = readR2GenSplit(splitPath);
    if (!splits)
        return radsynth::cli::fail("label-eval", splits.error().toString());
    std::optional<Observation> errorObservation;
    if (parser.isSet(QStringLiteral("errors"))) {
        errorObservation = observationFromId(parser.value(QStringLiteral("errors")));
        if (!errorObservation)
            return radsynth::cli::fail("label-eval", "unknown observation " + parser.value(QStringLiteral("errors")).toStdString(), 2);
    }
    const int minimum = parser.value(QStringLiteral("min-positives")).toInt();
    const Labeler labeler;
    print(QStringLiteral("IU X-ray collection: %1 reports\n\n").arg(reports->size()));
    for (IuSplit split : {IuSplit::Train, IuSplit::Validation}) {
        std::vector<const IuReport *> subset;
        for (const auto &report : *reports)
            if (splits->value(report.id, IuSplit::Unassigned) == split)
                subset.push_back(&report);
        std::vector<LabelerDisagreement> disagreements;
        const auto evaluation = evaluateLabeler(labeler, subset, QLatin1String(iuSplitId(split)), minimum, &disagreements,
                                                parser.isSet(QStringLiteral("uncertain-positive")) ? UncertainPolicy::AsPositive : UncertainPolicy::AsNegative);
        print(evaluation.markdownTable() + QLatin1Char('\n'));
        if (errorObservation && parser.value(QStringLiteral("errors-split")) == QLatin1String(iuSplitId(split))) {
            for (const auto &disagreement : disagreements) {
                if (disagreement.observation != *errorObservation)
                    continue;
                for (const auto *report : subset) {
                    if (report->id != disagreement.studyId)
                        continue;
                    print(QStringLiteral("%1 %2 [%3]\n  %4\n")
                              .arg(disagreement.reference ? QStringLiteral("MISSED") : QStringLiteral("EXTRA"), report->id,
                                   report->meshMajor.join(QStringLiteral("; ")), report->document.findingsAndImpression().replace(QLatin1Char('\n'), QLatin1Char(' '))));
                }
            }
        }
    }
    return 0;
}

int sentenceBankCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Mines the sentence bank from the IU X-ray train-split reports with the labeler "
                                                    "(sentences grouped by observation, status, side and severity; JSON)."));
    parser.addOption({QStringLiteral("iu"), QStringLiteral("IU collection: reports-train-val.tgz or a folder of XML files"), QStringLiteral("path")});
    parser.addOption({QStringLiteral("split"), QStringLiteral("r2gen-split.json (default: next to --iu)"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("bank file to write (JSON)"), QStringLiteral("file")});
    if (!parse(parser, QStringLiteral("sentence-bank"), arguments))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QString iu = parser.value(QStringLiteral("iu"));
    const QString out = parser.value(QStringLiteral("out"));
    if (iu.isEmpty() || out.isEmpty())
        return radsynth::cli::fail("sentence-bank", "--iu and --out are required", 2);
    auto reports = loadIuCollection(iu);
    if (!reports)
        return radsynth::cli::fail("sentence-bank", reports.error().toString());
    auto splits = readR2GenSplit(parser.isSet(QStringLiteral("split")) ? parser.value(QStringLiteral("split")) : r2genSplitPathFor(iu));
    if (!splits)
        return radsynth::cli::fail("sentence-bank", splits.error().toString());
    std::vector<const IuReport *> train;
    for (const auto &report : *reports)
        if (splits->value(report.id, IuSplit::Unassigned) == IuSplit::Train)
            train.push_back(&report);
    const SentenceBank bank = SentenceBank::mine(train, Labeler());
    const auto saved = bank.save(out, QStringLiteral("IU X-ray (Open-i) train split, CC BY-NC-ND 4.0; generated, not for redistribution"));
    if (!saved)
        return radsynth::cli::fail("sentence-bank", saved.error().toString());
    const auto groups = bank.groups();
    print(QStringLiteral("%1 distinct sentences in %2 groups from %3 train reports -> %4\n")
              .arg(bank.sentences().size()).arg(groups.size()).arg(train.size()).arg(out));
    return 0;
}

int composeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes a findings + impression report for a set of findings in real sentences "
                                                    "from the sentence bank (deterministic for a seed)."));
    parser.addOption({QStringLiteral("bank"), QStringLiteral("sentence bank (radsynth-cli sentence-bank)"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("findings"), QStringLiteral("e.g. \"cardiomegaly;pleural_effusion:left:moderate\" (empty: normal)"), QStringLiteral("list")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("random seed (1)"), QStringLiteral("n"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("print the report and the stated findings as JSON")});
    if (!parse(parser, QStringLiteral("compose"), arguments))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    auto findings = parseFindings(parser.value(QStringLiteral("findings")));
    if (!findings)
        return radsynth::cli::fail("compose", findings.error().toString(), 2);
    auto bank = SentenceBank::load(parser.value(QStringLiteral("bank")));
    if (!bank)
        return radsynth::cli::fail("compose", bank.error().toString());
    auto composed = Composer(*bank).compose(*findings, parser.value(QStringLiteral("seed")).toULongLong());
    if (!composed)
        return radsynth::cli::fail("compose", composed.error().toString());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject object;
        object.insert(QStringLiteral("findings"), composed->document.findings());
        object.insert(QStringLiteral("impression"), composed->document.impression());
        object.insert(QStringLiteral("stated"), findingsToJson(composed->stated));
        print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
    } else {
        print(composed->document.toPlainText());
    }
    return 0;
}

} // namespace

// radsynth-cli contradictions: the share of reports that state an observation both present and
// absent, for real reports (an IU archive) or any text files (generated drafts), with examples.
int contradictionsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counts reports that state an observation both present and absent (per the labeler), whose impression "
                                                    "moves a finding to another lobe or side, or that have fragments, "
                                                    "in an IU X-ray archive (--iu) and/or text files; --fix prints each file resolved."));
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("report text files"), QStringLiteral("[FILE...]"));
    parser.addOption({QStringLiteral("iu"), QStringLiteral("IU X-ray report archive (.tgz of Open-i XML)"), QStringLiteral("FILE.tgz")});
    parser.addOption({QStringLiteral("examples"), QStringLiteral("print up to N contradicting reports (default 3)"), QStringLiteral("N"),
                      QStringLiteral("3")});
    parser.addOption({QStringLiteral("fix"), QStringLiteral("print every file with its contradictions resolved")});
    if (!parse(parser, QStringLiteral("contradictions"), arguments))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    std::vector<std::pair<QString, QString>> reports; // name, text
    if (parser.isSet(QStringLiteral("iu"))) {
        auto archive = radsynth::simulation::readIuReportArchive(parser.value(QStringLiteral("iu")).toStdString());
        if (!archive)
            return radsynth::cli::fail("contradictions", archive.error().toString());
        for (const auto &report : archive.value())
            if (!report.findings.empty() || !report.impression.empty())
                reports.emplace_back(QString::fromStdString(report.id),
                                     QString::fromStdString("Findings: " + report.findings + "\nImpression: " + report.impression));
    }
    for (const QString &path : parser.positionalArguments()) {
        QFile input(path);
        if (!input.open(QIODevice::ReadOnly))
            return radsynth::cli::fail("contradictions", "cannot open " + path.toStdString() + ": " + input.errorString().toStdString());
        reports.emplace_back(path, QString::fromUtf8(input.readAll()));
    }
    if (reports.empty())
        return radsynth::cli::fail("contradictions", "give --iu FILE.tgz or report files", 2);
    const Labeler labeler;
    int contradicting = 0, shown = 0, withFragments = 0, fragmentsShown = 0, withoutPlaceholder = 0, moving = 0, movingShown = 0,
        onlyInImpression = 0, onlyShown = 0;
    const int examples = parser.value(QStringLiteral("examples")).toInt();
    for (const auto &[name, text] : reports) {
        const LabelResult labels = labeler.label(text);
        const auto found = contradictions(labels, text);
        const auto moved = locationConflicts(labels, text);
        moving += moved.empty() ? 0 : 1;
        if (!moved.empty() && movingShown++ < examples)
            print(QStringLiteral("impression moves a finding in %1: %2\n  %3\n").arg(name, text.mid(moved.front().start, moved.front().length), text.simplified()));
        const auto added = impressionOnlyClaims(labels, text);
        onlyInImpression += added.empty() ? 0 : 1;
        if (!added.empty() && onlyShown++ < examples)
            print(QStringLiteral("impression states a device or fracture the findings do not mention in %1: %2\n  %3\n")
                      .arg(name, text.mid(added.front().start, added.front().length), text.simplified()));
        if (parser.isSet(QStringLiteral("fix")))
            print(QStringLiteral("== %1\n%2\n").arg(name, finalizeDraft(text, labeler).text));
        // Fragments (Readability.h); the anonymisation placeholder XXXX counted apart, since
        // de-identified real reports are full of it.
        int realFragments = 0;
        for (const auto &f : fragments(text)) {
            if (f.reason == QLatin1String("placeholder XXXX"))
                continue;
            ++realFragments;
            if (fragmentsShown < examples) {
                ++fragmentsShown;
                print(QStringLiteral("fragment in %1 (%2): %3\n").arg(name, f.reason, text.mid(f.start, f.length)));
            }
        }
        withFragments += fragments(text).empty() ? 0 : 1;
        withoutPlaceholder += realFragments > 0 ? 1 : 0;
        if (found.empty())
            continue;
        ++contradicting;
        if (shown++ < examples) {
            QString observations;
            for (const auto &c : found)
                observations += QLatin1String(observationId(c.observation)) + QLatin1Char(' ');
            print(QStringLiteral("%1: %2\n  %3\n").arg(name, observations.trimmed(), text.simplified()));
        }
    }
    print(QStringLiteral("%1 reports, %2 state an observation both present and absent (%3%)\n")
              .arg(reports.size())
              .arg(contradicting)
              .arg(100.0 * contradicting / double(reports.size()), 0, 'f', 1));
    print(QStringLiteral("%1 have an impression that places a lung finding in a lung zone (lobe, base, upper lung...) the findings did not name, or an effusion or pneumothorax on the other side (%2%)\n")
              .arg(moving)
              .arg(100.0 * moving / double(reports.size()), 0, 'f', 1));
    print(QStringLiteral("%1 have an impression that states a device or a fracture the findings do not mention (%2%)\n")
              .arg(onlyInImpression)
              .arg(100.0 * onlyInImpression / double(reports.size()), 0, 'f', 1));
    print(QStringLiteral("%1 have a fragment (%2%; %3% not counting the anonymisation placeholder XXXX)\n")
              .arg(withFragments)
              .arg(100.0 * withFragments / double(reports.size()), 0, 'f', 1)
              .arg(100.0 * withoutPlaceholder / double(reports.size()), 0, 'f', 1));
    return 0;
}

RADSYNTH_CLI_COMMAND("contradictions", "count reports that contradict themselves or have fragments (unreadable sentences)", contradictionsCommand);
RADSYNTH_CLI_COMMAND("sentence-bank", "mine the sentence bank from the IU X-ray train reports", sentenceBankCommand);
RADSYNTH_CLI_COMMAND("compose", "write a report for a set of findings from the sentence bank", composeCommand);
RADSYNTH_CLI_COMMAND("label", "print the findings of a report (text or IU XML; --json)", labelCommand);
RADSYNTH_CLI_COMMAND("label-eval", "measure the labeler against the IU X-ray MeSH terms", labelEvalCommand);
