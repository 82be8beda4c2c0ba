// Fragment check and the final pass over drafted reports (Readability.h).
#include "radsynth/report/Readability.h"

#include "TextSpans.h"

#include "radsynth/generation/SentenceSet.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <algorithm>

namespace radsynth::report {

namespace {

const QSet<QString> &cannotEnd()
{
    static const QSet<QString> words = {
        QStringLiteral("the"),  QStringLiteral("a"),     QStringLiteral("an"),      QStringLiteral("and"),   QStringLiteral("or"),
        QStringLiteral("of"),   QStringLiteral("with"),  QStringLiteral("to"),      QStringLiteral("in"),    QStringLiteral("on"),
        QStringLiteral("at"),   QStringLiteral("by"),    QStringLiteral("for"),     QStringLiteral("from"),  QStringLiteral("is"),
        QStringLiteral("are"),  QStringLiteral("was"),   QStringLiteral("were"),    QStringLiteral("be"),    QStringLiteral("been"),
        QStringLiteral("these"), QStringLiteral("this"), QStringLiteral("that"),    QStringLiteral("which"), QStringLiteral("would"),
        QStringLiteral("could"), QStringLiteral("may"),  QStringLiteral("no"),      QStringLiteral("not"),   QStringLiteral("without"),
        QStringLiteral("as"),   QStringLiteral("than"),  QStringLiteral("its"),     QStringLiteral("their"), QStringLiteral("there"),
        QStringLiteral("has"),  QStringLiteral("have"),  QStringLiteral("into"),    QStringLiteral("within"), QStringLiteral("both")};
    return words;
}

const QSet<QString> &cannotStart()
{
    static const QSet<QString> words = {QStringLiteral("and"),  QStringLiteral("or"),   QStringLiteral("of"),  QStringLiteral("are"),
                                        QStringLiteral("is"),   QStringLiteral("were"), QStringLiteral("was"), QStringLiteral("to"),
                                        QStringLiteral("than"), QStringLiteral("be"),   QStringLiteral("but"), QStringLiteral("which"),
                                        QStringLiteral("would")};
    return words;
}

// Words that make a sentence a statement: verbs, and what radiologists' verbless sentences use.
bool isStatementWord(const QString &w)
{
    static const QSet<QString> words = {
        QStringLiteral("is"),        QStringLiteral("are"),       QStringLiteral("was"),        QStringLiteral("were"),
        QStringLiteral("be"),        QStringLiteral("has"),       QStringLiteral("have"),       QStringLiteral("had"),
        QStringLiteral("seen"),      QStringLiteral("appear"),    QStringLiteral("appears"),    QStringLiteral("remain"),
        QStringLiteral("remains"),   QStringLiteral("show"),      QStringLiteral("shows"),      QStringLiteral("demonstrate"),
        QStringLiteral("demonstrates"), QStringLiteral("suggest"), QStringLiteral("suggests"),  QStringLiteral("persist"),
        QStringLiteral("persists"),  QStringLiteral("project"),   QStringLiteral("projects"),   QStringLiteral("overlie"),
        QStringLiteral("overlies"),  QStringLiteral("no"),        QStringLiteral("normal"),     QStringLiteral("clear"),
        QStringLiteral("stable"),    QStringLiteral("unremarkable"), QStringLiteral("negative"), QStringLiteral("within"),
        QStringLiteral("intact"),    QStringLiteral("unchanged"), QStringLiteral("without"),    QStringLiteral("present"),
        QStringLiteral("absent"),    QStringLiteral("consistent"), QStringLiteral("likely"),    QStringLiteral("possible"),
        QStringLiteral("probable"),  QStringLiteral("suspicious"), QStringLiteral("compatible"), QStringLiteral("concerning"),
        QStringLiteral("enlarged"),  QStringLiteral("limits"),    QStringLiteral("free"),       QStringLiteral("identified"),
        QStringLiteral("acute"),     QStringLiteral("evidence"),  QStringLiteral("change"),     QStringLiteral("changes"),
        QStringLiteral("otherwise"), QStringLiteral("mildly"),    QStringLiteral("grossly"),    QStringLiteral("expanded"),
        QStringLiteral("increased"), QStringLiteral("decreased"), QStringLiteral("improved"),   QStringLiteral("worsened"),
        QStringLiteral("may"),       QStringLiteral("might"),     QStringLiteral("could"),      QStringLiteral("can"),
        QStringLiteral("will"),      QStringLiteral("should"),    QStringLiteral("would"),      QStringLiteral("measures"),
        QStringLiteral("measure"),   QStringLiteral("represent"), QStringLiteral("represents"), QStringLiteral("include"),
        QStringLiteral("includes"),  QStringLiteral("obscures"),  QStringLiteral("obscure")};
    if (words.contains(w))
        return true;
    // Past participles and progressive forms: "noted", "visualized", "calcified", "increasing".
    return w.size() > 4 && (w.endsWith(QLatin1String("ed")) || w.endsWith(QLatin1String("ing")));
}

// The sentence without a leading section header ("Findings:", "IMPRESSION:").
int headerLength(const QString &sentence)
{
    static const QRegularExpression header(QStringLiteral("^\\s*(findings|impression|comparison|indication)\\s*:\\s*"),
                                           QRegularExpression::CaseInsensitiveOption);
    const auto match = header.match(sentence);
    return match.hasMatch() ? int(match.capturedLength(0)) : 0;
}

// Why `sentence` is a fragment ("" when it is not); `charged` is cleared for the rules the choice
// among drafts does not charge (Fragment::charged).
QString reasonFor(const QString &sentence, bool &charged)
{
    charged = true;
    static const QRegularExpression wordPattern(QStringLiteral("[A-Za-z]+|\\d+(?:\\.\\d+)?"));
    QStringList words;
    for (auto it = wordPattern.globalMatch(sentence); it.hasNext();)
        words << it.next().captured(0);
    if (words.isEmpty())
        return QString();
    // The sentence splitter's leftovers: list numbers ("1."), abbreviations ("Dr.").
    if (words.size() == 1 && (words.front().at(0).isDigit() || words.front() == QLatin1String("Dr")))
        return QString();
    if (sentence.contains(QLatin1String("XXXX")))
        return QStringLiteral("placeholder XXXX");
    const QString first = words.front().toLower(), last = words.back().toLower();
    if (cannotEnd().contains(last))
        return QStringLiteral("ends on '%1'").arg(last);
    if (cannotStart().contains(first))
        return QStringLiteral("starts with '%1'").arg(first);
    bool statement = false;
    for (int i = 0; i < words.size(); ++i) {
        const QString w = words[i].toLower();
        if (i > 0 && w == words[i - 1].toLower() && !w.at(0).isDigit())
            return QStringLiteral("repeats '%1'").arg(w);
        // A determiner or "no" straight before a word no noun phrase starts with: "No with no
        // pulmonary disease.", "the be difficult", "a the".
        static const QSet<QString> leads = {QStringLiteral("no"), QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("an")};
        static const QSet<QString> cannotFollow = {QStringLiteral("with"), QStringLiteral("and"), QStringLiteral("of"), QStringLiteral("the"),
                                                   QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("is"), QStringLiteral("are"),
                                                   QStringLiteral("to"), QStringLiteral("in"), QStringLiteral("or"), QStringLiteral("be"),
                                                   QStringLiteral("was"), QStringLiteral("were")};
        if (i > 0 && leads.contains(words[i - 1].toLower()) && cannotFollow.contains(w))
            return QStringLiteral("'%1 %2'").arg(words[i - 1].toLower(), w);
        if ((w == QLatin1String("cm") || w == QLatin1String("mm")) && (i == 0 || !words[i - 1].at(0).isDigit()))
            return QStringLiteral("'%1' without a number").arg(w);
        // A verb "to be" straight before a modal or another one: "small left is may be difficult".
        static const QSet<QString> be = {QStringLiteral("is"), QStringLiteral("are"), QStringLiteral("was"), QStringLiteral("were")};
        static const QSet<QString> auxiliaries = {QStringLiteral("may"),   QStringLiteral("might"), QStringLiteral("could"), QStringLiteral("would"),
                                                  QStringLiteral("should"), QStringLiteral("can"),  QStringLiteral("will"),  QStringLiteral("is"),
                                                  QStringLiteral("are"),   QStringLiteral("was"),   QStringLiteral("were")};
        if (i > 0 && be.contains(words[i - 1].toLower()) && auxiliaries.contains(w)) {
            charged = false;
            return QStringLiteral("'%1 %2'").arg(words[i - 1].toLower(), w);
        }
        statement = statement || isStatementWord(w);
    }
    // A part of the heart or mediastinum said to be a lung or pleural finding ("The
    // cardiomediastinal silhouette is focal airspace disease.", 3 of 80 of 1.0.3's drafts on real
    // adult frontals; no sentence of the IU reports).
    static const QRegularExpression organIsFinding(
        QStringLiteral("\\b(heart|heart size|cardiac silhouette|cardiomediastinal silhouette|mediastinum|mediastinal contours?|cardiac contours?)\\s+"
                       "(is|are)\\s+((a|an)\\s+)?((focal|patchy|small|mild|minimal|moderate|large|new|left|right|basilar|lower|upper)\\s+)*"
                       "(airspace disease|air space disease|opacit\\w*|consolidation|pneumonia|infiltrat\\w*|atelectasis|effusions?|pneumothorax|edema|nodul\\w*)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = organIsFinding.match(sentence); m.hasMatch()) {
        charged = false;
        return QStringLiteral("'%1 %2' a lung finding").arg(m.captured(1).toLower(), m.captured(2).toLower());
    }
    // Radiologists' impressions are often noun phrases ("Basilar atelectasis."); one led by an
    // article with nothing stated about it ("The cardiac and mediastinum.") is a fragment.
    if (!statement && (first == QLatin1String("the") || first == QLatin1String("a") || first == QLatin1String("an")))
        return QStringLiteral("no statement");
    // A part or a place of the chest and nothing in it ("Heart.", "Lobe.", "Impression: right
    // lower lobes."): one-word impressions name a finding ("Cardiomegaly.", "Emphysema.",
    // "Normal."), and radiologists' one-word headers name the exam ("Chest.", "Ribs.", "Abdomen.").
    static const QSet<QString> places = {
        QStringLiteral("heart"),     QStringLiteral("cardiac"),      QStringLiteral("lobe"),        QStringLiteral("lobes"),
        QStringLiteral("lung"),      QStringLiteral("lungs"),        QStringLiteral("pulmonary"),   QStringLiteral("mediastinum"),
        QStringLiteral("mediastinal"), QStringLiteral("cardiomediastinal"), QStringLiteral("silhouette"), QStringLiteral("hilum"),
        QStringLiteral("hila"),      QStringLiteral("hilar"),        QStringLiteral("diaphragm"),   QStringLiteral("hemidiaphragm"),
        QStringLiteral("pleura"),    QStringLiteral("pleural"),      QStringLiteral("vasculature"), QStringLiteral("costophrenic"),
        QStringLiteral("base"),      QStringLiteral("bases"),        QStringLiteral("apex"),        QStringLiteral("apices"),
        QStringLiteral("lingula"),   QStringLiteral("zone"),         QStringLiteral("zones"),       QStringLiteral("aorta"),
        QStringLiteral("right"),     QStringLiteral("left"),         QStringLiteral("upper"),       QStringLiteral("middle"),
        QStringLiteral("lower"),     QStringLiteral("mid"),          QStringLiteral("midlung"),     QStringLiteral("bilateral"),
        QStringLiteral("basilar"),   QStringLiteral("apical"),       QStringLiteral("hemithorax")};
    static const QSet<QString> joins = {QStringLiteral("the"), QStringLiteral("of"), QStringLiteral("and"), QStringLiteral("in"),
                                        QStringLiteral("both")};
    const auto isPlace = [](const QString &w) { return places.contains(w.toLower()); };
    if (std::any_of(words.begin(), words.end(), isPlace) &&
        std::all_of(words.begin(), words.end(), [&](const QString &w) { return isPlace(w) || joins.contains(w.toLower()); })) {
        charged = false;
        return words.size() == 1 ? QStringLiteral("'%1' alone").arg(first) : QStringLiteral("a place and nothing in it");
    }
    return QString();
}

// Tidied lines, without those left empty or holding only a header whose sentences all went.
QString tidy(const QString &text)
{
    QStringList kept;
    for (const QString &line : detail::tidyLines(text))
        if (!line.isEmpty() && headerLength(line) != line.size())
            kept << line;
    return kept.join(QLatin1Char('\n'));
}

// A section header with no sentence after it before the next header or the end ("... thoracic
// spine. Impression:", as the decoder sometimes ends a draft): removed with the spaces around it.
// A header on a line of its own with its sentences below ("IMPRESSION:\n1. ...") stays. Returns
// how many went.
int removeDanglingHeaders(QString &text)
{
    static const QRegularExpression dangling(
        QStringLiteral("[ \\t]*\\b(findings|impression|comparison|indication)[ \\t]*:\\s*(?=\\z|(?:findings|impression|comparison|indication)\\s*:)"),
        QRegularExpression::CaseInsensitiveOption);
    int removed = 0;
    for (auto match = dangling.match(text); match.hasMatch(); match = dangling.match(text)) {
        text.remove(match.capturedStart(0), match.capturedLength(0));
        ++removed;
    }
    return removed;
}

// A draft has one section per header: a repeated "Findings:" or "Impression:" (the model wrote
// "Impression: no acute cardiopulmonary abnormality. Impression: vague nodular densities.") loses
// the later header, its sentences join the section before, and the first of them starts with a
// capital. Returns the headers removed.
int mergeRepeatedSections(QString &text)
{
    static const QRegularExpression header(QStringLiteral("\\b(findings|impression)[ \\t]*:[ \\t]*"), QRegularExpression::CaseInsensitiveOption);
    int removed = 0;
    QSet<QString> seen;
    for (int from = 0;;) {
        const QRegularExpressionMatch m = header.match(text, from);
        if (!m.hasMatch())
            break;
        const QString name = m.captured(1).toLower();
        if (!seen.contains(name)) {
            seen.insert(name);
            from = int(m.capturedEnd(0));
            continue;
        }
        const int start = int(m.capturedStart(0));
        text.remove(start, int(m.capturedLength(0)));
        if (start < text.size() && text.at(start).isLower())
            text[start] = text.at(start).toUpper();
        from = start;
        ++removed;
    }
    return removed;
}

} // namespace

std::vector<Fragment> fragments(const QString &text)
{
    std::vector<Fragment> out;
    static const QRegularExpression listNumber(QStringLiteral("^\\d+\\.$"));
    const auto spans = Labeler::sentences(text);
    QSet<QString> inSection; // the section's sentences so far, lower case, spaces simplified
    for (size_t i = 0; i < spans.size(); ++i) {
        const auto [start, end] = spans[i];
        const QString sentence = text.mid(start, end - start);
        const int header = headerLength(sentence);
        const QString body = sentence.mid(header);
        if (header > 0)
            inSection.clear();
        bool charged = true;
        QString reason = reasonFor(body, charged);
        // The same sentence twice in one section ("No airspace disease. No airspace disease."); an
        // impression restating a findings sentence is another section and stays.
        const QString normalised = body.simplified().toLower();
        if (reason.isEmpty() && !listNumber.match(normalised).hasMatch() && normalised.size() > 2 && inSection.contains(normalised)) {
            reason = QStringLiteral("repeats a sentence of its section");
            charged = false;
        }
        inSection.insert(normalised);
        // A list number ("1.") with no item after it on its line: "Impression: 1."
        if (reason.isEmpty() && listNumber.match(body.trimmed()).hasMatch() &&
            (i + 1 == spans.size() || text.mid(end, spans[i + 1].first - end).contains(QLatin1Char('\n'))))
            reason = QStringLiteral("list number without an item");
        if (!reason.isEmpty())
            out.push_back({start + header, int(body.size()), reason, charged});
    }
    return out;
}

FinalDraft finalizeDraft(const QString &text, const Labeler &labeler, const std::optional<std::array<int8_t, kObservationCount>> &present,
                         const UnsupportedClaims &unsupported, const generation::SentenceSet *knownSentences)
{
    FinalDraft out;
    const Resolution resolved = resolveContradictions(text, labeler, present);
    out.contradictingRemoved = resolved.removedSentences;
    out.text = resolved.text;
    out.repeatedHeadersRemoved = mergeRepeatedSections(out.text);
    const generation::SentenceSet *known = knownSentences ? knownSentences : unsupported.trainingSentences;
    if (known && !known->empty()) {
        // Composed sentences the labeler reads nothing in: no observation (present, absent or
        // hedged), no abnormality outside the 14. "Two venous in the lingula.", "The right
        // hemidiaphragm is noted.": the decoder's drift; a radiologist's sentence stating nothing
        // ("2 images.") is a training sentence and stays.
        std::vector<std::pair<int, int>> empty;
        size_t statements = 0; // sentences, list numbers ("1.") apart
        for (const auto &[start, end] : Labeler::sentences(out.text)) {
            const QString sentence = out.text.mid(start, end - start);
            const int header = headerLength(sentence);
            const auto pieces = generation::SentenceSet::sentences(sentence.toStdString());
            statements += pieces.empty() ? 0 : 1;
            if (pieces.empty() || known->contains(pieces.front()))
                continue;
            const LabelResult read = labeler.label(sentence);
            if (read.mentions.empty() && read.others.empty())
                empty.emplace_back(start + header, end - start - header);
        }
        if (!empty.empty() && empty.size() < statements)
            out.emptyComposedRemoved = detail::removeSpans(out.text, empty);
    }
    const std::vector<Fragment> found = fragments(out.text);
    // A draft is never emptied: when every sentence is a fragment (an untrained or lost model),
    // the text stays as it is, for the reader to see what the model wrote.
    if (found.size() >= Labeler::sentences(out.text).size()) {
        if (out.emptyComposedRemoved > 0)
            out.text = tidy(out.text);
        return out;
    }
    // The fragments go; a list number whose item was one is left without it ("Impression: 2.
    // <fragment>") and goes in the next round.
    for (std::vector<Fragment> left = found; !left.empty() && left.size() < Labeler::sentences(out.text).size(); left = fragments(out.text)) {
        std::vector<std::pair<int, int>> spans;
        for (const Fragment &f : left)
            spans.emplace_back(f.start, f.length);
        const int removed = detail::removeSpans(out.text, spans);
        if (removed == 0)
            break;
        out.fragmentsRemoved += removed;
    }
    if (unsupported.trainingSentences && present) {
        std::vector<std::pair<int, int>> claims;
        const auto sentences = Labeler::sentences(out.text);
        for (const auto &[start, end] : sentences) {
            const QString sentence = out.text.mid(start, end - start);
            const auto pieces = generation::SentenceSet::sentences(sentence.toStdString());
            if (pieces.empty() || unsupported.trainingSentences->contains(pieces.front()))
                continue;
            bool claimsAbsent = false;
            for (const Finding &f : labeler.label(sentence).findings)
                claimsAbsent = claimsAbsent || (f.present() && f.observation != Observation::NoFinding &&
                                                (*present)[size_t(int(f.observation))] == 0);
            if (claimsAbsent)
                claims.emplace_back(start, end - start);
        }
        if (!claims.empty() && claims.size() < sentences.size())
            out.unsupportedRemoved = detail::removeSpans(out.text, claims);
    }
    {
        std::vector<std::pair<int, int>> moved;
        for (const LocationConflict &c : locationConflicts(labeler.label(out.text), out.text))
            moved.emplace_back(c.start, c.length);
        if (!moved.empty() && moved.size() < Labeler::sentences(out.text).size())
            out.locationRemoved = detail::removeSpans(out.text, moved);
    }
    {
        // An impression that states a device or fracture the findings never mention, unless the
        // classifiers read it present ("Impression: right lower thoracic spine fusion." after a
        // pneumonia's findings).
        std::vector<std::pair<int, int>> added;
        for (const ImpressionOnlyClaim &c : impressionOnlyClaims(labeler.label(out.text), out.text))
            if (!present || (*present)[size_t(int(c.observation))] != 1)
                added.emplace_back(c.start, c.length);
        if (!added.empty() && added.size() < Labeler::sentences(out.text).size())
            out.impressionOnlyRemoved = detail::removeSpans(out.text, added);
    }
    const int headers = removeDanglingHeaders(out.text);
    if (out.fragmentsRemoved > 0 || out.contradictingRemoved > 0 || out.unsupportedRemoved > 0 || out.locationRemoved > 0 ||
        out.impressionOnlyRemoved > 0 || headers > 0 || out.repeatedHeadersRemoved > 0 || out.emptyComposedRemoved > 0)
        out.text = tidy(out.text);
    out.impressionAdded = addImpressionFromFindings(out.text, labeler, known && !known->empty() ? known : nullptr);
    return out;
}

namespace {
// The finding of a findings sentence in an impression's words ("small amount of left basilar
// patchy opacities." -> "left basilar opacity."): [possible] [size] [where] what, where is the
// lobe or zone the sentence names (Consistency.h) for a lung finding, else the finding's side.
// Empty when the sentence states no finding an impression sums up, or when the labeler would read
// the words as anything but that finding (then nothing is said that the sentence did not say).
QString findingInImpressionWords(const QString &sentence, const Labeler &labeler, bool (*summed)(Observation))
{
    const FindingSet stated = labeler.label(sentence).findings;
    const auto f = std::find_if(stated.begin(), stated.end(), [&](const Finding &x) { return x.present() && summed(x.observation); });
    if (f == stated.end())
        return {};
    const QString lower = sentence.toLower();
    QString what;
    bool lung = true;
    switch (f->observation) {
    case Observation::LungOpacity: what = lower.contains(QLatin1String("airspace disease")) ? QStringLiteral("airspace disease") : QStringLiteral("opacity"); break;
    case Observation::LungLesion:
        what = lower.contains(QLatin1String("mass")) ? QStringLiteral("mass") : lower.contains(QLatin1String("nodul")) ? QStringLiteral("nodule") : QStringLiteral("lesion");
        break;
    case Observation::Consolidation: what = QStringLiteral("consolidation"); break;
    case Observation::Pneumonia: what = QStringLiteral("pneumonia"); break;
    case Observation::Atelectasis: what = QStringLiteral("atelectasis"); break;
    case Observation::Edema: what = QStringLiteral("pulmonary edema"), lung = false; break;
    case Observation::Pneumothorax: what = QStringLiteral("pneumothorax"), lung = false; break;
    case Observation::PleuralEffusion: what = QStringLiteral("pleural effusion"), lung = false; break;
    case Observation::Cardiomegaly: what = QStringLiteral("cardiomegaly"), lung = false; break;
    case Observation::EnlargedCardiomediastinum: what = QStringLiteral("enlarged cardiomediastinal silhouette"), lung = false; break;
    default: return {};
    }
    const auto sideWord = [&]() -> QString {
        switch (f->side) {
        case Side::Left: return QStringLiteral("left");
        case Side::Right: return QStringLiteral("right");
        case Side::Bilateral: return QStringLiteral("bilateral");
        default: return {};
        }
    };
    QString where;
    if (lung) {
        const int lobes = namedLobes(sentence), zones = namedZones(sentence);
        static const std::pair<int, const char *> lobeNames[] = {{RightUpperLobe, "right upper lobe"}, {RightMiddleLobe, "right middle lobe"},
                                                                 {RightLowerLobe, "right lower lobe"}, {LeftUpperLobe, "left upper lobe"},
                                                                 {LeftLowerLobe, "left lower lobe"},   {Lingula, "lingular"}};
        for (const auto &[lobe, name] : lobeNames)
            if (lobes == lobe)
                where = QLatin1String(name);
        // Without one lobe: the zones of one side (a lower zone is "basilar"), both bases, or both sides.
        const int right = zones & (RightUpperZone | RightMidZone | RightLowerZone), left = zones & (LeftUpperZone | LeftMidZone | LeftLowerZone);
        const auto oneSide = [](const QString &side, bool upper, bool mid, bool lower) {
            return lower && !upper && !mid ? side + QStringLiteral(" basilar")
                   : upper && !mid && !lower ? side + QStringLiteral(" upper lung")
                   : mid && !upper && !lower ? side + QStringLiteral(" midlung")
                                             : side;
        };
        if (!where.isEmpty() || lobes != 0 || zones == 0)
            ; // a lobe named (or several: the side below), or no zone
        else if (right == RightLowerZone && left == LeftLowerZone)
            where = QStringLiteral("bibasilar");
        else if (left == 0)
            where = oneSide(QStringLiteral("right"), right & RightUpperZone, right & RightMidZone, right & RightLowerZone);
        else if (right == 0)
            where = oneSide(QStringLiteral("left"), left & LeftUpperZone, left & LeftMidZone, left & LeftLowerZone);
        else
            where = QStringLiteral("bilateral");
        if (where.isEmpty())
            where = sideWord();
    } else if (f->observation == Observation::PleuralEffusion || f->observation == Observation::Pneumothorax) {
        where = sideWord();
    }
    QString size;
    switch (f->severity) {
    case Severity::Minimal: size = QStringLiteral("minimal"); break;
    case Severity::Mild: size = QStringLiteral("mild"); break;
    case Severity::Small: size = QStringLiteral("small"); break;
    case Severity::Moderate: size = QStringLiteral("moderate"); break;
    case Severity::Large: size = QStringLiteral("large"); break;
    case Severity::Severe: size = QStringLiteral("severe"); break;
    default: break;
    }
    QStringList words;
    if (f->status == Status::Uncertain)
        words << QStringLiteral("possible");
    for (const QString &w : {size, where, what})
        if (!w.isEmpty())
            words << w;
    const QString out = words.join(QLatin1Char(' ')) + QLatin1Char('.');
    // The words must say that finding, with its status and side, and nothing else.
    const FindingSet read = labeler.label(out).findings;
    if (read.size() != 1 || read.front().observation != f->observation || read.front().status != f->status ||
        (f->side != Side::Unspecified && read.front().side != f->side) || !fragments(out).empty())
        return {};
    return out;
}
} // namespace

bool addImpressionFromFindings(QString &text, const Labeler &labeler, const generation::SentenceSet *trainingSentences)
{
    if (text.trimmed().isEmpty() || text.contains(QLatin1String("impression:"), Qt::CaseInsensitive))
        return false;
    // What an impression sums up: the heart and mediastinum, the lungs, the pleura.
    const auto summed = [](Observation o) {
        return o != Observation::NoFinding && o != Observation::PleuralOther && o != Observation::Fracture && o != Observation::SupportDevices;
    };
    static const QRegularExpression header(QStringLiteral("^\\s*findings\\s*:\\s*"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression thereIs(QStringLiteral("^\\s*(findings\\s*:\\s*)?(there\\s+(is|are)\\s+)?((a|an)\\s+)?"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto known = [&](const QString &candidate) {
        const auto pieces = generation::SentenceSet::sentences(candidate.toStdString());
        return !pieces.empty() && trainingSentences->contains(pieces.front());
    };
    QStringList restated, composed;
    bool anyAbsent = false, anyAcuteKind = false; // acute kind: a finding other than pleural thickening or a device
    for (const auto &[start, end] : Labeler::sentences(text)) {
        const QString sentence = text.mid(start, end - start).trimmed();
        bool sums = false;
        for (const Finding &f : labeler.label(sentence).findings) {
            if (f.observation == Observation::NoFinding)
                continue;
            if (f.present()) {
                sums = sums || summed(f.observation);
                anyAcuteKind = anyAcuteKind || (f.observation != Observation::PleuralOther && f.observation != Observation::SupportDevices);
            } else {
                anyAbsent = true;
            }
        }
        if (!sums || restated.size() == 2)
            continue;
        if (trainingSentences && !known(sentence)) {
            // Composed: not repeated; its finding may be named (below).
            if (composed.size() < 2)
                if (const QString named = findingInImpressionWords(sentence, labeler, summed); !named.isEmpty() && !composed.contains(named))
                    composed << named;
            continue;
        }
        QString body = sentence;
        body.remove(thereIs);
        // Without "there is" only where a training report has it so: a restated sentence is never
        // one the editor would mark as composed.
        if (trainingSentences && !known(body)) {
            body = sentence;
            body.remove(header);
        }
        if (!body.isEmpty() && fragments(body).empty())
            restated << body;
    }
    QString impression;
    if (!restated.isEmpty())
        impression = restated.join(QLatin1Char(' '));
    else if (!composed.isEmpty())
        impression = composed.join(QLatin1Char(' ')); // only composed sentences state it: their findings, named
    else if (!anyAcuteKind && anyAbsent)
        // Nothing present, or only pleural thickening or devices (which radiologists' impressions
        // follow with "no acute ..."); a fracture is left for the reader to sum up.
        impression = QStringLiteral("no acute cardiopulmonary abnormality.");
    else
        return false;
    text = text.trimmed() + QStringLiteral(" Impression: ") + impression;
    return true;
}

double fragmentPenalty(const std::string &utf8)
{
    const std::vector<Fragment> found = fragments(QString::fromStdString(utf8));
    return kFragmentPenalty * double(std::count_if(found.begin(), found.end(), [](const Fragment &f) { return f.charged; }));
}

std::string finishedDraft(const std::string &draft, const std::vector<float> &probabilities, const UnsupportedClaims &unsupported,
                          const generation::SentenceSet *knownSentences)
{
    if (draft.empty())
        return draft;
    std::optional<std::array<int8_t, kObservationCount>> present;
    if (probabilities.size() == size_t(kObservationCount)) {
        present.emplace();
        for (size_t k = 0; k < present->size(); ++k) {
            const float p = probabilities[k];
            (*present)[k] = int8_t(p > 0.6f ? 1 : p < 0.25f ? 0 : -1);
        }
    }
    static const Labeler labeler;
    return finalizeDraft(QString::fromStdString(draft), labeler, present, unsupported, knownSentences).text.toStdString();
}

void finishGeneratedReport(std::string &report, std::vector<std::string> &drafts, const std::vector<double> &scores, int &choice,
                           const std::vector<float> &probabilities, const UnsupportedClaims &unsupported,
                           const generation::SentenceSet *knownSentences)
{
    if (!drafts.empty() && drafts.size() == scores.size()) {
        int best = 0;
        double bestScore = 0;
        for (size_t i = 0; i < drafts.size(); ++i) {
            const double score = scores[i] - fragmentPenalty(drafts[i]);
            if (i == 0 || score > bestScore + 1e-9) {
                best = int(i);
                bestScore = score;
            }
        }
        choice = best;
        report = drafts[size_t(best)];
    }
    auto finish = [&](std::string &text) { text = finishedDraft(text, probabilities, unsupported, knownSentences); };
    finish(report);
    for (std::string &draft : drafts)
        finish(draft);
}

} // namespace radsynth::report
