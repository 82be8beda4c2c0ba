// Self-contradiction check and resolution (Consistency.h).
#include "radsynth/report/Consistency.h"

#include "TextSpans.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <set>

namespace radsynth::report {

namespace {
// The sentence's words, lower case, letters only ("right-sided" is "right", "sided").
std::vector<QString> lowerWords(const QString &sentence)
{
    static const QRegularExpression word(QStringLiteral("[a-z]+"));
    std::vector<QString> words;
    for (auto it = word.globalMatch(sentence.toLower()); it.hasNext();)
        words.push_back(it.next().captured());
    return words;
}

// The length of the "Impression:" header a sentence starts with (0 without one): an impression
// sentence's span leaves it out, so that removing the sentence keeps the header of those after it.
int impressionHeaderLength(const QString &sentence)
{
    static const QRegularExpression header(QStringLiteral("^\\s*impression\\s*:\\s*"), QRegularExpression::CaseInsensitiveOption);
    return int(header.match(sentence).capturedLength());
}

bool overlap(Side a, Side b)
{
    return a == Side::Unspecified || b == Side::Unspecified || a == Side::Bilateral || b == Side::Bilateral || a == b;
}

// Does a mention of `denied` stated absent deny `observation` too? A denial of airspace disease
// (lung opacity) denies a consolidation and a pneumonia, a denial of consolidation denies a
// pneumonia (radiographically a pneumonia is a consolidation): "Right lower lobe pneumonia. No
// focal airspace disease." contradicts itself. Atelectasis, edema and lesions are left out on
// purpose: "No focal airspace disease. Mild bibasilar atelectasis." is how radiologists write.
bool denies(Observation denied, Observation observation)
{
    if (denied == observation)
        return true;
    switch (observation) {
    case Observation::Pneumonia: return denied == Observation::Consolidation || denied == Observation::LungOpacity;
    case Observation::Consolidation: return denied == Observation::LungOpacity;
    default: return false;
    }
}

// Does `m` deny `observation`: a denial of it or of what implies it (denies), or a whole-study
// statement with "acute" in it ("No acute cardiopulmonary abnormality.", "No acute disease."),
// which denies the acute findings: a pneumonia, a consolidation, edema, a pneumothorax. Chronic
// ones (scarring opacities, a granuloma, a small old effusion) stand beside it in radiologists'
// impressions and are left out.
bool deniesIn(const Mention &m, Observation observation, const QString &text)
{
    if (m.status == Status::Negative)
        return denies(m.observation, observation);
    if (m.status != Status::Positive || m.observation != Observation::NoFinding || text.isEmpty())
        return false;
    const bool acute = observation == Observation::Pneumonia || observation == Observation::Consolidation ||
                       observation == Observation::Edema || observation == Observation::Pneumothorax;
    return acute && text.mid(m.start, m.length).contains(QLatin1String("acute"), Qt::CaseInsensitive);
}
} // namespace

std::vector<Contradiction> contradictions(const LabelResult &result, const QString &text)
{
    // "The lungs are otherwise clear": a denial scoped around what was just stated.
    auto scoped = [&](const Mention &m) {
        return !text.isEmpty() && text.mid(m.sentenceStart, m.sentenceLength).contains(QLatin1String("otherwise"), Qt::CaseInsensitive);
    };
    // The labeler reads no side for denials; "No left pleural effusion" denies the left only.
    auto sideOf = [&](const Mention &m) {
        if (m.side != Side::Unspecified || m.status != Status::Negative || text.isEmpty())
            return m.side;
        const QString lead = text.mid(m.sentenceStart, m.start + m.length - m.sentenceStart).toLower();
        const int left = lead.lastIndexOf(QLatin1String("left")), right = lead.lastIndexOf(QLatin1String("right"));
        if (lead.contains(QLatin1String("bilateral")) || (left >= 0 && right >= 0))
            return Side::Bilateral;
        return left >= 0 ? Side::Left : right >= 0 ? Side::Right : Side::Unspecified;
    };
    std::vector<Contradiction> out;
    for (Observation observation : allObservations()) {
        Contradiction c;
        c.observation = observation;
        bool clash = false;
        for (const Mention &a : result.mentions) {
            if (a.status == Status::Uncertain)
                continue;
            if (a.status == Status::Positive && a.observation == observation)
                ++c.positive;
            else if (deniesIn(a, observation, text))
                ++c.negative;
            else
                continue;
            for (const Mention &b : result.mentions)
                if (a.status == Status::Positive && a.observation == observation && deniesIn(b, observation, text) &&
                    overlap(sideOf(a), sideOf(b)) && !scoped(b))
                    clash = true;
        }
        if (clash)
            out.push_back(c);
    }
    return out;
}

Resolution resolveContradictions(const QString &text, const Labeler &labeler,
                                 const std::optional<std::array<int8_t, kObservationCount>> &present)
{
    Resolution r;
    r.text = text;
    const LabelResult result = labeler.label(text);
    const std::vector<Contradiction> found = contradictions(result, text);
    if (found.empty())
        return r;
    // A mention that states `observation` present, or absent (itself or what it implies denied).
    auto states = [&](const Mention &m, Observation observation) {
        return (m.status == Status::Positive && m.observation == observation) || deniesIn(m, observation, text);
    };
    std::set<std::pair<int, int>> drop; // sentence spans [start, start + length)
    for (const Contradiction &c : found) {
        bool keepPresent = false;
        const int opinion = present ? (*present)[size_t(int(c.observation))] : -1;
        if (opinion == 0 || opinion == 1) {
            keepPresent = opinion == 1;
        } else {
            // The last statement of it; a whole-study "no acute ..." does not count: the finding
            // it overrules was stated on purpose, "no acute" is the stock phrase.
            const Mention *last = nullptr;
            for (const Mention &m : result.mentions)
                if (states(m, c.observation) && (m.status != Status::Positive || m.observation == c.observation) &&
                    (!last || m.start > last->start))
                    last = &m;
            keepPresent = !last || last->status == Status::Positive;
        }
        for (const Mention &m : result.mentions)
            if (states(m, c.observation) && (m.status == Status::Positive && m.observation == c.observation) != keepPresent)
                drop.insert({m.sentenceStart, m.sentenceLength});
        r.resolved.push_back(c.observation);
    }
    // The sentences go, then the spaces left behind.
    r.removedSentences = detail::removeSpans(r.text, std::vector<std::pair<int, int>>(drop.begin(), drop.end()));
    r.text = detail::tidyLines(r.text).join(QLatin1Char('\n'));
    return r;
}

int namedLobes(const QString &sentence)
{
    const std::vector<QString> words = lowerWords(sentence);
    int lobes = 0;
    int side = 0; // 1 right, 2 left: the last side named carries ("right middle and lower lobes")
    for (size_t i = 0; i < words.size(); ++i) {
        const QString &w = words[i];
        if (w == QLatin1String("right"))
            side = 1;
        else if (w == QLatin1String("left"))
            side = 2;
        else if (w == QLatin1String("lingula") || w == QLatin1String("lingular"))
            lobes |= Lingula;
        else if (side != 0 && (w == QLatin1String("upper") || w == QLatin1String("middle") || w == QLatin1String("lower"))) {
            // "lobe(s)" within the next three words, through other levels and "and"/"or".
            bool lobe = false;
            for (size_t j = i + 1; j < std::min(words.size(), i + 5) && !lobe; ++j) {
                const QString &n = words[j];
                if (n == QLatin1String("lobe") || n == QLatin1String("lobes"))
                    lobe = true;
                else if (n != QLatin1String("and") && n != QLatin1String("or") && n != QLatin1String("upper") &&
                         n != QLatin1String("middle") && n != QLatin1String("lower") && n != QLatin1String("right") &&
                         n != QLatin1String("left")) // "right middle and right lower lobe"
                    break;
            }
            if (!lobe)
                continue;
            if (side == 1)
                lobes |= w == QLatin1String("upper") ? RightUpperLobe : w == QLatin1String("middle") ? RightMiddleLobe : RightLowerLobe;
            else if (w != QLatin1String("middle"))
                lobes |= w == QLatin1String("upper") ? LeftUpperLobe : LeftLowerLobe;
        }
    }
    return lobes;
}

int namedZones(const QString &sentence)
{
    const int lobes = namedLobes(sentence);
    int zones = 0;
    if (lobes & RightUpperLobe)
        zones |= RightUpperZone;
    if (lobes & RightMiddleLobe)
        zones |= RightMidZone;
    if (lobes & RightLowerLobe)
        zones |= RightLowerZone;
    if (lobes & LeftUpperLobe)
        zones |= LeftUpperZone | LeftMidZone;
    if (lobes & Lingula)
        zones |= LeftMidZone;
    if (lobes & LeftLowerLobe)
        zones |= LeftLowerZone;
    const std::vector<QString> words = lowerWords(sentence);
    static const QSet<QString> bases = {QStringLiteral("base"), QStringLiteral("bases"), QStringLiteral("basilar"), QStringLiteral("basal"),
                                        QStringLiteral("basally"), QStringLiteral("basilarly")};
    static const QSet<QString> apices = {QStringLiteral("apex"), QStringLiteral("apices"), QStringLiteral("apical")};
    static const QSet<QString> lungWords = {QStringLiteral("lung"), QStringLiteral("lungs"), QStringLiteral("zone"), QStringLiteral("zones"),
                                            QStringLiteral("field"), QStringLiteral("fields"), QStringLiteral("hemithorax")};
    int side = 0; // 1 right, 2 left, 3 both: the last side named carries
    const auto zone = [&](int right, int left) { return side == 1 ? right : side == 2 ? left : right | left; };
    for (size_t i = 0; i < words.size(); ++i) {
        const QString &w = words[i];
        if ((w == QLatin1String("right") || w == QLatin1String("left")) && i > 0 && words[i - 1] == QLatin1String("than"))
            side = 3; // "left greater than right basilar opacity"
        else if (w == QLatin1String("right"))
            side = 1;
        else if (w == QLatin1String("left"))
            side = 2;
        else if (w == QLatin1String("bilateral") || w == QLatin1String("bilaterally") || w == QLatin1String("both"))
            side = 3;
        else if (w == QLatin1String("bibasilar") || w == QLatin1String("bibasal") || w == QLatin1String("bibasally"))
            zones |= RightLowerZone | LeftLowerZone;
        else if (w == QLatin1String("biapical"))
            zones |= RightUpperZone | LeftUpperZone;
        else if (bases.contains(w))
            zones |= zone(RightLowerZone, LeftLowerZone); // no side: both bases ("basilar atelectasis")
        else if (apices.contains(w))
            zones |= zone(RightUpperZone, LeftUpperZone);
        else if (w == QLatin1String("midlung") || w == QLatin1String("midlungs")) {
            if (side != 0)
                zones |= zone(RightMidZone, LeftMidZone);
        } else if (side != 0 && (w == QLatin1String("upper") || w == QLatin1String("lower") || w == QLatin1String("mid") ||
                                 w == QLatin1String("middle"))) {
            // "right lower lung", "left upper lung zone", "right mid and lower lung fields"
            bool lung = false;
            for (size_t j = i + 1; j < std::min(words.size(), i + 4) && !lung; ++j) {
                const QString &n = words[j];
                if (lungWords.contains(n))
                    lung = true;
                else if (n != QLatin1String("and") && n != QLatin1String("or") && n != QLatin1String("upper") && n != QLatin1String("mid") &&
                         n != QLatin1String("middle") && n != QLatin1String("lower"))
                    break;
            }
            if (lung)
                zones |= w == QLatin1String("upper") ? zone(RightUpperZone, LeftUpperZone)
                         : w == QLatin1String("lower") ? zone(RightLowerZone, LeftLowerZone)
                                                       : zone(RightMidZone, LeftMidZone);
        }
    }
    return zones;
}

std::vector<LocationConflict> locationConflicts(const LabelResult &result, const QString &text)
{
    const int impression = text.indexOf(QLatin1String("impression:"), 0, Qt::CaseInsensitive);
    if (impression < 0)
        return {};
    auto parenchymal = [](Observation o) {
        return o == Observation::LungOpacity || o == Observation::Consolidation || o == Observation::Pneumonia ||
               o == Observation::Atelectasis || o == Observation::LungLesion;
    };
    // The sentences that state such a finding present or uncertain, once each.
    std::set<std::pair<int, int>> stating;
    for (const Mention &m : result.mentions)
        if (parenchymal(m.observation) && m.status != Status::Negative)
            stating.emplace(m.sentenceStart, m.sentenceLength);
    int findingsZones = 0;
    for (const auto &[start, length] : stating)
        if (start < impression)
            findingsZones |= namedZones(text.mid(start, length));
    std::vector<LocationConflict> out;
    std::set<int> listed; // impression sentences already in `out`
    if (findingsZones != 0) {
        for (const auto &[start, length] : stating) {
            if (start < impression)
                continue;
            const int zones = namedZones(text.mid(start, length));
            if (!(zones & ~findingsZones))
                continue;
            const int skip = impressionHeaderLength(text.mid(start, length)); // "Impression: Right upper lobe pneumonia."
            out.push_back({start + skip, length - skip, findingsZones, zones});
            listed.insert(start);
        }
    }
    // A pleural effusion or pneumothorax the impression puts on one side while the findings state
    // it only on the other ("Findings: small left pleural effusion. Impression: small right-sided
    // pleural effusion."). Findings that state it on both sides, or without a side, allow either.
    for (const Observation o : {Observation::PleuralEffusion, Observation::Pneumothorax}) {
        bool left = false, right = false, anywhere = false;
        for (const Mention &m : result.mentions) {
            if (m.observation != o || m.status == Status::Negative || m.sentenceStart >= impression)
                continue;
            left = left || m.side == Side::Left;
            right = right || m.side == Side::Right;
            anywhere = anywhere || m.side == Side::Bilateral || m.side == Side::Unspecified;
        }
        if (anywhere || left == right) // both sides, or not stated in the findings at all
            continue;
        for (const Mention &m : result.mentions) {
            if (m.observation != o || m.status == Status::Negative || m.sentenceStart < impression || listed.count(m.sentenceStart))
                continue;
            if (!((m.side == Side::Left && right) || (m.side == Side::Right && left)))
                continue;
            const int skip = impressionHeaderLength(text.mid(m.sentenceStart, m.sentenceLength));
            out.push_back({m.sentenceStart + skip, m.sentenceLength - skip, 0, 0});
            listed.insert(m.sentenceStart);
        }
    }
    std::sort(out.begin(), out.end(), [](const LocationConflict &a, const LocationConflict &b) { return a.start < b.start; });
    return out;
}

std::vector<ImpressionOnlyClaim> impressionOnlyClaims(const LabelResult &result, const QString &text)
{
    std::vector<ImpressionOnlyClaim> out;
    const int impression = text.indexOf(QLatin1String("impression:"), 0, Qt::CaseInsensitive);
    static const QRegularExpression findingsHeader(QStringLiteral("^\\s*findings\\s*:"), QRegularExpression::CaseInsensitiveOption);
    if (impression <= 0 || text.left(impression).remove(findingsHeader).trimmed().isEmpty())
        return out; // no findings to compare with
    const auto described = [](Observation o) { return o == Observation::SupportDevices || o == Observation::Fracture; };
    std::set<Observation> inFindings;
    for (const Mention &m : result.mentions)
        if (m.sentenceStart < impression)
            inFindings.insert(m.observation);
    std::set<std::pair<int, int>> seen;
    for (const Mention &m : result.mentions) {
        if (m.sentenceStart < impression || !described(m.observation) || m.status == Status::Negative || inFindings.count(m.observation))
            continue;
        if (!seen.emplace(m.sentenceStart, m.sentenceLength).second)
            continue;
        const int skip = impressionHeaderLength(text.mid(m.sentenceStart, m.sentenceLength));
        out.push_back({m.sentenceStart + skip, m.sentenceLength - skip, m.observation});
    }
    return out;
}

int locationConflictCount(const std::string &utf8)
{
    static const Labeler labeler;
    const QString text = QString::fromStdString(utf8);
    return int(locationConflicts(labeler.label(text), text).size());
}

int contradictionCount(const std::string &utf8)
{
    static const Labeler labeler;
    const QString text = QString::fromStdString(utf8);
    return int(contradictions(labeler.label(text), text).size());
}

} // namespace radsynth::report
