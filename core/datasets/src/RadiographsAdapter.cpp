// Unpaired radiographs: a folder tree of single images without reports (the public real chest
// radiograph sets: covid-chestxray, Kermany's pediatric pneumonia, Figure1, normal teaching sets).
// Each image is one record with one view and, where the folder says so, labels; no report. They
// teach the autoencoder, the image encoders, the frontal generator's unconditional prior and the
// finding classifiers what real radiographs look like (docs/DATASETS.md, "Unpaired radiographs").
//
// Rules, in order (documented in docs/DATASETS.md):
//   images   *.png, *.jpg, *.jpeg, *.dcm at any depth; masks (a '@' or "mask" in the name) skipped.
//   metadata a metadata.csv in the image's folder or its parent (Cohen's COVID-19 collection and
//            Figure1 use one) matched by its `filename` column, else by `patientid` = file stem
//            without a trailing letter; gives view, finding and patient.
//   view     metadata `view` (L/lateral -> lateral, PA/AP/AP supine/AP erect -> frontal, blank ->
//            the mirror-symmetry heuristic); without metadata, frontal unless a folder is named
//            lateral.
//   labels   metadata `finding`: "No Finding" -> no finding; a pneumonia (COVID-19, SARS, ARDS,
//            viral, bacterial, fungal, named organisms) -> pneumonia and lung opacity; "todo",
//            "unknown" or blank -> unlabelled. Without metadata, the nearest folder whose name is or
//            contains NORMAL / PNEUMONIA (as a word) decides; else unlabelled.
//   split    a folder named train / val / validation / test decides; else a hash of the patient
//            (metadata `patientid`, Kermany's "personNNN_" prefix, else the file stem), so that a
//            patient's images never straddle splits.
#include "DatasetsInternal.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace radsynth::datasets::detail {
namespace {

struct Metadata {
    CsvTable table;
    std::map<std::string, size_t> byFile, byPatient;
    int view = -1, finding = -1, patient = -1;
};

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

// Words of a folder or file name ("openist-normal-pa" -> openist, normal, pa).
std::vector<std::string> words(const std::string &name)
{
    std::vector<std::string> out;
    std::string word;
    for (char c : lower(name) + " ") {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += c;
        } else if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    }
    return out;
}

bool hasWord(const std::string &name, const char *word)
{
    const auto w = words(name);
    return std::find(w.begin(), w.end(), word) != w.end();
}

enum class Finding { Unknown, Normal, Pneumonia };

Finding findingFromText(const std::string &text)
{
    const std::string t = lower(simplifyWhitespace(text));
    if (t.empty() || t == "todo" || t == "unknown" || t == "?")
        return Finding::Unknown;
    if (t == "no finding" || t == "normal" || t == "no findings")
        return Finding::Normal;
    static const char *const pneumonias[] = {"pneumonia", "covid", "sars", "ards", "viral", "virus", "bacteria", "fungal",
                                             "streptococcus", "pneumocystis", "klebsiella", "legionella", "e.coli",
                                             "mycoplasma", "chlamydophila", "influenza", "staphylococcus", "lipoid",
                                             "aspergillosis", "nocardia", "mers", "varicella"};
    for (const char *p : pneumonias)
        if (t.find(p) != std::string::npos)
            return Finding::Pneumonia;
    return Finding::Unknown;
}

void setLabels(Finding finding, StudyEntry &study)
{
    study.labels.fill(0);
    study.labelled = finding != Finding::Unknown;
    if (finding == Finding::Normal)
        study.labels[size_t(observationIndex("no_finding"))] = 1;
    if (finding == Finding::Pneumonia) {
        study.labels[size_t(observationIndex("pneumonia"))] = 1;
        study.labels[size_t(observationIndex("lung_opacity"))] = 1;
    }
}

const Metadata *metadataFor(const QString &folder, std::map<QString, std::optional<Metadata>> &cache)
{
    for (const QString &candidate : {folder, QFileInfo(folder).path()}) {
        auto it = cache.find(candidate);
        if (it == cache.end()) {
            std::optional<Metadata> loaded;
            const std::string path = joinPath(candidate.toStdString(), "metadata.csv");
            if (isFile(path)) {
                if (auto table = readCsv(path)) {
                    Metadata m;
                    m.table = std::move(*table);
                    m.view = m.table.column("view");
                    m.finding = m.table.column("finding");
                    m.patient = m.table.column("patientid");
                    const int file = m.table.column("filename");
                    for (size_t r = 0; r < m.table.rows.size(); ++r) {
                        if (file >= 0 && !m.table.cell(r, file).empty())
                            m.byFile.emplace(m.table.cell(r, file), r);
                        if (m.patient >= 0 && !m.table.cell(r, m.patient).empty())
                            m.byPatient.emplace(m.table.cell(r, m.patient), r);
                    }
                    loaded = std::move(m);
                }
            }
            it = cache.emplace(candidate, std::move(loaded)).first;
        }
        if (it->second)
            return &*it->second;
    }
    return nullptr;
}

} // namespace

bool looksLikeRadiographFolder(const std::string &root)
{
    QDirIterator it(QString::fromStdString(root), {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.dcm")},
                    QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext();
}

Result<std::vector<StudyEntry>> listRadiographs(const std::string &root)
{
    const QDir base(QString::fromStdString(root));
    QStringList files;
    QDirIterator it(base.absolutePath(),
                    {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.dcm"),
                     QStringLiteral("*.PNG"), QStringLiteral("*.JPG"), QStringLiteral("*.JPEG"), QStringLiteral("*.DCM")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = QFileInfo(path).fileName().toLower();
        if (name.contains(QLatin1Char('@')) || name.contains(QLatin1String("mask")))
            continue;
        files.push_back(path);
    }
    files.sort(); // deterministic order whatever the file system's
    if (files.isEmpty())
        return makeError("no radiographs (PNG, JPEG or DICOM files) in the folder", root);

    static const QRegularExpression kermany(QStringLiteral("^(person\\d+)_"));
    std::map<QString, std::optional<Metadata>> metadataCache;
    std::vector<StudyEntry> studies;
    for (const QString &path : files) {
        const QFileInfo info(path);
        const std::string relative = base.relativeFilePath(path).toStdString();
        const std::vector<std::string> folders = [&] {
            std::vector<std::string> out;
            for (const QString &part : base.relativeFilePath(info.path()).split(QLatin1Char('/'), Qt::SkipEmptyParts))
                out.push_back(part.toStdString());
            if (out.empty() || out.front() == ".")
                out = {base.dirName().toStdString()};
            else
                out.insert(out.begin(), base.dirName().toStdString());
            return out;
        }();

        StudyEntry study;
        study.id = "RAD/" + relative;
        std::string patient = info.completeBaseName().toStdString();
        bool frontal = true, hasRow = false;
        Finding finding = Finding::Unknown;
        bool viewKnown = false;

        if (const Metadata *m = metadataFor(info.path(), metadataCache)) {
            std::optional<size_t> row;
            if (auto f = m->byFile.find(info.fileName().toStdString()); f != m->byFile.end())
                row = f->second;
            else {
                std::string stem = info.completeBaseName().toStdString();
                if (auto p = m->byPatient.find(stem); p != m->byPatient.end())
                    row = p->second;
                else if (!stem.empty() && std::isalpha(static_cast<unsigned char>(stem.back())))
                    if (auto q = m->byPatient.find(stem.substr(0, stem.size() - 1)); q != m->byPatient.end())
                        row = q->second;
            }
            if (row) {
                hasRow = true;
                const std::string view = lower(simplifyWhitespace(m->table.cell(*row, m->view)));
                if (view == "l" || view == "ll" || view == "rl" || view.find("lateral") != std::string::npos) {
                    frontal = false;
                    viewKnown = true;
                } else if (view.rfind("pa", 0) == 0 || view.rfind("ap", 0) == 0) {
                    viewKnown = true;
                }
                finding = findingFromText(m->table.cell(*row, m->finding));
                if (!m->table.cell(*row, m->patient).empty())
                    patient = "patient:" + m->table.cell(*row, m->patient);
            }
        }
        if (!viewKnown) {
            bool lateralFolder = false;
            for (const auto &f : folders)
                lateralFolder = lateralFolder || hasWord(f, "lateral");
            frontal = !lateralFolder;
            if (!lateralFolder && hasRow) {
                // A metadata row without a view: the image itself decides.
                const double symmetry = mirrorSymmetry(path.toStdString());
                frontal = symmetry < -1.5 || symmetry >= kFrontalSymmetryThreshold;
            }
        }
        if (finding == Finding::Unknown) {
            for (auto f = folders.rbegin(); f != folders.rend() && finding == Finding::Unknown; ++f) {
                if (hasWord(*f, "normal"))
                    finding = Finding::Normal;
                else if (hasWord(*f, "pneumonia"))
                    finding = Finding::Pneumonia;
            }
        }
        setLabels(finding, study);

        if (const auto match = kermany.match(info.fileName()); match.hasMatch())
            patient = "patient:" + match.captured(1).toStdString();
        std::optional<generation::Split> split;
        for (const auto &f : folders)
            if (auto s = parseSplit(f))
                split = s;
        study.split = split ? *split : hashSplit(patient);
        (frontal ? study.frontalPath : study.lateralPath) = path.toStdString();
        studies.push_back(std::move(study));
    }
    return studies;
}

} // namespace radsynth::datasets::detail
