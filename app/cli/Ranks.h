#pragma once
// A local launcher for data-parallel training (docs/SCALING.md): `radsynth-cli train --ranks N`
// runs N processes of the same command on this machine, each told its rank through
// RADSYNTH_RANK / RADSYNTH_WORLD_SIZE and meeting the others through a c10d FileStore in a
// temporary folder (radsynth/generation/Distributed.h).
#include <QString>
#include <QStringList>

namespace radsynth::cli {

// Runs `command` `arguments` (less --ranks, with --data set to `cachePath`) as `ranks` processes;
// rank 0 prints, the others print only errors. When one fails, the others are stopped. Returns the
// exit code.
int launchRanks(const char *command, const QStringList &arguments, int ranks, const QString &cachePath);

} // namespace radsynth::cli
