#include "radsynth/report/ReportDocument.h"

#include <QRegularExpression>
#include <QStringList>

namespace radsynth::report {
namespace {

constexpr std::array<const char *, kSectionCount> kHeadings = {"INDICATION", "COMPARISON", "FINDINGS", "IMPRESSION"};
constexpr std::array<const char *, kSectionCount> kIds = {"indication", "comparison", "findings", "impression"};

// Collapses runs of white space inside a section to single spaces and trims it.
QString normalizeSection(const QString &text) { return text.simplified(); }

struct HeadingAlias {
    const char *text;
    Section section;
};

// Longest aliases first so that "CLINICAL HISTORY" wins over "HISTORY".
constexpr std::array<HeadingAlias, 12> kAliases = {{
    {"REASON FOR EXAMINATION", Section::Indication},
    {"REASON FOR EXAM", Section::Indication},
    {"CLINICAL HISTORY", Section::Indication},
    {"CLINICAL INDICATION", Section::Indication},
    {"INDICATIONS", Section::Indication},
    {"INDICATION", Section::Indication},
    {"HISTORY", Section::Indication},
    {"COMPARISONS", Section::Comparison},
    {"COMPARISON", Section::Comparison},
    {"FINDINGS", Section::Findings},
    {"IMPRESSION", Section::Impression},
    {"CONCLUSION", Section::Impression},
}};

const QRegularExpression &headingPattern()
{
    static const QRegularExpression pattern = [] {
        QStringList alternatives;
        for (const auto &alias : kAliases)
            alternatives << QString::fromLatin1(alias.text).replace(QLatin1Char(' '), QLatin1String("\\s+")); // letters and spaces only
        // A heading starts a line (after optional spaces) and ends with a colon.
        return QRegularExpression(QStringLiteral("^[ \\t]*(%1)[ \\t]*:").arg(alternatives.join(QLatin1Char('|'))),
                                  QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    }();
    return pattern;
}

Section sectionForHeading(const QString &heading)
{
    const QString normalized = heading.simplified().toUpper();
    for (const auto &alias : kAliases)
        if (normalized == QLatin1String(alias.text))
            return alias.section;
    return Section::Findings;
}

} // namespace

const char *sectionHeading(Section section) { return kHeadings[static_cast<std::size_t>(section)]; }
const char *sectionId(Section section) { return kIds[static_cast<std::size_t>(section)]; }

const std::array<Section, kSectionCount> &allSections()
{
    static const std::array<Section, kSectionCount> all = {Section::Indication, Section::Comparison, Section::Findings,
                                                           Section::Impression};
    return all;
}

void ReportDocument::setSection(Section section, const QString &text)
{
    m_sections[static_cast<std::size_t>(section)] = normalizeSection(text);
}

bool ReportDocument::isEmpty() const
{
    for (const auto &text : m_sections)
        if (!text.isEmpty())
            return false;
    return true;
}

QString ReportDocument::findingsAndImpression() const
{
    QStringList parts;
    if (!findings().isEmpty())
        parts << findings();
    if (!impression().isEmpty())
        parts << impression();
    return parts.join(QLatin1Char('\n'));
}

ReportDocument ReportDocument::fromPlainText(const QString &text)
{
    ReportDocument document;
    std::array<QStringList, kSectionCount> pieces;
    Section current = Section::Findings;
    qsizetype position = 0;
    auto matches = headingPattern().globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        pieces[static_cast<std::size_t>(current)] << text.mid(position, match.capturedStart() - position);
        current = sectionForHeading(match.captured(1));
        position = match.capturedEnd();
    }
    pieces[static_cast<std::size_t>(current)] << text.mid(position);
    for (Section section : allSections()) {
        QStringList nonEmpty;
        for (const QString &piece : pieces[static_cast<std::size_t>(section)])
            if (!piece.trimmed().isEmpty())
                nonEmpty << piece.simplified();
        document.setSection(section, nonEmpty.join(QLatin1Char(' ')));
    }
    return document;
}

QString ReportDocument::toPlainText() const
{
    QStringList blocks;
    for (Section section : allSections()) {
        const QString &text = this->section(section);
        if (!text.isEmpty())
            blocks << QString::fromLatin1(sectionHeading(section)) + QStringLiteral(": ") + text;
    }
    return blocks.isEmpty() ? QString() : blocks.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

} // namespace radsynth::report
