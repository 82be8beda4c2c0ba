// View detection for chest radiographs. The IU X-ray headers (7,469 real CR/DX files) show why
// every step is needed: ViewPosition is empty in about a third of them, PatientOrientation is
// "L\F" for frontal and "A\F" / "P\F" for lateral films, and the rest only say it in free text.
#include "radsynth/dicom/ViewDetection.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace radsynth::dicom {
namespace {

std::string upperTrimmed(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text)
        out.push_back(char(std::toupper(c)));
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> tokens(const std::string &text)
{
    std::vector<std::string> out;
    std::string current;
    for (unsigned char c : text) {
        if (std::isalnum(c)) {
            current.push_back(char(std::toupper(c)));
        } else if (!current.empty()) {
            out.push_back(current);
            current.clear();
        }
    }
    if (!current.empty())
        out.push_back(current);
    return out;
}

ViewInfo make(View view, std::string projection, std::string source)
{
    return ViewInfo{view, std::move(projection), std::move(source)};
}

// DICOM ViewPosition (0018,5101) defined terms plus the variants seen in real files.
ViewInfo fromViewPosition(const std::string &value)
{
    const std::string v = upperTrimmed(value);
    if (v.empty())
        return {};
    if (v == "PA" || v == "AP")
        return make(View::Frontal, v, "ViewPosition");
    // Decubitus films (patient on the side, horizontal beam) are frontal projections.
    if (v == "LLD" || v == "RLD")
        return make(View::Frontal, v, "ViewPosition");
    if (v == "LL" || v == "RL")
        return make(View::Lateral, v, "ViewPosition");
    // "LATERAL", "LAT", "LARGE LATERAL", "LEFT LATERAL" ...: a lateral whose side is not said,
    // unless the text is a full description ("PA LATERAL") that the keyword rule handles.
    ViewInfo described = viewFromDescription(v);
    if (described.view != View::Unknown)
        described.source = "ViewPosition";
    return described;
}

// PatientOrientation (0020,0020): first value is the patient direction of the image rows.
// Frontal films are shown in anatomical position (rows run toward the patient's left, "L"),
// for PA and AP alike; lateral films have rows running anterior or posterior.
ViewInfo fromPatientOrientation(const std::string &value)
{
    const std::string v = upperTrimmed(value);
    if (v.empty())
        return {};
    const auto separator = v.find('\\');
    const std::string rows = upperTrimmed(v.substr(0, separator));
    const std::string columns = separator == std::string::npos ? std::string() : upperTrimmed(v.substr(separator + 1));
    if (rows.empty() || columns.empty())
        return {};
    // Columns must run head-feet for a chest film read upright; anything else is not decided here.
    const char column = columns.front();
    if (column != 'F' && column != 'H')
        return {};
    const char row = rows.front();
    if (row == 'L' || row == 'R')
        return make(View::Frontal, "", "PatientOrientation");
    if (row == 'A' || row == 'P')
        return make(View::Lateral, "", "PatientOrientation");
    return {};
}

// View Code Sequence meanings (SNOMED / DICOM CID 4010): "postero-anterior", "left lateral"...
ViewInfo fromCodeMeaning(const std::string &value)
{
    const std::string v = upperTrimmed(value);
    if (v.empty())
        return {};
    std::string compact;
    for (char c : v)
        if (std::isalpha(static_cast<unsigned char>(c)))
            compact.push_back(c);
    if (compact.find("POSTEROANTERIOR") != std::string::npos)
        return make(View::Frontal, "PA", "ViewCodeSequence");
    if (compact.find("ANTEROPOSTERIOR") != std::string::npos)
        return make(View::Frontal, "AP", "ViewCodeSequence");
    if (compact.find("LEFTLATERAL") != std::string::npos)
        return make(View::Lateral, "LL", "ViewCodeSequence");
    if (compact.find("RIGHTLATERAL") != std::string::npos)
        return make(View::Lateral, "RL", "ViewCodeSequence");
    ViewInfo described = viewFromDescription(v);
    if (described.view != View::Unknown)
        described.source = "ViewCodeSequence";
    return described;
}

} // namespace

ViewInfo viewFromDescription(const std::string &text)
{
    // Words that name one view; English, Italian and German variants seen on request forms.
    static const std::set<std::string> frontalWords = {"PA", "AP", "FRONTAL", "FRONT", "FRONTALE", "POSTEROANTERIOR",
                                                        "ANTEROPOSTERIOR", "PAAP", "APPA"};
    static const std::set<std::string> lateralWords = {"LAT", "LATERAL", "LATERALE", "LL", "RL", "LLAT", "RLAT",
                                                       "SEITLICH", "SEITL", "LATERALANSICHT"};
    bool frontal = false, lateral = false;
    std::set<std::string> projections;
    for (const std::string &word : tokens(text)) {
        if (frontalWords.count(word)) {
            frontal = true;
            if (word == "PA" || word == "AP")
                projections.insert(word);
            else if (word == "POSTEROANTERIOR")
                projections.insert("PA");
            else if (word == "ANTEROPOSTERIOR")
                projections.insert("AP");
        } else if (lateralWords.count(word)) {
            lateral = true;
            if (word == "LL" || word == "RL")
                projections.insert(word);
        }
    }
    if (frontal == lateral) // neither, or a description of a two-view study ("PA and lateral")
        return {};
    std::string projection = projections.size() == 1 ? *projections.begin() : std::string();
    if (lateral && projection.empty())
        projection = "LATERAL";
    return make(frontal ? View::Frontal : View::Lateral, projection, "Description");
}

ViewInfo detectView(const ViewAttributes &a)
{
    if (ViewInfo v = fromViewPosition(a.viewPosition); v.view != View::Unknown)
        return v;
    if (ViewInfo v = fromCodeMeaning(a.codeMeaning); v.view != View::Unknown)
        return v;
    if (ViewInfo v = fromPatientOrientation(a.patientOrientation); v.view != View::Unknown)
        return v;
    const std::pair<const std::string *, const char *> descriptions[] = {
        {&a.seriesDescription, "SeriesDescription"},
        {&a.protocolName, "ProtocolName"},
        {&a.acquisitionDescription, "AcquisitionDescription"},
        {&a.studyDescription, "StudyDescription"},
    };
    for (const auto &[text, source] : descriptions) {
        ViewInfo v = viewFromDescription(*text);
        if (v.view != View::Unknown) {
            v.source = source;
            return v;
        }
    }
    return ViewInfo{View::Unknown, "", ""};
}

} // namespace radsynth::dicom
