#pragma once
// A run split into shards for a cluster (docs/SCALING.md): shard I of N works on items
// [I*n/N, (I+1)*n/N) into OUT/shards/<I>, leaves a `done` marker when it has finished, and records
// the items it could not make in its failures.jsonl (one JSON object a line, with the reason). The
// merge gathers the finished shards into OUT as a single run writes it. Used by simulate, generate
// --batch and evaluate.
#include "radsynth/common/Result.h"

#include <QJsonObject>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace radsynth::shards {

// OUT/shards/<index>.
std::string folder(const std::string &outDir, int index);
// [first, last) of `count` items for shard `index` of `shardCount`.
std::pair<size_t, size_t> range(size_t count, int index, int shardCount);
// "I/N" -> index, count (0 <= I < N); false for anything else.
bool parse(const std::string &text, int &index, int &count);

// Writes <shardDir>/done: the shard has finished (the merge and a re-submission can tell).
Status markDone(const std::string &shardDir, int index, int shardCount);
// The shards of OUT/shards without a `done` marker.
std::vector<int> unfinished(const std::string &outDir, int shardCount);
// An error naming the unfinished shards, if any.
Status requireFinished(const std::string &outDir, int shardCount);

// Appends `failure` (what failed and the reason, e.g. {"id": "case7", "reason": "..."}) as one
// line to <dir>/failures.jsonl.
Status recordFailure(const std::string &dir, const QJsonObject &failure);
// Concatenates the shards' failures.jsonl, in shard order, into OUT/failures.jsonl (no file when
// none failed; an older one is replaced). Returns the number of failed items.
Result<size_t> gatherFailures(const std::string &outDir, int shardCount);

} // namespace radsynth::shards
