package dev.openmodel.openness;

import dev.openmodel.license.LicenseCategory;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a release by the Model Openness Framework the way its reference tool does:
 * cumulative classes (III Open Model ⊂ II Open Tooling ⊂ I Open Science), each required
 * component present under a license suited to its content type (code: OSI-approved; data and
 * documents: an open license that allows commercial use), and Class III's conditional pass
 * when the final weights are under an open-source license. A research paper also counts as the
 * technical report. Then the OSI Open Source AI Definition 1.0 and open-washing checks.
 */
public final class OpennessClassifier {

    private OpennessClassifier() {
    }

    /**
     * @param components what the publisher declares as released
     * @param declaredLicense the model's own license (spec.license); it governs the final weights
     *     when no model-parameters-final component says otherwise
     */
    public static OpennessAssessment assess(List<DeclaredComponent> components, ResolvedLicense declaredLicense) {
        Map<MofComponent, ResolvedLicense> released = new EnumMap<>(MofComponent.class);
        for (DeclaredComponent c : components) {
            if (c.component() != null && c.license() != null && !c.license().isBlank()) {
                released.put(c.component(), LicenseResolver.resolve(c.license()));
            }
        }
        boolean weightsDeclared = released.containsKey(MofComponent.MODEL_PARAMETERS_FINAL);
        if (!weightsDeclared && declaredLicense != null && declaredLicense.known()) {
            released.put(MofComponent.MODEL_PARAMETERS_FINAL, declaredLicense);
        }
        Set<MofComponent> valid = EnumSet.noneOf(MofComponent.class);
        released.forEach((component, license) -> {
            if (suits(component, license)) {
                valid.add(component);
            }
        });
        if (valid.contains(MofComponent.RESEARCH_PAPER)) {
            valid.add(MofComponent.TECHNICAL_REPORT);
        }

        List<MofComponent> missing3 = missing(valid, 3);
        List<MofComponent> missing2 = missing(valid, 2);
        List<MofComponent> missing1 = missing(valid, 1);
        ResolvedLicense weights = released.get(MofComponent.MODEL_PARAMETERS_FINAL);
        boolean conditional3 = weights != null && openSource(weights);
        String mofClass;
        List<MofComponent> next;
        if (missing1.isEmpty()) {
            mofClass = "ClassI";
            next = List.of();
        } else if (missing2.isEmpty()) {
            mofClass = "ClassII";
            next = missing1;
        } else if (missing3.isEmpty() || conditional3) {
            mofClass = "ClassIII";
            next = missing2;
        } else {
            mofClass = "Unclassified";
            next = missing3;
        }
        boolean conditional = "ClassIII".equals(mofClass) && !missing3.isEmpty();

        boolean osaidParameters = weights != null && weights.osiApproved();
        List<String> osaidGaps = new ArrayList<>();
        if (!osaidParameters) {
            osaidGaps.add("parameters under OSI-approved terms");
        }
        for (MofComponent code : List.of(MofComponent.TRAINING_CODE, MofComponent.INFERENCE_CODE, MofComponent.DATA_PREPROCESSING_CODE,
                MofComponent.MODEL_ARCHITECTURE)) {
            ResolvedLicense l = released.get(code);
            if (l == null || !l.osiApproved()) {
                osaidGaps.add(code.id() + " under an OSI-approved license");
            }
        }
        if (!valid.contains(MofComponent.DATA_CARD) && !valid.contains(MofComponent.DATASETS)) {
            osaidGaps.add("data information (data-card or datasets)");
        }
        boolean osaid = osaidGaps.isEmpty();
        boolean openWeights = weights != null && weights.category().isOpen() && Boolean.TRUE.equals(weights.commercialUse());
        String verdict = osaid ? "open-source" : openWeights ? "open-weights"
                : weights != null && weights.known() ? "restricted-weights" : "unknown";

        List<String> findings = new ArrayList<>();
        if (components.isEmpty()) {
            findings.add("no openness declaration: only the model's own license is known, taken as the license of the weights");
        }
        if (conditional) {
            findings.add("Class III is conditional: the final weights are under an open-source license, but "
                    + String.join(", ", ids(missing3)) + " are missing or not under an open license");
        }
        if (declaredLicense != null && declaredLicense.osiApproved() && !osaid) {
            findings.add("open-washing: the model is released under " + declaredLicense.id()
                    + ", an open-source license, but does not meet the Open Source AI Definition: missing " + String.join(", ", osaidGaps));
        }
        if (weightsDeclared && declaredLicense != null && weights.category().ordinal() > declaredLicense.category().ordinal()) {
            findings.add("the final weights are under " + weights.id() + " (" + weights.category() + "), more restrictive than the declared license "
                    + declaredLicense.id() + " (" + declaredLicense.category() + ")");
        }
        released.forEach((component, license) -> {
            if (!suits(component, license) && component != MofComponent.MODEL_PARAMETERS_FINAL) {
                findings.add(component.id() + " is released under " + license.id() + ", which is not an open " + typeWords(component)
                        + " license");
            }
        });
        return new OpennessAssessment(mofClass, conditional, osaid, openWeights, verdict, ids(next), List.copyOf(findings));
    }

    /** Whether a license suits a component of the given content types (any one suffices). */
    static boolean suits(MofComponent component, ResolvedLicense license) {
        for (MofComponent.ContentType type : component.types()) {
            boolean ok = switch (type) {
                case CODE -> openSource(license);
                case DATA, DOCUMENT -> license.category().isOpen() && Boolean.TRUE.equals(license.commercialUse());
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** OSI-approved, or an open-model license written for all of a model's parts (OpenMDW). */
    private static boolean openSource(ResolvedLicense license) {
        return license.osiApproved() || license.category() == LicenseCategory.OPEN_MODEL;
    }

    private static List<MofComponent> missing(Set<MofComponent> valid, int mofClass) {
        List<MofComponent> missing = new ArrayList<>();
        for (MofComponent c : MofComponent.values()) {
            if (c.required() && c.mofClass() >= mofClass && !valid.contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    private static List<String> ids(List<MofComponent> components) {
        return components.stream().map(MofComponent::id).toList();
    }

    private static String typeWords(MofComponent component) {
        return String.join("/", component.types().stream().map(t -> t.name().toLowerCase()).toList());
    }
}
