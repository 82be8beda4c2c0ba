#pragma once
// PACS nodes and our own identity, kept in QSettings (group "pacs").
#include "radsynth/common/Result.h"
#include "radsynth/pacs/Pacs.h"

#include <QSettings>

#include <optional>
#include <vector>

namespace radsynth::pacs {

struct PacsSettings {
    std::vector<Node> nodes;
    std::string ourAeTitle = "RADSYNTH";
    int storagePort = 11112;
    std::string storageBindAddress; // empty: the interface facing the PACS (NetworkOptions)
    int timeoutSeconds = 10;

    const Node *findNode(const std::string &name) const;
    NetworkOptions networkOptions() const; // our AE, storage port and timeouts
};

PacsSettings loadSettings(QSettings &settings);
void saveSettings(QSettings &settings, const PacsSettings &pacs);
PacsSettings loadSettings(); // the application's default QSettings
void saveSettings(const PacsSettings &pacs);

// Checks an AE title (1-16 characters, no backslash or control characters, not all spaces),
// a host and a port; one line naming what is wrong.
Status validate(const Node &node);
Status validateAeTitle(const std::string &aeTitle);

} // namespace radsynth::pacs
