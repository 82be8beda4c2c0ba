#pragma once
#include <QString>

namespace radsynth::paths {
// Per-user folders (QStandardPaths). RADSYNTH_DATA_DIR overrides the data folder.
QString dataDirectory();   // created on demand
QString logDirectory();    // <data>/logs
QString cacheDirectory();  // generation results cache, thumbnails
// Where bundled resources live: <prefix>/share/radsynth when installed, the source tree when run
// from build/bin (RADSYNTH_RESOURCE_DIR overrides).
QString resourceDirectory();
QString modelsDirectory();      // <resources>/models
QString sampleStudyDirectory(); // <resources>/resources/sample-study
} // namespace radsynth::paths
