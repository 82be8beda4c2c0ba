// Helpers shared by the adapters: files (plain or gzip), CSV, splits, report text, projections.
#include "DatasetsInternal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace radsynth::datasets::detail {

namespace {
std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::optional<std::string> readGzip(const std::string &path)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file)
        return std::nullopt;
    std::string out;
    char buffer[1 << 16];
    while (true) {
        const int n = gzread(file, buffer, sizeof(buffer));
        if (n < 0) {
            gzclose(file);
            return std::nullopt;
        }
        if (n == 0)
            break;
        out.append(buffer, size_t(n));
    }
    gzclose(file);
    return out;
}
} // namespace

bool isFile(const std::string &path)
{
    const QFileInfo info(QString::fromStdString(path));
    return info.exists() && info.isFile();
}

bool isDirectory(const std::string &path)
{
    return !path.empty() && QFileInfo(QString::fromStdString(path)).isDir();
}

std::string joinPath(const std::string &folder, const std::string &name)
{
    if (folder.empty() || (!name.empty() && name.front() == '/'))
        return name;
    return QDir(QString::fromStdString(folder)).filePath(QString::fromStdString(name)).toStdString();
}

std::optional<std::string> readFile(const std::string &path)
{
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0)
        return readGzip(path);
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

std::string firstExisting(const std::string &root, const std::vector<std::string> &names)
{
    for (const auto &name : names) {
        const std::string path = joinPath(root, name);
        if (isFile(path) || isDirectory(path))
            return path;
    }
    return {};
}

int CsvTable::column(const std::string &name) const
{
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return int(i);
    const std::string wanted = lower(name);
    for (size_t i = 0; i < header.size(); ++i)
        if (lower(header[i]) == wanted)
            return int(i);
    return -1;
}

const std::string &CsvTable::cell(size_t row, int column) const
{
    static const std::string empty;
    if (row >= rows.size() || column < 0 || size_t(column) >= rows[row].size())
        return empty;
    return rows[row][size_t(column)];
}

Result<CsvTable> readCsv(const std::string &path)
{
    const auto text = readFile(path);
    if (!text)
        return makeError("cannot read the CSV file", path);
    CsvTable table;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, fieldStarted = false;
    const std::string &s = *text;
    size_t i = 0;
    if (s.size() >= 3 && uint8_t(s[0]) == 0xEF && uint8_t(s[1]) == 0xBB && uint8_t(s[2]) == 0xBF)
        i = 3; // UTF-8 byte order mark
    auto endRow = [&]() {
        row.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
        if (!(row.size() == 1 && row[0].empty())) { // skip blank lines
            if (table.header.empty())
                table.header = std::move(row);
            else
                table.rows.push_back(std::move(row));
        }
        row.clear();
    };
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.push_back(c);
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            fieldStarted = false;
        } else if (c == '\n') {
            endRow();
        } else if (c != '\r') {
            field.push_back(c);
            fieldStarted = true;
        }
    }
    if (quoted)
        return makeError("unterminated quoted field", path);
    if (fieldStarted || !row.empty())
        endRow();
    if (table.header.empty())
        return makeError("the CSV file is empty", path);
    return table;
}

std::optional<generation::Split> parseSplit(const std::string &text)
{
    const std::string s = lower(simplifyWhitespace(text));
    if (s == "train" || s == "training")
        return generation::Split::Train;
    if (s == "val" || s == "valid" || s == "validate" || s == "validation" || s == "dev")
        return generation::Split::Validation;
    if (s == "test" || s == "testing")
        return generation::Split::Test;
    return std::nullopt;
}

generation::Split hashSplit(const std::string &id)
{
    uint32_t hash = 2166136261u;
    for (unsigned char c : id) {
        hash ^= c;
        hash *= 16777619u;
    }
    const uint32_t bucket = hash % 100u;
    if (bucket < 80)
        return generation::Split::Train;
    return bucket < 90 ? generation::Split::Validation : generation::Split::Test;
}

std::string simplifyWhitespace(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (unsigned char c : text) {
        if (std::isspace(c)) {
            space = !out.empty();
        } else {
            if (space)
                out.push_back(' ');
            space = false;
            out.push_back(char(c));
        }
    }
    return out;
}

std::string joinReport(const std::string &findings, const std::string &impression)
{
    const std::string f = simplifyWhitespace(findings), i = simplifyWhitespace(impression);
    if (f.empty() || i.empty())
        return f.empty() ? i : f;
    return f + " " + i;
}

int observationIndex(const std::string &name)
{
    std::string key;
    for (unsigned char c : name)
        key.push_back(std::isalnum(c) ? char(std::tolower(c)) : '_');
    while (!key.empty() && key.back() == '_')
        key.pop_back();
    for (int i = 0; i < generation::kObservationCount; ++i)
        if (key == generation::kObservationNames[size_t(i)])
            return i;
    if (key == "support_device" || key == "devices")
        return 13;
    if (key == "effusion")
        return 10;
    return -1;
}

ViewGuess viewFromProjection(const std::string &projection)
{
    const std::string p = lower(simplifyWhitespace(projection));
    if (p.empty())
        return ViewGuess::Unknown;
    if (p == "pa" || p == "ap" || p == "frontal" || p == "pa lld" || p == "ap lld" || p == "ap rld" || p == "pa rld" ||
        p == "ap axial" || p == "postero-anterior" || p == "antero-posterior" || p == "posteroanterior" || p == "anteroposterior")
        return ViewGuess::Frontal;
    if (p == "ll" || p == "rl" || p == "lateral" || p == "lat" || p == "lao" || p == "rao" || p == "large lateral" ||
        p == "xtable lateral" || p == "left lateral" || p == "right lateral" || p == "latero-lateral")
        return p == "lao" || p == "rao" ? ViewGuess::Unknown : ViewGuess::Lateral;
    return ViewGuess::Unknown;
}

} // namespace radsynth::datasets::detail
