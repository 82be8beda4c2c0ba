#include "radsynth/dicom/StudyModel.h"

namespace radsynth::dicom {

const char *toString(View view)
{
    switch (view) {
    case View::Frontal: return "frontal";
    case View::Lateral: return "lateral";
    case View::Unknown: break;
    }
    return "unknown";
}

size_t StudyCollection::instanceCount() const
{
    size_t count = 0;
    for (const Patient &patient : patients)
        for (const Study &study : patient.studies)
            for (const Series &series : study.series)
                count += series.instances.size();
    return count;
}

std::vector<const Instance *> StudyCollection::instances() const
{
    std::vector<const Instance *> out;
    out.reserve(instanceCount());
    for (const Patient &patient : patients)
        for (const Study &study : patient.studies)
            for (const Series &series : study.series)
                for (const Instance &instance : series.instances)
                    out.push_back(&instance);
    return out;
}

} // namespace radsynth::dicom
