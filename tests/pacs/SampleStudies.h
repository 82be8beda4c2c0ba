#pragma once
// Sample studies written with DCMTK for the PACS tests (no real patient): uncompressed CR images,
// a JPEG lossless DX image, an RLE Secondary Capture and a Basic Text SR, in two studies.
#include <QString>
#include <QStringList>

#include <map>
#include <string>

namespace radsynth::test {

struct SampleObject {
    QString path;
    std::string studyUid;
    std::string seriesUid;
    std::string sopUid;
    std::string transferSyntax;
    QByteArray pixelChecksum; // empty for objects without pixel data
};

struct SampleStudy {
    std::string studyUid;
    std::string patientName;
    std::string patientId;
    std::string studyDate;
    std::string accession;
    std::string description;
    std::string modality;
};

// Writes the samples into `folder`; returns the objects, keyed by SOP Instance UID.
std::map<std::string, SampleObject> writeSampleStudies(const QString &folder, std::vector<SampleStudy> &studies);

// Reads a file: SOP Instance UID, transfer syntax and the checksum of its Pixel Data as stored
// (native bytes, or the encapsulated fragments).
SampleObject readObject(const QString &path);

} // namespace radsynth::test
