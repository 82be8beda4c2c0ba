#pragma once
// The Indiana University chest X-ray collection (Open-i) report format: one XML file per study
// (ecgen-radiology/N.xml) with <AbstractText Label="COMPARISON|INDICATION|FINDINGS|IMPRESSION">,
// manual <MeSH><major> and automatic <MeSH><automatic> index terms and <parentImage id=...> links.
// Also the R2Gen train/val/test split file (r2gen-split.json) that goes with it.
#include "radsynth/common/Result.h"
#include "radsynth/report/ReportDocument.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace radsynth::report {

struct IuReport {
    QString id; // IUXRId, e.g. "1" (CXR1)
    ReportDocument document;
    QStringList meshMajor;     // e.g. "Pleural Effusion/right/small", "normal"
    QStringList meshAutomatic; // e.g. "pleural effusions"
    QStringList imageIds;      // parentImage ids, e.g. "CXR1_1_IM-0001-3001"
};

Result<IuReport> readIuXml(const QByteArray &xml);
Result<IuReport> readIuXmlFile(const QString &path);
QByteArray writeIuXml(const IuReport &report);

// All reports of a collection given as the .tgz archive (extracted with `tar` into a temporary
// folder), a folder holding ecgen-radiology/, or a folder of *.xml files. Sorted by numeric id.
// Files that fail to parse are skipped and counted in `skipped` (when given).
Result<std::vector<IuReport>> loadIuCollection(const QString &path, int *skipped = nullptr);

enum class IuSplit { Train, Validation, Test, Unassigned };
const char *iuSplitId(IuSplit split); // "train", "val", "test", "unassigned"

// Study id -> split from r2gen-split.json ({"train":[{"id":..}], "val":[..], "test":[..]}).
Result<QHash<QString, IuSplit>> readR2GenSplit(const QString &path);
// The split file next to a collection path (same folder as the .tgz, or inside the folder).
QString r2genSplitPathFor(const QString &collectionPath);

} // namespace radsynth::report
