#include "radsynth/report/SentenceBank.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include "radsynth/common/SafeWrite.h"
#include <QStringList>

#include <algorithm>

namespace radsynth::report {
namespace {

constexpr int kMaximumLength = 220;

// Drops enumeration prefixes ("1. ", "2) ") and normalises white space.
QString cleanSentence(const QString &raw)
{
    static const QRegularExpression enumeration(QStringLiteral("^\\s*\\d+[.)]\\s*"));
    QString text = raw.simplified();
    text.remove(enumeration);
    text = text.trimmed();
    while (text.endsWith(QStringLiteral("..")))
        text.chop(1);
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char('?')))
        text += QLatin1Char('.');
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace

const Finding *BankSentence::presentFinding() const
{
    for (const auto &label : labels)
        if (label.observation != Observation::NoFinding && label.present())
            return &label;
    return nullptr;
}

bool BankSentence::isNormalStatement() const
{
    return labels.size() == 1 && labels.front().observation == Observation::NoFinding && labels.front().status == Status::Positive;
}

QString SentenceBank::keyFor(const Finding &finding)
{
    return QStringLiteral("%1:%2:%3:%4")
        .arg(QLatin1String(observationId(finding.observation)), QLatin1String(statusId(finding.status)),
             QLatin1String(sideId(finding.side)), QLatin1String(severityId(finding.severity)));
}

QString BankSentence::groupKey() const
{
    if (const Finding *finding = presentFinding())
        return SentenceBank::keyFor(*finding);
    if (isNormalStatement())
        return QStringLiteral("normal:no_finding");
    QStringList denied;
    for (const auto &label : labels)
        if (label.observation != Observation::NoFinding)
            denied << QLatin1String(observationId(label.observation));
    return QStringLiteral("negative:") + denied.join(QLatin1Char('+'));
}

SentenceBank SentenceBank::mine(const std::vector<const IuReport *> &reports, const Labeler &labeler)
{
    SentenceBank bank;
    QHash<QString, int> seen; // section + text -> index
    for (const IuReport *report : reports) {
        ++bank.m_reportCount;
        for (Section section : {Section::Findings, Section::Impression}) {
            const QString &text = report->document.section(section);
            for (const auto &[start, end] : Labeler::sentences(text)) {
                const QString sentenceText = cleanSentence(text.mid(start, end - start));
                if (sentenceText.size() < 8 || sentenceText.size() > kMaximumLength || sentenceText.contains(QLatin1String("XXXX")))
                    continue;
                const LabelResult result = labeler.label(sentenceText);
                if (result.findings.empty())
                    continue;
                const bool otherAbnormality = std::any_of(result.others.begin(), result.others.end(),
                                                          [](const OtherMention &other) { return other.status != Status::Negative; });
                if (otherAbnormality)
                    continue;
                BankSentence sentence;
                sentence.text = sentenceText;
                sentence.section = section;
                int present = 0;
                for (const auto &finding : result.findings) {
                    if (finding.observation == Observation::NoFinding)
                        continue;
                    present += finding.present() ? 1 : 0;
                    sentence.labels.push_back(finding);
                }
                // A sentence that only denies keeps its labels; a normal statement is "no_finding".
                const bool hasNormalStatement = std::any_of(result.mentions.begin(), result.mentions.end(), [](const Mention &mention) {
                    return mention.observation == Observation::NoFinding;
                });
                if (present > 1 || (sentence.labels.empty() && !hasNormalStatement))
                    continue;
                if (sentence.labels.empty())
                    sentence.labels.push_back({Observation::NoFinding, Status::Positive, Side::Unspecified, Severity::Unspecified});
                const QString key = QString::fromLatin1(sectionId(section)) + QLatin1Char('|') + sentenceText.toLower();
                const auto found = seen.constFind(key);
                if (found != seen.constEnd()) {
                    ++bank.m_sentences[static_cast<std::size_t>(*found)].count;
                    continue;
                }
                seen.insert(key, int(bank.m_sentences.size()));
                bank.m_sentences.push_back(std::move(sentence));
            }
        }
    }
    bank.sortSentences();
    return bank;
}

void SentenceBank::sortSentences()
{
    std::sort(m_sentences.begin(), m_sentences.end(), [](const BankSentence &a, const BankSentence &b) {
        if (a.section != b.section)
            return a.section < b.section;
        if (a.count != b.count)
            return a.count > b.count;
        return a.text < b.text;
    });
}

std::map<QString, std::vector<int>> SentenceBank::groups() const
{
    std::map<QString, std::vector<int>> result;
    for (std::size_t i = 0; i < m_sentences.size(); ++i)
        result[m_sentences[i].groupKey()].push_back(int(i));
    return result;
}

radsynth::Status SentenceBank::save(const QString &path, const QString &source) const
{
    QJsonArray groupArray;
    for (const auto &[key, indices] : groups()) {
        QJsonArray sentenceArray;
        for (int index : indices) {
            const auto &sentence = m_sentences[static_cast<std::size_t>(index)];
            QJsonObject object;
            object.insert(QStringLiteral("text"), sentence.text);
            object.insert(QStringLiteral("section"), QLatin1String(sectionId(sentence.section)));
            object.insert(QStringLiteral("count"), sentence.count);
            object.insert(QStringLiteral("labels"), findingsToJson(sentence.labels));
            sentenceArray.append(object);
        }
        QJsonObject group;
        group.insert(QStringLiteral("key"), key);
        group.insert(QStringLiteral("sentences"), sentenceArray);
        groupArray.append(group);
    }
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("radsynth-sentence-bank"));
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("source"), source);
    root.insert(QStringLiteral("reports"), m_reportCount);
    root.insert(QStringLiteral("groups"), groupArray);
    return files::writeAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented), "the sentence bank");
}

Result<SentenceBank> SentenceBank::load(const QString &path)
{
    if (path.isEmpty() || !QFileInfo::exists(path))
        return makeError("sentence bank not found; build it from the IU X-ray reports with "
                         "`radsynth-cli sentence-bank --iu ../shared/data/iu-xray/reports-train-val.tgz --out FILE`",
                         path.toStdString());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("cannot open the sentence bank: " + file.errorString().toStdString(), path.toStdString());
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll());
    const QJsonObject root = json.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("radsynth-sentence-bank"))
        return makeError("not a RadSynth sentence bank (rebuild it with radsynth-cli sentence-bank)", path.toStdString());
    SentenceBank bank;
    bank.m_reportCount = root.value(QStringLiteral("reports")).toInt();
    for (const auto &groupValue : root.value(QStringLiteral("groups")).toArray()) {
        for (const auto &value : groupValue.toObject().value(QStringLiteral("sentences")).toArray()) {
            const QJsonObject object = value.toObject();
            BankSentence sentence;
            sentence.text = object.value(QStringLiteral("text")).toString();
            sentence.section = object.value(QStringLiteral("section")).toString() == QLatin1String("impression") ? Section::Impression : Section::Findings;
            sentence.count = std::max(1, object.value(QStringLiteral("count")).toInt(1));
            auto labels = findingsFromJson(object.value(QStringLiteral("labels")).toArray());
            if (!labels)
                return makeError("sentence bank entry with bad labels: " + labels.error().message, path.toStdString());
            sentence.labels = std::move(*labels);
            if (sentence.text.isEmpty() || sentence.labels.empty())
                continue;
            bank.m_sentences.push_back(std::move(sentence));
        }
    }
    if (bank.m_sentences.empty())
        return makeError("the sentence bank holds no sentences", path.toStdString());
    bank.sortSentences();
    return bank;
}

} // namespace radsynth::report
