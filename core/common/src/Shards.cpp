// Shards of a run split for a cluster (Shards.h).
#include "radsynth/common/Shards.h"

#include <QJsonDocument>

#include <filesystem>
#include <fstream>

namespace radsynth::shards {
namespace fs = std::filesystem;

std::string folder(const std::string &outDir, int index)
{
    return (fs::path(outDir) / "shards" / std::to_string(index)).string();
}

std::pair<size_t, size_t> range(size_t count, int index, int shardCount)
{
    return {count * size_t(index) / size_t(shardCount), count * size_t(index + 1) / size_t(shardCount)};
}

bool parse(const std::string &text, int &index, int &count)
{
    const size_t slash = text.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 >= text.size())
        return false;
    try {
        size_t used = 0;
        index = std::stoi(text.substr(0, slash), &used);
        if (used != slash)
            return false;
        count = std::stoi(text.substr(slash + 1), &used);
        if (used != text.size() - slash - 1)
            return false;
    } catch (const std::exception &) {
        return false;
    }
    return count >= 1 && index >= 0 && index < count;
}

Status markDone(const std::string &shardDir, int index, int shardCount)
{
    std::ofstream done(fs::path(shardDir) / "done", std::ios::trunc);
    done << "shard " << index << "/" << shardCount << "\n";
    done.close();
    if (!done)
        return makeError("cannot write the shard's done marker", shardDir);
    return okStatus();
}

std::vector<int> unfinished(const std::string &outDir, int shardCount)
{
    std::vector<int> pending;
    std::error_code ec;
    for (int i = 0; i < shardCount; ++i)
        if (!fs::exists(fs::path(folder(outDir, i)) / "done", ec))
            pending.push_back(i);
    return pending;
}

Status requireFinished(const std::string &outDir, int shardCount)
{
    const std::vector<int> missing = unfinished(outDir, shardCount);
    if (missing.empty())
        return okStatus();
    std::string list;
    for (int m : missing)
        list += (list.empty() ? "" : ", ") + std::to_string(m);
    return makeError("unfinished shards: " + list + " (re-submit them; finished cases are kept)", outDir);
}

Status recordFailure(const std::string &dir, const QJsonObject &failure)
{
    std::ofstream failures(fs::path(dir) / "failures.jsonl", std::ios::app);
    failures << QJsonDocument(failure).toJson(QJsonDocument::Compact).toStdString() << '\n';
    failures.close();
    if (!failures)
        return makeError("cannot write failures.jsonl", dir);
    return okStatus();
}

Result<size_t> gatherFailures(const std::string &outDir, int shardCount)
{
    std::string all;
    size_t lines = 0;
    for (int shard = 0; shard < shardCount; ++shard) {
        std::ifstream in(fs::path(folder(outDir, shard)) / "failures.jsonl");
        for (std::string line; std::getline(in, line);) {
            all += line + '\n';
            ++lines;
        }
    }
    std::error_code ec;
    const fs::path target = fs::path(outDir) / "failures.jsonl";
    fs::remove(target, ec);
    if (lines == 0)
        return lines;
    std::ofstream out(target, std::ios::trunc);
    out << all;
    out.close();
    if (!out)
        return makeError("cannot write failures.jsonl", outDir);
    return lines;
}

} // namespace radsynth::shards
