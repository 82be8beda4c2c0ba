// metrics.md: the metrics.json tree as readable tables, model versus baselines first.
#include "EvaluationInternal.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace radsynth::evaluation {

using generation::Json;

namespace {

std::string format(const Json &value, int decimals = 3)
{
    if (!value.isNumber())
        return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value.toNumber());
    return buffer;
}

// One scale for every task, or the bundle's recommendation per task.
std::string guidanceText(const Json &guidance)
{
    if (!guidance.isObject())
        return format(guidance, 1);
    std::string text;
    for (const auto &[task, value] : guidance.members())
        text += (text.empty() ? "" : ", ") + task + " " + format(value, 1);
    return "(the model's recommendation per task: " + text + ")";
}

// Follows a dotted path ("clinical.micro.f1").
const Json &at(const Json &root, const std::string &path)
{
    const Json *node = &root;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        node = &(*node)[key];
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return *node;
}

const char *methodTitle(const std::string &method)
{
    if (method == "model")
        return "model";
    if (method == "nearest_neighbour")
        return "nearest neighbour";
    if (method == "mean_image")
        return "mean image";
    if (method == "most_frequent_report")
        return "most frequent report";
    if (method == "autoencoder_ceiling")
        return "true view through the autoencoder (ceiling, not a baseline)";
    return method.c_str();
}

} // namespace

std::string metricsMarkdown(const Json &m)
{
    std::ostringstream md;
    md << "# RadSynth evaluation\n\n";
    md << "- Model: " << m["bundle"]["identity"].toString() << " (preset " << m["bundle"]["preset"].toString() << ", "
       << m["bundle"]["resolution"].toInt() << " px)\n";
    const bool validationScored = m["data"]["scored_split"].toString() == "validation";
    const std::string scored = validationScored ? "validation" : "test";
    if (validationScored)
        md << "**Scored on the validation split** (for choosing settings; the test split was not used). Where the tables below say "
              "\"test\", read \"scored validation\".\n\n";
    md << "- Data: " << m["data"]["source"].toString() << ": " << m["data"]["test_studies"].toInt() << " " << scored << " studies; "
       << m["data"]["training_studies_used"].toInt() << " training and " << m["data"]["validation_studies_used"].toInt()
       << " validation studies used (baselines, finding classifier, out-of-distribution thresholds)\n";
    md << "- Sampling: " << m["settings"]["sampler"].toString() << ", " << m["settings"]["steps"].toInt() << " steps, guidance "
       << guidanceText(m["settings"]["guidance"]) << ", seed " << format(m["settings"]["seed"], 0) << "; reports: "
       << m["settings"]["report_decoding"].toString() << "\n";
    md << "- Runtime: " << format(m["runtime_seconds"], 0) << " s\n\n";

    // Summary: the primary metric of each task, model versus baselines.
    md << "## Model versus baselines (primary metrics)\n\n";
    md << "Higher is better for every metric in this table. Baselines run on the same test studies.\n\n";
    md << "| task | metric | model | nearest neighbour | mean image / most frequent report | model beats both |\n|---|---|---|---|---|---|\n";
    for (const auto &[task, t] : m["tasks"].members()) {
        if (t.contains("skipped")) {
            md << "| " << task << " | skipped: " << t["skipped"].toString() << " | | | | |\n";
            continue;
        }
        const Json &methods = t["methods"];
        const std::string third = t["kind"].toString() == "report" ? "most_frequent_report" : "mean_image";
        std::vector<std::pair<std::string, std::string>> rows; // label, path inside a method
        if (t["kind"].toString() == "report") {
            rows = {{"clinical F1 (micro)", "clinical.micro.f1"}, {"BLEU-4", "bleu4"}};
        } else {
            for (const auto &[view, unused] : methods["model"]["views"].members()) {
                (void)unused;
                if (t["paired"].toBool())
                    rows.emplace_back("SSIM (" + view + ")", "views." + view + ".ssim");
                else
                    rows.emplace_back("finding AUC (" + view + ")", "views." + view + ".finding_auc.mean");
            }
        }
        for (const auto &[label, path] : rows) {
            const Json &a = at(methods["model"], path), &b = at(methods["nearest_neighbour"], path), &c = at(methods[third], path);
            std::string beats = "-";
            if (a.isNumber() && b.isNumber() && c.isNumber())
                beats = a.toNumber() > b.toNumber() && a.toNumber() > c.toNumber() ? "yes" : "no";
            md << "| " << task << " | " << label << " | " << format(a) << " | " << format(b) << " | " << format(c) << " (" << methodTitle(third)
               << ") | " << beats << " |\n";
        }
    }
    md << "\nFinding AUC: the mean over the findings with at least 5 positive and 5 negative test studies (an AUC from one or two "
          "positives is a coin toss); the mean over every finding with both classes is mean_all in metrics.json, and the finding "
          "table below gives each finding's positives.\n\n";

    // Reports.
    md << "## Reports\n\n";
    md << "| task | method | BLEU-1 | BLEU-2 | BLEU-3 | BLEU-4 | METEOR | ROUGE-L | CIDEr | CE precision | CE recall | CE F1 | CE F1 macro | CE F1 abnormal |\n";
    md << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto &[task, t] : m["tasks"].members()) {
        if (t["kind"].toString() != "report")
            continue;
        for (const auto &[method, r] : t["methods"].members()) {
            md << "| " << task << " | " << methodTitle(method) << " | " << format(r["bleu1"]) << " | " << format(r["bleu2"]) << " | "
               << format(r["bleu3"]) << " | " << format(r["bleu4"]) << " | " << format(r["meteor"]) << " | " << format(r["rouge_l"]) << " | "
               << format(r["cider"]) << " | " << format(r["clinical"]["micro"]["precision"]) << " | " << format(r["clinical"]["micro"]["recall"])
               << " | " << format(r["clinical"]["micro"]["f1"]) << " | " << format(r["clinical"]["macro"]["f1"]) << " | "
               << format(r["clinical"]["micro_abnormal"]["f1"]) << " |\n";
        }
    }
    md << "\n### Readable drafts\n\nShare of reports stating an observation both present and absent (self-contradiction, per the "
          "labeler), share with at least one fragment (a sentence no radiologist would write: report::fragments, "
          "docs/GENERATION.md; the anonymisation placeholder XXXX apart, in its own column), share of sentences no training report "
          "holds (composed: the model wrote them word by word; a reference's were written for its one patient), for each method's "
          "reports and for the test studies' own reference reports.\n\n";
    md << "| task | method | self-contradiction | with fragments | fragments per report | with XXXX | composed sentences | references: self-contradiction | references: with fragments | references: with XXXX | references: composed sentences |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto &[task, t] : m["tasks"].members()) {
        if (t["kind"].toString() != "report")
            continue;
        for (const auto &[method, r] : t["methods"].members())
            md << "| " << task << " | " << methodTitle(method) << " | " << format(r["readability"]["self_contradiction_rate"]) << " | "
               << format(r["readability"]["fragment_rate"]) << " | " << format(r["readability"]["fragments_per_report"]) << " | "
               << format(r["readability"]["placeholder_rate"]) << " | " << format(r["readability"]["composed_sentence_rate"]) << " | "
               << format(r["reference_readability"]["self_contradiction_rate"]) << " | " << format(r["reference_readability"]["fragment_rate"]) << " | "
               << format(r["reference_readability"]["placeholder_rate"]) << " | " << format(r["reference_readability"]["composed_sentence_rate"]) << " |\n";
    }
    md << "\n### Sides\n\nFindings a reference states on one side only (left or right) that the report states present too "
          "(CE's true positives with a side): on the same side, on the other side (a wrong-side finding), on both, or with no side "
          "named.\n\n| task | method | findings | same side | other side | both sides | no side named |\n|---|---|---|---|---|---|---|\n";
    for (const auto &[task, t] : m["tasks"].members()) {
        if (t["kind"].toString() != "report")
            continue;
        for (const auto &[method, r] : t["methods"].members()) {
            const Json &sd = r["sides"];
            if (!sd.isObject())
                continue;
            md << "| " << task << " | " << methodTitle(method) << " | " << sd["findings"].toInt() << " | " << sd["same_side"].toInt() << " | "
               << sd["opposite_side"].toInt() << " | " << sd["both_sides"].toInt() << " | " << sd["no_side"].toInt() << " |\n";
        }
    }
    for (const auto &[task, t] : m["tasks"].members()) {
        const Json &cs = t["classifier_sides"];
        if (cs.isObject() && cs["mirrored_halves"].isObject())
            md << "\n" << task << ": the bundle's frontal classifier sees " << cs["mirrored_halves"]["same_side"].toInt() << " of the "
               << cs["mirrored_halves"]["findings"].toInt() << " one-sided reference findings on the reference's side of the true frontal "
               << "(each half beside its mirror image), " << cs["logit_split"]["same_side"].toInt()
               << " by where its logit lies (left half against right half).\n";
    }
    md << "\nClinical efficacy (CE): the report labeler's positive findings in the generated versus the reference report; "
          "micro pools the counts of all 14 observations, macro averages the observations seen at least once, "
          "abnormal is micro without 'no finding' (which a normal report gets right on every normal study).\n\n";
    // Per observation, model only.
    bool header = false;
    for (const auto &[task, t] : m["tasks"].members()) {
        if (t["kind"].toString() != "report")
            continue;
        if (!header) {
            md << "### Clinical efficacy per observation (model): F1 (true positives / false positives / false negatives)\n\n";
            header = true;
        }
        md << "**" << task << "**: ";
        bool first = true;
        for (const auto &[observation, c] : t["methods"]["model"]["clinical"]["per_observation"].members()) {
            if (c["true_positives"].toInt() + c["false_positives"].toInt() + c["false_negatives"].toInt() == 0)
                continue;
            md << (first ? "" : "; ") << observation << " " << format(c["f1"], 2) << " (" << c["true_positives"].toInt() << "/"
               << c["false_positives"].toInt() << "/" << c["false_negatives"].toInt() << ")";
            first = false;
        }
        md << "\n\n";
    }

    // Images.
    md << "## Images\n\n";
    md << "| task | view | method | PSNR (dB) | SSIM | FD (encoder) | KID (encoder) | finding AUC |\n|---|---|---|---|---|---|---|---|\n";
    for (const auto &[task, t] : m["tasks"].members()) {
        if (t["kind"].toString() != "image")
            continue;
        for (const auto &[method, r] : t["methods"].members())
            for (const auto &[view, v] : r["views"].members())
                md << "| " << task << " | " << view << " | " << methodTitle(method) << " | " << format(v["psnr"], 2) << " | " << format(v["ssim"])
                   << " | " << format(v["frechet_distance"], 4) << " | " << format(v["kid"], 4) << " | " << format(v["finding_auc"]["mean"]) << " |\n";
    }
    bool pairs = false;
    for (const auto &[task, t] : m["tasks"].members())
        for (const auto &[method, r] : t["methods"].members())
            if (r.contains("pair_ssim")) {
                if (!pairs)
                    md << "\n| task | method | pair SSIM (lateral vs the bundle's F2L of the frontal) |\n|---|---|---|\n";
                pairs = true;
                md << "| " << task << " | " << methodTitle(method) << " | " << format(r["pair_ssim"]) << " |\n";
            }
    if (pairs)
        md << "\nPair SSIM: for tasks that draw both views, whether they show the same patient: the SSIM between each lateral and "
              "the lateral the bundle's F2L draws from the frontal beside it (a true pair scores about F2L's own SSIM).\n";
    md << "\nFD and KID: " << m["notes"]["frechet_distance"].toString() << " PSNR and SSIM only for the paired tasks (the true other view "
       << "exists); finding AUC only for tasks conditioned on a report. "
       << "The ceiling row is the true view encoded and decoded by the bundle's autoencoder: every image the model draws passes "
          "through that decoder, so its PSNR/SSIM bound what the generator can reach.\n\n";

    // Finding classifier and downstream test.
    md << "## Finding fidelity\n\n";
    if (!m["finding_classifier"]["frontal"].isObject() && !m["finding_classifier"]["lateral"].isObject()) {
        // No classifier read any image: a run of report tasks only, or training failed.
        bool failed = false;
        for (const char *view : {"frontal", "lateral"})
            if (m["finding_classifier"][view].isString()) {
                md << "The " << view << " finding classifier was " << m["finding_classifier"][view].toString() << "\n\n";
                failed = true;
            }
        if (!failed)
            md << "No task in this run draws an image from a report: no finding classifier was trained and no downstream test ran.\n\n";
    } else {
        // A run that scores only lateral outputs trains only the lateral classifier: its size then.
        const Json &classifierInfo = m["finding_classifier"]["frontal"].isObject() ? m["finding_classifier"]["frontal"] : m["finding_classifier"]["lateral"];
        md << "The finding classifier (a small CNN, " << classifierInfo["input_size"].toInt()
           << " px) is trained on the training split's ground-truth images. Its AUC on the ground-truth test images is the ceiling "
              "for the finding AUC of generated images.\n\n";
        md << "| finding | positive test studies | frontal classifier, ground truth | lateral classifier, ground truth | downstream: trained on generated | downstream: trained on ground truth |\n";
        md << "|---|---|---|---|---|---|\n";
        const Json &fc = m["finding_classifier"], &down = m["downstream"];
        for (const auto &[finding, unused] : fc["frontal"]["auc_on_ground_truth_test"]["per_finding"].members()) {
            (void)unused;
            md << "| " << finding << " | " << format(fc["frontal"]["auc_on_ground_truth_test"]["positives"][finding], 0) << " | "
               << format(fc["frontal"]["auc_on_ground_truth_test"]["per_finding"][finding]) << " | "
               << format(fc["lateral"]["auc_on_ground_truth_test"]["per_finding"][finding]) << " | "
               << format(down["trained_on_generated"]["per_finding"][finding]) << " | " << format(down["trained_on_ground_truth"]["per_finding"][finding])
               << " |\n";
        }
        md << "| **mean** | | " << format(fc["frontal"]["auc_on_ground_truth_test"]["mean"]) << " | " << format(fc["lateral"]["auc_on_ground_truth_test"]["mean"])
           << " | " << format(down["trained_on_generated"]["mean"]) << " | " << format(down["trained_on_ground_truth"]["mean"]) << " |\n\n";
        if (down.contains("skipped"))
            md << "Downstream test skipped: " << down["skipped"].toString() << "\n\n";
        else
            md << "Downstream test: classifiers trained on " << down["training_studies"].toInt() << " frontals generated from training reports (R2F) "
               << "versus the ground-truth frontals of the same studies, both tested on " << down["test_images"].toInt()
               << " ground-truth test frontals. '-' marks findings without both classes in the test set.\n\n";
    }

    // Generation time.
    md << "## Generation time (model, seconds per test study)\n\n";
    bool anyTask = false;
    for (const auto &[task, t] : m["tasks"].members()) {
        if (!t["methods"].isObject() || t["studies"].toInt() <= 0)
            continue;
        md << (anyTask ? ", " : "") << task << " " << format(Json(t["methods"]["model"]["seconds"].toNumber() / t["studies"].toInt()), 2);
        anyTask = true;
    }
    md << (anyTask ? "\n\n" : "none\n\n");

    // Out of distribution.
    const Json &ood = m["ood"];
    md << "## Out-of-distribution check\n\n";
    md << "Scores per input image: autoencoder reconstruction error (MSE), 1 - the highest cosine similarity of its encoder "
          "embedding to training embeddings, and the layout distance (standardised 16 x 16 thumbnail to the nearest training image's). Thresholds at the "
       << format(ood["percentile"], 0) << "th percentile of " << ood["validation_images"].toInt() << " validation images: reconstruction "
       << format(ood["reconstruction_threshold"], 5) << ", distance " << format(ood["distance_threshold"], 5) << ", layout "
       << format(ood["layout_threshold"], 4)
       << ". An image is flagged when either score is above its threshold.\n\n";
    md << "| images | count | flagged | median reconstruction | median distance | median layout | median score / threshold |\n|---|---|---|---|---|---|---|\n";
    for (const char *set : {"simulated_test", "real"}) {
        const Json &s = ood[set];
        if (s.isString()) {
            md << "| " << set << " | " << s.toString() << " | | | | | |\n";
            continue;
        }
        if (!s.isObject())
            continue;
        md << "| " << (std::string(set) == "real" ? "real frontals" : "simulated test") << " | " << s["images"].toInt() << " | "
           << format(s["flagged_fraction"].isNumber() ? Json(100 * s["flagged_fraction"].toNumber()) : Json(), 1) << " % | "
           << format(s["median_reconstruction"], 5) << " | " << format(s["median_distance"], 4) << " | " << format(s["median_layout"], 3) << " | " << format(s["median_ratio"], 2) << " |\n";
    }
    for (const auto &[name, s] : ood["sets"].members()) {
        if (!s.isObject()) {
            md << "| " << name << " | " << s.toString() << " | | | | | |\n";
            continue;
        }
        md << "| " << name << " | " << s["images"].toInt() << " | "
           << format(s["flagged_fraction"].isNumber() ? Json(100 * s["flagged_fraction"].toNumber()) : Json(), 1) << " % | "
           << format(s["median_reconstruction"], 5) << " | " << format(s["median_distance"], 4) << " | " << format(s["median_layout"], 3) << " | " << format(s["median_ratio"], 2) << " |\n";
    }

    const Json &real = m["real"];
    if (real.isObject() && real.size() > 0) {
        md << "\n## Real images\n\n";
        if (real["pairs"].isString()) {
            md << "Real frontal + lateral pairs: " << real["pairs"].toString() << "\n\n";
        } else if (real["pairs"].isObject()) {
            const Json &p = real["pairs"];
            md << "### Real frontal + lateral pairs (" << p["pairs"].toInt() << ", " << p["folder"].toString() << ")\n\n";
            md << "| task | method | SSIM | PSNR (dB) |\n|---|---|---|---|\n";
            for (const char *task : {"F2L", "L2F"})
                for (const auto &[method, r] : p[task].members())
                    md << "| " << task << " | " << method << " | " << format(r["ssim"]) << " | " << format(r["psnr"], 2) << " |\n";
            md << "\nBaselines: mean_real_view is the mean of the other pairs' true views; nearest_neighbour the training study's "
                  "view whose input embeds nearest.\n\n";
        }
        if (real["labelled_frontals"].isObject()) {
            md << "### F2R on labelled real frontals\n\nAbnormal: labelled pneumonia; a draft calls an image abnormal when the labeler "
                  "reads pneumonia, consolidation or lung opacity in it (present or uncertain). AUC from the finding classifiers' "
                  "highest of the three probabilities. Readability: share of drafts with a self-contradiction / with a fragment, "
                  "share of sentences no training report holds (composed), share of drafts with an impression, as the user gets them (after the final pass) and before it; "
                  "before it also the share of drafts whose impression puts a lung finding in a lung zone (lobe, base, upper lung) the findings did not name, "
                  "or an effusion or pneumothorax on the other side (the pass removes that sentence).\n\n";
            md << "| set | images (abnormal / normal) | method | sensitivity | specificity | AUC | self-contradiction | with fragments | composed sentences | "
                  "with an impression | before the pass: self-contradiction | before: with fragments | before: impression moves a finding | "
                  "before: with an impression |\n"
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
            for (const auto &[folder, r] : real["labelled_frontals"].members()) {
                if (!r.isObject()) {
                    md << "| " << folder << " | " << r.toString() << " | | | | | | | | | | | | |\n";
                    continue;
                }
                const std::string counts = std::to_string(r["images"].toInt()) + " (" + std::to_string(r["abnormal"].toInt()) + " / " +
                                           std::to_string(r["normal"].toInt()) + ")";
                const Json &mo = r["model"], &b = r["most_frequent_report"];
                md << "| " << folder << " | " << counts << " | model | " << format(mo["sensitivity"]) << " | " << format(mo["specificity"]) << " | "
                   << format(mo["auc"]) << " | " << format(mo["readability"]["self_contradiction_rate"]) << " | "
                   << format(mo["readability"]["fragment_rate"]) << " | " << format(mo["readability"]["composed_sentence_rate"]) << " | "
                   << format(mo["readability"]["with_impression_rate"]) << " | "
                   << format(mo["readability_before_final_pass"]["self_contradiction_rate"])
                   << " | " << format(mo["readability_before_final_pass"]["fragment_rate"]) << " | "
                   << format(mo["readability_before_final_pass"]["impression_moves_finding_rate"]) << " | "
                   << format(mo["readability_before_final_pass"]["with_impression_rate"]) << " |\n";
                md << "| " << folder << " | " << counts << " | most frequent report | " << format(b["sensitivity"]) << " | "
                   << format(b["specificity"]) << " | " << format(b["auc"]) << " | | | | | | | | |\n";
            }
            if (const Json &pool = real["labelled_pooled"]; pool.isObject()) {
                md << "| all " << pool["sets"].toInt() << " sets pooled | " << pool["images"].toInt() << " (" << pool["abnormal"].toInt() << " / "
                   << pool["normal"].toInt() << ") | model | " << format(pool["sensitivity"]) << " | " << format(pool["specificity"]) << " | "
                   << format(pool["auc"]) << " | | | | | | | | |\n";
            }
            bool anyLateral = false;
            for (const auto &[folder, r] : real["labelled_frontals"].members())
                anyLateral = anyLateral || (r.isObject() && r["synthesized_lateral"].isObject());
            if (anyLateral) {
                md << "\n### F2L on labelled real frontals\n\nEach frontal's synthesized lateral (variant 0) read by the evaluation's lateral "
                      "finding classifier (trained on the training split's laterals): AUC of its highest pneumonia / consolidation / "
                      "opacity probability against the frontal's label, and its mean for the abnormal and the normal images. "
                      "0.5: the lateral does not show what the frontal shows (a generic lateral scores 0.5 whatever it looks like).\n\n"
                      "| set | images | AUC | mean score, abnormal | mean score, normal |\n|---|---|---|---|---|\n";
                for (const auto &[folder, r] : real["labelled_frontals"].members())
                    if (r.isObject() && r["synthesized_lateral"].isObject()) {
                        const Json &l = r["synthesized_lateral"];
                        md << "| " << folder << " | " << l["images"].toInt() << " | " << format(l["auc"]) << " | "
                           << format(l["mean_score_abnormal"]) << " | " << format(l["mean_score_normal"]) << " |\n";
                    }
            }
            md << "\nExample drafts (as the user gets them):\n\n";
            for (const auto &[folder, r] : real["labelled_frontals"].members())
                for (const Json &e : r["model"]["examples"].items())
                    md << "- `" << e["image"].toString() << "`: " << e["draft"].toString() << "\n";
            md << "\n";
        }
    }
    md << "\n## Notes\n\n";
    for (const auto &[key, note] : m["notes"].members())
        md << "- " << key << ": " << note.toString() << "\n";
    return md.str();
}

} // namespace radsynth::evaluation
