#include "radsynth/workflow/ReportDraftStore.h"

#include "radsynth/common/SafeWrite.h"

#include "radsynth/common/Paths.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace radsynth::workflow {
namespace {
QString stateId(ReportState state)
{
    switch (state) {
    case ReportState::GeneratedDraft: return QStringLiteral("generated");
    case ReportState::Edited: return QStringLiteral("edited");
    case ReportState::Signed: return QStringLiteral("signed");
    }
    return QStringLiteral("generated");
}

ReportState stateFromId(const QString &id)
{
    if (id == QLatin1String("signed"))
        return ReportState::Signed;
    if (id == QLatin1String("edited"))
        return ReportState::Edited;
    return ReportState::GeneratedDraft;
}

QJsonObject toJson(const ReportDraft &draft)
{
    QJsonObject provenance{{QStringLiteral("model"), draft.provenance.model},
                           {QStringLiteral("version"), draft.provenance.version},
                           {QStringLiteral("task"), draft.provenance.task},
                           {QStringLiteral("seed"), QString::number(draft.provenance.seed)},
                           {QStringLiteral("generatedAt"), draft.provenance.generatedAt.toString(Qt::ISODateWithMs)}};
    if (!draft.provenance.inputCheck.isEmpty())
        provenance.insert(QStringLiteral("inputCheck"), draft.provenance.inputCheck);
    if (draft.provenance.inputFlagged)
        provenance.insert(QStringLiteral("inputFlagged"), true);
    QJsonArray history;
    for (const auto &entry : draft.history)
        history.append(QJsonObject{{QStringLiteral("at"), entry.at.toString(Qt::ISODateWithMs)},
                                   {QStringLiteral("state"), stateId(entry.state)},
                                   {QStringLiteral("text"), entry.text},
                                   {QStringLiteral("actor"), entry.actor},
                                   {QStringLiteral("action"), entry.action}});
    QJsonObject object{{QStringLiteral("format"), QStringLiteral("radsynth-report-draft-1")},
                       {QStringLiteral("key"), draft.key},
                       {QStringLiteral("studyLabel"), draft.studyLabel},
                       {QStringLiteral("text"), draft.text},
                       {QStringLiteral("state"), stateId(draft.state)},
                       {QStringLiteral("provenance"), provenance},
                       {QStringLiteral("reviewer"), draft.reviewer},
                       {QStringLiteral("signedAt"), draft.signedAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("modifiedAt"), draft.modifiedAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("history"), history}};
    if (!draft.modelDrafts.isEmpty())
        object.insert(QStringLiteral("modelDrafts"), QJsonArray::fromStringList(draft.modelDrafts));
    if (!draft.composedSentences.isEmpty())
        object.insert(QStringLiteral("composedSentences"), QJsonArray::fromStringList(draft.composedSentences));
    return object;
}

ReportDraft fromJson(const QJsonObject &object)
{
    ReportDraft draft;
    draft.key = object.value(QStringLiteral("key")).toString();
    draft.studyLabel = object.value(QStringLiteral("studyLabel")).toString();
    draft.text = object.value(QStringLiteral("text")).toString();
    draft.state = stateFromId(object.value(QStringLiteral("state")).toString());
    const QJsonObject provenance = object.value(QStringLiteral("provenance")).toObject();
    draft.provenance.model = provenance.value(QStringLiteral("model")).toString();
    draft.provenance.version = provenance.value(QStringLiteral("version")).toString();
    draft.provenance.task = provenance.value(QStringLiteral("task")).toString();
    draft.provenance.seed = provenance.value(QStringLiteral("seed")).toString().toLongLong();
    draft.provenance.generatedAt = QDateTime::fromString(provenance.value(QStringLiteral("generatedAt")).toString(), Qt::ISODateWithMs);
    draft.provenance.inputCheck = provenance.value(QStringLiteral("inputCheck")).toString();
    draft.provenance.inputFlagged = provenance.value(QStringLiteral("inputFlagged")).toBool();
    draft.reviewer = object.value(QStringLiteral("reviewer")).toString();
    draft.signedAt = QDateTime::fromString(object.value(QStringLiteral("signedAt")).toString(), Qt::ISODateWithMs);
    draft.modifiedAt = QDateTime::fromString(object.value(QStringLiteral("modifiedAt")).toString(), Qt::ISODateWithMs);
    for (const auto &value : object.value(QStringLiteral("history")).toArray()) {
        const QJsonObject entry = value.toObject();
        draft.history.push_back(ReportHistoryEntry{QDateTime::fromString(entry.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs),
                                                   stateFromId(entry.value(QStringLiteral("state")).toString()),
                                                   entry.value(QStringLiteral("text")).toString(),
                                                   entry.value(QStringLiteral("actor")).toString(),
                                                   entry.value(QStringLiteral("action")).toString()});
    }
    for (const auto &value : object.value(QStringLiteral("modelDrafts")).toArray())
        if (value.isString())
            draft.modelDrafts.append(value.toString());
    for (const auto &value : object.value(QStringLiteral("composedSentences")).toArray())
        if (value.isString() && !value.toString().trimmed().isEmpty())
            draft.composedSentences.append(value.toString());
    return draft;
}
} // namespace

ReportDraftStore::ReportDraftStore(QString directory)
    : m_directory(directory.isEmpty() ? paths::dataDirectory() + QStringLiteral("/drafts") : std::move(directory))
{
    QDir().mkpath(m_directory);
}

QString ReportDraftStore::keyFor(const QString &studyInstanceUid)
{
    return QString::fromLatin1(QCryptographicHash::hash(studyInstanceUid.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
}

QString ReportDraftStore::pathFor(const QString &key) const
{
    QString safe = key;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    return m_directory + QLatin1Char('/') + safe + QStringLiteral(".json");
}

Status ReportDraftStore::save(const ReportDraft &draft)
{
    if (draft.key.isEmpty())
        return makeError("report draft has no key");
    if (!QDir().mkpath(m_directory))
        return makeError("cannot create the drafts folder", m_directory.toStdString());
    const QByteArray bytes = QJsonDocument(toJson(draft)).toJson(QJsonDocument::Indented);
    return files::writeAtomically(pathFor(draft.key), bytes, "the report draft");
}

Result<ReportDraft> ReportDraftStore::load(const QString &key) const
{
    QFile file(pathFor(key));
    if (!file.open(QIODevice::ReadOnly))
        return makeError("no saved report draft", file.fileName().toStdString());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return makeError("the saved report draft is damaged: " + error.errorString().toStdString(), file.fileName().toStdString());
    return fromJson(document.object());
}

bool ReportDraftStore::exists(const QString &key) const { return QFile::exists(pathFor(key)); }

Status ReportDraftStore::remove(const QString &key)
{
    if (!QFile::exists(pathFor(key)) || QFile::remove(pathFor(key)))
        return okStatus();
    return makeError("cannot remove the report draft", pathFor(key).toStdString());
}

QList<ReportDraft> ReportDraftStore::unsignedDrafts() const
{
    QList<ReportDraft> drafts;
    const auto entries = QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : entries) {
        auto draft = load(name.chopped(5));
        if (draft.ok() && draft->state != ReportState::Signed)
            drafts.push_back(*draft);
    }
    std::sort(drafts.begin(), drafts.end(), [](const ReportDraft &a, const ReportDraft &b) { return a.modifiedAt > b.modifiedAt; });
    return drafts;
}

void ReportDraftStore::applyEdit(ReportDraft &draft, const QString &newText)
{
    if (draft.state == ReportState::Signed || newText == draft.text)
        return;
    draft.text = newText;
    draft.state = ReportState::Edited;
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    // Consecutive edits collapse into one history entry so the history stays readable.
    if (!draft.history.isEmpty() && draft.history.back().action == QLatin1String("edited")) {
        draft.history.back().text = newText;
        draft.history.back().at = draft.modifiedAt;
    } else {
        draft.history.push_back(ReportHistoryEntry{draft.modifiedAt, ReportState::Edited, newText, {}, QStringLiteral("edited")});
    }
}

Status ReportDraftStore::useModelDraft(ReportDraft &draft, int index)
{
    if (draft.state == ReportState::Signed)
        return makeError("the report is signed: reopen it before choosing another draft");
    if (index < 0 || index >= draft.modelDrafts.size())
        return makeError("the model has no such draft for this study");
    draft.text = draft.modelDrafts.at(index);
    draft.state = ReportState::GeneratedDraft;
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    draft.history.push_back(ReportHistoryEntry{draft.modifiedAt, ReportState::GeneratedDraft, draft.text, {},
                                               QStringLiteral("alternative")});
    return okStatus();
}

Status ReportDraftStore::sign(ReportDraft &draft, const QString &reviewer)
{
    if (reviewer.trimmed().isEmpty())
        return makeError("a report is signed with the reviewer's name");
    if (draft.state == ReportState::Signed)
        return makeError("the report is already signed");
    if (draft.text.trimmed().isEmpty())
        return makeError("an empty report cannot be signed");
    draft.state = ReportState::Signed;
    draft.reviewer = reviewer.trimmed();
    draft.signedAt = draft.modifiedAt = QDateTime::currentDateTimeUtc();
    draft.history.push_back(ReportHistoryEntry{draft.signedAt, ReportState::Signed, draft.text, draft.reviewer, QStringLiteral("signed")});
    return okStatus();
}

Status ReportDraftStore::reopen(ReportDraft &draft, const QString &reviewer)
{
    if (draft.state != ReportState::Signed)
        return makeError("only a signed report can be reopened");
    draft.state = ReportState::Edited;
    draft.modifiedAt = QDateTime::currentDateTimeUtc();
    draft.history.push_back(ReportHistoryEntry{draft.modifiedAt, ReportState::Edited, draft.text, reviewer.trimmed(), QStringLiteral("reopened")});
    return okStatus();
}

} // namespace radsynth::workflow
