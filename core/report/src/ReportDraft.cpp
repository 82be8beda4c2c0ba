#include "radsynth/report/ReportDraft.h"

#include <QCoreApplication>

namespace radsynth::report {

// Translation context "radsynth::workflow": where these strings were first written (the .ts files).
QString toDisplayString(ReportState state)
{
    switch (state) {
    case ReportState::GeneratedDraft: return QCoreApplication::translate("radsynth::workflow", "Generated draft");
    case ReportState::Edited: return QCoreApplication::translate("radsynth::workflow", "Edited");
    case ReportState::Signed: return QCoreApplication::translate("radsynth::workflow", "Signed");
    }
    return {};
}

} // namespace radsynth::report
