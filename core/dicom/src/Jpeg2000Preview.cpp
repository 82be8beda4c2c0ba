// A JPEG 2000 frame at reduced resolution (OpenJPEG's resolution levels): the code stream holds
// the image at 1/2, 1/4, 1/8 ... of its size, and decoding only the coarse levels takes a small
// part of the full decode. The workstation shows this first when a large JPEG 2000 radiograph
// opens (Loader.h, decodeFramePreview), then the full decode replaces it.
#include "PixelDecoder.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace radsynth::dicom::detail {

namespace {

struct MemoryStream {
    const std::vector<uint8_t> *data = nullptr;
    size_t position = 0;
};

OPJ_SIZE_T readStream(void *buffer, OPJ_SIZE_T bytes, void *user)
{
    auto *s = static_cast<MemoryStream *>(user);
    const size_t left = s->data->size() - s->position;
    if (left == 0)
        return OPJ_SIZE_T(-1);
    const size_t n = std::min<size_t>(bytes, left);
    std::memcpy(buffer, s->data->data() + s->position, n);
    s->position += n;
    return n;
}

OPJ_OFF_T skipStream(OPJ_OFF_T bytes, void *user)
{
    auto *s = static_cast<MemoryStream *>(user);
    const OPJ_OFF_T target = std::clamp<OPJ_OFF_T>(OPJ_OFF_T(s->position) + bytes, 0, OPJ_OFF_T(s->data->size()));
    const OPJ_OFF_T moved = target - OPJ_OFF_T(s->position);
    s->position = size_t(target);
    return moved;
}

OPJ_BOOL seekStream(OPJ_OFF_T offset, void *user)
{
    auto *s = static_cast<MemoryStream *>(user);
    if (offset < 0 || size_t(offset) > s->data->size())
        return OPJ_FALSE;
    s->position = size_t(offset);
    return OPJ_TRUE;
}

void quiet(const char *, void *) {}

// The code stream of a single-frame encapsulated Pixel Data: every fragment after the offset table.
bool codeStream(DcmDataset &ds, const std::string &transferSyntax, std::vector<uint8_t> &out)
{
    DcmElement *element = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, element).bad() || !element)
        return false;
    auto *pixelData = dynamic_cast<DcmPixelData *>(element);
    if (!pixelData)
        return false;
    DcmPixelSequence *sequence = nullptr;
    const E_TransferSyntax syntax = DcmXfer(transferSyntax.c_str()).getXfer();
    if (pixelData->getEncapsulatedRepresentation(syntax, nullptr, sequence).bad() || !sequence)
        return false;
    for (unsigned long i = 1; i < sequence->card(); ++i) {
        DcmPixelItem *item = nullptr;
        if (sequence->getItem(item, i).bad() || !item)
            return false;
        Uint8 *bytes = nullptr;
        if (item->getUint8Array(bytes).bad() || (!bytes && item->getLength() > 0))
            return false;
        out.insert(out.end(), bytes, bytes + item->getLength());
    }
    return !out.empty();
}

} // namespace

Status decodeJpeg2000Reduced(DcmDataset &ds, const std::string &transferSyntax, const PixelGeometry &g, int maxSide, imaging::Image &image)
{
    if (g.frames != 1 || g.samplesPerPixel != 1)
        return makeError("reduced decoding is for single-frame grayscale JPEG 2000 only");
    std::vector<uint8_t> stream;
    if (!codeStream(ds, transferSyntax, stream) || stream.size() < 12)
        return makeError("no JPEG 2000 code stream in the pixel data");
    // A raw code stream starts with SOC SIZ (FF 4F FF 51); a JP2 file with its signature box.
    static const uint8_t jp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50};
    const OPJ_CODEC_FORMAT format = std::memcmp(stream.data(), jp2Signature, sizeof jp2Signature) == 0 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K;

    int reduce = 0;
    while ((std::max(g.columns, g.rows) >> reduce) > maxSide && reduce < 5)
        ++reduce;
    if (reduce == 0)
        return makeError("the image is already small: no reduced decoding needed");

    std::unique_ptr<opj_codec_t, void (*)(opj_codec_t *)> codec(opj_create_decompress(format), opj_destroy_codec);
    if (!codec)
        return makeError("cannot create the JPEG 2000 decoder");
    opj_set_error_handler(codec.get(), quiet, nullptr);
    opj_set_warning_handler(codec.get(), quiet, nullptr);
    opj_set_info_handler(codec.get(), quiet, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        return makeError("cannot set up the JPEG 2000 decoder");

    MemoryStream memory{&stream, 0};
    std::unique_ptr<opj_stream_t, void (*)(opj_stream_t *)> input(opj_stream_create(64 * 1024, OPJ_TRUE), opj_stream_destroy);
    opj_stream_set_user_data(input.get(), &memory, nullptr);
    opj_stream_set_user_data_length(input.get(), stream.size());
    opj_stream_set_read_function(input.get(), readStream);
    opj_stream_set_skip_function(input.get(), skipStream);
    opj_stream_set_seek_function(input.get(), seekStream);

    opj_image_t *raw = nullptr;
    if (!opj_read_header(input.get(), codec.get(), &raw) || !raw)
        return makeError("cannot read the JPEG 2000 header");
    std::unique_ptr<opj_image_t, void (*)(opj_image_t *)> decoded(raw, opj_image_destroy);
    if (decoded->numcomps != 1 || int(decoded->x1 - decoded->x0) != g.columns || int(decoded->y1 - decoded->y0) != g.rows)
        return makeError("the JPEG 2000 stream does not match the header's size");
    // Fewer resolution levels than asked for: as many as the stream has.
    while (reduce > 0 && !opj_set_decoded_resolution_factor(codec.get(), OPJ_UINT32(reduce)))
        --reduce;
    if (reduce == 0)
        return makeError("the JPEG 2000 stream has a single resolution level");
    if (!opj_decode(codec.get(), input.get(), decoded.get()) || !opj_end_decompress(codec.get(), input.get()))
        return makeError("cannot decode the JPEG 2000 stream at reduced resolution");
    const opj_image_comp_t &c = decoded->comps[0];
    if (!c.data || c.w == 0 || c.h == 0 || c.prec == 0 || c.prec > 16)
        return makeError("unsupported JPEG 2000 component");

    image.width = int(c.w);
    image.height = int(c.h);
    image.samplesPerPixel = 1;
    image.bitsStored = int(c.prec);
    image.isSigned = c.sgnd != 0;
    image.stored.resize(image.pixelCount());
    const OPJ_INT32 low = c.sgnd ? -(1 << (c.prec - 1)) : 0, high = c.sgnd ? (1 << (c.prec - 1)) - 1 : (1 << c.prec) - 1;
    for (size_t i = 0; i < image.stored.size(); ++i)
        image.stored[i] = uint16_t(std::clamp(c.data[i], low, high) & 0xFFFF);
    return okStatus();
}

} // namespace radsynth::dicom::detail
