// IU X-ray (Open-i) reports: read the XML from the .tgz (through `tar`), map MeSH terms to findings.
#include "radsynth/simulation/Dataset.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>

namespace radsynth::simulation {

std::string IuReport::text() const
{
    std::string out;
    if (!findings.empty())
        out += "FINDINGS: " + findings;
    if (!impression.empty())
        out += std::string(out.empty() ? "" : "\n") + "IMPRESSION: " + impression;
    return out;
}

Result<IuReport> parseIuReportXml(const std::string &xml, const std::string &id)
{
    IuReport report;
    report.id = id;
    QXmlStreamReader reader(QByteArray::fromStdString(xml));
    bool inMesh = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            if (name == QLatin1String("MeSH")) {
                inMesh = true;
            } else if (name == QLatin1String("AbstractText")) {
                const QString label = reader.attributes().value(QLatin1String("Label")).toString();
                const std::string text = reader.readElementText(QXmlStreamReader::IncludeChildElements).trimmed().toStdString();
                if (label == QLatin1String("FINDINGS"))
                    report.findings = text;
                else if (label == QLatin1String("IMPRESSION"))
                    report.impression = text;
            } else if (inMesh && (name == QLatin1String("major") || name == QLatin1String("automatic"))) {
                const std::string term = reader.readElementText().trimmed().toStdString();
                if (!term.empty())
                    report.meshTerms.push_back(term);
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("MeSH")) {
            inMesh = false;
        }
    }
    if (reader.hasError())
        return makeError("invalid report XML: " + reader.errorString().toStdString(), id);
    return report;
}

Result<std::vector<IuReport>> readIuReportArchive(const std::string &tgzPath, size_t limit)
{
    if (!QFile::exists(QString::fromStdString(tgzPath)))
        return makeError("report archive not found", tgzPath);
    QTemporaryDir temp;
    if (!temp.isValid())
        return makeError("cannot create a temporary folder for the report archive", tgzPath);
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), QString::fromStdString(tgzPath), QStringLiteral("-C"), temp.path()});
    if (!tar.waitForFinished(120000) || tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0)
        return makeError("cannot unpack the report archive with tar: " + tar.readAllStandardError().trimmed().toStdString(), tgzPath);
    std::vector<QString> files;
    std::vector<QString> stack{temp.path()};
    while (!stack.empty()) {
        QDir dir(stack.back());
        stack.pop_back();
        for (const QFileInfo &info : dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (info.isDir())
                stack.push_back(info.filePath());
            else if (info.suffix().compare(QLatin1String("xml"), Qt::CaseInsensitive) == 0)
                files.push_back(info.filePath());
        }
    }
    // Numeric order of the report numbers (1.xml, 2.xml, ..., 10.xml).
    std::sort(files.begin(), files.end(), [](const QString &a, const QString &b) {
        const QString na = QFileInfo(a).completeBaseName(), nb = QFileInfo(b).completeBaseName();
        bool okA = false, okB = false;
        const long ia = na.toLong(&okA), ib = nb.toLong(&okB);
        if (okA && okB && ia != ib)
            return ia < ib;
        return na < nb;
    });
    std::vector<IuReport> reports;
    for (const QString &path : files) {
        if (limit && reports.size() >= limit)
            break;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        auto parsed = parseIuReportXml(f.readAll().toStdString(), QFileInfo(path).completeBaseName().toStdString());
        if (parsed)
            reports.push_back(std::move(parsed).value());
    }
    if (reports.empty())
        return makeError("no IU report XML files in the archive", tgzPath);
    return reports;
}

namespace {
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
bool contains(const std::string &s, const char *word) { return s.find(word) != std::string::npos; }
} // namespace

Findings findingsFromMesh(const std::vector<std::string> &terms)
{
    Findings out;
    for (const std::string &raw : terms) {
        const std::string term = lower(raw);
        const std::string head = term.substr(0, term.find('/'));
        Finding f;
        bool known = true;
        if (contains(head, "cardiomegaly"))
            f.observation = Observation::Cardiomegaly;
        else if (contains(head, "pleural effusion"))
            f.observation = Observation::PleuralEffusion;
        else if (contains(head, "pneumothorax"))
            f.observation = Observation::Pneumothorax;
        else if (contains(head, "edema"))
            f.observation = Observation::Edema;
        else if (contains(head, "consolidation"))
            f.observation = Observation::Consolidation;
        else if (contains(head, "pneumonia"))
            f.observation = Observation::Pneumonia;
        else if (contains(head, "atelectasis"))
            f.observation = Observation::Atelectasis;
        else if (contains(head, "granulom")) {
            f.observation = Observation::LungLesion;
            f.modifier = "calcified";
        } else if (contains(head, "nodule") || contains(head, "mass") || contains(head, "neoplasm")) {
            f.observation = Observation::LungLesion;
            if (contains(head, "mass"))
                f.modifier = "mass";
        } else if (contains(head, "opacity") || contains(head, "infiltrat") || contains(head, "airspace disease") ||
                   contains(head, "density"))
            f.observation = Observation::LungOpacity;
        else if (contains(head, "fracture"))
            f.observation = Observation::Fracture;
        else if (contains(head, "pleura") && (contains(term, "thicken") || contains(term, "calcin")))
            f.observation = Observation::PleuralOther;
        else if (contains(head, "mediastinum") && (contains(term, "enlarge") || contains(term, "wide")))
            f.observation = Observation::EnlargedCardiomediastinum;
        else if (contains(head, "pacemaker"))
            f = {Observation::SupportDevices, Side::None, Severity::None, Zone::Any, Device::Pacemaker, {}};
        else if (contains(head, "catheter"))
            f = {Observation::SupportDevices, Side::None, Severity::None, Zone::Any, Device::CentralLine, {}};
        else if (contains(head, "tube"))
            f = {Observation::SupportDevices, Side::None, Severity::None, Zone::Any, Device::NasogastricTube, {}};
        else if (contains(head, "suture") || contains(head, "sternotomy") || contains(head, "surgical"))
            f = {Observation::SupportDevices, Side::None, Severity::None, Zone::Any, Device::SternotomyWires, {}};
        else if (contains(head, "medical device") || contains(head, "implanted"))
            f = {Observation::SupportDevices, Side::None, Severity::None, Zone::Any, Device::CentralLine, {}};
        else
            known = false;
        if (!known || out.has(f.observation))
            continue;
        if (contains(term, "/bilateral") || (contains(term, "/left") && contains(term, "/right")))
            f.side = Side::Bilateral;
        else if (contains(term, "/left"))
            f.side = Side::Left;
        else if (contains(term, "/right"))
            f.side = Side::Right;
        if (contains(term, "/small") || contains(term, "/mild") || contains(term, "/minimal") || contains(term, "/borderline"))
            f.severity = Severity::Small;
        else if (contains(term, "/moderate"))
            f.severity = Severity::Moderate;
        else if (contains(term, "/large") || contains(term, "/severe") || contains(term, "/marked"))
            f.severity = Severity::Large;
        if (contains(term, "/base") || contains(term, "/lower"))
            f.zone = Zone::Lower;
        else if (contains(term, "/apex") || contains(term, "/upper"))
            f.zone = Zone::Upper;
        else if (contains(term, "/middle") || contains(term, "lingula"))
            f.zone = Zone::Middle;
        if (f.observation == Observation::Fracture && contains(term, "healed"))
            f.modifier = "healed";
        if (f.observation == Observation::PleuralOther && contains(term, "calcin"))
            f.modifier = "plaque";
        out.items.push_back(f);
    }
    return out;
}

} // namespace radsynth::simulation
