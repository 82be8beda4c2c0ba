#pragma once
// Real report sentences grouped by what they state: mined from the IU X-ray train split with the
// labeler, so that composed reports read like a radiologist's. The bank is generated from the shared
// data at build/run time (radsynth-cli sentence-bank) and never stored in the repository.
//
// A sentence is kept when it states at most one present (positive or uncertain) observation, no
// abnormality outside the 14, has no anonymisation placeholder (XXXX) and is short. Its group key
// is the present finding "observation:status:side:severity", "normal:no_finding" for whole-study
// normal statements, or "negative:<observation>+<observation>..." for sentences that only deny.
#include "radsynth/common/Result.h"
#include "radsynth/report/Findings.h"
#include "radsynth/report/IuXml.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/ReportDocument.h"

#include <QString>

#include <map>
#include <vector>

namespace radsynth::report {

struct BankSentence {
    QString text;
    Section section = Section::Findings; // findings or impression
    FindingSet labels;                   // what the labeler reads in it (negatives included)
    int count = 1;                       // how often it occurs in the mined reports

    // The one present finding, or nullptr for negative / normal sentences.
    const Finding *presentFinding() const;
    bool isNormalStatement() const; // only "no_finding" positive
    QString groupKey() const;
};

class SentenceBank {
public:
    static SentenceBank mine(const std::vector<const IuReport *> &reports, const Labeler &labeler);
    // A clear error naming the command that builds the bank when the file is absent.
    static Result<SentenceBank> load(const QString &path);
    radsynth::Status save(const QString &path, const QString &source) const;

    const std::vector<BankSentence> &sentences() const { return m_sentences; }
    // Group key -> indices into sentences(), keys sorted.
    std::map<QString, std::vector<int>> groups() const;
    bool isEmpty() const { return m_sentences.empty(); }
    int reportCount() const { return m_reportCount; }

    static QString keyFor(const Finding &finding);

private:
    void addSentence(BankSentence sentence);
    void sortSentences();

    std::vector<BankSentence> m_sentences;
    int m_reportCount = 0;
};

} // namespace radsynth::report
