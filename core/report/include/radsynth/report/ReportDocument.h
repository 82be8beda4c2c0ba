#pragma once
// A radiology report as sections: indication, comparison, findings, impression.
// Plain text form: each non-empty section as "HEADING: text", separated by a blank line, in the
// order INDICATION, COMPARISON, FINDINGS, IMPRESSION. Reading accepts the headings in any order and
// case, text on the heading line or below it, and common synonyms (HISTORY, CLINICAL HISTORY,
// REASON FOR EXAM -> indication; CONCLUSION -> impression). Text before any heading is findings.
#include <QString>

#include <array>

namespace radsynth::report {

enum class Section { Indication, Comparison, Findings, Impression };
inline constexpr int kSectionCount = 4;

const char *sectionHeading(Section section); // "INDICATION", ...
const char *sectionId(Section section);      // "indication", ...
const std::array<Section, kSectionCount> &allSections();

class ReportDocument {
public:
    ReportDocument() = default;

    const QString &section(Section section) const { return m_sections[static_cast<std::size_t>(section)]; }
    void setSection(Section section, const QString &text);

    QString indication() const { return section(Section::Indication); }
    QString comparison() const { return section(Section::Comparison); }
    QString findings() const { return section(Section::Findings); }
    QString impression() const { return section(Section::Impression); }

    bool isEmpty() const;
    // Findings and impression, one paragraph each: the text a labeler reads.
    QString findingsAndImpression() const;

    static ReportDocument fromPlainText(const QString &text);
    QString toPlainText() const;

    bool operator==(const ReportDocument &other) const { return m_sections == other.m_sections; }
    bool operator!=(const ReportDocument &other) const { return !(*this == other); }

private:
    std::array<QString, kSectionCount> m_sections;
};

} // namespace radsynth::report
