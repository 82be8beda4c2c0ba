#include "radsynth/pacs/PacsSettings.h"

#include <algorithm>

namespace radsynth::pacs {

const Node *PacsSettings::findNode(const std::string &name) const
{
    for (const Node &node : nodes)
        if (node.name == name) return &node;
    return nullptr;
}

NetworkOptions PacsSettings::networkOptions() const
{
    NetworkOptions options;
    options.ourAeTitle = ourAeTitle;
    options.storagePort = storagePort;
    options.storageBindAddress = storageBindAddress;
    options.setTimeout(timeoutSeconds);
    return options;
}

PacsSettings loadSettings(QSettings &settings)
{
    PacsSettings pacs;
    settings.beginGroup("pacs");
    pacs.ourAeTitle = settings.value("ourAeTitle", "RADSYNTH").toString().toStdString();
    pacs.storagePort = settings.value("storagePort", 11112).toInt();
    pacs.storageBindAddress = settings.value("storageBindAddress").toString().trimmed().toStdString();
    pacs.timeoutSeconds = std::clamp(settings.value("timeoutSeconds", 10).toInt(), 1, 600);
    const int count = settings.beginReadArray("nodes");
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        Node node;
        node.name = settings.value("name").toString().toStdString();
        node.aeTitle = settings.value("aeTitle").toString().toStdString();
        node.host = settings.value("host").toString().toStdString();
        node.port = settings.value("port", 104).toInt();
        parseRetrieveMethod(settings.value("retrieve", "get").toString().toStdString(), node.retrieveMethod);
        if (!node.name.empty()) pacs.nodes.push_back(node);
    }
    settings.endArray();
    settings.endGroup();
    return pacs;
}

void saveSettings(QSettings &settings, const PacsSettings &pacs)
{
    settings.beginGroup("pacs");
    settings.setValue("ourAeTitle", QString::fromStdString(pacs.ourAeTitle));
    settings.setValue("storagePort", pacs.storagePort);
    settings.setValue("storageBindAddress", QString::fromStdString(pacs.storageBindAddress));
    settings.setValue("timeoutSeconds", pacs.timeoutSeconds);
    settings.remove("nodes");
    settings.beginWriteArray("nodes", int(pacs.nodes.size()));
    for (int i = 0; i < int(pacs.nodes.size()); ++i) {
        const Node &node = pacs.nodes[size_t(i)];
        settings.setArrayIndex(i);
        settings.setValue("name", QString::fromStdString(node.name));
        settings.setValue("aeTitle", QString::fromStdString(node.aeTitle));
        settings.setValue("host", QString::fromStdString(node.host));
        settings.setValue("port", node.port);
        settings.setValue("retrieve", node.retrieveMethod == RetrieveMethod::Move ? "move" : "get");
    }
    settings.endArray();
    settings.endGroup();
    settings.sync();
}

PacsSettings loadSettings()
{
    QSettings settings;
    return loadSettings(settings);
}

void saveSettings(const PacsSettings &pacs)
{
    QSettings settings;
    saveSettings(settings, pacs);
}

Status validateAeTitle(const std::string &aeTitle)
{
    if (aeTitle.empty()) return makeError("the AE title is empty");
    if (aeTitle.size() > 16) return makeError("the AE title '" + aeTitle + "' is longer than 16 characters");
    if (std::all_of(aeTitle.begin(), aeTitle.end(), [](char c) { return c == ' '; }))
        return makeError("the AE title is only spaces");
    for (char c : aeTitle)
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E)
            return makeError("the AE title '" + aeTitle + "' contains a backslash or a non-printable character");
    return okStatus();
}

Status validate(const Node &node)
{
    if (node.name.empty()) return makeError("the node has no name");
    if (Status ae = validateAeTitle(node.aeTitle); !ae) return makeError(node.name + ": " + ae.error().message);
    if (node.host.empty()) return makeError(node.name + ": no host given");
    if (node.port <= 0 || node.port > 65535) return makeError(node.name + ": port " + std::to_string(node.port) + " is not 1-65535");
    return okStatus();
}

} // namespace radsynth::pacs
