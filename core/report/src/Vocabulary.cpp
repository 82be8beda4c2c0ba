#include "Vocabulary.h"

namespace radsynth::report::detail {
namespace {

using O = Observation;

QRegularExpression words(const QString &alternatives)
{
    QRegularExpression pattern(QStringLiteral("\\b(?:%1)\\b").arg(alternatives));
    pattern.optimize();
    return pattern;
}

// Reusable pieces. A "gap" is up to N words between an anatomic anchor and its attribute
// ("the heart is again mildly enlarged").
const QString kGap4 = QStringLiteral("(?:[\\s,]+[a-z'-]+){0,4}?[\\s,]+");
const QString kGap3 = QStringLiteral("(?:[\\s,]+[a-z'-]+){0,3}?[\\s,]+");
const QString kHeart = QStringLiteral("(?:heart(?: size| shadow| silhouette| contours?)?|cardiac (?:silhouette|shadow|contours?|size|diameter))");
const QString kMediastinum =
    QStringLiteral("(?:(?:superior |upper )?mediastinum|mediastinal (?:silhouette|contours?|width|shadow)|cardiomediastinal (?:silhouette|contours?|shadow))");
const QString kLungs = QStringLiteral("(?:lungs?|lung fields|lung parenchyma|pulmonary parenchyma|lung bases)");
const QString kEnlarged = QStringLiteral("(?:enlarged|enlargement|increased|large|prominent|widened|wide|cardiomegaly)");
const QString kNormal =
    QStringLiteral("(?:normal|within normal limits|within (?:the )?limits of normal|unremarkable|not enlarged|not significantly enlarged|not widened|stable|unchanged|negative)");
const QString kBorderline = QStringLiteral("(?:upper limits? of normal|upper limits? normal|upper normal|top normal|top-normal|top of normal|"
                                           "high normal|high-normal|borderline(?: enlarged| large| size)?|at the upper range of normal)");

Term observation(std::vector<O> observations, const QString &pattern, std::optional<Status> fixed = std::nullopt, int priority = 10)
{
    Term term;
    term.kind = TermKind::Observation;
    term.observations = std::move(observations);
    term.fixedStatus = fixed;
    term.pattern = words(pattern);
    term.priority = priority;
    return term;
}

Term other(const QString &concept, const QString &pattern)
{
    Term term;
    term.kind = TermKind::Other;
    term.concept = concept;
    term.pattern = words(pattern);
    term.priority = 20;
    return term;
}

Term normal(const QString &pattern)
{
    Term term;
    term.kind = TermKind::Normal;
    term.observations = {O::NoFinding};
    term.fixedStatus = Status::Positive;
    term.pattern = words(pattern);
    term.priority = 5;
    return term;
}

std::vector<Term> buildTerms()
{
    const auto negative = Status::Negative;
    const auto uncertain = Status::Uncertain;
    std::vector<Term> list;

    // Whole-study normal statements.
    list.push_back(normal(QStringLiteral(
        "no (?:acute |active |significant |evidence of acute |radiographic evidence of acute )?(?:cardiopulmonary|cardiothoracic|intrathoracic|chest|pulmonary|cardiac or pulmonary|thoracic)"
        " (?:abnormality|abnormalities|disease|process|processes|findings?|pathology|change)|"
        "normal (?:chest|chest x-?ray|chest radiographs?|study|examination|exam)|no acute (?:findings?|abnormality|abnormalities|disease|process)|"
        "no active disease|negative chest(?: x-?ray| radiographs?)?|no evidence of active disease|no acute radiographic abnormality")));

    // Heart: anchor + attribute phrases carry their own status; borderline size is uncertain.
    list.push_back(observation({O::Cardiomegaly}, kHeart + kGap4 + kBorderline, uncertain, 1));
    list.push_back(observation({O::Cardiomegaly}, kBorderline + QStringLiteral(" (?:cardiomegaly|heart size|cardiac size|enlarged heart|cardiac enlargement|cardiac silhouette)"), uncertain, 1));
    list.push_back(observation({O::Cardiomegaly}, kHeart + kGap4 + kNormal, negative, 2));
    list.push_back(observation({O::Cardiomegaly}, QStringLiteral("normal (?:heart|cardiac)(?: size| silhouette| contours?| shadow)?|heart (?:is )?normal in size|no cardiomegaly"), negative, 2));
    list.push_back(observation({O::Cardiomegaly}, QStringLiteral("cardiomegaly|cardiac enlargement|enlarged (?:heart|cardiac (?:silhouette|shadow|contours?|size))|") +
                                                      kHeart + kGap4 + kEnlarged));

    // Mediastinum (and the cardiomediastinal silhouette, which also speaks for the heart).
    list.push_back(observation({O::EnlargedCardiomediastinum, O::Cardiomegaly},
                               QStringLiteral("cardiomediastinal (?:silhouette|contours?|shadow)") + kGap4 + kNormal + QStringLiteral("|normal cardiomediastinal (?:silhouette|contours?|shadow|size)"),
                               negative, 2));
    list.push_back(observation({O::EnlargedCardiomediastinum}, kMediastinum + kGap4 + kNormal + QStringLiteral("|normal mediastinal (?:silhouette|contours?|width)"), negative, 2));
    list.push_back(observation({O::Cardiomegaly}, QStringLiteral("enlarged cardiomediastinal (?:silhouette|contours?|shadow)|cardiomediastinal (?:silhouette|contours?|shadow)") + kGap3 + QStringLiteral("enlarged")));
    list.push_back(observation({O::EnlargedCardiomediastinum},
                               QStringLiteral("(?:widening|widened|prominence|prominent|enlargement|enlarged) (?:of )?(?:the )?(?:superior |upper )?mediastin(?:um|al silhouette|al contours?)|"
                                              "mediastinal (?:widening|enlargement|prominence|mass|adenopathy|lymphadenopathy)|") +
                                   kMediastinum + kGap3 + QStringLiteral("(?:widened|wide|enlarged|prominent)")));

    // Lung opacity; "clear lungs" denies opacity, consolidation and pneumonia at once.
    list.push_back(observation({O::LungOpacity, O::Consolidation, O::Pneumonia},
                               kLungs + kGap3 + QStringLiteral("clear(?!\\s+of)|clear lungs|(?:lungs|lung fields) (?:are |remain )?(?:otherwise )?clear(?!\\s+of)"), negative, 3));
    list.push_back(observation({O::LungOpacity},
                               QStringLiteral("opacit(?:y|ies)|opacification|opacified|air ?space (?:disease|process|opacit(?:y|ies))|airspace|"
                                              "infiltrat(?:e|es|ion|ive)|densit(?:y|ies)|nodular (?:density|densities|opacity|opacities|opacification)|haziness|hazy|ground.glass|interstitial (?:opacit(?:y|ies)|infiltrates?)")));

    list.push_back(observation({O::LungLesion},
                               QStringLiteral("nodules?|pulmonary nodules?|nodular lesions?|mass(?:es)?|"
                                              "(?:lung|pulmonary|parenchymal|spiculated|cavitary|mass|nodular|focal|suspicious|hilar) lesions?|tumou?rs?|neoplasms?|neoplastic|carcinoma|malignan(?:cy|t)|metasta(?:sis|ses|tic)|cavitary|cavitation")));

    list.push_back(observation({O::Edema}, QStringLiteral("(?:(?:pulmonary )?vascularity|(?:pulmonary )?(?:vascular|venous) (?:engorgement|congestion))") + kGap3 + QStringLiteral("(?:normal|within normal limits|within (?:the )?limits of normal|unremarkable)|normal (?:pulmonary )?vascularity"), negative, 3));
    list.push_back(observation({O::Edema},
                               QStringLiteral("o?edema(?:tous)?|(?:vascular|venous|pulmonary|interstitial) congestion|congestive (?:heart )?failure|chf|heart failure|"
                                              "cephalization|kerley(?: b)? lines|fluid overload|vascular (?:engorgement|redistribution|prominence)|"
                                              "(?:prominent|engorged|indistinct) (?:pulmonary )?(?:vascular(?:ity)?|vessels|vasculature)")));

    list.push_back(observation({O::Consolidation},
                               QStringLiteral("consolidat(?:ion|ions|ed|ive|ing)|air ?space consolidation|lobar (?:opacity|consolidation)|air bronchograms?")));
    list.push_back(observation({O::Pneumonia},
                               QStringLiteral("pneumonias?|pneumonitis|bronchopneumonia|infections?|infectious (?:process|etiology)|aspiration pneumonia|infective")));
    list.push_back(observation({O::Atelectasis},
                               QStringLiteral("atelecta(?:sis|ses|tic)|(?:lobar |lung |segmental )?collapse|collapsed (?:lung|lobe)|volume loss")));
    list.push_back(observation({O::Pneumothorax}, QStringLiteral("pneumothora(?:x|ces)|hydropneumothorax|ptx")));

    list.push_back(observation({O::PleuralEffusion},
                               QStringLiteral("costophrenic (?:angles?|sulci|sulcus|recesses) (?:are |is |remain )?(?:sharp|clear|preserved|well.defined)|pleural spaces? (?:are |is )?clear"),
                               negative, 3));
    list.push_back(observation({O::PleuralEffusion},
                               QStringLiteral("(?:pleural )?effusions?|pleural fluid|hydrothorax|fluid (?:in|within) the (?:pleural space|fissures?)|loculated fluid")));
    list.push_back(observation({O::PleuralOther},
                               QStringLiteral("pleural (?:thickening|plaques?|scarring|calcifications?|fibrosis|reaction)|thickening of the pleura|"
                                              "pleural.parenchymal (?:scarring|thickening)|pleural.based (?:opacity|density|thickening)|apical (?:pleural )?(?:cap|capping)|fibrothorax")));
    list.push_back(observation({O::Fracture}, QStringLiteral("fractur(?:e|es|ed)|fx")));

    list.push_back(observation({O::SupportDevices},
                               QStringLiteral(
                                   "(?:pacemaker|pacer)(?: with (?:its |the )?(?:leads?|wires?))?|pacing (?:leads?|wires?|device)|(?:aicd|icd|defibrillator)(?: leads?| generator)?|cardiac (?:device|leads?)|"
                                   "catheters?|picc(?: line)?|(?:central venous|central|venous|jugular|subclavian|dialysis|arterial|swan.ganz) (?:line|catheter)s?|"
                                   "port.?a.?cath|mediport|(?:chest|venous|power|infusion) port|port catheter|"
                                   "(?:endotracheal|tracheostomy|nasogastric|orogastric|enteric|feeding|chest|et|ng|og|dobhoff|gastrostomy) tubes?|tracheostomy|"
                                   "sternotomy(?: wires| sutures)?|(?:sternal|cerclage) wires|(?:surgical|vascular|cholecystectomy) clips?|clips|staples|"
                                   "(?:surgical|orthopedic|fixation|spinal fusion|fusion) hardware|hardware|(?:prosthetic|mechanical|replacement) (?:aortic |mitral )?valves?|"
                                   "valve replacement|stents?|(?:medical )?devices?|drains?|electrodes|leads|loop recorder|embolization coils?|coils|prosthesis")));

    Term ignored;
    ignored.kind = TermKind::Ignored;
    ignored.pattern = words(QStringLiteral("(?:external |overlying )?(?:cardiac |ecg |ekg |telemetry )?monitor(?:ing)? (?:leads|wires|electrodes)|"
                                           "(?:ecg|ekg|telemetry) (?:leads|wires|electrodes)|external (?:leads|wires|electrodes)"));
    ignored.priority = 1;
    list.push_back(ignored);
    list.push_back(other(QStringLiteral("abdomen"), QStringLiteral("cholecystectomy clips|(?:surgical )?clips (?:in|within|over) the (?:right upper quadrant|gallbladder(?: fossa| region)?|abdomen|upper abdomen)")));
    list.back().priority = 1;
    list.push_back(observation({O::SupportDevices},
                               QStringLiteral("sutures?|suture material|(?:nerve |spinal cord |vagal )?stimulator|(?:cervical |thoracic |lumbar |spinal |spine )fusion|"
                                              "prosthetic (?:[a-z]+ )?valve|tip (?:projects?|projecting|overlies|overlying|terminates|terminating|is at|at the|in the)")));
    // Abnormalities outside the 14 observations: they are not labelled, but a report that states
    // one is not a "no finding" study.
    list.push_back(other(QStringLiteral("granuloma"), QStringLiteral("granulomas?|granulomatous(?: disease| changes?| process| infection| infections)?|"
                                                                          "(?:sequelae|sequela|stigmata|evidence) of (?:prior |old |previous |remote |healed )?(?:granulomatous )?(?:infection|disease|exposure)|calcified (?:lymph nodes?|nodes|hilar nodes)")));
    list.push_back(other(QStringLiteral("calcification"), QStringLiteral("calcifications?|calcified|calcific|atherosclero(?:sis|tic)")));
    list.push_back(other(QStringLiteral("aorta"), QStringLiteral("tortu(?:ous|osity)|ectatic|ectasia|unfolded|unfolding|aneurysm(?:al)?|dilated aorta|aortic (?:dilatation|enlargement)")));
    list.push_back(other(QStringLiteral("spine"), QStringLiteral("degenerative(?: changes?| disease)?|spondylo(?:sis|tic)|osteophytes?|osteophytosis|scoliosis|kyphosis|kyphotic|"
                                                                    "dextroscoliosis|levoscoliosis|arthritis|arthritic|arthropathy|osteopenia|osteoporo(?:sis|tic)|demineralization|"
                                                                    "compression deformity|wedg(?:e|ing) deformity|deformity|deformities|schmorl|diffuse idiopathic skeletal hyperostosis|dish")));
    list.push_back(other(QStringLiteral("inflation"), QStringLiteral("hyperinflat(?:ed|ion)|hyperexpan(?:ded|sion)|hyperaerat(?:ed|ion)|hyperlucen(?:t|cy)|overinflat(?:ed|ion)|"
                                                                        "flatten(?:ed|ing) (?:of )?(?:the )?(?:hemi)?diaphragms?|emphysema(?:tous)?|copd|chronic obstructive|"
                                                                        "low lung volumes?|hypoinflat(?:ed|ion)|hypoventilat(?:ory|ion)|poor inspiration|shallow inspiration|"
                                                                        "decreased lung volumes?|diminished lung volumes?|low volumes?|bullae|bullous|blebs?")));
    list.push_back(other(QStringLiteral("scarring"), QStringLiteral("scar(?:s|ring)?|fibrosis|fibrotic|cicatri(?:x|cial)|interstitial (?:markings|prominence|disease|lung disease|changes?|pattern)|"
                                                                       "(?:increased|prominent|coarse|coarsened|chronic) (?:interstitial |bronchovascular |lung |pulmonary )?markings|"
                                                                       "bronchiectasis|bronchitic|peribronchial (?:thickening|cuffing)|reticular|reticulonodular")));
    list.push_back(other(QStringLiteral("diaphragm"), QStringLiteral("elevat(?:ed|ion) (?:of )?(?:the )?(?:right |left )?(?:hemi)?diaphragms?|(?:right|left) (?:hemi)?diaphragm(?:atic)? (?:is )?elevat(?:ed|ion)|"
                                                                        "eventration|hiatal hernia|hiatus hernia|hernia|blunt(?:ed|ing) (?:of )?(?:the )?(?:left |right |bilateral )?costophrenic|"
                                                                        "costophrenic (?:angles? |sulc(?:us|i) )?(?:are |is )?blunt(?:ed|ing)")));
    list.push_back(other(QStringLiteral("other"), QStringLiteral("adenopathy|lymphadenopathy|hilar (?:prominence|enlargement|fullness)|sarcoidosis|cysts?|"
                                                                    "pericardial effusion|epicardial fat|postsurgical|post-surgical|postoperative|post-operative|surgical changes|"
                                                                    "lobectomy|pneumonectomy|mastectomy|cholecystectomy|thoracotomy|resection|azygos lobe|foreign body|"
                                                                    "(?:limited|technically limited|suboptimal|underpenetrated|overpenetrated|rotated) (?:study|exam|examination|evaluation|film|radiograph)|rotation|"
                                                                    "tuberculosis|histoplasmosis|bronchitis|airway disease|pectus")));
    return list;
}

Trigger trigger(TriggerKind kind, bool post, const QString &alternatives)
{
    Trigger result;
    result.kind = kind;
    result.post = post;
    result.pattern = words(alternatives);
    return result;
}

std::vector<Trigger> buildTriggers()
{
    std::vector<Trigger> list;
    // Uncertainty first: some of its phrases contain negation words ("cannot be excluded").
    list.push_back(trigger(TriggerKind::Uncertainty, false,
                           QStringLiteral("may|might|could|possibl[ey]|probabl[ey]|likely|presumabl[ey]|presumed|suspect(?:ed)?|suspicious(?: for)?|"
                                          "concern(?:ing)?(?: for)?|worrisome(?: for)?|questionabl[ey]|question of|equivocal|indeterminate|"
                                          "cannot (?:entirely |completely )?(?:exclude|rule out)|can ?not (?:exclude|rule out)|can't (?:exclude|rule out)|"
                                          "differential(?: diagnosis)?(?: includes?)?|suggest(?:s|ed|ive|ing)?(?: of)?|"
                                          "rule out|r/o|to exclude|evaluate for|assess for|(?:clinical(?:ly)? )?correlat(?:e|ion) (?:clinically )?for|borderline|perhaps|maybe|uncertain|not certain")));
    list.push_back(trigger(TriggerKind::Uncertainty, true,
                           QStringLiteral("(?:is |are )?(?:not|cannot be|can not be|can't be) (?:entirely |completely |totally |definitely )?(?:excluded|ruled out)|"
                                          "(?:is|are) (?:possible|suspected|questioned)|(?:may|might|could) (?:be present|exist)")));
    list.push_back(trigger(TriggerKind::Uncertainty, false, QStringLiteral("versus|vs|or less likely|and/or")));
    list.back().both = true;
    // Pseudo-negations are breaks: "no change in the cardiomegaly" asserts the cardiomegaly.
    list.push_back(trigger(TriggerKind::Break, false,
                           QStringLiteral("no (?:significant |interval |definite |appreciable )?(?:change|changes|increase|progression)|"
                                          "not (?:significantly |substantially )?changed|without (?:significant |interval )?change|not only|no longer")));
    list.push_back(trigger(TriggerKind::Negation, false,
                           QStringLiteral("no|not|without|nor|negative for|free of|clear of|absence of|absent|resolution of|resolved|"
                                          "interval removal of|removal of|removed|rather than")));
    list.push_back(trigger(TriggerKind::Negation, true,
                           QStringLiteral("(?:is |are |was |were |has been |have been )?(?:not|no longer) (?:clearly |definitely |well |radiographically )?"
                                          "(?:seen|identified|present|visualized|demonstrated|evident|appreciated|noted|visible|detected|apparent|shown)|"
                                          "(?:has|have) (?:since )?(?:resolved|cleared|been removed)|(?:is|are) (?:absent|resolved|negative|gone)|resolved|cleared")));
    list.push_back(trigger(TriggerKind::Break, false,
                           QStringLiteral("but|however|although|though|except(?: for)?|with the exception of|apart from|aside from|other than|"
                                          "which|whereas|while|there (?:is|are|has been|have been)|stable|unchanged|again|persistent|persists|"
                                          "consistent with|compatible with|secondary to|due to|related to")));
    return list;
}

} // namespace

const std::vector<Term> &terms()
{
    static const std::vector<Term> list = buildTerms();
    return list;
}

const std::vector<Trigger> &triggers()
{
    static const std::vector<Trigger> list = buildTriggers();
    return list;
}

const std::vector<SideWord> &sideWords()
{
    static const std::vector<SideWord> list = {
        {words(QStringLiteral("bilateral(?:ly)?|both|bibasilar|bibasal|bibasally|biapical|bilat|right (?:greater|more) than left|left (?:greater|more) than right|"
                              "right (?:and|&) left|left (?:and|&) right|bihilar|both lungs|both bases")),
         Side::Bilateral},
        {words(QStringLiteral("left(?:-sided| sided)?|lingula(?:r)?")), Side::Left},
        {words(QStringLiteral("right(?:-sided| sided)?|(?:right )?middle lobe")), Side::Right},
    };
    return list;
}

const std::vector<SeverityWord> &severityWords()
{
    static const std::vector<SeverityWord> list = {
        {words(QStringLiteral("trace|tiny|minimal|minimally|minute")), Severity::Minimal},
        {words(QStringLiteral("mild|mildly|slight|slightly|subtle")), Severity::Mild},
        {words(QStringLiteral("small|smaller")), Severity::Small},
        {words(QStringLiteral("moderate|moderately|moderate-sized|moderate sized|medium")), Severity::Moderate},
        {words(QStringLiteral("large|larger|massive|huge|sizable|sizeable")), Severity::Large},
        {words(QStringLiteral("severe|severely|marked|markedly|extensive|significant|significantly|gross|grossly enlarged")), Severity::Severe},
    };
    return list;
}

} // namespace radsynth::report::detail
