// SR content as plain text: one line per content item, indented by depth,
// "Concept name: value" (TEXT, CODE, NUM with unit, DATE/TIME, PNAME, UIDREF); containers
// give a heading line. Images and spatial coordinates referenced by the report are named only.
#include "SrText.h"

#include "DcmtkSupport.h"

#include <dcmtk/dcmsr/dsrcitem.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <sstream>

namespace radsynth::dicom::detail {
namespace {

constexpr size_t kMaxLines = 5000; // a hostile file cannot make us build gigabytes of text

std::string codeText(const DSRCodedEntryValue &code)
{
    std::string meaning = code.getCodeMeaning().c_str();
    if (meaning.empty())
        meaning = code.getCodeValue().c_str();
    return trim(meaning);
}

std::string valueText(DSRContentItem &item)
{
    switch (item.getValueType()) {
    case DSRTypes::VT_Text:
    case DSRTypes::VT_Date:
    case DSRTypes::VT_Time:
    case DSRTypes::VT_DateTime:
    case DSRTypes::VT_UIDRef:
    case DSRTypes::VT_PName:
        return trim(item.getStringValue().c_str());
    case DSRTypes::VT_Code:
        return codeText(item.getCodeValue());
    case DSRTypes::VT_Num: {
        const DSRNumericMeasurementValue &num = item.getNumericValue();
        std::string text = trim(num.getNumericValue().c_str());
        const std::string unit = codeText(num.getMeasurementUnit());
        if (!unit.empty() && unit != "no units")
            text += " " + unit;
        return text;
    }
    case DSRTypes::VT_Image: return "(referenced image)";
    case DSRTypes::VT_Waveform: return "(referenced waveform)";
    case DSRTypes::VT_Composite: return "(referenced object)";
    case DSRTypes::VT_SCoord:
    case DSRTypes::VT_SCoord3D: return "(spatial coordinates)";
    case DSRTypes::VT_TCoord: return "(temporal coordinates)";
    default: return {};
    }
}

std::string fromDocument(DcmDataset &dataset, bool &ok)
{
    ok = false;
    DSRDocument document;
    if (document.read(dataset, DSRTypes::RF_acceptUnknownRelationshipType | DSRTypes::RF_acceptInvalidContentItemValue
                                          | DSRTypes::RF_ignoreRelationshipConstraints | DSRTypes::RF_skipInvalidContentItems).bad())
        return {};
    DSRDocumentTree &tree = document.getTree();
    std::ostringstream out;
    size_t lines = 0;
    if (tree.gotoRoot() > 0) {
        do {
            DSRContentItem &item = tree.getCurrentContentItem();
            const size_t level = tree.getLevel();
            const std::string concept = codeText(item.getConceptName());
            const std::string value = valueText(item);
            if (concept.empty() && value.empty())
                continue;
            out << std::string(2 * (level > 0 ? level - 1 : 0), ' ');
            if (item.getValueType() == DSRTypes::VT_Container)
                out << concept << '\n';
            else if (concept.empty())
                out << value << '\n';
            else
                out << concept << ": " << value << '\n';
        } while (++lines < kMaxLines && tree.iterate());
    }
    ok = true;
    return out.str();
}

// Fallback for documents dcmsr rejects: walk the Content Sequence directly.
void walkContent(DcmItem &item, int depth, std::ostringstream &out, size_t &lines)
{
    if (depth > 32 || lines >= kMaxLines)
        return;
    DcmSequenceOfItems *content = nullptr;
    if (item.findAndGetSequence(DCM_ContentSequence, content).bad() || !content)
        return;
    for (unsigned long i = 0; i < content->card() && lines < kMaxLines; ++i) {
        DcmItem *child = content->getItem(i);
        if (!child)
            continue;
        std::string concept;
        DcmItem *name = nullptr;
        if (child->findAndGetSequenceItem(DCM_ConceptNameCodeSequence, name, 0).good() && name)
            concept = getString(*name, DCM_CodeMeaning);
        std::string value = getString(*child, DCM_TextValue);
        if (value.empty()) {
            DcmItem *code = nullptr;
            if (child->findAndGetSequenceItem(DCM_ConceptCodeSequence, code, 0).good() && code)
                value = getString(*code, DCM_CodeMeaning);
        }
        if (!concept.empty() || !value.empty()) {
            out << std::string(size_t(2 * depth), ' ') << concept << (concept.empty() || value.empty() ? "" : ": ") << value
                << '\n';
            ++lines;
        }
        walkContent(*child, depth + 1, out, lines);
    }
}

} // namespace

std::string structuredReportText(DcmDataset &dataset)
{
    try {
        bool ok = false;
        std::string text = fromDocument(dataset, ok);
        if (ok && !text.empty())
            return text;
        std::ostringstream out;
        size_t lines = 0;
        DcmItem *root = &dataset;
        const std::string title = [&] {
            DcmItem *name = nullptr;
            if (root->findAndGetSequenceItem(DCM_ConceptNameCodeSequence, name, 0).good() && name)
                return getString(*name, DCM_CodeMeaning);
            return std::string();
        }();
        if (!title.empty())
            out << title << '\n';
        walkContent(dataset, 1, out, lines);
        return out.str();
    } catch (...) {
        return {};
    }
}

} // namespace radsynth::dicom::detail
