#include "radsynth/report/IuXml.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>

namespace radsynth::report {
namespace {

std::optional<Section> sectionForLabel(const QString &label)
{
    const QString upper = label.trimmed().toUpper();
    if (upper == QLatin1String("INDICATION"))
        return Section::Indication;
    if (upper == QLatin1String("COMPARISON"))
        return Section::Comparison;
    if (upper == QLatin1String("FINDINGS"))
        return Section::Findings;
    if (upper == QLatin1String("IMPRESSION"))
        return Section::Impression;
    return std::nullopt;
}

Result<std::vector<IuReport>> loadFolder(const QString &folder, int *skipped)
{
    std::vector<IuReport> reports;
    int failures = 0;
    QDirIterator files(folder, {QStringLiteral("*.xml")}, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        auto report = readIuXmlFile(files.next());
        if (report)
            reports.push_back(std::move(*report));
        else
            ++failures;
    }
    if (skipped)
        *skipped = failures;
    if (reports.empty())
        return makeError("no IU X-ray report XML files found", folder.toStdString());
    std::sort(reports.begin(), reports.end(), [](const IuReport &a, const IuReport &b) {
        const qlonglong left = a.id.toLongLong(), right = b.id.toLongLong();
        return left != right ? left < right : a.id < b.id;
    });
    return reports;
}

} // namespace

Result<IuReport> readIuXml(const QByteArray &xml)
{
    IuReport report;
    QXmlStreamReader reader(xml);
    bool inMesh = false;
    bool sawRoot = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const auto name = reader.name();
            if (!sawRoot) {
                sawRoot = true;
                if (name != QLatin1String("eCitation"))
                    return makeError("not an IU X-ray report (root element is not eCitation)");
            }
            if (name == QLatin1String("IUXRId")) {
                report.id = reader.attributes().value(QLatin1String("id")).toString();
            } else if (name == QLatin1String("AbstractText")) {
                const QString label = reader.attributes().value(QLatin1String("Label")).toString();
                const QString text = reader.readElementText(QXmlStreamReader::IncludeChildElements);
                if (const auto section = sectionForLabel(label))
                    report.document.setSection(*section, text);
            } else if (name == QLatin1String("MeSH")) {
                inMesh = true;
            } else if (inMesh && name == QLatin1String("major")) {
                report.meshMajor << reader.readElementText().trimmed();
            } else if (inMesh && name == QLatin1String("automatic")) {
                report.meshAutomatic << reader.readElementText().trimmed();
            } else if (name == QLatin1String("parentImage")) {
                report.imageIds << reader.attributes().value(QLatin1String("id")).toString();
            }
        } else if (token == QXmlStreamReader::EndElement && reader.name() == QLatin1String("MeSH")) {
            inMesh = false;
        }
    }
    if (reader.hasError())
        return makeError("malformed IU report XML: " + reader.errorString().toStdString() + " (line " +
                         std::to_string(reader.lineNumber()) + ")");
    if (!sawRoot)
        return makeError("empty IU report XML");
    return report;
}

Result<IuReport> readIuXmlFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("cannot open IU report: " + file.errorString().toStdString(), path.toStdString());
    auto report = readIuXml(file.readAll());
    if (!report)
        return makeError(report.error().message, path.toStdString());
    if (report->id.isEmpty())
        report->id = QFileInfo(path).completeBaseName();
    return report;
}

QByteArray writeIuXml(const IuReport &report)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("eCitation"));
    writer.writeEmptyElement(QStringLiteral("meta"));
    writer.writeAttribute(QStringLiteral("type"), QStringLiteral("rr"));
    writer.writeEmptyElement(QStringLiteral("uId"));
    writer.writeAttribute(QStringLiteral("id"), QStringLiteral("CXR") + report.id);
    writer.writeEmptyElement(QStringLiteral("IUXRId"));
    writer.writeAttribute(QStringLiteral("id"), report.id);
    writer.writeStartElement(QStringLiteral("MedlineCitation"));
    writer.writeStartElement(QStringLiteral("Article"));
    writer.writeStartElement(QStringLiteral("Abstract"));
    // The collection's own order.
    for (Section section : {Section::Comparison, Section::Indication, Section::Findings, Section::Impression}) {
        writer.writeStartElement(QStringLiteral("AbstractText"));
        writer.writeAttribute(QStringLiteral("Label"), QString::fromLatin1(sectionHeading(section)));
        writer.writeCharacters(report.document.section(section));
        writer.writeEndElement();
    }
    writer.writeEndElement(); // Abstract
    writer.writeEndElement(); // Article
    writer.writeEndElement(); // MedlineCitation
    writer.writeStartElement(QStringLiteral("MeSH"));
    for (const QString &term : report.meshMajor)
        writer.writeTextElement(QStringLiteral("major"), term);
    for (const QString &term : report.meshAutomatic)
        writer.writeTextElement(QStringLiteral("automatic"), term);
    writer.writeEndElement(); // MeSH
    for (const QString &image : report.imageIds) {
        writer.writeStartElement(QStringLiteral("parentImage"));
        writer.writeAttribute(QStringLiteral("id"), image);
        writer.writeEndElement();
    }
    writer.writeEndElement(); // eCitation
    writer.writeEndDocument();
    return xml;
}

Result<std::vector<IuReport>> loadIuCollection(const QString &path, int *skipped)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError("IU X-ray collection not found", path.toStdString());
    if (info.isDir())
        return loadFolder(path, skipped);
    QTemporaryDir temporary;
    if (!temporary.isValid())
        return makeError("cannot create a temporary folder to extract the archive", path.toStdString());
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), info.absoluteFilePath(), QStringLiteral("-C"), temporary.path()});
    if (!tar.waitForFinished(300000) || tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0)
        return makeError("cannot extract the archive with tar: " +
                             QString::fromLocal8Bit(tar.readAllStandardError()).trimmed().toStdString(),
                         path.toStdString());
    return loadFolder(temporary.path(), skipped);
}

const char *iuSplitId(IuSplit split)
{
    switch (split) {
    case IuSplit::Train: return "train";
    case IuSplit::Validation: return "val";
    case IuSplit::Test: return "test";
    case IuSplit::Unassigned: break;
    }
    return "unassigned";
}

Result<QHash<QString, IuSplit>> readR2GenSplit(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("cannot open the R2Gen split file: " + file.errorString().toStdString(), path.toStdString());
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (json.isNull() || !json.isObject())
        return makeError("the R2Gen split file is not a JSON object: " + parseError.errorString().toStdString(),
                         path.toStdString());
    QHash<QString, IuSplit> splits;
    const std::pair<const char *, IuSplit> keys[] = {{"train", IuSplit::Train}, {"val", IuSplit::Validation}, {"test", IuSplit::Test}};
    for (const auto &[key, split] : keys) {
        const QJsonArray entries = json.object().value(QLatin1String(key)).toArray();
        for (const auto &entry : entries)
            splits.insert(entry.toObject().value(QStringLiteral("id")).toVariant().toString(), split);
    }
    if (splits.isEmpty())
        return makeError("the R2Gen split file lists no studies", path.toStdString());
    return splits;
}

QString r2genSplitPathFor(const QString &collectionPath)
{
    const QFileInfo info(collectionPath);
    const QDir folder = info.isDir() ? QDir(info.absoluteFilePath()) : info.absoluteDir();
    return folder.filePath(QStringLiteral("r2gen-split.json"));
}

} // namespace radsynth::report
