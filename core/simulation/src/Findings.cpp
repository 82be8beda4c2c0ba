#include "radsynth/simulation/Findings.h"

#include "Random.h"

#include "radsynth/generation/TrainingCache.h"

#include <algorithm>
#include <sstream>

namespace radsynth::simulation {

namespace {
// The names are the one table of the 14 CheXpert observations (generation::kObservationNames: the
// training cache's label order), so simulated ground truth, report labels and training labels agree.
static_assert(kObservationCount == generation::kObservationCount, "one table of the 14 observations");
constexpr const std::array<const char *, kObservationCount> &kNames = generation::kObservationNames;

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
} // namespace

const char *toString(Observation o) { return kNames[int(o)]; }

bool observationFromString(const std::string &name, Observation *out)
{
    std::string n = lower(trim(name));
    std::replace(n.begin(), n.end(), ' ', '_');
    std::replace(n.begin(), n.end(), '-', '_');
    const struct { const char *alias; Observation o; } aliases[] = {
        {"normal", Observation::NoFinding}, {"nodule", Observation::LungLesion}, {"mass", Observation::LungLesion},
        {"effusion", Observation::PleuralEffusion}, {"device", Observation::SupportDevices},
        {"pacemaker", Observation::SupportDevices}, {"rib_fracture", Observation::Fracture},
        {"enlarged_mediastinum", Observation::EnlargedCardiomediastinum}, {"opacity", Observation::LungOpacity}};
    for (int i = 0; i < kObservationCount; ++i)
        if (n == kNames[i]) {
            *out = Observation(i);
            return true;
        }
    for (const auto &a : aliases)
        if (n == a.alias) {
            *out = a.o;
            return true;
        }
    return false;
}

const char *toString(Side s)
{
    switch (s) {
    case Side::Left: return "left";
    case Side::Right: return "right";
    case Side::Bilateral: return "bilateral";
    default: return "";
    }
}
const char *toString(Severity s)
{
    switch (s) {
    case Severity::Small: return "small";
    case Severity::Moderate: return "moderate";
    case Severity::Large: return "large";
    default: return "";
    }
}
const char *toString(Zone z)
{
    switch (z) {
    case Zone::Upper: return "upper";
    case Zone::Middle: return "middle";
    case Zone::Lower: return "lower";
    default: return "";
    }
}
const char *toString(Device d)
{
    switch (d) {
    case Device::Pacemaker: return "pacemaker";
    case Device::EndotrachealTube: return "et_tube";
    case Device::CentralLine: return "central_line";
    case Device::NasogastricTube: return "ng_tube";
    case Device::SternotomyWires: return "sternotomy";
    default: return "";
    }
}

bool Findings::normal() const
{
    return std::none_of(items.begin(), items.end(), [](const Finding &f) { return f.observation != Observation::NoFinding; });
}
bool Findings::has(Observation o) const { return find(o) != nullptr; }
const Finding *Findings::find(Observation o) const
{
    for (const auto &f : items)
        if (f.observation == o)
            return &f;
    return nullptr;
}

std::array<int8_t, kObservationCount> Findings::labels() const
{
    std::array<int8_t, kObservationCount> l{};
    for (const auto &f : items)
        l[size_t(f.observation)] = 1;
    if (normal())
        l[0] = 1;
    return l;
}

std::string Findings::toSpec() const
{
    if (normal())
        return "no_finding";
    std::string out;
    for (const auto &f : items) {
        if (f.observation == Observation::NoFinding)
            continue;
        if (!out.empty())
            out += ';';
        out += toString(f.observation);
        for (const char *part : {toString(f.side), toString(f.severity), toString(f.zone), toString(f.device)})
            if (*part)
                out += std::string(":") + part;
        if (!f.modifier.empty())
            out += ":" + f.modifier;
    }
    return out;
}

std::string Findings::toJson() const
{
    std::ostringstream o;
    o << '[';
    bool first = true;
    for (const auto &f : items) {
        if (f.observation == Observation::NoFinding)
            continue;
        o << (first ? "" : ",") << "{\"observation\":\"" << toString(f.observation) << '"';
        first = false;
        const std::pair<const char *, const char *> fields[] = {
            {"side", toString(f.side)}, {"severity", toString(f.severity)}, {"zone", toString(f.zone)}, {"device", toString(f.device)}};
        for (const auto &kv : fields)
            if (*kv.second)
                o << ",\"" << kv.first << "\":\"" << kv.second << '"';
        if (!f.modifier.empty())
            o << ",\"modifier\":\"" << f.modifier << '"';
        o << '}';
    }
    o << ']';
    return o.str();
}

Result<Findings> parseFindings(const std::string &spec)
{
    Findings findings;
    std::stringstream items(spec);
    std::string item;
    while (std::getline(items, item, ';')) {
        item = trim(item);
        if (item.empty())
            continue;
        std::stringstream parts(item);
        std::string part;
        std::getline(parts, part, ':');
        Finding f;
        if (!observationFromString(part, &f.observation))
            return makeError("unknown observation '" + part + "' (use one of the 14 CheXpert names, e.g. cardiomegaly)");
        if (lower(trim(part)) == "mass")
            f.modifier = "mass";
        if (lower(trim(part)) == "pacemaker")
            f.device = Device::Pacemaker;
        while (std::getline(parts, part, ':')) {
            const std::string p = lower(trim(part));
            if (p == "left") f.side = Side::Left;
            else if (p == "right") f.side = Side::Right;
            else if (p == "bilateral" || p == "both") f.side = Side::Bilateral;
            else if (p == "small" || p == "mild" || p == "minimal") f.severity = Severity::Small;
            else if (p == "moderate") f.severity = Severity::Moderate;
            else if (p == "large" || p == "severe" || p == "marked") f.severity = Severity::Large;
            else if (p == "upper") f.zone = Zone::Upper;
            else if (p == "middle" || p == "mid") f.zone = Zone::Middle;
            else if (p == "lower" || p == "base" || p == "basal") f.zone = Zone::Lower;
            else if (p == "pacemaker") f.device = Device::Pacemaker;
            else if (p == "et_tube" || p == "endotracheal_tube") f.device = Device::EndotrachealTube;
            else if (p == "central_line" || p == "catheter") f.device = Device::CentralLine;
            else if (p == "ng_tube" || p == "nasogastric_tube") f.device = Device::NasogastricTube;
            else if (p == "sternotomy" || p == "sternotomy_wires") f.device = Device::SternotomyWires;
            else if (p == "mass" || p == "calcified" || p == "plaque" || p == "healed") f.modifier = p;
            else
                return makeError("unknown qualifier '" + part + "' in '" + item + "'");
        }
        if (f.observation == Observation::NoFinding)
            continue;
        findings.items.push_back(f);
    }
    return findings;
}

Findings randomFindings(uint64_t seed, double normalFraction)
{
    Random r(Random::derive(seed, 7));
    Findings f;
    if (r.chance(normalFraction))
        return f;
    const int count = r.chance(0.6) ? 1 : (r.chance(0.7) ? 2 : 3);
    const Severity severities[] = {Severity::Small, Severity::Moderate, Severity::Large};
    const Side sides[] = {Side::Left, Side::Right, Side::Bilateral};
    for (int i = 0; i < count; ++i) {
        Finding x;
        x.observation = Observation(r.integer(1, kObservationCount - 1));
        if (f.has(x.observation))
            continue;
        x.severity = severities[r.integer(0, 2)];
        switch (x.observation) {
        case Observation::PleuralEffusion: case Observation::Pneumothorax: case Observation::Atelectasis:
        case Observation::Consolidation: case Observation::Pneumonia: case Observation::LungOpacity:
        case Observation::PleuralOther:
            x.side = sides[r.integer(0, x.observation == Observation::PleuralEffusion ? 2 : 1)];
            break;
        case Observation::LungLesion: case Observation::Fracture:
            x.side = sides[r.integer(0, 1)];
            x.modifier = x.observation == Observation::LungLesion ? (r.chance(0.25) ? "mass" : (r.chance(0.2) ? "calcified" : ""))
                                                                   : (r.chance(0.3) ? "healed" : "");
            break;
        case Observation::SupportDevices:
            x.device = Device(r.integer(1, 5));
            x.severity = Severity::None;
            break;
        default: break;
        }
        if (x.observation == Observation::PleuralOther && r.chance(0.5))
            x.modifier = "plaque";
        f.items.push_back(x);
    }
    return f;
}

std::string simpleReport(const Findings &findings)
{
    std::string findingsText, impression;
    auto add = [&](const std::string &sentence) { findingsText += (findingsText.empty() ? "" : " ") + sentence; };
    auto sideText = [](const Finding &f) {
        return f.side == Side::Bilateral ? std::string("bilateral ") : (f.side == Side::None ? std::string() : std::string(toString(f.side)) + " ");
    };
    auto sev = [](const Finding &f) { return f.severity == Severity::None ? std::string() : std::string(toString(f.severity)) + " "; };
    if (!findings.has(Observation::Cardiomegaly) && !findings.has(Observation::EnlargedCardiomediastinum))
        add("The heart size and mediastinal contours are within normal limits.");
    for (const auto &f : findings.items) {
        switch (f.observation) {
        case Observation::Cardiomegaly: add("The heart is enlarged."); break;
        case Observation::EnlargedCardiomediastinum: add("The cardiomediastinal silhouette is widened."); break;
        case Observation::PleuralEffusion: add("There is a " + sev(f) + sideText(f) + "pleural effusion."); break;
        case Observation::Pneumothorax: add("There is a " + sev(f) + sideText(f) + "pneumothorax."); break;
        case Observation::Consolidation: add("There is " + sideText(f) + "airspace consolidation."); break;
        case Observation::Pneumonia: add("Patchy " + sideText(f) + "airspace disease compatible with pneumonia."); break;
        case Observation::LungOpacity: add("There is a " + sideText(f) + "lung opacity."); break;
        case Observation::Edema: add("There is perihilar interstitial and airspace edema."); break;
        case Observation::Atelectasis: add("There is " + sideText(f) + "basilar atelectasis."); break;
        case Observation::LungLesion: add(f.modifier == "calcified" ? "A calcified granuloma is present." : (f.modifier == "mass" ? "There is a " + sideText(f) + "lung mass." : "There is a " + sideText(f) + "pulmonary nodule.")); break;
        case Observation::PleuralOther: add(f.modifier == "plaque" ? "Calcified pleural plaques are present." : "There is " + sideText(f) + "pleural thickening."); break;
        case Observation::Fracture: add(std::string("There is a ") + (f.modifier == "healed" ? "healed " : "") + sideText(f) + "rib fracture."); break;
        case Observation::SupportDevices: {
            const char *text[] = {"", "A cardiac pacemaker is in place.", "An endotracheal tube is in place.",
                                  "A central venous catheter is in place.", "A nasogastric tube is in place.",
                                  "Median sternotomy wires are present."};
            add(text[int(f.device)]);
            break;
        }
        default: break;
        }
    }
    const bool lungs = findings.has(Observation::LungOpacity) || findings.has(Observation::Consolidation) ||
                       findings.has(Observation::Pneumonia) || findings.has(Observation::Edema) ||
                       findings.has(Observation::Atelectasis) || findings.has(Observation::LungLesion);
    if (!lungs)
        add("The lungs are clear.");
    if (!findings.has(Observation::PleuralEffusion) && !findings.has(Observation::Pneumothorax))
        add("No pleural effusion or pneumothorax.");
    if (findings.normal())
        impression = "No acute cardiopulmonary abnormality.";
    else
        for (const auto &f : findings.items)
            impression += std::string(impression.empty() ? "" : " ") + (sideText(f) + toString(f.observation)) + ".";
    std::replace(impression.begin(), impression.end(), '_', ' ');
    return "FINDINGS: " + findingsText + "\nIMPRESSION: " + impression;
}

} // namespace radsynth::simulation
