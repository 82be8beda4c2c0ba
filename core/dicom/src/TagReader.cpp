// readTags(): every attribute of a file (meta header, then data set) as rows for the tag
// browser, sequences expanded with their depth. Bulk values (pixel data, LUTs, large binary
// values) are described by size, never read.
#include "DcmtkSupport.h"

#include "radsynth/dicom/Loader.h"

#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcvr.h>

#include <cstdio>

namespace radsynth::dicom {
namespace {

constexpr size_t kMaxValueChars = 256;
constexpr size_t kMaxRows = 100000;
constexpr int kMaxDepth = 16;

std::string tagText(const DcmTagKey &key)
{
    char text[16];
    std::snprintf(text, sizeof text, "(%04X,%04X)", unsigned(key.getGroup()), unsigned(key.getElement()));
    return text;
}

bool isBulk(DcmEVR vr)
{
    switch (vr) {
    case EVR_OB: case EVR_OW: case EVR_OF: case EVR_OD: case EVR_OL: case EVR_OV: case EVR_UN:
    case EVR_pixelSQ: case EVR_pixelItem: case EVR_ox: case EVR_px:
        return true;
    default:
        return false;
    }
}

std::string valueText(DcmElement &element)
{
    const DcmEVR vr = element.ident();
    const Uint32 length = element.getLength();
    if (element.getTag() == DCM_PixelData || isBulk(vr) || length > 64 * 1024) {
        if (length == DCM_UndefinedLength)
            return "(encapsulated data)";
        return "(" + std::to_string(length) + " bytes of binary data)";
    }
    OFString value;
    if (element.getOFStringArray(value).bad())
        return "(unreadable value)";
    std::string text(value.c_str(), value.length());
    for (char &c : text)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
            c = ' ';
    text = detail::trim(text);
    if (text.size() > kMaxValueChars)
        text = text.substr(0, kMaxValueChars) + "...";
    return text;
}

void walk(DcmItem &item, int depth, std::vector<TagRow> &rows)
{
    if (depth > kMaxDepth)
        return;
    for (unsigned long i = 0; i < item.card() && rows.size() < kMaxRows; ++i) {
        DcmElement *element = item.getElement(i);
        if (!element)
            continue;
        DcmTag tag = element->getTag();
        TagRow row;
        row.tag = tagText(tag);
        const char *name = tag.getTagName();
        row.keyword = name && std::string(name) != "Unknown Tag & Data" ? name : (tag.isPrivate() ? "PrivateTag" : "UnknownTag");
        row.vr = DcmVR(element->ident()).getValidVRName();
        row.depth = depth;
        if (element->ident() == EVR_SQ) {
            auto *sequence = static_cast<DcmSequenceOfItems *>(element);
            row.value = std::to_string(sequence->card()) + (sequence->card() == 1 ? " item" : " items");
            rows.push_back(row);
            for (unsigned long k = 0; k < sequence->card() && rows.size() < kMaxRows; ++k) {
                DcmItem *child = sequence->getItem(k);
                if (!child)
                    continue;
                rows.push_back(TagRow{"(FFFE,E000)", "Item", "", "item " + std::to_string(k + 1), depth + 1});
                walk(*child, depth + 2, rows);
            }
        } else {
            row.value = valueText(*element);
            rows.push_back(row);
        }
    }
}

} // namespace

Result<std::vector<TagRow>> readTags(const std::string &path)
{
    registerCodecs();
    try {
        DcmFileFormat file;
        if (std::string reason = detail::loadFile(path, file); !reason.empty())
            return makeError(reason, path);
        std::vector<TagRow> rows;
        walk(*file.getMetaInfo(), 0, rows);
        walk(*file.getDataset(), 0, rows);
        return rows;
    } catch (const std::exception &e) {
        return makeError(std::string("cannot read attributes (") + e.what() + ")", path);
    } catch (...) {
        return makeError("cannot read attributes (unexpected error)", path);
    }
}

} // namespace radsynth::dicom
